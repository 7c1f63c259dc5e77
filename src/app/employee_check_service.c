/* employee_check_service.c — the employees' own checks. */
#include "app/employee_check_service.h"

#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "store/account_store.h"
#include "store/employee_check_store.h"
#include "util/buf.h"

const struct diag_part *
employee_check_part(const struct diag_model *m)
{
	size_t i;

	for (i = 0; i < m->nparts; i++)
		if (strcmp(m->parts[i].id, EMPLOYEE_CHECK_PART) == 0)
			return &m->parts[i];
	return NULL;
}

bool
employee_check_has_item(const struct diag_model *m, int no)
{
	const struct diag_part *p = employee_check_part(m);

	return p != NULL && no >= 1 && (size_t)no <= m->nitems &&
	    &m->parts[m->items[no - 1].part] == p;
}

enum mm_err
employee_check_load(struct app *a, const struct org *o, long long account_id,
    struct diag_sheet *sheet, char *updated_at, struct err *e)
{
	const struct diag_model *m = &a->cat->diag;
	struct employee_check_row *rows;
	size_t n, i;
	enum mm_err code;

	memset(sheet, 0, sizeof(*sheet));
	if (updated_at != NULL)
		updated_at[0] = '\0';
	if (account_id <= 0)
		return MM_OK;
	if ((code = employee_check_list(a->db, o->id, a->cat->id, account_id, &rows, &n,
	    e)) != MM_OK)
		return code;
	for (i = 0; i < n; i++) {
		if (!employee_check_has_item(m, rows[i].item_no))
			continue; /* the catalog changed: not part of the check any more */
		sheet->answers[rows[i].item_no - 1] = rows[i].answer;
		if (updated_at != NULL && strcmp(rows[i].updated_at, updated_at) > 0)
			snprintf(updated_at, CLOCK_ISO_LEN, "%s", rows[i].updated_at);
	}
	free(rows);
	return MM_OK;
}

/* every problem of the given answers, as one message; MM_OK when none */
static enum mm_err
check_given(const struct diag_model *m, const struct diag_sheet *want,
    const bool *given, struct err *e)
{
	struct err list;
	size_t i, bad = 0;

	err_key(&list, MM_EINVAL, "err.diag.nothing_saved");
	for (i = 0; i < DIAG_MAX_ITEMS; i++) {
		enum diag_answer x = want->answers[i];
		int no = (int)i + 1;
		if (!given[i])
			continue;
		if (!employee_check_has_item(m, no))
			err_addf(&list, "items", "err.diag.not_employee_item", "{no}%d", no);
		else if ((int)x < DIAG_UNANSWERED || x >= DIAG_ANSWER_KINDS)
			err_addf(&list, "items", "err.diag.bad_answer", "{no}%d", no);
		else if (x != DIAG_UNANSWERED && !diag_answer_allowed(m, no, x))
			err_addf(&list, "items", "err.diag.answer_not_allowed",
			    "{no}%d{~answer}%s%s", no, m->answers[x].label.ja,
			    m->answers[x].label.en);
		else
			continue;
		bad++;
	}
	if (bad == 0)
		return MM_OK;
	if (e != NULL)
		*e = list;
	return MM_EINVAL;
}

enum mm_err
employee_check_save(struct app *a, const struct org *o, long long account_id,
    const struct diag_sheet *want, const bool *given, size_t *changed,
    struct err *e)
{
	const struct diag_model *m = &a->cat->diag;
	struct diag_sheet have;
	char now[CLOCK_ISO_LEN], obj[64], key[24];
	json_t *before = NULL, *after = NULL;
	size_t i, count = 0;
	enum mm_err code;

	if (changed != NULL)
		*changed = 0;
	if (account_id <= 0)
		return err_key(e, MM_EINVAL, "err.diag.who_answers");
	if ((code = check_given(m, want, given, e)) != MM_OK)
		return code;
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = employee_check_load(a, o, account_id, &have, NULL, e)) != MM_OK)
		goto fail;
	clock_now_iso(now);
	before = json_object();
	after = json_object();
	if (before == NULL || after == NULL) {
		code = err_key(e, MM_ENOMEM, "err.nomem");
		goto fail;
	}
	for (i = 0; i < m->nitems; i++) {
		enum diag_answer x = want->answers[i];
		if (!given[i] || have.answers[i] == x)
			continue;
		if ((code = employee_check_put(a->db, o->id, account_id, a->cat->id, (int)i + 1,
		    x, now, e)) != MM_OK)
			goto fail;
		snprintf(key, sizeof(key), "%zu", i + 1);
		json_object_set_new(before, key, have.answers[i] == DIAG_UNANSWERED ?
		    json_null() : json_string(diag_answer_id(have.answers[i])));
		json_object_set_new(after, key, x == DIAG_UNANSWERED ? json_null() :
		    json_string(diag_answer_id(x)));
		count++;
	}
	if (count == 0) {
		app_rollback(a); /* nothing changes: nothing to record */
		goto done;
	}
	snprintf(obj, sizeof(obj), "employee_check:account:%lld", account_id);
	if ((code = audit_record(a, o->id, "employee_check.answer", obj, before, after,
	    e)) != MM_OK || (code = app_commit(a, e)) != MM_OK)
		goto fail;
done:
	json_decref(before);
	json_decref(after);
	if (changed != NULL)
		*changed = count;
	return MM_OK;
fail:
	json_decref(before);
	json_decref(after);
	app_rollback(a);
	return code;
}

/* the item of the check for a JSON list */
static json_t *
item_json(const struct diag_item *it, enum diag_answer ans, enum lang lang)
{
	return json_pack("{sisssssssbso}", "no", it->no,
	    "title", ltext_get(&it->title, lang), "question", ltext_get(&it->question, lang),
	    "explanation", ltext_get(&it->explanation, lang), "na_allowed", it->na_allowed,
	    "answer", ans == DIAG_UNANSWERED ? json_null() : json_string(diag_answer_id(ans)));
}

json_t *
employee_check_mine_json(struct app *a, const struct org *o, long long account_id,
    enum lang lang, struct err *e)
{
	const struct diag_model *m = &a->cat->diag;
	const struct diag_part *p = employee_check_part(m);
	struct diag_sheet sheet;
	char updated[CLOCK_ISO_LEN];
	json_t *out, *items;
	int no, answered = 0, total = 0;

	if (p == NULL) {
		err_key(e, MM_ECATALOG, "err.diag.no_employee_part");
		return NULL;
	}
	if (employee_check_load(a, o, account_id, &sheet, updated, e) != MM_OK)
		return NULL;
	out = json_pack("{s{sssssi}so}", "part", "id", p->id,
	    "label", ltext_get(&p->label, lang), "first", p->first,
	    "items", items = json_array());
	if (out == NULL)
		return NULL;
	for (no = p->first; no <= p->last; no++) {
		if (!employee_check_has_item(m, no))
			continue;
		total++;
		answered += sheet.answers[no - 1] != DIAG_UNANSWERED;
		json_array_append_new(items, item_json(&m->items[no - 1], sheet.answers[no - 1],
		    lang));
	}
	json_object_set_new(out, "answered", json_integer(answered));
	json_object_set_new(out, "total", json_integer(total));
	json_object_set_new(out, "updated_at", updated[0] ? json_string(updated) : json_null());
	return out;
}

/* enabled members of O who may answer (every role but supporter) */
static enum mm_err
count_members(struct app *a, const struct org *o, long long *n, struct err *e)
{
	struct membership *ms;
	size_t k, i;
	enum mm_err code;

	*n = 0;
	if ((code = membership_of_org(a->db, o->id, &ms, &k, e)) != MM_OK)
		return code;
	for (i = 0; i < k; i++)
		*n += !ms[i].disabled && ms[i].role != ROLE_SUPPORTER;
	free(ms);
	return MM_OK;
}

/* the people list (names) from ROWS, grouped by account */
static json_t *
people_json(const struct diag_model *m, const struct employee_check_row *rows, size_t n)
{
	const struct diag_part *p = employee_check_part(m);
	json_t *people = json_array(), *person = NULL, *answers = NULL;
	struct diag_sheet sheet;
	char updated[CLOCK_ISO_LEN];
	size_t i, start;
	int no, answered;

	for (i = 0; people != NULL && p != NULL && i < n; i = start) {
		memset(&sheet, 0, sizeof(sheet));
		updated[0] = '\0';
		answered = 0;
		for (start = i; start < n && rows[start].account_id == rows[i].account_id; start++) {
			if (!employee_check_has_item(m, rows[start].item_no))
				continue;
			sheet.answers[rows[start].item_no - 1] = rows[start].answer;
			answered++;
			if (strcmp(rows[start].updated_at, updated) > 0)
				snprintf(updated, sizeof(updated), "%s", rows[start].updated_at);
		}
		if (answered == 0)
			continue;
		person = json_pack("{sssssssiso}", "name", rows[i].account_name[0] ?
		    rows[i].account_name : rows[i].account_email, "email", rows[i].account_email,
		    "updated_at", updated, "answered", answered, "answers", answers = json_array());
		for (no = p->first; person != NULL && no <= p->last; no++)
			if (employee_check_has_item(m, no))
				json_array_append_new(answers, json_pack("{siso}", "no", no, "answer",
				    sheet.answers[no - 1] == DIAG_UNANSWERED ? json_null() :
				    json_string(diag_answer_id(sheet.answers[no - 1]))));
		json_array_append_new(people, person);
	}
	return people;
}

json_t *
employee_check_summary_json(struct app *a, const struct org *o, enum lang lang,
    bool with_names, struct err *e)
{
	const struct diag_model *m = &a->cat->diag;
	const struct diag_part *p = employee_check_part(m);
	struct employee_check_row *rows = NULL;
	int counts[DIAG_MAX_ITEMS][DIAG_ANSWER_KINDS];
	long long members, respondents = 0, last = 0;
	json_t *out = NULL, *items, *c;
	size_t n = 0, i;
	int no, k;

	if (p == NULL) {
		err_key(e, MM_ECATALOG, "err.diag.no_employee_part");
		return NULL;
	}
	if (count_members(a, o, &members, e) != MM_OK ||
	    employee_check_list(a->db, o->id, a->cat->id, 0, &rows, &n, e) != MM_OK)
		return NULL;
	memset(counts, 0, sizeof(counts));
	for (i = 0; i < n; i++) {
		if (!employee_check_has_item(m, rows[i].item_no))
			continue;
		counts[rows[i].item_no - 1][rows[i].answer]++;
		if (rows[i].account_id != last) /* rows come grouped by account */
			respondents++;
		last = rows[i].account_id;
	}
	out = json_pack("{sIsIso}", "respondents", (json_int_t)respondents,
	    "members", (json_int_t)members, "items", items = json_array());
	for (no = p->first; out != NULL && no <= p->last; no++) {
		int answered = 0;
		if (!employee_check_has_item(m, no))
			continue;
		c = json_object();
		for (k = DIAG_YES; k < DIAG_ANSWER_KINDS; k++) {
			json_object_set_new(c, diag_answer_id((enum diag_answer)k),
			    json_integer(counts[no - 1][k]));
			answered += counts[no - 1][k];
		}
		json_array_append_new(items, json_pack("{sisssisO}", "no", no,
		    "title", ltext_get(&m->items[no - 1].title, lang), "answered", answered,
		    "counts", c));
		json_decref(c);
	}
	if (out != NULL && with_names)
		json_object_set_new(out, "people", people_json(m, rows, n));
	free(rows);
	return out;
}
