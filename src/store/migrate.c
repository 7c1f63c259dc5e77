/* migrate.c — apply the embedded schema migrations. See migrate.h. */
#include "store/migrate.h"

#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/embed.h"
#include "util/text.h"

#define MIGRATIONS_MAX 256

static const char prefix[] = "migrations/";

/* the embedded migrations in version order; returns their count */
static size_t
embedded(struct migration *out, size_t max)
{
	const struct embed_file *f;
	size_t n = 0, i, j;

	for (f = embed_files; f->name != NULL && n < max; f++) {
		const char *base = f->name + sizeof(prefix) - 1;
		char num[4];
		long v;

		if (!text_has_prefix(f->name, prefix) || strlen(base) < 5 || base[3] != '_')
			continue;
		memcpy(num, base, 3);
		num[3] = '\0';
		if (!text_parse_long(num, &v) || v <= 0)
			continue;
		out[n].version = (int)v;
		out[n].name = base;
		out[n].sql = (const char *)f->data;
		n++;
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && out[j - 1].version > out[j].version; j--) {
			struct migration t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

int
migrate_latest(void)
{
	struct migration set[MIGRATIONS_MAX];
	size_t n = embedded(set, MIGRATIONS_MAX);

	return n ? set[n - 1].version : 0;
}

enum mm_err
migrate_version(struct db *db, int *out, struct err *e)
{
	struct db_stmt *st = NULL;
	enum mm_err code;
	int rc;

	*out = 0;
	code = db_prepare(db,
	    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'",
	    &st, e);
	if (code != MM_OK)
		return code;
	rc = db_step(st, e);
	if (rc < 0) {
		code = (enum mm_err)rc;
		goto done;
	}
	if (db_col_int(st, 0) == 0)
		goto done;
	db_finalize(st);
	st = NULL;
	if ((code = db_prepare(db, "SELECT coalesce(max(version), 0) FROM schema_migration",
	    &st, e)) != MM_OK)
		return code;
	rc = db_step(st, e);
	if (rc < 0)
		code = (enum mm_err)rc;
	else
		*out = (int)db_col_int(st, 0);
done:
	db_finalize(st);
	return code;
}

enum mm_err
migrate_apply_set(struct db *db, const struct migration *set, size_t n,
    int *applied, struct err *e)
{
	struct db_stmt *st = NULL;
	enum mm_err code;
	char now[CLOCK_ISO_LEN];
	int version, count = 0, rc;
	size_t i;

	if (applied != NULL)
		*applied = 0;
	if ((code = db_begin(db, e)) != MM_OK)
		return code;
	if ((code = migrate_version(db, &version, e)) != MM_OK)
		goto fail;
	if (n > 0 && version > set[n - 1].version) {
		code = err_keyf(e, MM_ESCHEMA, "err.schema.newer_use_new", "{version}%d{latest}%d",
		    version, set[n - 1].version);
		goto fail;
	}
	code = db_exec_script(db,
	    "CREATE TABLE IF NOT EXISTS schema_migration ("
	    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", e);
	if (code != MM_OK)
		goto fail;
	if ((code = db_prepare(db,
	    "INSERT INTO schema_migration (version, name, applied_at) VALUES (?1, ?2, ?3)",
	    &st, e)) != MM_OK)
		goto fail;
	clock_now_iso(now);
	for (i = 0; i < n; i++) {
		struct err inner;
		if (set[i].version <= version)
			continue;
		if (db_exec_script(db, set[i].sql, &inner) != MM_OK) {
			code = err_keyf(e, MM_ESCHEMA, "err.schema.migration", "{name}%s",
			    set[i].name);
			err_add(e, "reason", &inner);
			goto fail;
		}
		db_reset(st);
		db_bind_int(st, 1, set[i].version);
		db_bind_text(st, 2, set[i].name);
		db_bind_text(st, 3, now);
		if ((rc = db_step(st, e)) < 0) {
			code = (enum mm_err)rc;
			goto fail;
		}
		count++;
	}
	db_finalize(st);
	st = NULL;
	if ((code = db_commit(db, e)) != MM_OK)
		return code;
	if (applied != NULL)
		*applied = count;
	return MM_OK;
fail:
	db_finalize(st);
	db_rollback(db);
	return code;
}

enum mm_err
migrate_apply(struct db *db, int *applied, struct err *e)
{
	struct migration set[MIGRATIONS_MAX];
	size_t n = embedded(set, MIGRATIONS_MAX);

	return migrate_apply_set(db, set, n, applied, e);
}

enum mm_err
migrate_check(struct db *db, struct err *e)
{
	int version, latest = migrate_latest();
	enum mm_err code = migrate_version(db, &version, e);

	if (code != MM_OK)
		return code;
	if (version == 0)
		return err_keyf(e, MM_ESCHEMA, "err.schema.none", "{path}%s", db_path(db));
	if (version > latest)
		return err_keyf(e, MM_ESCHEMA, "err.schema.newer", "{version}%d{latest}%d",
		    version, latest);
	if (version < latest)
		return err_keyf(e, MM_ESCHEMA, "err.schema.older", "{version}%d{latest}%d",
		    version, latest);
	return MM_OK;
}
