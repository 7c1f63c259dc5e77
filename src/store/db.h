/* db.h — the storage backend, neutral between SQLite and (later)
 * PostgreSQL.
 *
 * Only src/store uses this API. SQL text given to it is always a string
 * literal written with numbered placeholders ?1 … ?N (scripts/checksrc
 * refuses SQL built by formatting); values are bound. A backend is a
 * table of functions (struct db_ops), chosen by db_open from the path.
 *
 * A struct db is used by one thread at a time.
 */
#ifndef MM_DB_H
#define MM_DB_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

struct db;
struct db_stmt;

enum db_open_mode {
	DB_OPEN_EXISTING = 0, /* fail when the database does not exist */
	DB_OPEN_CREATE = 1,   /* create an empty database when missing */
	DB_OPEN_READONLY = 2  /* existing, read only, nothing changed */
};

enum db_step_result {
	DB_DONE = 0,
	DB_ROW = 1
};

/* db_open — open the database at PATH (a file name: SQLite, in WAL mode
 * with synchronous=FULL and foreign keys on). Returns MM_OK and a handle
 * in *OUT, or MM_ENOTFOUND (missing, mode EXISTING) / MM_EDB. */
enum mm_err db_open(const char *path, enum db_open_mode mode, struct db **out,
    struct err *e);

/* db_close — close DB (NULL is fine); unfinished statements are a bug. */
void db_close(struct db *db);

/* db_path — the path DB was opened with. */
const char *db_path(const struct db *db);

/* db_exec_script — run SQL, one or more statements without parameters
 * (migrations). */
enum mm_err db_exec_script(struct db *db, const char *sql, struct err *e);

/* db_begin — start a write transaction (taking the write lock at once);
 * db_commit / db_rollback end it. db_rollback never fails visibly. */
enum mm_err db_begin(struct db *db, struct err *e);
enum mm_err db_commit(struct db *db, struct err *e);
void db_rollback(struct db *db);

/* db_begin_read — a read transaction: the statements until db_end_read
 * see one snapshot, and the file is locked once for all of them instead
 * of once per statement. db_begin ends it first (a write transaction
 * starts from the newest data). No-op when a transaction is open. */
enum mm_err db_begin_read(struct db *db, struct err *e);

/* db_end_read — end the read transaction of db_begin_read, if it is
 * still open. */
void db_end_read(struct db *db);

/* db_prepare — compile SQL (one statement) into *OUT. */
enum mm_err db_prepare(struct db *db, const char *sql, struct db_stmt **out,
    struct err *e);

/* Bind a value to placeholder ?IDX (1-based). Text is copied. A NULL
 * text binds SQL NULL. */
enum mm_err db_bind_int(struct db_stmt *st, int idx, long long v);
enum mm_err db_bind_text(struct db_stmt *st, int idx, const char *s);
enum mm_err db_bind_null(struct db_stmt *st, int idx);

/* db_step — run ST to its next row: DB_ROW, DB_DONE, or a negative
 * mm_err (MM_ECONFLICT for constraint violations, MM_EIMMUTABLE when a
 * trigger refused a change to a completed record, MM_EDB otherwise)
 * with a message in E. */
int db_step(struct db_stmt *st, struct err *e);

/* db_reset — make ST ready to run again with new bindings. */
void db_reset(struct db_stmt *st);

/* Column values of the current row (0-based). Text is owned by ST and
 * valid until the next step, reset or finalize; NULL for SQL NULL. */
long long db_col_int(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col);
bool db_col_is_null(struct db_stmt *st, int col);

/* db_finalize — release ST (NULL is fine). */
void db_finalize(struct db_stmt *st);

/* db_last_id — the id of the row inserted last on DB. */
long long db_last_id(struct db *db);

/* db_changes — rows changed by the last statement on DB. */
long long db_changes(struct db *db);

/* db_backup — copy DB, consistently while it is in use, to a new file at
 * DEST. PROGRESS (may be NULL) is called with (done, total) pages. */
enum mm_err db_backup(struct db *db, const char *dest,
    void (*progress)(void *ctx, int done, int total), void *ctx,
    struct err *e);

/* db_restore — replace the whole content of DB by the database in the
 * file SRC (which must already have been checked), in one step that other
 * connections see as a single change. */
enum mm_err db_restore(struct db *db, const char *src, struct err *e);

/* db_integrity — run the backend's full integrity check; MM_OK when the
 * database is sound, MM_EINTEGRITY with the first problem otherwise. */
enum mm_err db_integrity(struct db *db, struct err *e);

#endif
