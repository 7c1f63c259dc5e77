/* row.c — helpers shared by the store modules. */
#include "store/row.h"

#include <stdlib.h>

enum mm_err
row_step_done(struct db_stmt *st, struct err *e)
{
	int rc = db_step(st, e);

	db_finalize(st);
	return rc < 0 ? (enum mm_err)rc : MM_OK;
}

enum mm_err
row_step_one(struct db_stmt *st, const char *key, struct err *e)
{
	int rc = db_step(st, e);

	if (rc == DB_ROW)
		return MM_OK;
	if (rc == DB_DONE)
		return err_key(e, MM_ENOTFOUND, key != NULL ? key : "err.db.no_row");
	return (enum mm_err)rc;
}

enum mm_err
row_step_maybe(struct db_stmt *st, bool *found, struct err *e)
{
	int rc = db_step(st, e);

	*found = rc == DB_ROW;
	return rc < 0 ? (enum mm_err)rc : MM_OK;
}

enum mm_err
row_collect(struct db_stmt *st, size_t item_size,
    void (*read)(struct db_stmt *st, void *item), void **out, size_t *n,
    struct err *e)
{
	unsigned char *v = NULL, *nv;
	size_t len = 0, alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (len == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			if ((nv = realloc(v, alloc * item_size)) == NULL) {
				rc = err_key(e, MM_ENOMEM, "err.nomem");
				break;
			}
			v = nv;
		}
		read(st, v + len * item_size);
		len++;
	}
	db_finalize(st);
	if (rc < 0) {
		free(v);
		return (enum mm_err)rc;
	}
	*out = v;
	*n = len;
	return MM_OK;
}
