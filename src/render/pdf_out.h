/* pdf_out.h — a document (docmodel.h) as PDF with cairo and pango: A4,
 * a title page, headings, numbered articles (第1条 …), lists, tables,
 * page numbers and the organisation's name in the header, Japanese line
 * breaking, and the Noto CJK fonts embedded as subsets. */
#ifndef MM_PDF_OUT_H
#define MM_PDF_OUT_H

#include "render/docmodel.h"
#include "util/buf.h"
#include "util/err.h"

/* the fonts a PDF is drawn with */
enum pdf_fonts {
	PDF_FONTS_DOCUMENT = 0, /* the faces cut down to the document's characters */
	PDF_FONTS_SYSTEM        /* the installed faces as they are */
};

/* how pdf_write draws (flags; 0 is pdf_out's way). Both give the same
 * pages, more slowly; for comparison in tests and benchmarks. */
enum {
	PDF_SYSTEM_FONTS = 1,   /* the installed faces, not cut down */
	PDF_PANGO_LINES = 2     /* lines drawn by pango's renderer, a cairo call per run */
};

/* what pdf_write did */
struct pdf_info {
	int pages;
	enum pdf_fonts fonts;   /* the fonts the PDF was drawn with */
	char why[160];          /* when the cut faces were asked for and not used */
};

/* pdf_prepare — start loading what a PDF needs (the installed fonts) on
 * a thread, so that a PDF written soon after does not wait for it; for a
 * command that is about to write one. Any thread may call it; the
 * process waits for that thread when it exits. */
void pdf_prepare(void);

/* pdf_out — D as a PDF, appended to OUT: pdf_write with flags 0. */
enum mm_err pdf_out(const struct doc *d, struct buf *out, struct err *e);

/* pdf_write — D as a PDF, appended to OUT, drawn as FLAGS (PDF_…) say.
 * Without PDF_SYSTEM_FONTS a document that the cut faces can not draw as
 * the installed faces would (a character they lack) is drawn with the
 * installed faces. INFO (may be NULL) tells what was done.
 * Returns MM_OK, or MM_EINVAL / MM_ENOMEM / MM_EIO with a message (OUT
 * then holds nothing usable). Thread-safe: calls from several threads
 * draw one at a time (doc_fonts_lock: cairo's use of FreeType is not). */
enum mm_err pdf_write(const struct doc *d, unsigned flags, struct buf *out,
    struct pdf_info *info, struct err *e);

#endif
