/* web_documents.c — the policy documents in the browser and at
 * /api/documents: the list (what exists, its state, what a member has
 * still to read), generation, the Markdown editor with a preview, the
 * versions and their comparison, approval by an owner, publication,
 * "読みました" and who has not read the current version yet, downloads
 * as PDF, DOCX, Markdown and HTML, and the organisation's choices
 * (document parameters). */
#include <string.h>

#include "app/doc_params.h"
#include "app/document_service.h"
#include "render/markdown.h"
#include "util/text.h"
#include "web/pages.h"

static void page_documents(struct web_req *r);
static void page_generate(struct web_req *r);
static void page_params(struct web_req *r);
static void page_params_post(struct web_req *r);
static void page_document(struct web_req *r);
static void page_edit(struct web_req *r);
static void page_edit_post(struct web_req *r);
static void page_diff(struct web_req *r);
static void page_approve(struct web_req *r);
static void page_publish(struct web_req *r);
static void page_ack(struct web_req *r);
static void page_readers(struct web_req *r);
static void page_download(struct web_req *r);

const struct route documents_routes[] = {
	{ "GET", "/documents", page_documents, PERM_ORG_MEMBER, CSRF_NONE,
	    "文書 (基本方針・ハンドブック・関連規程) の一覧と状態、読むべき文書" },
	{ "POST", "/documents", page_generate, PERM_ORG_EDIT, CSRF_SESSION,
	    "文書を組織の情報から生成して新しい下書きの版にする (kind)" },
	{ "GET", "/documents/parameters", page_params, PERM_ORG_READ, CSRF_NONE,
	    "文書の設定 (パスワードの長さ、テレワークの可否など) と既定値" },
	{ "POST", "/documents/parameters", page_params_post, PERM_ORG_EDIT, CSRF_SESSION,
	    "文書の設定を保存" },
	{ "GET", "/documents/:id", page_document, PERM_ORG_MEMBER, CSRF_NONE,
	    "文書の版 (version=N; 従業員は公開中の版だけ) と版の一覧" },
	{ "GET", "/documents/:id/edit", page_edit, PERM_ORG_EDIT, CSRF_NONE,
	    "文書の編集画面 (Markdown)" },
	{ "POST", "/documents/:id/edit", page_edit_post, PERM_ORG_EDIT, CSRF_SESSION,
	    "編集した文書を新しい下書きの版として保存 (markdown, note, base; action=preview で確認だけ)" },
	{ "GET", "/documents/:id/diff", page_diff, PERM_ORG_READ, CSRF_NONE,
	    "二つの版の比較 (from, to)" },
	{ "POST", "/documents/:id/approve", page_approve, PERM_ORG_OWNER, CSRF_SESSION,
	    "最新の版を経営者として承認 (version)" },
	{ "POST", "/documents/:id/publish", page_publish, PERM_ORG_ADMIN, CSRF_SESSION,
	    "承認された版を公開 (version)" },
	{ "POST", "/documents/:id/ack", page_ack, PERM_ORG_MEMBER, CSRF_SESSION,
	    "公開中の版を読んだことを記録 (読みました)" },
	{ "GET", "/documents/:id/readers", page_readers, PERM_ORG_ADMIN, CSRF_NONE,
	    "公開中の版を読んだ人とまだ読んでいない人" },
	{ "GET", "/documents/:id/download", page_download, PERM_ORG_MEMBER, CSRF_NONE,
	    "文書の書き出し (format=pdf|docx|md|html, version=N)" },
};
const size_t documents_route_count = sizeof(documents_routes) / sizeof(documents_routes[0]);

static int
http_status_of(const struct err *e)
{
	switch (e->code) {
	case MM_EINVAL: return 400;
	case MM_ENOTFOUND: return 404;
	case MM_ECONFLICT: return 409;
	default: return 500;
	}
}

/* the path parameter as a document id; answers 404 and returns false
 * when it is not one */
static bool
doc_id(struct web_req *r, long long *id)
{
	long v;

	if (!text_parse_long(web_param(r, 0), &v) || v <= 0) {
		web_error(r, 404, "error.not_found", NULL);
		return false;
	}
	*id = v;
	return true;
}

/* the version number in request value NAME (0 when absent); false when
 * it is given but not a number */
static bool
version_arg(struct web_req *r, const char *name, int *out)
{
	const char *s = web_input(r, name);
	long v;

	if (s == NULL)
		s = http_query(r->req, name);
	*out = 0;
	if (s == NULL || *s == '\0')
		return true;
	if (!text_parse_long(s, &v) || v <= 0 || v > 1000000)
		return false;
	*out = (int)v;
	return true;
}

static bool
can(const struct web_req *r, enum perm p)
{
	return perm_allows(p, r->role, false);
}

static const char *
doc_path(struct web_req *r, long long id, const char *rest)
{
	return arena_printf(r->req->arena, "%s/documents/%lld%s", r->base, id, rest);
}

/* ---- the list and generation ---- */

static void
page_documents(struct web_req *r)
{
	struct err e;
	json_t *v, *it;
	size_t i;

	err_clear(&e);
	if ((v = document_list_view(&r->app, &r->org, r->lang, r->auth.account.id, &e)) == NULL) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	if (!r->api) {
		bool reader = can(r, PERM_ORG_READ);
		json_array_foreach(json_object_get(v, "documents"), i, it) {
			const char *st = json_string_value(json_object_get(it, "status"));
			json_object_set_new(it, "status_label", json_string(web_t(r,
			    arena_printf(r->req->arena, "documents.status.%s", st))));
			json_object_set_new(it, "exists", json_boolean(json_object_get(it, "id") != NULL));
			/* a member opens only what is published */
			json_object_set_new(it, "openable", json_boolean(json_object_get(it, "id") &&
			    (reader || json_integer_value(json_object_get(it, "published")) > 0)));
			json_object_set_new(it, "has_published", json_boolean(
			    json_integer_value(json_object_get(it, "published")) > 0));
			json_object_set_new(it, "unread", json_boolean(
			    json_integer_value(json_object_get(it, "published")) > 0 &&
			    !json_is_true(json_object_get(it, "acked"))));
		}
		json_object_set_new(v, "can_edit", json_boolean(can(r, PERM_ORG_EDIT)));
		json_object_set_new(v, "can_read", json_boolean(reader));
		json_object_set_new(v, "title", json_string(web_t(r, "documents.title")));
		/* (a number is true in a template section, even 0) */
		json_object_set_new(v, "has_to_read",
		    json_boolean(json_integer_value(json_object_get(v, "to_read")) > 0));
	}
	web_page(r, 200, "documents", v);
}

static void
page_generate(struct web_req *r)
{
	const char *kind = web_input(r, "kind");
	long long id = 0;
	int number = 0;
	json_t *left = NULL;
	struct err e;

	err_clear(&e);
	if (document_generate(&r->app, &r->org, kind, r->lang, r->auth.account.id, &id, &number,
	    &left, &e) != MM_OK) {
		web_error_err(r, http_status_of(&e), &e);
		return;
	}
	if (r->api) {
		web_json(r, 201, json_pack("{sIsiso}", "id", (json_int_t)id, "number", number,
		    "left_out", left));
		return;
	}
	json_decref(left);
	web_redirect(r, doc_path(r, id, ""), "documents.flash.generated");
}

/* ---- one document ---- */

/* the view model of version NUMBER of document ID for this request, or
 * NULL after answering with an error */
static json_t *
document_model(struct web_req *r, long long id, int number)
{
	bool reader = can(r, PERM_ORG_READ);
	json_t *v;
	struct err e;

	err_clear(&e);
	/* a member reads the published version only */
	v = document_view(&r->app, &r->org, id, reader ? number : DOCUMENT_CURRENT, r->lang,
	    r->auth.account.id, can(r, PERM_ORG_ADMIN), &e);
	if (v == NULL) {
		web_error(r, e.code == MM_ENOTFOUND ? 404 : 500, e.code == MM_ENOTFOUND ?
		    "error.not_found" : "error.internal", NULL);
		return NULL;
	}
	if (!reader && number != 0 &&
	    number != (int)json_integer_value(json_object_get(v, "number"))) {
		json_decref(v);
		web_error(r, 404, "error.not_found", NULL);
		return NULL;
	}
	return v;
}

static void
page_document(struct web_req *r)
{
	long long id;
	int number, cur, newest, no;
	const char *status;
	json_t *v;

	if (!doc_id(r, &id))
		return;
	if (!version_arg(r, "version", &number)) {
		web_error(r, 404, "error.not_found", NULL);
		return;
	}
	if ((v = document_model(r, id, number)) == NULL)
		return;
	if (r->api) {
		web_json(r, 200, v);
		return;
	}
	if (!can(r, PERM_ORG_READ))
		json_object_del(v, "markdown");
	no = (int)json_integer_value(json_object_get(v, "number"));
	cur = (int)json_integer_value(json_object_get(v, "current"));
	newest = (int)json_integer_value(json_object_get(v, "newest"));
	status = json_string_value(json_object_get(v, "status"));
	json_object_set_new(v, "body", mustache_safe_html(json_string_value(json_object_get(v, "html"))));
	json_object_del(v, "html");
	json_object_set_new(v, "status_label", json_string(web_t(r,
	    arena_printf(r->req->arena, "documents.status.%s", status))));
	json_object_set_new(v, "base", json_string(doc_path(r, id, "")));
	json_object_set_new(v, "is_newest", json_boolean(no == newest));
	json_object_set_new(v, "is_current", json_boolean(no == cur));
	json_object_set_new(v, "can_read", json_boolean(can(r, PERM_ORG_READ)));
	json_object_set_new(v, "can_edit", json_boolean(can(r, PERM_ORG_EDIT) && no == newest));
	json_object_set_new(v, "can_approve", json_boolean(can(r, PERM_ORG_OWNER) &&
	    no == newest && strcmp(status, "draft") == 0));
	json_object_set_new(v, "approval_pending", json_boolean(!can(r, PERM_ORG_OWNER) &&
	    can(r, PERM_ORG_READ) && no == newest && strcmp(status, "draft") == 0));
	json_object_set_new(v, "can_publish", json_boolean(can(r, PERM_ORG_ADMIN) &&
	    strcmp(status, "approved") == 0 && no > cur));
	json_object_set_new(v, "can_ack", json_boolean(no == cur && cur > 0 &&
	    !json_is_true(json_object_get(v, "acked"))));
	json_object_set_new(v, "can_readers", json_boolean(can(r, PERM_ORG_ADMIN) && cur > 0));
	json_object_set_new(v, "has_versions", json_boolean(can(r, PERM_ORG_READ) &&
	    json_array_size(json_object_get(v, "versions")) > 1));
	if (cur > 0 && strcmp(json_string_value(json_object_get(v, "kind")), "policy") == 0)
		json_object_set_new(v, "public_path", json_string(arena_printf(r->req->arena,
		    "/p/%s/policy", r->org.slug)));
	if (no > 1)
		json_object_set_new(v, "previous", json_integer(no - 1));
	json_object_set_new(v, "has_left_out",
	    json_boolean(json_array_size(json_object_get(v, "left_out")) > 0));
	web_page(r, 200, "document", v);
}

/* the editor with TEXT, NOTE, BASE, an optional PREVIEW (safe HTML) and
 * ERROR */
static void
edit_page(struct web_req *r, int status, long long id, const char *text,
    const char *note, int base, const char *preview, const char *error)
{
	json_t *v = document_model(r, id, 0);

	if (v == NULL)
		return;
	json_object_set_new(v, "text", json_string(text ? text :
	    json_string_value(json_object_get(v, "markdown"))));
	json_object_del(v, "html");
	json_object_set_new(v, "note", json_string(note ? note : ""));
	json_object_set_new(v, "base_number", json_integer(base ? base :
	    json_integer_value(json_object_get(v, "newest"))));
	json_object_set_new(v, "base", json_string(doc_path(r, id, "")));
	if (preview != NULL)
		json_object_set_new(v, "preview", mustache_safe_html(preview));
	if (error != NULL)
		json_object_set_new(v, "error", json_string(error));
	web_page(r, status, "document_edit", v);
}

static void
page_edit(struct web_req *r)
{
	long long id;

	if (doc_id(r, &id))
		edit_page(r, 200, id, NULL, NULL, 0, NULL, NULL);
}

static void
page_edit_post(struct web_req *r)
{
	const char *text = web_input(r, "markdown"), *note = web_input(r, "note");
	const char *action = web_input(r, "action");
	long long id;
	int base, number = 0;
	struct buf html;
	struct err e;

	if (!doc_id(r, &id))
		return;
	if (!version_arg(r, "base", &base)) {
		web_error(r, 400, "documents.bad_version", NULL);
		return;
	}
	err_clear(&e);
	if (!r->api && action != NULL && strcmp(action, "preview") == 0) {
		buf_init(&html, 8u * 1024 * 1024);
		if (text != NULL && strlen(text) > DOCUMENT_MARKDOWN_MAX)
			edit_page(r, 400, id, text, note, base, NULL, web_t(r, "documents.too_long"));
		else if (markdown_html(text ? text : "", text ? strlen(text) : 0, &html, &e) != MM_OK)
			edit_page(r, 400, id, text, note, base, NULL, web_err_text(r, &e));
		else
			edit_page(r, 200, id, text, note, base, buf_cstr(&html), NULL);
		buf_free(&html);
		return;
	}
	if (document_save(&r->app, &r->org, id, text, note, base, r->auth.account.id, &number,
	    &e) != MM_OK) {
		if (r->api || e.code == MM_ENOTFOUND)
			web_error_err(r, http_status_of(&e), &e);
		else
			edit_page(r, http_status_of(&e), id, text, note, base, NULL, web_err_text(r, &e));
		return;
	}
	if (r->api) {
		web_json(r, 201, json_pack("{sIsi}", "id", (json_int_t)id, "number", number));
		return;
	}
	web_redirect(r, doc_path(r, id, ""), "documents.flash.saved");
}

static void
page_diff(struct web_req *r)
{
	long long id;
	int from, to, newest;
	struct err e;
	json_t *v, *cur, *versions, *it;
	size_t i;

	if (!doc_id(r, &id))
		return;
	if (!version_arg(r, "from", &from) || !version_arg(r, "to", &to)) {
		web_error(r, 400, "documents.bad_version", NULL);
		return;
	}
	err_clear(&e);
	if ((cur = document_outline(&r->app, &r->org, id, &e)) == NULL) {
		web_error(r, e.code == MM_ENOTFOUND ? 404 : 500, e.code == MM_ENOTFOUND ?
		    "error.not_found" : "error.internal", NULL);
		return;
	}
	newest = (int)json_integer_value(json_object_get(cur, "newest"));
	if (to == 0)
		to = newest;
	if (from == 0)
		from = to > 1 ? to - 1 : 1;
	if ((v = document_diff_view(&r->app, &r->org, id, from, to, &e)) == NULL) {
		json_decref(cur);
		if (e.code == MM_ENOTFOUND)
			web_error(r, 404, "error.not_found", NULL);
		else
			web_error_err(r, http_status_of(&e), &e);
		return;
	}
	if (!r->api) {
		versions = json_array();
		json_array_foreach(json_object_get(cur, "versions"), i, it) {
			int n = (int)json_integer_value(json_object_get(it, "number"));
			json_array_append_new(versions, json_pack("{sisbsb}", "number", n,
			    "is_from", n == from, "is_to", n == to));
		}
		json_object_set_new(v, "versions", versions);
		json_object_set_new(v, "base", json_string(doc_path(r, id, "")));
		json_object_set_new(v, "same", json_boolean(json_integer_value(json_object_get(v,
		    "added")) == 0 && json_integer_value(json_object_get(v, "removed")) == 0));
		json_array_foreach(json_object_get(v, "lines"), i, it) {
			const char *op = json_string_value(json_object_get(it, "op"));
			json_object_set_new(it, arena_printf(r->req->arena, "is_%s", op), json_true());
		}
	}
	json_decref(cur);
	web_page(r, 200, "document_diff", v);
}

/* the document and the version number of the request; false after an
 * answer (404, or 400 for a bad version) */
static bool
doc_version(struct web_req *r, long long *id, int *number)
{
	if (!doc_id(r, id))
		return false;
	if (!version_arg(r, "version", number)) {
		web_error(r, 400, "documents.bad_version", NULL);
		return false;
	}
	return true;
}

/* after document ID changed: its model (API) or its page with FLASH */
static void
changed(struct web_req *r, long long id, const char *flash)
{
	if (r->api)
		web_json(r, 200, document_model(r, id, 0));
	else
		web_redirect(r, doc_path(r, id, ""), flash);
}

static void
page_approve(struct web_req *r)
{
	long long id;
	int number;
	struct err e;

	if (!doc_version(r, &id, &number))
		return;
	if (!r->api && web_input(r, "confirm") == NULL) {
		web_error(r, 400, "documents.confirm_needed", NULL);
		return;
	}
	err_clear(&e);
	if (document_approve(&r->app, &r->org, id, number, r->auth.account.id, &e) != MM_OK)
		web_error_err(r, http_status_of(&e), &e);
	else
		changed(r, id, "documents.flash.approved");
}

static void
page_publish(struct web_req *r)
{
	long long id;
	int number;
	struct err e;

	if (!doc_version(r, &id, &number))
		return;
	err_clear(&e);
	if (document_publish(&r->app, &r->org, id, number, &e) != MM_OK)
		web_error_err(r, http_status_of(&e), &e);
	else
		changed(r, id, "documents.flash.published");
}

static void
page_ack(struct web_req *r)
{
	long long id;
	int number = 0;
	struct err e;

	if (!doc_id(r, &id))
		return;
	err_clear(&e);
	if (document_acknowledge(&r->app, &r->org, id, r->auth.account.id, &number, &e) != MM_OK) {
		web_error_err(r, http_status_of(&e), &e);
		return;
	}
	if (r->api) {
		web_json(r, 200, json_pack("{sIsisb}", "id", (json_int_t)id, "number", number,
		    "acked", 1));
		return;
	}
	web_redirect(r, doc_path(r, id, ""), "documents.flash.acked");
}

static void
page_readers(struct web_req *r)
{
	long long id;
	json_t *v, *readers, *p;
	struct buf list;
	size_t i;

	if (!doc_id(r, &id) || (v = document_model(r, id, 0)) == NULL)
		return;
	readers = json_object_get(v, "readers");
	if (readers == NULL) {
		json_decref(v);
		web_error(r, 409, "documents.not_published", NULL);
		return;
	}
	if (r->api) {
		json_incref(readers);
		json_decref(v);
		web_json(r, 200, readers);
		return;
	}
	/* the addresses of who has not read it, one per line, to copy */
	buf_init(&list, 1024 * 1024);
	json_array_foreach(json_object_get(readers, "pending"), i, p) {
		buf_puts(&list, json_string_value(json_object_get(p, "email")));
		buf_putc(&list, '\n');
	}
	json_object_set_new(v, "pending_list", json_string(buf_cstr(&list)));
	json_object_set_new(readers, "has_pending",
	    json_boolean(json_array_size(json_object_get(readers, "pending")) > 0));
	json_object_set_new(readers, "has_done",
	    json_boolean(json_array_size(json_object_get(readers, "done")) > 0));
	buf_free(&list);
	json_object_set_new(v, "base", json_string(doc_path(r, id, "")));
	json_object_del(v, "html");
	json_object_del(v, "markdown");
	web_page(r, 200, "document_readers", v);
}

/* the formats of a download and their media types */
static const char *const formats[][3] = {
	{ "pdf", "application/pdf", "pdf" },
	{ "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx" },
	{ "md", "text/markdown; charset=utf-8", "md" },
	{ "html", "text/html; charset=utf-8", "html" },
};

static void
page_download(struct web_req *r)
{
	const char *fmt = http_query(r->req, "format");
	char title[DOCUMENT_TITLE_MAX];
	long long id;
	int number, published;
	size_t i, k = sizeof(formats) / sizeof(formats[0]);
	struct err e;
	json_t *v;

	if (!doc_id(r, &id))
		return;
	/* the document first: another organisation's is not found, nor a
	 * draft for a member */
	err_clear(&e);
	if ((v = document_outline(&r->app, &r->org, id, &e)) == NULL) {
		web_error(r, e.code == MM_ENOTFOUND ? 404 : 500, e.code == MM_ENOTFOUND ?
		    "error.not_found" : "error.internal", NULL);
		return;
	}
	published = (int)json_integer_value(json_object_get(v, "current"));
	if (!can(r, PERM_ORG_READ) && published == 0) {
		json_decref(v);
		web_error(r, 404, "error.not_found", NULL);
		return;
	}
	for (i = 0; fmt != NULL && i < k; i++)
		if (strcmp(formats[i][0], fmt) == 0)
			break;
	if (fmt == NULL || i == k || !version_arg(r, "version", &number)) {
		json_decref(v);
		web_error(r, 400, "documents.bad_format", NULL);
		return;
	}
	if (number == 0)
		number = published ? published : (int)json_integer_value(json_object_get(v, "newest"));
	json_decref(v);
	if (!can(r, PERM_ORG_READ) && number != published) {
		web_error(r, 404, "error.not_found", NULL);
		return;
	}
	err_clear(&e);
	if (document_render(&r->app, &r->org, id, number, fmt, r->lang, &r->resp->body, title,
	    &e) != MM_OK) {
		buf_reset(&r->resp->body);
		if (e.code == MM_ENOTFOUND) {
			web_error(r, 404, "error.not_found", NULL);
			return;
		}
		fprintf(stderr, "mamori: document %lld: %s\n", id, e.msg);
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	r->resp->status = 200;
	r->resp->content_type = formats[i][1];
	http_resp_header(r->resp, "Content-Disposition", arena_printf(r->req->arena,
	    "attachment; filename=\"mamori-%s-%lld-v%d.%s\"", r->org.slug, id, number,
	    formats[i][2]));
}

/* ---- the organisation's choices ---- */

static void
params_page(struct web_req *r, int status, const char *error)
{
	struct err e;
	json_t *v;

	err_clear(&e);
	if ((v = doc_params_view(&r->app, &r->org, r->lang, &e)) == NULL) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	if (!r->api) {
		json_object_set_new(v, "can_edit", json_boolean(can(r, PERM_ORG_EDIT)));
		if (error != NULL)
			json_object_set_new(v, "error", json_string(error));
	}
	web_page(r, status, "document_params", v);
}

static void
page_params(struct web_req *r)
{
	params_page(r, 200, NULL);
}

#define PARAMS_MAX 64

static void
page_params_post(struct web_req *r)
{
	const struct catalog_list *l = catalog_list(r->app.cat, "document-parameters");
	struct doc_param_input in[PARAMS_MAX];
	size_t n = 0, i;
	struct err e;
	json_t *it;

	json_array_foreach(l ? l->items : NULL, i, it) {
		const char *name = json_string_value(json_object_get(it, "name"));
		const char *type = json_string_value(json_object_get(it, "type"));
		const char *value = name ? web_input(r, name) : NULL;
		json_t *jv = r->api && name ? json_object_get(web_body_json(r), name) : NULL;
		if (n == PARAMS_MAX || name == NULL)
			continue;
		if (jv != NULL && !json_is_string(jv))
			value = json_is_true(jv) ? "true" : json_is_false(jv) ? "false" :
			    json_is_integer(jv) ? arena_printf(r->req->arena, "%lld",
			    (long long)json_integer_value(jv)) : "";
		/* a checkbox that is not ticked is not sent by the browser: the
		 * form says which ones it shows */
		if (!r->api && type != NULL && strcmp(type, "boolean") == 0 &&
		    web_input(r, arena_printf(r->req->arena, "%s_present", name)) != NULL)
			value = value != NULL && strcmp(value, "true") == 0 ? "true" : "false";
		if (value == NULL)
			continue;
		in[n].name = name;
		in[n].value = value;
		n++;
	}
	err_clear(&e);
	if (doc_params_save(&r->app, &r->org, in, n, &e) != MM_OK) {
		if (r->api)
			web_error_err(r, http_status_of(&e), &e);
		else
			params_page(r, http_status_of(&e), web_err_text(r, &e));
		return;
	}
	if (r->api) {
		params_page(r, 200, NULL);
		return;
	}
	web_redirect(r, arena_printf(r->req->arena, "%s/documents/parameters", r->base),
	    "flash.saved");
}
