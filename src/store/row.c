/* row.c — helpers shared by the store modules. */
#include "store/row.h"

enum mm_err
row_step_done(struct db_stmt *st, struct err *e)
{
	int rc = db_step(st, e);

	db_finalize(st);
	return rc < 0 ? (enum mm_err)rc : MM_OK;
}

enum mm_err
row_step_one(struct db_stmt *st, const char *what, struct err *e)
{
	int rc = db_step(st, e);

	if (rc == DB_ROW)
		return MM_OK;
	if (rc == DB_DONE)
		return err_set(e, MM_ENOTFOUND, "%s", what);
	return (enum mm_err)rc;
}
