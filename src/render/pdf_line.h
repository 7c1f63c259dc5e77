/* pdf_line.h — one line of a pango layout drawn on cairo for a PDF. Internal
 * to src/render (pdf_out.c). */
#ifndef MM_PDF_LINE_H
#define MM_PDF_LINE_H

#include <stdbool.h>

#include <cairo.h>
#include <pango/pangocairo.h>

/* pdf_line_show — LINE drawn on CR as pango's renderer would, with its
 * origin at X0 + DX, Y0 + DY (X0, Y0 a cairo current point as cairo reads
 * it back: cairo keeps points in 1/256; DX, DY in pango units), but the
 * glyphs of consecutive runs set in one font go to cairo in one call: a
 * run ends wherever the script changes, every few characters in Japanese
 * text, and cairo's cost for a PDF is mostly per call. The text and
 * clusters go with the glyphs, so that the text can be copied out of the
 * PDF. With PANGO_LINES, or a line it can not draw the same way, pango's
 * renderer draws it. */
void pdf_line_show(cairo_t *cr, PangoLayoutLine *line, double x0, double y0, int dx, int dy,
    bool pango_lines);

#endif
