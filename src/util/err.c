/* err.c — error codes, message keys and their parameters.
 *
 * E->params holds one record per parameter:
 *     NODE KIND name '\0' value '\0'
 * NODE is the message it belongs to (0 the message itself, N the nested
 * message E->sub[N - 1]), KIND is PK_TEXT, PK_KEY (value is a locale
 * key), PK_LTEXT (a text in both languages) or PK_MSG (value is the
 * number of a nested message, in decimal).
 */
#include "util/err.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/locale.h"

#define PK_TEXT 's'
#define PK_KEY 'k'
#define PK_MSG 'm'
#define PK_LTEXT 'l' /* value: the Japanese text, LTEXT_SEP, the English one */
#define LTEXT_SEP '\x1f'
#define RENDER_DEPTH 4

/* copy S into OUT (size N > 4), cut before a partial UTF-8 character with
 * "…" when it does not fit */
static void
copy_cut(char *out, size_t n, const char *s, size_t len)
{
	if (len < n) {
		memcpy(out, s, len);
		out[len] = '\0';
		return;
	}
	len = n - 4;
	while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--;
	memcpy(out, s, len);
	memcpy(out + len, "…", 4);
}

static void
reset(struct err *e, enum mm_err code, const char *key)
{
	e->code = code;
	e->key = key;
	e->nsub = 0;
	e->plen = 0;
	e->cut = false;
	e->params[0] = '\0';
	e->msg[0] = '\0';
}

/* append one record; false (and E->cut) when it does not fit; a value
 * too long for the space left is cut */
static bool
put_param(struct err *e, unsigned node, char kind, const char *name, size_t namelen,
    const char *value)
{
	size_t left = sizeof(e->params) - e->plen, vlen = strlen(value);
	char *p = e->params + e->plen;

	if (node > 255 || left < 2 + namelen + 1 + 8) {
		e->cut = true;
		return false;
	}
	p[0] = (char)node;
	p[1] = kind;
	memcpy(p + 2, name, namelen);
	p[2 + namelen] = '\0';
	left -= 2 + namelen + 1;
	if (vlen >= left && kind != PK_TEXT) {
		e->cut = true;
		return false;
	}
	copy_cut(p + 3 + namelen, left, value, vlen);
	e->plen += 3 + namelen + strlen(p + 3 + namelen) + 1;
	return true;
}

/* the parameters of PARAMS ("{name}%conv…") with their values from AP,
 * for message NODE */
static void
put_params(struct err *e, unsigned node, const char *params, va_list ap)
{
	const char *p = params, *name, *end, *conv;
	char spec[16], value[256];
	const char *str;
	size_t namelen, speclen;
	char kind;

	while (p != NULL && *p == '{') {
		name = p + 1;
		kind = PK_TEXT;
		str = value;
		if (*name == '@' || *name == '~') {
			kind = *name == '@' ? PK_KEY : PK_LTEXT;
			name++;
		}
		if ((end = strchr(name, '}')) == NULL || end[1] != '%')
			break;
		namelen = (size_t)(end - name);
		conv = end + 1;
		speclen = strspn(conv + 1, ".0123456789hlzjt") + 2;
		if (speclen >= sizeof(spec))
			break;
		if (kind == PK_LTEXT) { /* "%s%s": Japanese, English */
			const char *ja = va_arg(ap, const char *);
			const char *en = va_arg(ap, const char *);
			if (strncmp(conv, "%s%s", 4) != 0)
				return;
			snprintf(value, sizeof(value), "%s%c%s", ja ? ja : "", LTEXT_SEP,
			    en ? en : "");
			put_param(e, node, kind, name, namelen, value);
			p = conv + 4;
			continue;
		}
		memcpy(spec, conv, speclen);
		spec[speclen] = '\0';
		switch (spec[speclen - 1]) {
		case 's':
			str = va_arg(ap, const char *);
			if (str == NULL)
				str = "";
			if (strchr(spec, '.') != NULL) { /* a precision: a short piece */
				snprintf(value, sizeof(value), spec, str);
				str = value;
			}
			break;
		case 'd': case 'i':
			if (strstr(spec, "ll") != NULL || strchr(spec, 'j') != NULL)
				snprintf(value, sizeof(value), "%lld", (long long)va_arg(ap, long long));
			else if (strchr(spec, 'l') != NULL || strchr(spec, 'z') != NULL ||
			    strchr(spec, 't') != NULL)
				snprintf(value, sizeof(value), "%ld", va_arg(ap, long));
			else
				snprintf(value, sizeof(value), "%d", va_arg(ap, int));
			break;
		case 'u': case 'x':
			if (strstr(spec, "ll") != NULL || strchr(spec, 'j') != NULL)
				snprintf(value, sizeof(value), spec[speclen - 1] == 'u' ? "%llu" : "%llx",
				    va_arg(ap, unsigned long long));
			else if (strchr(spec, 'l') != NULL || strchr(spec, 'z') != NULL ||
			    strchr(spec, 't') != NULL)
				snprintf(value, sizeof(value), spec[speclen - 1] == 'u' ? "%lu" : "%lx",
				    va_arg(ap, unsigned long));
			else
				snprintf(value, sizeof(value), spec[speclen - 1] == 'u' ? "%u" : "%x",
				    va_arg(ap, unsigned));
			break;
		default:
			return; /* not a conversion we know: the rest can not be read */
		}
		put_param(e, node, kind, name, namelen, str);
		p = conv + speclen;
	}
}

/* struct err_msg is also the view through which a message is rendered:
 * err_render looks at a struct err through one (pointers into it), a kept
 * message is one (its own allocation). For a text of err_set KEY is NULL
 * and PARAMS holds the text. */
struct err_msg {
	const char *key;
	const char *const *sub;
	unsigned nsub;
	size_t plen;
	bool cut;
	const char *params;
};

static void
view_of(const struct err *e, struct err_msg *v)
{
	v->key = e->key;
	v->sub = e->sub;
	v->nsub = e->nsub;
	v->plen = e->plen;
	v->cut = e->cut;
	v->params = e->key != NULL ? e->params : e->msg;
}

struct render_ctx {
	const struct err_msg *e;
	const struct locale *l;
	enum lang lang;
	unsigned node;
	int depth;
};

static bool render_node(const struct err_msg *e, const struct locale *l, enum lang lang,
    unsigned node, int depth, struct buf *out);

/* the next record after P (or the first when P is NULL), NULL at the end */
static const char *
next_param(const struct err_msg *e, const char *p)
{
	if (p == NULL)
		p = e->params;
	else {
		p += 2;
		p += strlen(p) + 1;
		p += strlen(p) + 1;
	}
	return p < e->params + e->plen ? p : NULL;
}

/* the separator of a list in message NODE: the text of "KEY_sep" when
 * there is one, else of "err.sep" */
static const char *
list_sep(const struct render_ctx *c)
{
	const char *key = c->node == 0 ? c->e->key : c->e->sub[c->node - 1];
	const char *sep = NULL;
	char k[128];

	if (key != NULL && (size_t)snprintf(k, sizeof(k), "%s_sep", key) < sizeof(k))
		sep = locale_text(c->l, c->lang, k);
	if (sep == NULL)
		sep = locale_text(c->l, c->lang, "err.sep");
	return sep ? sep : ", ";
}

static bool
write_param(void *ctx, const char *name, size_t namelen, struct buf *out)
{
	const struct render_ctx *c = ctx;
	const char *p = NULL, *value;
	unsigned n = 0;

	while ((p = next_param(c->e, p)) != NULL) {
		if ((unsigned char)p[0] != c->node || strlen(p + 2) != namelen ||
		    memcmp(p + 2, name, namelen) != 0)
			continue;
		value = p + 2 + namelen + 1;
		if (n++ > 0)
			buf_puts(out, list_sep(c));
		if (p[1] == PK_KEY) {
			const char *t = locale_text(c->l, c->lang, value);
			buf_puts(out, t ? t : value);
		} else if (p[1] == PK_LTEXT) {
			const char *mid = strchr(value, LTEXT_SEP);
			if (mid == NULL)
				buf_puts(out, value);
			else if (c->lang == LANG_EN && mid[1] != '\0')
				buf_puts(out, mid + 1);
			else
				buf_append(out, value, (size_t)(mid - value));
		} else if (p[1] == PK_MSG) {
			render_node(c->e, c->l, c->lang, (unsigned)strtoul(value, NULL, 10),
			    c->depth + 1, out);
		} else
			buf_puts(out, value);
	}
	if (n > 0 && c->node == 0 && c->e->cut)
		buf_puts(out, "…");
	return n > 0;
}

/* message NODE of E in LANG; a key missing from the tables is written as
 * the key and its parameters */
static bool
render_node(const struct err_msg *e, const struct locale *l, enum lang lang,
    unsigned node, int depth, struct buf *out)
{
	struct render_ctx c = { e, l, lang, node, depth };
	const char *key = node == 0 ? e->key : node <= e->nsub ? e->sub[node - 1] : NULL;
	const char *p = NULL;
	bool first = true;

	if (key == NULL || depth > RENDER_DEPTH)
		return !buf_failed(out);
	if (locale_text(l, lang, key) != NULL)
		return locale_render(l, lang, key, write_param, &c, out);
	buf_puts(out, key);
	while ((p = next_param(e, p)) != NULL) {
		if ((unsigned char)p[0] != node)
			continue;
		buf_printf(out, "%s%s=", first ? " (" : ", ", p + 2);
		first = false;
		write_param(&c, p + 2, strlen(p + 2), out);
	}
	if (!first)
		buf_putc(out, ')');
	return !buf_failed(out);
}

bool
err_msg_render(const struct err_msg *m, enum lang lang, struct buf *out)
{
	if (m->key == NULL)
		return buf_puts(out, m->params);
	return render_node(m, locale_app(), lang, 0, 0, out);
}

bool
err_render(const struct err *e, enum lang lang, struct buf *out)
{
	struct err_msg v;

	view_of(e, &v);
	return err_msg_render(&v, lang, out);
}

struct err_msg *
err_msg_save(const struct err *e)
{
	size_t plen = e->key != NULL ? e->plen : strlen(e->msg) + 1;
	size_t head = sizeof(struct err_msg) + e->nsub * sizeof(const char *);
	struct err_msg *m = malloc(head + plen);
	const char **sub;
	char *params;

	if (m == NULL)
		return NULL;
	sub = (const char **)(void *)(m + 1);
	params = (char *)m + head;
	if (e->nsub > 0)
		memcpy(sub, e->sub, e->nsub * sizeof(const char *));
	memcpy(params, e->key != NULL ? e->params : e->msg, plen);
	m->key = e->key;
	m->sub = sub;
	m->nsub = e->nsub;
	m->plen = e->key != NULL ? plen : 0;
	m->cut = e->cut;
	m->params = params;
	return m;
}

struct err_msg *
err_msg_new(const char *key, const char *params, ...)
{
	struct err *e = malloc(sizeof(*e));
	struct err_msg *m;
	va_list ap;

	if (e == NULL)
		return NULL;
	va_start(ap, params);
	reset(e, MM_OK, key);
	put_params(e, 0, params, ap);
	va_end(ap);
	m = err_msg_save(e);
	free(e);
	return m;
}

void
err_msg_free(struct err_msg *m)
{
	free(m);
}

const char *
err_text(struct err *e, enum lang lang)
{
	struct buf b;

	if (e->key == NULL)
		return e->msg;
	buf_init(&b, ERR_MSG_MAX * 4);
	err_render(e, lang, &b);
	copy_cut(e->msg, sizeof(e->msg), buf_cstr(&b), b.len);
	buf_free(&b);
	return e->msg;
}

enum mm_err
err_key(struct err *e, enum mm_err code, const char *key)
{
	if (e == NULL)
		return code;
	reset(e, code, key);
	err_text(e, LANG_JA);
	return code;
}

enum mm_err
err_vkeyf(struct err *e, enum mm_err code, const char *key, const char *params,
    va_list ap)
{
	if (e == NULL)
		return code;
	reset(e, code, key);
	put_params(e, 0, params, ap);
	err_text(e, LANG_JA);
	return code;
}

enum mm_err
err_keyf(struct err *e, enum mm_err code, const char *key, const char *params, ...)
{
	va_list ap;

	va_start(ap, params);
	err_vkeyf(e, code, key, params, ap);
	va_end(ap);
	return code;
}

/* a new nested message KEY of E under NAME of the message itself; its
 * number, or 0 when it does not fit */
static unsigned
new_sub(struct err *e, const char *name, const char *key)
{
	char num[16];

	if (e->nsub >= ERR_SUB_MAX) {
		e->cut = true;
		return 0;
	}
	snprintf(num, sizeof(num), "%u", e->nsub + 1);
	if (!put_param(e, 0, PK_MSG, name, strlen(name), num))
		return 0;
	e->sub[e->nsub++] = key;
	return e->nsub;
}

/* copy message NODE of SUB, with its parameters and nested messages, as
 * nested message AT of E */
static void
copy_node(struct err *e, unsigned at, const struct err_msg *sub, unsigned node, int depth)
{
	const char *p = NULL, *name, *value;
	char num[16];

	while ((p = next_param(sub, p)) != NULL) {
		if ((unsigned char)p[0] != node)
			continue;
		name = p + 2;
		value = name + strlen(name) + 1;
		if (p[1] != PK_MSG) {
			put_param(e, at, p[1], name, strlen(name), value);
			continue;
		}
		unsigned child = (unsigned)strtoul(value, NULL, 10);
		if (depth >= RENDER_DEPTH || child == 0 || child > sub->nsub ||
		    e->nsub >= ERR_SUB_MAX) {
			e->cut = true;
			continue;
		}
		e->sub[e->nsub++] = sub->sub[child - 1];
		snprintf(num, sizeof(num), "%u", e->nsub);
		if (put_param(e, at, PK_MSG, name, strlen(name), num))
			copy_node(e, e->nsub, sub, child, depth + 1);
	}
}

void
err_add(struct err *e, const char *name, const struct err *sub)
{
	unsigned at;

	if (e == NULL || sub == NULL)
		return;
	if (sub->key == NULL) {
		/* a text of err_set: kept as a text */
		put_param(e, 0, PK_TEXT, name, strlen(name), sub->msg);
	} else if ((at = new_sub(e, name, sub->key)) != 0) {
		struct err_msg v;
		view_of(sub, &v);
		copy_node(e, at, &v, 0, 1);
	}
	if (sub->cut)
		e->cut = true;
	err_text(e, LANG_JA);
}

void
err_vaddf(struct err *e, const char *name, const char *key, const char *params,
    va_list ap)
{
	unsigned at;

	if (e == NULL)
		return;
	if ((at = new_sub(e, name, key)) != 0)
		put_params(e, at, params, ap);
	err_text(e, LANG_JA);
}

void
err_addf(struct err *e, const char *name, const char *key, const char *params, ...)
{
	va_list ap;

	va_start(ap, params);
	err_vaddf(e, name, key, params, ap);
	va_end(ap);
}

enum mm_err
err_set(struct err *e, enum mm_err code, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (e == NULL)
		return code;
	reset(e, code, NULL);
	va_start(ap, fmt);
	n = vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(e->msg)) {
		/* cut before a partial UTF-8 character and say that it was cut */
		size_t end = sizeof(e->msg) - 4;
		while (end > 0 && ((unsigned char)e->msg[end] & 0xC0) == 0x80)
			end--;
		memcpy(e->msg + end, "…", 4);
	}
	return code;
}

void
err_clear(struct err *e)
{
	if (e == NULL)
		return;
	reset(e, MM_OK, NULL);
}

const char *
err_code_name(enum mm_err code)
{
	switch (code) {
	case MM_OK: return "ok";
	case MM_ENOMEM: return "no_memory";
	case MM_EINVAL: return "invalid";
	case MM_ENOTFOUND: return "not_found";
	case MM_EDB: return "database";
	case MM_ECONFLICT: return "conflict";
	case MM_EIO: return "io";
	case MM_ECATALOG: return "catalog";
	case MM_EIMMUTABLE: return "immutable";
	case MM_ESCHEMA: return "schema";
	case MM_EINTEGRITY: return "integrity";
	}
	return "unknown";
}
