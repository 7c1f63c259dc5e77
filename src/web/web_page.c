/* web_page.c — answering: a view model as a page or as JSON, errors,
 * redirects, cookies, and reading input. */
#include "web/web.h"

#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/text.h"

long long
web_now(void)
{
	const char *fake = getenv("MAMORI_FAKE_NOW_UNIX");
	long v;

	if (fake != NULL && text_parse_long(fake, &v))
		return v;
	return (long long)time(NULL);
}

const char *
web_t(const struct web_req *r, const char *key)
{
	const char *s = locale_text(r->w->locale, r->lang, key);

	return s ? s : "";
}

const char *
web_param(const struct web_req *r, size_t i)
{
	return i < r->nparams ? r->params[i] : NULL;
}

json_t *
web_body_json(struct web_req *r)
{
	const char *type = http_header(r->req, "Content-Type");
	json_error_t je;

	if (r->body_parsed)
		return r->body_json;
	r->body_parsed = true;
	if (r->req->body == NULL || type == NULL ||
	    strncmp(type, "application/json", 16) != 0)
		return NULL;
	r->body_json = json_loadb(r->req->body, r->req->body_len,
	    JSON_REJECT_DUPLICATES, &je);
	if (!json_is_object(r->body_json)) {
		json_decref(r->body_json);
		r->body_json = NULL;
	}
	return r->body_json;
}

const char *
web_input(struct web_req *r, const char *name)
{
	const char *v = http_form(r->req, name);

	if (v == NULL && web_body_json(r) != NULL)
		v = json_string_value(json_object_get(r->body_json, name));
	return v;
}

void
web_set_cookie(struct web_req *r, const char *name, const char *value,
    long max_age)
{
	bool secure = r->w->cfg.secure_cookies;
	const char *c;

	if (max_age < 0)
		c = arena_printf(r->req->arena,
		    "%s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax%s", name,
		    secure ? "; Secure" : "");
	else if (max_age == 0)
		c = arena_printf(r->req->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s",
		    name, value, secure ? "; Secure" : "");
	else
		c = arena_printf(r->req->arena,
		    "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Lax%s", name, value,
		    max_age, secure ? "; Secure" : "");
	if (c != NULL)
		http_resp_header(r->resp, "Set-Cookie", c);
}

void
web_json(struct web_req *r, int status, json_t *v)
{
	char *s;

	r->resp->status = status;
	r->resp->content_type = "application/json; charset=utf-8";
	s = v ? json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(v);
	if (s == NULL) {
		r->resp->status = 500;
		buf_puts(&r->resp->body, "{\"error\":{\"status\":500}}");
		return;
	}
	buf_puts(&r->resp->body, s);
	buf_putc(&r->resp->body, '\n');
	free(s);
}

static json_t *
nav_item(struct web_req *r, const char *path, const char *key, const char *section)
{
	const char *href = arena_printf(r->req->arena, "%s%s", r->base, path);
	const char *cur = r->req->path;

	return json_pack("{sssssb}", "href", href ? href : "/", "label", web_t(r, key),
	    "current", section != NULL && href != NULL &&
	    strncmp(cur, href, strlen(href)) == 0 && (path[1] != '\0' || strcmp(cur, href) == 0));
}

/* the navigation for the current organisation and role */
static json_t *
nav(struct web_req *r)
{
	json_t *n = json_array();

	if (!r->has_org || n == NULL)
		return n;
	json_array_append_new(n, nav_item(r, "/", "nav.dashboard", "dashboard"));
	if (r->role != ROLE_SUPPORTER) {
		json_array_append_new(n, nav_item(r, "/diagnosis", "nav.diagnosis", "diagnosis"));
		json_array_append_new(n, nav_item(r, "/pledges", "nav.pledges", "pledges"));
		json_array_append_new(n, nav_item(r, "/roles", "role_holders.nav", "roles"));
		json_array_append_new(n, nav_item(r, "/documents", "documents.nav", "documents"));
	}
	if (perm_allows(PERM_ORG_READ, r->role, false)) {
		json_array_append_new(n, nav_item(r, "/assets", "nav.assets", "assets"));
		json_array_append_new(n, nav_item(r, "/risk", "nav.risk", "risk"));
		json_array_append_new(n, nav_item(r, "/profile", "nav.profile", "profile"));
	}
	if (perm_allows(PERM_ORG_ADMIN, r->role, false))
		json_array_append_new(n, nav_item(r, "/users", "nav.users", "users"));
	return n;
}

static json_t *
org_switcher(struct web_req *r)
{
	struct membership *m;
	size_t n, i;
	json_t *arr = json_array();

	if (!r->authed || membership_of_account(r->app.db, r->auth.account.id, &m, &n,
	    NULL) != MM_OK)
		return arr;
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{sssssb}", "slug", m[i].org_slug,
		    "name", m[i].org_name, "current",
		    r->has_org && strcmp(m[i].org_slug, r->org.slug) == 0));
	free(m);
	return arr;
}

static json_t *
layout(struct web_req *r)
{
	const char *flash = http_cookie(r->req, "flash");
	json_t *l;

	l = json_pack("{sssossso}", "csrf", r->authed ? r->auth.csrf_token : "",
	    "user", r->authed ? json_pack("{ssssss}", "email", r->auth.account.email,
	    "name", r->auth.account.name[0] ? r->auth.account.name : r->auth.account.email,
	    "role", role_id(r->role)) : json_null(),
	    "path", r->req->path, "orgs", org_switcher(r));
	if (l == NULL)
		return NULL;
	if (r->has_org)
		json_object_set_new(l, "org", json_pack("{ssssss}", "slug", r->org.slug,
		    "name", r->org.name, "base", r->base));
	json_object_set_new(l, "nav", nav(r));
	json_object_set_new(l, "has_nav", json_boolean(json_array_size(json_object_get(l, "nav")) > 0));
	json_object_set_new(l, "many_orgs",
	    json_boolean(json_array_size(json_object_get(l, "orgs")) > 1));
	if (flash != NULL && *web_t(r, flash) != '\0') {
		json_object_set_new(l, "flash", json_string(web_t(r, flash)));
		web_set_cookie(r, "flash", "", -1);
	}
	return l;
}

enum mm_err
web_render_part(struct web_req *r, const char *tpl, json_t *model, struct buf *out,
    struct err *e)
{
	json_t *m = json_copy(model);
	enum mm_err code;

	if (m == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	json_object_set(m, "t", locale_tree(r->w->locale, r->lang));
	json_object_set_new(m, "lang", json_string(r->lang == LANG_EN ? "en" : "ja"));
	json_object_set_new(m, "lang_en", json_boolean(r->lang == LANG_EN));
	if (r->has_org)
		json_object_set_new(m, "layout", json_pack("{s{ssssss}}", "org", "slug",
		    r->org.slug, "name", r->org.name, "base", r->base));
	code = mustache_render_name(r->w->tpl, tpl, m, out, e);
	json_decref(m);
	return code;
}

void
web_page(struct web_req *r, int status, const char *tpl, json_t *model)
{
	struct err e;

	if (model == NULL) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	if (r->api) {
		web_json(r, status, model);
		return;
	}
	json_object_set(model, "t", locale_tree(r->w->locale, r->lang));
	json_object_set_new(model, "lang", json_string(r->lang == LANG_EN ? "en" : "ja"));
	json_object_set_new(model, "lang_en", json_boolean(r->lang == LANG_EN));
	json_object_set_new(model, "nonce", json_string(r->nonce));
	json_object_set_new(model, "css_v", json_string(r->w->css_version));
	json_object_set_new(model, "layout", layout(r));
	json_object_set_new(model, "_template", json_string(tpl));
	r->resp->status = status;
	r->resp->content_type = "text/html; charset=utf-8";
	err_clear(&e);
	if (mustache_render_name(r->w->tpl, "layout", model, &r->resp->body, &e) != MM_OK) {
		fprintf(stderr, "mamori: render %s: %s\n", tpl, e.msg);
		buf_reset(&r->resp->body);
		r->resp->status = 500;
		r->resp->content_type = "text/plain; charset=utf-8";
		buf_puts(&r->resp->body, web_t(r, "error.internal"));
	}
	json_decref(model);
}

void
web_error(struct web_req *r, int status, const char *key, const char *message)
{
	const char *text = message ? message : web_t(r, key);

	if (r->api) {
		web_json(r, status, json_pack("{s{sissss?}}", "error", "status", status,
		    "message", text, "key", message ? NULL : key));
		return;
	}
	web_page(r, status, "error", json_pack("{sissss}", "status", status,
	    "message", text, "title", web_t(r, "error.title")));
}

const char *
web_err_text(struct web_req *r, const struct err *e)
{
	struct buf b;
	const char *s;

	buf_init(&b, ERR_MSG_MAX);
	err_render(e, r->lang, &b);
	s = arena_strdup(r->req->arena, buf_cstr(&b));
	buf_free(&b);
	return s ? s : "";
}

void
web_error_err(struct web_req *r, int status, const struct err *e)
{
	const char *text = web_err_text(r, e);

	if (r->api) {
		web_json(r, status, json_pack("{s{sissssss?}}", "error", "status", status,
		    "message", text, "code", err_code_name(e->code), "key", e->key));
		return;
	}
	web_page(r, status, "error", json_pack("{sissss}", "status", status,
	    "message", text, "title", web_t(r, "error.title")));
}

void
web_redirect(struct web_req *r, const char *path, const char *flash_key)
{
	/* only local paths: never an open redirect */
	if (path == NULL || path[0] != '/' || path[1] == '/' || path[1] == '\\')
		path = "/";
	r->resp->status = 303;
	http_resp_header(r->resp, "Location", path);
	if (flash_key != NULL)
		web_set_cookie(r, "flash", flash_key, 60);
	if (r->api)
		web_json(r, 303, json_pack("{ss}", "location", path));
}
