/* web_asset_io.c — the ledger to and from files in the browser and the
 * API: export as CSV, XLSX or JSON; import from CSV or XLSX with a dry
 * run (app/asset_io.h has the rules).
 *
 * The dry-run flow keeps nothing on the server: the dry run shows what
 * would be added and changed and every bad row, with a form to send the
 * file again for real. That form carries the SHA-256 of the file that was
 * reviewed; if the file sent for real is not that file, nothing is
 * imported and the new file is shown as a dry run instead, so what is
 * imported is always what the user has seen. (Keeping the upload between
 * the two requests — a hidden field of up to 16 MB, a temporary table or
 * file — would cost more than choosing the file again, and a temporary
 * file would not work with several server processes.)
 *
 * API: GET /api/assets/export.{csv,xlsx,json}; POST /api/assets/import
 * with the file as multipart field "file" or as the raw body, and
 * dry_run=1 (query or form) for a dry run; the answer is the report
 * (asset_import_report_json), 200 when every row is good, 422 when not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/asset_io.h"
#include "util/locale.h"
#include "util/sha256.h"
#include "web/pages.h"

#define REPORT_LIST_MAX 1000 /* items and problems shown on the page */

static void page_export_csv(struct web_req *r);
static void page_export_xlsx(struct web_req *r);
static void page_export_json(struct web_req *r);
static void page_import(struct web_req *r);
static void page_import_post(struct web_req *r);

const struct route asset_io_routes[] = {
	{ "GET", "/assets/export.csv", page_export_csv, PERM_ORG_READ, CSRF_NONE,
	    "情報資産管理台帳の書き出し (CSV、UTF-8 BOM 付き)" },
	{ "GET", "/assets/export.xlsx", page_export_xlsx, PERM_ORG_READ, CSRF_NONE,
	    "情報資産管理台帳の書き出し (Excel: 台帳・脅威の状況・リスク一覧)" },
	{ "GET", "/assets/export.json", page_export_json, PERM_ORG_READ, CSRF_NONE,
	    "情報資産管理台帳の書き出し (JSON)" },
	{ "GET", "/assets/import", page_import, PERM_ORG_EDIT, CSRF_NONE,
	    "情報資産管理台帳の読み込み画面" },
	{ "POST", "/assets/import", page_import_post, PERM_ORG_EDIT, CSRF_SESSION,
	    "情報資産管理台帳の読み込み (CSV/XLSX; dry_run=1 で確認だけ)" },
};
const size_t asset_io_route_count = sizeof(asset_io_routes) / sizeof(asset_io_routes[0]);

/* ---- export ---- */

static void
export(struct web_req *r, enum asset_io_format fmt, const char *ext)
{
	struct err e;

	err_clear(&e);
	if (asset_io_export(&r->app, &r->org, fmt, &r->resp->body, NULL, NULL, &e) != MM_OK) {
		fprintf(stderr, "mamori: export %s: %s\n", ext, e.msg);
		buf_reset(&r->resp->body);
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	r->resp->content_type = asset_io_content_type(fmt);
	http_resp_header(r->resp, "Content-Disposition", arena_printf(r->req->arena,
	    "attachment; filename=\"mamori-assets-%s.%s\"", r->org.slug, ext));
}

static void
page_export_csv(struct web_req *r)
{
	export(r, ASSET_IO_CSV, "csv");
}

static void
page_export_xlsx(struct web_req *r)
{
	export(r, ASSET_IO_XLSX, "xlsx");
}

static void
page_export_json(struct web_req *r)
{
	export(r, ASSET_IO_JSON, "json");
}

/* ---- import ---- */

static json_t *
import_model(struct web_req *r)
{
	return json_pack("{sssssssssb}", "title", web_t(r, "asset_io.import_title"),
	    "action", arena_printf(r->req->arena, "%s/assets/import", r->base),
	    "ledger", arena_printf(r->req->arena, "%s/assets", r->base),
	    "template_xlsx", arena_printf(r->req->arena, "%s/assets/export.xlsx", r->base),
	    "dry_run_default", true);
}

static void
page_import(struct web_req *r)
{
	web_page(r, 200, "asset_import", import_model(r));
}

/* the file sent: the multipart field "file", or (API) the raw body */
static bool
upload(struct web_req *r, const char **data, size_t *len, const char **name)
{
	const struct http_file *f;

	for (f = r->req->files; f != NULL; f = f->next)
		if (strcmp(f->field, "file") == 0 && f->size > 0) {
			*data = f->data;
			*len = f->size;
			*name = f->filename;
			return true;
		}
	if (r->api && r->req->files == NULL && r->req->body != NULL && r->req->body_len > 0) {
		*data = r->req->body;
		*len = r->req->body_len;
		*name = NULL;
		return true;
	}
	return false;
}

static bool
truthy(const char *s)
{
	return s != NULL && (strcmp(s, "1") == 0 || strcmp(s, "on") == 0 ||
	    strcmp(s, "true") == 0 || strcmp(s, "yes") == 0);
}

/* "XLSX (シート「…」)、見出しは行 3": what was read, in the request's
 * language */
static const char *
source_text(struct web_req *r, const struct asset_import_report *rep)
{
	const char *p[5] = { NULL };
	const char *what;
	char row[24];
	struct buf b, src;

	buf_init(&b, 0);
	buf_init(&src, 0);
	if (rep->format == ASSET_IO_XLSX && rep->sheet[0] != '\0') {
		p[0] = "sheet";
		p[1] = rep->sheet;
		locale_format(r->w->locale, r->lang, "asset_io.source_sheet", p, &src);
	} else if (rep->format == ASSET_IO_XLSX) {
		buf_puts(&src, "XLSX");
	} else if (rep->encoding[0] != '\0') {
		buf_printf(&src, "CSV (%s)", rep->encoding);
	} else {
		buf_puts(&src, "CSV");
	}
	if (rep->header_row > 0) {
		snprintf(row, sizeof(row), "%ld", rep->header_row);
		p[0] = "source";
		p[1] = buf_cstr(&src);
		p[2] = "row";
		p[3] = row;
		locale_format(r->w->locale, r->lang, "asset_io.source_header", p, &b);
	} else {
		buf_puts(&b, buf_cstr(&src));
	}
	what = arena_strdup(r->req->arena, buf_cstr(&b));
	buf_free(&b);
	buf_free(&src);
	return what;
}

/* the report as the page shows it */
static json_t *
report_model(struct web_req *r, const struct asset_import_report *rep, const char *sha,
    const char *filename, const char *notice)
{
	json_t *m = import_model(r);
	json_t *j = asset_import_report_json(rep, REPORT_LIST_MAX, r->lang);
	json_t *adds = json_array(), *changes = json_array(), *it;
	struct buf ignored;
	size_t k;
	bool ok = rep->nproblems == 0;

	if (m == NULL || j == NULL || adds == NULL || changes == NULL) {
		json_decref(m);
		json_decref(j);
		json_decref(adds);
		json_decref(changes);
		return NULL;
	}
	json_array_foreach(json_object_get(j, "items"), k, it)
		json_array_append(strcmp(json_string_value(json_object_get(it, "action")), "add") == 0 ?
		    adds : changes, it);
	json_object_set_new(m, "report", j);
	json_object_set_new(m, "has_report", json_true());
	json_object_set_new(m, "filename", json_string(filename ? filename : ""));
	json_object_set_new(m, "source", json_string(source_text(r, rep)));
	json_object_set_new(m, "is_xlsx", json_boolean(rep->format == ASSET_IO_XLSX));
	json_object_set_new(m, "ok", json_boolean(ok));
	json_object_set_new(m, "dry_run", json_boolean(rep->dry_run));
	json_object_set_new(m, "committed", json_boolean(rep->committed));
	json_object_set_new(m, "adds", adds);
	json_object_set_new(m, "changes", changes);
	json_object_set_new(m, "has_adds", json_boolean(json_array_size(adds) > 0));
	json_object_set_new(m, "has_changes", json_boolean(json_array_size(changes) > 0));
	json_object_set_new(m, "has_problems", json_boolean(rep->nproblems > 0));
	json_object_set_new(m, "has_ignored", json_boolean(rep->nignored > 0));
	buf_init(&ignored, 0);
	asset_import_list_text(rep->ignored, rep->nignored, r->lang, &ignored);
	json_object_set_new(m, "ignored", json_string(buf_cstr(&ignored)));
	buf_free(&ignored);
	json_object_set_new(m, "list_cut", json_boolean(rep->nitems > REPORT_LIST_MAX ||
	    rep->nproblems > REPORT_LIST_MAX));
	json_object_set_new(m, "can_confirm", json_boolean(rep->dry_run && ok &&
	    rep->added + rep->changed > 0));
	json_object_set_new(m, "nothing_to_do", json_boolean(ok && rep->added + rep->changed == 0));
	json_object_set_new(m, "reviewed", json_string(sha));
	if (notice != NULL)
		json_object_set_new(m, "notice", json_string(notice));
	return m;
}

static void
page_import_post(struct web_req *r)
{
	struct asset_import_opts opt;
	struct asset_import_report rep;
	const char *data = NULL, *name = NULL, *reviewed, *notice = NULL;
	char sha[SHA256_HEX_LEN];
	size_t len = 0;
	struct err e;
	enum mm_err code;
	json_t *m, *j;

	if (!upload(r, &data, &len, &name)) {
		if (r->api) {
			web_error(r, 400, "asset_io.no_file", NULL);
			return;
		}
		m = import_model(r);
		if (m != NULL)
			json_object_set_new(m, "error", json_string(web_t(r, "asset_io.no_file")));
		web_page(r, 400, "asset_import", m);
		return;
	}
	memset(&opt, 0, sizeof(opt));
	opt.dry_run = truthy(http_form(r->req, "dry_run")) || truthy(http_query(r->req, "dry_run"));
	sha256_hex(data, len, sha);
	/* the confirmation of a dry run must send the file that was reviewed */
	reviewed = http_form(r->req, "reviewed");
	if (!opt.dry_run && reviewed != NULL && *reviewed != '\0' && strcmp(reviewed, sha) != 0) {
		opt.dry_run = true;
		notice = web_t(r, "asset_io.not_reviewed");
	}
	err_clear(&e);
	code = asset_import(&r->app, &r->org, data, len, &opt, &rep, &e);
	if (code != MM_OK && code != MM_EINVAL) {
		asset_import_report_free(&rep);
		fprintf(stderr, "mamori: import: %s\n", e.msg);
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	if (r->api) {
		j = asset_import_report_json(&rep, 0, r->lang);
		if (j != NULL && code != MM_OK)
			json_object_set_new(j, "error", json_pack("{sissssss?}", "status", 422,
			    "message", web_err_text(r, &e), "code", err_code_name(e.code),
			    "key", e.key));
		asset_import_report_free(&rep);
		web_json(r, code == MM_OK ? 200 : 422, j);
		return;
	}
	m = report_model(r, &rep, sha, name, notice);
	if (m != NULL && code != MM_OK)
		json_object_set_new(m, "error", json_string(web_err_text(r, &e)));
	asset_import_report_free(&rep);
	web_page(r, code == MM_OK ? 200 : 422, "asset_import", m);
}
