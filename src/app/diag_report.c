/* diag_report.c — the result report, the answer sheet and the pledge
 * sheet as documents. See diag_report.h. */
#include "app/diag_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/diag_view.h"
#include "app/pledge_service.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/locale.h"

#define TEXT_MAX (64u * 1024)

json_t *
report_labels(enum lang lang)
{
	return json_incref(json_object_get(locale_tree(locale_app(), lang), "report"));
}

/* the label KEY of LABELS ("" when absent) */
static const char *
lbl(const json_t *labels, const char *key)
{
	const char *s = json_string_value(json_object_get(labels, key));

	return s != NULL ? s : "";
}

/* the label KEY with each "{{NAME}}" replaced by the value of the pair
 * NAME, VALUE in VARS (N names), into B (emptied first) */
static const char *
fill(struct buf *b, const json_t *labels, const char *key, const char *const *vars, size_t n)
{
	const char *p = lbl(labels, key), *q, *end;
	size_t i;

	buf_reset(b);
	while ((q = strstr(p, "{{")) != NULL && (end = strstr(q + 2, "}}")) != NULL) {
		buf_append(b, p, (size_t)(q - p));
		for (i = 0; i < n; i++)
			if (strlen(vars[2 * i]) == (size_t)(end - q - 2) &&
			    strncmp(vars[2 * i], q + 2, (size_t)(end - q - 2)) == 0)
				break;
		if (i < n)
			buf_puts(b, vars[2 * i + 1]);
		else
			buf_append(b, q, (size_t)(end + 2 - q));
		p = end + 2;
	}
	buf_puts(b, p);
	return buf_cstr(b);
}

/* "YYYY-MM-DD" of an ISO time */
static void
day_of(const char *iso, char *out, size_t size)
{
	snprintf(out, size, "%.10s", iso != NULL ? iso : "");
}

static bool
set_subtitle(struct doc *d, const char *s)
{
	free(d->subtitle);
	if ((d->subtitle = strdup(s)) == NULL)
		d->failed = true;
	return !d->failed;
}

/* ---- the result report ------------------------------------------------- */

static void
report_summary(struct doc *d, const struct diag_report_in *in, struct buf *b)
{
	const struct diag_round_view *v = in->v;
	const struct diag_result *r = &v->result;
	const json_t *L = in->labels;
	char total[16], max[16], id[32], day[16];
	const char *vars[4];
	const char *cells[12];

	snprintf(total, sizeof(total), "%d", r->total);
	snprintf(max, sizeof(max), "%d", r->max);
	snprintf(id, sizeof(id), "#%lld", v->row.id);
	day_of(v->row.completed_at, day, sizeof(day));
	vars[0] = "total", vars[1] = total, vars[2] = "max", vars[3] = max;
	doc_heading(d, 1, lbl(L, "summary"));
	{
		char *score = strdup(fill(b, L, "score_of", vars, 2));

		if (score == NULL) {
			d->failed = true;
			return;
		}
		cells[0] = lbl(L, "total"), cells[1] = score;
		cells[2] = lbl(L, "band"), cells[3] = ltext_get(&r->band->label, in->lang);
		cells[4] = lbl(L, "round"), cells[5] = id;
		cells[6] = lbl(L, "respondent"), cells[7] = v->row.respondent;
		cells[8] = lbl(L, "completed_at"), cells[9] = day;
		cells[10] = lbl(L, "rule");
		cells[11] = lbl(L, v->row.na_rule == DIAG_NA_EXCLUDE ? "rule_exclude" : "rule_full");
		doc_table(d, 6, 2, cells);
		free(score);
	}
	doc_heading(d, 2, ltext_get(&r->band->label, in->lang));
	buf_reset(b);
	buf_printf(b, "**%s**: %s", lbl(L, "meaning"), ltext_get(&r->band->meaning, in->lang));
	doc_paragraph(d, buf_cstr(b));
	buf_reset(b);
	buf_printf(b, "**%s**: %s", lbl(L, "next_step"), ltext_get(&r->band->next_step, in->lang));
	doc_paragraph(d, buf_cstr(b));
	if (r->rescaled)
		doc_paragraph(d, lbl(L, "rescaled_note"));
}

static void
report_parts(struct doc *d, const struct diag_report_in *in)
{
	const struct diag_model *m = in->m;
	const struct diag_result *r = &in->v->result;
	struct chart_axis axes[DIAG_MAX_PARTS];
	const char *cells[5 * (DIAG_MAX_PARTS + 1)];
	char nums[DIAG_MAX_PARTS][4][32];
	size_t i;

	doc_heading(d, 1, lbl(in->labels, "charts"));
	for (i = 0; i < m->nparts; i++) {
		axes[i].label = ltext_get(&m->parts[i].label, in->lang);
		axes[i].value = r->parts[i].score;
		axes[i].max = r->parts[i].max;
	}
	doc_chart_radar(d, lbl(in->labels, "radar"), axes, m->nparts);
	if (in->ntrend >= 2) {
		static const double guides[] = { 50, 70, 100 };
		double ymin = 0;

		for (i = 0; i < in->ntrend; i++)
			if (in->trend[i].value < 0)
				ymin = -25; /* the lowest total there is */
		doc_chart_trend(d, lbl(in->labels, "trend"), in->trend, in->ntrend, ymin, 100,
		    guides, 3);
	}
	doc_heading(d, 2, lbl(in->labels, "parts"));
	cells[0] = lbl(in->labels, "part");
	cells[1] = lbl(in->labels, "items");
	cells[2] = lbl(in->labels, "score");
	cells[3] = lbl(in->labels, "max");
	cells[4] = lbl(in->labels, "rate");
	for (i = 0; i < m->nparts; i++) {
		snprintf(nums[i][0], sizeof(nums[i][0]), "%d–%d", m->parts[i].first,
		    m->parts[i].last);
		snprintf(nums[i][1], sizeof(nums[i][1]), "%d", r->parts[i].score);
		snprintf(nums[i][2], sizeof(nums[i][2]), "%d", r->parts[i].max);
		snprintf(nums[i][3], sizeof(nums[i][3]), "%d%%", r->parts[i].max > 0 ?
		    diag_rescale(r->parts[i].score < 0 ? 0 : r->parts[i].score, r->parts[i].max, 100) : 0);
		cells[5 * (i + 1)] = axes[i].label;
		cells[5 * (i + 1) + 1] = nums[i][0];
		cells[5 * (i + 1) + 2] = nums[i][1];
		cells[5 * (i + 1) + 3] = nums[i][2];
		cells[5 * (i + 1) + 4] = nums[i][3];
	}
	doc_table(d, m->nparts + 1, 5, cells);
}

static void
report_unknown(struct doc *d, const struct diag_report_in *in, struct buf *b)
{
	const struct diag_result *r = &in->v->result;
	size_t i;

	doc_heading(d, 1, lbl(in->labels, "unknown"));
	if (r->nunknown == 0) {
		doc_paragraph(d, lbl(in->labels, "unknown_none"));
		return;
	}
	doc_paragraph(d, lbl(in->labels, "unknown_text"));
	for (i = 0; i < r->nunknown; i++) {
		const struct diag_item *it = &in->m->items[r->unknown[i] - 1];

		buf_reset(b);
		buf_printf(b, "%d. %s", it->no, ltext_get(&it->title, in->lang));
		doc_list_item(d, false, 1, buf_cstr(b));
	}
}

static void
report_advice(struct doc *d, const struct diag_report_in *in, struct buf *b)
{
	const struct diag_result *r = &in->v->result;
	size_t i;

	doc_heading(d, 1, lbl(in->labels, "advice"));
	if (r->nweak == 0) {
		doc_paragraph(d, lbl(in->labels, "advice_none"));
		return;
	}
	doc_paragraph(d, lbl(in->labels, "advice_text"));
	for (i = 0; i < r->nweak; i++) {
		const struct diag_item *it = &in->m->items[r->weak[i] - 1];
		enum diag_answer a = in->v->sheet.answers[it->no - 1];

		buf_reset(b);
		buf_printf(b, "%d. %s", it->no, ltext_get(&it->title, in->lang));
		doc_heading(d, 3, buf_cstr(b));
		buf_reset(b);
		buf_printf(b, "**%s**: %s (%d %s)", lbl(in->labels, "answer"),
		    diag_answer_label(in->m, a, in->lang), r->points[it->no - 1],
		    lbl(in->labels, "points"));
		doc_paragraph(d, buf_cstr(b));
		doc_paragraph(d, ltext_get(&it->advice[a], in->lang));
	}
}

static void
report_compare(struct doc *d, const struct diag_report_in *in, struct buf *b)
{
	struct diag_change ch[DIAG_MAX_ITEMS];
	const char **cells = NULL;
	char (*nums)[16] = NULL;
	char id[32], day[16], before[16], after[16], delta[16];
	const char *vars[10];
	size_t i, n = 0, k;

	doc_heading(d, 1, lbl(in->labels, "compare"));
	if (in->prev == NULL) {
		doc_paragraph(d, lbl(in->labels, "compare_none"));
		return;
	}
	snprintf(id, sizeof(id), "%lld", in->prev->row.id);
	day_of(in->prev->row.completed_at, day, sizeof(day));
	snprintf(before, sizeof(before), "%d", in->prev->result.total);
	snprintf(after, sizeof(after), "%d", in->v->result.total);
	snprintf(delta, sizeof(delta), "%+d", in->v->result.total - in->prev->result.total);
	vars[0] = "id", vars[1] = id, vars[2] = "date", vars[3] = day;
	vars[4] = "before", vars[5] = before, vars[6] = "after", vars[7] = after;
	vars[8] = "delta", vars[9] = delta;
	doc_paragraph(d, fill(b, in->labels, "compare_text", vars, 5));
	diag_compare(in->m, &in->prev->sheet, &in->v->sheet, in->v->row.na_rule, ch);
	for (i = 0; i < in->m->nitems; i++)
		if (ch[i].before != ch[i].after)
			n++;
	if (n == 0) {
		doc_paragraph(d, lbl(in->labels, "compare_same"));
		return;
	}
	doc_heading(d, 2, lbl(in->labels, "compare_items"));
	cells = calloc(5 * (n + 1), sizeof(*cells));
	nums = calloc(2 * n, sizeof(*nums));
	if (cells == NULL || nums == NULL) {
		d->failed = true;
		goto done;
	}
	cells[0] = lbl(in->labels, "sheet_no");
	cells[1] = lbl(in->labels, "items");
	cells[2] = lbl(in->labels, "before");
	cells[3] = lbl(in->labels, "after");
	cells[4] = lbl(in->labels, "delta");
	for (i = 0, k = 1; i < in->m->nitems; i++) {
		if (ch[i].before == ch[i].after)
			continue;
		snprintf(nums[2 * (k - 1)], sizeof(nums[0]), "%d", ch[i].no);
		snprintf(nums[2 * (k - 1) + 1], sizeof(nums[0]), "%+d", ch[i].delta);
		cells[5 * k] = nums[2 * (k - 1)];
		cells[5 * k + 1] = ltext_get(&in->m->items[i].title, in->lang);
		cells[5 * k + 2] = diag_answer_label(in->m, ch[i].before, in->lang);
		cells[5 * k + 3] = diag_answer_label(in->m, ch[i].after, in->lang);
		cells[5 * k + 4] = nums[2 * (k - 1) + 1];
		k++;
	}
	doc_table(d, n + 1, 5, cells);
done:
	free(cells);
	free(nums);
}

struct doc *
diag_report_doc(const struct diag_report_in *in)
{
	struct doc *d;
	struct buf b;
	char id[32], day[16];
	const char *vars[4];

	day_of(in->v->row.completed_at, day, sizeof(day));
	if ((d = doc_new(lbl(in->labels, "report_title"), in->org_name, day,
	    in->lang == LANG_EN ? "en" : "ja")) == NULL)
		return NULL;
	buf_init(&b, TEXT_MAX);
	snprintf(id, sizeof(id), "%lld", in->v->row.id);
	vars[0] = "id", vars[1] = id, vars[2] = "respondent", vars[3] = in->v->row.respondent;
	set_subtitle(d, fill(&b, in->labels, "report_subtitle", vars, 2));
	report_summary(d, in, &b);
	report_parts(d, in);
	report_unknown(d, in, &b);
	report_advice(d, in, &b);
	report_compare(d, in, &b);
	if (buf_failed(&b))
		d->failed = true;
	buf_free(&b);
	return d;
}

/* ---- the answer sheet -------------------------------------------------- */

struct doc *
diag_sheet_doc(const struct diag_model *m, const char *org_name,
    const struct diag_round_view *v, const char *date, enum lang lang,
    const json_t *labels)
{
	static const enum diag_answer kinds[] = { DIAG_YES, DIAG_PARTIAL, DIAG_NO, DIAG_UNKNOWN,
		DIAG_NA };
	const char *cells[4 * (DIAG_MAX_ITEMS + 1)];
	char *choice[DIAG_MAX_ITEMS], nos[DIAG_MAX_ITEMS][8], pts[DIAG_ANSWER_KINDS][16];
	const char *scale[3 * DIAG_ANSWER_KINDS];
	struct doc *d;
	struct buf b;
	char id[32];
	const char *vars[4];
	size_t i, k, p, rows;

	if ((d = doc_new(lbl(labels, "sheet_title"), org_name, date,
	    lang == LANG_EN ? "en" : "ja")) == NULL)
		return NULL;
	buf_init(&b, TEXT_MAX);
	memset(choice, 0, sizeof(choice));
	if (v != NULL) {
		snprintf(id, sizeof(id), "%lld", v->row.id);
		vars[0] = "id", vars[1] = id, vars[2] = "respondent", vars[3] = v->row.respondent;
		set_subtitle(d, fill(&b, labels, "sheet_subtitle_filled", vars, 2));
	} else {
		set_subtitle(d, lbl(labels, "sheet_subtitle_blank"));
	}
	doc_paragraph(d, lbl(labels, "sheet_intro"));
	cells[0] = lbl(labels, "sheet_who");
	cells[1] = v != NULL ? v->row.respondent : "";
	cells[2] = lbl(labels, "sheet_date");
	cells[3] = v != NULL ? date : lbl(labels, "blank_date");
	doc_table(d, 2, 2, cells);
	/* the scale */
	doc_heading(d, 2, lbl(labels, "sheet_scale"));
	scale[0] = lbl(labels, "answer");
	scale[1] = lbl(labels, "points");
	scale[2] = "";
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		const struct diag_answer_kind *ak = &m->answers[kinds[k]];

		if (kinds[k] == DIAG_NA)
			snprintf(pts[k], sizeof(pts[k]), "—");
		else
			snprintf(pts[k], sizeof(pts[k]), "%d", ak->points);
		scale[3 * (k + 1)] = ltext_get(&ak->label, lang);
		scale[3 * (k + 1) + 1] = pts[k];
		scale[3 * (k + 1) + 2] = ltext_get(&ak->description, lang);
	}
	doc_table(d, k + 1, 3, scale);
	/* the items, a table per part */
	for (i = 0; i < m->nitems; i++) {
		const struct diag_item *it = &m->items[i];
		enum diag_answer a = v != NULL ? v->sheet.answers[i] : DIAG_UNANSWERED;

		buf_reset(&b);
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
			if (kinds[k] == DIAG_NA && !it->na_allowed)
				continue;
			buf_printf(&b, "%s%s%s", k ? "　" : "",
			    lbl(labels, a == kinds[k] ? "box_checked" : "box_empty"),
			    diag_answer_label(m, kinds[k], lang));
		}
		if (buf_failed(&b) || (choice[i] = strdup(buf_cstr(&b))) == NULL) {
			d->failed = true;
			goto done;
		}
		snprintf(nos[i], sizeof(nos[i]), "%d", it->no);
	}
	for (p = 0; p < m->nparts; p++) {
		doc_heading(d, 1, ltext_get(&m->parts[p].label, lang));
		cells[0] = lbl(labels, "sheet_no");
		cells[1] = lbl(labels, "sheet_question");
		cells[2] = lbl(labels, "answer");
		cells[3] = lbl(labels, "sheet_note");
		rows = 1;
		for (i = 0; i < m->nitems; i++) {
			if (m->items[i].part != p)
				continue;
			cells[4 * rows] = nos[i];
			cells[4 * rows + 1] = ltext_get(&m->items[i].question, lang);
			cells[4 * rows + 2] = choice[i];
			cells[4 * rows + 3] = v != NULL && v->notes.notes[i] != NULL ? v->notes.notes[i] : "";
			rows++;
		}
		doc_table(d, rows, 4, cells);
	}
done:
	for (i = 0; i < m->nitems; i++)
		free(choice[i]);
	if (buf_failed(&b))
		d->failed = true;
	buf_free(&b);
	return d;
}

/* ---- the pledge sheet -------------------------------------------------- */

struct doc *
pledge_sheet_doc(const struct org *o, const json_t *view, const char *date,
    enum lang lang, const json_t *labels)
{
	const json_t *items = json_object_get(view, "items"), *it, *ms;
	const char *pledged_at = json_string_value(json_object_get(view, "pledged_at"));
	const char *cells[8];
	struct doc *d;
	struct buf b;
	char day[16], key[32];
	size_t i, k;
	if ((d = doc_new(lbl(labels, "pledge_title"), o->name, date,
	    lang == LANG_EN ? "en" : "ja")) == NULL)
		return NULL;
	buf_init(&b, TEXT_MAX);
	doc_paragraph(d, lbl(labels, "pledge_lead"));
	json_array_foreach(items, i, it) {
		const char *note = json_string_value(json_object_get(it, "note"));
		const char *status = json_string_value(json_object_get(it, "status"));

		buf_reset(&b);
		buf_printf(&b, "%lld. %s", (long long)json_integer_value(json_object_get(it, "no")),
		    json_string_value(json_object_get(it, "title")));
		doc_heading(d, 2, buf_cstr(&b));
		doc_paragraph(d, json_string_value(json_object_get(it, "why")));
		snprintf(key, sizeof(key), "status_%s", status != NULL ? status : "todo");
		buf_reset(&b);
		buf_printf(&b, "**%s**: %s", lbl(labels, "pledge_status"), lbl(labels, key));
		doc_paragraph(d, buf_cstr(&b));
		ms = json_object_get(it, "measures");
		if (json_array_size(ms) > 0) {
			buf_reset(&b);
			buf_printf(&b, "**%s**", lbl(labels, "pledge_measures"));
			doc_paragraph(d, buf_cstr(&b));
			for (k = 0; k < json_array_size(ms); k++)
				doc_list_item(d, false, 1, json_string_value(json_array_get(ms, k)));
		}
		if (note != NULL && note[0] != '\0') {
			buf_reset(&b);
			buf_printf(&b, "**%s**: %s", lbl(labels, "pledge_note"), note);
			doc_paragraph(d, buf_cstr(&b));
		}
	}
	doc_heading(d, 1, lbl(labels, "pledge_sign"));
	day_of(pledged_at, day, sizeof(day));
	buf_reset(&b);
	buf_printf(&b, "%s%s%s", o->representative_title,
	    o->representative_title[0] != '\0' ? " " : "", o->representative);
	cells[0] = lbl(labels, "sign_date");
	cells[1] = lbl(labels, "sign_org");
	cells[2] = lbl(labels, "sign_rep");
	cells[3] = lbl(labels, "sign_signature");
	cells[4] = pledged_at != NULL && pledged_at[0] != '\0' ? day : lbl(labels, "blank_date");
	cells[5] = o->name;
	cells[6] = buf_cstr(&b);
	cells[7] = "";
	doc_table(d, 2, 4, cells);
	doc_paragraph(d, lbl(labels, "sa_note"));
	if (buf_failed(&b))
		d->failed = true;
	buf_free(&b);
	return d;
}

/* ---- loading ----------------------------------------------------------- */

/* the totals of the completed rounds of V's respondent up to V, oldest
 * first (at most 64), into PTS with their days in DAYS */
static enum mm_err
trend_of(struct app *a, const struct org *o, const struct diag_round_view *v,
    struct chart_point *pts, char (*days)[16], size_t *n, struct err *e)
{
	struct diag_round_row *rows;
	size_t i, nrows, k = 0, first = 0, count = 0;
	enum mm_err code;

	*n = 0;
	if ((code = diag_round_list(a->db, o->id, false, &rows, &nrows, e)) != MM_OK)
		return code;
	for (i = 0; i < nrows; i++)
		if (rows[i].completed && rows[i].respondent_id == v->row.respondent_id) {
			count++;
			if (rows[i].id == v->row.id)
				break;
		}
	if (count > 64)
		first = count - 64;
	for (i = 0, count = 0; i < nrows && k < 64; i++) {
		if (!rows[i].completed || rows[i].respondent_id != v->row.respondent_id)
			continue;
		if (count++ >= first) {
			day_of(rows[i].completed_at, days[k], sizeof(days[k]));
			pts[k].label = days[k];
			pts[k].value = rows[i].total;
			k++;
		}
		if (rows[i].id == v->row.id)
			break;
	}
	free(rows);
	*n = k;
	return MM_OK;
}

enum mm_err
diag_report_build(struct app *a, const struct org *o, long long round_id,
    enum lang lang, const json_t *labels, struct doc **out, struct err *e)
{
	struct diag_round_view v, prev;
	struct chart_point pts[64];
	char days[64][16];
	struct diag_report_in in;
	bool has_prev = false;
	enum mm_err code;

	*out = NULL;
	if ((code = diag_round_load(a, o, round_id, &v, e)) != MM_OK)
		return code;
	if (!v.row.completed) {
		code = err_keyf(e, MM_EINVAL, "err.report.not_completed", "{id}%lld", round_id);
		goto done;
	}
	code = diag_round_before(a, o, &v, &prev, e);
	if (code != MM_OK && code != MM_ENOTFOUND)
		goto done;
	has_prev = code == MM_OK;
	memset(&in, 0, sizeof(in));
	if ((code = trend_of(a, o, &v, pts, days, &in.ntrend, e)) != MM_OK)
		goto done;
	in.m = &a->cat->diag;
	in.org_name = o->name;
	in.v = &v;
	in.prev = has_prev ? &prev : NULL;
	in.trend = pts;
	in.lang = lang;
	in.labels = labels;
	if ((*out = diag_report_doc(&in)) == NULL)
		code = err_key(e, MM_ENOMEM, "err.nomem");
done:
	if (has_prev)
		diag_round_view_free(&prev);
	diag_round_view_free(&v);
	return code;
}

enum mm_err
diag_sheet_build(struct app *a, const struct org *o, long long round_id,
    enum lang lang, const json_t *labels, struct doc **out, struct err *e)
{
	struct diag_round_view v;
	char now[CLOCK_ISO_LEN], day[16];
	enum mm_err code;

	*out = NULL;
	if (round_id == 0) {
		clock_now_iso(now);
		day_of(now, day, sizeof(day));
		*out = diag_sheet_doc(&a->cat->diag, o->name, NULL, day, lang, labels);
		return *out != NULL ? MM_OK : err_key(e, MM_ENOMEM, "err.nomem");
	}
	if ((code = diag_round_load(a, o, round_id, &v, e)) != MM_OK)
		return code;
	day_of(v.row.completed ? v.row.completed_at : v.row.started_at, day, sizeof(day));
	*out = diag_sheet_doc(&a->cat->diag, o->name, &v, day, lang, labels);
	diag_round_view_free(&v);
	return *out != NULL ? MM_OK : err_key(e, MM_ENOMEM, "err.nomem");
}

enum mm_err
pledge_sheet_build(struct app *a, const struct org *o, enum lang lang,
    const json_t *labels, struct doc **out, struct err *e)
{
	json_t *view;
	char now[CLOCK_ISO_LEN], day[16];

	*out = NULL;
	if ((view = pledge_view(a, o, lang, e)) == NULL)
		return e->code != MM_OK ? e->code : err_key(e, MM_ENOMEM, "err.nomem");
	clock_now_iso(now);
	day_of(now, day, sizeof(day));
	*out = pledge_sheet_doc(o, view, day, lang, labels);
	json_decref(view);
	return *out != NULL ? MM_OK : err_key(e, MM_ENOMEM, "err.nomem");
}
