/* asset_store.c — assets, threat ratings, treatments. */
#include "store/asset_store.h"

#include <stdlib.h>
#include <string.h>

#include "store/row.h"

#define ASSET_COLUMNS \
	"a.id, a.org_id, a.business_category, a.name, a.note, a.users_scope, a.department," \
	" a.medium, a.personal, a.sensitive, a.my_number, a.confidentiality, a.integrity," \
	" a.availability, a.retention, a.registered_on, a.threat_override," \
	" a.vulnerability_override, a.importance, a.threat, a.threat_source, a.vulnerability," \
	" a.vulnerability_source, a.likelihood, a.risk_value, a.band, a.created_at," \
	" a.updated_at, t.kind, t.measure, t.owner, t.due, t.status, t.residual"
#define ASSET_FROM " FROM asset a LEFT JOIN asset_treatment t ON t.asset_id = a.id"
#define ASSET_WHERE \
	" WHERE a.org_id = ?1 AND (?2 IS NULL OR a.medium = ?2)" \
	" AND (?3 IS NULL OR a.department = ?3) AND (?4 IS NULL OR a.band = ?4)" \
	" AND (?5 IS NULL OR instr(a.name, ?5) > 0 OR instr(a.business_category, ?5) > 0" \
	" OR instr(a.note, ?5) > 0)"
#define ASSET_PAGE(order) \
	"SELECT " ASSET_COLUMNS ASSET_FROM ASSET_WHERE " ORDER BY " order " LIMIT ?6 OFFSET ?7"

/* one statement per sort and direction: sort columns are never text
 * from a request */
static const char *const asset_list_sql[ASSET_SORT_COUNT][2] = {
	{ ASSET_PAGE("a.id"), ASSET_PAGE("a.id DESC") },
	{ ASSET_PAGE("a.name, a.id"), ASSET_PAGE("a.name DESC, a.id DESC") },
	{ ASSET_PAGE("a.medium, a.id"), ASSET_PAGE("a.medium DESC, a.id DESC") },
	{ ASSET_PAGE("a.department, a.id"), ASSET_PAGE("a.department DESC, a.id DESC") },
	{ ASSET_PAGE("a.importance, a.id"), ASSET_PAGE("a.importance DESC, a.id DESC") },
	{ ASSET_PAGE("a.risk_value, a.id"), ASSET_PAGE("a.risk_value DESC, a.id DESC") },
	{ ASSET_PAGE("a.registered_on, a.id"), ASSET_PAGE("a.registered_on DESC, a.id DESC") },
};

/* the count of a filter, one statement per set of filters given, so
 * that SQLite can use the index of each (an "?N IS NULL OR …" test
 * would make it read every row) */
#define F_MEDIUM " AND a.medium = ?2"
#define F_DEPT " AND a.department = ?3"
#define F_BAND " AND a.band = ?4"
#define F_SEARCH \
	" AND (instr(a.name, ?5) > 0 OR instr(a.business_category, ?5) > 0 OR instr(a.note, ?5) > 0)"
#define ASSET_COUNT(w) "SELECT count(*) FROM asset a WHERE a.org_id = ?1" w

static const char *const asset_count_sql[16] = {
	ASSET_COUNT(""),
	ASSET_COUNT(F_MEDIUM),
	ASSET_COUNT(F_DEPT),
	ASSET_COUNT(F_MEDIUM F_DEPT),
	ASSET_COUNT(F_BAND),
	ASSET_COUNT(F_MEDIUM F_BAND),
	ASSET_COUNT(F_DEPT F_BAND),
	ASSET_COUNT(F_MEDIUM F_DEPT F_BAND),
	ASSET_COUNT(F_SEARCH),
	ASSET_COUNT(F_MEDIUM F_SEARCH),
	ASSET_COUNT(F_DEPT F_SEARCH),
	ASSET_COUNT(F_MEDIUM F_DEPT F_SEARCH),
	ASSET_COUNT(F_BAND F_SEARCH),
	ASSET_COUNT(F_MEDIUM F_BAND F_SEARCH),
	ASSET_COUNT(F_DEPT F_BAND F_SEARCH),
	ASSET_COUNT(F_MEDIUM F_DEPT F_BAND F_SEARCH),
};

/* which filters of F are given, as the index of asset_count_sql */
static int
filter_mask(const struct asset_filter *f)
{
	return (f->medium && *f->medium ? 1 : 0) | (f->department && *f->department ? 2 : 0) |
	    (f->band && *f->band ? 4 : 0) | (f->search && *f->search ? 8 : 0);
}

static const char *const sort_ids[ASSET_SORT_COUNT] = {
	"id", "name", "medium", "department", "importance", "risk", "registered"
};

bool
asset_sort_from_id(const char *s, enum asset_sort *out)
{
	int k;

	for (k = 0; s != NULL && k < ASSET_SORT_COUNT; k++)
		if (strcmp(s, sort_ids[k]) == 0) {
			*out = (enum asset_sort)k;
			return true;
		}
	return false;
}

static void
asset_read(struct db_stmt *st, void *item)
{
	struct asset *a = item;

	memset(a, 0, sizeof(*a));
	a->id = db_col_int(st, 0);
	a->org_id = db_col_int(st, 1);
	row_text(a->business_category, st, 2);
	row_text(a->name, st, 3);
	row_text(a->note, st, 4);
	row_text(a->users_scope, st, 5);
	row_text(a->department, st, 6);
	row_text(a->medium, st, 7);
	a->personal = db_col_int(st, 8) != 0;
	a->sensitive = db_col_int(st, 9) != 0;
	a->my_number = db_col_int(st, 10) != 0;
	a->c = (int)db_col_int(st, 11);
	a->i = (int)db_col_int(st, 12);
	a->a = (int)db_col_int(st, 13);
	row_text(a->retention, st, 14);
	row_text(a->registered_on, st, 15);
	a->threat_override = (int)db_col_int(st, 16);
	a->vulnerability_override = (int)db_col_int(st, 17);
	a->importance = (int)db_col_int(st, 18);
	a->threat = (int)db_col_int(st, 19);
	row_text(a->threat_source, st, 20);
	a->vulnerability = (int)db_col_int(st, 21);
	row_text(a->vulnerability_source, st, 22);
	a->likelihood = (int)db_col_int(st, 23);
	a->risk_value = (int)db_col_int(st, 24);
	row_text(a->band, st, 25);
	row_text(a->created_at, st, 26);
	row_text(a->updated_at, st, 27);
	a->has_treatment = !db_col_is_null(st, 28);
	row_text(a->t_kind, st, 28);
	row_text(a->t_measure, st, 29);
	row_text(a->t_owner, st, 30);
	row_text(a->t_due, st, 31);
	row_text(a->t_status, st, 32);
	a->t_residual = (int)db_col_int(st, 33);
}

static void
bind_override(struct db_stmt *st, int idx, int v)
{
	if (v > 0)
		db_bind_int(st, idx, v);
	else
		db_bind_null(st, idx);
}

/* bind the stored fields of A to ?2..?27 */
static void
asset_bind(struct db_stmt *st, const struct asset *a)
{
	db_bind_int(st, 2, a->org_id);
	db_bind_text(st, 3, a->business_category);
	db_bind_text(st, 4, a->name);
	db_bind_text(st, 5, a->note);
	db_bind_text(st, 6, a->users_scope);
	db_bind_text(st, 7, a->department);
	db_bind_text(st, 8, a->medium);
	db_bind_int(st, 9, a->personal);
	db_bind_int(st, 10, a->sensitive);
	db_bind_int(st, 11, a->my_number);
	db_bind_int(st, 12, a->c);
	db_bind_int(st, 13, a->i);
	db_bind_int(st, 14, a->a);
	db_bind_text(st, 15, a->retention);
	db_bind_text(st, 16, a->registered_on);
	bind_override(st, 17, a->threat_override);
	bind_override(st, 18, a->vulnerability_override);
	db_bind_int(st, 19, a->importance);
	db_bind_int(st, 20, a->threat);
	db_bind_text(st, 21, a->threat_source);
	db_bind_int(st, 22, a->vulnerability);
	db_bind_text(st, 23, a->vulnerability_source);
	db_bind_int(st, 24, a->likelihood);
	db_bind_int(st, 25, a->risk_value);
	db_bind_text(st, 26, a->band);
	db_bind_text(st, 27, a->updated_at);
}

enum mm_err
asset_insert(struct db *db, struct asset *a, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "INSERT INTO asset (id, org_id, business_category, name, note, users_scope, department,"
	    " medium, personal, sensitive, my_number, confidentiality, integrity, availability,"
	    " retention, registered_on, threat_override, vulnerability_override, importance,"
	    " threat, threat_source, vulnerability, vulnerability_source, likelihood, risk_value,"
	    " band, updated_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
	    " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)",
	    &st, e);
	if (code != MM_OK)
		return code;
	db_bind_null(st, 1);
	asset_bind(st, a);
	db_bind_text(st, 28, a->created_at);
	if ((code = row_step_done(st, e)) == MM_OK)
		a->id = db_last_id(db);
	return code;
}

enum mm_err
asset_update(struct db *db, const struct asset *a, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "UPDATE asset SET business_category = ?3, name = ?4, note = ?5, users_scope = ?6,"
	    " department = ?7, medium = ?8, personal = ?9, sensitive = ?10, my_number = ?11,"
	    " confidentiality = ?12, integrity = ?13, availability = ?14, retention = ?15,"
	    " registered_on = ?16, threat_override = ?17, vulnerability_override = ?18,"
	    " importance = ?19, threat = ?20, threat_source = ?21, vulnerability = ?22,"
	    " vulnerability_source = ?23, likelihood = ?24, risk_value = ?25, band = ?26,"
	    " updated_at = ?27 WHERE id = ?1 AND org_id = ?2", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, a->id);
	asset_bind(st, a);
	if ((code = row_step_done(st, e)) != MM_OK)
		return code;
	return db_changes(db) == 0 ? err_key(e, MM_ENOTFOUND, "err.asset.none") : MM_OK;
}

enum mm_err
asset_update_risk(struct db *db, const struct asset *a, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "UPDATE asset SET importance = ?3, threat = ?4, threat_source = ?5,"
	    " vulnerability = ?6, vulnerability_source = ?7, likelihood = ?8, risk_value = ?9,"
	    " band = ?10 WHERE id = ?1 AND org_id = ?2", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, a->id);
	db_bind_int(st, 2, a->org_id);
	db_bind_int(st, 3, a->importance);
	db_bind_int(st, 4, a->threat);
	db_bind_text(st, 5, a->threat_source);
	db_bind_int(st, 6, a->vulnerability);
	db_bind_text(st, 7, a->vulnerability_source);
	db_bind_int(st, 8, a->likelihood);
	db_bind_int(st, 9, a->risk_value);
	db_bind_text(st, 10, a->band);
	return row_step_done(st, e);
}

enum mm_err
asset_delete(struct db *db, long long org_id, long long id, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "DELETE FROM asset_treatment WHERE asset_id ="
	    " (SELECT id FROM asset WHERE id = ?1 AND org_id = ?2)", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, org_id);
	if ((code = row_step_done(st, e)) != MM_OK)
		return code;
	code = db_prepare(db, "DELETE FROM asset WHERE id = ?1 AND org_id = ?2", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, org_id);
	if ((code = row_step_done(st, e)) != MM_OK)
		return code;
	return db_changes(db) == 0 ? err_key(e, MM_ENOTFOUND, "err.asset.none") : MM_OK;
}

enum mm_err
asset_get(struct db *db, long long org_id, long long id, struct asset *out,
    struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "SELECT " ASSET_COLUMNS ASSET_FROM
	    " WHERE a.org_id = ?1 AND a.id = ?2", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_int(st, 2, id);
	code = row_step_one(st, NULL, e);
	if (code == MM_OK)
		asset_read(st, out);
	else if (code == MM_ENOTFOUND)
		err_keyf(e, code, "err.asset.not_in_org", "{id}%lld", id);
	db_finalize(st);
	return code;
}

static void
bind_filter(struct db_stmt *st, long long org_id, const struct asset_filter *f)
{
	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, f->medium && *f->medium ? f->medium : NULL);
	db_bind_text(st, 3, f->department && *f->department ? f->department : NULL);
	db_bind_text(st, 4, f->band && *f->band ? f->band : NULL);
	db_bind_text(st, 5, f->search && *f->search ? f->search : NULL);
}

enum mm_err
asset_list(struct db *db, long long org_id, const struct asset_filter *f,
    struct asset **out, size_t *n, long long *total, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	void *v;
	int s = (int)f->sort;

	*out = NULL;
	*n = 0;
	if (s < 0 || s >= ASSET_SORT_COUNT)
		s = ASSET_SORT_ID;
	if (total != NULL) {
		code = db_prepare(db, asset_count_sql[filter_mask(f)], &st, e);
		if (code != MM_OK)
			return code;
		bind_filter(st, org_id, f);
		code = row_step_one(st, NULL, e);
		*total = code == MM_OK ? db_col_int(st, 0) : 0;
		db_finalize(st);
		if (code != MM_OK)
			return code;
	}
	code = db_prepare(db, asset_list_sql[s][f->desc ? 1 : 0], &st, e);
	if (code != MM_OK)
		return code;
	bind_filter(st, org_id, f);
	db_bind_int(st, 6, f->limit > 0 ? f->limit : -1);
	db_bind_int(st, 7, f->offset > 0 ? f->offset : 0);
	code = row_collect(st, sizeof(**out), asset_read, &v, n, e);
	*out = v;
	return code;
}

enum mm_err
asset_each(struct db *db, long long org_id, const struct asset_filter *f,
    int (*fn)(void *ctx, const struct asset *a), void *ctx, struct err *e)
{
	struct db_stmt *st;
	struct asset *row;
	enum mm_err code;
	int rc, s = (int)f->sort;

	if (s < 0 || s >= ASSET_SORT_COUNT)
		s = ASSET_SORT_ID;
	if ((row = malloc(sizeof(*row))) == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	code = db_prepare(db, asset_list_sql[s][f->desc ? 1 : 0], &st, e);
	if (code != MM_OK) {
		free(row);
		return code;
	}
	bind_filter(st, org_id, f);
	db_bind_int(st, 6, -1);
	db_bind_int(st, 7, 0);
	while ((rc = db_step(st, e)) == DB_ROW) {
		asset_read(st, row);
		if (fn(ctx, row) != 0)
			break;
	}
	db_finalize(st);
	free(row);
	return rc < 0 ? (enum mm_err)rc : MM_OK;
}

static void
dept_read(struct db_stmt *st, void *item)
{
	char *d = item;

	snprintf(d, ASSET_TEXT_MAX, "%s", db_col_text(st, 0) ? db_col_text(st, 0) : "");
}

enum mm_err
asset_departments(struct db *db, long long org_id, char (**out)[ASSET_TEXT_MAX],
    size_t *n, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	void *v;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT DISTINCT department FROM asset WHERE org_id = ?1"
	    " AND department <> '' ORDER BY department", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	code = row_collect(st, ASSET_TEXT_MAX, dept_read, &v, n, e);
	*out = v;
	return code;
}

enum mm_err
asset_cell_counts(struct db *db, long long org_id,
    void (*fn)(void *ctx, int importance, int likelihood, const char *band,
    const char *medium, bool treated, long long count), void *ctx, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	int rc;

	code = db_prepare(db,
	    "SELECT a.importance, a.likelihood, a.band, a.medium, t.asset_id IS NOT NULL, count(*)"
	    " FROM asset a LEFT JOIN asset_treatment t ON t.asset_id = a.id WHERE a.org_id = ?1"
	    " GROUP BY 1, 2, 3, 4, 5", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	while ((rc = db_step(st, e)) == DB_ROW)
		fn(ctx, (int)db_col_int(st, 0), (int)db_col_int(st, 1), db_col_text(st, 2),
		    db_col_text(st, 3), db_col_int(st, 4) != 0, db_col_int(st, 5));
	db_finalize(st);
	return rc < 0 ? (enum mm_err)rc : MM_OK;
}

enum mm_err
asset_untreated(struct db *db, long long org_id, const char *band, long long limit,
    struct asset **out, size_t *n, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	void *v;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT " ASSET_COLUMNS ASSET_FROM
	    " WHERE a.org_id = ?1 AND a.band = ?2 AND t.asset_id IS NULL"
	    " ORDER BY a.risk_value DESC, a.id LIMIT ?3", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, band);
	db_bind_int(st, 3, limit);
	code = row_collect(st, sizeof(**out), asset_read, &v, n, e);
	*out = v;
	return code;
}

enum mm_err
threat_rating_get(struct db *db, long long org_id, const char *medium, int *level,
    struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	bool found;

	*level = 0;
	code = db_prepare(db, "SELECT level FROM threat_rating WHERE org_id = ?1 AND medium = ?2",
	    &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, medium);
	if ((code = row_step_maybe(st, &found, e)) == MM_OK && found)
		*level = (int)db_col_int(st, 0);
	db_finalize(st);
	return code;
}

enum mm_err
threat_rating_set(struct db *db, long long org_id, const char *medium, int level,
    const char *now, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	if (level == 0)
		code = db_prepare(db, "DELETE FROM threat_rating WHERE org_id = ?1 AND medium = ?2",
		    &st, e);
	else
		code = db_prepare(db, "INSERT INTO threat_rating (org_id, medium, level, updated_at)"
		    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (org_id, medium) DO UPDATE SET"
		    " level = excluded.level, updated_at = excluded.updated_at", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, medium);
	if (level != 0) {
		db_bind_int(st, 3, level);
		db_bind_text(st, 4, now);
	}
	return row_step_done(st, e);
}

enum mm_err
asset_treatment_set(struct db *db, const struct asset *a, const char *now,
    struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	if (!a->has_treatment) {
		code = db_prepare(db, "DELETE FROM asset_treatment WHERE asset_id = ?1", &st, e);
		if (code != MM_OK)
			return code;
		db_bind_int(st, 1, a->id);
		return row_step_done(st, e);
	}
	code = db_prepare(db,
	    "INSERT INTO asset_treatment (asset_id, kind, measure, owner, due, status, residual,"
	    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (asset_id) DO UPDATE"
	    " SET kind = excluded.kind, measure = excluded.measure, owner = excluded.owner,"
	    " due = excluded.due, status = excluded.status, residual = excluded.residual,"
	    " updated_at = excluded.updated_at", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, a->id);
	db_bind_text(st, 2, a->t_kind);
	db_bind_text(st, 3, a->t_measure);
	db_bind_text(st, 4, a->t_owner);
	db_bind_text(st, 5, a->t_due[0] ? a->t_due : NULL);
	db_bind_text(st, 6, a->t_status);
	bind_override(st, 7, a->t_residual);
	db_bind_text(st, 8, now);
	return row_step_done(st, e);
}
