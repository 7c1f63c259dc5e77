/* audit_store.c — the rows of the audit log. */
#include "store/audit_store.h"

#include "store/row.h"

enum mm_err
audit_store_head(struct db *db, long long *count, char last_hash[SHA256_HEX_LEN],
    struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "SELECT count, last_hash FROM audit_head WHERE id = 1", &st, e);
	if (code != MM_OK)
		return code;
	code = row_step_one(st, "err.audit.no_head", e);
	if (code == MM_OK) {
		*count = db_col_int(st, 0);
		snprintf(last_hash, SHA256_HEX_LEN, "%s",
		    db_col_text(st, 1) ? db_col_text(st, 1) : "");
	}
	db_finalize(st);
	if (code == MM_ENOTFOUND)
		code = MM_EINTEGRITY;
	return code;
}

enum mm_err
audit_store_append(struct db *db, const struct audit_row *r, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "INSERT INTO audit_log (id, at, actor, org_id, action, object, before, after,"
	    " prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, r->id);
	db_bind_text(st, 2, r->at);
	db_bind_text(st, 3, r->actor);
	if (r->org_id > 0)
		db_bind_int(st, 4, r->org_id);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, r->action);
	db_bind_text(st, 6, r->object);
	db_bind_text(st, 7, r->before);
	db_bind_text(st, 8, r->after);
	db_bind_text(st, 9, r->prev_hash);
	db_bind_text(st, 10, r->hash);
	if ((code = row_step_done(st, e)) != MM_OK)
		return code;
	code = db_prepare(db,
	    "UPDATE audit_head SET count = ?1, last_hash = ?2 WHERE id = 1", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, r->id);
	db_bind_text(st, 2, r->hash);
	return row_step_done(st, e);
}

enum mm_err
audit_store_each(struct db *db, int (*fn)(void *ctx, const struct audit_row *r),
    void *ctx, int *stopped, struct err *e)
{
	struct db_stmt *st;
	struct audit_row r;
	enum mm_err code;
	int rc, stop = 0;

	if (stopped != NULL)
		*stopped = 0;
	code = db_prepare(db,
	    "SELECT id, at, actor, org_id, action, object, before, after, prev_hash, hash"
	    " FROM audit_log ORDER BY id", &st, e);
	if (code != MM_OK)
		return code;
	while ((rc = db_step(st, e)) == DB_ROW) {
		r.id = db_col_int(st, 0);
		row_text(r.at, st, 1);
		r.actor = db_col_text(st, 2);
		r.org_id = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
		r.action = db_col_text(st, 4);
		r.object = db_col_text(st, 5);
		r.before = db_col_text(st, 6);
		r.after = db_col_text(st, 7);
		row_text(r.prev_hash, st, 8);
		row_text(r.hash, st, 9);
		if ((stop = fn(ctx, &r)) != 0)
			break;
	}
	db_finalize(st);
	if (stopped != NULL)
		*stopped = stop;
	return rc < 0 ? (enum mm_err)rc : MM_OK;
}
