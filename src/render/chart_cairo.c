/* chart_cairo.c — a cairo pen for chart.c. See chart_cairo.h.
 *
 * The pen maps the box's coordinates itself (x × scale + origin) instead
 * of changing cairo's matrix, so that pango's metrics need no update and
 * line widths stay in the page's units. */
#include "render/chart_cairo.h"

#include <string.h>

struct cpen {
	cairo_t *cr;
	PangoContext *pc;
	double ox, oy, s;
	int unknown;        /* characters drawn without a glyph */
};

#define X(p, v) ((p)->ox + (v) * (p)->s)
#define Y(p, v) ((p)->oy + (v) * (p)->s)

static void
colour(cairo_t *cr, const char *cls, bool fill)
{
	if (cls != NULL && strcmp(cls, "value") == 0) {
		if (fill)
			cairo_set_source_rgba(cr, 0.12, 0.29, 0.49, 0.22);
		else
			cairo_set_source_rgb(cr, 0.12, 0.29, 0.49);
	} else if (cls != NULL && strcmp(cls, "grid") == 0) {
		cairo_set_source_rgb(cr, 0.78, 0.80, 0.83);
	} else if (cls != NULL && strcmp(cls, "num") == 0) {
		cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
	} else if (cls != NULL && (strcmp(cls, "axis") == 0 || strcmp(cls, "guide") == 0)) {
		cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
	} else {
		cairo_set_source_rgb(cr, 0, 0, 0);
	}
}

static void
c_shape(void *ctx, const char *cls, const double *xy, size_t n, bool closed)
{
	struct cpen *p = ctx;
	bool value = strcmp(cls, "value") == 0;
	size_t i;

	cairo_new_path(p->cr);
	for (i = 0; i < n; i++)
		cairo_line_to(p->cr, X(p, xy[2 * i]), Y(p, xy[2 * i + 1]));
	if (closed) {
		cairo_close_path(p->cr);
		if (value) {
			colour(p->cr, cls, true);
			cairo_fill_preserve(p->cr);
		}
	}
	colour(p->cr, cls, false);
	cairo_set_line_width(p->cr, (value ? 2.0 : 0.8) * p->s);
	cairo_stroke(p->cr);
}

static void
c_line(void *ctx, const char *cls, double x1, double y1, double x2, double y2)
{
	struct cpen *p = ctx;
	static const double dash[] = { 4, 3 };

	cairo_save(p->cr);
	if (strcmp(cls, "guide") == 0)
		cairo_set_dash(p->cr, dash, 2, 0);
	colour(p->cr, cls, false);
	cairo_set_line_width(p->cr, 0.8 * p->s);
	cairo_move_to(p->cr, X(p, x1), Y(p, y1));
	cairo_line_to(p->cr, X(p, x2), Y(p, y2));
	cairo_stroke(p->cr);
	cairo_restore(p->cr);
}

static void
c_dot(void *ctx, double cx, double cy, double r)
{
	struct cpen *p = ctx;

	cairo_new_path(p->cr);
	cairo_arc(p->cr, X(p, cx), Y(p, cy), r * p->s, 0, 2 * 3.14159265358979323846);
	colour(p->cr, "value", false);
	cairo_fill(p->cr);
}

static void
c_text(void *ctx, const char *cls, double x, double y, enum chart_anchor a,
    const char *text)
{
	struct cpen *p = ctx;
	PangoLayout *lay = pango_layout_new(p->pc);
	PangoFontDescription *fd = pango_font_description_new();
	bool num = cls != NULL && strcmp(cls, "num") == 0;
	int w, h;
	double bx;

	pango_font_description_set_family(fd, FONT_SANS);
	pango_font_description_set_size(fd, (gint)((num ? 10 : 12) * p->s * PANGO_SCALE));
	pango_layout_set_font_description(lay, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(lay, text != NULL && g_utf8_validate(text, -1, NULL) ? text : "", -1);
	pango_layout_get_size(lay, &w, &h);
	p->unknown += doc_fonts_misses(lay, DOC_FACE_SANS, false);
	bx = X(p, x) - (a == CHART_MIDDLE ? w / 2.0 : a == CHART_END ? (double)w : 0) / PANGO_SCALE;
	colour(p->cr, cls, false);
	/* Y is the baseline, as in SVG */
	cairo_move_to(p->cr, bx, Y(p, y) - (double)pango_layout_get_baseline(lay) / PANGO_SCALE);
	pango_cairo_show_layout(p->cr, lay);
	g_object_unref(lay);
}

void
chart_box(const struct doc_chart *c, double *w, double *h)
{
	*w = c->kind == DOC_CHART_RADAR ? CHART_RADAR_W : CHART_TREND_W;
	*h = c->kind == DOC_CHART_RADAR ? CHART_RADAR_H : CHART_TREND_H;
}

/* chart C drawn with PEN */
static void
chart_run(const struct chart_pen *pen, const struct doc_chart *c)
{
	if (c->kind == DOC_CHART_RADAR)
		chart_radar(pen, c->axes, c->n);
	else
		chart_trend(pen, c->pts, c->n, c->ymin, c->ymax, c->guides, c->nguides);
}

int
chart_cairo_draw(cairo_t *cr, PangoContext *pc, const struct doc_chart *c,
    double x, double y, double scale)
{
	struct cpen p = { cr, pc, x, y, scale, 0 };
	struct chart_pen pen = { &p, c_shape, c_line, c_dot, c_text };

	cairo_save(cr);
	chart_run(&pen, c);
	cairo_restore(cr);
	return p.unknown;
}

struct tpen {
	void (*fn)(void *ctx, const char *text);
	void *ctx;
};

static void
t_shape(void *ctx, const char *cls, const double *xy, size_t n, bool closed)
{
	(void)ctx, (void)cls, (void)xy, (void)n, (void)closed;
}

static void
t_line(void *ctx, const char *cls, double x1, double y1, double x2, double y2)
{
	(void)ctx, (void)cls, (void)x1, (void)y1, (void)x2, (void)y2;
}

static void
t_dot(void *ctx, double cx, double cy, double r)
{
	(void)ctx, (void)cx, (void)cy, (void)r;
}

static void
t_text(void *ctx, const char *cls, double x, double y, enum chart_anchor a, const char *text)
{
	struct tpen *t = ctx;

	(void)cls, (void)x, (void)y, (void)a;
	t->fn(t->ctx, text);
}

void
chart_cairo_texts(const struct doc_chart *c, void (*fn)(void *ctx, const char *text), void *ctx)
{
	struct tpen t = { fn, ctx };
	struct chart_pen pen = { &t, t_shape, t_line, t_dot, t_text };

	chart_run(&pen, c);
}

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_append(closure, data, len) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static enum mm_err
draw_png(const struct doc_chart *c, double scale, struct buf *out, struct err *e)
{
	cairo_surface_t *s;
	cairo_t *cr;
	PangoContext *pc;
	cairo_font_options_t *fo;
	cairo_status_t st;
	double w, h;

	chart_box(c, &w, &h);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w * scale), (int)(h * scale));
	cr = cairo_create(s);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		cairo_destroy(cr);
		cairo_surface_destroy(s);
		return err_set(e, MM_ENOMEM, "図を作成できません（メモリ不足）");
	}
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	pc = pango_cairo_create_context(cr);
	pango_cairo_context_set_resolution(pc, 72.0);
	fo = cairo_font_options_create();
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(pc, fo);
	cairo_font_options_destroy(fo);
	chart_cairo_draw(cr, pc, c, 0, 0, scale);
	g_object_unref(pc);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	st = cairo_surface_write_to_png_stream(s, write_buf, out);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS)
		return buf_failed(out) ? err_set(e, MM_ENOMEM, "図が大きすぎるか、メモリが足りません") :
		    err_set(e, MM_EIO, "図を PNG にできません: %s", cairo_status_to_string(st));
	return MM_OK;
}

/* chart_png — see chart_cairo.h: draw_png with the process's drawing lock
 * held (doc_fonts_lock) */
enum mm_err
chart_png(const struct doc_chart *c, double scale, struct buf *out, struct err *e)
{
	enum mm_err rc;

	doc_fonts_lock();
	rc = draw_png(c, scale, out, e);
	doc_fonts_unlock();
	return rc;
}
