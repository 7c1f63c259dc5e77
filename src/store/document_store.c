/* document_store.c — policy documents, their versions and acknowledgements. */
#include "store/document_store.h"

#include <stdlib.h>
#include <string.h>

#include "store/row.h"

/* the columns of document_row after d.id, d.kind, d.created_at */
#define DOCUMENT_COLUMNS \
	"SELECT d.id, d.kind, d.created_at," \
	" coalesce((SELECT max(number) FROM document_version WHERE document_id = d.id), 0)," \
	" coalesce((SELECT max(number) FROM document_version WHERE document_id = d.id" \
	"   AND approved_at IS NOT NULL), 0)," \
	" coalesce((SELECT max(number) FROM document_version WHERE document_id = d.id" \
	"   AND published_at IS NOT NULL), 0)," \
	" (SELECT title FROM document_version WHERE document_id = d.id" \
	"   ORDER BY number DESC LIMIT 1)," \
	" (SELECT created_at FROM document_version WHERE document_id = d.id" \
	"   ORDER BY number DESC LIMIT 1)," \
	" (SELECT published_at FROM document_version WHERE document_id = d.id" \
	"   AND published_at IS NOT NULL ORDER BY number DESC LIMIT 1)," \
	" coalesce((SELECT id FROM document_version WHERE document_id = d.id" \
	"   AND published_at IS NOT NULL ORDER BY number DESC LIMIT 1), 0)" \
	" FROM document d"

static void
document_read(struct db_stmt *st, void *item)
{
	struct document_row *d = item;

	d->id = db_col_int(st, 0);
	row_text(d->kind, st, 1);
	row_text(d->created_at, st, 2);
	d->versions = (int)db_col_int(st, 3);
	d->approved = (int)db_col_int(st, 4);
	d->published = (int)db_col_int(st, 5);
	row_text(d->title, st, 6);
	row_text(d->updated_at, st, 7);
	row_text(d->published_at, st, 8);
	d->published_id = db_col_int(st, 9);
}

enum mm_err
document_list(struct db *db, long long org_id, struct document_row **out,
    size_t *n, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	void *v;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, DOCUMENT_COLUMNS " WHERE d.org_id = ?1 ORDER BY d.id", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	code = row_collect(st, sizeof(**out), document_read, &v, n, e);
	*out = v;
	return code;
}

enum mm_err
document_get(struct db *db, long long org_id, long long id, struct document_row *out,
    struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, DOCUMENT_COLUMNS " WHERE d.org_id = ?1 AND d.id = ?2", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_int(st, 2, id);
	if ((code = row_step_one(st, "err.document.not_found", e)) == MM_OK)
		document_read(st, out);
	db_finalize(st);
	return code;
}

enum mm_err
document_find(struct db *db, long long org_id, const char *kind,
    struct document_row *out, bool *found, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, DOCUMENT_COLUMNS " WHERE d.org_id = ?1 AND d.kind = ?2", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, kind);
	if ((code = row_step_maybe(st, found, e)) == MM_OK && *found)
		document_read(st, out);
	db_finalize(st);
	return code;
}

enum mm_err
document_insert(struct db *db, long long org_id, const char *kind, const char *now,
    long long *id, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "INSERT INTO document (org_id, kind, created_at)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, now);
	if ((code = row_step_done(st, e)) != MM_OK)
		return code;
	if (db_changes(db) == 0)
		return err_key(e, MM_ECONFLICT, "err.document.exists");
	*id = db_last_id(db);
	return MM_OK;
}

enum mm_err
document_version_insert(struct db *db, struct document_version *v, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "SELECT coalesce(max(number), 0) + 1 FROM document_version"
	    " WHERE document_id = ?1", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, v->document_id);
	if ((code = row_step_one(st, "err.document.not_found", e)) == MM_OK)
		v->number = (int)db_col_int(st, 0);
	db_finalize(st);
	if (code != MM_OK)
		return code;
	code = db_prepare(db, "INSERT INTO document_version (document_id, number, title,"
	    " markdown, origin, note, left_out, created_by, created_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, v->document_id);
	db_bind_int(st, 2, v->number);
	db_bind_text(st, 3, v->title);
	db_bind_text(st, 4, v->markdown ? v->markdown : "");
	db_bind_text(st, 5, v->origin);
	db_bind_text(st, 6, v->note);
	db_bind_text(st, 7, v->left_out ? v->left_out : "[]");
	if (v->created_by > 0)
		db_bind_int(st, 8, v->created_by);
	else
		db_bind_null(st, 8);
	db_bind_text(st, 9, v->created_at);
	if ((code = row_step_done(st, e)) != MM_OK)
		return code;
	v->id = db_last_id(db);
	return MM_OK;
}

/* the columns of a version; the text (12, 13) only when asked for */
#define VERSION_COLUMNS \
	"SELECT v.id, v.document_id, v.number, v.title, v.origin, v.note," \
	" coalesce(v.created_by, 0), coalesce(nullif(c.name, ''), c.email)," \
	" v.created_at, coalesce(v.approved_by, 0)," \
	" coalesce(nullif(p.name, ''), p.email), v.approved_at, v.published_at," \
	" length(CAST(v.markdown AS BLOB))"

static void
version_read(struct db_stmt *st, void *item)
{
	struct document_version *v = item;

	memset(v, 0, sizeof(*v));
	v->id = db_col_int(st, 0);
	v->document_id = db_col_int(st, 1);
	v->number = (int)db_col_int(st, 2);
	row_text(v->title, st, 3);
	row_text(v->origin, st, 4);
	row_text(v->note, st, 5);
	v->created_by = db_col_int(st, 6);
	row_text(v->created_by_name, st, 7);
	row_text(v->created_at, st, 8);
	v->approved_by = db_col_int(st, 9);
	row_text(v->approved_by_name, st, 10);
	row_text(v->approved_at, st, 11);
	row_text(v->published_at, st, 12);
	v->bytes = db_col_int(st, 13);
}

enum mm_err
document_version_list(struct db *db, long long document_id,
    struct document_version **out, size_t *n, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	void *v;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, VERSION_COLUMNS " FROM document_version v"
	    " LEFT JOIN account c ON c.id = v.created_by"
	    " LEFT JOIN account p ON p.id = v.approved_by"
	    " WHERE v.document_id = ?1 ORDER BY v.number DESC", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, document_id);
	code = row_collect(st, sizeof(**out), version_read, &v, n, e);
	*out = v;
	return code;
}

enum mm_err
document_version_get(struct db *db, long long document_id, int number,
    struct document_version *out, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	memset(out, 0, sizeof(*out));
	code = db_prepare(db, VERSION_COLUMNS ", v.markdown, v.left_out FROM document_version v"
	    " LEFT JOIN account c ON c.id = v.created_by"
	    " LEFT JOIN account p ON p.id = v.approved_by"
	    " WHERE v.document_id = ?1 AND v.number = ?2", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, document_id);
	db_bind_int(st, 2, number);
	if ((code = row_step_one(st, "err.document.no_version", e)) == MM_OK) {
		version_read(st, out);
		out->markdown = strdup(db_col_text(st, 14) ? db_col_text(st, 14) : "");
		out->left_out = strdup(db_col_text(st, 15) ? db_col_text(st, 15) : "[]");
		if (out->markdown == NULL || out->left_out == NULL) {
			document_version_free(out);
			code = err_key(e, MM_ENOMEM, "err.nomem");
		}
	}
	db_finalize(st);
	return code;
}

void
document_version_free(struct document_version *v)
{
	free(v->markdown);
	free(v->left_out);
	v->markdown = NULL;
	v->left_out = NULL;
}

enum mm_err
document_version_approve(struct db *db, long long id, long long account_id,
    const char *now, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "UPDATE document_version SET approved_by = ?2, approved_at = ?3"
	    " WHERE id = ?1 AND approved_at IS NULL", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, account_id);
	db_bind_text(st, 3, now);
	return row_step_done(st, e);
}

enum mm_err
document_version_publish(struct db *db, long long id, const char *now, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "UPDATE document_version SET published_at = ?2"
	    " WHERE id = ?1 AND approved_at IS NOT NULL AND published_at IS NULL", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, now);
	return row_step_done(st, e);
}

enum mm_err
document_ack_insert(struct db *db, long long version_id, long long account_id,
    const char *now, bool *added, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	*added = false;
	code = db_prepare(db, "INSERT INTO document_ack (version_id, account_id, at)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, version_id);
	db_bind_int(st, 2, account_id);
	db_bind_text(st, 3, now);
	if ((code = row_step_done(st, e)) == MM_OK)
		*added = db_changes(db) > 0;
	return code;
}

static void
reader_read(struct db_stmt *st, void *item)
{
	struct document_reader *r = item;

	r->account_id = db_col_int(st, 0);
	row_text(r->email, st, 1);
	row_text(r->name, st, 2);
	row_text(r->role, st, 3);
	row_text(r->acked_at, st, 4);
}

enum mm_err
document_readers(struct db *db, long long org_id, long long version_id,
    struct document_reader **out, size_t *n, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	void *v;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT a.id, a.email, a.name, m.role, k.at FROM membership m"
	    " JOIN account a ON a.id = m.account_id"
	    " LEFT JOIN document_ack k ON k.account_id = a.id AND k.version_id = ?2"
	    " WHERE m.org_id = ?1 AND a.disabled = 0 AND m.role <> 'supporter'"
	    " ORDER BY k.at IS NOT NULL, a.email", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_int(st, 2, version_id);
	code = row_collect(st, sizeof(**out), reader_read, &v, n, e);
	*out = v;
	return code;
}

enum mm_err
document_unread(struct db *db, long long org_id, long long account_id, long long *n,
    struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	*n = 0;
	code = db_prepare(db, "SELECT count(*) FROM document d JOIN document_version v"
	    " ON v.document_id = d.id AND v.number = (SELECT max(number) FROM document_version"
	    "   WHERE document_id = d.id AND published_at IS NOT NULL)"
	    " WHERE d.org_id = ?1 AND NOT EXISTS (SELECT 1 FROM document_ack k"
	    "   WHERE k.version_id = v.id AND k.account_id = ?2)", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_int(st, 2, account_id);
	if ((code = row_step_one(st, "err.document.not_found", e)) == MM_OK)
		*n = db_col_int(st, 0);
	db_finalize(st);
	return code;
}

enum mm_err
document_acked(struct db *db, long long version_id, long long account_id,
    char at[CLOCK_ISO_LEN], struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	bool found = false;

	at[0] = '\0';
	code = db_prepare(db, "SELECT at FROM document_ack WHERE version_id = ?1"
	    " AND account_id = ?2", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, version_id);
	db_bind_int(st, 2, account_id);
	if ((code = row_step_maybe(st, &found, e)) == MM_OK && found)
		snprintf(at, CLOCK_ISO_LEN, "%s", db_col_text(st, 0) ? db_col_text(st, 0) : "");
	db_finalize(st);
	return code;
}
