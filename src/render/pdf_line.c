/* pdf_line.c — a line of a pango layout drawn on cairo, a call per font
 * instead of a call per run. See pdf_line.h. The positions are computed
 * as pango_cairo_renderer_show_text_glyphs (pango 1.50) computes them, so
 * that the PDF is the same; tests/unit/render/test_pdf_out.c compares the
 * pages with pango's own renderer. */
#include "render/pdf_line.h"

#include <string.h>

/* the glyphs and clusters of consecutive runs in one cairo font */
struct glyph_batch {
	cairo_scaled_font_t *font;
	const char *text;        /* the layout's text */
	int start, end;          /* the bytes of text the batch covers */
	GArray *glyphs;          /* cairo_glyph_t */
	GArray *clusters;        /* cairo_text_cluster_t */
};

static void
batch_flush(cairo_t *cr, struct glyph_batch *b)
{
	if (b->glyphs->len > 0 || b->clusters->len > 0) {
		cairo_set_scaled_font(cr, b->font);
		cairo_show_text_glyphs(cr, b->text + b->start, b->end - b->start,
		    (cairo_glyph_t *)(void *)b->glyphs->data, (int)b->glyphs->len,
		    (cairo_text_cluster_t *)(void *)b->clusters->data, (int)b->clusters->len, 0);
	}
	g_array_set_size(b->glyphs, 0);
	g_array_set_size(b->clusters, 0);
	b->font = NULL;
}

/* whether LINE can be drawn by pdf_line_show: left-to-right runs of
 * glyphs in fonts cairo has loaded, without letter spacing, shapes,
 * vertical baselines or missing glyphs (anything else is left to pango's
 * renderer) */
static bool
plain_line(PangoLayoutLine *line)
{
	GSList *r;
	int i;

	for (r = line->runs; r != NULL; r = r->next) {
		PangoGlyphItem *run = r->data;
		cairo_scaled_font_t *font =
		    pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font));

		/* a font cairo could not load: pango's renderer draws boxes
		 * where cairo_set_scaled_font would stop all drawing */
		if (font == NULL || cairo_scaled_font_status(font) != CAIRO_STATUS_SUCCESS)
			return false;
		if ((run->item->analysis.level & 1) != 0 || run->start_x_offset != 0 ||
		    run->end_x_offset != 0 ||
		    (run->item->analysis.flags & PANGO_ANALYSIS_FLAG_CENTERED_BASELINE) != 0)
			return false;
		for (GSList *a = run->item->analysis.extra_attrs; a != NULL; a = a->next) {
			PangoAttrType t = ((PangoAttribute *)a->data)->klass->type;

			if (t != PANGO_ATTR_FONT_FEATURES && t != PANGO_ATTR_FALLBACK)
				return false;
		}
		for (i = 0; i < run->glyphs->num_glyphs; i++)
			if (run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
				return false;
	}
	return true;
}

/* pdf_line_show — see pdf_line.h */
void
pdf_line_show(cairo_t *cr, PangoLayoutLine *line, double x0, double y0, int dx, int dy,
    bool pango_lines)
{
	struct glyph_batch b;
	GSList *r;
	int x_off = 0;

	if (pango_lines || !plain_line(line)) {
		cairo_move_to(cr, x0 + (double)dx / PANGO_SCALE, y0 + (double)dy / PANGO_SCALE);
		pango_cairo_show_layout_line(cr, line);
		return;
	}
	memset(&b, 0, sizeof(b));
	b.text = pango_layout_get_text(line->layout);
	b.glyphs = g_array_new(FALSE, FALSE, sizeof(cairo_glyph_t));
	b.clusters = g_array_new(FALSE, FALSE, sizeof(cairo_text_cluster_t));
	for (r = line->runs; r != NULL; r = r->next) {
		PangoGlyphItem *run = r->data;
		PangoGlyphItemIter it;
		cairo_scaled_font_t *font =
		    pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font));
		/* as pango_cairo_renderer_show_text_glyphs computes them */
		double base_x = x0 + (double)(dx + x_off) / PANGO_SCALE;
		double base_y = y0 + (double)(dy - run->y_offset) / PANGO_SCALE;
		int x_position = 0, i = 0;
		bool more;

		if (b.font != NULL && (font != b.font || run->item->offset != b.end))
			batch_flush(cr, &b);
		if (b.font == NULL) {
			b.font = font;
			b.start = b.end = run->item->offset;
		}
		for (more = pango_glyph_item_iter_init_start(&it, run, b.text); more;
		    more = pango_glyph_item_iter_next_cluster(&it)) {
			cairo_text_cluster_t c = { it.end_index - it.start_index, 0 };

			for (; i < it.end_glyph; i++) {
				PangoGlyphInfo *gi = &run->glyphs->glyphs[i];

				if (gi->glyph != PANGO_GLYPH_EMPTY) {
					cairo_glyph_t g;

					g.index = gi->glyph;
					g.x = base_x + (double)(x_position + gi->geometry.x_offset) / PANGO_SCALE;
					g.y = gi->geometry.y_offset == 0 ? base_y :
					    base_y + (double)gi->geometry.y_offset / PANGO_SCALE;
					g_array_append_val(b.glyphs, g);
					c.num_glyphs++;
				}
				x_position += gi->geometry.width;
			}
			if (c.num_bytes > 0 || c.num_glyphs > 0)
				g_array_append_val(b.clusters, c);
		}
		b.end = run->item->offset + run->item->length;
		x_off += pango_glyph_string_get_width(run->glyphs);
	}
	batch_flush(cr, &b);
	g_array_free(b.glyphs, TRUE);
	g_array_free(b.clusters, TRUE);
}

