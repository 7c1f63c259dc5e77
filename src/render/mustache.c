/* mustache.c — template sets and rendering. See mustache.h; the parser is in
 * mustache_parse.c. */
#include "render/mustache.h"
#include "render/mustache_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/embed.h"

#define SAFE_KEY "$safe_html"

struct mustache_set {
	unsigned flags;
	struct mustache_tpl **tpls; /* owned, sorted by name */
	size_t n, alloc;
};

/* a piece of indentation: the whitespace before a standalone partial */
struct indent {
	const char *p;
	size_t n;
};

/* the state of one render; lives on the caller's stack */
struct render {
	const struct mustache_set *set;
	unsigned flags;
	struct buf *out;
	struct err *e;
	const json_t *ctx[MUSTACHE_MAX_CONTEXT]; /* context stack, top last */
	size_t nctx;
	/* the indentation written at the start of each line: ind[ind_lo,
	 * ind_hi), in order. A partial that is not standalone starts afresh. */
	struct indent ind[MUSTACHE_MAX_PARTIAL_DEPTH + 1];
	size_t ind_lo, ind_hi;
	unsigned partials; /* partials being rendered */
	unsigned long steps; /* nodes visited and contexts searched */
};

/* ---- the set ---- */

struct mustache_set *
mustache_set_new(void)
{
	return calloc(1, sizeof(struct mustache_set));
}

void
mustache_set_free(struct mustache_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++)
		mustache_tpl_free(set->tpls[i]);
	free(set->tpls);
	free(set);
}

void
mustache_set_flags(struct mustache_set *set, unsigned flags)
{
	set->flags = flags;
}

/* index of NAME in SET, or where it would be inserted (*FOUND false) */
static size_t
set_find(const struct mustache_set *set, const char *name, bool *found)
{
	size_t lo = 0, hi = set->n, mid;
	int c;

	*found = false;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(name, set->tpls[mid]->name);
		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

enum mm_err
mustache_set_add(struct mustache_set *set, const char *name,
    const char *text, size_t len, struct err *e)
{
	struct mustache_tpl *t = NULL, **tpls;
	size_t nlen = strlen(name), at, want;
	enum mm_err rc;
	bool found;

	if (nlen == 0 || nlen > MUSTACHE_MAX_NAME)
		return err_set(e, MM_EINVAL, "テンプレートの名前 \"%.60s\" が不正です"
		    "（1〜%d バイト）", name, MUSTACHE_MAX_NAME);
	at = set_find(set, name, &found);
	if (found)
		return err_set(e, MM_ECONFLICT, "テンプレート %s は既にあります",
		    name);
	rc = mustache_parse(name, text, len, &t, e);
	if (rc != MM_OK)
		goto fail;
	if (set->n == set->alloc) {
		want = set->alloc ? set->alloc * 2 : 16;
		tpls = realloc(set->tpls, want * sizeof(*tpls));
		if (tpls == NULL) {
			rc = err_set(e, MM_ENOMEM, "メモリが足りません");
			goto fail;
		}
		set->tpls = tpls;
		set->alloc = want;
	}
	memmove(set->tpls + at + 1, set->tpls + at,
	    (set->n - at) * sizeof(*set->tpls));
	set->tpls[at] = t;
	set->n++;
	return MM_OK;
fail:
	mustache_tpl_free(t);
	return rc;
}

enum mm_err
mustache_set_add_embedded(struct mustache_set *set, const char *dir,
    struct err *e)
{
	static const char ext[] = ".mustache";
	const struct embed_file *f;
	size_t dlen = strlen(dir), xlen = sizeof(ext) - 1, flen;
	char name[MUSTACHE_MAX_NAME + 1];
	enum mm_err rc;

	for (f = embed_files; f->name != NULL; f++) {
		flen = strlen(f->name);
		if (flen <= dlen + xlen || strncmp(f->name, dir, dlen) != 0 ||
		    strcmp(f->name + flen - xlen, ext) != 0)
			continue;
		if (flen - dlen - xlen > MUSTACHE_MAX_NAME)
			return err_set(e, MM_EINVAL, "テンプレートの名前が長すぎます: %s",
			    f->name);
		memcpy(name, f->name + dlen, flen - dlen - xlen);
		name[flen - dlen - xlen] = '\0';
		rc = mustache_set_add(set, name, (const char *)f->data, f->size,
		    e);
		if (rc != MM_OK)
			return rc;
	}
	return MM_OK;
}

const struct mustache_tpl *
mustache_set_get(const struct mustache_set *set, const char *name)
{
	bool found;
	size_t at = set_find(set, name, &found);

	return found ? set->tpls[at] : NULL;
}

/* the template called P[0, N) (not NUL-terminated), or NULL */
static const struct mustache_tpl *
set_getn(const struct mustache_set *set, const char *p, size_t n)
{
	char name[MUSTACHE_MAX_NAME + 1];

	if (n == 0 || n > MUSTACHE_MAX_NAME || memchr(p, '\0', n) != NULL)
		return NULL;
	memcpy(name, p, n);
	name[n] = '\0';
	return mustache_set_get(set, name);
}

enum mm_err
mustache_set_check(const struct mustache_set *set, struct err *e)
{
	const struct mustache_tpl *t;
	const struct mustache_node *nd;
	char where[MUSTACHE_MAX_NAME + 64];
	size_t i, j;

	for (i = 0; i < set->n; i++) {
		t = set->tpls[i];
		for (j = 0; j < t->nnodes; j++) {
			nd = &t->nodes[j];
			if (nd->kind != MUSTACHE_PARTIAL ||
			    (nd->flags & MUSTACHE_DYNAMIC) ||
			    set_getn(set, t->src + nd->off, nd->len) != NULL)
				continue;
			mustache_where(t, nd->tag, where, sizeof(where));
			return err_set(e, MM_ENOTFOUND, "テンプレート %s: パーシャル "
			    "%.*s がありません", where, (int)nd->len,
			    t->src + nd->off);
		}
	}
	return MM_OK;
}

const char *
mustache_tpl_name(const struct mustache_tpl *tpl)
{
	return tpl->name;
}

/* {"$safe_html": S}, consuming S */
static json_t *
safe_wrap(json_t *s)
{
	json_t *o;

	if (s == NULL)
		return NULL;
	o = json_object();
	if (o == NULL) {
		json_decref(s);
		return NULL;
	}
	/* json_object_set_new() releases S also when it fails */
	if (json_object_set_new(o, SAFE_KEY, s) != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *
mustache_safe_html(const char *html)
{
	return safe_wrap(json_string(html));
}

json_t *
mustache_safe_html_checked(const char *html, size_t len)
{
	return safe_wrap(json_stringn_nocheck(html, len));
}

/* ---- rendering ---- */

static enum mm_err render_range(struct render *r,
    const struct mustache_tpl *t, size_t i, size_t end);

static enum mm_err fail_at(struct render *r, const struct mustache_tpl *t,
    size_t off, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static enum mm_err
fail_at(struct render *r, const struct mustache_tpl *t, size_t off,
    const char *fmt, ...)
{
	char where[MUSTACHE_MAX_NAME + 64];
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	mustache_where(t, off, where, sizeof(where));
	return err_set(r->e, MM_EINVAL, "テンプレート %s: %s", where, what);
}

static enum mm_err
out_failed(struct render *r)
{
	return err_set(r->e, MM_ENOMEM, "テンプレートの出力が上限（%zu バイト）を"
	    "超えたか、メモリが足りません", r->out->cap);
}

/* the value named by P[0, N) (a checked dotted name), or NULL */
static const json_t *
lookup(struct render *r, const char *p, size_t n)
{
	const json_t *v = NULL;
	const char *dot;
	size_t k, i;

	if (r->nctx == 0)
		return NULL;
	if (n == 1 && p[0] == '.')
		return r->ctx[r->nctx - 1];
	dot = memchr(p, '.', n);
	k = dot ? (size_t)(dot - p) : n;
	for (i = r->nctx; i > 0 && v == NULL; i--, r->steps++)
		if (json_is_object(r->ctx[i - 1]))
			v = json_object_getn(r->ctx[i - 1], p, k);
	while (v != NULL && k < n) {
		p += k + 1;
		n -= k + 1;
		dot = memchr(p, '.', n);
		k = dot ? (size_t)(dot - p) : n;
		v = json_is_object(v) ? json_object_getn(v, p, k) : NULL;
	}
	return v;
}

/* the trusted HTML in V when V is {"$safe_html": "…"}, else NULL */
static const json_t *
safe_html(const json_t *v)
{
	const json_t *h;

	if (!json_is_object(v) || json_object_size(v) != 1)
		return NULL;
	h = json_object_get(v, SAFE_KEY);
	return json_is_string(h) ? h : NULL;
}

static bool
truthy(const json_t *v)
{
	if (v == NULL || json_is_null(v) || json_is_false(v))
		return false;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	return true;
}

static void
put_indent(struct render *r)
{
	size_t i;

	for (i = r->ind_lo; i < r->ind_hi; i++)
		buf_append(r->out, r->ind[i].p, r->ind[i].n);
}

/* literal text: indent after each newline that is not the last byte (the
 * next node decides about the line after that) */
static void
put_text(struct render *r, const char *p, size_t n)
{
	const char *nl;
	size_t k;

	if (r->ind_lo == r->ind_hi) {
		buf_append(r->out, p, n);
		return;
	}
	while (n > 0) {
		nl = memchr(p, '\n', n);
		k = nl ? (size_t)(nl - p) + 1 : n;
		buf_append(r->out, p, k);
		p += k;
		n -= k;
		if (n > 0)
			put_indent(r);
	}
}

static void
put_escaped(struct render *r, const char *p, size_t n)
{
	bool apos = !(r->flags & MUSTACHE_SPEC_ESCAPE);
	const char *rep;
	size_t i, from = 0;

	for (i = 0; i < n; i++) {
		switch (p[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = apos ? "&#39;" : NULL; break;
		default: rep = NULL; break;
		}
		if (rep == NULL)
			continue;
		buf_append(r->out, p + from, i - from);
		buf_puts(r->out, rep);
		from = i + 1;
	}
	buf_append(r->out, p + from, n - from);
}

/* a double as the shortest text that reads back as the same value */
static void
put_real(struct render *r, double d)
{
	char tmp[40];
	int prec;

	for (prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	buf_puts(r->out, tmp);
}

static void
put_value(struct render *r, const json_t *v, bool raw)
{
	const json_t *h;

	switch (json_typeof(v)) {
	case JSON_STRING:
		if (raw && (r->flags & MUSTACHE_SPEC_RAW))
			buf_append(r->out, json_string_value(v),
			    json_string_length(v));
		else
			put_escaped(r, json_string_value(v),
			    json_string_length(v));
		break;
	case JSON_INTEGER:
		buf_printf(r->out, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		break;
	case JSON_REAL:
		put_real(r, json_real_value(v));
		break;
	case JSON_TRUE:
		buf_puts(r->out, "true");
		break;
	case JSON_FALSE:
		buf_puts(r->out, "false");
		break;
	case JSON_OBJECT:
		h = safe_html(v);
		if (h != NULL)
			buf_append(r->out, json_string_value(h),
			    json_string_length(h));
		break;
	case JSON_ARRAY:
	case JSON_NULL:
		break;
	}
}

static enum mm_err
push(struct render *r, const struct mustache_tpl *t,
    const struct mustache_node *nd, const json_t *v)
{
	if (r->nctx == MUSTACHE_MAX_CONTEXT)
		return fail_at(r, t, nd->tag, "セクションの入れ子が深すぎます"
		    "（文脈の上限 %d）", MUSTACHE_MAX_CONTEXT);
	r->ctx[r->nctx++] = v;
	return MM_OK;
}

static enum mm_err
render_section(struct render *r, const struct mustache_tpl *t, size_t i)
{
	const struct mustache_node *nd = &t->nodes[i];
	const json_t *v = lookup(r, t->src + nd->off, nd->len);
	enum mm_err rc;
	size_t k;

	if (nd->kind == MUSTACHE_INVERTED)
		return truthy(v) ? MM_OK : render_range(r, t, i + 1, nd->end);
	if (!truthy(v))
		return MM_OK;
	if (!json_is_array(v)) {
		rc = push(r, t, nd, v);
		if (rc != MM_OK)
			return rc;
		rc = render_range(r, t, i + 1, nd->end);
		r->nctx--;
		return rc;
	}
	for (k = 0; k < json_array_size(v); k++) {
		rc = push(r, t, nd, json_array_get(v, k));
		if (rc != MM_OK)
			return rc;
		rc = render_range(r, t, i + 1, nd->end);
		r->nctx--;
		if (rc != MM_OK)
			return rc;
	}
	return MM_OK;
}

static enum mm_err
render_partial(struct render *r, const struct mustache_tpl *t,
    const struct mustache_node *nd)
{
	const struct mustache_tpl *p;
	const json_t *v;
	size_t lo = r->ind_lo, hi = r->ind_hi;
	enum mm_err rc;

	if (nd->flags & MUSTACHE_DYNAMIC) {
		v = lookup(r, t->src + nd->off, nd->len);
		if (!json_is_string(v))
			return MM_OK;
		p = set_getn(r->set, json_string_value(v),
		    json_string_length(v));
	} else {
		p = set_getn(r->set, t->src + nd->off, nd->len);
	}
	if (p == NULL)
		return MM_OK;
	if (r->partials == MUSTACHE_MAX_PARTIAL_DEPTH)
		return fail_at(r, t, nd->tag, "パーシャルの入れ子が深すぎます"
		    "（最大 %d）: %s", MUSTACHE_MAX_PARTIAL_DEPTH, p->name);
	if (nd->flags & MUSTACHE_INDENT) {
		r->ind[r->ind_hi].p = t->src + nd->ind_off;
		r->ind[r->ind_hi].n = nd->ind_len;
		r->ind_hi++;
	} else {
		r->ind_lo = r->ind_hi;
	}
	r->partials++;
	rc = render_range(r, p, 0, p->nnodes);
	r->partials--;
	r->ind_lo = lo;
	r->ind_hi = hi;
	return rc;
}

static enum mm_err
render_range(struct render *r, const struct mustache_tpl *t, size_t i,
    size_t end)
{
	const struct mustache_node *nd;
	const json_t *v;
	enum mm_err rc = MM_OK;

	while (i < end) {
		nd = &t->nodes[i];
		if (++r->steps > MUSTACHE_MAX_STEPS)
			return fail_at(r, t, nd->tag, "テンプレートの処理が多すぎます"
			    "（%lu 手順を超えました）", (unsigned long)MUSTACHE_MAX_STEPS);
		if ((nd->flags & MUSTACHE_BOL) && r->ind_lo < r->ind_hi)
			put_indent(r);
		switch ((enum mustache_kind)nd->kind) {
		case MUSTACHE_TEXT:
			put_text(r, t->src + nd->off, nd->len);
			break;
		case MUSTACHE_VAR:
			v = lookup(r, t->src + nd->off, nd->len);
			if (v != NULL)
				put_value(r, v, nd->flags & MUSTACHE_RAW);
			break;
		case MUSTACHE_SECTION:
		case MUSTACHE_INVERTED:
			rc = render_section(r, t, i);
			i = nd->end - 1;
			break;
		case MUSTACHE_PARTIAL:
			rc = render_partial(r, t, nd);
			break;
		}
		if (rc != MM_OK)
			return rc;
		if (buf_failed(r->out))
			return out_failed(r);
		i++;
	}
	return MM_OK;
}

enum mm_err
mustache_render(const struct mustache_set *set,
    const struct mustache_tpl *tpl, const json_t *data, struct buf *out,
    struct err *e)
{
	struct render *r;
	enum mm_err rc;

	if (buf_failed(out))
		return err_set(e, MM_ENOMEM, "出力バッファは既に失敗しています");
	r = calloc(1, sizeof(*r));
	if (r == NULL)
		return err_set(e, MM_ENOMEM, "メモリが足りません");
	r->set = set;
	r->flags = set->flags;
	r->out = out;
	r->e = e;
	if (data != NULL)
		r->ctx[r->nctx++] = data;
	rc = render_range(r, tpl, 0, tpl->nnodes);
	free(r);
	return rc;
}

enum mm_err
mustache_render_name(const struct mustache_set *set, const char *name,
    const json_t *data, struct buf *out, struct err *e)
{
	const struct mustache_tpl *t = mustache_set_get(set, name);

	if (t == NULL)
		return err_set(e, MM_ENOTFOUND, "テンプレート %s がありません",
		    name);
	return mustache_render(set, t, data, out, e);
}

enum mm_err
mustache_render_text(const char *text, size_t len, const json_t *partials,
    const json_t *data, unsigned flags, struct buf *out, struct err *e)
{
	struct mustache_set *set;
	struct mustache_tpl *t = NULL;
	const char *name;
	json_t *v;
	enum mm_err rc;

	set = mustache_set_new();
	if (set == NULL)
		return err_set(e, MM_ENOMEM, "メモリが足りません");
	mustache_set_flags(set, flags);
	json_object_foreach((json_t *)partials, name, v) {
		if (!json_is_string(v)) {
			rc = err_set(e, MM_EINVAL, "パーシャル %s が文字列ではありません",
			    name);
			goto done;
		}
		rc = mustache_set_add(set, name, json_string_value(v),
		    json_string_length(v), e);
		if (rc != MM_OK)
			goto done;
	}
	rc = mustache_parse("(template)", text, len, &t, e);
	if (rc != MM_OK)
		goto done;
	rc = mustache_render(set, t, data, out, e);
done:
	mustache_tpl_free(t);
	mustache_set_free(set);
	return rc;
}
