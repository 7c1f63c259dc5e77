/* db_sqlite.c — the SQLite backend of db.h. */
#include "store/db.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Prepared statements are kept for reuse, keyed by the address of their
 * SQL (in src/ every SQL text is a string literal, see scripts/checksrc)
 * and confirmed by the text itself, so that SQL in a reused buffer can
 * never get another statement. */
#define STMT_CACHE 96

struct db {
	sqlite3 *h;
	char *path;
	struct db_stmt *cache[STMT_CACHE];
	int ncache;
	bool reading;     /* in the read transaction of db_begin_read */
};

struct db_stmt {
	sqlite3_stmt *s;
	struct db *db;
	const char *key;  /* the SQL it was prepared from */
	bool cached;      /* owned by db->cache */
	bool in_use;
};

/* the error for SQLite's RC; WHAT is the locale key of the step that failed */
static enum mm_err
db_fail(struct db *db, int rc, struct err *e, const char *what)
{
	const char *msg = db ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc);
	enum mm_err code = MM_EDB;
	int prim = rc & 0xff;

	if (prim == SQLITE_CONSTRAINT) {
		code = MM_ECONFLICT;
		if (strstr(msg, "immutable") != NULL)
			code = MM_EIMMUTABLE;
	} else if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED) {
		return err_keyf(e, MM_EDB, "err.db.busy", "{@what}%s", what);
	} else if (prim == SQLITE_FULL) {
		return err_key(e, MM_EDB, "err.db.full");
	} else if (prim == SQLITE_READONLY) {
		return err_key(e, MM_EDB, "err.db.readonly");
	} else if (prim == SQLITE_NOTADB || prim == SQLITE_CORRUPT) {
		return err_keyf(e, MM_EDB, "err.db.corrupt", "{path}%s", db ? db->path : "");
	}
	return err_keyf(e, code, "err.db.failed", "{@what}%s{reason}%s", what, msg);
}

enum mm_err
db_open(const char *path, enum db_open_mode mode, struct db **out,
    struct err *e)
{
	struct db *db;
	struct stat sb;
	int flags = SQLITE_OPEN_NOMUTEX;
	int rc;
	char *msg = NULL;

	*out = NULL;
	if (mode != DB_OPEN_CREATE && stat(path, &sb) != 0)
		return err_keyf(e, MM_ENOTFOUND, "err.db.missing", "{path}%s", path);
	if (mode == DB_OPEN_READONLY)
		flags |= SQLITE_OPEN_READONLY;
	else
		flags |= SQLITE_OPEN_READWRITE;
	if (mode == DB_OPEN_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	db = calloc(1, sizeof(*db));
	if (db == NULL || (db->path = strdup(path)) == NULL) {
		free(db);
		return err_key(e, MM_ENOMEM, "err.nomem");
	}
	rc = sqlite3_open_v2(path, &db->h, flags, NULL);
	if (rc != SQLITE_OK) {
		err_keyf(e, MM_EDB, "err.db.open", "{path}%s{reason}%s", path,
		    db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		db_close(db);
		return MM_EDB;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, 5000);
	rc = mode == DB_OPEN_READONLY ? sqlite3_exec(db->h,
	    "PRAGMA query_only=ON;"
	    "PRAGMA trusted_schema=OFF;", NULL, NULL, &msg) : sqlite3_exec(db->h,
	    "PRAGMA journal_mode=WAL;"
	    "PRAGMA synchronous=FULL;"
	    "PRAGMA foreign_keys=ON;"
	    "PRAGMA trusted_schema=OFF;",
	    NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		enum mm_err code = db_fail(db, rc, e, "err.db.op.setup");
		sqlite3_free(msg);
		db_close(db);
		return code;
	}
	*out = db;
	return MM_OK;
}

void
db_close(struct db *db)
{
	int i;

	if (db == NULL)
		return;
	for (i = 0; i < db->ncache; i++) {
		sqlite3_finalize(db->cache[i]->s);
		free(db->cache[i]);
	}
	/* keep the query planner's statistics fresh, as SQLite advises */
	sqlite3_exec(db->h, "PRAGMA optimize", NULL, NULL, NULL);
	sqlite3_close(db->h);
	free(db->path);
	free(db);
}

const char *
db_path(const struct db *db)
{
	return db->path;
}

enum mm_err
db_exec_script(struct db *db, const char *sql, struct err *e)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		err_keyf(e, MM_EDB, "err.db.exec", "{reason}%s",
		    msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return MM_EDB;
	}
	return MM_OK;
}

enum mm_err
db_begin(struct db *db, struct err *e)
{
	int rc;

	db_end_read(db);
	rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);

	return rc == SQLITE_OK ? MM_OK : db_fail(db, rc, e, "err.db.op.begin");
}

enum mm_err
db_commit(struct db *db, struct err *e)
{
	int rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);

	if (rc != SQLITE_OK) {
		enum mm_err code = db_fail(db, rc, e, "err.db.op.commit");
		db_rollback(db);
		return code;
	}
	return MM_OK;
}

void
db_rollback(struct db *db)
{
	db->reading = false;
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

enum mm_err
db_begin_read(struct db *db, struct err *e)
{
	int rc;

	struct db_stmt *st;
	enum mm_err code;

	if (!sqlite3_get_autocommit(db->h))
		return MM_OK;
	/* prepared once per connection, like every statement */
	if ((code = db_prepare(db, "BEGIN", &st, e)) != MM_OK)
		return code;
	rc = db_step(st, e);
	db_finalize(st);
	if (rc < 0)
		return (enum mm_err)rc;
	db->reading = true;
	return MM_OK;
}

void
db_end_read(struct db *db)
{
	if (!db->reading)
		return;
	db->reading = false;
	/* a read transaction has nothing to keep: ending it cannot lose a
	 * change (writes run in their own transaction, see db_begin) */
	if (!sqlite3_get_autocommit(db->h)) {
		struct db_stmt *st;
		int rc = DB_DONE - 1;
		if (db_prepare(db, "COMMIT", &st, NULL) == MM_OK) {
			rc = db_step(st, NULL);
			db_finalize(st);
		}
		if (rc != DB_DONE)
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	}
}

enum mm_err
db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
	struct db_stmt *st;
	int rc, i;

	*out = NULL;
	for (i = 0; i < db->ncache; i++)
		if (db->cache[i]->key == sql && !db->cache[i]->in_use &&
		    strcmp(sqlite3_sql(db->cache[i]->s), sql) == 0) {
			db->cache[i]->in_use = true;
			*out = db->cache[i];
			return MM_OK;
		}
	st = calloc(1, sizeof(*st));
	if (st == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	rc = sqlite3_prepare_v2(db->h, sql, -1, &st->s, NULL);
	if (rc != SQLITE_OK) {
		free(st);
		return db_fail(db, rc, e, "err.db.op.prepare");
	}
	st->db = db;
	st->key = sql;
	st->in_use = true;
	if (db->ncache < STMT_CACHE) {
		st->cached = true;
		db->cache[db->ncache++] = st;
	}
	*out = st;
	return MM_OK;
}

enum mm_err
db_bind_int(struct db_stmt *st, int idx, long long v)
{
	return sqlite3_bind_int64(st->s, idx, v) == SQLITE_OK ? MM_OK : MM_EDB;
}

enum mm_err
db_bind_text(struct db_stmt *st, int idx, const char *s)
{
	int rc = s ? sqlite3_bind_text(st->s, idx, s, -1, SQLITE_TRANSIENT)
		   : sqlite3_bind_null(st->s, idx);
	return rc == SQLITE_OK ? MM_OK : MM_EDB;
}

enum mm_err
db_bind_null(struct db_stmt *st, int idx)
{
	return sqlite3_bind_null(st->s, idx) == SQLITE_OK ? MM_OK : MM_EDB;
}

int
db_step(struct db_stmt *st, struct err *e)
{
	int rc = sqlite3_step(st->s);

	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return db_fail(st->db, rc, e, "err.db.op.step");
}

void
db_reset(struct db_stmt *st)
{
	sqlite3_reset(st->s);
	sqlite3_clear_bindings(st->s);
}

long long
db_col_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(st->s, col);
}

const char *
db_col_text(struct db_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st->s, col);
}

bool
db_col_is_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(st->s, col) == SQLITE_NULL;
}

void
db_finalize(struct db_stmt *st)
{
	if (st == NULL)
		return;
	if (st->cached) {
		/* back to the cache, ready for the next use */
		sqlite3_reset(st->s);
		sqlite3_clear_bindings(st->s);
		st->in_use = false;
		return;
	}
	sqlite3_finalize(st->s);
	free(st);
}

long long
db_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

long long
db_changes(struct db *db)
{
	return sqlite3_changes64(db->h);
}

enum mm_err
db_backup(struct db *db, const char *dest,
    void (*progress)(void *ctx, int done, int total), void *ctx,
    struct err *e)
{
	sqlite3 *out = NULL;
	sqlite3_backup *b;
	int rc;
	enum mm_err code = MM_OK;

	rc = sqlite3_open_v2(dest, &out,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		code = err_keyf(e, MM_EIO, "err.backup.create", "{path}%s{reason}%s", dest,
		    out ? sqlite3_errmsg(out) : sqlite3_errstr(rc));
		goto done;
	}
	b = sqlite3_backup_init(out, "main", db->h, "main");
	if (b == NULL) {
		code = err_keyf(e, MM_EDB, "err.backup.start", "{reason}%s",
		    sqlite3_errmsg(out));
		goto done;
	}
	do {
		rc = sqlite3_backup_step(b, 256);
		if (progress != NULL)
			progress(ctx, sqlite3_backup_pagecount(b) -
			    sqlite3_backup_remaining(b), sqlite3_backup_pagecount(b));
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		code = err_keyf(e, MM_EDB, "err.backup.failed", "{reason}%s",
		    sqlite3_errstr(rc));
		goto done;
	}
	/* a backup is one self-contained file: no WAL beside it */
	rc = sqlite3_exec(out, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		code = err_keyf(e, MM_EDB, "err.backup.finish", "{reason}%s",
		    sqlite3_errmsg(out));
done:
	if (sqlite3_close(out) != SQLITE_OK && code == MM_OK)
		code = err_keyf(e, MM_EIO, "err.backup.close", "{path}%s", dest);
	return code;
}

enum mm_err
db_restore(struct db *db, const char *src, struct err *e)
{
	sqlite3 *in = NULL;
	sqlite3_backup *b;
	enum mm_err code = MM_OK;
	int rc;

	rc = sqlite3_open_v2(src, &in, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK) {
		code = err_keyf(e, MM_EIO, "err.backup.open", "{path}%s{reason}%s", src,
		    in ? sqlite3_errmsg(in) : sqlite3_errstr(rc));
		goto done;
	}
	b = sqlite3_backup_init(db->h, "main", in, "main");
	if (b == NULL) {
		code = db_fail(db, sqlite3_errcode(db->h), e, "err.db.op.restore");
		goto done;
	}
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		code = err_keyf(e, MM_EDB, "err.backup.restore", "{reason}%s",
		    sqlite3_errstr(rc));
done:
	sqlite3_close(in);
	return code;
}

enum mm_err
db_integrity(struct db *db, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	int rc;

	if ((code = db_prepare(db, "PRAGMA integrity_check", &st, e)) != MM_OK)
		return code;
	rc = db_step(st, e);
	if (rc == DB_ROW && strcmp(db_col_text(st, 0), "ok") != 0)
		code = err_keyf(e, MM_EINTEGRITY, "err.db.integrity", "{reason}%s",
		    db_col_text(st, 0));
	else if (rc < 0)
		code = (enum mm_err)rc;
	db_finalize(st);
	return code;
}
