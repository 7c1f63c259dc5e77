/* web_auth.c — logging in and out, changing the password, and the start
 * page that leads to an organisation. */
#include <stdlib.h>
#include <string.h>

#include "web/pages.h"

/* NEXT when it is a local path, else "/" */
static const char *
safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    strncmp(next, "/login", 6) == 0)
		return "/";
	return next;
}

static void
login_form(struct web_req *r, int status, const char *error, const char *email,
    const char *next)
{
	web_page(r, status, "login", json_pack("{ssss?ssss}", "title", web_t(r, "login.title"),
	    "error", error, "email", email ? email : "", "next", safe_next(next)));
}

void
page_login(struct web_req *r)
{
	if (r->authed && !r->api) {
		web_redirect(r, "/", NULL);
		return;
	}
	login_form(r, 200, NULL, NULL, http_query(r->req, "next"));
}

void
page_login_post(struct web_req *r)
{
	const char *email = web_input(r, "email"), *password = web_input(r, "password");
	const char *next = web_input(r, "next");
	struct login l;
	struct err e;

	err_clear(&e);
	if (auth_login(&r->app, email, password, r->req->remote, web_now(), &l, &e) != MM_OK) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	switch (l.outcome) {
	case LOGIN_OK:
		break;
	case LOGIN_THROTTLED:
		http_resp_header(r->resp, "Retry-After", "3600");
		if (r->api)
			web_error(r, 429, "error.throttled", NULL);
		else
			login_form(r, 429, web_t(r, "error.throttled"), email, next);
		return;
	case LOGIN_BUSY:
		http_resp_header(r->resp, "Retry-After", "5");
		web_error(r, 503, "error.busy", NULL);
		return;
	case LOGIN_BAD:
		if (r->api)
			web_error(r, 401, "login.failed", NULL);
		else
			login_form(r, 401, web_t(r, "login.failed"), email, next);
		return;
	}
	web_set_cookie(r, r->w->cfg.secure_cookies ? "__Host-mamori_session" :
	    "mamori_session", l.session_token, SESSION_ABSOLUTE_SECONDS);
	if (r->api) {
		web_json(r, 200, json_pack("{sbsssb}", "ok", 1, "csrf", l.csrf_token,
		    "must_change_password", l.account.must_change_password));
		return;
	}
	web_redirect(r, l.account.must_change_password ? "/account/password" :
	    safe_next(next), NULL);
}

void
page_logout_post(struct web_req *r)
{
	struct err e;

	err_clear(&e);
	if (r->auth.session_id != 0 &&
	    auth_logout(&r->app, r->auth.account.id, r->auth.session_id, &e) != MM_OK) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	web_set_cookie(r, r->w->cfg.secure_cookies ? "__Host-mamori_session" :
	    "mamori_session", "", -1);
	web_redirect(r, "/login", "flash.logged_out");
}

static void
password_form(struct web_req *r, int status, const char *error)
{
	web_page(r, status, "password", json_pack("{sssbss?}", "title",
	    web_t(r, "password.title"), "must_change", r->auth.account.must_change_password,
	    "error", error));
}

void
page_password(struct web_req *r)
{
	password_form(r, 200, NULL);
}

void
page_password_post(struct web_req *r)
{
	const char *cur = web_input(r, "current"), *pw = web_input(r, "new");
	const char *confirm = web_input(r, "confirm");
	struct err e;

	err_clear(&e);
	if (confirm != NULL && (pw == NULL || strcmp(pw, confirm) != 0)) {
		password_form(r, 400, web_t(r, "password.mismatch"));
		return;
	}
	if (account_change_password(&r->app, r->auth.account.id, cur, pw,
	    r->auth.session_id, &e) != MM_OK) {
		if (e.code == MM_ECONFLICT)
			http_resp_header(r->resp, "Retry-After", "5");
		if (r->api)
			web_error_err(r, e.code == MM_ECONFLICT ? 503 : 400, &e);
		else
			password_form(r, e.code == MM_ECONFLICT ? 503 : 400, web_err_text(r, &e));
		return;
	}
	if (r->api) {
		web_json(r, 200, json_pack("{sb}", "ok", 1));
		return;
	}
	web_redirect(r, "/", "flash.password_changed");
}

void
page_home(struct web_req *r)
{
	struct membership *m;
	size_t n, i;
	struct err e;
	json_t *orgs;

	err_clear(&e);
	if (membership_of_account(r->app.db, r->auth.account.id, &m, &n, &e) != MM_OK) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	if (n == 1 && !r->api) {
		struct org o;
		/* the first login of an owner or admin continues with the setup */
		bool setup = (m[0].role == ROLE_OWNER || m[0].role == ROLE_ADMIN) &&
		    org_get(r->app.db, m[0].org_id, &o, &e) == MM_OK && !o.setup_done;
		web_redirect(r, arena_printf(r->req->arena, "/o/%s/%s", m[0].org_slug,
		    setup ? "setup" : ""), NULL);
		free(m);
		return;
	}
	orgs = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(orgs, json_pack("{ssssssss}", "slug", m[i].org_slug,
		    "name", m[i].org_name, "role", role_id(m[i].role), "role_label",
		    web_t(r, arena_printf(r->req->arena, "roles.%s", role_id(m[i].role)))));
	free(m);
	web_page(r, 200, "home", json_pack("{sssbsbso}", "title", web_t(r, "home.title"),
	    "has_orgs", json_array_size(orgs) > 0,
	    "can_create_org", r->auth.account.instance_admin, "orgs", orgs));
}
