/* pdf_out.c — a document as PDF with cairo and pango. See pdf_out.h.
 *
 * The document is laid out twice on the same cairo context: a first pass
 * only measures (no drawing, no pages emitted) and counts the pages, so
 * that the second pass can print "N / M" in every footer. Both passes use
 * the same pango context, so their line breaks are identical.
 *
 * Fonts: headings, article titles, headers, tables and bold spans in Noto
 * Sans CJK JP, body text in Noto Serif CJK JP; cairo embeds them as
 * subsets. Sizes are in points (the pango context's resolution is 72 dpi,
 * 1 pt = 1 unit). Both passes use the faces cut down to the characters of
 * the document (doc_fonts.c: cairo embeds them far faster than the whole
 * faces), collected before the first pass from every text the document
 * holds and the few this file adds. A character the cut faces do not
 * have (found when measuring, or at the latest when drawing) makes the
 * document start again with the system's fonts.
 */
#include "render/pdf_out.h"

#include "render/chart_cairo.h"
#include "render/doc_fonts.h"
#include "render/pdf_layout.h"
#include "render/pdf_line.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 56.69          /* 20 mm */
#define TOP (MARGIN + 10.0)   /* below the header line */
#define BOTTOM (PAGE_H - MARGIN - 6.0)
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define BODY_PT 10.5
#define EM BODY_PT
#define CELL_PAD 4.0

#define SERIF DOC_FACE_SERIF
#define SANS DOC_FACE_SANS
#define BOLD DOC_FACE_SANS_BOLD

struct pdf {
	const struct doc *d;
	cairo_t *cr;
	struct pdf_layouts lays; /* the context, the pass (lays.drawing), the layouts */
	int page;         /* the current page, from 1 */
	int npages;       /* the total, known in the drawing pass */
	double y;         /* the current position on the page */
	bool fresh;       /* nothing placed on the page yet */
	int article;      /* the last article number */
	int list_no[3];   /* ordered list counters, by level */
	bool in_list;
	bool en;          /* an English document: "Article N" */
	bool oom;
	struct doc_fonts *fonts; /* the faces cut for the document */
	bool pango_lines; /* PDF_PANGO_LINES */
};

/* ---- text and layouts ---------------------------------------------- */

/* a layout of TEXT in FACE at PT points, WIDTH wide (see pdf_layout) */
static PangoLayout *
layout(struct pdf *p, enum doc_face face, double pt, const char *text, double width,
    bool rich)
{
	return pdf_layout(&p->lays, face, pt, text, width, rich);
}

static void
check(struct pdf *p, PangoLayout *lay)
{
	pdf_layout_check(&p->lays, lay);
}

static double
layout_h(PangoLayout *lay)
{
	int w, h;

	pango_layout_get_size(lay, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double
layout_w(PangoLayout *lay)
{
	int w, h;

	pango_layout_get_size(lay, &w, &h);
	return (double)w / PANGO_SCALE;
}

/* draw LAY with its top left corner at X, Y (drawing pass only) */
static void
place(struct pdf *p, PangoLayout *lay, double x, double y)
{
	PangoLayoutIter *it;

	check(p, lay);
	if (!p->lays.drawing)
		return;
	cairo_move_to(p->cr, x, y);
	cairo_get_current_point(p->cr, &x, &y);
	it = pango_layout_get_iter(lay);
	do {
		PangoRectangle lr;

		pango_layout_iter_get_line_extents(it, NULL, &lr);
		pdf_line_show(p->cr, pango_layout_iter_get_line_readonly(it), x, y, lr.x,
		    pango_layout_iter_get_baseline(it), p->pango_lines);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* ---- pages ---------------------------------------------------------- */

static void
page_decor(struct pdf *p)
{
	PangoLayout *lay, *parts[3];
	char num[32];
	double x;
	int i;

	if (!p->lays.drawing)
		return;
	p->lays.decor = true;
	cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
	if (p->page > 1) {
		lay = layout(p, SANS, 8, p->d->org_name, 0, false);
		place(p, lay, MARGIN, MARGIN - 22);
		g_object_unref(lay);
		lay = layout(p, SANS, 8, p->d->title, 0, false);
		place(p, lay, PAGE_W - MARGIN - layout_w(lay), MARGIN - 22);
		g_object_unref(lay);
		cairo_set_line_width(p->cr, 0.5);
		cairo_move_to(p->cr, MARGIN, MARGIN - 6);
		cairo_line_to(p->cr, PAGE_W - MARGIN, MARGIN - 6);
		cairo_stroke(p->cr);
	}
	/* "N / M" as three pieces, the gaps wide enough for text extraction
	 * (pdftotext) to see the spaces */
	g_snprintf(num, sizeof(num), "%d", p->page);
	parts[0] = layout(p, SANS, 8, num, 0, false);
	parts[1] = layout(p, SANS, 8, "/", 0, false);
	g_snprintf(num, sizeof(num), "%d", p->npages);
	parts[2] = layout(p, SANS, 8, num, 0, false);
	x = (PAGE_W - (layout_w(parts[0]) + layout_w(parts[1]) + layout_w(parts[2]) + 8)) / 2;
	for (i = 0; i < 3; i++) {
		place(p, parts[i], x, PAGE_H - MARGIN + 14);
		x += layout_w(parts[i]) + 4;
		g_object_unref(parts[i]);
	}
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	p->lays.decor = false;
}

static void
begin_page(struct pdf *p)
{
	p->page++;
	p->y = TOP;
	p->fresh = true;
	page_decor(p);
}

static void
new_page(struct pdf *p)
{
	if (p->lays.drawing)
		cairo_show_page(p->cr);
	begin_page(p);
}

/* make room for H points, starting a new page when they do not fit
 * (unless the page is still empty) */
static void
need(struct pdf *p, double h)
{
	if (p->y + h > BOTTOM && !p->fresh)
		new_page(p);
}

/* vertical space before a block, dropped at the top of a page */
static void
gap(struct pdf *p, double h)
{
	if (!p->fresh)
		p->y += h;
}

/* place LAY at X line by line from the current position, breaking pages
 * between lines; the page position of the first line's top */
static double
flow(struct pdf *p, PangoLayout *lay, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(lay);
	double base = 0;   /* layout y that maps to the page's p->y */
	double top = p->y;
	double last = p->y, first = -1;

	check(p, lay);
	do {
		int y0, y1;
		double ly0, ly1;

		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		ly0 = (double)y0 / PANGO_SCALE;
		ly1 = (double)y1 / PANGO_SCALE;
		if (top + (ly1 - base) > BOTTOM && !(p->fresh && ly0 == base)) {
			new_page(p);
			top = p->y;
			base = ly0;
		}
		if (p->lays.drawing) {
			double bl = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
			double ox, oy;
			PangoRectangle lr;

			/* the line's own offset: indent, alignment */
			pango_layout_iter_get_line_extents(it, NULL, &lr);
			cairo_move_to(p->cr, x + (double)lr.x / PANGO_SCALE, top + bl - base);
			cairo_get_current_point(p->cr, &ox, &oy);
			pdf_line_show(p->cr, pango_layout_iter_get_line_readonly(it), ox, oy, 0, 0,
			    p->pango_lines);
		}
		if (first < 0)
			first = top + (ly0 - base);
		last = top + (ly1 - base);
		p->fresh = false;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	p->y = last;
	return first;
}

/* ---- the title page ------------------------------------------------- */

static void
title_page(struct pdf *p)
{
	const struct doc *d = p->d;
	PangoLayout *lay;
	double y = PAGE_H * 0.30;

	lay = layout(p, BOLD, 26, d->title, TEXT_W, false);
	pango_layout_set_alignment(lay, PANGO_ALIGN_CENTER);
	place(p, lay, MARGIN, y);
	y += layout_h(lay) + 12;
	g_object_unref(lay);
	if (d->subtitle != NULL && d->subtitle[0] != '\0') {
		lay = layout(p, SANS, 15, d->subtitle, TEXT_W, false);
		pango_layout_set_alignment(lay, PANGO_ALIGN_CENTER);
		place(p, lay, MARGIN, y);
		g_object_unref(lay);
	}
	if (p->lays.drawing) {
		cairo_set_line_width(p->cr, 1.0);
		cairo_move_to(p->cr, MARGIN + TEXT_W * 0.2, PAGE_H * 0.30 - 16);
		cairo_line_to(p->cr, MARGIN + TEXT_W * 0.8, PAGE_H * 0.30 - 16);
		cairo_stroke(p->cr);
	}
	y = PAGE_H * 0.66;
	lay = layout(p, SERIF, 13, d->date, TEXT_W, false);
	pango_layout_set_alignment(lay, PANGO_ALIGN_CENTER);
	place(p, lay, MARGIN, y);
	y += layout_h(lay) + 10;
	g_object_unref(lay);
	lay = layout(p, BOLD, 17, d->org_name, TEXT_W, false);
	pango_layout_set_alignment(lay, PANGO_ALIGN_CENTER);
	place(p, lay, MARGIN, y);
	g_object_unref(lay);
}

/* ---- blocks --------------------------------------------------------- */

static void
heading(struct pdf *p, const struct doc_block *b)
{
	static const double pt[] = { 16, 13, 11.5 };
	static const double before[] = { 18, 14, 10 };
	int lv = b->level < 1 ? 1 : b->level > 3 ? 3 : b->level;
	PangoLayout *lay = layout(p, BOLD, pt[lv - 1], b->text, TEXT_W, false);
	double h;

	pango_layout_set_line_spacing(lay, 0);
	h = layout_h(lay);
	gap(p, before[lv - 1]);
	/* keep the heading with about three lines of what follows */
	need(p, h + 3 * BODY_PT * 1.5 + 6);
	if (p->lays.drawing && lv == 1) {
		cairo_save(p->cr);
		cairo_set_source_rgb(p->cr, 0.12, 0.29, 0.49);
		cairo_rectangle(p->cr, MARGIN, p->y + 2, 4, h - 4);
		cairo_fill(p->cr);
		cairo_restore(p->cr);
		place(p, lay, MARGIN + 10, p->y);
	} else {
		place(p, lay, MARGIN, p->y);
	}
	if (p->lays.drawing && lv <= 2) {
		char dest[96];

		g_snprintf(dest, sizeof(dest), "page=%d pos=[%.1f %.1f]", p->page, MARGIN, p->y);
		cairo_pdf_surface_add_outline(cairo_get_target(p->cr), CAIRO_PDF_OUTLINE_ROOT,
		    pango_layout_get_text(lay), dest, CAIRO_PDF_OUTLINE_FLAG_OPEN);
	}
	p->y += h;
	if (lv == 1 && p->lays.drawing) {
		cairo_set_line_width(p->cr, 0.6);
		cairo_move_to(p->cr, MARGIN, p->y + 2);
		cairo_line_to(p->cr, PAGE_W - MARGIN, p->y + 2);
		cairo_stroke(p->cr);
	}
	p->y += lv == 1 ? 8 : 5;
	p->fresh = false;
	g_object_unref(lay);
}

static void
paragraph(struct pdf *p, const struct doc_block *b)
{
	PangoLayout *lay = layout(p, SERIF, BODY_PT, b->text, TEXT_W, true);

	pango_layout_set_indent(lay, (int)(EM * PANGO_SCALE));
	pango_layout_set_justify(lay, TRUE);
	gap(p, 6);
	flow(p, lay, MARGIN);
	g_object_unref(lay);
}

static void
article(struct pdf *p, const struct doc_block *b)
{
	char head[512];
	PangoLayout *hl, *tl;

	p->article++;
	if (p->en && b->title != NULL && b->title[0] != '\0')
		g_snprintf(head, sizeof(head), "Article %d (%s)", p->article, b->title);
	else if (p->en)
		g_snprintf(head, sizeof(head), "Article %d", p->article);
	else if (b->title != NULL && b->title[0] != '\0')
		g_snprintf(head, sizeof(head), "第%d条（%s）", p->article, b->title);
	else
		g_snprintf(head, sizeof(head), "第%d条", p->article);
	hl = layout(p, BOLD, BODY_PT, head, TEXT_W, false);
	tl = layout(p, SERIF, BODY_PT, b->text, TEXT_W - EM, true);
	pango_layout_set_justify(tl, TRUE);
	gap(p, 8);
	/* the title line stays with the first line of the text */
	need(p, layout_h(hl) + BODY_PT * 1.6);
	flow(p, hl, MARGIN);
	flow(p, tl, MARGIN + EM);
	g_object_unref(hl);
	g_object_unref(tl);
}

static void
list_item(struct pdf *p, const struct doc_block *b)
{
	int lv = b->level < 1 ? 1 : b->level > 2 ? 2 : b->level;
	double x = MARGIN + EM + (lv - 1) * 2 * EM;
	double mw = 2 * EM;
	char mark[64];
	PangoLayout *ml, *tl;
	double y0;
	int i;

	if (!p->in_list)
		memset(p->list_no, 0, sizeof(p->list_no));
	for (i = lv + 1; i < 3; i++)
		p->list_no[i] = 0;
	if (b->ordered) {
		p->list_no[lv]++;
		if (lv == 1)
			g_snprintf(mark, sizeof(mark), "%d.", p->list_no[lv]);
		else
			g_snprintf(mark, sizeof(mark), "(%d)", p->list_no[lv]);
	} else {
		p->list_no[lv] = 0;
		g_snprintf(mark, sizeof(mark), "%s", lv == 1 ? "・" : "－");
	}
	ml = layout(p, SERIF, BODY_PT, mark, 0, false);
	tl = layout(p, SERIF, BODY_PT, b->text, PAGE_W - MARGIN - x - mw, true);
	gap(p, 3);
	need(p, BODY_PT * 1.6);
	/* the marker sits on the first line, wherever flow() put it */
	y0 = flow(p, tl, x + mw);
	place(p, ml, x, y0);
	g_object_unref(ml);
	g_object_unref(tl);
}

/* ---- tables ---------------------------------------------------------- */

/* column widths: each column gets its natural width when all fit, else
 * a fair share plus part of what is left, by how much more it wants */
static void
col_widths(struct pdf *p, const struct doc_block *b, double *w)
{
	size_t r, c, n = b->cols;
	double sum = 0, share = TEXT_W / (double)n, want = 0, fixed = 0, rest;
	size_t big = 0;

	for (c = 0; c < n; c++) {
		w[c] = 2 * CELL_PAD + EM;
		for (r = 0; r < b->rows; r++) {
			PangoLayout *lay = layout(p, r == 0 ? BOLD : SANS, 9, b->cells[r * n + c], 0, false);
			double nat = layout_w(lay) + 2 * CELL_PAD + 1;

			if (nat > w[c])
				w[c] = nat;
			g_object_unref(lay);
		}
		sum += w[c];
	}
	if (sum <= TEXT_W) {
		for (c = 0; c < n; c++)
			w[c] *= TEXT_W / sum;
		return;
	}
	for (c = 0; c < n; c++) {
		if (w[c] <= share)
			fixed += w[c];
		else
			want += w[c] - share, big++;
	}
	rest = TEXT_W - fixed - share * (double)big;
	for (c = 0; c < n; c++)
		if (w[c] > share)
			w[c] = share + (w[c] - share) / want * rest;
}

/* lay out row R's cells into LAYS; its height */
static double
table_row(struct pdf *p, const struct doc_block *b, size_t r, const double *w,
    PangoLayout **lays)
{
	double h = 0;
	size_t c;

	for (c = 0; c < b->cols; c++) {
		lays[c] = layout(p, r == 0 ? BOLD : SANS, 9, b->cells[r * b->cols + c],
		    w[c] - 2 * CELL_PAD, false);
		pango_layout_set_line_spacing(lays[c], 1.3f);
		/* checked while measuring: a character the cut faces lack is
		 * found before anything is drawn */
		if (!p->lays.drawing)
			check(p, lays[c]);
		if (layout_h(lays[c]) > h)
			h = layout_h(lays[c]);
	}
	return h + 2 * CELL_PAD;
}

static void
draw_row(struct pdf *p, const struct doc_block *b, bool header, const double *w,
    PangoLayout **lays, double h)
{
	double x = MARGIN;
	size_t c;

	if (p->lays.drawing) {
		for (c = 0; c < b->cols; c++) {
			cairo_rectangle(p->cr, x, p->y, w[c], h);
			if (header) {
				cairo_set_source_rgb(p->cr, 0.87, 0.91, 0.95);
				cairo_fill_preserve(p->cr);
			}
			cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
			cairo_set_line_width(p->cr, 0.6);
			cairo_stroke(p->cr);
			cairo_set_source_rgb(p->cr, 0, 0, 0);
			place(p, lays[c], x + CELL_PAD, p->y + CELL_PAD);
			x += w[c];
		}
	}
	p->y += h;
	p->fresh = false;
}

static void
unref_row(PangoLayout **lays, size_t n)
{
	size_t c;

	for (c = 0; c < n; c++)
		if (lays[c] != NULL)
			g_object_unref(lays[c]);
	memset(lays, 0, n * sizeof(*lays));
}

static void
table(struct pdf *p, const struct doc_block *b)
{
	double *w = NULL;
	PangoLayout **head = NULL, **row = NULL;
	double hh, rh;
	size_t r;

	if (b->rows == 0 || b->cols == 0 || b->cells == NULL)
		return;
	w = calloc(b->cols, sizeof(*w));
	head = calloc(b->cols, sizeof(*head));
	row = calloc(b->cols, sizeof(*row));
	if (w == NULL || head == NULL || row == NULL) {
		p->oom = true;
		goto done;
	}
	col_widths(p, b, w);
	gap(p, 8);
	hh = table_row(p, b, 0, w, head);
	need(p, hh + (b->rows > 1 ? BODY_PT * 2 : 0));
	draw_row(p, b, true, w, head, hh);
	for (r = 1; r < b->rows; r++) {
		rh = table_row(p, b, r, w, row);
		if (p->y + rh > BOTTOM) {
			new_page(p);
			draw_row(p, b, true, w, head, hh);
		}
		draw_row(p, b, false, w, row, rh);
		unref_row(row, b->cols);
	}
	p->y += 4;
done:
	if (head != NULL)
		unref_row(head, b->cols);
	free(row);
	free(head);
	free(w);
}

/* ---- charts ------------------------------------------------------------ */

/* the chart centred, at most 0.8 of the text width and 230 pt high, its
 * caption below; kept on one page */
static void
chart(struct pdf *p, const struct doc_block *b)
{
	double bw, bh, sc, w, h;
	PangoLayout *cap;

	if (b->chart == NULL)
		return;
	chart_box(b->chart, &bw, &bh);
	sc = TEXT_W * 0.8 / bw;
	if (bh * sc > 230)
		sc = 230 / bh;
	w = bw * sc;
	h = bh * sc;
	cap = layout(p, SANS, 9, b->chart->title, TEXT_W, false);
	pango_layout_set_alignment(cap, PANGO_ALIGN_CENTER);
	gap(p, 10);
	need(p, h + layout_h(cap) + 4);
	if (p->lays.drawing)
		p->lays.unknown += chart_cairo_draw(p->cr, p->lays.pc, b->chart,
		    MARGIN + (TEXT_W - w) / 2, p->y, sc);
	p->y += h + 4;
	place(p, cap, MARGIN, p->y);
	p->y += layout_h(cap);
	p->fresh = false;
	g_object_unref(cap);
}

/* ---- the characters ---------------------------------------------------- */

static void
add_sans(void *fonts, const char *text)
{
	doc_fonts_add(fonts, SANS, text);
}

/* the text of a paragraph, article or list item: its bold spans are set
 * in BOLD */
static void
add_rich(struct doc_fonts *f, const char *text)
{
	doc_fonts_add(f, SERIF, text);
	if (text != NULL && strstr(text, "**") != NULL)
		doc_fonts_add(f, BOLD, text);
}

/* every character the passes will lay out into F, by face: the
 * document's texts and what this file writes around them (article and
 * list numbers, "N / M"; ASCII is always there). Each kind of text goes
 * to the face its function above lays it out in; a mistake here shows as
 * a run in another face (check()), and the document is drawn with the
 * system's fonts. */
static void
collect(const struct doc *d, struct doc_fonts *f)
{
	size_t i, c;

	doc_fonts_add(f, BOLD, d->title);          /* title page */
	doc_fonts_add(f, SANS, d->subtitle);
	doc_fonts_add(f, SERIF, d->date);
	doc_fonts_add(f, BOLD, d->org_name);
	doc_fonts_add(f, SANS, d->org_name);       /* page header */
	doc_fonts_add(f, SANS, d->title);
	doc_fonts_add(f, SERIF, "・－");           /* list markers */
	for (i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];

		switch (b->kind) {
		case DOC_HEADING:
			doc_fonts_add(f, BOLD, b->text);
			break;
		case DOC_ARTICLE:
			doc_fonts_add(f, BOLD, "第条（）");
			doc_fonts_add(f, BOLD, b->title);
			add_rich(f, b->text);
			break;
		case DOC_PARAGRAPH:
		case DOC_LIST_ITEM:
			add_rich(f, b->text);
			break;
		case DOC_TABLE:
			for (c = 0; b->cells != NULL && c < b->rows * b->cols; c++)
				doc_fonts_add(f, c < b->cols ? BOLD : SANS, b->cells[c]);
			break;
		case DOC_CHART:
			if (b->chart != NULL) {
				doc_fonts_add(f, SANS, b->chart->title);
				chart_cairo_texts(b->chart, add_sans, f);
			}
			break;
		case DOC_PAGE_BREAK:
			break;
		}
	}
}

/* ---- the document ---------------------------------------------------- */

static void
run(struct pdf *p)
{
	size_t i;

	p->page = 0;
	p->article = 0;
	p->in_list = false;
	begin_page(p);
	title_page(p);
	if (p->d->nblocks > 0)
		new_page(p);
	for (i = 0; i < p->d->nblocks && !p->oom; i++) {
		const struct doc_block *b = &p->d->blocks[i];

		switch (b->kind) {
		case DOC_HEADING:
			heading(p, b);
			break;
		case DOC_PARAGRAPH:
			paragraph(p, b);
			break;
		case DOC_ARTICLE:
			article(p, b);
			break;
		case DOC_LIST_ITEM:
			list_item(p, b);
			break;
		case DOC_TABLE:
			table(p, b);
			break;
		case DOC_CHART:
			chart(p, b);
			break;
		case DOC_PAGE_BREAK:
			/* never a blank last page */
			if (!p->fresh && i + 1 < p->d->nblocks)
				new_page(p);
			break;
		}
		p->in_list = b->kind == DOC_LIST_ITEM;
	}
	if (p->lays.drawing)
		cairo_show_page(p->cr);
}

/* a metadata entry; cairo refuses invalid UTF-8, so that is repaired */
static void
set_meta(cairo_surface_t *s, cairo_pdf_metadata_t key, const char *v)
{
	char *valid = NULL;

	if (v == NULL || v[0] == '\0')
		return;
	if (!g_utf8_validate(v, -1, NULL))
		v = valid = g_utf8_make_valid(v, -1);
	cairo_pdf_surface_set_metadata(s, key, v);
	g_free(valid);
}

/* where cairo's PDF stream goes: appended to OUT, or nowhere while a
 * surface is thrown away (destroying an unfinished surface makes cairo
 * write the rest of the document) */
struct sink {
	struct buf *out;
	bool discard;
};

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	struct sink *k = closure;

	if (k->discard)
		return CAIRO_STATUS_SUCCESS;
	return buf_append(k->out, data, len) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* a PDF surface that writes to SINK, with D's metadata, and its context */
static enum mm_err
open_pdf(const struct doc *d, struct sink *sink, cairo_surface_t **sp, cairo_t **crp,
    struct err *e)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_buf, sink, PAGE_W, PAGE_H);

	*sp = s;
	*crp = NULL;
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		return err_set(e, MM_ENOMEM, "PDF を作成できません（メモリ不足）");
	set_meta(s, CAIRO_PDF_METADATA_TITLE, d->title);
	set_meta(s, CAIRO_PDF_METADATA_AUTHOR, d->org_name);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "mamori");
	*crp = cairo_create(s);
	if (cairo_status(*crp) != CAIRO_STATUS_SUCCESS)
		return err_set(e, MM_ENOMEM, "PDF を作成できません（メモリ不足）");
	return MM_OK;
}

/* a pango context on P's cairo context with the fonts of MAP (NULL: the
 * system's), for both passes; the layouts kept from an earlier
 * measuring pass are dropped */
static void
set_context(struct pdf *p, PangoFontMap *map)
{
	cairo_font_options_t *fo = cairo_font_options_create();
	PangoContext *pc =
	    pango_font_map_create_context(map != NULL ? map : pango_cairo_font_map_get_default());

	pango_cairo_update_context(p->cr, pc);
	pango_cairo_context_set_resolution(pc, 72.0);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(pc, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(pc, pango_language_from_string(p->en ? "en" : "ja"));
	pdf_layouts_use(&p->lays, pc, map != NULL);
}

/* the measuring pass: the page count, the layouts kept for drawing */
static void
measure(struct pdf *p)
{
	pdf_layouts_pass(&p->lays, false);
	run(p);
	p->npages = p->page;
}

static void
draw(struct pdf *p)
{
	pdf_layouts_pass(&p->lays, true);
	run(p);
}

/* P's drawing and the surface S let go of without writing anything more
 * to the output */
static void
discard(struct pdf *p, cairo_surface_t **s, struct sink *k)
{
	pdf_layouts_drop(&p->lays);
	k->discard = true;
	if (p->cr != NULL)
		cairo_destroy(p->cr);
	p->cr = NULL;
	if (*s != NULL)
		cairo_surface_destroy(*s);
	*s = NULL;
	k->discard = false;
}

/* pdf_write — see pdf_out.h. D is only read; OUT is appended to and cut
 * back to its old length on failure. A doc built with d->failed set is
 * refused (MM_EINVAL). Memory: glib aborts when it can not allocate, the
 * cairo stream and our own arrays report MM_ENOMEM. The surface, contexts
 * and the document's font map are this call's own. */
enum mm_err
pdf_write(const struct doc *d, unsigned flags, struct buf *out, struct pdf_info *info,
    struct err *e)
{
	struct pdf p;
	struct err fe;
	struct sink sink = { out, false };
	cairo_surface_t *s = NULL;
	PangoFontMap *map = NULL;
	cairo_status_t st;
	enum mm_err rc;
	size_t start = out->len;
	const char *why = NULL;
	bool locked = false;

	memset(&p, 0, sizeof(p));
	memset(&fe, 0, sizeof(fe));
	if (info != NULL)
		memset(info, 0, sizeof(*info));
	if (d == NULL || d->failed)
		return err_set(e, MM_EINVAL, "文書の作成が途中で失敗したため、PDF を出力できません");
	pdf_layouts_init(&p.lays);
	p.d = d;
	p.en = d->lang != NULL && strcmp(d->lang, "en") == 0;
	p.pango_lines = (flags & PDF_PANGO_LINES) != 0;
	if (!(flags & PDF_SYSTEM_FONTS)) {
		p.fonts = doc_fonts_new();
		if (p.fonts == NULL) {
			rc = err_set(e, MM_ENOMEM, "PDF を作成できません（メモリ不足）");
			goto fail;
		}
		collect(d, p.fonts);
		map = doc_fonts_map(p.fonts, &fe);
		if (map == NULL)
			why = fe.msg;
	}
	/* Drawing holds the process's drawing lock (doc_fonts_lock) until
	 * everything cairo has of the document is let go of; cutting the
	 * faces above does not need it. With the cut faces first; a character
	 * they can not draw as the installed faces would, found when
	 * measuring or drawing, starts the document again with the installed
	 * faces. */
	doc_fonts_lock();
	locked = true;
	for (;;) {
		rc = open_pdf(d, &sink, &s, &p.cr, e);
		if (rc != MM_OK)
			goto fail;
		set_context(&p, map);
		measure(&p);
		if (!p.oom && (map == NULL || p.lays.unknown == 0))
			draw(&p);
		if (p.oom || map == NULL || p.lays.unknown == 0)
			break;
		why = p.lays.drawing ? "a cut face lacks a character drawn" :
		    "a cut face lacks a character of the document";
		discard(&p, &s, &sink);
		doc_fonts_map_free(map);
		map = NULL;
		buf_cut(out, start);
	}
	if (p.oom) {
		rc = err_set(e, MM_ENOMEM, "PDF を作成できません（メモリ不足）");
		goto fail;
	}
	pdf_layouts_drop(&p.lays);
	st = cairo_status(p.cr);
	if (st != CAIRO_STATUS_SUCCESS) {
		rc = err_set(e, MM_EIO, "PDF を描けません: %s", cairo_status_to_string(st));
		goto fail;
	}
	cairo_destroy(p.cr);
	p.cr = NULL;
	cairo_surface_finish(s);
	st = cairo_surface_status(s);
	if (st != CAIRO_STATUS_SUCCESS || buf_failed(out)) {
		rc = buf_failed(out) ?
		    err_set(e, MM_ENOMEM, "PDF が大きすぎるか、メモリが足りません") :
		    err_set(e, MM_EIO, "PDF を書き出せません: %s", cairo_status_to_string(st));
		goto fail;
	}
	if (info != NULL) {
		info->pages = p.page;
		info->fonts = map != NULL ? PDF_FONTS_DOCUMENT : PDF_FONTS_SYSTEM;
		if (why != NULL)
			g_strlcpy(info->why, why, sizeof(info->why));
	}
	rc = MM_OK;
	goto done;
fail:
	discard(&p, &s, &sink);
	buf_cut(out, start);
done:
	pdf_layouts_fini(&p.lays);
	if (p.cr != NULL)
		cairo_destroy(p.cr);
	if (s != NULL)
		cairo_surface_destroy(s);
	doc_fonts_map_free(map);
	if (locked)
		doc_fonts_unlock();
	doc_fonts_free(p.fonts);
	return rc;
}

void
pdf_prepare(void)
{
	doc_fonts_prepare();
}

enum mm_err
pdf_out(const struct doc *d, struct buf *out, struct err *e)
{
	return pdf_write(d, 0, out, NULL, e);
}
