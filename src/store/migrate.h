/* migrate.h — the database schema, as numbered SQL migrations embedded
 * from migrations/NNN_name.sql. */
#ifndef MM_MIGRATE_H
#define MM_MIGRATE_H

#include "store/db.h"

/* One migration: its number (from the file name), name and SQL. */
struct migration {
	int version;
	const char *name;
	const char *sql;
};

/* migrate_apply_set — migrate_apply() over the N migrations of SET, in
 * ascending version order (tests use it to inject a failing one). */
enum mm_err migrate_apply_set(struct db *db, const struct migration *set,
    size_t n, int *applied, struct err *e);

/* migrate_latest — the number of the newest embedded migration. */
int migrate_latest(void);

/* migrate_version — the schema version of DB (0 for an empty database),
 * in *OUT. */
enum mm_err migrate_version(struct db *db, int *out, struct err *e);

/* migrate_apply — bring DB to the newest schema. Every pending migration
 * runs in one transaction: when one fails, none is kept and the message
 * names it. A database newer than this program is refused (MM_ESCHEMA).
 * *APPLIED (may be NULL) gets the number of migrations run. */
enum mm_err migrate_apply(struct db *db, int *applied, struct err *e);

/* migrate_check — MM_OK when DB is at the newest schema; MM_ESCHEMA with
 * a message otherwise (no change is made). */
enum mm_err migrate_check(struct db *db, struct err *e);

#endif
