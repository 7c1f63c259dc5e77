/* fileio.h — whole-file reads with a size cap. */
#ifndef MM_FILEIO_H
#define MM_FILEIO_H

#include "util/buf.h"
#include "util/err.h"

/* file_read_all — read the file at PATH ("-" is standard input) into OUT
 * (initialised by the caller; appended to). Files larger than CAP bytes
 * are refused with MM_EINVAL. Returns MM_OK or MM_EIO/MM_EINVAL/MM_ENOMEM
 * with a message in E. */
enum mm_err file_read_all(const char *path, size_t cap, struct buf *out,
    struct err *e);

#endif
