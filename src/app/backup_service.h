/* backup_service.h — online backup and checked restore. */
#ifndef MM_BACKUP_SERVICE_H
#define MM_BACKUP_SERVICE_H

#include "app/app.h"

typedef void (*backup_progress_fn)(void *ctx, int done, int total);

/* backup_create — copy A's database to a new file DEST, consistent even
 * while others write to it, then check the copy. DEST must not exist. */
enum mm_err backup_create(struct app *a, const char *dest,
    backup_progress_fn progress, void *ctx, struct err *e);

/* What restore_check found in a backup. */
struct restore_report {
	int schema_version;
	long long audit_records;
	size_t orgs;
};

/* restore_check — check the backup SRC without changing anything: it is
 * an SQLite database that passes the integrity check, its schema is one
 * this program knows, its audit log is unbroken, and everything it
 * references in catalog CAT exists. */
enum mm_err restore_check(const struct catalog *cat, const char *src,
    struct restore_report *r, struct err *e);

/* restore_apply — replace the database at PATH (created when missing) by
 * the checked backup SRC, bring its schema up to date and record the
 * restore in its audit log as ACTOR. */
enum mm_err restore_apply(const char *path, const char *src,
    const char *actor, struct err *e);

#endif
