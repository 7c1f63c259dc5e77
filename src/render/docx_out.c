/* docx_out.c — a doc as a Word file, see docx_out.h. The body
 * (word/document.xml) is written here and the fixed parts in
 * docx_parts.c; the package is a zip built in memory with libzip. */
#include "render/docx_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "render/chart_cairo.h"
#include "render/docx_int.h"

#define DOCX_PART_MAX (128u * 1024 * 1024)

/* ---- runs and paragraphs -------------------------------------------- */

/* one run of N bytes of S, bold or not; tabs and newlines become
 * <w:tab/> and <w:br/> */
static void
run(struct xml_out *x, const char *s, size_t n, bool bold)
{
	size_t i = 0, j;

	if (n == 0)
		return;
	xml_open(x, "w:r");
	if (bold) {
		xml_open(x, "w:rPr");
		xml_leaf(x, "w:b", NULL, NULL);
		xml_leaf(x, "w:bCs", NULL, NULL);
		xml_close(x);
	}
	while (i < n) {
		for (j = i; j < n && s[j] != '\t' && s[j] != '\n'; j++)
			;
		if (j > i) {
			xml_open(x, "w:t");
			xml_attr(x, "xml:space", "preserve");
			xml_text_n(x, s + i, j - i);
			xml_close(x);
		}
		if (j < n)
			xml_leaf(x, s[j] == '\t' ? "w:tab" : "w:br", NULL, NULL);
		i = j + 1;
	}
	xml_close(x);
}

/* the runs of TEXT, whose **…** spans are bold (an unclosed ** is
 * bold to the end; BOLD is the state at the start) */
static void
inline_text(struct xml_out *x, const char *text, bool bold)
{
	const char *p = text ? text : "", *q;

	while ((q = strstr(p, "**")) != NULL) {
		run(x, p, (size_t)(q - p), bold);
		bold = !bold;
		p = q + 2;
	}
	run(x, p, strlen(p), bold);
}

/* start a paragraph of STYLE (NULL: Normal); NUM > 0 adds a numbering */
static void
para_begin(struct xml_out *x, const char *style, int num, int ilvl)
{
	xml_open(x, "w:p");
	if (style == NULL && num == 0)
		return;
	xml_open(x, "w:pPr");
	if (style != NULL)
		xml_leaf(x, "w:pStyle", "w:val", style);
	if (num > 0) {
		xml_open(x, "w:numPr");
		xml_open(x, "w:ilvl");
		xml_attr_long(x, "w:val", ilvl);
		xml_close(x);
		xml_open(x, "w:numId");
		xml_attr_long(x, "w:val", num);
		xml_close(x);
		xml_close(x);
	}
	xml_close(x);
}

static void
para(struct xml_out *x, const char *style, const char *text)
{
	para_begin(x, style, 0, 0);
	inline_text(x, text, false);
	xml_close(x);
}

static void
page_break(struct xml_out *x)
{
	xml_open(x, "w:p");
	xml_open(x, "w:r");
	xml_leaf(x, "w:br", "w:type", "page");
	xml_close(x);
	xml_close(x);
}

/* ---- blocks ---------------------------------------------------------- */

static void
title_page(struct xml_out *x, const struct doc *d)
{
	para_begin(x, "Title", 0, 0);
	run(x, d->title, strlen(d->title), false);
	xml_close(x);
	if (d->subtitle != NULL && *d->subtitle != '\0') {
		para_begin(x, "Subtitle", 0, 0);
		run(x, d->subtitle, strlen(d->subtitle), false);
		xml_close(x);
	}
	para_begin(x, "Subtitle", 0, 0);
	run(x, d->date, strlen(d->date), false);
	xml_close(x);
	para_begin(x, "Subtitle", 0, 0);
	run(x, d->org_name, strlen(d->org_name), false);
	xml_close(x);
	if (d->nblocks > 0)
		page_break(x);
}

/* 第N条（TITLE） in bold (the style's), then the text */
static void
article(struct xml_out *x, const struct doc_block *b, size_t n)
{
	struct buf head;

	buf_init(&head, 0);
	buf_printf(&head, "第%zu条", n);
	if (b->title != NULL && *b->title != '\0') {
		buf_printf(&head, "（%s）", b->title);
		para_begin(x, "ArticleHeading", 0, 0);
		run(x, buf_cstr(&head), head.len, false);
		xml_close(x);
		para(x, "ArticleText", b->text);
	} else {
		para_begin(x, "ArticleText", 0, 0);
		run(x, buf_cstr(&head), head.len, true);
		run(x, "　", strlen("　"), false);
		inline_text(x, b->text, false);
		xml_close(x);
	}
	if (buf_failed(&head))
		x->failed = true;
	buf_free(&head);
}

static void
cell(struct xml_out *x, const char *text, long width, bool head)
{
	xml_open(x, "w:tc");
	xml_open(x, "w:tcPr");
	xml_open(x, "w:tcW");
	xml_attr_long(x, "w:w", width);
	xml_attr(x, "w:type", "dxa");
	xml_close(x);
	if (head) {
		xml_open(x, "w:shd");
		xml_attr(x, "w:val", "clear");
		xml_attr(x, "w:color", "auto");
		xml_attr(x, "w:fill", "E7E6E6");
		xml_close(x);
	}
	xml_close(x);
	para_begin(x, "TableText", 0, 0);
	inline_text(x, text, head);
	xml_close(x);
	xml_close(x);
}

static void
table(struct xml_out *x, const struct doc_block *b)
{
	long width = DOCX_TEXT_W / (long)b->cols;
	size_t r, c;

	xml_open(x, "w:tbl");
	xml_open(x, "w:tblPr");
	xml_leaf(x, "w:tblStyle", "w:val", "TableGrid");
	xml_open(x, "w:tblW");
	xml_attr_long(x, "w:w", width * (long)b->cols);
	xml_attr(x, "w:type", "dxa");
	xml_close(x);
	xml_open(x, "w:tblLook");
	xml_attr(x, "w:val", "04A0");
	xml_attr(x, "w:firstRow", "1");
	xml_attr(x, "w:lastRow", "0");
	xml_attr(x, "w:firstColumn", "0");
	xml_attr(x, "w:lastColumn", "0");
	xml_attr(x, "w:noHBand", "0");
	xml_attr(x, "w:noVBand", "1");
	xml_close(x);
	xml_close(x);
	xml_open(x, "w:tblGrid");
	for (c = 0; c < b->cols; c++) {
		xml_open(x, "w:gridCol");
		xml_attr_long(x, "w:w", width);
		xml_close(x);
	}
	xml_close(x);
	for (r = 0; r < b->rows; r++) {
		xml_open(x, "w:tr");
		if (r == 0) {
			/* the header row repeats on each page */
			xml_open(x, "w:trPr");
			xml_leaf(x, "w:tblHeader", NULL, NULL);
			xml_close(x);
		}
		for (c = 0; c < b->cols; c++)
			cell(x, b->cells[r * b->cols + c], width, r == 0);
		xml_close(x);
	}
	xml_close(x);
}

/* the numbering of list item I, given the ordered list we are in */
static void
list_item(struct xml_out *x, const struct doc_block *b, int ordered_num)
{
	static const char *const style[2][2] = {
		{ "ListBullet", "ListBullet2" }, { "ListNumber", "ListNumber2" }
	};
	int lvl = b->level == 2 ? 1 : 0;

	para_begin(x, style[b->ordered][lvl], b->ordered ? ordered_num : DOCX_NUM_BULLET, lvl);
	inline_text(x, b->text, false);
	xml_close(x);
}

static void
section(struct xml_out *x)
{
	xml_open(x, "w:sectPr");
	xml_open(x, "w:headerReference");
	xml_attr(x, "w:type", "default");
	xml_attr(x, "r:id", "rId5");
	xml_close(x);
	xml_open(x, "w:footerReference");
	xml_attr(x, "w:type", "default");
	xml_attr(x, "r:id", "rId6");
	xml_close(x);
	xml_open(x, "w:pgSz");
	xml_attr_long(x, "w:w", DOCX_PAGE_W);
	xml_attr_long(x, "w:h", DOCX_PAGE_H);
	xml_close(x);
	xml_open(x, "w:pgMar");
	xml_attr_long(x, "w:top", DOCX_MARGIN);
	xml_attr_long(x, "w:right", DOCX_MARGIN);
	xml_attr_long(x, "w:bottom", DOCX_MARGIN);
	xml_attr_long(x, "w:left", DOCX_MARGIN);
	xml_attr(x, "w:header", "567");
	xml_attr(x, "w:footer", "567");
	xml_attr(x, "w:gutter", "0");
	xml_close(x);
	xml_leaf(x, "w:cols", "w:space", "425");
	/* no header and footer on the title page */
	xml_leaf(x, "w:titlePg", NULL, NULL);
	xml_open(x, "w:docGrid");
	xml_attr(x, "w:type", "lines");
	xml_attr(x, "w:linePitch", "360");
	xml_close(x);
	xml_close(x);
}

/* the number of ordered lists: runs of list items with an ordered one */
static size_t
ordered_lists(const struct doc *d)
{
	size_t i, n = 0;
	bool in_list = false, counted = false;

	for (i = 0; i < d->nblocks; i++) {
		if (d->blocks[i].kind != DOC_LIST_ITEM) {
			in_list = false;
			continue;
		}
		if (!in_list)
			counted = false;
		in_list = true;
		if (d->blocks[i].ordered && !counted) {
			counted = true;
			n++;
		}
	}
	return n;
}

#define EMU_PER_CM 360000L
#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"

static void
emu_ext(struct xml_out *x, const char *name, long cx, long cy)
{
	xml_open(x, name);
	xml_attr_long(x, "cx", cx);
	xml_attr_long(x, "cy", cy);
	xml_close(x);
}

/* chart N (from 1) as an inline picture of its PNG part (relationship
 * DOCX_REL_CHART + N - 1), 15 cm wide, centred, its caption below */
static void
chart(struct xml_out *x, const struct doc_block *b, size_t n)
{
	char name[32], rid[32];
	double bw, bh;
	long cx = 15 * EMU_PER_CM, cy;

	chart_box(b->chart, &bw, &bh);
	cy = (long)((double)cx * bh / bw);
	snprintf(name, sizeof(name), "chart%zu.png", n);
	snprintf(rid, sizeof(rid), "rId%zu", (size_t)DOCX_REL_CHART + n - 1);
	xml_open(x, "w:p");
	xml_open(x, "w:pPr");
	xml_leaf(x, "w:keepNext", NULL, NULL);
	xml_leaf(x, "w:jc", "w:val", "center");
	xml_close(x);
	xml_open(x, "w:r");
	xml_open(x, "w:drawing");
	xml_open(x, "wp:inline");
	emu_ext(x, "wp:extent", cx, cy);
	xml_open(x, "wp:docPr");
	xml_attr_long(x, "id", (long long)n);
	xml_attr(x, "name", name);
	xml_attr(x, "descr", b->chart->title);
	xml_close(x);
	xml_open(x, "a:graphic");
	xml_open(x, "a:graphicData");
	xml_attr(x, "uri", NS_PIC);
	xml_open(x, "pic:pic");
	xml_open(x, "pic:nvPicPr");
	xml_open(x, "pic:cNvPr");
	xml_attr_long(x, "id", (long long)n);
	xml_attr(x, "name", name);
	xml_close(x);
	xml_leaf(x, "pic:cNvPicPr", NULL, NULL);
	xml_close(x);
	xml_open(x, "pic:blipFill");
	xml_leaf(x, "a:blip", "r:embed", rid);
	xml_open(x, "a:stretch");
	xml_leaf(x, "a:fillRect", NULL, NULL);
	xml_close(x);
	xml_close(x);
	xml_open(x, "pic:spPr");
	xml_open(x, "a:xfrm");
	xml_open(x, "a:off");
	xml_attr(x, "x", "0");
	xml_attr(x, "y", "0");
	xml_close(x);
	emu_ext(x, "a:ext", cx, cy);
	xml_close(x);
	xml_open(x, "a:prstGeom");
	xml_attr(x, "prst", "rect");
	xml_leaf(x, "a:avLst", NULL, NULL);
	xml_close(x);
	xml_close(x);
	xml_close(x); /* pic:pic */
	xml_close(x);
	xml_close(x);
	xml_close(x); /* wp:inline */
	xml_close(x);
	xml_close(x);
	xml_close(x);
	para_begin(x, "Caption", 0, 0);
	inline_text(x, b->chart->title, false);
	xml_close(x);
}

static void
document(struct xml_out *x, const struct doc *d)
{
	static const char *const heading[] = { "Heading1", "Heading2", "Heading3" };
	size_t i, articles = 0, lists = 0, charts = 0;
	bool in_list = false, counted = false;

	xml_open(x, "w:document");
	xml_attr(x, "xmlns:w", DOCX_NS_W);
	xml_attr(x, "xmlns:r", DOCX_NS_R);
	xml_attr(x, "xmlns:wp", NS_WP);
	xml_attr(x, "xmlns:a", NS_A);
	xml_attr(x, "xmlns:pic", NS_PIC);
	xml_open(x, "w:body");
	title_page(x, d);
	for (i = 0; i < d->nblocks && !x->failed; i++) {
		const struct doc_block *b = &d->blocks[i];

		if (b->kind != DOC_LIST_ITEM)
			in_list = false;
		switch (b->kind) {
		case DOC_HEADING:
			para(x, heading[b->level >= 1 && b->level <= 3 ? b->level - 1 : 0], b->text);
			break;
		case DOC_PARAGRAPH:
			para(x, NULL, b->text);
			break;
		case DOC_ARTICLE:
			article(x, b, ++articles);
			break;
		case DOC_LIST_ITEM:
			if (!in_list)
				counted = false;
			in_list = true;
			if (b->ordered && !counted) {
				counted = true;
				lists++;
			}
			list_item(x, b, DOCX_NUM_ORDERED_FIRST + (int)(lists ? lists - 1 : 0));
			break;
		case DOC_TABLE:
			if (b->cells == NULL || b->rows == 0 || b->cols == 0)
				break;
			table(x, b);
			/* Word joins adjacent tables and wants a paragraph last */
			if (i + 1 == d->nblocks || d->blocks[i + 1].kind == DOC_TABLE)
				para(x, NULL, "");
			break;
		case DOC_PAGE_BREAK:
			page_break(x);
			break;
		case DOC_CHART:
			if (b->chart != NULL)
				chart(x, b, ++charts);
			break;
		}
	}
	section(x);
	xml_close(x);
	xml_close(x);
}

/* ---- the package ----------------------------------------------------- */

enum part {
	P_CONTENT_TYPES, P_RELS, P_CORE, P_APP, P_DOCUMENT, P_STYLES, P_NUMBERING,
	P_SETTINGS, P_FONTS, P_HEADER, P_FOOTER, P_DOC_RELS, P_COUNT
};

static const char *const part_name[P_COUNT] = {
	"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
	"word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml",
	"word/fontTable.xml", "word/header1.xml", "word/footer1.xml",
	"word/_rels/document.xml.rels",
};

static size_t
count_charts(const struct doc *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == DOC_CHART && d->blocks[i].chart != NULL)
			n++;
	return n;
}

/* add DATA (LEN bytes, copied) to ZA as NAME */
static enum mm_err
add_file(zip_t *za, const char *name, const char *data, size_t len, struct err *e)
{
	zip_source_t *ps;
	char *copy = malloc(len ? len : 1);

	if (copy == NULL)
		return err_set(e, MM_ENOMEM, "メモリが足りません（DOCX）");
	memcpy(copy, data, len);
	/* the source frees COPY (freep = 1) */
	if ((ps = zip_source_buffer(za, copy, len, 1)) == NULL) {
		free(copy);
		return err_set(e, MM_ENOMEM, "メモリが足りません（DOCX）");
	}
	if (zip_file_add(za, name, ps, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(ps);
		return err_set(e, MM_EIO, "DOCX に %s を追加できません: %s", name, zip_strerror(za));
	}
	return MM_OK;
}

/* each chart of D as word/media/chartN.png (drawn twice the size of its
 * box, for print) */
static enum mm_err
add_charts(zip_t *za, const struct doc *d, struct buf *png, struct err *e)
{
	char name[64];
	size_t i, n = 0;
	enum mm_err rc;

	for (i = 0; i < d->nblocks; i++) {
		if (d->blocks[i].kind != DOC_CHART || d->blocks[i].chart == NULL)
			continue;
		buf_reset(png);
		if ((rc = chart_png(d->blocks[i].chart, 2.0, png, e)) != MM_OK)
			return rc;
		snprintf(name, sizeof(name), "word/media/chart%zu.png", ++n);
		if ((rc = add_file(za, name, png->data, png->len, e)) != MM_OK)
			return rc;
	}
	return MM_OK;
}

/* write part P of D into B; false when the buffer failed */
static bool
write_part(enum part p, const struct doc *d, size_t nordered, struct buf *b)
{
	struct xml_out x;

	xml_out_init(&x, b, true);
	switch (p) {
	case P_CONTENT_TYPES: docx_content_types(&x); break;
	case P_RELS:          docx_package_rels(&x); break;
	case P_CORE:          docx_core(&x, d); break;
	case P_APP:           docx_app(&x); break;
	case P_DOCUMENT:      document(&x, d); break;
	case P_STYLES:        docx_styles(&x, d); break;
	case P_NUMBERING:     docx_numbering(&x, nordered); break;
	case P_SETTINGS:      docx_settings(&x); break;
	case P_FONTS:         docx_font_table(&x); break;
	case P_HEADER:        docx_header(&x, d); break;
	case P_FOOTER:        docx_footer(&x); break;
	case P_DOC_RELS:      docx_document_rels(&x, count_charts(d)); break;
	case P_COUNT:         break;
	}
	return xml_out_finish(&x);
}

/* read the whole of the (closed) archive SRC onto OUT */
static enum mm_err
read_back(zip_source_t *src, struct buf *out, struct err *e)
{
	char chunk[16384];
	zip_int64_t n;
	enum mm_err rc = MM_OK;

	if (zip_source_open(src) < 0)
		return err_set(e, MM_EIO, "DOCX ファイルを読み戻せません: %s",
		    zip_error_strerror(zip_source_error(src)));
	while ((n = zip_source_read(src, chunk, sizeof(chunk))) > 0) {
		if (!buf_append(out, chunk, (size_t)n)) {
			rc = err_set(e, MM_ENOMEM, "メモリが足りません（DOCX）");
			break;
		}
	}
	if (rc == MM_OK && n < 0)
		rc = err_set(e, MM_EIO, "DOCX ファイルを読み戻せません: %s",
		    zip_error_strerror(zip_source_error(src)));
	zip_source_close(src);
	return rc;
}

enum mm_err
docx_out(const struct doc *d, struct buf *out, struct err *e)
{
	zip_error_t ze;
	zip_source_t *src = NULL;
	zip_t *za = NULL;
	struct buf part;
	size_t nordered;
	enum mm_err rc = MM_OK;
	size_t start = out->len;
	int p;

	if (d == NULL || d->failed)
		return err_set(e, MM_EINVAL, "文書が不完全なため DOCX を作成できません");
	nordered = ordered_lists(d);
	buf_init(&part, DOCX_PART_MAX);
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL) {
		rc = err_set(e, MM_ENOMEM, "メモリが足りません（DOCX）");
		goto fail;
	}
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL) {
		rc = err_set(e, MM_EIO, "DOCX ファイルを作成できません: %s", zip_error_strerror(&ze));
		goto fail;
	}
	/* keep SRC alive after zip_close to read the archive back */
	zip_source_keep(src);
	for (p = 0; p < P_COUNT; p++) {
		buf_reset(&part);
		if (!write_part((enum part)p, d, nordered, &part)) {
			rc = err_set(e, MM_ENOMEM, "DOCX の %s を作成できません（メモリ不足または大きすぎます）",
			    part_name[p]);
			goto fail;
		}
		if ((rc = add_file(za, part_name[p], buf_cstr(&part), part.len, e)) != MM_OK)
			goto fail;
	}
	if ((rc = add_charts(za, d, &part, e)) != MM_OK)
		goto fail;
	if (zip_close(za) < 0) {
		rc = err_set(e, MM_EIO, "DOCX ファイルを作成できません: %s", zip_strerror(za));
		goto fail;
	}
	za = NULL;
	rc = read_back(src, out, e);
fail:
	if (rc != MM_OK && !buf_failed(out) && out->len > start) {
		/* drop a partial file: OUT holds what it held before */
		out->len = start;
		out->data[start] = '\0';
	}
	if (za != NULL)
		zip_discard(za);
	zip_source_free(src);
	buf_free(&part);
	zip_error_fini(&ze);
	return rc;
}
