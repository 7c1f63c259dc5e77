/* pledge_store.c — the 5か条 status and pledge. */
#include "store/pledge_store.h"

#include "store/row.h"

static void
status_read(struct db_stmt *st, void *item)
{
	struct pledge_status_row *p = item;

	row_text(p->pledge_id, st, 0);
	row_text(p->status, st, 1);
	row_text(p->note, st, 2);
	row_text(p->updated_at, st, 3);
}

enum mm_err
pledge_status_list(struct db *db, long long org_id, struct pledge_status_row **out,
    size_t *n, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	void *v;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT pledge_id, status, note, updated_at FROM pledge_status"
	    " WHERE org_id = ?1 ORDER BY pledge_id", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	code = row_collect(st, sizeof(**out), status_read, &v, n, e);
	*out = v;
	return code;
}

enum mm_err
pledge_status_set(struct db *db, long long org_id, const char *pledge_id,
    const char *status, const char *note, const char *now, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "INSERT INTO pledge_status (org_id, pledge_id, status, note, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (org_id, pledge_id) DO UPDATE SET"
	    " status = excluded.status, note = excluded.note, updated_at = excluded.updated_at",
	    &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, pledge_id);
	db_bind_text(st, 3, status);
	db_bind_text(st, 4, note && *note ? note : NULL);
	db_bind_text(st, 5, now);
	return row_step_done(st, e);
}

enum mm_err
pledge_declaration_get(struct db *db, long long org_id,
    struct pledge_declaration_row *out, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "SELECT pledged_at, pledged_by FROM pledge_declaration"
	    " WHERE org_id = ?1", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	code = row_step_one(st, "err.pledge.none", e);
	if (code == MM_OK) {
		row_text(out->pledged_at, st, 0);
		row_text(out->pledged_by, st, 1);
	}
	db_finalize(st);
	return code;
}

enum mm_err
pledge_declaration_set(struct db *db, long long org_id, const char *now,
    const char *by, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "INSERT INTO pledge_declaration (org_id, pledged_at, pledged_by)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (org_id) DO UPDATE SET"
	    " pledged_at = excluded.pledged_at, pledged_by = excluded.pledged_by", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, now);
	db_bind_text(st, 3, by);
	return row_step_done(st, e);
}

enum mm_err
pledge_declaration_clear(struct db *db, long long org_id, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "DELETE FROM pledge_declaration WHERE org_id = ?1", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	return row_step_done(st, e);
}
