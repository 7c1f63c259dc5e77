/* pdf_layout.h — the pango layouts a PDF is drawn from. Internal to
 * src/render (pdf_out.c).
 *
 * Each layout is set in one of the faces of doc_fonts.h at a size and a
 * width, with its bold spans. The measuring pass makes them; the drawing
 * pass makes the same calls in the same order and takes them instead of
 * shaping the text again; layouts without a width are made once per
 * document. Each is checked once for characters without a glyph and for
 * runs pango set in another face than asked for. */
#ifndef MM_PDF_LAYOUT_H
#define MM_PDF_LAYOUT_H

#include <stdbool.h>

#include <pango/pangocairo.h>

#include "render/doc_fonts.h"

struct pdf_layouts {
	PangoContext *pc;     /* the context layouts are made in (owned) */
	bool drawing;         /* the drawing pass: take the measuring pass's */
	bool decor;           /* making a header or footer: neither kept nor taken */
	bool cut;             /* PC holds the cut faces: check the faces too */
	int unknown;          /* characters without a glyph or in another face
	                       * than asked for, since the pass began */
	GPtrArray *kept;      /* what the measuring pass made, in order */
	guint next;           /* the next one the drawing pass takes */
	GHashTable *shared;   /* layouts without a width, by face, size and text */
};

/* pdf_layouts_init — L empty, without a context; pdf_layouts_fini lets go
 * of everything. */
void pdf_layouts_init(struct pdf_layouts *l);
void pdf_layouts_fini(struct pdf_layouts *l);

/* pdf_layouts_use — layouts are made in PC from now on (L takes PC's
 * reference); CUT: PC holds the cut faces. What was made in the previous
 * context is dropped. */
void pdf_layouts_use(struct pdf_layouts *l, PangoContext *pc, bool cut);

/* pdf_layouts_drop — every layout and the context let go of (before the
 * font map they were made with). */
void pdf_layouts_drop(struct pdf_layouts *l);

/* pdf_layouts_pass — a pass begins: the measuring pass (DRAWING false)
 * keeps what it makes, the drawing pass takes it; the count of unknown
 * characters starts from 0. */
void pdf_layouts_pass(struct pdf_layouts *l, bool drawing);

/* pdf_layout — a layout of TEXT (NULL: empty) in FACE at PT points, WIDTH
 * wide (<= 0: no wrapping; such a layout is shared and must not be
 * changed), with its "**" bold spans when RICH; taken from the measuring
 * pass when it made the same. The caller unrefs it. */
PangoLayout *pdf_layout(struct pdf_layouts *l, enum doc_face face, double pt,
    const char *text, double width, bool rich);

/* pdf_layout_check — count into L->unknown what LAY (made by pdf_layout)
 * sets without a glyph and, with the cut faces, in another face than
 * asked for: the layout's face, FONT_SANS bold in its bold spans. A
 * layout is checked once. */
void pdf_layout_check(struct pdf_layouts *l, PangoLayout *lay);

#endif
