/* svg_chart.h — charts as SVG with text labels (no script, no external
 * resources): the radar of the 自社診断 parts and the score trend over
 * rounds. The chart is described by plain structs so that the PDF
 * renderer can draw the same chart. Text is XML-escaped. */
#ifndef MM_SVG_CHART_H
#define MM_SVG_CHART_H

#include <stddef.h>

#include "util/buf.h"

struct chart_axis {
	const char *label; /* e.g. "基本的対策" */
	double value;
	double max;        /* > 0 */
};

struct chart_point {
	const char *label; /* e.g. "2026-11-26" */
	double value;
};

/* svg_radar — a radar chart of N (3..12) axes, each scaled to its max,
 * with TITLE as its accessible name; appended to OUT. Returns false when
 * N is out of range or OUT failed. */
bool svg_radar(struct buf *out, const char *title, const struct chart_axis *axes,
    size_t n);

/* svg_trend — a line chart of N (≥ 1) points between YMIN and YMAX with
 * horizontal guide lines at each value of GUIDES (NGUIDES, may be 0). */
bool svg_trend(struct buf *out, const char *title, const struct chart_point *pts,
    size_t n, double ymin, double ymax, const double *guides, size_t nguides);

/* svg_escape — S XML-escaped into OUT. */
void svg_escape(struct buf *out, const char *s);

#endif
