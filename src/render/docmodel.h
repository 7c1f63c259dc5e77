/* docmodel.h — a document as the renderers see it: a title page and a
 * list of blocks (headings, paragraphs, numbered articles, lists, tables,
 * charts, page breaks). The policy documents, the handbook and the reports are
 * built as a doc and written as PDF (pdf_out), DOCX (docx_out), HTML or
 * Markdown by the same code path.
 *
 * A doc owns all its strings (copied in) and is freed with doc_free().
 * Text is UTF-8 without markup; **bold** spans inside a paragraph are the
 * only inline formatting.
 */
#ifndef MM_DOCMODEL_H
#define MM_DOCMODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "render/chart.h"

enum doc_block_kind {
	DOC_HEADING = 0,   /* level 1..3 */
	DOC_PARAGRAPH,
	DOC_ARTICLE,       /* 第N条 (title) + text; numbered by the renderer */
	DOC_LIST_ITEM,     /* ordered or not, level 1..2 */
	DOC_TABLE,         /* rows × cols cells, the first row a header */
	DOC_PAGE_BREAK,
	DOC_CHART          /* a radar or trend chart (chart.h) with a caption */
};

enum doc_chart_kind { DOC_CHART_RADAR = 0, DOC_CHART_TREND };

#define DOC_CHART_MAX_GUIDES 4

/* A chart's data, owned by its block (the labels too). */
struct doc_chart {
	enum doc_chart_kind kind;
	char *title;               /* the caption */
	struct chart_axis *axes;   /* radar: N axes */
	struct chart_point *pts;   /* trend: N points */
	size_t n;
	double ymin, ymax;         /* trend */
	double guides[DOC_CHART_MAX_GUIDES];
	size_t nguides;
};

struct doc_block {
	enum doc_block_kind kind;
	int level;            /* heading level; list nesting */
	bool ordered;         /* list items */
	char *title;          /* articles: the article's title (may be NULL) */
	char *text;           /* headings, paragraphs, articles, list items */
	size_t rows, cols;    /* tables */
	char **cells;         /* tables: rows * cols, row-major */
	struct doc_chart *chart; /* charts */
};

struct doc {
	char *title;          /* on the title page and in the metadata */
	char *subtitle;       /* may be NULL */
	char *org_name;       /* in the page header */
	char *date;           /* on the title page, e.g. "2026年11月26日" */
	char *lang;           /* "ja" or "en" */
	struct doc_block *blocks;
	size_t nblocks, alloc;
	bool failed;          /* an allocation failed: the doc is incomplete */
};

/* doc_new — an empty doc; NULL when out of memory. */
struct doc *doc_new(const char *title, const char *org_name, const char *date,
    const char *lang);

/* doc_free — release D and everything in it (NULL is fine). */
void doc_free(struct doc *d);

/* Append a block; the strings are copied. On failure d->failed is set
 * and the doc stays usable (further appends do nothing). */
void doc_heading(struct doc *d, int level, const char *text);
void doc_paragraph(struct doc *d, const char *text);
void doc_article(struct doc *d, const char *title, const char *text);
void doc_list_item(struct doc *d, bool ordered, int level, const char *text);
void doc_page_break(struct doc *d);

/* doc_table — a table of ROWS × COLS cells (CELLS row-major, the first
 * row the header; NULL cells are empty). */
void doc_table(struct doc *d, size_t rows, size_t cols, const char *const *cells);

/* doc_chart_radar — a radar of the N (3..12) AXES with the caption
 * TITLE; doc_chart_trend — a line chart of the N (1..64) points PTS
 * between YMIN and YMAX with up to DOC_CHART_MAX_GUIDES guide lines.
 * Out of range: nothing is added. */
void doc_chart_radar(struct doc *d, const char *title, const struct chart_axis *axes,
    size_t n);
void doc_chart_trend(struct doc *d, const char *title, const struct chart_point *pts,
    size_t n, double ymin, double ymax, const double *guides, size_t nguides);

#endif
