/* backup_service.c — online backup and checked restore. */
#include "app/backup_service.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/audit.h"
#include "store/diag_store.h"
#include "store/migrate.h"
#include "store/org_store.h"

enum mm_err
backup_create(struct app *a, const char *dest, backup_progress_fn progress,
    void *ctx, struct err *e)
{
	struct stat sb;
	struct db *copy = NULL;
	enum mm_err code;

	if (stat(dest, &sb) == 0)
		return err_keyf(e, MM_ECONFLICT, "err.backup.exists", "{path}%s", dest);
	if ((code = db_backup(a->db, dest, progress, ctx, e)) != MM_OK) {
		remove(dest);
		return code;
	}
	if ((code = db_open(dest, DB_OPEN_READONLY, &copy, e)) == MM_OK)
		code = db_integrity(copy, e);
	db_close(copy);
	return code;
}

enum mm_err
restore_check(const struct catalog *cat, const char *src,
    struct restore_report *r, struct err *e)
{
	struct db *db = NULL;
	struct audit_verify_result av;
	struct org *orgs = NULL;
	size_t i;
	enum mm_err code;

	memset(r, 0, sizeof(*r));
	if ((code = db_open(src, DB_OPEN_READONLY, &db, e)) != MM_OK) {
		if (code == MM_ENOTFOUND)
			err_keyf(e, code, "err.backup.missing", "{path}%s", src);
		return code;
	}
	if ((code = db_integrity(db, e)) != MM_OK ||
	    (code = migrate_version(db, &r->schema_version, e)) != MM_OK)
		goto done;
	if (r->schema_version < 1 || r->schema_version > migrate_latest()) {
		code = err_keyf(e, MM_ESCHEMA, r->schema_version < 1 ? "err.backup.not_mamori" :
		    "err.backup.newer", "{path}%s", src);
		goto done;
	}
	if ((code = audit_verify(db, &av, e)) != MM_OK)
		goto done;
	if (av.broken_id != 0) {
		code = err_keyf(e, MM_EINTEGRITY, "err.backup.audit_broken", "{reason}%s",
		    av.reason);
		goto done;
	}
	r->audit_records = av.records;
	if ((code = diag_refs_check(db, cat->id, cat->diag.nitems, e)) != MM_OK ||
	    (code = org_list(db, &orgs, &r->orgs, e)) != MM_OK)
		goto done;
	for (i = 0; i < r->orgs; i++)
		if (orgs[i].industry[0] && catalog_find_id(cat, orgs[i].industry) == NULL) {
			code = err_keyf(e, MM_EINTEGRITY, "err.backup.unknown_industry",
			    "{slug}%s{industry}%s", orgs[i].slug, orgs[i].industry);
			goto done;
		}
done:
	free(orgs);
	db_close(db);
	return code;
}

enum mm_err
restore_apply(const char *path, const char *src, const char *actor,
    struct err *e)
{
	struct app a;
	enum mm_err code;
	json_t *after;

	memset(&a, 0, sizeof(a));
	snprintf(a.actor, sizeof(a.actor), "%s", actor);
	if ((code = db_open(path, DB_OPEN_CREATE, &a.db, e)) != MM_OK)
		return code;
	if ((code = db_restore(a.db, src, e)) != MM_OK ||
	    (code = migrate_apply(a.db, NULL, e)) != MM_OK ||
	    (code = app_begin(&a, e)) != MM_OK)
		goto done;
	after = json_pack("{ss}", "source", src);
	code = audit_record(&a, 0, "backup.restore", "database", NULL, after, e);
	json_decref(after);
	if (code != MM_OK) {
		app_rollback(&a);
		goto done;
	}
	code = app_commit(&a, e);
done:
	db_close(a.db);
	return code;
}
