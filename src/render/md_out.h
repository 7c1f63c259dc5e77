/* md_out.h — a document (docmodel.h) as Markdown (GitHub flavour): the
 * title page as a level-1 heading with the organisation and date, the
 * blocks in order, tables as pipe tables, and each chart as a table of
 * its numbers under its caption. */
#ifndef MM_MD_OUT_H
#define MM_MD_OUT_H

#include "render/docmodel.h"
#include "util/buf.h"
#include "util/err.h"

/* md_out — D as Markdown, appended to OUT. MM_EINVAL for a NULL or
 * incomplete doc; MM_ENOMEM when OUT failed. Thread-safe. */
enum mm_err md_out(const struct doc *d, struct buf *out, struct err *e);

#endif
