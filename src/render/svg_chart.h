/* svg_chart.h — charts as SVG with text labels (no script, no external
 * resources): the radar of the 自社診断 parts and the score trend over
 * rounds (their layout is chart.h's, shared with the PDF), and the
 * heat map of the risks. Text is XML-escaped. */
#ifndef MM_SVG_CHART_H
#define MM_SVG_CHART_H

#include <stddef.h>

#include "render/chart.h"
#include "util/buf.h"

/* svg_radar — a radar chart of N (3..12) axes, each scaled to its max,
 * with TITLE as its accessible name; appended to OUT. Returns false when
 * N is out of range or OUT failed. */
bool svg_radar(struct buf *out, const char *title, const struct chart_axis *axes,
    size_t n);

/* svg_trend — a line chart of N (≥ 1) points between YMIN and YMAX with
 * horizontal guide lines at each value of GUIDES (NGUIDES, may be 0). */
bool svg_trend(struct buf *out, const char *title, const struct chart_point *pts,
    size_t n, double ymin, double ymax, const double *guides, size_t nguides);

#define HEAT_N 3

/* One cell of a heat map. */
struct heat_cell {
	const char *cls;   /* a class for its colour, e.g. "risk-high" (our id) */
	const char *value; /* the first line, e.g. "リスク値 6" */
	const char *count; /* the second line, in large type, e.g. "4 件" */
	const char *label; /* the accessible name of the cell (and its link) */
	const char *href;  /* where the cell leads, or NULL */
};

/* A HEAT_N × HEAT_N heat map: rows are levels 1..HEAT_N of ROW_TITLE
 * drawn from the top down as HEAT_N..1 (the highest level on top),
 * columns levels 1..HEAT_N of COL_TITLE from left to right. */
struct heat_map {
	const char *title;
	const char *row_title, *col_title;             /* e.g. 重要度, 被害発生可能性 */
	const char *row_ticks[HEAT_N], *col_ticks[HEAT_N]; /* per level, from 1 */
	struct heat_cell cells[HEAT_N][HEAT_N];        /* [row level-1][col level-1] */
};

/* svg_heatmap — the heat map M appended to OUT: each cell a rectangle
 * with its two lines of text, wrapped in a link when it has an href. All
 * text and links are XML-escaped. Returns false when OUT failed. */
bool svg_heatmap(struct buf *out, const struct heat_map *m);

/* svg_escape — S XML-escaped into OUT. */
void svg_escape(struct buf *out, const char *s);

#endif
