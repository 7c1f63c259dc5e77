/* employee_check_store.c — the employees' own checks. */
#include "store/employee_check_store.h"

#include <stdlib.h>

#include "store/row.h"

static void
check_read(struct db_stmt *st, void *item)
{
	struct employee_check_row *r = item;

	r->account_id = db_col_int(st, 0);
	row_text(r->account_name, st, 1);
	row_text(r->account_email, st, 2);
	r->item_no = (int)db_col_int(st, 3);
	r->answer = diag_answer_from_id(db_col_text(st, 4));
	row_text(r->updated_at, st, 5);
}

enum mm_err
employee_check_list(struct db *db, long long org_id, const char *catalog,
    long long account_id, struct employee_check_row **out, size_t *n,
    struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	void *v = NULL;

	*out = NULL;
	*n = 0;
	code = db_prepare(db,
	    "SELECT c.account_id, a.name, a.email, c.item_no, c.answer, c.updated_at"
	    " FROM employee_check c"
	    " JOIN membership m ON m.account_id = c.account_id AND m.org_id = c.org_id"
	    " JOIN account a ON a.id = c.account_id"
	    " WHERE c.org_id = ?1 AND c.catalog = ?2 AND (?3 = 0 OR c.account_id = ?3)"
	    " AND a.disabled = 0"
	    " ORDER BY a.email, c.account_id, c.item_no", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, catalog);
	db_bind_int(st, 3, account_id);
	code = row_collect(st, sizeof(**out), check_read, &v, n, e);
	*out = v;
	return code;
}

enum mm_err
employee_check_put(struct db *db, long long org_id, long long account_id,
    const char *catalog, int item_no, enum diag_answer answer, const char *now,
    struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	if (answer == DIAG_UNANSWERED) {
		code = db_prepare(db, "DELETE FROM employee_check WHERE org_id = ?1"
		    " AND account_id = ?2 AND catalog = ?3 AND item_no = ?4", &st, e);
		if (code != MM_OK)
			return code;
	} else {
		code = db_prepare(db,
		    "INSERT INTO employee_check (org_id, account_id, catalog, item_no, answer,"
		    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
		    " ON CONFLICT (org_id, account_id, catalog, item_no) DO UPDATE SET"
		    " answer = excluded.answer, updated_at = excluded.updated_at", &st, e);
		if (code != MM_OK)
			return code;
		db_bind_text(st, 5, diag_answer_id(answer));
		db_bind_text(st, 6, now);
	}
	db_bind_int(st, 1, org_id);
	db_bind_int(st, 2, account_id);
	db_bind_text(st, 3, catalog);
	db_bind_int(st, 4, item_no);
	return row_step_done(st, e);
}
