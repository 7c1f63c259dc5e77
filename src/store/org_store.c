/* org_store.c — organisations and their settings. */
#include "store/org_store.h"

#include <stdlib.h>
#include <string.h>

#include "store/row.h"

#define ORG_COLUMNS \
	"id, slug, name, industry, employees, representative, representative_title, created_at," \
	" address, security_action_level, security_action_id, security_action_date," \
	" policy_url, setup_done"

static void
org_read(struct db_stmt *st, struct org *o)
{
	o->id = db_col_int(st, 0);
	row_text(o->slug, st, 1);
	row_text(o->name, st, 2);
	row_text(o->industry, st, 3);
	o->employees = db_col_is_null(st, 4) ? -1 : db_col_int(st, 4);
	row_text(o->representative, st, 5);
	row_text(o->representative_title, st, 6);
	row_text(o->created_at, st, 7);
	row_text(o->address, st, 8);
	row_text(o->sa_level, st, 9);
	row_text(o->sa_id, st, 10);
	row_text(o->sa_date, st, 11);
	row_text(o->policy_url, st, 12);
	o->setup_done = db_col_int(st, 13) != 0;
}

static const char *
or_null(const char *s)
{
	return s[0] ? s : NULL;
}

static void
org_bind(struct db_stmt *st, const struct org *o)
{
	db_bind_text(st, 2, o->slug);
	db_bind_text(st, 3, o->name);
	db_bind_text(st, 4, or_null(o->industry));
	if (o->employees >= 0)
		db_bind_int(st, 5, o->employees);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, or_null(o->representative));
	db_bind_text(st, 7, or_null(o->representative_title));
	db_bind_text(st, 8, o->created_at);
	db_bind_text(st, 9, or_null(o->address));
	db_bind_text(st, 10, or_null(o->sa_level));
	db_bind_text(st, 11, or_null(o->sa_id));
	db_bind_text(st, 12, or_null(o->sa_date));
	db_bind_text(st, 13, or_null(o->policy_url));
	db_bind_int(st, 14, o->setup_done);
}

enum mm_err
org_insert(struct db *db, struct org *o, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "INSERT INTO org (id, slug, name, industry, employees, representative,"
	    " representative_title, created_at, address, security_action_level,"
	    " security_action_id, security_action_date, policy_url, setup_done)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
	    &st, e);
	if (code != MM_OK)
		return code;
	db_bind_null(st, 1);
	org_bind(st, o);
	code = row_step_done(st, e);
	if (code == MM_ECONFLICT)
		return err_keyf(e, code, "err.org.slug_exists", "{slug}%s", o->slug);
	if (code == MM_OK)
		o->id = db_last_id(db);
	return code;
}

enum mm_err
org_update(struct db *db, const struct org *o, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "UPDATE org SET slug = ?2, name = ?3, industry = ?4, employees = ?5,"
	    " representative = ?6, representative_title = ?7, created_at = ?8, address = ?9,"
	    " security_action_level = ?10, security_action_id = ?11, security_action_date = ?12,"
	    " policy_url = ?13, setup_done = ?14 WHERE id = ?1",
	    &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, o->id);
	org_bind(st, o);
	return row_step_done(st, e);
}

enum mm_err
org_get(struct db *db, long long id, struct org *o, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "SELECT " ORG_COLUMNS " FROM org WHERE id = ?1", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, id);
	code = row_step_one(st, "err.org.not_found", e);
	if (code == MM_OK)
		org_read(st, o);
	db_finalize(st);
	return code;
}

enum mm_err
org_get_by_slug(struct db *db, const char *slug, struct org *o, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "SELECT " ORG_COLUMNS " FROM org WHERE slug = ?1", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_text(st, 1, slug);
	code = row_step_one(st, "err.org.not_found", e);
	if (code == MM_OK)
		org_read(st, o);
	else if (code == MM_ENOTFOUND)
		err_keyf(e, code, "err.org.no_such", "{slug}%s",
		    slug);
	db_finalize(st);
	return code;
}

static void
org_read_item(struct db_stmt *st, void *item)
{
	org_read(st, item);
}

enum mm_err
org_list(struct db *db, struct org **out, size_t *n, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	void *v;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT " ORG_COLUMNS " FROM org ORDER BY slug", &st, e);
	if (code != MM_OK)
		return code;
	code = row_collect(st, sizeof(**out), org_read_item, &v, n, e);
	*out = v;
	return code;
}

enum mm_err
org_setting_get(struct db *db, long long org_id, const char *key, char *out,
    size_t outsz, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "SELECT value FROM org_setting WHERE org_id = ?1 AND key = ?2", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, key);
	code = row_step_one(st, "err.org.no_setting", e);
	if (code == MM_OK)
		snprintf(out, outsz, "%s", db_col_text(st, 0));
	db_finalize(st);
	return code;
}

enum mm_err
org_setting_set(struct db *db, long long org_id, const char *key,
    const char *value, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "INSERT INTO org_setting (org_id, key, value) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value",
	    &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, key);
	db_bind_text(st, 3, value);
	return row_step_done(st, e);
}
