/* web.c — the web application's shared state and the path of every
 * request: who is asking, which route, may they, then the handler. */
#include "web/web.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/migrate.h"
#include "util/embed.h"
#include "web/pages.h"
#include "web/route.h"

#define SESSION_COOKIE "mamori_session"
#define SECURE_SESSION_COOKIE "__Host-mamori_session"

enum mm_err
web_init(struct web *w, const struct web_config *cfg, struct err *e)
{
	enum mm_err code;
	unsigned i;

	memset(w, 0, sizeof(*w));
	w->cfg = *cfg;
	pthread_mutex_init(&w->pool_lock, NULL);
	pthread_cond_init(&w->pool_free, NULL);
	if (sodium_init() < 0)
		return err_key(e, MM_EIO, "err.web.random");
	if ((code = catalog_load_embedded(CATALOG_DEFAULT, &w->cat, e)) != MM_OK)
		return code;
	if ((w->tpl = mustache_set_new()) == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	if ((code = mustache_set_add_embedded(w->tpl, "templates/", e)) != MM_OK ||
	    (code = mustache_set_check(w->tpl, e)) != MM_OK ||
	    (code = locale_app_check(e)) != MM_OK)
		return code;
	w->locale = locale_app();
	web_asset_version("app.css", w->css_version);
	if ((w->cache = page_cache_new(64)) == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	w->pool_size = cfg->threads ? cfg->threads + 1 : 3;
	w->pool = calloc(w->pool_size, sizeof(*w->pool));
	w->pool_used = calloc(w->pool_size, sizeof(*w->pool_used));
	if (w->pool == NULL || w->pool_used == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	for (i = 0; i < w->pool_size; i++) {
		code = db_open(cfg->db_path, i == 0 ? DB_OPEN_CREATE : DB_OPEN_EXISTING,
		    &w->pool[i], e);
		if (code == MM_OK && i == 0)
			code = migrate_apply(w->pool[0], NULL, e);
		if (code != MM_OK)
			return code;
	}
	return MM_OK;
}

void
web_free(struct web *w)
{
	unsigned i;

	for (i = 0; w->pool != NULL && i < w->pool_size; i++)
		db_close(w->pool[i]);
	free(w->pool);
	free(w->pool_used);
	page_cache_free(w->cache);
	mustache_set_free(w->tpl);
	catalog_free(w->cat);
	pthread_mutex_destroy(&w->pool_lock);
	pthread_cond_destroy(&w->pool_free);
	memset(w, 0, sizeof(*w));
}

static struct db *
pool_take(struct web *w, unsigned *slot)
{
	unsigned i;

	pthread_mutex_lock(&w->pool_lock);
	for (;;) {
		for (i = 0; i < w->pool_size; i++)
			if (!w->pool_used[i]) {
				w->pool_used[i] = true;
				pthread_mutex_unlock(&w->pool_lock);
				*slot = i;
				return w->pool[i];
			}
		pthread_cond_wait(&w->pool_free, &w->pool_lock);
	}
}

static void
pool_give(struct web *w, unsigned slot)
{
	pthread_mutex_lock(&w->pool_lock);
	w->pool_used[slot] = false;
	pthread_cond_signal(&w->pool_free);
	pthread_mutex_unlock(&w->pool_lock);
}

static bool
wants_json(const struct http_req *req)
{
	const char *accept = http_header(req, "Accept");

	return accept != NULL && strstr(accept, "application/json") != NULL &&
	    strstr(accept, "text/html") == NULL;
}

static void
pick_lang(struct web_req *r)
{
	const char *q = http_query(r->req, "lang"), *c = http_cookie(r->req, "lang");

	r->lang = LANG_JA;
	if (q != NULL && lang_parse(q, &r->lang) == 0) {
		web_set_cookie(r, "lang", q, 365L * 24 * 3600);
		return;
	}
	if (c != NULL)
		lang_parse(c, &r->lang);
}

static const char *
session_cookie_name(const struct web_req *r)
{
	return r->w->cfg.secure_cookies ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/* who is asking: an API token, a session cookie, or nobody */
static void
authenticate(struct web_req *r)
{
	const char *h = http_header(r->req, "Authorization");
	const char *cookie = http_cookie(r->req, session_cookie_name(r));
	struct err e;

	err_clear(&e);
	if (h != NULL && strncasecmp(h, "Bearer ", 7) == 0)
		r->authed = auth_bearer(&r->app, h + 7, &r->auth, &e) == MM_OK;
	else if (cookie != NULL)
		r->authed = auth_session(&r->app, cookie, web_now(), &r->auth, &e) == MM_OK;
	if (r->authed)
		snprintf(r->app.actor, sizeof(r->app.actor), "%s:%s",
		    r->auth.token_id ? "api" : "web", r->auth.account.email);
}

/* the request's Origin (or Referer) is this site */
static bool
same_origin(const struct web_req *r)
{
	const char *origin = http_header(r->req, "Origin");
	const char *host = http_header(r->req, "Host");
	const char *want = r->w->cfg.origin;
	char self[300];
	size_t n;

	if (origin == NULL || strcmp(origin, "null") == 0) {
		origin = http_header(r->req, "Referer");
		if (origin == NULL)
			return false;
	}
	if (want == NULL) {
		if (host == NULL)
			return false;
		snprintf(self, sizeof(self), "%s://%s", r->w->cfg.secure_cookies ?
		    "https" : "http", host);
		want = self;
	}
	n = strlen(want);
	return strncmp(origin, want, n) == 0 && (origin[n] == '\0' || origin[n] == '/');
}

static bool
csrf_ok(struct web_req *r, enum csrf_rule rule)
{
	const char *token;

	if (rule == CSRF_NONE)
		return true;
	if (r->authed && r->auth.token_id != 0)
		return true; /* a bearer token is not sent by browsers on their own */
	if (rule == CSRF_ORIGIN)
		return http_header(r->req, "Origin") == NULL || same_origin(r);
	if (!r->authed || !same_origin(r))
		return false;
	token = http_form(r->req, "_csrf");
	if (token == NULL)
		token = http_header(r->req, "X-CSRF-Token");
	return token != NULL && strlen(token) == strlen(r->auth.csrf_token) &&
	    sodium_memcmp(token, r->auth.csrf_token, strlen(token)) == 0;
}

/* the organisation of an org-scoped request: SLUG, or for the API the
 * ?org= parameter or the account's only organisation */
static bool
resolve_org(struct web_req *r, const char *slug)
{
	struct membership *m = NULL;
	size_t n = 0;
	struct err e;
	bool ok = false;

	err_clear(&e);
	if (slug == NULL)
		slug = http_query(r->req, "org");
	if (slug == NULL && r->authed &&
	    membership_of_account(r->app.db, r->auth.account.id, &m, &n, &e) == MM_OK &&
	    n == 1)
		slug = m[0].org_slug;
	if (slug != NULL && org_get_by_slug(r->app.db, slug, &r->org, &e) == MM_OK) {
		r->has_org = true;
		ok = true;
		if (r->authed)
			membership_role(r->app.db, r->auth.account.id, r->org.id, &r->role, &e);
		r->base = arena_printf(r->req->arena, "/o/%s", r->org.slug);
	}
	free(m);
	return ok;
}

/* split "/o/SLUG/rest" */
static bool
org_path(const char *path, char *slug, size_t slugsz, const char **rest)
{
	const char *s, *end;

	if (strncmp(path, "/o/", 3) != 0)
		return false;
	s = path + 3;
	end = strchr(s, '/');
	if (end == NULL)
		end = s + strlen(s);
	if (end == s || (size_t)(end - s) >= slugsz)
		return false;
	memcpy(slug, s, (size_t)(end - s));
	slug[end - s] = '\0';
	*rest = *end ? end : "/";
	return true;
}

static void
dispatch(struct web_req *r)
{
	const struct route *rt;
	const char *path = r->req->path, *rest = NULL;
	char slug[64];
	bool wrong = false, scoped = false;

	if (strncmp(path, "/api/", 5) == 0) {
		r->api = true;
		rest = path + 4;
		rt = route_match(r->req->method, rest, false, r, &wrong);
		if (rt == NULL) {
			rt = route_match(r->req->method, rest, true, r, &wrong);
			scoped = rt != NULL;
		}
	} else if (org_path(path, slug, sizeof(slug), &rest)) {
		/* /o/SLUG/ is the organisation's dashboard */
		rt = route_match(r->req->method, strcmp(rest, "/") == 0 ? "/dashboard" : rest, true,
		    r, &wrong);
		scoped = true;
	} else {
		rt = route_match(r->req->method, path, false, r, &wrong);
	}
	if (rt == NULL) {
		if (wrong) {
			http_resp_header(r->resp, "Allow", strcmp(r->req->method, "GET") == 0 ?
			    "POST" : "GET");
			web_error(r, 405, "error.method", NULL);
		} else {
			web_error(r, 404, "error.not_found", NULL);
		}
		return;
	}
	if (rt->perm != PERM_PUBLIC && !r->authed) {
		if (r->api)
			web_error(r, 401, "error.login_required", NULL);
		else
			web_redirect(r, arena_printf(r->req->arena, "/login?next=%s", path), NULL);
		return;
	}
	if (r->authed && r->auth.account.must_change_password &&
	    rt->perm != PERM_PUBLIC && rt->perm != PERM_LOGIN_ANY) {
		if (r->api)
			web_error(r, 403, "error.password_change_required", NULL);
		else
			web_redirect(r, "/account/password", NULL);
		return;
	}
	if (scoped) {
		if (!resolve_org(r, r->api ? NULL : slug) || r->role == ROLE_NONE) {
			/* an organisation one does not belong to is not shown at all */
			r->has_org = false;
			r->base = NULL;
			if (r->api && !r->has_org)
				web_error(r, 404, "error.org_required", NULL);
			else
				web_error(r, 404, "error.not_found", NULL);
			return;
		}
	}
	if (!perm_allows(rt->perm, r->role, r->authed && r->auth.account.instance_admin)) {
		web_error(r, 403, "error.forbidden", NULL);
		return;
	}
	if (!csrf_ok(r, rt->csrf)) {
		web_error(r, 403, "error.csrf", NULL);
		return;
	}
	rt->handler(r);
}

static void
security_headers(struct web_req *r)
{
	const char *csp = arena_printf(r->req->arena,
	    "default-src 'none'; script-src 'nonce-%s'; style-src 'self'; img-src 'self' data:;"
	    " form-action 'self'; base-uri 'none'; frame-ancestors 'none'", r->nonce);

	http_resp_header(r->resp, "Content-Security-Policy", csp);
	http_resp_header(r->resp, "X-Content-Type-Options", "nosniff");
	http_resp_header(r->resp, "Referrer-Policy", "same-origin");
	http_resp_header(r->resp, "X-Frame-Options", "DENY");
	http_resp_header(r->resp, "Cross-Origin-Opener-Policy", "same-origin");
	if (http_kv_get(r->resp->headers, "Cache-Control", true) == NULL)
		http_resp_header(r->resp, "Cache-Control", "no-store");
}

/* the parts of a request context that need no database */
static void
req_start(struct web_req *r, struct web *w, struct http_req *req,
    struct http_resp *resp)
{
	unsigned char raw[16];

	memset(r, 0, sizeof(*r));
	r->w = w;
	r->req = req;
	r->resp = resp;
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(r->nonce, sizeof(r->nonce), raw, sizeof(raw),
	    sodium_base64_VARIANT_ORIGINAL);
	r->app.cat = w->cat;
	snprintf(r->app.actor, sizeof(r->app.actor), "web:anonymous");
	r->api = wants_json(req) || strncmp(req->path, "/api/", 5) == 0;
	pick_lang(r);
}

void
web_error_page(void *ctx, int status, struct http_req *req,
    struct http_resp *resp)
{
	struct web_req r;

	req_start(&r, ctx, req, resp);
	web_error(&r, status, status == 413 ? "error.too_large" : status == 431 ?
	    "error.headers_too_large" : status == 400 ? "error.bad_request" :
	    "error.internal", NULL);
	security_headers(&r);
}

void
web_handle(void *ctx, struct http_req *req, struct http_resp *resp)
{
	struct web *w = ctx;
	struct web_req r;
	unsigned slot;

	req_start(&r, w, req, resp);
	r.app.db = pool_take(w, &slot);
	authenticate(&r);
	/* a page only reads: one snapshot and one lock for all its queries */
	if (strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0)
		db_begin_read(r.app.db, NULL);
	dispatch(&r);
	db_end_read(r.app.db);
	db_rollback(r.app.db); /* a handler that forgot to end its transaction */
	json_decref(r.body_json);
	pool_give(w, slot);
	security_headers(&r);
}
