/* markdown.c — Markdown drafts as a safe HTML preview and as doc blocks,
 * with cmark-gfm (see markdown.h for the conventions). */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "render/markdown.h"

/* cap of the text of one block (links may double it) */
#define TEXT_CAP (4u * MARKDOWN_MAX_BYTES)

static const char *const md_extensions[] = {
	"table", "strikethrough", "autolink", "tagfilter"
};

static pthread_once_t md_once = PTHREAD_ONCE_INIT;

static void
md_register(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/* ---- parsing and checking ---------------------------------------- */

/* a parser with our extensions; NULL when out of memory */
static cmark_parser *
md_parser(int options)
{
	cmark_parser *p;
	size_t i;

	pthread_once(&md_once, md_register);
	p = cmark_parser_new(options);
	if (p == NULL)
		return NULL;
	for (i = 0; i < sizeof(md_extensions) / sizeof(md_extensions[0]); i++) {
		cmark_syntax_extension *x = cmark_find_syntax_extension(md_extensions[i]);

		if (x != NULL)
			cmark_parser_attach_syntax_extension(p, x);
	}
	return p;
}

static bool
is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* the scheme of URL ("" when it has none) in SCHEME, lower case */
static void
url_scheme(const char *url, char *scheme, size_t size)
{
	size_t n = 0;

	scheme[0] = '\0';
	while (url[n] != '\0' && (is_alnum((unsigned char)url[n]) || url[n] == '+' ||
	    url[n] == '-' || url[n] == '.'))
		n++;
	if (n == 0 || url[n] != ':' || n >= size)
		return;
	for (size_t i = 0; i < n; i++) {
		char c = url[i];

		scheme[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	scheme[n] = '\0';
}

/* URL may appear in the preview: relative, or http, https, mailto */
static bool
url_allowed(const char *url)
{
	char scheme[16];

	if (url == NULL)
		return true;
	/* "x:" with an unknown or too long scheme is refused too */
	if (strchr(url, ':') != NULL) {
		const char *colon = strchr(url, ':');
		const char *slash = strpbrk(url, "/?#");

		if (slash == NULL || colon < slash) {
			url_scheme(url, scheme, sizeof(scheme));
			return strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 ||
			    strcmp(scheme, "mailto") == 0;
		}
	}
	return true;
}

/* the url of a link to show in a doc: http or https only */
static bool
url_printable(const char *url)
{
	char scheme[16];

	if (url == NULL || url[0] == '\0')
		return false;
	url_scheme(url, scheme, sizeof(scheme));
	return strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0;
}

/* nesting depth of N (the document is 0), stopping past the limit */
static int
node_depth(cmark_node *n)
{
	int depth = 0;

	while ((n = cmark_node_parent(n)) != NULL && depth <= MARKDOWN_MAX_DEPTH)
		depth++;
	return depth;
}

/* check the limits on ROOT and blank the urls the preview must not have */
static enum mm_err
md_check(cmark_node *root, struct err *e)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	enum mm_err rc = MM_OK;

	if (it == NULL)
		return err_set(e, MM_ENOMEM, "メモリが不足しています");
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t;

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (node_depth(n) > MARKDOWN_MAX_DEPTH) {
			rc = err_set(e, MM_EINVAL,
			    "Markdown の入れ子が深すぎます（上限は %d 段です）",
			    MARKDOWN_MAX_DEPTH);
			break;
		}
		t = cmark_node_get_type(n);
		if ((t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) &&
		    !url_allowed(cmark_node_get_url(n)))
			cmark_node_set_url(n, "");
		if (strcmp(cmark_node_get_type_string(n), "table") == 0) {
			size_t cols = cmark_gfm_extensions_get_table_columns(n), rows = 0;
			cmark_node *r;

			if (cols > MARKDOWN_MAX_COLS) {
				rc = err_set(e, MM_EINVAL,
				    "表の列が多すぎます（%zu 列、上限は %d 列です）",
				    cols, MARKDOWN_MAX_COLS);
				break;
			}
			for (r = cmark_node_first_child(n); r != NULL; r = cmark_node_next(r))
				rows++;
			if (rows * cols > MARKDOWN_MAX_CELLS) {
				rc = err_set(e, MM_EINVAL,
				    "表が大きすぎます（%zu 行 × %zu 列、上限は %d セルです）",
				    rows, cols, MARKDOWN_MAX_CELLS);
				break;
			}
		}
	}
	cmark_iter_free(it);
	return rc;
}

/* parse MD into *ROOT with the parser in *PARSER (both freed by the
 * caller, also on failure) and check it */
static enum mm_err
md_parse(const char *md, size_t len, cmark_parser **parser, cmark_node **root,
    struct err *e)
{
	*parser = NULL;
	*root = NULL;
	if (len > MARKDOWN_MAX_BYTES)
		return err_set(e, MM_EINVAL,
		    "Markdown が大きすぎます（%zu バイト、上限は %u バイト＝2 MiB です）",
		    len, MARKDOWN_MAX_BYTES);
	*parser = md_parser(CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8);
	if (*parser == NULL)
		return err_set(e, MM_ENOMEM, "メモリが不足しています");
	if (md != NULL && len > 0)
		cmark_parser_feed(*parser, md, len);
	*root = cmark_parser_finish(*parser);
	if (*root == NULL)
		return err_set(e, MM_ENOMEM, "メモリが不足しています");
	return md_check(*root, e);
}

static void
md_release(cmark_parser *parser, cmark_node *root)
{
	if (root != NULL)
		cmark_node_free(root);
	if (parser != NULL)
		cmark_parser_free(parser);
}

enum mm_err
markdown_html(const char *md, size_t len, struct buf *out, struct err *e)
{
	cmark_parser *parser;
	cmark_node *root;
	char *html;
	enum mm_err rc;

	rc = md_parse(md, len, &parser, &root, e);
	if (rc != MM_OK)
		goto done;
	html = cmark_render_html(root, CMARK_OPT_SAFE,
	    cmark_parser_get_syntax_extensions(parser));
	if (html == NULL) {
		rc = err_set(e, MM_ENOMEM, "メモリが不足しています");
		goto done;
	}
	if (!buf_puts(out, html))
		rc = err_set(e, MM_ENOMEM, "プレビューが大きすぎるかメモリが不足しています");
	cmark_get_default_mem_allocator()->free(html);
done:
	md_release(parser, root);
	return rc;
}

/* ---- Markdown → doc ------------------------------------------------- */

struct conv {
	struct doc *d;
	struct err *e;
	enum mm_err rc;
};

static bool
type_is(cmark_node *n, const char *name)
{
	return strcmp(cmark_node_get_type_string(n), name) == 0;
}

/* literal text S, with "*" as "＊" when RICH */
static void
put_literal(struct buf *b, const char *s, bool rich)
{
	const char *star;

	if (s == NULL)
		return;
	while (rich && (star = strchr(s, '*')) != NULL) {
		buf_append(b, s, (size_t)(star - s));
		buf_puts(b, "＊");
		s = star + 1;
	}
	buf_puts(b, s);
}

/* the first byte of the text that follows N (0 when none) */
static unsigned char
next_byte(cmark_node *n)
{
	const char *lit;

	n = cmark_node_next(n);
	while (n != NULL && cmark_node_first_child(n) != NULL)
		n = cmark_node_first_child(n);
	if (n == NULL)
		return 0;
	lit = cmark_node_get_literal(n);
	return lit != NULL ? (unsigned char)lit[0] : 0;
}

static void put_inlines(struct buf *b, cmark_node *parent, bool rich, int strong);

/* one inline node N into B */
static void
put_inline(struct buf *b, cmark_node *n, bool rich, int strong)
{
	size_t mark;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		put_literal(b, cmark_node_get_literal(n), rich);
		break;
	case CMARK_NODE_SOFTBREAK:
		if (!(b->len > 0 && (unsigned char)b->data[b->len - 1] >= 0x80 &&
		    next_byte(n) >= 0x80))
			buf_putc(b, ' ');
		break;
	case CMARK_NODE_LINEBREAK:
		buf_putc(b, '\n');
		break;
	case CMARK_NODE_HTML_INLINE:
		break;
	case CMARK_NODE_STRONG:
		if (!rich || strong > 0) {
			put_inlines(b, n, rich, strong);
			break;
		}
		mark = b->len;
		buf_puts(b, "**");
		put_inlines(b, n, rich, strong + 1);
		if (!buf_failed(b) && b->len == mark + 2) {
			b->len = mark;   /* nothing bold: no markers */
			b->data[mark] = '\0';
		} else {
			buf_puts(b, "**");
		}
		break;
	case CMARK_NODE_LINK: {
		const char *url = cmark_node_get_url(n);

		mark = b->len;
		put_inlines(b, n, rich, strong);
		if (url_printable(url) && !buf_failed(b) &&
		    !(b->len - mark == strlen(url) && memcmp(b->data + mark, url, strlen(url)) == 0)) {
			bool text = b->len > mark;

			if (text)
				buf_puts(b, " (");
			put_literal(b, url, rich);
			if (text)
				buf_putc(b, ')');
		}
		break;
	}
	default:   /* emphasis, images (alt text), strikethrough, … */
		put_inlines(b, n, rich, strong);
		break;
	}
}

static void
put_inlines(struct buf *b, cmark_node *parent, bool rich, int strong)
{
	cmark_node *c;

	for (c = cmark_node_first_child(parent); c != NULL; c = cmark_node_next(c))
		put_inline(b, c, rich, strong);
}

/* the text of the leaf block N (paragraph, heading, code) into B */
static void
put_block_text(struct buf *b, cmark_node *n, bool rich)
{
	if (cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK) {
		const char *lit = cmark_node_get_literal(n);
		size_t mark = b->len;

		put_literal(b, lit, rich);
		while (b->len > mark && b->data[b->len - 1] == '\n')
			b->data[--b->len] = '\0';
		return;
	}
	put_inlines(b, n, rich, 0);
}

/* B's text trimmed of spaces and newlines at both ends, in place */
static const char *
trimmed(struct buf *b)
{
	char *s;

	if (b->data == NULL)
		return "";
	while (b->len > 0 && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '\n'))
		b->data[--b->len] = '\0';
	s = b->data;
	while (*s == ' ' || *s == '\n')
		s++;
	return s;
}

static bool
conv_text(struct conv *c, struct buf *b)
{
	if (buf_failed(b)) {
		if (c->rc == MM_OK)
			c->rc = err_set(c->e, MM_EINVAL,
			    "Markdown の段落が大きすぎるかメモリが不足しています");
		return false;
	}
	return true;
}

/* skip S past a prefix P; NULL when S does not start with it */
static const char *
skip(const char *s, const char *p)
{
	size_t n = strlen(p);

	return strncmp(s, p, n) == 0 ? s + n : NULL;
}

/* an article title without a leading 第N条 and the brackets around it */
static const char *
article_title(char *t)
{
	static const char *const digits[] = {
		"0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
		"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千",
		"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"
	};
	const char *s = t, *r;
	size_t n;

	if ((r = skip(s, "第")) != NULL) {
		const char *p = r;
		bool any = false, more = true;

		while (more) {
			more = false;
			for (size_t i = 0; i < sizeof(digits) / sizeof(digits[0]); i++) {
				const char *q = skip(p, digits[i]);

				if (q != NULL) {
					p = q;
					any = more = true;
					break;
				}
			}
		}
		if (any && (r = skip(p, "条")) != NULL) {
			s = r;
			while (*s == ' ' || (r = skip(s, "　")) != NULL)
				s = (*s == ' ') ? s + 1 : r;
		}
	}
	n = strlen(s);
	if ((r = skip(s, "（")) != NULL && n >= 6 && strcmp(s + n - 3, "）") == 0) {
		t[(size_t)(s - t) + n - 3] = '\0';
		s = r;
	} else if ((r = skip(s, "(")) != NULL && n >= 2 && s[n - 1] == ')') {
		t[(size_t)(s - t) + n - 1] = '\0';
		s = r;
	}
	return s;
}

static cmark_node *conv_block(struct conv *c, cmark_node *n, int list_level);

/* the article that starts at the level-4 heading H; returns the node
 * after its last paragraph */
static cmark_node *
conv_article(struct conv *c, cmark_node *h)
{
	struct buf tb, xb;
	cmark_node *n;
	const char *title;

	buf_init(&tb, TEXT_CAP);
	buf_init(&xb, TEXT_CAP);
	put_block_text(&tb, h, false);
	for (n = cmark_node_next(h); n != NULL &&
	    cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH; n = cmark_node_next(n)) {
		if (xb.len > 0)
			buf_putc(&xb, '\n');
		put_block_text(&xb, n, true);
	}
	if (conv_text(c, &tb) && conv_text(c, &xb)) {
		title = article_title((char *)trimmed(&tb));
		doc_article(c->d, title[0] != '\0' ? title : NULL, trimmed(&xb));
	}
	buf_free(&tb);
	buf_free(&xb);
	return n;
}

/* the items of LIST at LEVEL (1 or 2) */
static void
conv_list(struct conv *c, cmark_node *list, int level)
{
	bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	cmark_node *item, *n;

	for (item = cmark_node_first_child(list); item != NULL && c->rc == MM_OK;
	    item = cmark_node_next(item)) {
		struct buf b;

		buf_init(&b, TEXT_CAP);
		for (n = cmark_node_first_child(item); n != NULL; n = cmark_node_next(n)) {
			cmark_node_type t = cmark_node_get_type(n);

			if (t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_HEADING &&
			    t != CMARK_NODE_CODE_BLOCK)
				continue;
			if (b.len > 0)
				buf_putc(&b, '\n');
			put_block_text(&b, n, false);
		}
		if (conv_text(c, &b))
			doc_list_item(c->d, ordered, level, trimmed(&b));
		buf_free(&b);
		/* then its nested lists and other blocks, in order */
		for (n = cmark_node_first_child(item); n != NULL && c->rc == MM_OK;
		    n = cmark_node_next(n)) {
			cmark_node_type t = cmark_node_get_type(n);

			if (t == CMARK_NODE_LIST)
				conv_list(c, n, 2);
			else if (t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_HEADING &&
			    t != CMARK_NODE_CODE_BLOCK)
				conv_block(c, n, 2);
		}
	}
}

/* the GFM table T */
static void
conv_table(struct conv *c, cmark_node *t)
{
	size_t cols = cmark_gfm_extensions_get_table_columns(t), rows = 0, r = 0, i;
	cmark_node *row, *cell;
	char **cells;

	for (row = cmark_node_first_child(t); row != NULL; row = cmark_node_next(row))
		rows++;
	if (rows == 0 || cols == 0)
		return;
	cells = calloc(rows * cols, sizeof(*cells));
	if (cells == NULL) {
		c->rc = err_set(c->e, MM_ENOMEM, "メモリが不足しています");
		return;
	}
	for (row = cmark_node_first_child(t); row != NULL; row = cmark_node_next(row), r++) {
		size_t k = 0;

		for (cell = cmark_node_first_child(row); cell != NULL && k < cols;
		    cell = cmark_node_next(cell), k++) {
			struct buf b;

			buf_init(&b, TEXT_CAP);
			put_inlines(&b, cell, false, 0);
			if (conv_text(c, &b))
				cells[r * cols + k] = strdup(trimmed(&b));
			buf_free(&b);
		}
	}
	if (c->rc == MM_OK)
		doc_table(c->d, rows, cols, (const char *const *)cells);
	for (i = 0; i < rows * cols; i++)
		free(cells[i]);
	free(cells);
}

/* the block N (LIST_LEVEL: the level of a list found here); returns the
 * next block to convert */
static cmark_node *
conv_block(struct conv *c, cmark_node *n, int list_level)
{
	struct buf b;
	cmark_node *k;
	int level;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_HEADING:
		level = cmark_node_get_heading_level(n);
		if (level == 4)
			return conv_article(c, n);
		buf_init(&b, TEXT_CAP);
		put_block_text(&b, n, false);
		if (conv_text(c, &b))
			doc_heading(c->d, level > 3 ? 3 : level, trimmed(&b));
		buf_free(&b);
		break;
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_CODE_BLOCK:
		buf_init(&b, TEXT_CAP);
		put_block_text(&b, n, true);
		if (conv_text(c, &b) && trimmed(&b)[0] != '\0')
			doc_paragraph(c->d, trimmed(&b));
		buf_free(&b);
		break;
	case CMARK_NODE_LIST:
		conv_list(c, n, list_level);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		for (k = cmark_node_first_child(n); k != NULL && c->rc == MM_OK;)
			k = conv_block(c, k, list_level);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		doc_page_break(c->d);
		break;
	default:
		if (type_is(n, "table"))
			conv_table(c, n);
		break;   /* raw HTML and anything else: dropped */
	}
	return cmark_node_next(n);
}

enum mm_err
markdown_doc(const char *md, size_t len, struct doc *d, struct err *e)
{
	cmark_parser *parser;
	cmark_node *root, *n;
	struct conv c = { d, e, MM_OK };

	c.rc = md_parse(md, len, &parser, &root, e);
	for (n = root != NULL && c.rc == MM_OK ? cmark_node_first_child(root) : NULL;
	    n != NULL && c.rc == MM_OK;)
		n = conv_block(&c, n, 1);
	md_release(parser, root);
	if (c.rc == MM_OK && d->failed)
		c.rc = err_set(e, MM_ENOMEM, "メモリが不足しています（文書を作れませんでした）");
	return c.rc;
}
