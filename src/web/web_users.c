/* web_users.c — the people of an organisation (invite, role, remove) and
 * the personal API tokens of an account. A new one-time password or token
 * is shown once, on the page that answers the request that made it. */
#include <stdlib.h>
#include <string.h>

#include "app/account_service.h"
#include "util/text.h"
#include "web/pages.h"

static void page_users(struct web_req *r);
static void page_users_post(struct web_req *r);
static void page_user_role_post(struct web_req *r);
static void page_user_disable_post(struct web_req *r);
static void page_tokens(struct web_req *r);
static void page_tokens_post(struct web_req *r);
static void page_token_revoke_post(struct web_req *r);

const struct route users_routes[] = {
	{ "GET", "/users", page_users, PERM_ORG_ADMIN, CSRF_NONE, "利用者と役割" },
	{ "POST", "/users", page_users_post, PERM_ORG_ADMIN, CSRF_SESSION, "利用者の招待" },
	{ "POST", "/users/:id/role", page_user_role_post, PERM_ORG_ADMIN, CSRF_SESSION,
	    "役割の変更・組織から外す" },
	{ "POST", "/users/:id/disable", page_user_disable_post, PERM_ORG_ADMIN, CSRF_SESSION,
	    "アカウントの無効化・有効化" },
	{ "GET", "/account/tokens", page_tokens, PERM_LOGIN, CSRF_NONE, "API トークンの一覧" },
	{ "POST", "/account/tokens", page_tokens_post, PERM_LOGIN, CSRF_SESSION,
	    "API トークンの作成" },
	{ "POST", "/account/tokens/:id/revoke", page_token_revoke_post, PERM_LOGIN,
	    CSRF_SESSION, "API トークンの失効" },
};
const size_t users_route_count = sizeof(users_routes) / sizeof(users_routes[0]);

static json_t *
roles(struct web_req *r, enum role current)
{
	json_t *arr = json_array();
	int i;

	for (i = ROLE_OWNER; i < ROLE_COUNT; i++) {
		const char *id = role_id((enum role)i);
		json_array_append_new(arr, json_pack("{sssssb}", "id", id, "label",
		    web_t(r, arena_printf(r->req->arena, "roles.%s", id)),
		    "selected", (enum role)i == current));
	}
	return arr;
}

static void
users_page(struct web_req *r, int status, json_t *extra)
{
	struct membership *m;
	size_t n, i;
	struct err e;
	json_t *arr, *model;

	err_clear(&e);
	if (membership_of_org(r->app.db, r->org.id, &m, &n, &e) != MM_OK) {
		json_decref(extra);
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_t *u = json_pack("{sIsssssssb}", "id", (json_int_t)m[i].account_id,
		    "email", m[i].email, "name", m[i].account_name, "role", role_id(m[i].role),
		    "disabled", m[i].disabled);
		if (!r->api) {
			json_object_set_new(u, "roles", roles(r, m[i].role));
			json_object_set_new(u, "role_label", json_string(web_t(r,
			    arena_printf(r->req->arena, "roles.%s", role_id(m[i].role)))));
			json_object_set_new(u, "me", json_boolean(m[i].account_id == r->auth.account.id));
		}
		json_array_append_new(arr, u);
	}
	free(m);
	model = json_pack("{ssso}", "title", web_t(r, "users.title"), "users", arr);
	if (!r->api)
		json_object_set_new(model, "roles", roles(r, ROLE_MEMBER));
	if (extra != NULL)
		json_object_update(model, extra);
	json_decref(extra);
	web_page(r, status, "users", model);
}

static void
page_users(struct web_req *r)
{
	users_page(r, 200, NULL);
}

static void
page_users_post(struct web_req *r)
{
	const char *email = web_input(r, "email"), *name = web_input(r, "name");
	enum role role = role_from_id(web_input(r, "role"));
	struct account ac;
	struct err e;
	char otp[ONE_TIME_PASSWORD_LEN + 1];

	err_clear(&e);
	if (role == ROLE_NONE) {
		web_error(r, 400, NULL, web_t(r, "users.bad_role"));
		return;
	}
	if (role == ROLE_OWNER && r->role != ROLE_OWNER) {
		web_error(r, 403, "users.owner_only", NULL);
		return;
	}
	if (account_create(&r->app, email, name, r->org.id, role, false, otp, &ac, &e) != MM_OK) {
		if (r->api)
			web_error_err(r, e.code == MM_EINVAL ? 400 : 409, &e);
		else
			users_page(r, e.code == MM_EINVAL ? 400 : 409,
			    json_pack("{ss}", "error", web_err_text(r, &e)));
		return;
	}
	if (r->api) {
		web_json(r, 201, json_pack("{sIssss?}", "id", (json_int_t)ac.id, "email", ac.email,
		    "one_time_password", otp[0] ? otp : NULL));
		sodium_memzero(otp, sizeof(otp));
		return;
	}
	users_page(r, 201, json_pack("{s{sssssb}}", "invited", "email", ac.email,
	    "password", otp, "existing", otp[0] == '\0'));
	sodium_memzero(otp, sizeof(otp));
}

static void
page_user_role_post(struct web_req *r)
{
	const char *role_s = web_input(r, "role");
	enum role role = role_from_id(role_s), cur = ROLE_NONE;
	struct err e;
	long id;

	err_clear(&e);
	if (!text_parse_long(web_param(r, 0), &id) ||
	    (role == ROLE_NONE && (role_s == NULL || strcmp(role_s, "none") != 0))) {
		web_error(r, 400, NULL, web_t(r, "users.bad_role"));
		return;
	}
	/* the account must belong to this organisation; only an owner makes
	 * or unmakes owners */
	if (membership_role(r->app.db, id, r->org.id, &cur, &e) != MM_OK || cur == ROLE_NONE) {
		web_error(r, 404, "error.not_found", NULL);
		return;
	}
	if (r->role != ROLE_OWNER && (cur == ROLE_OWNER || role == ROLE_OWNER)) {
		web_error(r, 403, "users.owner_only", NULL);
		return;
	}
	if (account_set_role(&r->app, id, r->org.id, role, &e) != MM_OK) {
		web_error_err(r, e.code == MM_ECONFLICT ? 409 : 500, &e);
		return;
	}
	if (r->api) {
		web_json(r, 200, json_pack("{sIss}", "id", (json_int_t)id, "role",
		    role == ROLE_NONE ? "none" : role_id(role)));
		return;
	}
	web_redirect(r, arena_printf(r->req->arena, "%s/users", r->base), "flash.saved");
}

static void
page_user_disable_post(struct web_req *r)
{
	const char *v = web_input(r, "disabled");
	struct membership *m = NULL;
	enum role cur = ROLE_NONE;
	struct err e;
	size_t n = 0;
	long id;
	bool off;

	err_clear(&e);
	if (!text_parse_long(web_param(r, 0), &id) ||
	    membership_role(r->app.db, id, r->org.id, &cur, &e) != MM_OK || cur == ROLE_NONE) {
		web_error(r, 404, "error.not_found", NULL);
		return;
	}
	if (v == NULL || (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)) {
		web_error(r, 400, NULL, web_t(r, "users.bad_choice"));
		return;
	}
	off = strcmp(v, "yes") == 0;
	/* an account is the person's own: only when this organisation is its
	 * only one, and never one's own or an owner's unless one is owner */
	if (membership_of_account(r->app.db, id, &m, &n, &e) != MM_OK) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	free(m);
	if (id == r->auth.account.id || n != 1 || (cur == ROLE_OWNER && r->role != ROLE_OWNER)) {
		web_error(r, 409, id == r->auth.account.id ? "users.not_self" :
		    n != 1 ? "users.other_orgs" : "users.owner_only", NULL);
		return;
	}
	if (account_disable(&r->app, id, off, &e) != MM_OK) {
		web_error_err(r, 500, &e);
		return;
	}
	if (r->api)
		web_json(r, 200, json_pack("{sIsb}", "id", (json_int_t)id, "disabled", off));
	else
		web_redirect(r, arena_printf(r->req->arena, "%s/users", r->base), "flash.saved");
}

static void
tokens_page(struct web_req *r, int status, json_t *extra)
{
	struct api_token_row *t;
	size_t n, i;
	struct err e;
	json_t *arr, *model;

	err_clear(&e);
	if (api_token_list(r->app.db, r->auth.account.id, &t, &n, &e) != MM_OK) {
		json_decref(extra);
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{sIssssss?sb}", "id", (json_int_t)t[i].id,
		    "name", t[i].name, "created_at", t[i].created_at, "last_used_at",
		    t[i].last_used_at[0] ? t[i].last_used_at : NULL, "revoked", t[i].revoked));
	free(t);
	model = json_pack("{sssbso}", "title", web_t(r, "tokens.title"),
	    "has_tokens", n > 0, "tokens", arr);
	if (extra != NULL)
		json_object_update(model, extra);
	json_decref(extra);
	web_page(r, status, "tokens", model);
}

static void
page_tokens(struct web_req *r)
{
	tokens_page(r, 200, NULL);
}

static void
page_tokens_post(struct web_req *r)
{
	char token[TOKEN_LEN];
	long long id;
	struct err e;

	err_clear(&e);
	if (auth_token_create(&r->app, r->auth.account.id, web_input(r, "name"), token, &id,
	    &e) != MM_OK) {
		web_error_err(r, e.code == MM_EINVAL ? 400 : 500, &e);
		return;
	}
	if (r->api)
		web_json(r, 201, json_pack("{sIss}", "id", (json_int_t)id, "token", token));
	else
		tokens_page(r, 201, json_pack("{s{sIss}}", "created", "id", (json_int_t)id,
		    "token", token));
	sodium_memzero(token, sizeof(token));
}

static void
page_token_revoke_post(struct web_req *r)
{
	struct err e;
	long id;

	err_clear(&e);
	if (!text_parse_long(web_param(r, 0), &id)) {
		web_error(r, 404, "error.not_found", NULL);
		return;
	}
	if (auth_token_revoke(&r->app, r->auth.account.id, id, &e) != MM_OK) {
		web_error_err(r, e.code == MM_ENOTFOUND ? 404 : 500, &e);
		return;
	}
	if (r->api)
		web_json(r, 200, json_pack("{sIsb}", "id", (json_int_t)id, "revoked", 1));
	else
		web_redirect(r, "/account/tokens", "tokens.revoked");
}
