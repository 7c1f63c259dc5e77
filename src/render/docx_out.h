/* docx_out.h — a document (docmodel.h) as a Word file (DOCX: libzip and
 * our own XML writer) with real heading, list and table styles, so that
 * the company can keep editing it in Word or LibreOffice; the
 * organisation's name in the header and page numbers in the footer. */
#ifndef MM_DOCX_OUT_H
#define MM_DOCX_OUT_H

#include "render/docmodel.h"
#include "util/buf.h"
#include "util/err.h"

/* docx_out — D as DOCX, appended to OUT. Returns MM_OK; MM_EINVAL for a
 * NULL or incomplete doc (d->failed); MM_ENOMEM / MM_EIO with a message.
 * On failure OUT holds what it held before. Thread-safe. */
enum mm_err docx_out(const struct doc *d, struct buf *out, struct err *e);

#endif
