/* role_holder_store.c — the holders of the duties of 表8 and 表9. */
#include "store/role_holder_store.h"

#include "store/row.h"

static void
holder_read(struct db_stmt *st, void *item)
{
	struct role_holder_row *h = item;

	row_text(h->role_id, st, 0);
	h->account_id = db_col_int(st, 1);
	row_text(h->account_email, st, 2);
	row_text(h->account_name, st, 3);
	h->account_member = db_col_int(st, 4) != 0;
	row_text(h->name, st, 5);
	row_text(h->note, st, 6);
	row_text(h->updated_at, st, 7);
}

enum mm_err
role_holder_list(struct db *db, long long org_id, struct role_holder_row **out,
    size_t *n, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	void *v;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT h.role_id, coalesce(h.account_id, 0), a.email, a.name,"
	    " m.account_id IS NOT NULL, h.name, h.note, h.updated_at FROM role_holder h"
	    " LEFT JOIN account a ON a.id = h.account_id"
	    " LEFT JOIN membership m ON m.account_id = h.account_id AND m.org_id = h.org_id"
	    " WHERE h.org_id = ?1 ORDER BY h.role_id", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	code = row_collect(st, sizeof(**out), holder_read, &v, n, e);
	*out = v;
	return code;
}

enum mm_err
role_holder_put(struct db *db, long long org_id, const char *role_id,
    long long account_id, const char *name, const char *note, const char *now,
    struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "INSERT INTO role_holder (org_id, role_id, account_id, name, note, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (org_id, role_id) DO UPDATE SET"
	    " account_id = excluded.account_id, name = excluded.name, note = excluded.note,"
	    " updated_at = excluded.updated_at", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, role_id);
	if (account_id > 0)
		db_bind_int(st, 3, account_id);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, name ? name : "");
	db_bind_text(st, 5, note ? note : "");
	db_bind_text(st, 6, now);
	return row_step_done(st, e);
}

enum mm_err
role_holder_delete(struct db *db, long long org_id, const char *role_id, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "DELETE FROM role_holder WHERE org_id = ?1 AND role_id = ?2",
	    &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, role_id);
	return row_step_done(st, e);
}
