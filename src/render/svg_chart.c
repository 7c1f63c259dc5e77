/* svg_chart.c — radar and trend charts as SVG. */
#include "render/svg_chart.h"

#include <math.h>
#include <stdbool.h>

#define RADAR_W 560
#define RADAR_H 320
#define PI 3.14159265358979323846
#define TREND_W 480
#define TREND_H 220
#define HEAT_LEFT 96
#define HEAT_TOP 34
#define HEAT_CW 124
#define HEAT_CH 76

void
svg_escape(struct buf *out, const char *s)
{
	for (; s != NULL && *s; s++) {
		switch (*s) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&#39;"); break;
		default: buf_putc(out, *s);
		}
	}
}

static void
open_svg(struct buf *out, int w, int h, const char *title, const char *cls)
{
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart %s\""
	    " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", cls, w, h);
	svg_escape(out, title);
	buf_puts(out, "\"><title>");
	svg_escape(out, title);
	buf_puts(out, "</title>");
}

bool
svg_radar(struct buf *out, const char *title, const struct chart_axis *axes,
    size_t n)
{
	const double cx = RADAR_W / 2.0, cy = RADAR_H / 2.0 + 10, r = 95;
	size_t i;
	int ring;

	if (n < 3 || n > 12)
		return false;
	open_svg(out, RADAR_W, RADAR_H, title, "radar");
	for (ring = 1; ring <= 4; ring++) {
		buf_puts(out, "<polygon class=\"grid\" points=\"");
		for (i = 0; i < n; i++) {
			double a = -PI / 2 + 2 * PI * (double)i / (double)n;
			buf_printf(out, "%s%.1f,%.1f", i ? " " : "", cx + r * ring / 4 * cos(a),
			    cy + r * ring / 4 * sin(a));
		}
		buf_puts(out, "\"/>");
	}
	buf_puts(out, "<polygon class=\"value\" points=\"");
	for (i = 0; i < n; i++) {
		double a = -PI / 2 + 2 * PI * (double)i / (double)n;
		double f = axes[i].max > 0 ? axes[i].value / axes[i].max : 0;
		if (f < 0)
			f = 0;
		if (f > 1)
			f = 1;
		buf_printf(out, "%s%.1f,%.1f", i ? " " : "", cx + r * f * cos(a),
		    cy + r * f * sin(a));
	}
	buf_puts(out, "\"/>");
	for (i = 0; i < n; i++) {
		double a = -PI / 2 + 2 * PI * (double)i / (double)n;
		double lx = cx + (r + 22) * cos(a), ly = cy + (r + 22) * sin(a);
		const char *anchor = fabs(cos(a)) < 0.2 ? "middle" : cos(a) > 0 ? "start" : "end";
		buf_printf(out, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
		    cx, cy, cx + r * cos(a), cy + r * sin(a));
		buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", lx, ly, anchor);
		svg_escape(out, axes[i].label);
		buf_printf(out, "</text><text class=\"num\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%g / %g</text>",
		    lx, ly + 20, anchor, axes[i].value, axes[i].max);
	}
	buf_puts(out, "</svg>");
	return !buf_failed(out);
}

bool
svg_trend(struct buf *out, const char *title, const struct chart_point *pts,
    size_t n, double ymin, double ymax, const double *guides, size_t nguides)
{
	const double left = 40, right = TREND_W - 16, top = 16, bottom = TREND_H - 40;
	double span = ymax - ymin;
	size_t i;

	if (n == 0 || span <= 0)
		return false;
	open_svg(out, TREND_W, TREND_H, title, "trend");
	for (i = 0; i < nguides; i++) {
		double y = bottom - (guides[i] - ymin) / span * (bottom - top);
		buf_printf(out, "<line class=\"guide\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
		    "<text class=\"num\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%g</text>",
		    left, y, right, y, left - 6, y + 4, guides[i]);
	}
	buf_puts(out, "<polyline class=\"value\" points=\"");
	for (i = 0; i < n; i++) {
		double x = n == 1 ? (left + right) / 2 :
		    left + (right - left) * (double)i / (double)(n - 1);
		double y = bottom - (pts[i].value - ymin) / span * (bottom - top);
		buf_printf(out, "%s%.1f,%.1f", i ? " " : "", x, y);
	}
	buf_puts(out, "\"/>");
	for (i = 0; i < n; i++) {
		double x = n == 1 ? (left + right) / 2 :
		    left + (right - left) * (double)i / (double)(n - 1);
		double y = bottom - (pts[i].value - ymin) / span * (bottom - top);
		buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>"
		    "<text class=\"num\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%g</text>",
		    x, y, x, y - 9, pts[i].value);
		if (n <= 8 || i == 0 || i == n - 1) {
			/* the outer labels lean inwards so that they stay inside */
			const char *anchor = n == 1 ? "middle" : i == 0 ? "start" :
			    i == n - 1 ? "end" : "middle";
			buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x,
			    bottom + 22, anchor);
			svg_escape(out, pts[i].label);
			buf_puts(out, "</text>");
		}
	}
	buf_puts(out, "</svg>");
	return !buf_failed(out);
}

bool
svg_heatmap(struct buf *out, const struct heat_map *m)
{
	const int w = HEAT_LEFT + HEAT_N * HEAT_CW + 8;
	const int h = HEAT_TOP + HEAT_N * HEAT_CH + 64;
	int row, col;

	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart heatmap\""
	    " viewBox=\"0 0 %d %d\" role=\"group\" aria-label=\"", w, h);
	svg_escape(out, m->title);
	buf_puts(out, "\"><title>");
	svg_escape(out, m->title);
	buf_puts(out, "</title>");
	/* the row axis: its title above its levels (Japanese reads badly
	 * turned on its side), the levels beside the rows, the highest on top */
	buf_printf(out, "<text class=\"axis-title\" x=\"%d\" y=\"%d\" text-anchor=\"end\">",
	    HEAT_LEFT - 8, HEAT_TOP - 12);
	svg_escape(out, m->row_title);
	buf_puts(out, "</text>");
	/* from the top row down, so that reading and keyboard order follow
	 * the picture */
	for (row = HEAT_N - 1; row >= 0; row--) {
		int y = HEAT_TOP + (HEAT_N - 1 - row) * HEAT_CH;
		buf_printf(out, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">",
		    HEAT_LEFT - 8, y + HEAT_CH / 2 + 6);
		svg_escape(out, m->row_ticks[row]);
		buf_puts(out, "</text>");
		for (col = 0; col < HEAT_N; col++) {
			const struct heat_cell *c = &m->cells[row][col];
			int x = HEAT_LEFT + col * HEAT_CW;
			if (c->href != NULL) {
				buf_puts(out, "<a href=\"");
				svg_escape(out, c->href);
				buf_puts(out, "\" aria-label=\"");
				svg_escape(out, c->label);
				buf_puts(out, "\">");
			} else {
				buf_puts(out, "<g role=\"img\" aria-label=\"");
				svg_escape(out, c->label);
				buf_puts(out, "\">");
			}
			buf_puts(out, "<rect class=\"cell ");
			svg_escape(out, c->cls);
			buf_printf(out, "\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\"/>",
			    x + 2, y + 2, HEAT_CW - 4, HEAT_CH - 4);
			buf_printf(out, "<text class=\"cell-value\" x=\"%d\" y=\"%d\""
			    " text-anchor=\"middle\" aria-hidden=\"true\">", x + HEAT_CW / 2, y + 26);
			svg_escape(out, c->value);
			buf_printf(out, "</text><text class=\"cell-count\" x=\"%d\" y=\"%d\""
			    " text-anchor=\"middle\" aria-hidden=\"true\">", x + HEAT_CW / 2, y + 56);
			svg_escape(out, c->count);
			buf_puts(out, c->href != NULL ? "</text></a>" : "</text></g>");
		}
	}
	for (col = 0; col < HEAT_N; col++) {
		buf_printf(out, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">",
		    HEAT_LEFT + col * HEAT_CW + HEAT_CW / 2, HEAT_TOP + HEAT_N * HEAT_CH + 22);
		svg_escape(out, m->col_ticks[col]);
		buf_puts(out, "</text>");
	}
	buf_printf(out, "<text class=\"axis-title\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">",
	    HEAT_LEFT + HEAT_N * HEAT_CW / 2, HEAT_TOP + HEAT_N * HEAT_CH + 52);
	svg_escape(out, m->col_title);
	buf_puts(out, "</text></svg>");
	return !buf_failed(out);
}
