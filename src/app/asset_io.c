/* asset_io.c — the ledger's columns and its export to CSV, XLSX and JSON;
 * the import report. The import itself is in asset_import.c. */
#include "app/asset_io.h"

#include <stdlib.h>
#include <string.h>

#include "app/asset_io_int.h"
#include "render/csv_out.h"
#include "render/xlsx_out.h"
#include "util/locale.h"

const struct asset_io_col asset_io_cols[ACOL_COUNT] = {
	[ACOL_ID] = { "ID", NULL, false, 7, { "asset_id" },
	    NULL },
	[ACOL_CATEGORY] = { "業務分類", "business_category", false, 14,
	    { "business_category", "業務" },
	    "err.field.business_category" },
	[ACOL_NAME] = { "情報資産名称", "name", false, 28,
	    { "name", "情報資産名", "資産名称", "名称" },
	    "err.field.asset_name" },
	[ACOL_NOTE] = { "備考", "note", false, 24, { "note", "メモ" },
	    "err.field.note" },
	[ACOL_USERS] = { "利用者範囲", "users_scope", false, 14, { "users_scope", "利用者" },
	    "err.field.users_scope" },
	[ACOL_DEPARTMENT] = { "管理部署", "department", false, 12,
	    { "department", "管理部門", "部署" },
	    "err.field.department" },
	[ACOL_MEDIUM] = { "媒体・保存先", "medium", false, 18,
	    { "medium", "媒体", "保存先", "媒体の種類" },
	    "err.field.medium" },
	[ACOL_PERSONAL] = { "個人情報", "personal", false, 8, { "personal" },
	    "err.field.personal" },
	[ACOL_SENSITIVE] = { "要配慮個人情報", "sensitive", false, 10, { "sensitive" },
	    "err.field.sensitive" },
	[ACOL_MY_NUMBER] = { "特定個人情報", "my_number", false, 10,
	    { "my_number", "マイナンバー" },
	    "err.field.my_number" },
	[ACOL_C] = { "機密性", "c", false, 7, { "confidentiality" },
	    "err.field.confidentiality" },
	[ACOL_I] = { "完全性", "i", false, 7, { "integrity" },
	    "err.field.integrity" },
	[ACOL_A] = { "可用性", "a", false, 7, { "availability" },
	    "err.field.availability" },
	[ACOL_IMPORTANCE] = { "重要度", NULL, true, 7, { "importance" },
	    NULL },
	[ACOL_RETENTION] = { "保存期限", "retention", false, 12, { "retention", "保存期間" },
	    "err.field.retention" },
	[ACOL_REGISTERED] = { "登録日", "registered_on", false, 12, { "registered_on" },
	    "err.field.registered_on" },
	[ACOL_THREAT] = { "脅威の発生頻度", "threat_override", false, 9, { "threat", "脅威" },
	    "err.field.threat" },
	[ACOL_VULNERABILITY] = { "脆弱性", "vulnerability_override", false, 7,
	    { "vulnerability" },
	    "err.field.vulnerability" },
	[ACOL_LIKELIHOOD] = { "被害発生可能性", NULL, true, 9, { "likelihood" },
	    NULL },
	[ACOL_RISK] = { "リスク値", NULL, true, 7, { "risk", "risk_value" },
	    NULL },
	[ACOL_T_KIND] = { "対応", "t_kind", false, 8, { "treatment", "対応方針", "リスク対応" },
	    "err.field.treatment" },
	[ACOL_T_MEASURE] = { "対策", "t_measure", false, 28, { "measure" },
	    "err.field.measure" },
	[ACOL_T_OWNER] = { "担当", "t_owner", false, 12, { "owner", "担当者" },
	    "err.field.owner" },
	[ACOL_T_DUE] = { "期限", "t_due", false, 12, { "due", "対応期限" },
	    "err.field.due" },
};

int
asset_io_col_of_field(const char *field)
{
	int k;

	for (k = 0; field != NULL && k < ACOL_COUNT; k++)
		if (asset_io_cols[k].field != NULL && strcmp(asset_io_cols[k].field, field) == 0)
			return k;
	return -1;
}

const char *
asset_io_treatment_label(const struct risk_model *m, const char *id)
{
	const struct risk_treatment_kind *k = risk_treatment_find(m, id);

	return k != NULL ? k->label.ja : id;
}

const char *
asset_io_medium_label(const struct risk_model *m, const char *id)
{
	const struct risk_medium *md = risk_medium_find(m, id);

	return md != NULL ? md->label.ja : id;
}

bool
asset_io_format_parse(const char *s, enum asset_io_format *out)
{
	if (s == NULL)
		return false;
	if (strcmp(s, "csv") == 0)
		*out = ASSET_IO_CSV;
	else if (strcmp(s, "xlsx") == 0)
		*out = ASSET_IO_XLSX;
	else if (strcmp(s, "json") == 0)
		*out = ASSET_IO_JSON;
	else
		return false;
	return true;
}

const char *
asset_io_content_type(enum asset_io_format fmt)
{
	switch (fmt) {
	case ASSET_IO_XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	case ASSET_IO_JSON:
		return "application/json; charset=utf-8";
	case ASSET_IO_AUTO:
	case ASSET_IO_CSV:
		break;
	}
	return "text/csv; charset=utf-8";
}

/* --- the values of one ledger row */

enum cell_kind { CELL_TEXT = 0, CELL_NUMBER, CELL_DATE };

struct cellv {
	enum cell_kind kind;
	const char *s;   /* CELL_TEXT, CELL_DATE */
	long long n;     /* CELL_NUMBER */
};

static void
asset_cells(const struct risk_model *m, const struct asset *as, struct cellv v[ACOL_COUNT])
{
	int k;

	memset(v, 0, sizeof(struct cellv) * ACOL_COUNT);
#define TXT(col, val) do { v[col].kind = CELL_TEXT; v[col].s = (val); } while (0)
#define NUM(col, val) do { v[col].kind = CELL_NUMBER; v[col].n = (val); } while (0)
	NUM(ACOL_ID, as->id);
	TXT(ACOL_CATEGORY, as->business_category);
	TXT(ACOL_NAME, as->name);
	TXT(ACOL_NOTE, as->note);
	TXT(ACOL_USERS, as->users_scope);
	TXT(ACOL_DEPARTMENT, as->department);
	TXT(ACOL_MEDIUM, asset_io_medium_label(m, as->medium));
	TXT(ACOL_PERSONAL, as->personal ? "○" : "");
	TXT(ACOL_SENSITIVE, as->sensitive ? "○" : "");
	TXT(ACOL_MY_NUMBER, as->my_number ? "○" : "");
	NUM(ACOL_C, as->c);
	NUM(ACOL_I, as->i);
	NUM(ACOL_A, as->a);
	NUM(ACOL_IMPORTANCE, as->importance);
	TXT(ACOL_RETENTION, as->retention);
	TXT(ACOL_REGISTERED, as->registered_on);
	v[ACOL_REGISTERED].kind = CELL_DATE;
	NUM(ACOL_THREAT, as->threat);
	NUM(ACOL_VULNERABILITY, as->vulnerability);
	NUM(ACOL_LIKELIHOOD, as->likelihood);
	NUM(ACOL_RISK, as->risk_value);
	for (k = ACOL_T_KIND; k <= ACOL_T_DUE; k++)
		TXT(k, "");
	if (as->has_treatment) {
		TXT(ACOL_T_KIND, asset_io_treatment_label(m, as->t_kind));
		TXT(ACOL_T_MEASURE, as->t_measure);
		TXT(ACOL_T_OWNER, as->t_owner);
		TXT(ACOL_T_DUE, as->t_due);
	}
	v[ACOL_T_DUE].kind = CELL_DATE;
#undef TXT
#undef NUM
}

/* --- export */

struct export {
	struct app *a;
	const struct risk_model *m;
	struct buf *out;
	struct xlsx_out *x;
	json_t *list;
	long long done, total;
	void (*progress)(void *ctx, int done, int total);
	void *progress_ctx;
};

static void
tick(struct export *ex)
{
	ex->done++;
	if (ex->progress != NULL && ex->total > 0 && (ex->done % 64 == 0 || ex->done == ex->total))
		ex->progress(ex->progress_ctx, (int)(ex->done * 1000 / ex->total), 1000);
}

static int
csv_row(void *ctx, const struct asset *as)
{
	struct export *ex = ctx;
	struct cellv v[ACOL_COUNT];
	int k;

	asset_cells(ex->m, as, v);
	for (k = 0; k < ACOL_COUNT; k++) {
		if (k > 0)
			csv_sep(ex->out);
		if (v[k].kind == CELL_NUMBER)
			csv_int(ex->out, v[k].n);
		else
			csv_field(ex->out, v[k].s);
	}
	csv_end(ex->out);
	tick(ex);
	return buf_failed(ex->out) ? 1 : 0;
}

static int
xlsx_ledger_row(void *ctx, const struct asset *as)
{
	struct export *ex = ctx;
	struct cellv v[ACOL_COUNT];
	int k;

	asset_cells(ex->m, as, v);
	for (k = 0; k < ACOL_COUNT; k++) {
		if (v[k].kind == CELL_NUMBER)
			xlsx_out_number(ex->x, (size_t)k, (double)v[k].n);
		else if (v[k].kind == CELL_DATE)
			xlsx_out_date(ex->x, (size_t)k, v[k].s);
		else
			xlsx_out_text(ex->x, (size_t)k, v[k].s);
	}
	xlsx_out_row_end(ex->x);
	tick(ex);
	return 0;
}

static const char *
band_label(const struct risk_model *m, const char *id)
{
	size_t k;

	for (k = 0; k < m->nbands; k++)
		if (strcmp(m->bands[k].id, id) == 0)
			return m->bands[k].label.ja;
	return id;
}

static const char *
status_label(const char *s)
{
	if (strcmp(s, "planned") == 0)
		return "予定";
	if (strcmp(s, "in_progress") == 0)
		return "実施中";
	if (strcmp(s, "done") == 0)
		return "完了";
	return s;
}

static int
xlsx_risk_row(void *ctx, const struct asset *as)
{
	struct export *ex = ctx;
	struct xlsx_out *x = ex->x;

	xlsx_out_number(x, 0, (double)as->id);
	xlsx_out_text(x, 1, as->name);
	xlsx_out_text(x, 2, asset_io_medium_label(ex->m, as->medium));
	xlsx_out_number(x, 3, as->importance);
	xlsx_out_number(x, 4, as->threat);
	xlsx_out_number(x, 5, as->vulnerability);
	xlsx_out_number(x, 6, as->likelihood);
	xlsx_out_number(x, 7, as->risk_value);
	xlsx_out_text(x, 8, band_label(ex->m, as->band));
	if (as->has_treatment) {
		xlsx_out_text(x, 9, asset_io_treatment_label(ex->m, as->t_kind));
		xlsx_out_text(x, 10, as->t_measure);
		xlsx_out_text(x, 11, as->t_owner);
		xlsx_out_date(x, 12, as->t_due);
		xlsx_out_text(x, 13, status_label(as->t_status));
	}
	xlsx_out_row_end(x);
	tick(ex);
	return 0;
}

static int
json_row(void *ctx, const struct asset *as)
{
	struct export *ex = ctx;
	json_t *j = asset_json(ex->a, as, LANG_JA);

	tick(ex);
	return j == NULL || json_array_append_new(ex->list, j) != 0;
}

/* the 脅威の状況 sheet from risk_threats_view */
static enum mm_err
xlsx_threat_sheet(struct export *ex, const struct org *o, struct err *e)
{
	static const struct xlsx_out_col cols[] = {
		{ "媒体・保存先", 20, 0, 0, NULL },
		{ "想定される脅威", 60, 0, 0, NULL },
		{ "脅威の発生頻度", 10, 1, 3, NULL },
		{ "発生頻度の根拠", 18, 0, 0, NULL },
		{ "脆弱性", 8, 0, 0, NULL },
		{ "脆弱性の根拠", 18, 0, 0, NULL },
		{ "関連する自社診断の項目", 24, 0, 0, NULL },
	};
	json_t *view, *md, *t, *it;
	size_t i, k;
	struct buf b;
	enum mm_err code;
	bool diag;

	if ((view = risk_threats_view(ex->a, o, LANG_JA, e)) == NULL)
		return e->code != MM_OK ? e->code : err_key(e, MM_ENOMEM, "err.nomem");
	if ((code = xlsx_out_sheet(ex->x, "脅威の状況", cols, sizeof(cols) / sizeof(cols[0]), 1,
	    e)) != MM_OK) {
		json_decref(view);
		return code;
	}
	diag = json_is_true(json_object_get(view, "has_diagnosis"));
	buf_init(&b, 0);
	json_array_foreach(json_object_get(view, "media"), i, md) {
		xlsx_out_text(ex->x, 0, json_string_value(json_object_get(md, "label")));
		buf_reset(&b);
		json_array_foreach(json_object_get(md, "threats"), k, t)
			buf_printf(&b, "%s%s", k ? "、" : "",
			    json_string_value(json_object_get(t, "label")));
		xlsx_out_text(ex->x, 1, buf_cstr(&b));
		xlsx_out_number(ex->x, 2, (double)json_integer_value(json_object_get(md, "threat")));
		xlsx_out_text(ex->x, 3, json_is_true(json_object_get(md, "rated")) ? "評価済み" :
		    "未評価 (既定値)");
		xlsx_out_number(ex->x, 4,
		    (double)json_integer_value(json_object_get(md, "vulnerability")));
		xlsx_out_text(ex->x, 5, diag ? "自社診断の回答から" : "未評価 (診断がありません)");
		buf_reset(&b);
		json_array_foreach(json_object_get(md, "diagnosis_items"), k, it)
			buf_printf(&b, "%s%lld", k ? ", " : "",
			    (long long)json_integer_value(json_object_get(it, "no")));
		xlsx_out_text(ex->x, 6, buf_cstr(&b));
		xlsx_out_row_end(ex->x);
	}
	buf_free(&b);
	json_decref(view);
	return MM_OK;
}

static enum mm_err
export_xlsx(struct export *ex, const struct org *o, struct err *e)
{
	static const char *const flag_choices[] = { "○", NULL };
	static const struct xlsx_out_col risk_cols[] = {
		{ "ID", 7, 0, 0, NULL }, { "情報資産名称", 28, 0, 0, NULL },
		{ "媒体・保存先", 18, 0, 0, NULL }, { "重要度", 7, 0, 0, NULL },
		{ "脅威の発生頻度", 9, 0, 0, NULL }, { "脆弱性", 7, 0, 0, NULL },
		{ "被害発生可能性", 9, 0, 0, NULL }, { "リスク値", 7, 0, 0, NULL },
		{ "リスクの大きさ", 8, 0, 0, NULL }, { "対応", 8, 0, 0, NULL },
		{ "対策", 28, 0, 0, NULL }, { "担当", 12, 0, 0, NULL },
		{ "期限", 12, 0, 0, NULL }, { "状況", 8, 0, 0, NULL },
	};
	struct xlsx_out_col cols[ACOL_COUNT];
	const char *media[RISK_MAX_MEDIA + 1], *kinds[RISK_MAX_TREATMENTS + 1];
	struct asset_filter f;
	enum mm_err code;
	size_t k;

	for (k = 0; k < ex->m->nmedia; k++)
		media[k] = ex->m->media[k].label.ja;
	media[k] = NULL;
	for (k = 0; k < ex->m->ntreatments; k++)
		kinds[k] = ex->m->treatments[k].label.ja;
	kinds[k] = NULL;
	memset(cols, 0, sizeof(cols));
	for (k = 0; k < ACOL_COUNT; k++) {
		cols[k].header = asset_io_cols[k].header;
		cols[k].width = asset_io_cols[k].width;
	}
	cols[ACOL_MEDIUM].choices = media;
	cols[ACOL_T_KIND].choices = kinds;
	cols[ACOL_PERSONAL].choices = cols[ACOL_SENSITIVE].choices =
	    cols[ACOL_MY_NUMBER].choices = flag_choices;
	cols[ACOL_C].min = cols[ACOL_I].min = cols[ACOL_A].min = 1;
	cols[ACOL_C].max = cols[ACOL_I].max = cols[ACOL_A].max = 3;
	cols[ACOL_THREAT].min = cols[ACOL_VULNERABILITY].min = 1;
	cols[ACOL_THREAT].max = cols[ACOL_VULNERABILITY].max = 3;
	if ((code = xlsx_out_open(&ex->x, e)) != MM_OK)
		return code;
	memset(&f, 0, sizeof(f));
	f.sort = ASSET_SORT_ID;
	if ((code = xlsx_out_sheet(ex->x, ASSET_IO_SHEET, cols, ACOL_COUNT, ACOL_NAME + 1,
	    e)) != MM_OK ||
	    (code = asset_each(ex->a->db, o->id, &f, xlsx_ledger_row, ex, e)) != MM_OK ||
	    (code = xlsx_threat_sheet(ex, o, e)) != MM_OK ||
	    (code = xlsx_out_sheet(ex->x, "リスク一覧", risk_cols,
	    sizeof(risk_cols) / sizeof(risk_cols[0]), 2, e)) != MM_OK)
		goto fail;
	f.sort = ASSET_SORT_RISK;
	f.desc = true;
	if ((code = asset_each(ex->a->db, o->id, &f, xlsx_risk_row, ex, e)) != MM_OK)
		goto fail;
	code = xlsx_out_finish(ex->x, ex->out, e);
	ex->x = NULL;
	return code;
fail:
	xlsx_out_free(ex->x);
	ex->x = NULL;
	return code;
}

enum mm_err
asset_io_export(struct app *a, const struct org *o, enum asset_io_format fmt,
    struct buf *out, void (*progress)(void *ctx, int done, int total), void *progress_ctx,
    struct err *e)
{
	struct export ex;
	struct asset_filter f;
	struct asset *one = NULL;
	size_t n = 0;
	long long total = 0;
	enum mm_err code;
	int k;
	char *s;

	memset(&ex, 0, sizeof(ex));
	memset(&f, 0, sizeof(f));
	ex.a = a;
	ex.m = &a->cat->risk;
	ex.out = out;
	ex.progress = progress;
	ex.progress_ctx = progress_ctx;
	f.limit = 1;
	if ((code = asset_list(a->db, o->id, &f, &one, &n, &total, e)) != MM_OK)
		return code;
	free(one);
	ex.total = fmt == ASSET_IO_XLSX ? total * 2 : total;
	f.limit = 0;
	f.sort = ASSET_SORT_ID;
	switch (fmt) {
	case ASSET_IO_AUTO:
	case ASSET_IO_CSV:
		csv_bom(out);
		for (k = 0; k < ACOL_COUNT; k++) {
			if (k > 0)
				csv_sep(out);
			csv_field(out, asset_io_cols[k].header);
		}
		csv_end(out);
		code = asset_each(a->db, o->id, &f, csv_row, &ex, e);
		if (code == MM_OK && buf_failed(out))
			code = err_key(e, MM_ENOMEM, "err.asset.export_too_large");
		break;
	case ASSET_IO_XLSX:
		code = export_xlsx(&ex, o, e);
		break;
	case ASSET_IO_JSON:
		if ((ex.list = json_array()) == NULL)
			return err_key(e, MM_ENOMEM, "err.nomem");
		code = asset_each(a->db, o->id, &f, json_row, &ex, e);
		if (code == MM_OK) {
			json_t *doc = json_pack("{sssIso}", "org", o->slug, "count", (json_int_t)total,
			    "assets", ex.list);
			ex.list = NULL;
			s = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
			json_decref(doc);
			if (s == NULL || !buf_puts(out, s) || !buf_putc(out, '\n'))
				code = err_key(e, MM_ENOMEM, "err.nomem");
			free(s);
		}
		json_decref(ex.list);
		break;
	}
	return code;
}

/* --- the import report */

void
asset_import_report_free(struct asset_import_report *rep)
{
	size_t k, j;

	for (k = 0; k < rep->nitems; k++) {
		free(rep->items[k].name);
		for (j = 0; j < rep->items[k].nchanges; j++)
			err_msg_free(rep->items[k].changes[j]);
		free(rep->items[k].changes);
	}
	for (k = 0; k < rep->nproblems; k++) {
		err_msg_free(rep->problems[k].column);
		err_msg_free(rep->problems[k].message);
	}
	for (k = 0; k < rep->nignored; k++)
		err_msg_free(rep->ignored[k]);
	free(rep->items);
	free(rep->problems);
	free(rep->ignored);
	rep->items = NULL;
	rep->problems = NULL;
	rep->ignored = NULL;
	rep->nitems = rep->items_alloc = rep->nproblems = rep->problems_alloc = 0;
	rep->nignored = rep->ignored_alloc = 0;
}

bool
asset_import_list_text(struct err_msg *const *list, size_t n, enum lang lang,
    struct buf *out)
{
	const char *sep = locale_text(locale_app(), lang, "err.import.list_sep");
	size_t k;

	for (k = 0; k < n; k++) {
		if (k > 0)
			buf_puts(out, sep ? sep : ", ");
		err_msg_render(list[k], lang, out);
	}
	return !buf_failed(out);
}

/* message M (NULL: "") in LANG as a JSON string; B is scratch */
static json_t *
msg_json(const struct err_msg *m, enum lang lang, struct buf *b)
{
	buf_reset(b);
	if (m != NULL)
		err_msg_render(m, lang, b);
	return json_stringn(b->data ? b->data : "", b->len);
}

static const char *
format_id(enum asset_io_format f)
{
	switch (f) {
	case ASSET_IO_CSV: return "csv";
	case ASSET_IO_XLSX: return "xlsx";
	case ASSET_IO_JSON: return "json";
	case ASSET_IO_AUTO: break;
	}
	return "";
}

json_t *
asset_import_report_json(const struct asset_import_report *rep, size_t max_list,
    enum lang lang)
{
	json_t *items = json_array(), *problems = json_array(), *ignored = json_array(), *j;
	struct buf b;
	size_t k;

	buf_init(&b, 0);
	if (items == NULL || problems == NULL || ignored == NULL)
		goto nomem;
	for (k = 0; k < rep->nitems && (max_list == 0 || k < max_list); k++) {
		const struct asset_import_item *it = &rep->items[k];
		buf_reset(&b);
		asset_import_list_text(it->changes, it->nchanges, lang, &b);
		json_array_append_new(items, json_pack("{sIsssososo}", "row", (json_int_t)it->row,
		    "action", it->action == ASSET_IMPORT_ADD ? "add" : "change",
		    "id", it->id ? json_integer(it->id) : json_null(),
		    "name", json_string(it->name ? it->name : ""),
		    "changes", json_stringn(b.data ? b.data : "", b.len)));
	}
	for (k = 0; k < rep->nproblems && (max_list == 0 || k < max_list); k++) {
		const struct asset_import_problem *pr = &rep->problems[k];
		json_t *col = msg_json(pr->column, lang, &b);
		json_array_append_new(problems, json_pack("{sIsoso}", "row", (json_int_t)pr->row,
		    "column", col, "message", msg_json(pr->message, lang, &b)));
	}
	for (k = 0; k < rep->nignored; k++)
		json_array_append_new(ignored, msg_json(rep->ignored[k], lang, &b));
	buf_free(&b);
	j = json_pack("{sbsbssss?ss?sIsIsIsIsIsIsIsososo}",
	    "dry_run", rep->dry_run, "committed", rep->committed,
	    "format", format_id(rep->format),
	    "encoding", rep->encoding[0] ? rep->encoding : NULL,
	    "sheet", rep->sheet[0] ? rep->sheet : NULL,
	    "header_row", (json_int_t)rep->header_row, "rows", (json_int_t)rep->rows,
	    "added", (json_int_t)rep->added, "changed", (json_int_t)rep->changed,
	    "unchanged", (json_int_t)rep->unchanged,
	    "items_total", (json_int_t)rep->nitems, "problems_total", (json_int_t)rep->nproblems,
	    "items", items, "problems", problems, "ignored_columns", ignored);
	return j;
nomem:
	buf_free(&b);
	json_decref(items);
	json_decref(problems);
	json_decref(ignored);
	return NULL;
}
