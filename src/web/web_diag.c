/* web_diag.c — the 自社診断 in the browser: the rounds, starting a round,
 * answering it (all at once or one part at a time) and completing it,
 * and recording a completed round from a file. The results, comparisons,
 * exports and answer sheets are in web_diag_result.c, the employees' own
 * check in web_diag_mine.c. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "app/diag_view.h"
#include "app/employee_check_service.h"
#include "render/svg_chart.h"
#include "util/text.h"
#include "web/web_diag.h"
#include "web/web_report.h"

static void page_diag_index(struct web_req *r);
static void page_diag_new(struct web_req *r);
static void page_diag_start(struct web_req *r);
static void page_diag_record(struct web_req *r);
static void page_diag_answer(struct web_req *r);
static void page_diag_answers_post(struct web_req *r);

const struct route diag_routes[] = {
	{ "GET", "/diagnosis", page_diag_index, PERM_ORG_MEMBER, CSRF_NONE,
	    "自社診断の一覧" },
	{ "GET", "/diagnosis/rounds", page_diag_index, PERM_ORG_MEMBER, CSRF_NONE,
	    "自社診断の回の一覧" },
	{ "POST", "/diagnosis/rounds", page_diag_record, PERM_ORG_EDIT, CSRF_SESSION,
	    "完了した自社診断を回答 (JSON・CSV) から記録" },
	{ "GET", "/diagnosis/new", page_diag_new, PERM_ORG_EDIT, CSRF_NONE,
	    "自社診断を始める画面" },
	{ "POST", "/diagnosis/rounds/new", page_diag_start, PERM_ORG_EDIT, CSRF_SESSION,
	    "自社診断の下書きを始める (同じ回答者の下書きがあれば再開)" },
	{ "GET", "/diagnosis/rounds/:id", page_diag_round, PERM_ORG_MEMBER, CSRF_NONE,
	    "自社診断の結果 (下書きは進み具合)" },
	{ "GET", "/diagnosis/rounds/:id/answer", page_diag_answer, PERM_ORG_EDIT, CSRF_NONE,
	    "自社診断の回答画面" },
	{ "POST", "/diagnosis/rounds/:id/answers", page_diag_answers_post, PERM_ORG_EDIT,
	    CSRF_SESSION, "自社診断の回答を保存し、または完了する" },
	{ "GET", "/diagnosis/rounds/:id/export.csv", page_diag_export_csv, PERM_ORG_MEMBER,
	    CSRF_NONE, "自社診断の回答と点数 (CSV)" },
	{ "GET", "/diagnosis/rounds/:id/export.json", page_diag_export_json, PERM_ORG_MEMBER,
	    CSRF_NONE, "自社診断の回答と結果 (JSON)" },
	{ "GET", "/diagnosis/rounds/:id/sheet", page_diag_round_sheet, PERM_ORG_MEMBER,
	    CSRF_NONE, "自社診断の回答用紙 (回答済み、印刷用)" },
	{ "GET", "/diagnosis/rounds/:id/sheet.pdf", page_diag_round_sheet_pdf, PERM_ORG_MEMBER,
	    CSRF_NONE, "自社診断の回答用紙 (回答済み、PDF)" },
	{ "GET", "/diagnosis/rounds/:id/report.pdf", page_diag_report_pdf, PERM_ORG_MEMBER,
	    CSRF_NONE, "自社診断の結果報告書 (PDF、グラフ付き)" },
	{ "GET", "/diagnosis/sheet", page_diag_sheet, PERM_ORG_MEMBER, CSRF_NONE,
	    "自社診断の回答用紙 (白紙、印刷用)" },
	{ "GET", "/diagnosis/sheet.pdf", page_diag_sheet_pdf, PERM_ORG_MEMBER, CSRF_NONE,
	    "自社診断の回答用紙 (白紙、PDF)" },
	{ "GET", "/diagnosis/compare", page_diag_compare, PERM_ORG_MEMBER, CSRF_NONE,
	    "二つの自社診断の比較" },
	{ "GET", "/diagnosis/org", page_diag_org, PERM_ORG_MEMBER, CSRF_NONE,
	    "組織全体の自社診断 (回答者ごとの最新と集計、従業員のチェックの分布)" },
	{ "GET", "/diagnosis/mine", page_diag_mine, PERM_ORG_MEMBER, CSRF_NONE,
	    "従業員のチェック (自分の回答)" },
	{ "POST", "/diagnosis/mine", page_diag_mine_post, PERM_ORG_MEMBER, CSRF_SESSION,
	    "従業員のチェックに自分の回答を保存" },
};
const size_t diag_route_count = sizeof(diag_routes) / sizeof(diag_routes[0]);

/* ---- shared with web_diag_result.c ---- */

bool
diag_web_id(const char *s, long long *id)
{
	long v;

	if (s == NULL || !text_parse_long(s, &v) || v <= 0)
		return false;
	*id = v;
	return true;
}

void
diag_web_fail(struct web_req *r, const struct err *e)
{
	switch (e->code) {
	case MM_EINVAL:
		web_error_err(r, 400, e);
		break;
	case MM_ENOTFOUND:
		web_error(r, 404, "error.not_found", NULL);
		break;
	case MM_EIMMUTABLE:
		web_error(r, 409, NULL, web_t(r, "diagnosis.round_completed"));
		break;
	default:
		fprintf(stderr, "mamori: %s %s: %s\n", r->req->method, r->req->path, e->msg);
		web_error(r, 500, "error.internal", NULL);
	}
}

void
diag_web_item_options(struct web_req *r, json_t *items)
{
	const struct diag_model *m = &r->app.cat->diag;
	json_t *it, *opts;
	size_t i;
	int k;

	json_array_foreach(items, i, it) {
		const char *cur = json_string_value(json_object_get(it, "answer"));
		bool na = json_is_true(json_object_get(it, "na_allowed"));
		opts = json_array();
		for (k = DIAG_YES; k < DIAG_ANSWER_KINDS; k++) {
			const char *id = diag_answer_id((enum diag_answer)k);
			if (k == DIAG_NA && !na)
				continue;
			json_array_append_new(opts, json_pack("{sssssbsb}", "id", id,
			    "label", diag_answer_label(m, (enum diag_answer)k, r->lang),
			    "checked", cur != NULL && strcmp(cur, id) == 0, "is_na", k == DIAG_NA));
		}
		json_object_set_new(it, "options", opts);
		json_object_set_new(it, "unanswered", json_boolean(cur == NULL));
	}
}

void
diag_web_options(struct web_req *r, json_t *parts)
{
	json_t *p;
	size_t i;

	json_array_foreach(parts, i, p)
		diag_web_item_options(r, json_object_get(p, "items"));
}

json_t *
diag_web_scale(struct web_req *r)
{
	const struct diag_model *m = &r->app.cat->diag;
	json_t *arr = json_array();
	int k;

	for (k = DIAG_YES; arr != NULL && k < DIAG_ANSWER_KINDS; k++) {
		const struct diag_answer_kind *a = &m->answers[k];
		json_array_append_new(arr, json_pack("{sssssosssbss}", "id", a->id,
		    "label", ltext_get(&a->label, r->lang),
		    "points", k == DIAG_NA ? json_null() : json_integer(a->points),
		    "description", ltext_get(&a->description, r->lang), "is_na", k == DIAG_NA,
		    "short", diag_web_short(r, (enum diag_answer)k)));
	}
	return arr;
}

json_t *
diag_web_radar(struct web_req *r, json_t *parts)
{
	struct chart_axis axes[8];
	json_t *p, *svg = NULL;
	struct buf b;
	size_t i, n = json_array_size(parts);

	if (n < 3 || n > 8)
		return NULL;
	json_array_foreach(parts, i, p) {
		axes[i].label = json_string_value(json_object_get(p, "label"));
		axes[i].value = (double)json_integer_value(json_object_get(p, "score"));
		axes[i].max = (double)json_integer_value(json_object_get(p, "max"));
		if (axes[i].max <= 0)
			return NULL;
	}
	buf_init(&b, 65536);
	if (svg_radar(&b, web_t(r, "diagnosis.radar"), axes, n))
		svg = mustache_safe_html(buf_cstr(&b));
	buf_free(&b);
	return svg;
}

const char *
diag_web_short(struct web_req *r, enum diag_answer a)
{
	if (a == DIAG_UNANSWERED)
		return "";
	return web_t(r, arena_printf(r->req->arena, "diagnosis.short.%s", diag_answer_id(a)));
}

const char *
diag_web_text(struct web_req *r, const char *key, const char *name,
    const char *value)
{
	const char *text = web_t(r, key), *at;
	const char *mark = arena_printf(r->req->arena, "{{%s}}", name);

	if (mark == NULL || (at = strstr(text, mark)) == NULL)
		return text;
	return arena_printf(r->req->arena, "%.*s%s%s", (int)(at - text), text, value,
	    at + strlen(mark));
}

const char *
diag_web_href(struct web_req *r, const char *fmt, ...)
{
	struct buf b;
	va_list ap;
	const char *out;

	buf_init(&b, 4096);
	buf_puts(&b, r->base ? r->base : "");
	buf_puts(&b, "/diagnosis");
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	out = arena_strdup(r->req->arena, buf_cstr(&b));
	buf_free(&b);
	return out ? out : "/";
}

const char *
diag_web_numbers(struct web_req *r, const int *nos, size_t n)
{
	struct buf b;
	const char *out;
	size_t i;

	buf_init(&b, 1024);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%d", i ? ", " : "", nos[i]);
	out = arena_strdup(r->req->arena, buf_cstr(&b));
	buf_free(&b);
	return out ? out : "";
}

/* S when it is text that can be shown again in a form, else "" (the
 * service has refused it with a message) */
static const char *
shown_text(const char *s)
{
	return s != NULL && text_utf8_valid(s, strlen(s)) ? s : "";
}

static bool
can_edit(const struct web_req *r)
{
	return perm_allows(PERM_ORG_EDIT, r->role, false);
}

/* ---- the list of rounds ---- */

static void
page_diag_index(struct web_req *r)
{
	const struct diag_model *m = &r->app.cat->diag;
	struct diag_round_row *rows;
	struct diag_sheet mine;
	struct err e;
	size_t n, i, completed = 0, drafts = 0;
	json_t *arr, *s, *model;
	int answered = 0, total = 0, no;

	err_clear(&e);
	if (diag_round_list(r->app.db, r->org.id, true, &rows, &n, &e) != MM_OK) {
		diag_web_fail(r, &e);
		return;
	}
	arr = json_array();
	for (i = n; i-- > 0;) {
		s = diag_round_summary_json(m, &rows[i], r->lang);
		if (s != NULL && !r->api) {
			json_object_set_new(s, "href", json_string(diag_web_href(r, "/rounds/%lld",
			    rows[i].id)));
			json_object_set_new(s, "is_draft", json_boolean(!rows[i].completed));
			json_object_set_new(s, "is_department",
			    json_boolean(strcmp(rows[i].respondent_kind, "department") == 0));
		}
		completed += rows[i].completed;
		drafts += !rows[i].completed;
		json_array_append_new(arr, s);
	}
	free(rows);
	if (r->api) {
		web_json(r, 200, json_pack("{so}", "rounds", arr));
		return;
	}
	if (employee_check_load(&r->app, &r->org, r->auth.account.id, &mine, NULL, &e) !=
	    MM_OK) {
		json_decref(arr);
		diag_web_fail(r, &e);
		return;
	}
	for (no = 1; (size_t)no <= m->nitems; no++)
		if (employee_check_has_item(m, no)) {
			total++;
			answered += mine.answers[no - 1] != DIAG_UNANSWERED;
		}
	model = json_pack("{sssosbsbsbsbsisi}", "title", web_t(r, "diagnosis.title"),
	    "rounds", arr, "has_rounds", n > 0, "has_completed", completed > 0,
	    "has_two", completed > 1, "can_edit", can_edit(r),
	    "mine_answered", answered, "mine_total", total);
	json_object_set_new(model, "has_drafts", json_boolean(drafts > 0));
	web_page(r, 200, "diagnosis_index", model);
}

/* ---- starting a round ---- */

static json_t *
new_model(struct web_req *r, const char *respondent, const char *kind,
    const char *error)
{
	json_t *m = json_pack("{sssssb}", "title", web_t(r, "diagnosis.new_title"),
	    "respondent", respondent ? shown_text(respondent) : DIAG_DEFAULT_RESPONDENT,
	    "is_department", kind != NULL && strcmp(kind, "department") == 0);

	if (m != NULL && error != NULL)
		json_object_set_new(m, "error", json_string(error));
	return m;
}

static void
page_diag_new(struct web_req *r)
{
	web_page(r, 200, "diagnosis_new", new_model(r, NULL, NULL, NULL));
}

static void
page_diag_start(struct web_req *r)
{
	const char *respondent = web_input(r, "respondent"), *kind = web_input(r, "kind");
	struct diag_round_row row;
	struct err e;
	bool resumed = false;
	json_t *s;

	err_clear(&e);
	if (diag_draft_start(&r->app, &r->org, respondent, kind, &row, &resumed, &e) !=
	    MM_OK) {
		if (e.code == MM_EINVAL && !r->api)
			web_page(r, 400, "diagnosis_new", new_model(r, respondent, kind,
			    web_err_text(r, &e)));
		else
			diag_web_fail(r, &e);
		return;
	}
	if (r->api) {
		s = diag_round_summary_json(&r->app.cat->diag, &row, r->lang);
		json_object_set_new(s, "resumed", json_boolean(resumed));
		web_json(r, resumed ? 200 : 201, s);
		return;
	}
	web_redirect(r, diag_web_href(r, "/rounds/%lld/answer", row.id),
	    resumed ? "diagnosis.resumed_flash" : "diagnosis.started_flash");
}

/* ---- recording a completed round from a file or the API ---- */

/* the answers sent: an uploaded file "file", or the request body */
static bool
record_input(struct web_req *r, const char **data, size_t *len,
    enum diag_input_format *fmt)
{
	const struct http_file *f;
	const char *dot;

	*fmt = DIAG_INPUT_AUTO;
	for (f = r->req->files; f != NULL; f = f->next)
		if (strcmp(f->field, "file") == 0 && f->size > 0) {
			dot = f->filename ? strrchr(f->filename, '.') : NULL;
			if (dot != NULL && strcmp(dot, ".csv") == 0)
				*fmt = DIAG_INPUT_CSV;
			else if (dot != NULL && strcmp(dot, ".json") == 0)
				*fmt = DIAG_INPUT_JSON;
			*data = f->data;
			*len = f->size;
			return true;
		}
	if (r->req->body != NULL && r->req->body_len > 0) {
		const char *type = http_header(r->req, "Content-Type");
		if (type != NULL && strncmp(type, "application/json", 16) == 0)
			*fmt = DIAG_INPUT_JSON;
		else if (type != NULL && strncmp(type, "text/csv", 8) == 0)
			*fmt = DIAG_INPUT_CSV;
		*data = r->req->body;
		*len = r->req->body_len;
		return true;
	}
	return false;
}

static void
record_fail(struct web_req *r, const struct err *e)
{
	if (e->code == MM_EINVAL && !r->api)
		web_page(r, 400, "diagnosis_new", new_model(r, NULL, NULL,
		    web_err_text(r, e)));
	else
		diag_web_fail(r, e);
}

static void
page_diag_record(struct web_req *r)
{
	const struct diag_model *m = &r->app.cat->diag;
	const char *data = NULL, *respondent = http_form(r->req, "respondent");
	struct diag_input in;
	struct diag_round_view v;
	enum diag_input_format fmt;
	struct err e;
	size_t len = 0;
	long long id;
	json_t *j;

	err_clear(&e);
	if (!record_input(r, &data, &len, &fmt)) {
		err_set(&e, MM_EINVAL, "%s", web_t(r, "diagnosis.record_nothing"));
		record_fail(r, &e);
		return;
	}
	if (len > DIAG_INPUT_MAX_BYTES) {
		err_set(&e, MM_EINVAL, "%s", web_t(r, "diagnosis.record_too_large"));
		record_fail(r, &e);
		return;
	}
	if (diag_input_parse(m, data, len, fmt, &in, &e) != MM_OK) {
		record_fail(r, &e);
		return;
	}
	if (respondent != NULL && *respondent == '\0')
		respondent = NULL;
	if (diag_record(&r->app, &r->org, respondent, &in, &id, &e) != MM_OK) {
		diag_input_free(&in);
		record_fail(r, &e);
		return;
	}
	diag_input_free(&in);
	if (!r->api) {
		web_redirect(r, diag_web_href(r, "/rounds/%lld", id), "diagnosis.recorded_flash");
		return;
	}
	if (diag_round_load(&r->app, &r->org, id, &v, &e) != MM_OK) {
		diag_web_fail(r, &e);
		return;
	}
	j = diag_result_json(m, &v.sheet, &v.result, v.row.na_rule, r->lang);
	if (j != NULL)
		json_object_set_new(j, "id", json_integer(id));
	diag_round_view_free(&v);
	web_json(r, 201, j);
}

/* ---- answering a draft ---- */

/* the index of part ID in the catalog, or -1 */
static int
part_index(const struct diag_model *m, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < m->nparts; i++)
		if (strcmp(m->parts[i].id, id) == 0)
			return (int)i;
	return -1;
}

static json_t *
part_ref(const struct diag_model *m, size_t i, enum lang lang)
{
	return json_pack("{ssss}", "id", m->parts[i].id, "label",
	    ltext_get(&m->parts[i].label, lang));
}

/* the answer form of draft V: one part (PART ≥ 0) or all; ERROR and the
 * MISSING items (N) are shown when given */
static void
answer_page(struct web_req *r, int status, struct diag_round_view *v, int part,
    const char *error, const int *missing, size_t nmissing)
{
	const struct diag_model *m = &r->app.cat->diag;
	json_t *model, *parts, *shown, *p, *it, *missing_items;
	size_t i, k, answered = 0;

	parts = diag_parts_json(m, &v->sheet, &v->notes, NULL, r->lang);
	diag_web_options(r, parts);
	for (i = 0; i < m->nitems; i++)
		answered += v->sheet.answers[i] != DIAG_UNANSWERED;
	json_array_foreach(parts, i, p) {
		size_t j;
		json_array_foreach(json_object_get(p, "items"), j, it) {
			json_int_t no = json_integer_value(json_object_get(it, "no"));
			bool miss = false;
			for (k = 0; k < nmissing; k++)
				miss = miss || missing[k] == no;
			json_object_set_new(it, "missing", json_boolean(miss));
		}
	}
	missing_items = json_array();
	for (k = 0; k < nmissing; k++)
		if (missing[k] >= 1 && (size_t)missing[k] <= m->nitems)
			json_array_append_new(missing_items, json_pack("{siss}", "no", missing[k],
			    "title", ltext_get(&m->items[missing[k] - 1].title, r->lang)));
	if (part >= 0) {
		shown = json_array();
		json_array_append(shown, json_array_get(parts, (size_t)part));
		json_decref(parts);
		parts = shown;
	}
	model = diag_round_summary_json(m, &v->row, r->lang);
	if (model == NULL) {
		json_decref(parts);
		json_decref(missing_items);
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	json_object_set_new(model, "title", json_string(web_t(r, "diagnosis.answer_title")));
	json_object_set_new(model, "parts", parts);
	json_object_set_new(model, "scale", diag_web_scale(r));
	json_object_set_new(model, "answered", json_integer((json_int_t)answered));
	json_object_set_new(model, "count", json_integer((json_int_t)m->nitems));
	json_object_set_new(model, "is_department",
	    json_boolean(strcmp(v->row.respondent_kind, "department") == 0));
	json_object_set_new(model, "action", json_string(diag_web_href(r,
	    "/rounds/%lld/answers", v->row.id)));
	json_object_set_new(model, "answer_href", json_string(diag_web_href(r,
	    "/rounds/%lld/answer", v->row.id)));
	json_object_set_new(model, "first_part", json_string(m->parts[0].id));
	json_object_set_new(model, "step", json_boolean(part >= 0));
	json_object_set_new(model, "show_complete",
	    json_boolean(part < 0 || (size_t)part + 1 == m->nparts));
	if (part >= 0) {
		json_object_set_new(model, "part", json_string(m->parts[part].id));
		json_object_set_new(model, "step_no", json_integer(part + 1));
		json_object_set_new(model, "step_count", json_integer((json_int_t)m->nparts));
		if (part > 0)
			json_object_set_new(model, "prev", part_ref(m, (size_t)part - 1, r->lang));
		if ((size_t)part + 1 < m->nparts)
			json_object_set_new(model, "next", part_ref(m, (size_t)part + 1, r->lang));
	}
	if (error != NULL)
		json_object_set_new(model, "error", json_string(error));
	json_object_set_new(model, "has_missing", json_boolean(nmissing > 0));
	json_object_set_new(model, "missing_items", missing_items);
	web_page(r, status, "diagnosis_answer", model);
}

bool
diag_web_round(struct web_req *r, struct diag_round_view *v)
{
	struct err e;
	long long id;

	if (!diag_web_id(web_param(r, 0), &id)) {
		web_error(r, 404, "error.not_found", NULL);
		return false;
	}
	err_clear(&e);
	if (diag_round_load(&r->app, &r->org, id, v, &e) != MM_OK) {
		diag_web_fail(r, &e);
		return false;
	}
	return true;
}

static void
page_diag_answer(struct web_req *r)
{
	struct diag_round_view v;

	if (!diag_web_round(r, &v))
		return;
	if (r->api) {
		web_json(r, 200, diag_round_json(&r->app.cat->diag, &v, NULL, r->lang));
	} else if (v.row.completed) {
		/* a completed round can not be answered again: its result */
		web_redirect(r, diag_web_href(r, "/rounds/%lld", v.row.id),
		    "diagnosis.already_completed_flash");
	} else {
		answer_page(r, 200, &v, part_index(&r->app.cat->diag,
		    http_query(r->req, "part")), NULL, NULL, 0);
	}
	diag_round_view_free(&v);
}

const char *
diag_web_item_input(struct web_req *r, const char *prefix, const char *field, int no)
{
	char name[32];
	const char *v;
	json_t *body, *x;

	snprintf(name, sizeof(name), "%s%d", prefix, no);
	if ((v = http_form(r->req, name)) != NULL)
		return v;
	if ((body = web_body_json(r)) == NULL)
		return NULL;
	snprintf(name, sizeof(name), "%d", no);
	x = json_object_get(json_object_get(body, field), name);
	if (json_is_string(x))
		return json_string_value(x);
	if (json_is_integer(x))
		return arena_printf(r->req->arena, "%lld", (long long)json_integer_value(x));
	return NULL;
}

/* the edits asked by the request into EDITS (room for every item); the
 * numbers of items whose answer can not be read into BAD. Also shows the
 * edits in V, for the form shown again. Returns the number of edits. */
static size_t
read_edits(struct web_req *r, struct diag_round_view *v,
    struct diag_draft_edit *edits, int *bad, size_t *nbad)
{
	const struct diag_model *m = &r->app.cat->diag;
	size_t n = 0;
	int no;

	*nbad = 0;
	for (no = 1; (size_t)no <= m->nitems; no++) {
		const char *a = diag_web_item_input(r, "a", "answers", no);
		const char *note = diag_web_item_input(r, "n", "notes", no);
		struct diag_draft_edit *ed = &edits[n];
		if (a == NULL && note == NULL)
			continue;
		memset(ed, 0, sizeof(*ed));
		ed->no = no;
		ed->note = note;
		if (a != NULL) {
			ed->set_answer = true;
			ed->answer = *a ? diag_answer_parse(m, a) : DIAG_UNANSWERED;
			if (*a && ed->answer == DIAG_UNANSWERED)
				bad[(*nbad)++] = no;
			else
				v->sheet.answers[no - 1] = ed->answer;
		}
		if (note != NULL) {
			free(v->notes.notes[no - 1]);
			v->notes.notes[no - 1] = *shown_text(note) ? strdup(note) : NULL;
		}
		n++;
	}
	return n;
}

static void
page_diag_answers_post(struct web_req *r)
{
	const struct diag_model *m = &r->app.cat->diag;
	struct diag_draft_edit edits[DIAG_MAX_ITEMS];
	struct diag_round_view v, done;
	const char *action = web_input(r, "action");
	int bad[DIAG_MAX_ITEMS], missing[DIAG_MAX_ITEMS];
	int part = part_index(m, web_input(r, "part"));
	size_t n, nbad, nmissing;
	long long id;
	struct err e;

	if (!diag_web_round(r, &v))
		return;
	id = v.row.id;
	err_clear(&e);
	if (v.row.completed) {
		web_error(r, 409, NULL, web_t(r, "diagnosis.round_completed"));
		goto out;
	}
	n = read_edits(r, &v, edits, bad, &nbad);
	if (nbad > 0) {
		const char *msg = diag_web_text(r, "diagnosis.bad_answers", "items",
		    diag_web_numbers(r, bad, nbad));
		if (r->api)
			web_error(r, 400, NULL, msg);
		else
			answer_page(r, 400, &v, part, msg, NULL, 0);
		goto out;
	}
	if (diag_draft_save(&r->app, &r->org, id, edits, n, NULL, &e) != MM_OK) {
		if (e.code == MM_EINVAL && !r->api)
			answer_page(r, 400, &v, part, web_err_text(r, &e), NULL, 0);
		else
			diag_web_fail(r, &e);
		goto out;
	}
	if (action != NULL && strcmp(action, "complete") == 0) {
		nmissing = diag_missing_items(m, &v.sheet, missing);
		if (nmissing > 0) {
			const char *msg = diag_web_text(r, "diagnosis.missing", "items",
			    diag_web_numbers(r, missing, nmissing));
			if (r->api)
				web_error(r, 400, NULL, msg);
			else
				answer_page(r, 400, &v, -1, msg, missing, nmissing);
			goto out;
		}
		if (diag_draft_complete(&r->app, &r->org, id, &e) != MM_OK) {
			diag_web_fail(r, &e);
			goto out;
		}
		if (!r->api) {
			web_redirect(r, diag_web_href(r, "/rounds/%lld", id),
			    "diagnosis.completed_flash");
			goto out;
		}
	} else if (!r->api) {
		if (part >= 0 && action != NULL && strcmp(action, "next") == 0 &&
		    (size_t)part + 1 < m->nparts)
			part++;
		else if (part > 0 && action != NULL && strcmp(action, "prev") == 0)
			part--;
		web_redirect(r, part >= 0 ? diag_web_href(r, "/rounds/%lld/answer?part=%s#form",
		    id, m->parts[part].id) : diag_web_href(r, "/rounds/%lld/answer", id),
		    "diagnosis.saved_flash");
		goto out;
	}
	/* the API: the round as it is now */
	if (diag_round_load(&r->app, &r->org, id, &done, &e) != MM_OK) {
		diag_web_fail(r, &e);
		goto out;
	}
	web_json(r, 200, diag_round_json(m, &done, NULL, r->lang));
	diag_round_view_free(&done);
out:
	diag_round_view_free(&v);
}
