/* diag_service.c — the 自社診断 use cases. */
#include "app/diag_service.h"

#include <stdlib.h>
#include <string.h>

#include "app/asset_service.h"
#include "app/audit.h"
#include "app/diag_view.h"
#include "app/input.h"
#include "app/org_service.h"
#include "util/buf.h"
#include "util/clock.h"

void
diag_round_view_free(struct diag_round_view *v)
{
	diag_notes_free(&v->notes);
}

static void
round_object(long long id, char *out, size_t outsz)
{
	snprintf(out, outsz, "diagnosis_round:%lld", id);
}

enum mm_err
diag_draft_start(struct app *a, const struct org *o, const char *respondent,
    const char *kind, struct diag_round_row *out, bool *resumed, struct err *e)
{
	char name[RESPONDENT_NAME_MAX], now[CLOCK_ISO_LEN], obj[64];
	enum diag_na_rule rule;
	enum mm_err code;
	json_t *after;

	*resumed = false;
	if ((code = input_text("err.field.respondent", respondent ? respondent : DIAG_DEFAULT_RESPONDENT,
	    true, 80, name, sizeof(name), e)) != MM_OK)
		return code;
	if (kind == NULL)
		kind = "person";
	if (strcmp(kind, "person") != 0 && strcmp(kind, "department") != 0)
		return err_key(e, MM_EINVAL, "err.diag.respondent_kind");
	if ((code = org_na_rule(a, o->id, &rule, e)) != MM_OK)
		return code;
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	clock_now_iso(now);
	memset(out, 0, sizeof(*out));
	if ((code = respondent_find_or_add(a->db, o->id, name, kind, now,
	    &out->respondent_id, NULL, e)) != MM_OK)
		goto fail;
	code = diag_round_draft(a->db, o->id, out->respondent_id, out, e);
	if (code == MM_OK) {
		*resumed = true;
		app_rollback(a);
		return MM_OK;
	}
	if (code != MM_ENOTFOUND)
		goto fail;
	err_clear(e);
	out->org_id = o->id;
	snprintf(out->respondent, sizeof(out->respondent), "%s", name);
	snprintf(out->respondent_kind, sizeof(out->respondent_kind), "%s", kind);
	snprintf(out->catalog, sizeof(out->catalog), "%s", a->cat->id);
	snprintf(out->started_at, sizeof(out->started_at), "%s", now);
	out->na_rule = rule;
	if ((code = diag_round_insert(a->db, out, e)) != MM_OK)
		goto fail;
	round_object(out->id, obj, sizeof(obj));
	after = json_pack("{sIssssss}", "id", (json_int_t)out->id,
	    "respondent", name, "kind", kind, "status", "draft");
	code = audit_record(a, o->id, "diagnosis.start", obj, NULL, after, e);
	json_decref(after);
	if (code != MM_OK || (code = app_commit(a, e)) != MM_OK)
		goto fail;
	return MM_OK;
fail:
	app_rollback(a);
	return code;
}

/* the round ID of O that must be a draft */
static enum mm_err
need_draft(struct app *a, const struct org *o, long long id,
    struct diag_round_row *r, struct err *e)
{
	enum mm_err code = diag_round_get(a->db, o->id, id, r, e);

	if (code == MM_OK && r->completed)
		return err_keyf(e, MM_EIMMUTABLE, "err.diag.round_completed_new", "{id}%lld", id);
	return code;
}

static json_t *
answer_json(enum diag_answer a, const char *note)
{
	if (a == DIAG_UNANSWERED)
		return json_null();
	return json_pack("{ssss?}", "answer", diag_answer_id(a), "note",
	    note && *note ? note : NULL);
}

/* check item NO, ANSWER and NOTE of a draft; the note, trimmed, into
 * CLEAN (DIAG_NOTE_MAX + 1 bytes) */
static enum mm_err
check_answer(const struct diag_model *m, int no, enum diag_answer answer,
    const char *note, char *clean, struct err *e)
{
	if (no < 1 || (size_t)no > m->nitems)
		return err_keyf(e, MM_EINVAL, "err.diag.no_item", "{no}%d", no);
	if ((int)answer < DIAG_UNANSWERED || answer >= DIAG_ANSWER_KINDS)
		return err_keyf(e, MM_EINVAL, "err.diag.bad_answer", "{no}%d", no);
	if (answer != DIAG_UNANSWERED && !diag_answer_allowed(m, no, answer))
		return err_keyf(e, MM_EINVAL, "err.diag.answer_not_allowed", "{no}%d{~answer}%s%s",
		    no, m->answers[answer].label.ja, m->answers[answer].label.en);
	return input_text("err.field.memo", note, false, DIAG_NOTE_MAX / 3, clean,
	    DIAG_NOTE_MAX + 1, e);
}

/* check_answer for edit ED, with a message that always names the item */
static enum mm_err
check_edit(const struct diag_model *m, const struct diag_draft_edit *ed,
    char *clean, struct err *e)
{
	enum mm_err code = check_answer(m, ed->no, ed->set_answer ? ed->answer :
	    DIAG_UNANSWERED, ed->note, clean, e);

	/* the checks of the note do not name the item */
	if (code != MM_OK && e->key != NULL && strncmp(e->key, "err.input.", 10) == 0) {
		struct err inner = *e;
		err_keyf(e, code, "err.diag.item_problem", "{no}%d", ed->no);
		err_add(e, "problem", &inner);
	}
	return code;
}

/* set item NO of draft ROUND_ID, whose current answers are SHEET and
 * NOTES, to ANSWER and CLEAN, with its audit record; inside the caller's
 * transaction. *CHANGED tells whether anything changed; SHEET and NOTES
 * follow the change. */
static enum mm_err
put_answer(struct app *a, const struct org *o, long long round_id, int no,
    enum diag_answer answer, const char *clean, struct diag_sheet *sheet,
    struct diag_notes *notes, bool *changed, struct err *e)
{
	char obj[96];
	enum mm_err code;
	json_t *before, *after;
	char *copy = NULL;

	*changed = false;
	if (sheet->answers[no - 1] == answer &&
	    strcmp(notes->notes[no - 1] ? notes->notes[no - 1] : "", clean) == 0)
		return MM_OK;
	if (answer != DIAG_UNANSWERED && *clean && (copy = strdup(clean)) == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	if ((code = diag_answer_put(a->db, round_id, no, answer, clean, e)) != MM_OK) {
		free(copy);
		return code;
	}
	snprintf(obj, sizeof(obj), "diagnosis_round:%lld/item:%d", round_id, no);
	before = answer_json(sheet->answers[no - 1], notes->notes[no - 1]);
	after = answer_json(answer, clean);
	code = audit_record(a, o->id, "diagnosis.answer", obj, before, after, e);
	json_decref(before);
	json_decref(after);
	sheet->answers[no - 1] = answer;
	free(notes->notes[no - 1]);
	notes->notes[no - 1] = copy;
	*changed = code == MM_OK;
	return code;
}

enum mm_err
diag_draft_answer(struct app *a, const struct org *o, long long round_id,
    int no, enum diag_answer answer, const char *note, struct err *e)
{
	struct diag_round_row r;
	struct diag_sheet sheet;
	struct diag_notes notes;
	char clean[DIAG_NOTE_MAX + 1];
	enum mm_err code;
	bool changed;

	if ((code = check_answer(&a->cat->diag, no, answer, note, clean, e)) != MM_OK)
		return code;
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	memset(&notes, 0, sizeof(notes));
	if ((code = need_draft(a, o, round_id, &r, e)) != MM_OK ||
	    (code = diag_answers_load(a->db, round_id, &sheet, &notes, e)) != MM_OK ||
	    (code = put_answer(a, o, round_id, no, answer, clean, &sheet, &notes, &changed,
	    e)) != MM_OK)
		goto fail;
	if (!changed)
		app_rollback(a); /* nothing changes: nothing to record */
	else if ((code = app_commit(a, e)) != MM_OK)
		goto fail;
	diag_notes_free(&notes);
	return MM_OK;
fail:
	diag_notes_free(&notes);
	app_rollback(a);
	return code;
}

enum mm_err
diag_draft_save(struct app *a, const struct org *o, long long round_id,
    const struct diag_draft_edit *edits, size_t n, size_t *changed, struct err *e)
{
	const struct diag_model *m = &a->cat->diag;
	struct diag_round_row r;
	struct diag_sheet sheet;
	struct diag_notes notes;
	struct err one, bad;
	char (*clean)[DIAG_NOTE_MAX + 1] = NULL;
	size_t i, count = 0, nbad = 0;
	enum mm_err code;
	bool did;

	if (changed != NULL)
		*changed = 0;
	memset(&notes, 0, sizeof(notes));
	err_key(&bad, MM_EINVAL, "err.diag.nothing_saved");
	if (n > DIAG_MAX_ITEMS * 2) {
		code = err_key(e, MM_EINVAL, "err.diag.too_many_edits");
		goto out;
	}
	if ((clean = calloc(n ? n : 1, sizeof(*clean))) == NULL) {
		code = err_key(e, MM_ENOMEM, "err.nomem");
		goto out;
	}
	/* every edit is checked before anything is written */
	for (i = 0; i < n; i++) {
		err_clear(&one);
		if (check_edit(m, &edits[i], clean[i], &one) != MM_OK) {
			err_add(&bad, "items", &one);
			nbad++;
		}
	}
	if (nbad > 0) {
		code = MM_EINVAL;
		if (e != NULL)
			*e = bad;
		goto out;
	}
	if ((code = app_begin(a, e)) != MM_OK)
		goto out;
	if ((code = need_draft(a, o, round_id, &r, e)) != MM_OK ||
	    (code = diag_answers_load(a->db, round_id, &sheet, &notes, e)) != MM_OK)
		goto fail;
	for (i = 0; i < n; i++) {
		int no = edits[i].no;
		enum diag_answer want = edits[i].set_answer ? edits[i].answer :
		    sheet.answers[no - 1];
		const char *note = edits[i].note != NULL ? clean[i] :
		    notes.notes[no - 1] ? notes.notes[no - 1] : "";
		if (want == DIAG_UNANSWERED && *note != '\0') {
			err_addf(&bad, "items", "err.diag.note_needs_answer", "{no}%d", no);
			nbad++;
			continue;
		}
		if (nbad > 0)
			continue;
		if (note != clean[i]) { /* kept: copy, put_answer replaces the old one */
			snprintf(clean[i], sizeof(clean[i]), "%s", note);
			note = clean[i];
		}
		if ((code = put_answer(a, o, round_id, no, want, note, &sheet, &notes, &did,
		    e)) != MM_OK)
			goto fail;
		count += did;
	}
	if (nbad > 0) {
		code = MM_EINVAL;
		if (e != NULL)
			*e = bad;
		goto fail;
	}
	if (count == 0)
		app_rollback(a); /* nothing changes: nothing to record */
	else if ((code = app_commit(a, e)) != MM_OK)
		goto fail;
	if (changed != NULL)
		*changed = count;
	code = MM_OK;
	goto out;
fail:
	app_rollback(a);
out:
	diag_notes_free(&notes);
	free(clean);
	return code;
}

size_t
diag_missing_items(const struct diag_model *m, const struct diag_sheet *s,
    int *out)
{
	size_t i, n = 0;

	for (i = 0; i < m->nitems && i < DIAG_MAX_ITEMS; i++)
		if (s->answers[i] == DIAG_UNANSWERED)
			out[n++] = (int)i + 1;
	return n;
}

/* score SHEET under RULE, complete ROUND_ID and audit it with ACTION;
 * inside the caller's transaction */
static enum mm_err
complete_round(struct app *a, const struct org *o, long long round_id,
    const struct diag_sheet *sheet, enum diag_na_rule rule, const char *action,
    json_t *extra, struct err *e)
{
	const struct diag_model *m = &a->cat->diag;
	struct diag_result res;
	char now[CLOCK_ISO_LEN], obj[64];
	enum mm_err code;
	json_t *after;
	int missing = diag_sheet_missing(m, sheet);

	if (missing != 0)
		return err_keyf(e, MM_EINVAL, "err.diag.unanswered_complete", "{no}%d", missing);
	if (diag_score(m, sheet, rule, &res) != 0)
		return err_key(e, MM_EINVAL, "err.diag.answers_not_allowed");
	clock_now_iso(now);
	if ((code = diag_round_complete(a->db, round_id, now, rule, res.total,
	    res.band->id, e)) != MM_OK)
		return code;
	round_object(round_id, obj, sizeof(obj));
	after = json_pack("{sIsssisssssO}", "id", (json_int_t)round_id,
	    "status", "completed", "total", res.total, "band", res.band->id,
	    "na_rule", rule == DIAG_NA_EXCLUDE ? "exclude" : "full",
	    "answers", extra ? extra : json_null());
	code = audit_record(a, o->id, action, obj, NULL, after, e);
	json_decref(after);
	/* the vulnerabilities of the risk analysis follow the diagnosis */
	if (code == MM_OK)
		code = risk_refresh(a, o->id, e);
	return code;
}

/* the answers of SHEET as {"1":"yes",…} */
static json_t *
answers_json(const struct diag_model *m, const struct diag_sheet *sheet)
{
	json_t *o = json_object();
	char key[24];
	size_t i;

	for (i = 0; o != NULL && i < m->nitems; i++) {
		snprintf(key, sizeof(key), "%zu", i + 1);
		json_object_set_new(o, key, json_string(diag_answer_id(sheet->answers[i])));
	}
	return o;
}

enum mm_err
diag_draft_complete(struct app *a, const struct org *o, long long round_id,
    struct err *e)
{
	struct diag_round_row r;
	struct diag_sheet sheet;
	enum diag_na_rule rule;
	enum mm_err code;
	json_t *answers = NULL;

	if ((code = org_na_rule(a, o->id, &rule, e)) != MM_OK)
		return code;
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = need_draft(a, o, round_id, &r, e)) != MM_OK ||
	    (code = diag_answers_load(a->db, round_id, &sheet, NULL, e)) != MM_OK)
		goto fail;
	answers = answers_json(&a->cat->diag, &sheet);
	if ((code = complete_round(a, o, round_id, &sheet, rule,
	    "diagnosis.complete", answers, e)) != MM_OK ||
	    (code = app_commit(a, e)) != MM_OK)
		goto fail;
	json_decref(answers);
	return MM_OK;
fail:
	json_decref(answers);
	app_rollback(a);
	return code;
}

enum mm_err
diag_record(struct app *a, const struct org *o, const char *respondent,
    const struct diag_input *in, long long *id, struct err *e)
{
	const struct diag_model *m = &a->cat->diag;
	struct diag_round_row r;
	char name[RESPONDENT_NAME_MAX], now[CLOCK_ISO_LEN];
	enum diag_na_rule rule;
	enum mm_err code;
	json_t *answers = NULL;
	size_t i;

	if (respondent == NULL)
		respondent = in->respondent[0] ? in->respondent : DIAG_DEFAULT_RESPONDENT;
	if ((code = input_text("err.field.respondent", respondent, true, 80, name, sizeof(name),
	    e)) != MM_OK)
		return code;
	if (diag_sheet_missing(m, &in->sheet) != 0)
		return err_keyf(e, MM_EINVAL, "err.diag.no_answer", "{no}%d",
		    diag_sheet_missing(m, &in->sheet));
	if ((code = org_na_rule(a, o->id, &rule, e)) != MM_OK)
		return code;
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	clock_now_iso(now);
	memset(&r, 0, sizeof(r));
	r.org_id = o->id;
	snprintf(r.catalog, sizeof(r.catalog), "%s", a->cat->id);
	snprintf(r.started_at, sizeof(r.started_at), "%s", now);
	r.na_rule = rule;
	if ((code = respondent_find_or_add(a->db, o->id, name, "person", now,
	    &r.respondent_id, NULL, e)) != MM_OK ||
	    (code = diag_round_insert(a->db, &r, e)) != MM_OK)
		goto fail;
	for (i = 0; i < m->nitems; i++)
		if ((code = diag_answer_put(a->db, r.id, (int)i + 1, in->sheet.answers[i],
		    in->notes.notes[i], e)) != MM_OK)
			goto fail;
	answers = answers_json(m, &in->sheet);
	if (answers != NULL)
		json_object_set_new(answers, "respondent", json_string(name));
	if ((code = complete_round(a, o, r.id, &in->sheet, rule, "diagnosis.record",
	    answers, e)) != MM_OK || (code = app_commit(a, e)) != MM_OK)
		goto fail;
	json_decref(answers);
	*id = r.id;
	return MM_OK;
fail:
	json_decref(answers);
	app_rollback(a);
	return code;
}

enum mm_err
diag_round_load(struct app *a, const struct org *o, long long id,
    struct diag_round_view *out, struct err *e)
{
	enum mm_err code;

	memset(out, 0, sizeof(*out));
	if ((code = diag_round_get(a->db, o->id, id, &out->row, e)) != MM_OK ||
	    (code = diag_answers_load(a->db, id, &out->sheet, &out->notes, e)) != MM_OK)
		return code;
	if (out->row.completed &&
	    diag_score(&a->cat->diag, &out->sheet, out->row.na_rule, &out->result) != 0) {
		diag_round_view_free(out);
		return err_keyf(e, MM_EINTEGRITY, "err.diag.round_mismatch", "{id}%lld", id);
	}
	return MM_OK;
}

enum mm_err
diag_round_before(struct app *a, const struct org *o,
    const struct diag_round_view *v, struct diag_round_view *out, struct err *e)
{
	struct diag_round_row prev;
	enum mm_err code;

	code = diag_round_previous(a->db, o->id, v->row.respondent_id, v->row.id,
	    &prev, e);
	if (code != MM_OK)
		return code;
	return diag_round_load(a, o, prev.id, out, e);
}

/* A was completed after B (ties broken by id) */
static bool
round_later(const struct diag_round_row *a, const struct diag_round_row *b)
{
	int c = strcmp(a->completed_at, b->completed_at);

	return c > 0 || (c == 0 && a->id > b->id);
}

/* is ROUNDS[I] the newest completed round of its respondent among the N? */
static bool
newest_of_respondent(const struct diag_round_row *rounds, size_t n, size_t i)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (k != i && rounds[k].respondent_id == rounds[i].respondent_id &&
		    round_later(&rounds[k], &rounds[i]))
			return false;
	return true;
}

enum mm_err
diag_org_view(struct app *a, const struct org *o, struct diag_sheet *sheet,
    struct diag_result *result, size_t *respondents, struct err *e)
{
	struct diag_round_row *rounds;
	struct diag_sheet *sheets = NULL;
	enum diag_na_rule rule;
	size_t n, i, count = 0;
	enum mm_err code;

	*respondents = 0;
	if ((code = org_na_rule(a, o->id, &rule, e)) != MM_OK ||
	    (code = diag_round_list(a->db, o->id, false, &rounds, &n, e)) != MM_OK)
		return code;
	sheets = calloc(n ? n : 1, sizeof(*sheets));
	if (sheets == NULL) {
		code = err_key(e, MM_ENOMEM, "err.nomem");
		goto done;
	}
	/* the newest completed round of each respondent: skip a round when
	 * the same respondent has one completed later */
	for (i = 0; i < n; i++) {
		if (!newest_of_respondent(rounds, n, i))
			continue;
		if ((code = diag_answers_load(a->db, rounds[i].id, &sheets[count], NULL,
		    e)) != MM_OK)
			goto done;
		count++;
	}
	if (count == 0) {
		code = err_key(e, MM_ENOTFOUND, "err.diag.none_completed");
		goto done;
	}
	diag_aggregate(&a->cat->diag, sheets, count, sheet);
	if (diag_score(&a->cat->diag, sheet, rule, result) != 0) {
		code = err_key(e, MM_EINTEGRITY, "err.diag.mismatch");
		goto done;
	}
	*respondents = count;
done:
	free(sheets);
	free(rounds);
	return code;
}

enum mm_err
diag_latest_rounds(struct app *a, const struct org *o,
    struct diag_round_row **out, size_t *n, struct err *e)
{
	struct diag_round_row *rounds, *keep;
	size_t all, i, count = 0;
	enum mm_err code;

	*out = NULL;
	*n = 0;
	if ((code = diag_round_list(a->db, o->id, false, &rounds, &all, e)) != MM_OK)
		return code;
	if ((keep = calloc(all ? all : 1, sizeof(*keep))) == NULL) {
		free(rounds);
		return err_key(e, MM_ENOMEM, "err.nomem");
	}
	/* newest first: the list comes oldest first */
	for (i = all; i-- > 0;)
		if (newest_of_respondent(rounds, all, i))
			keep[count++] = rounds[i];
	free(rounds);
	*out = keep;
	*n = count;
	return MM_OK;
}

enum mm_err
diag_compare_rounds(struct app *a, const struct org *o, long long id_a,
    long long id_b, struct diag_round_view *from, struct diag_round_view *to,
    struct err *e)
{
	struct diag_round_view x, y;
	enum mm_err code;

	if (id_a == id_b)
		return err_key(e, MM_EINVAL, "err.diag.compare_same");
	if ((code = diag_round_load(a, o, id_a, &x, e)) != MM_OK)
		return code;
	if ((code = diag_round_load(a, o, id_b, &y, e)) != MM_OK) {
		diag_round_view_free(&x);
		return code;
	}
	if (!x.row.completed || !y.row.completed) {
		diag_round_view_free(&x);
		diag_round_view_free(&y);
		return err_keyf(e, MM_EINVAL, "err.diag.compare_draft", "{id}%lld",
		    x.row.completed ? id_b : id_a);
	}
	if (round_later(&x.row, &y.row)) {
		*from = y;
		*to = x;
	} else {
		*from = x;
		*to = y;
	}
	return MM_OK;
}
