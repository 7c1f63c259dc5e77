/* chart_cairo.h — a chart of a document (docmodel.h) drawn on cairo with
 * pango text, through chart.c's layout: vector graphics in the PDF, and a
 * PNG for the DOCX. Internal to src/render. */
#ifndef MM_CHART_CAIRO_H
#define MM_CHART_CAIRO_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "render/doc_fonts.h"
#include "render/docmodel.h"
#include "util/buf.h"
#include "util/err.h"

/* chart_box — the size of chart C's own box (chart.h units). */
void chart_box(const struct doc_chart *c, double *w, double *h);

/* chart_cairo_draw — chart C on CR with its top left corner at X, Y and
 * its box scaled by SCALE; text is set in FONT_SANS, laid out with PC
 * (72 dpi, so that a font size is in user units). Returns the number of
 * characters that no font of PC had a glyph for, and of runs set in
 * another face than FONT_SANS (pango took a character from another). */
int chart_cairo_draw(cairo_t *cr, PangoContext *pc, const struct doc_chart *c,
    double x, double y, double scale);

/* chart_cairo_texts — each text chart_cairo_draw would draw for C, given
 * to FN with CTX, in the order drawn; nothing is drawn. */
void chart_cairo_texts(const struct doc_chart *c, void (*fn)(void *ctx, const char *text),
    void *ctx);

/* chart_png — chart C as a PNG on white, its box scaled by SCALE (pixels
 * per unit), appended to OUT. MM_ENOMEM / MM_EIO with a message. Calls
 * from several threads draw one at a time (doc_fonts_lock). */
enum mm_err chart_png(const struct doc_chart *c, double scale, struct buf *out,
    struct err *e);

#endif
