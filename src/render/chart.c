/* chart.c — the layout of the radar and trend charts. See chart.h. */
#include "render/chart.h"

#include <math.h>
#include <stdio.h>

#define PI 3.14159265358979323846

/* V as "%g" writes it into NUM; a whole number of up to six digits (a
 * score) without printf's floating-point conversion, which the trend
 * would pay for each of its points on every view of a dashboard */
static void
num_g(char *num, size_t size, double v)
{
	if (fabs(v) < 1e6 && v == floor(v) && !(v == 0 && signbit(v)))
		snprintf(num, size, "%d", (int)v);
	else
		snprintf(num, size, "%g", v);
}

bool
chart_radar(const struct chart_pen *pen, const struct chart_axis *axes, size_t n)
{
	const double cx = CHART_RADAR_W / 2.0, cy = CHART_RADAR_H / 2.0 + 10, r = 95;
	double xy[2 * 12];
	char num[64];
	size_t i;
	int ring;

	if (n < 3 || n > 12)
		return false;
	for (ring = 1; ring <= 4; ring++) {
		for (i = 0; i < n; i++) {
			double a = -PI / 2 + 2 * PI * (double)i / (double)n;
			xy[2 * i] = cx + r * ring / 4 * cos(a);
			xy[2 * i + 1] = cy + r * ring / 4 * sin(a);
		}
		pen->shape(pen->ctx, "grid", xy, n, true);
	}
	for (i = 0; i < n; i++) {
		double a = -PI / 2 + 2 * PI * (double)i / (double)n;
		double f = axes[i].max > 0 ? axes[i].value / axes[i].max : 0;

		if (f < 0)
			f = 0;
		if (f > 1)
			f = 1;
		xy[2 * i] = cx + r * f * cos(a);
		xy[2 * i + 1] = cy + r * f * sin(a);
	}
	pen->shape(pen->ctx, "value", xy, n, true);
	for (i = 0; i < n; i++) {
		double a = -PI / 2 + 2 * PI * (double)i / (double)n;
		double lx = cx + (r + 22) * cos(a), ly = cy + (r + 22) * sin(a);
		enum chart_anchor anchor = fabs(cos(a)) < 0.2 ? CHART_MIDDLE :
		    cos(a) > 0 ? CHART_START : CHART_END;

		pen->line(pen->ctx, "axis", cx, cy, cx + r * cos(a), cy + r * sin(a));
		pen->text(pen->ctx, NULL, lx, ly, anchor, axes[i].label);
		snprintf(num, sizeof(num), "%g / %g", axes[i].value, axes[i].max);
		pen->text(pen->ctx, "num", lx, ly + 20, anchor, num);
	}
	return true;
}

/* the position of point I of N in the plot */
static void
trend_xy(const struct chart_point *pts, size_t i, size_t n, double ymin, double span,
    double *x, double *y)
{
	const double left = 40, right = CHART_TREND_W - 16, top = 16, bottom = CHART_TREND_H - 40;

	*x = n == 1 ? (left + right) / 2 : left + (right - left) * (double)i / (double)(n - 1);
	*y = bottom - (pts[i].value - ymin) / span * (bottom - top);
}

bool
chart_trend(const struct chart_pen *pen, const struct chart_point *pts, size_t n,
    double ymin, double ymax, const double *guides, size_t nguides)
{
	const double left = 40, right = CHART_TREND_W - 16, top = 16, bottom = CHART_TREND_H - 40;
	double span = ymax - ymin;
	double xy[2 * 64];
	char num[32];
	size_t i;

	if (n == 0 || span <= 0)
		return false;
	if (n > 64) {
		/* the newest 64 */
		pts += n - 64;
		n = 64;
	}
	for (i = 0; i < nguides; i++) {
		double y = bottom - (guides[i] - ymin) / span * (bottom - top);

		pen->line(pen->ctx, "guide", left, y, right, y);
		num_g(num, sizeof(num), guides[i]);
		pen->text(pen->ctx, "num", left - 6, y + 4, CHART_END, num);
	}
	for (i = 0; i < n; i++)
		trend_xy(pts, i, n, ymin, span, &xy[2 * i], &xy[2 * i + 1]);
	pen->shape(pen->ctx, "value", xy, n, false);
	for (i = 0; i < n; i++) {
		double x = xy[2 * i], y = xy[2 * i + 1];

		pen->dot(pen->ctx, x, y, 4);
		num_g(num, sizeof(num), pts[i].value);
		pen->text(pen->ctx, "num", x, y - 9, CHART_MIDDLE, num);
		if (n <= 8 || i == 0 || i == n - 1) {
			/* the outer labels lean inwards so that they stay inside */
			enum chart_anchor anchor = n == 1 ? CHART_MIDDLE : i == 0 ? CHART_START :
			    i == n - 1 ? CHART_END : CHART_MIDDLE;

			pen->text(pen->ctx, NULL, x, bottom + 22, anchor, pts[i].label);
		}
	}
	return true;
}
