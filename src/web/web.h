/* web.h — the web application: shared state, the context of one request,
 * and what page handlers use to answer.
 *
 * A handler reads the request, calls services in src/app, builds a view
 * model (JSON) and calls web_page(): the same model is rendered by a
 * template for a browser, or written as JSON for the API (/api/… or
 * Accept: application/json). Handlers never contain business rules.
 */
#ifndef MM_WEB_H
#define MM_WEB_H

#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>

#include "app/account_service.h"
#include "app/app.h"
#include "render/mustache.h"
#include "store/org_store.h"
#include "util/locale.h"
#include "web/http.h"
#include "web/page_cache.h"

#define WEB_MAX_PARAMS 4
#define WEB_NONCE_LEN 32

struct web_config {
	const char *db_path;
	const char *listen;   /* "127.0.0.1:8080" */
	unsigned threads;
	bool secure_cookies;  /* behind TLS: __Host- cookies with Secure */
	const char *origin;   /* the public origin for the Origin check, or NULL */
};

/* The state shared by every request; read-only while serving, but for
 * the connection pool. */
struct web {
	struct web_config cfg;
	struct catalog *cat;
	struct mustache_set *tpl;
	const struct locale *locale; /* UI strings (locale_app) */
	pthread_mutex_t pool_lock;
	pthread_cond_t pool_free;
	char css_version[17]; /* ?v= of /static/app.css */
	struct db **pool;
	bool *pool_used;
	unsigned pool_size;
	struct page_cache *cache; /* parts of pages kept while the data is the same */
};

/* The context of one request. */
struct web_req {
	struct web *w;
	struct http_req *req;
	struct http_resp *resp;
	struct app app;        /* this request's database connection */
	bool api;              /* answer with JSON */
	enum lang lang;
	char nonce[WEB_NONCE_LEN];
	const char *params[WEB_MAX_PARAMS]; /* :name parts of the path */
	size_t nparams;
	bool authed;
	struct auth auth;
	bool has_org;
	struct org org;
	enum role role;
	const char *base;      /* "/o/SLUG" of the current organisation */
	json_t *body_json;     /* the parsed JSON body (owned), see web_body_json */
	bool body_parsed;
};

/* web_init — load catalog, templates and locales, open the pool of
 * database connections (creating and migrating the database). */
enum mm_err web_init(struct web *w, const struct web_config *cfg, struct err *e);

/* web_free — release what web_init made. */
void web_free(struct web *w);

/* web_handle — answer one request (the http_handler_fn of the server). */
void web_handle(void *ctx, struct http_req *req, struct http_resp *resp);

/* web_error_page — the http_error_fn of the server. */
void web_error_page(void *ctx, int status, struct http_req *req,
    struct http_resp *resp);

/* web_page — answer with MODEL (consumed): JSON for the API, else the
 * template TPL inside the layout. STATUS is the HTTP status. */
void web_page(struct web_req *r, int status, const char *tpl, json_t *model);

/* web_render_part — the template TPL with MODEL (borrowed) appended to
 * OUT, with the request's UI strings and language and its organisation
 * (layout.org) but nothing of the account, the session or the response:
 * a part of a page that can be kept in the page cache. */
enum mm_err web_render_part(struct web_req *r, const char *tpl, json_t *model,
    struct buf *out, struct err *e);

/* web_json — answer with JSON V (consumed), whatever the client asked. */
void web_json(struct web_req *r, int status, json_t *v);

/* web_error — an error page (HTML) or {"error":{status,message,key}}
 * (API) with STATUS and the text under locale key KEY in the request's
 * language, or MESSAGE when given (already in the user's language; for an
 * error of a service use web_error_err). */
void web_error(struct web_req *r, int status, const char *key,
    const char *message);

/* web_error_err — web_error for the error E of a service: its message in
 * the request's language; the API's {"error":{…}} also gives its "code"
 * (err_code_name) and its message "key" (absent for a plain text). */
void web_error_err(struct web_req *r, int status, const struct err *e);

/* web_err_text — the message of E in the request's language (in the
 * request's arena; "" when out of memory), for a page that shows it. */
const char *web_err_text(struct web_req *r, const struct err *e);

/* web_redirect — 303 See Other to PATH (a local path), with an optional
 * flash message FLASH_KEY (a locale key) shown on the next page. */
void web_redirect(struct web_req *r, const char *path, const char *flash_key);

/* web_t — the UI string KEY in the request's language ("" when absent). */
const char *web_t(const struct web_req *r, const char *key);

/* web_param — the path parameter I (0-based). */
const char *web_param(const struct web_req *r, size_t i);

/* web_input — a request value NAME: form field, or the JSON body's member
 * NAME when it is a string (NULL when absent). */
const char *web_input(struct web_req *r, const char *name);

/* web_body_json — the request body parsed as a JSON object (borrowed,
 * parsed once), or NULL when there is none or it is not valid. */
json_t *web_body_json(struct web_req *r);

/* web_set_cookie — set cookie NAME=VALUE with the house attributes
 * (HttpOnly, SameSite=Lax, Path=/, Secure and __Host- behind TLS);
 * MAX_AGE < 0 deletes it. */
void web_set_cookie(struct web_req *r, const char *name, const char *value,
    long max_age);

/* web_now — unix seconds (MAMORI_FAKE_NOW aware). */
long long web_now(void);

#endif
