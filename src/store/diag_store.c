/* diag_store.c — respondents, diagnosis rounds and answers. */
#include "store/diag_store.h"

#include <stdlib.h>
#include <string.h>

#include "store/row.h"

#define ROUND_COLUMNS \
	"r.id, r.org_id, r.respondent_id, p.name, p.kind, r.catalog, r.status," \
	" r.na_rule, r.started_at, r.completed_at, r.total, r.band"
#define ROUND_FROM " FROM diag_round r JOIN respondent p ON p.id = r.respondent_id"

static void
round_read(struct db_stmt *st, struct diag_round_row *r)
{
	const char *status = db_col_text(st, 6), *rule = db_col_text(st, 7);

	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->org_id = db_col_int(st, 1);
	r->respondent_id = db_col_int(st, 2);
	row_text(r->respondent, st, 3);
	row_text(r->respondent_kind, st, 4);
	row_text(r->catalog, st, 5);
	r->completed = status != NULL && strcmp(status, "completed") == 0;
	r->na_rule = rule != NULL && strcmp(rule, "exclude") == 0 ?
	    DIAG_NA_EXCLUDE : DIAG_NA_FULL;
	row_text(r->started_at, st, 8);
	row_text(r->completed_at, st, 9);
	r->total = (int)db_col_int(st, 10);
	row_text(r->band, st, 11);
}

void
diag_notes_free(struct diag_notes *n)
{
	size_t i;

	for (i = 0; i < DIAG_MAX_ITEMS; i++) {
		free(n->notes[i]);
		n->notes[i] = NULL;
	}
}

enum mm_err
respondent_find_or_add(struct db *db, long long org_id, const char *name,
    const char *kind, const char *now, long long *id, bool *created,
    struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	if (created != NULL)
		*created = false;
	code = db_prepare(db,
	    "SELECT id FROM respondent WHERE org_id = ?1 AND name = ?2", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, name);
	code = row_step_one(st, NULL, e);
	if (code == MM_OK)
		*id = db_col_int(st, 0);
	db_finalize(st);
	if (code != MM_ENOTFOUND)
		return code;
	code = db_prepare(db,
	    "INSERT INTO respondent (org_id, name, kind, created_at) VALUES (?1, ?2, ?3, ?4)",
	    &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, kind);
	db_bind_text(st, 4, now);
	if ((code = row_step_done(st, e)) != MM_OK)
		return code;
	*id = db_last_id(db);
	if (created != NULL)
		*created = true;
	return MM_OK;
}

enum mm_err
diag_round_insert(struct db *db, struct diag_round_row *r, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "INSERT INTO diag_round (org_id, respondent_id, catalog, status, na_rule, started_at)"
	    " VALUES (?1, ?2, ?3, 'draft', ?4, ?5)", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, r->org_id);
	db_bind_int(st, 2, r->respondent_id);
	db_bind_text(st, 3, r->catalog);
	db_bind_text(st, 4, r->na_rule == DIAG_NA_EXCLUDE ? "exclude" : "full");
	db_bind_text(st, 5, r->started_at);
	if ((code = row_step_done(st, e)) == MM_OK)
		r->id = db_last_id(db);
	return code;
}

/* run ST (bound by the caller) and read the one round it returns */
static enum mm_err
round_one(struct db_stmt *st, const char *key, struct diag_round_row *r,
    struct err *e)
{
	enum mm_err code = row_step_one(st, key, e);

	if (code == MM_OK)
		round_read(st, r);
	db_finalize(st);
	return code;
}

enum mm_err
diag_round_get(struct db *db, long long org_id, long long id,
    struct diag_round_row *r, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "SELECT " ROUND_COLUMNS ROUND_FROM
	    " WHERE r.org_id = ?1 AND r.id = ?2", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_int(st, 2, id);
	code = round_one(st, NULL, r, e);
	if (code == MM_ENOTFOUND)
		err_keyf(e, code, "err.diag.round_not_in_org", "{id}%lld", id);
	return code;
}

enum mm_err
diag_round_draft(struct db *db, long long org_id, long long respondent_id,
    struct diag_round_row *r, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "SELECT " ROUND_COLUMNS ROUND_FROM
	    " WHERE r.org_id = ?1 AND r.respondent_id = ?2 AND r.status = 'draft'"
	    " ORDER BY r.id DESC LIMIT 1", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_int(st, 2, respondent_id);
	return round_one(st, "err.diag.no_draft", r, e);
}

enum mm_err
diag_round_previous(struct db *db, long long org_id, long long respondent_id,
    long long before_id, struct diag_round_row *r, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "SELECT " ROUND_COLUMNS ROUND_FROM
	    " WHERE r.org_id = ?1 AND r.respondent_id = ?2 AND r.status = 'completed'"
	    " AND (?3 = 0 OR r.id < ?3) ORDER BY r.completed_at DESC, r.id DESC LIMIT 1",
	    &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_int(st, 2, respondent_id);
	db_bind_int(st, 3, before_id);
	return round_one(st, "err.diag.no_previous", r, e);
}

static void
round_read_item(struct db_stmt *st, void *item)
{
	round_read(st, item);
}

enum mm_err
diag_round_list(struct db *db, long long org_id, bool with_drafts,
    struct diag_round_row **out, size_t *n, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	void *v;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT " ROUND_COLUMNS ROUND_FROM
	    " WHERE r.org_id = ?1 AND (?2 = 1 OR r.status = 'completed')"
	    " ORDER BY r.completed_at IS NULL, r.completed_at, r.id",
	    &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_int(st, 2, with_drafts ? 1 : 0);
	code = row_collect(st, sizeof(**out), round_read_item, &v, n, e);
	*out = v;
	return code;
}

static void
round_total_read(struct db_stmt *st, void *item)
{
	struct diag_round_total *t = item;

	t->id = db_col_int(st, 0);
	row_text(t->completed_at, st, 1);
	t->total = (int)db_col_int(st, 2);
}

enum mm_err
diag_round_totals(struct db *db, long long org_id, struct diag_round_total **out,
    size_t *n, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	void *v;

	*out = NULL;
	*n = 0;
	/* a completed round always has completed_at: the order of
	 * diag_round_list, which the index diag_round_org gives as it is */
	code = db_prepare(db, "SELECT id, completed_at, total FROM diag_round"
	    " WHERE org_id = ?1 AND status = 'completed' ORDER BY completed_at, id", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	code = row_collect(st, sizeof(**out), round_total_read, &v, n, e);
	*out = v;
	return code;
}

enum mm_err
diag_round_complete(struct db *db, long long id, const char *at,
    enum diag_na_rule rule, int total, const char *band, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "UPDATE diag_round SET status = 'completed', completed_at = ?2, total = ?3, band = ?4,"
	    " na_rule = ?5"
	    " WHERE id = ?1", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, at);
	db_bind_int(st, 3, total);
	db_bind_text(st, 4, band);
	db_bind_text(st, 5, rule == DIAG_NA_EXCLUDE ? "exclude" : "full");
	code = row_step_done(st, e);
	if (code == MM_EIMMUTABLE)
		err_keyf(e, code, "err.diag.round_completed", "{id}%lld", id);
	return code;
}

enum mm_err
diag_round_delete_draft(struct db *db, long long id, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "DELETE FROM diag_answer WHERE round_id = ?1", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, id);
	if ((code = row_step_done(st, e)) != MM_OK)
		return code;
	code = db_prepare(db, "DELETE FROM diag_round WHERE id = ?1 AND status = 'draft'",
	    &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, id);
	return row_step_done(st, e);
}

enum mm_err
diag_answers_load(struct db *db, long long round_id, struct diag_sheet *sheet,
    struct diag_notes *notes, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	int rc;

	memset(sheet, 0, sizeof(*sheet));
	if (notes != NULL)
		memset(notes, 0, sizeof(*notes));
	code = db_prepare(db,
	    "SELECT item_no, answer, note FROM diag_answer WHERE round_id = ?1 ORDER BY item_no",
	    &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, round_id);
	while ((rc = db_step(st, e)) == DB_ROW) {
		long long no = db_col_int(st, 0);
		const char *note = db_col_text(st, 2);
		if (no < 1 || no > DIAG_MAX_ITEMS)
			continue;
		sheet->answers[no - 1] = diag_answer_from_id(db_col_text(st, 1));
		if (notes != NULL && note != NULL && *note != '\0' &&
		    (notes->notes[no - 1] = strdup(note)) == NULL) {
			rc = err_key(e, MM_ENOMEM, "err.nomem");
			break;
		}
	}
	db_finalize(st);
	if (rc < 0 && notes != NULL)
		diag_notes_free(notes);
	return rc < 0 ? (enum mm_err)rc : MM_OK;
}

enum mm_err
diag_answer_put(struct db *db, long long round_id, int no,
    enum diag_answer answer, const char *note, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	if (answer == DIAG_UNANSWERED) {
		code = db_prepare(db,
		    "DELETE FROM diag_answer WHERE round_id = ?1 AND item_no = ?2", &st, e);
	} else {
		code = db_prepare(db,
		    "INSERT INTO diag_answer (round_id, item_no, answer, note) VALUES (?1, ?2, ?3, ?4)"
		    " ON CONFLICT (round_id, item_no) DO UPDATE SET answer = excluded.answer,"
		    " note = excluded.note", &st, e);
	}
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, round_id);
	db_bind_int(st, 2, no);
	if (answer != DIAG_UNANSWERED) {
		db_bind_text(st, 3, diag_answer_id(answer));
		db_bind_text(st, 4, note && *note ? note : NULL);
	}
	code = row_step_done(st, e);
	if (code == MM_EIMMUTABLE)
		err_key(e, code, "err.diag.answers_completed");
	return code;
}

enum mm_err
diag_refs_check(struct db *db, const char *catalog_id, size_t nitems,
    struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "SELECT r.id, r.catalog FROM diag_round r WHERE r.catalog <> ?1"
	    " UNION ALL SELECT a.round_id, 'item ' || a.item_no FROM diag_answer a"
	    " WHERE a.item_no > ?2 LIMIT 1", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_text(st, 1, catalog_id);
	db_bind_int(st, 2, (long long)nitems);
	code = row_step_one(st, NULL, e);
	if (code == MM_OK)
		code = err_keyf(e, MM_EINTEGRITY, "err.diag.unknown_catalog", "{id}%lld{what}%s",
		    db_col_int(st, 0), db_col_text(st, 1));
	else if (code == MM_ENOTFOUND)
		code = MM_OK;
	db_finalize(st);
	if (code == MM_OK)
		err_clear(e);
	return code;
}
