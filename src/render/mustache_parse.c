/* mustache_parse.c — compile Mustache text into a flat tree of nodes.
 *
 * One pass over the text: find the next opening delimiter, read the tag up
 * to its closing delimiter, decide whether it stands alone on its line (then
 * the line disappears from the output), and append nodes. Sections are
 * nodes whose children follow them; `end` is patched when {{/name}} comes.
 * See mustache_int.h for the tree and mustache.h for the language.
 */
#include "render/mustache_int.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DELIM_MAX 16  /* bytes of a delimiter set by {{=a b=}} */
#define NAME_SHOW 60  /* bytes of a tag name quoted in an error */
#define NOT_FOUND SIZE_MAX

struct parser {
	struct mustache_tpl *t;
	const char *s;    /* t->src */
	size_t n;         /* t->src_len */
	size_t pos;       /* where scanning continues */
	size_t text_start; /* start of literal text not yet in a node */
	char otag[DELIM_MAX];
	size_t olen;
	char ctag[DELIM_MAX];
	size_t clen;
	size_t open[MUSTACHE_MAX_NESTING]; /* node index of each open section */
	size_t depth;
	size_t alloc;     /* nodes allocated */
	struct err *e;
};

/* what one tag looks like once read */
struct tag {
	char sigil;        /* '#', '^', '/', '!', '>', '&', '{', '=', … or 0 */
	size_t at;         /* offset of the opening delimiter */
	size_t end;        /* offset just past the closing delimiter */
	size_t cs, ce;     /* content, trimmed */
	bool standalone;
	size_t ls;         /* standalone: start of the line */
	size_t le;         /* standalone: start of the next line */
	bool bol;          /* not standalone and at the start of a line */
};

void
mustache_where(const struct mustache_tpl *tpl, size_t off, char *buf,
    size_t n)
{
	unsigned long line = 1, col = 1;
	size_t i;

	if (off > tpl->src_len)
		off = tpl->src_len;
	for (i = 0; i < off; i++) {
		unsigned char c = (unsigned char)tpl->src[i];

		if (c == '\n') {
			line++;
			col = 1;
		} else if ((c & 0xC0) != 0x80) {
			col++;
		}
	}
	snprintf(buf, n, "%s:%lu:%lu", tpl->name, line, col);
}

static enum mm_err fail(struct parser *p, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum mm_err
fail(struct parser *p, size_t off, const char *fmt, ...)
{
	char where[MUSTACHE_MAX_NAME + 64];
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	mustache_where(p->t, off, where, sizeof(where));
	return err_set(p->e, MM_EINVAL, "テンプレート %s: %s", where, what);
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

/* offset of the first NEEDLE (NLEN ≥ 1 bytes) in S[FROM, N), or NOT_FOUND */
static size_t
find(const char *s, size_t n, size_t from, const char *needle, size_t nlen)
{
	const char *hit;

	while (from < n && n - from >= nlen) {
		hit = memchr(s + from, needle[0], n - from - nlen + 1);
		if (hit == NULL)
			return NOT_FOUND;
		from = (size_t)(hit - s);
		if (memcmp(hit, needle, nlen) == 0)
			return from;
		from++;
	}
	return NOT_FOUND;
}

static int
show_len(size_t len)
{
	return len > NAME_SHOW ? NAME_SHOW : (int)len;
}

static enum mm_err
add_node(struct parser *p, enum mustache_kind kind, size_t *idx)
{
	struct mustache_node *nodes, *nd;
	size_t want;

	if (p->t->nnodes == p->alloc) {
		want = p->alloc ? p->alloc * 2 : 16;
		if (want > SIZE_MAX / sizeof(*nodes))
			return err_set(p->e, MM_ENOMEM, "メモリが足りません");
		nodes = realloc(p->t->nodes, want * sizeof(*nodes));
		if (nodes == NULL)
			return err_set(p->e, MM_ENOMEM, "メモリが足りません");
		p->t->nodes = nodes;
		p->alloc = want;
	}
	*idx = p->t->nnodes++;
	nd = &p->t->nodes[*idx];
	memset(nd, 0, sizeof(*nd));
	nd->kind = (unsigned char)kind;
	return MM_OK;
}

/* a text node for S[FROM, TO); an empty one only when BOL_MARK (it then
 * carries the indentation of a line that starts with a tag that writes
 * nothing, such as a comment that does not stand alone) */
static enum mm_err
add_text(struct parser *p, size_t from, size_t to, bool bol_mark)
{
	struct mustache_node *nd;
	enum mm_err rc;
	size_t idx;

	if (to <= from && !bol_mark)
		return MM_OK;
	rc = add_node(p, MUSTACHE_TEXT, &idx);
	if (rc != MM_OK)
		return rc;
	nd = &p->t->nodes[idx];
	nd->off = from;
	nd->len = to > from ? to - from : 0;
	nd->tag = from;
	if (bol_mark || from == 0 || p->s[from - 1] == '\n')
		nd->flags |= MUSTACHE_BOL;
	return MM_OK;
}

/* a dotted name: "." alone, or parts separated by single dots, with no
 * white space */
static enum mm_err
check_name(struct parser *p, const struct tag *tg, size_t cs, size_t ce)
{
	const char *s = p->s;
	size_t i;
	bool ok = ce > cs;

	if (ok && !(ce - cs == 1 && s[cs] == '.')) {
		ok = s[cs] != '.' && s[ce - 1] != '.';
		for (i = cs; ok && i < ce; i++) {
			if (is_space(s[i]) || s[i] == '\0')
				ok = false;
			else if (s[i] == '.' && s[i + 1] == '.')
				ok = false;
		}
	}
	if (!ok)
		return fail(p, tg->at, "タグの名前 \"%.*s\" が不正です"
		    "（空白を含まない名前か \".\" が必要です）",
		    show_len(ce - cs), s + cs);
	return MM_OK;
}

/* {{=<% %>=}}: two delimiters without white space or '=' */
static enum mm_err
set_delimiters(struct parser *p, const struct tag *tg)
{
	const char *s = p->s;
	size_t a = tg->cs, b, c, d = tg->ce, i;
	bool ok;

	b = a;
	while (b < d && !is_space(s[b]))
		b++;
	c = b;
	while (c < d && is_space(s[c]))
		c++;
	ok = b > a && c > b && d > c && b - a < DELIM_MAX &&
	    d - c < DELIM_MAX;
	for (i = a; ok && i < b; i++)
		ok = s[i] != '=' && s[i] != '\0';
	for (i = c; ok && i < d; i++)
		ok = !is_space(s[i]) && s[i] != '=' && s[i] != '\0';
	if (!ok)
		return fail(p, tg->at, "区切り文字の指定 \"%.*s\" が不正です"
		    "（例: {{=<%% %%>=}}）", show_len(d - a), s + a);
	memcpy(p->otag, s + a, b - a);
	p->olen = b - a;
	memcpy(p->ctag, s + c, d - c);
	p->clen = d - c;
	return MM_OK;
}

/* read the tag whose opening delimiter is at AT into TG */
static enum mm_err
read_tag(struct parser *p, size_t at, struct tag *tg)
{
	const char *s = p->s;
	char close[DELIM_MAX + 1];
	size_t closelen = p->clen, q, cend;

	memset(tg, 0, sizeof(*tg));
	tg->at = at;
	q = at + p->olen;
	tg->sigil = q < p->n ? s[q] : '\0';
	memcpy(close, p->ctag, p->clen);
	switch (tg->sigil) {
	case '{':
	case '=':
		close[0] = tg->sigil == '{' ? '}' : '=';
		memcpy(close + 1, p->ctag, p->clen);
		closelen = p->clen + 1;
		q++;
		break;
	case '#': case '^': case '/': case '!': case '>': case '&':
	case '<': case '$':
		q++;
		break;
	default:
		tg->sigil = '\0';
		break;
	}
	cend = find(s, p->n, q, close, closelen);
	if (cend == NOT_FOUND)
		return fail(p, at, "タグが閉じられていません（\"%.*s\" がありません）",
		    (int)closelen, close);
	tg->end = cend + closelen;
	while (q < cend && is_space(s[q]))
		q++;
	while (cend > q && is_space(s[cend - 1]))
		cend--;
	tg->cs = q;
	tg->ce = cend;
	return MM_OK;
}

/* does TG stand alone on its line (only white space around it)? */
static void
find_standalone(struct parser *p, struct tag *tg)
{
	const char *s = p->s;
	size_t ls = tg->at, q = tg->end;

	tg->standalone = false;
	tg->bol = tg->at == 0 || s[tg->at - 1] == '\n';
	if (strchr("#^/!>=", tg->sigil) == NULL || tg->sigil == '\0')
		return;
	while (ls > p->text_start && (s[ls - 1] == ' ' || s[ls - 1] == '\t'))
		ls--;
	if (ls != 0 && s[ls - 1] != '\n')
		return;
	while (q < p->n && (s[q] == ' ' || s[q] == '\t'))
		q++;
	if (q < p->n && s[q] == '\n')
		q++;
	else if (q + 1 < p->n && s[q] == '\r' && s[q + 1] == '\n')
		q += 2;
	else if (q != p->n)
		return;
	tg->standalone = true;
	tg->bol = false;
	tg->ls = ls;
	tg->le = q;
}

static enum mm_err
open_section(struct parser *p, const struct tag *tg)
{
	struct mustache_node *nd;
	enum mm_err rc;
	size_t idx;

	rc = check_name(p, tg, tg->cs, tg->ce);
	if (rc != MM_OK)
		return rc;
	if (p->depth == MUSTACHE_MAX_NESTING)
		return fail(p, tg->at, "セクションの入れ子が深すぎます（最大 %d）",
		    MUSTACHE_MAX_NESTING);
	rc = add_node(p, tg->sigil == '#' ? MUSTACHE_SECTION :
	    MUSTACHE_INVERTED, &idx);
	if (rc != MM_OK)
		return rc;
	nd = &p->t->nodes[idx];
	nd->tag = tg->at;
	nd->off = tg->cs;
	nd->len = tg->ce - tg->cs;
	nd->end = NOT_FOUND;
	if (tg->bol)
		nd->flags |= MUSTACHE_BOL;
	p->open[p->depth++] = idx;
	return MM_OK;
}

static enum mm_err
close_section(struct parser *p, const struct tag *tg)
{
	const struct mustache_node *open;
	char where[MUSTACHE_MAX_NAME + 64];
	size_t len = tg->ce - tg->cs;
	enum mm_err rc;

	rc = check_name(p, tg, tg->cs, tg->ce);
	if (rc != MM_OK)
		return rc;
	if (p->depth == 0)
		return fail(p, tg->at, "開始のないセクションの終わり {{/%.*s}} です",
		    show_len(len), p->s + tg->cs);
	open = &p->t->nodes[p->open[p->depth - 1]];
	if (open->len != len || memcmp(p->s + open->off, p->s + tg->cs,
	    len) != 0) {
		mustache_where(p->t, open->tag, where, sizeof(where));
		return fail(p, tg->at, "セクションの終わり {{/%.*s}} が開始 "
		    "{{%c%.*s}}（%s）と一致しません", show_len(len),
		    p->s + tg->cs,
		    open->kind == MUSTACHE_SECTION ? '#' : '^',
		    show_len(open->len), p->s + open->off, where);
	}
	/* the indentation of a line that starts with {{/x}} belongs to the
	 * section's contents */
	if (tg->bol) {
		rc = add_text(p, tg->at, tg->at, true);
		if (rc != MM_OK)
			return rc;
	}
	p->depth--;
	p->t->nodes[p->open[p->depth]].end = p->t->nnodes;
	return MM_OK;
}

static enum mm_err
add_partial(struct parser *p, const struct tag *tg)
{
	struct mustache_node *nd;
	size_t cs = tg->cs;
	unsigned char flags = 0;
	enum mm_err rc;
	size_t idx, i;

	if (cs < tg->ce && p->s[cs] == '*') {
		flags |= MUSTACHE_DYNAMIC;
		cs++;
		while (cs < tg->ce && is_space(p->s[cs]))
			cs++;
		rc = check_name(p, tg, cs, tg->ce);
		if (rc != MM_OK)
			return rc;
	} else {
		for (i = cs; i < tg->ce; i++)
			if (is_space(p->s[i]) || p->s[i] == '\0')
				break;
		if (cs == tg->ce || i < tg->ce || tg->ce - cs > MUSTACHE_MAX_NAME)
			return fail(p, tg->at, "パーシャルの名前 \"%.*s\" が不正です",
			    show_len(tg->ce - cs), p->s + cs);
	}
	rc = add_node(p, MUSTACHE_PARTIAL, &idx);
	if (rc != MM_OK)
		return rc;
	nd = &p->t->nodes[idx];
	nd->tag = tg->at;
	nd->off = cs;
	nd->len = tg->ce - cs;
	nd->flags = flags;
	if (tg->bol)
		nd->flags |= MUSTACHE_BOL;
	if (tg->standalone) {
		nd->flags |= MUSTACHE_INDENT;
		nd->ind_off = tg->ls;
		nd->ind_len = tg->at - tg->ls;
	}
	return MM_OK;
}

static enum mm_err
add_var(struct parser *p, const struct tag *tg)
{
	struct mustache_node *nd;
	enum mm_err rc;
	size_t idx;

	rc = check_name(p, tg, tg->cs, tg->ce);
	if (rc != MM_OK)
		return rc;
	rc = add_node(p, MUSTACHE_VAR, &idx);
	if (rc != MM_OK)
		return rc;
	nd = &p->t->nodes[idx];
	nd->tag = tg->at;
	nd->off = tg->cs;
	nd->len = tg->ce - tg->cs;
	if (tg->sigil == '&' || tg->sigil == '{')
		nd->flags |= MUSTACHE_RAW;
	if (tg->bol)
		nd->flags |= MUSTACHE_BOL;
	return MM_OK;
}

static enum mm_err
handle_tag(struct parser *p, const struct tag *tg)
{
	switch (tg->sigil) {
	case '#':
	case '^':
		return open_section(p, tg);
	case '/':
		return close_section(p, tg);
	case '>':
		return add_partial(p, tg);
	case '!':
		return tg->bol ? add_text(p, tg->at, tg->at, true) : MM_OK;
	case '=':
		if (tg->bol && add_text(p, tg->at, tg->at, true) != MM_OK)
			return MM_ENOMEM;
		return set_delimiters(p, tg);
	case '<':
	case '$':
		return fail(p, tg->at, "テンプレートの継承（{{<名前}} と {{$名前}}）"
		    "には対応していません");
	default:
		return add_var(p, tg);
	}
}

static enum mm_err
parse_all(struct parser *p)
{
	const struct mustache_node *open;
	struct tag tg;
	enum mm_err rc;
	size_t at;

	while (p->pos < p->n) {
		at = find(p->s, p->n, p->pos, p->otag, p->olen);
		if (at == NOT_FOUND)
			break;
		rc = read_tag(p, at, &tg);
		if (rc != MM_OK)
			return rc;
		find_standalone(p, &tg);
		rc = add_text(p, p->text_start, tg.standalone ? tg.ls : at,
		    false);
		if (rc != MM_OK)
			return rc;
		rc = handle_tag(p, &tg);
		if (rc != MM_OK)
			return rc;
		p->pos = tg.standalone ? tg.le : tg.end;
		p->text_start = p->pos;
	}
	rc = add_text(p, p->text_start, p->n, false);
	if (rc != MM_OK)
		return rc;
	if (p->depth > 0) {
		open = &p->t->nodes[p->open[p->depth - 1]];
		return fail(p, open->tag, "セクション {{%c%.*s}} が閉じられていません"
		    "（{{/%.*s}} がありません）",
		    open->kind == MUSTACHE_SECTION ? '#' : '^',
		    show_len(open->len), p->s + open->off,
		    show_len(open->len), p->s + open->off);
	}
	return MM_OK;
}

enum mm_err
mustache_parse(const char *name, const char *text, size_t len,
    struct mustache_tpl **out, struct err *e)
{
	struct mustache_tpl *t = NULL;
	struct parser p;
	enum mm_err rc = MM_ENOMEM;

	*out = NULL;
	if (len > MUSTACHE_MAX_TEMPLATE)
		return err_set(e, MM_EINVAL, "テンプレート %s: 大きすぎます"
		    "（%zu バイト、上限 %u バイト）", name, len,
		    MUSTACHE_MAX_TEMPLATE);
	t = calloc(1, sizeof(*t));
	if (t == NULL)
		goto fail;
	t->name = strdup(name);
	t->src = malloc(len + 1);
	if (t->name == NULL || t->src == NULL)
		goto fail;
	if (len > 0)
		memcpy(t->src, text, len);
	t->src[len] = '\0';
	t->src_len = len;

	memset(&p, 0, sizeof(p));
	p.t = t;
	p.s = t->src;
	p.n = len;
	p.e = e;
	memcpy(p.otag, "{{", 2);
	p.olen = 2;
	memcpy(p.ctag, "}}", 2);
	p.clen = 2;
	rc = parse_all(&p);
	if (rc != MM_OK)
		goto fail;
	*out = t;
	return MM_OK;
fail:
	if (rc == MM_ENOMEM)
		err_set(e, MM_ENOMEM, "テンプレート %s: メモリが足りません", name);
	mustache_tpl_free(t);
	return rc;
}

void
mustache_tpl_free(struct mustache_tpl *tpl)
{
	if (tpl == NULL)
		return;
	free(tpl->name);
	free(tpl->src);
	free(tpl->nodes);
	free(tpl);
}
