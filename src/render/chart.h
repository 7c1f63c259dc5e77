/* chart.h — the geometry of mamori's charts, drawn through a pen: the
 * radar of the 自社診断 parts and the score trend over rounds. One
 * implementation of the layout serves every output: svg_chart.c gives a
 * pen that writes SVG elements (the web pages), chart_cairo.c one that
 * draws on a cairo context (the PDF, and the PNG inside a DOCX).
 *
 * Coordinates are in the chart's own box (CHART_RADAR_W × CHART_RADAR_H
 * or CHART_TREND_W × CHART_TREND_H), y downwards. Classes name the role
 * of a shape ("grid", "value", "axis", "guide", "num", NULL for plain
 * text); a pen maps them to its styles.
 */
#ifndef MM_CHART_H
#define MM_CHART_H

#include <stdbool.h>
#include <stddef.h>

#define CHART_RADAR_W 560
#define CHART_RADAR_H 320
#define CHART_TREND_W 480
#define CHART_TREND_H 220

struct chart_axis {
	const char *label; /* e.g. "基本的対策" */
	double value;
	double max;        /* > 0 */
};

struct chart_point {
	const char *label; /* e.g. "2026-11-26" */
	double value;
};

enum chart_anchor { CHART_START = 0, CHART_MIDDLE, CHART_END };

/* What a chart is drawn with. XY holds N points as x0, y0, x1, y1, …;
 * CLOSED distinguishes a polygon from a polyline. */
struct chart_pen {
	void *ctx;
	void (*shape)(void *ctx, const char *cls, const double *xy, size_t n, bool closed);
	void (*line)(void *ctx, const char *cls, double x1, double y1, double x2, double y2);
	void (*dot)(void *ctx, double cx, double cy, double r);
	void (*text)(void *ctx, const char *cls, double x, double y, enum chart_anchor a,
	    const char *text);
};

/* chart_radar — a radar of N (3..12) axes, each scaled to its max, drawn
 * with PEN. Returns false (drawing nothing) when N is out of range. */
bool chart_radar(const struct chart_pen *pen, const struct chart_axis *axes, size_t n);

/* chart_trend — a line chart of N (1..64 drawn; ≥ 1) points between YMIN
 * and YMAX with horizontal guide lines at GUIDES (NGUIDES, may be 0).
 * Returns false when N is 0 or the range is empty. */
bool chart_trend(const struct chart_pen *pen, const struct chart_point *pts, size_t n,
    double ymin, double ymax, const double *guides, size_t nguides);

#endif
