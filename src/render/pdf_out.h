/* pdf_out.h — a document (docmodel.h) as PDF with cairo and pango: A4,
 * a title page, headings, numbered articles (第1条 …), lists, tables,
 * page numbers and the organisation's name in the header, Japanese line
 * breaking, and the Noto CJK fonts embedded as subsets. */
#ifndef MM_PDF_OUT_H
#define MM_PDF_OUT_H

#include "render/docmodel.h"
#include "util/buf.h"
#include "util/err.h"

/* pdf_out — D as a PDF, appended to OUT. Returns MM_OK, or MM_ENOMEM /
 * MM_EIO with a message (OUT then holds nothing usable). Thread-safe:
 * each call has its own cairo surface. */
enum mm_err pdf_out(const struct doc *d, struct buf *out, struct err *e);

#endif
