/* web_diag_result.c — the 自社診断 results in the browser: one round with
 * its advice and the change since the previous round, the comparison of
 * any two rounds, the organisation view, the exports (CSV, JSON) and the
 * answer sheets to print. */
#include <stdlib.h>
#include <string.h>

#include "app/diag_view.h"
#include "app/employee_check_service.h"
#include "app/org_service.h"
#include "render/csv_out.h"
#include "web/web_diag.h"

/* "+3", "-2", "±0" */
static const char *
delta_text(struct web_req *r, long long d)
{
	if (d == 0)
		return "±0";
	return arena_printf(r->req->arena, "%+lld", d);
}

/* "2024-04-01" of "2024-04-01T09:00:00Z" */
static const char *
date_of(struct web_req *r, const char *iso)
{
	if (iso == NULL)
		return "";
	return arena_strndup(r->req->arena, iso, strlen(iso) < 10 ? strlen(iso) : 10);
}

/* the answer whose id is ID (NULL or "" for none) */
static enum diag_answer
answer_of(const char *id)
{
	return id != NULL ? diag_answer_from_id(id) : DIAG_UNANSWERED;
}

static const char *
answer_label_of(struct web_req *r, const char *id)
{
	return diag_answer_label(&r->app.cat->diag, answer_of(id), r->lang);
}

static const char *
item_title(struct web_req *r, json_int_t no)
{
	const struct diag_model *m = &r->app.cat->diag;

	if (no < 1 || (size_t)no > m->nitems)
		return "";
	return ltext_get(&m->items[no - 1].title, r->lang);
}

/* the parts of a result (diag_result_json "parts") with "percent" */
static void
parts_percent(json_t *parts)
{
	json_t *p;
	size_t i;

	json_array_foreach(parts, i, p) {
		json_int_t s = json_integer_value(json_object_get(p, "score"));
		json_int_t mx = json_integer_value(json_object_get(p, "max"));
		json_int_t pct = mx > 0 ? (s < 0 ? 0 : s * 100 / mx) : 0;
		json_object_set_new(p, "percent", json_integer(pct));
		json_object_set_new(p, "percent_class", json_integer(pct / 10 * 10));
	}
}

/* what the page needs beside the result R (diag_result_json): the
 * わからない items with titles, the advice with question and answer */
static void
result_extras(struct web_req *r, json_t *res)
{
	const struct diag_model *m = &r->app.cat->diag;
	json_t *unknown, *u, *w;
	size_t i;

	parts_percent(json_object_get(res, "parts"));
	unknown = json_array();
	json_array_foreach(json_object_get(res, "unknown"), i, u)
		json_array_append_new(unknown, json_pack("{sIss}", "no", json_integer_value(u),
		    "title", item_title(r, json_integer_value(u))));
	json_object_set_new(res, "unknown_items", unknown);
	json_object_set_new(res, "has_unknown", json_boolean(json_array_size(unknown) > 0));
	json_array_foreach(json_object_get(res, "weak"), i, w) {
		json_int_t no = json_integer_value(json_object_get(w, "no"));
		const char *a = json_string_value(json_object_get(w, "answer"));
		if (no < 1 || (size_t)no > m->nitems)
			continue;
		json_object_set_new(w, "answer_label", json_string(answer_label_of(r, a)));
		json_object_set_new(w, "question", json_string(ltext_get(&m->items[no - 1].question,
		    r->lang)));
		json_object_set_new(w, "part_label", json_string(ltext_get(
		    &m->parts[m->items[no - 1].part].label, r->lang)));
		json_object_set_new(w, "is_unknown", json_boolean(a && strcmp(a, "unknown") == 0));
		json_object_set_new(w, "is_no", json_boolean(a && strcmp(a, "no") == 0));
	}
	json_object_set_new(res, "has_weak",
	    json_boolean(json_array_size(json_object_get(res, "weak")) > 0));
	json_object_set_new(res, "radar_svg", diag_web_radar(r, json_object_get(res, "parts")));
}

/* titles and labels for the changed items of a comparison C
 * (diag_compare_json) */
static void
change_extras(struct web_req *r, json_t *c)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(c, "items"), i, it) {
		json_int_t no = json_integer_value(json_object_get(it, "no"));
		json_int_t d = json_integer_value(json_object_get(it, "delta"));
		json_object_set_new(it, "title", json_string(item_title(r, no)));
		json_object_set_new(it, "before_label", json_string(answer_label_of(r,
		    json_string_value(json_object_get(it, "before")))));
		json_object_set_new(it, "after_label", json_string(answer_label_of(r,
		    json_string_value(json_object_get(it, "after")))));
		json_object_set_new(it, "delta_text", json_string(delta_text(r, d)));
		json_object_set_new(it, "better", json_boolean(d > 0));
		json_object_set_new(it, "worse", json_boolean(d < 0));
	}
	json_object_set_new(c, "has_items",
	    json_boolean(json_array_size(json_object_get(c, "items")) > 0));
	json_object_set_new(c, "delta_text", json_string(delta_text(r,
	    json_integer_value(json_object_get(c, "delta")))));
}

/* ---- one round ---- */

void
page_diag_round(struct web_req *r)
{
	const struct diag_model *m = &r->app.cat->diag;
	struct diag_round_view v, prev;
	bool has_prev = false;
	struct err e;
	json_t *model, *res, *change, *parts;
	size_t i, answered = 0;
	enum mm_err code;

	if (!diag_web_round(r, &v))
		return;
	err_clear(&e);
	if (v.row.completed) {
		code = diag_round_before(&r->app, &r->org, &v, &prev, &e);
		if (code != MM_OK && code != MM_ENOTFOUND) {
			diag_round_view_free(&v);
			diag_web_fail(r, &e);
			return;
		}
		has_prev = code == MM_OK;
	}
	model = diag_round_json(m, &v, has_prev ? &prev : NULL, r->lang);
	if (model == NULL || r->api) {
		web_page(r, 200, "diagnosis_round", model);
		goto out;
	}
	for (i = 0; i < m->nitems; i++)
		answered += v.sheet.answers[i] != DIAG_UNANSWERED;
	parts = diag_parts_json(m, &v.sheet, &v.notes, v.row.completed ? &v.result : NULL,
	    r->lang);
	json_object_set_new(model, "parts", parts);
	json_object_set_new(model, "title", json_string(diag_web_text(r, v.row.completed ?
	    "diagnosis.round_title" : "diagnosis.round_draft_title", "id",
	    arena_printf(r->req->arena, "%lld", v.row.id))));
	json_object_set_new(model, "is_draft", json_boolean(!v.row.completed));
	json_object_set_new(model, "is_department",
	    json_boolean(strcmp(v.row.respondent_kind, "department") == 0));
	json_object_set_new(model, "can_edit", json_boolean(perm_allows(PERM_ORG_EDIT,
	    r->role, false)));
	json_object_set_new(model, "answered", json_integer((json_int_t)answered));
	json_object_set_new(model, "count", json_integer((json_int_t)m->nitems));
	json_object_set_new(model, "answer_href", json_string(diag_web_href(r,
	    "/rounds/%lld/answer", v.row.id)));
	json_object_set_new(model, "step_href", json_string(diag_web_href(r,
	    "/rounds/%lld/answer?part=%s", v.row.id, m->parts[0].id)));
	json_object_set_new(model, "csv_href", json_string(diag_web_href(r,
	    "/rounds/%lld/export.csv", v.row.id)));
	json_object_set_new(model, "json_href", json_string(diag_web_href(r,
	    "/rounds/%lld/export.json", v.row.id)));
	json_object_set_new(model, "sheet_href", json_string(diag_web_href(r,
	    "/rounds/%lld/sheet", v.row.id)));
	if ((res = json_object_get(model, "result")) != NULL)
		result_extras(r, res);
	change = json_object_get(model, "change");
	if (json_is_object(change)) {
		change_extras(r, change);
		json_object_set_new(model, "has_prev", json_true());
		json_object_set_new(model, "prev_completed_at", json_string(prev.row.completed_at));
		json_object_set_new(model, "prev_href", json_string(diag_web_href(r,
		    "/rounds/%lld", prev.row.id)));
		json_object_set_new(model, "compare_href", json_string(diag_web_href(r,
		    "/compare?a=%lld&b=%lld", prev.row.id, v.row.id)));
	}
	web_page(r, 200, "diagnosis_round", model);
out:
	if (has_prev)
		diag_round_view_free(&prev);
	diag_round_view_free(&v);
}

/* ---- comparing two rounds ---- */

/* the completed rounds to choose from, A and B selected */
static json_t *
round_choices(struct web_req *r, long long a, long long b)
{
	struct diag_round_row *rows;
	struct err e;
	size_t n, i;
	json_t *arr = json_array();

	err_clear(&e);
	if (diag_round_list(r->app.db, r->org.id, false, &rows, &n, &e) != MM_OK)
		return arr;
	if (a == 0 && b == 0 && n >= 2) { /* the two newest, the earlier first */
		a = rows[n - 2].id;
		b = rows[n - 1].id;
	}
	for (i = n; i-- > 0;)
		json_array_append_new(arr, json_pack("{sIsssssisbsb}", "id",
		    (json_int_t)rows[i].id, "respondent", rows[i].respondent,
		    "date", date_of(r, rows[i].completed_at), "total", rows[i].total,
		    "selected_a", rows[i].id == a, "selected_b", rows[i].id == b));
	free(rows);
	return arr;
}

static void
compare_form(struct web_req *r, int status, long long a, long long b,
    const char *error)
{
	json_t *choices = round_choices(r, a, b);
	json_t *m;

	if (r->api) {
		json_decref(choices);
		web_error(r, status == 200 ? 400 : status, NULL,
		    error ? error : web_t(r, "diagnosis.compare_choose"));
		return;
	}
	m = json_pack("{sssosbsb}", "title", web_t(r, "diagnosis.compare_title"),
	    "choices", choices, "has_choices", json_array_size(choices) >= 2,
	    "has_result", 0);
	if (m != NULL && error != NULL)
		json_object_set_new(m, "error", json_string(error));
	web_page(r, status, "diagnosis_compare", m);
}

/* the page of one round in a comparison */
static json_t *
compare_side(struct web_req *r, const struct diag_round_view *v)
{
	const struct diag_model *m = &r->app.cat->diag;
	json_t *s = diag_round_summary_json(m, &v->row, r->lang);

	if (s != NULL)
		json_object_set_new(s, "href", json_string(diag_web_href(r, "/rounds/%lld",
		    v->row.id)));
	return s;
}

void
page_diag_compare(struct web_req *r)
{
	const struct diag_model *m = &r->app.cat->diag;
	const char *qa = http_query(r->req, "a"), *qb = http_query(r->req, "b");
	struct diag_round_view from, to;
	long long a = 0, b = 0;
	struct err e;
	json_t *model, *parts;
	size_t i;

	if ((qa == NULL || *qa == '\0') && (qb == NULL || *qb == '\0')) {
		compare_form(r, 200, 0, 0, NULL);
		return;
	}
	if (!diag_web_id(qa, &a) || !diag_web_id(qb, &b)) {
		compare_form(r, 400, a, b, web_t(r, "diagnosis.compare_choose"));
		return;
	}
	err_clear(&e);
	if (diag_compare_rounds(&r->app, &r->org, a, b, &from, &to, &e) != MM_OK) {
		if (e.code == MM_EINVAL)
			compare_form(r, 400, a, b, web_err_text(r, &e));
		else
			diag_web_fail(r, &e);
		return;
	}
	model = diag_compare_json(m, &from, &to);
	if (model == NULL || r->api) {
		web_page(r, 200, "diagnosis_compare", model);
		goto out;
	}
	change_extras(r, model);
	json_object_set_new(model, "title", json_string(web_t(r, "diagnosis.compare_title")));
	json_object_set_new(model, "has_result", json_true());
	json_object_set_new(model, "from_round", compare_side(r, &from));
	json_object_set_new(model, "to_round", compare_side(r, &to));
	json_object_set_new(model, "unchanged", json_integer((json_int_t)m->nitems -
	    (json_int_t)json_array_size(json_object_get(model, "items"))));
	parts = json_array();
	for (i = 0; i < m->nparts; i++)
		json_array_append_new(parts, json_pack("{sssisisiss}", "label",
		    ltext_get(&m->parts[i].label, r->lang), "before", from.result.parts[i].score,
		    "after", to.result.parts[i].score, "max", to.result.parts[i].max,
		    "delta_text", delta_text(r, to.result.parts[i].score -
		    from.result.parts[i].score)));
	json_object_set_new(model, "parts", parts);
	json_object_set_new(model, "choices", round_choices(r, from.row.id, to.row.id));
	json_object_set_new(model, "has_choices", json_true());
	web_page(r, 200, "diagnosis_compare", model);
out:
	diag_round_view_free(&from);
	diag_round_view_free(&to);
}

/* ---- the organisation view ---- */

/* the employees' check for the page: counts flattened, names for admins */
static void
employee_extras(struct web_req *r, json_t *ec)
{
	json_t *it, *c, *p, *a, *cells;
	size_t i, k;
	int kind;

	json_array_foreach(json_object_get(ec, "items"), i, it) {
		c = json_object_get(it, "counts");
		cells = json_array();
		for (kind = DIAG_YES; kind < DIAG_ANSWER_KINDS; kind++)
			json_array_append_new(cells, json_pack("{sI}", "n", json_integer_value(
			    json_object_get(c, diag_answer_id((enum diag_answer)kind)))));
		json_object_set_new(it, "cells", cells);
	}
	json_object_set_new(ec, "has_answers",
	    json_boolean(json_integer_value(json_object_get(ec, "respondents")) > 0));
	json_array_foreach(json_object_get(ec, "people"), i, p)
		json_array_foreach(json_object_get(p, "answers"), k, a)
		{
			enum diag_answer x = answer_of(json_string_value(
			    json_object_get(a, "answer")));
			json_object_set_new(a, "label", json_string(diag_answer_label(
			    &r->app.cat->diag, x, r->lang)));
			json_object_set_new(a, "short", json_string(diag_web_short(r, x)));
		}
	json_object_set_new(ec, "has_people",
	    json_boolean(json_array_size(json_object_get(ec, "people")) > 0));
}

void
page_diag_org(struct web_req *r)
{
	const struct diag_model *m = &r->app.cat->diag;
	struct diag_sheet sheet;
	struct diag_result res;
	struct diag_round_row *latest = NULL;
	enum diag_na_rule rule;
	size_t n = 0, nlatest = 0, i;
	struct err e;
	enum mm_err code;
	json_t *model, *result = NULL, *list, *ec, *s;

	err_clear(&e);
	if (org_na_rule(&r->app, r->org.id, &rule, &e) != MM_OK) {
		diag_web_fail(r, &e);
		return;
	}
	code = diag_org_view(&r->app, &r->org, &sheet, &res, &n, &e);
	if (code != MM_OK && code != MM_ENOTFOUND) {
		diag_web_fail(r, &e);
		return;
	}
	if (code == MM_OK)
		result = diag_result_json(m, &sheet, &res, rule, r->lang);
	err_clear(&e);
	if (diag_latest_rounds(&r->app, &r->org, &latest, &nlatest, &e) != MM_OK ||
	    (ec = employee_check_summary_json(&r->app, &r->org, r->lang,
	    perm_allows(PERM_ORG_ADMIN, r->role, false), &e)) == NULL) {
		json_decref(result);
		free(latest);
		diag_web_fail(r, &e);
		return;
	}
	list = json_array();
	for (i = 0; i < nlatest; i++) {
		s = diag_round_summary_json(m, &latest[i], r->lang);
		if (s != NULL && !r->api)
			json_object_set_new(s, "href", json_string(diag_web_href(r, "/rounds/%lld",
			    latest[i].id)));
		json_array_append_new(list, s);
	}
	free(latest);
	model = json_pack("{sIsososo}", "respondents", (json_int_t)n,
	    "result", result ? result : json_null(), "latest", list, "employee_checks", ec);
	if (model == NULL || r->api) {
		web_page(r, 200, "diagnosis_org", model);
		return;
	}
	json_object_set_new(model, "title", json_string(web_t(r, "diagnosis.org_title")));
	json_object_set_new(model, "can_edit", json_boolean(perm_allows(PERM_ORG_EDIT,
	    r->role, false)));
	json_object_set_new(model, "has_result", json_boolean(result != NULL));
	json_object_set_new(model, "has_latest", json_boolean(nlatest > 0));
	json_object_set_new(model, "scale", diag_web_scale(r));
	if (result != NULL) {
		result_extras(r, result);
		json_object_set_new(model, "parts", diag_parts_json(m, &sheet, NULL, &res,
		    r->lang));
	}
	employee_extras(r, ec);
	web_page(r, 200, "diagnosis_org", model);
}

/* ---- exports ---- */

/* answer with BODY as a file to download called NAME */
static void
download(struct web_req *r, const char *type, const char *name, struct buf *body)
{
	if (buf_failed(body)) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	r->resp->status = 200;
	r->resp->content_type = type;
	http_resp_header(r->resp, "Content-Disposition", arena_printf(r->req->arena,
	    "attachment; filename=\"%s\"", name));
	buf_append(&r->resp->body, body->data ? body->data : "", body->len);
}

void
page_diag_export_csv(struct web_req *r)
{
	const struct diag_model *m = &r->app.cat->diag;
	struct diag_round_view v;
	struct buf b;
	size_t i;

	if (!diag_web_round(r, &v))
		return;
	buf_init(&b, 4u * 1024 * 1024);
	csv_bom(&b);
	buf_puts(&b, "no,part,question,answer,label,points,note");
	csv_end(&b);
	for (i = 0; i < m->nitems; i++) {
		const struct diag_item *it = &m->items[i];
		enum diag_answer a = v.sheet.answers[i];
		csv_int(&b, it->no);
		csv_sep(&b);
		csv_field(&b, m->parts[it->part].id);
		csv_sep(&b);
		csv_field(&b, ltext_get(&it->question, r->lang));
		csv_sep(&b);
		csv_field(&b, diag_answer_id(a));
		csv_sep(&b);
		csv_field(&b, diag_answer_label(m, a, r->lang));
		csv_sep(&b);
		if (v.row.completed && a != DIAG_UNANSWERED && v.result.counted[i])
			csv_int(&b, v.result.points[i]);
		csv_sep(&b);
		csv_field(&b, v.notes.notes[i]);
		csv_end(&b);
	}
	download(r, "text/csv; charset=utf-8", arena_printf(r->req->arena,
	    "mamori-diagnosis-%s-%lld.csv", r->org.slug, v.row.id), &b);
	buf_free(&b);
	diag_round_view_free(&v);
}

void
page_diag_export_json(struct web_req *r)
{
	const struct diag_model *m = &r->app.cat->diag;
	struct diag_round_view v, prev;
	bool has_prev = false;
	struct err e;
	struct buf b;
	json_t *j;
	char *s;

	if (!diag_web_round(r, &v))
		return;
	err_clear(&e);
	if (v.row.completed)
		has_prev = diag_round_before(&r->app, &r->org, &v, &prev, &e) == MM_OK;
	j = diag_round_json(m, &v, has_prev ? &prev : NULL, r->lang);
	s = j ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(j);
	buf_init(&b, 0);
	if (s == NULL)
		b.failed = true;
	else
		buf_puts(&b, s);
	buf_putc(&b, '\n');
	download(r, "application/json; charset=utf-8", arena_printf(r->req->arena,
	    "mamori-diagnosis-%s-%lld.json", r->org.slug, v.row.id), &b);
	buf_free(&b);
	free(s);
	if (has_prev)
		diag_round_view_free(&prev);
	diag_round_view_free(&v);
}

/* ---- answer sheets to print ---- */

/* the score bands of the catalog, highest first */
static json_t *
bands_json(struct web_req *r)
{
	const struct diag_model *m = &r->app.cat->diag;
	json_t *arr = json_array();
	size_t i;

	for (i = m->nbands; arr != NULL && i-- > 0;)
		json_array_append_new(arr, json_pack("{sisiss}", "min", m->bands[i].min,
		    "max", m->bands[i].max, "label", ltext_get(&m->bands[i].label, r->lang)));
	return arr;
}

/* the sheet of round V, or a blank one (V NULL) */
static void
sheet_page(struct web_req *r, const struct diag_round_view *v)
{
	const struct diag_model *m = &r->app.cat->diag;
	bool done = v != NULL && v->row.completed;
	json_t *parts, *model;

	parts = diag_parts_json(m, v ? &v->sheet : NULL, v ? &v->notes : NULL,
	    done ? &v->result : NULL, r->lang);
	diag_web_options(r, parts);
	model = json_pack("{sssssosbso}", "title", web_t(r, "diagnosis.sheet_title"),
	    "org_name", r->org.name, "parts", parts, "filled", v != NULL,
	    "scale", diag_web_scale(r));
	if (model == NULL) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	json_object_set_new(model, "back_href", json_string(v ? diag_web_href(r,
	    "/rounds/%lld", v->row.id) : diag_web_href(r, "%s", "")));
	if (v != NULL) {
		json_object_set_new(model, "id", json_integer(v->row.id));
		json_object_set_new(model, "respondent", json_string(v->row.respondent));
		json_object_set_new(model, "date", json_string(date_of(r, done ?
		    v->row.completed_at : v->row.started_at)));
		json_object_set_new(model, "is_draft", json_boolean(!done));
	}
	json_object_set_new(model, "max", json_integer((json_int_t)m->nitems * m->full_points));
	json_object_set_new(model, "bands", bands_json(r));
	if (done) {
		json_object_set_new(model, "has_total", json_true());
		json_object_set_new(model, "total", json_integer(v->result.total));
		json_object_set_new(model, "max", json_integer(v->result.max));
		json_object_set_new(model, "band_label", json_string(ltext_get(
		    &v->result.band->label, r->lang)));
	}
	web_page(r, 200, "diagnosis_sheet", model);
}

void
page_diag_sheet(struct web_req *r)
{
	sheet_page(r, NULL);
}

void
page_diag_round_sheet(struct web_req *r)
{
	struct diag_round_view v;

	if (!diag_web_round(r, &v))
		return;
	sheet_page(r, &v);
	diag_round_view_free(&v);
}
