/* fileio.c — whole-file reads with a size cap. */
#include "util/fileio.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

enum mm_err
file_read_all(const char *path, size_t cap, struct buf *out, struct err *e)
{
	FILE *f;
	char chunk[8192];
	size_t n, total = 0;
	enum mm_err rc = MM_OK;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else
		f = fopen(path, "rb");
	if (f == NULL)
		return err_keyf(e, MM_EIO, "err.file.open", "{path}%s{reason}%s", path,
		    strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		total += n;
		if (total > cap) {
			rc = err_keyf(e, MM_EINVAL, "err.file.too_large", "{path}%s{max}%zu",
			    path, cap);
			goto done;
		}
		if (!buf_append(out, chunk, n)) {
			rc = err_key(e, MM_ENOMEM, "err.nomem");
			goto done;
		}
	}
	if (ferror(f))
		rc = err_keyf(e, MM_EIO, "err.file.read", "{path}%s", path);
done:
	if (f != stdin)
		fclose(f);
	return rc;
}
