/* svg_chart.c — radar and trend charts as SVG (the layout is chart.c's),
 * and the heat map. */
#include "render/svg_chart.h"

#include <math.h>
#include <stdbool.h>

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

/* the SVG pen: each shape an element with its class, text escaped. Its
 * coordinates are written with buf_put_dec1, the text of "%.1f" without
 * printf's exact floating-point conversion: a dashboard's trend has up to
 * 64 points, drawn on every view, and printf was most of the page's cost. */
static const char *const anchor_name[] = { "start", "middle", "end" };

/* ' NAME="V"' with V to one decimal */
static void
put_attr(struct buf *out, const char *name, double v)
{
	buf_putc(out, ' ');
	buf_puts(out, name);
	buf_puts(out, "=\"");
	buf_put_dec1(out, v);
	buf_putc(out, '"');
}

static void
svg_shape(void *ctx, const char *cls, const double *xy, size_t n, bool closed)
{
	struct buf *out = ctx;
	size_t i;

	buf_printf(out, "<%s class=\"%s\" points=\"", closed ? "polygon" : "polyline", cls);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(out, ' ');
		buf_put_dec1(out, xy[2 * i]);
		buf_putc(out, ',');
		buf_put_dec1(out, xy[2 * i + 1]);
	}
	buf_puts(out, "\"/>");
}

static void
svg_line(void *ctx, const char *cls, double x1, double y1, double x2, double y2)
{
	struct buf *out = ctx;

	buf_printf(out, "<line class=\"%s\"", cls);
	put_attr(out, "x1", x1);
	put_attr(out, "y1", y1);
	put_attr(out, "x2", x2);
	put_attr(out, "y2", y2);
	buf_puts(out, "/>");
}

static void
svg_dot(void *ctx, double cx, double cy, double r)
{
	struct buf *out = ctx;

	buf_puts(out, "<circle");
	put_attr(out, "cx", cx);
	put_attr(out, "cy", cy);
	if (r == floor(r) && fabs(r) < 1e6)
		buf_printf(out, " r=\"%d\"/>", (int)r); /* as "%g" writes it */
	else
		buf_printf(out, " r=\"%g\"/>", r);
}

static void
svg_text(void *ctx, const char *cls, double x, double y, enum chart_anchor a,
    const char *text)
{
	struct buf *out = ctx;

	buf_puts(out, "<text ");
	if (cls != NULL)
		buf_printf(out, "class=\"%s\" ", cls);
	/* "x=…" without the space put_attr puts before it */
	buf_puts(out, "x=\"");
	buf_put_dec1(out, x);
	buf_putc(out, '"');
	put_attr(out, "y", y);
	buf_printf(out, " text-anchor=\"%s\">", anchor_name[a]);
	svg_escape(out, text);
	buf_puts(out, "</text>");
}

static void
svg_pen(struct chart_pen *pen, struct buf *out)
{
	pen->ctx = out;
	pen->shape = svg_shape;
	pen->line = svg_line;
	pen->dot = svg_dot;
	pen->text = svg_text;
}

bool
svg_radar(struct buf *out, const char *title, const struct chart_axis *axes,
    size_t n)
{
	struct chart_pen pen;

	if (n < 3 || n > 12)
		return false;
	open_svg(out, CHART_RADAR_W, CHART_RADAR_H, title, "radar");
	svg_pen(&pen, out);
	chart_radar(&pen, axes, n);
	buf_puts(out, "</svg>");
	return !buf_failed(out);
}

bool
svg_trend(struct buf *out, const char *title, const struct chart_point *pts,
    size_t n, double ymin, double ymax, const double *guides, size_t nguides)
{
	struct chart_pen pen;

	if (n == 0 || ymax - ymin <= 0)
		return false;
	open_svg(out, CHART_TREND_W, CHART_TREND_H, title, "trend");
	svg_pen(&pen, out);
	chart_trend(&pen, pts, n, ymin, ymax, guides, nguides);
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
