/* doc_fonts.h — the fonts one PDF is drawn with: the three Noto CJK JP
 * faces the renderer uses (sans-serif regular and bold, serif regular),
 * each cut down to the characters the document uses, in a pango font map
 * of their own. Internal to src/render (pdf_out.c, chart_cairo.c). */
#ifndef MM_DOC_FONTS_H
#define MM_DOC_FONTS_H

#include <pango/pangocairo.h>

#include "util/err.h"

#define FONT_SANS "Noto Sans CJK JP"
#define FONT_SERIF "Noto Serif CJK JP"

/* the faces */
enum doc_face {
	DOC_FACE_SERIF = 0,   /* FONT_SERIF regular: body text */
	DOC_FACE_SANS,        /* FONT_SANS regular */
	DOC_FACE_SANS_BOLD,   /* FONT_SANS bold: headings, bold spans */
	DOC_NFACES
};

struct doc_fonts;

/* doc_fonts_lock, doc_fonts_unlock — one drawing with fonts at a time in
 * the process. cairo opens and closes font files with FreeType on one
 * shared FreeType library outside its own locks, and a document drawn
 * with faces of its own opens three of them and makes cairo close
 * others: two threads doing that at once corrupt FreeType's state (the
 * web server draws in several threads). Held by pdf_write and chart_png
 * for their whole drawing; not recursive. */
void doc_fonts_lock(void);
void doc_fonts_unlock(void);

/* doc_fonts_prepare — start finding the installed faces on a thread of
 * their own (fontconfig reads its configuration: a few milliseconds), so
 * that a document drawn soon after finds them ready; the process waits
 * for that thread when it exits. Does nothing the second time. */
void doc_fonts_prepare(void);

/* doc_fonts_new — empty sets of characters, one per face (NULL when out
 * of memory), freed with doc_fonts_free. Printable ASCII and the
 * characters pango may add itself (hyphens at a break, the replacement
 * character) are always in them. A doc_fonts and its font map belong to
 * one thread at a time; different ones may be used in different threads
 * (drawing itself is under doc_fonts_lock). */
struct doc_fonts *doc_fonts_new(void);

/* doc_fonts_add — the characters of TEXT (UTF-8; NULL adds nothing) are
 * set in FACE. Invalid UTF-8 adds U+FFFD, as pango draws it. */
void doc_fonts_add(struct doc_fonts *f, enum doc_face face, const char *text);

/* doc_fonts_face — the face pango chose for FONT, or DOC_NFACES when it is
 * none of the three; remembered on FONT (so FONT's thread calls it). */
enum doc_face doc_fonts_face(PangoFont *font);

/* doc_fonts_misses — the characters LAY sets without a glyph, and the
 * runs it sets in another face than FACE (with BOLD_SPANS, runs inside a
 * bold attribute are expected in DOC_FACE_SANS_BOLD): with the cut faces,
 * what they can not draw as the installed faces would. */
int doc_fonts_misses(PangoLayout *lay, enum doc_face face, bool bold_spans);

/* doc_fonts_map — a new font map that holds only the three faces, each
 * cut down to its characters in F (with the glyphs their layout features
 * may substitute, so that pango shapes the text as with the whole faces).
 * A character a face lacks makes pango take it from another face: the
 * caller checks that every run is set in the face it asked for
 * (doc_fonts_face).
 * The faces are written to a directory of F's own under $TMPDIR (or
 * /tmp) that lives until doc_fonts_free(F), which must come after everything drawn with
 * the map is finished. Returns NULL with a message in E when a face is
 * not installed, can not be cut or written; the caller then draws with
 * the system's fonts. The caller frees the map with doc_fonts_map_free.
 * A second call replaces the faces of the first (whose map must be gone). */
PangoFontMap *doc_fonts_map(struct doc_fonts *f, struct err *e);

/* doc_fonts_map_free — MAP, made by doc_fonts_map, let go of (NULL is
 * allowed), after every context and layout made with it: pango keeps a
 * map's fontconfig configuration when the map is freed, unless told to
 * drop it first. */
void doc_fonts_map_free(PangoFontMap *map);

/* doc_fonts_free — F and its directory. NULL is allowed. */
void doc_fonts_free(struct doc_fonts *f);

#endif
