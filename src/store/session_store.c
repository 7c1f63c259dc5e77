/* session_store.c — sessions, API tokens, failed logins. */
#include "store/session_store.h"

#include <string.h>

#include "store/row.h"

enum mm_err
session_insert(struct db *db, const char *hash, long long account_id,
    const char *csrf, long long now, const char *remote, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "INSERT INTO session (token_hash, account_id, csrf_token, created_at, last_seen_at,"
	    " remote) VALUES (?1, ?2, ?3, ?4, ?4, ?5)", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, account_id);
	db_bind_text(st, 3, csrf);
	db_bind_int(st, 4, now);
	db_bind_text(st, 5, remote ? remote : "");
	return row_step_done(st, e);
}

enum mm_err
session_get(struct db *db, const char *hash, struct session_row *s, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "SELECT id, account_id, csrf_token, created_at, last_seen_at FROM session"
	    " WHERE token_hash = ?1", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_text(st, 1, hash);
	code = row_step_one(st, "err.account.no_session", e);
	if (code == MM_OK) {
		s->id = db_col_int(st, 0);
		s->account_id = db_col_int(st, 1);
		row_text(s->csrf_token, st, 2);
		s->created_at = db_col_int(st, 3);
		s->last_seen_at = db_col_int(st, 4);
	}
	db_finalize(st);
	return code;
}

/* bind ?1 = A and ?2 = B (when the statement has it), run ST once and
 * finalize it */
static enum mm_err
exec_ints(struct db_stmt *st, long long a, long long b, struct err *e)
{
	db_bind_int(st, 1, a);
	db_bind_int(st, 2, b);
	return row_step_done(st, e);
}

enum mm_err
session_touch(struct db *db, long long id, long long now, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code = db_prepare(db,
	    "UPDATE session SET last_seen_at = ?2 WHERE id = ?1", &st, e);

	return code != MM_OK ? code : exec_ints(st, id, now, e);
}

enum mm_err
session_delete(struct db *db, long long id, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code = db_prepare(db, "DELETE FROM session WHERE id = ?1", &st, e);

	return code != MM_OK ? code : exec_ints(st, id, 0, e);
}

enum mm_err
session_delete_account(struct db *db, long long account_id, long long keep_id,
    struct err *e)
{
	struct db_stmt *st;
	enum mm_err code = db_prepare(db,
	    "DELETE FROM session WHERE account_id = ?1 AND id <> ?2", &st, e);

	return code != MM_OK ? code : exec_ints(st, account_id, keep_id, e);
}

enum mm_err
session_purge(struct db *db, long long idle_before, long long created_before,
    struct err *e)
{
	struct db_stmt *st;
	enum mm_err code = db_prepare(db,
	    "DELETE FROM session WHERE last_seen_at < ?1 OR created_at < ?2", &st, e);

	return code != MM_OK ? code : exec_ints(st, idle_before, created_before, e);
}

enum mm_err
api_token_insert(struct db *db, long long account_id, const char *name,
    const char *hash, const char *now, long long *id, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "INSERT INTO api_token (account_id, name, token_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
	    &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, account_id);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, hash);
	db_bind_text(st, 4, now);
	if ((code = row_step_done(st, e)) == MM_OK)
		*id = db_last_id(db);
	return code;
}

#define TOKEN_COLUMNS "id, account_id, name, created_at, last_used_at, revoked_at"

static void
token_read(struct db_stmt *st, void *item)
{
	struct api_token_row *t = item;

	t->id = db_col_int(st, 0);
	t->account_id = db_col_int(st, 1);
	row_text(t->name, st, 2);
	row_text(t->created_at, st, 3);
	row_text(t->last_used_at, st, 4);
	t->revoked = !db_col_is_null(st, 5);
}

enum mm_err
api_token_find(struct db *db, const char *hash, struct api_token_row *t,
    struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "SELECT " TOKEN_COLUMNS " FROM api_token"
	    " WHERE token_hash = ?1 AND revoked_at IS NULL", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_text(st, 1, hash);
	code = row_step_one(st, "err.account.token_invalid", e);
	if (code == MM_OK)
		token_read(st, t);
	db_finalize(st);
	return code;
}

enum mm_err
api_token_touch(struct db *db, long long id, const char *now, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "UPDATE api_token SET last_used_at = ?2 WHERE id = ?1", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, now);
	return row_step_done(st, e);
}

enum mm_err
api_token_list(struct db *db, long long account_id, struct api_token_row **out,
    size_t *n, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	void *v;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT " TOKEN_COLUMNS " FROM api_token WHERE account_id = ?1"
	    " ORDER BY id DESC", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, account_id);
	code = row_collect(st, sizeof(**out), token_read, &v, n, e);
	*out = v;
	return code;
}

enum mm_err
api_token_revoke(struct db *db, long long account_id, long long id,
    const char *now, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "UPDATE api_token SET revoked_at = ?3"
	    " WHERE id = ?1 AND account_id = ?2 AND revoked_at IS NULL", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, account_id);
	db_bind_text(st, 3, now);
	if ((code = row_step_done(st, e)) != MM_OK)
		return code;
	if (db_changes(db) == 0)
		return err_key(e, MM_ENOTFOUND, "err.account.no_such_token");
	return MM_OK;
}

enum mm_err
login_failure_add(struct db *db, const char *email, const char *remote,
    long long now, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "INSERT INTO login_failure (at, email, remote) VALUES (?1, ?2, ?3)", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, now);
	db_bind_text(st, 2, email);
	db_bind_text(st, 3, remote);
	return row_step_done(st, e);
}

enum mm_err
login_failure_count(struct db *db, const char *email, const char *remote,
    long long since, long long *by_email, long long *by_remote, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "SELECT (SELECT count(*) FROM login_failure WHERE email = ?1 AND at >= ?3),"
	    " (SELECT count(*) FROM login_failure WHERE remote = ?2 AND at >= ?3)", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_text(st, 1, email);
	db_bind_text(st, 2, remote);
	db_bind_int(st, 3, since);
	code = row_step_one(st, NULL, e);
	*by_email = code == MM_OK ? db_col_int(st, 0) : 0;
	*by_remote = code == MM_OK ? db_col_int(st, 1) : 0;
	db_finalize(st);
	return code;
}

enum mm_err
login_failure_purge(struct db *db, long long before, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code = db_prepare(db, "DELETE FROM login_failure WHERE at < ?1", &st, e);

	return code != MM_OK ? code : exec_ints(st, before, 0, e);
}
