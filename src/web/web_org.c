/* web_org.c — the organisation profile, the setup met at the first
 * login, and new organisations (for the administrator of this mamori). */
#include <stdlib.h>
#include <string.h>

#include "app/account_service.h"
#include "app/org_service.h"
#include "util/text.h"
#include "web/pages.h"

static void page_profile(struct web_req *r);
static void page_profile_post(struct web_req *r);
static void page_setup(struct web_req *r);
static void page_setup_post(struct web_req *r);
static void page_org_new(struct web_req *r);
static void page_org_new_post(struct web_req *r);

const struct route org_routes[] = {
	{ "GET", "/profile", page_profile, PERM_ORG_READ, CSRF_NONE, "組織情報" },
	{ "POST", "/profile", page_profile_post, PERM_ORG_ADMIN, CSRF_SESSION, "組織情報の変更" },
	{ "GET", "/setup", page_setup, PERM_ORG_ADMIN, CSRF_NONE, "はじめの設定" },
	{ "POST", "/setup", page_setup_post, PERM_ORG_ADMIN, CSRF_SESSION, "はじめの設定の保存" },
	{ "GET", "/orgs/new", page_org_new, PERM_INSTANCE_ADMIN, CSRF_NONE, "組織の追加画面" },
	{ "POST", "/orgs", page_org_new_post, PERM_INSTANCE_ADMIN, CSRF_SESSION, "組織の追加" },
};
const size_t org_route_count = sizeof(org_routes) / sizeof(org_routes[0]);

/* the industries of the catalog, the one with ID SELECTED marked */
static json_t *
industries(struct web_req *r, const char *selected)
{
	const struct catalog_list *l = catalog_list(r->app.cat, "industries");
	json_t *arr = json_array(), *it;
	size_t i;

	if (l == NULL)
		return arr;
	json_array_foreach(l->items, i, it) {
		const char *id = json_string_value(json_object_get(it, "id"));
		struct ltext t = catalog_text(it, "label");
		json_array_append_new(arr, json_pack("{sssssssb}", "id", id,
		    "code", json_string_value(json_object_get(it, "code")),
		    "label", ltext_get(&t, r->lang), "selected",
		    selected != NULL && strcmp(selected, id) == 0));
	}
	return arr;
}

static json_t *
profile_model(struct web_req *r, const char *title_key, const char *error)
{
	json_t *m = org_json(&r->org);

	if (m == NULL)
		return NULL;
	json_object_set_new(m, "title", json_string(web_t(r, title_key)));
	if (!r->api) {
		json_object_set_new(m, "industries", industries(r, r->org.industry));
		json_object_set_new(m, "can_edit", json_boolean(perm_allows(PERM_ORG_ADMIN,
		    r->role, false)));
		json_object_set_new(m, "employees_text", r->org.employees >= 0 ?
		    json_sprintf("%lld", r->org.employees) : json_string(""));
		json_object_set_new(m, "sa_star1", json_boolean(strcmp(r->org.sa_level, "star1") == 0));
		json_object_set_new(m, "sa_star2", json_boolean(strcmp(r->org.sa_level, "star2") == 0));
		json_object_set_new(m, "sa_id", json_string(r->org.sa_id));
		json_object_set_new(m, "sa_date", json_string(r->org.sa_date));
		json_object_set_new(m, "policy_url_text", json_string(r->org.policy_url));
		json_object_set_new(m, "address_text", json_string(r->org.address));
		if (error != NULL)
			json_object_set_new(m, "error", json_string(error));
	}
	return m;
}

static void
page_profile(struct web_req *r)
{
	web_page(r, 200, "profile", profile_model(r, "profile.title", NULL));
}

/* save the submitted profile; FINISH marks the setup done */
static bool
save_profile(struct web_req *r, bool finish, const char *tpl, const char *title_key)
{
	struct org_profile_input in;
	struct err e;

	memset(&in, 0, sizeof(in));
	in.name = web_input(r, "name");
	in.industry = web_input(r, "industry");
	in.employees = web_input(r, "employees");
	in.representative = web_input(r, "representative");
	in.representative_title = web_input(r, "representative_title");
	in.address = web_input(r, "address");
	in.sa_level = web_input(r, "sa_level");
	in.sa_id = web_input(r, "sa_id");
	in.sa_date = web_input(r, "sa_date");
	in.policy_url = web_input(r, "policy_url");
	in.finish_setup = finish;
	err_clear(&e);
	if (org_update_profile(&r->app, &r->org, &in, &e) != MM_OK) {
		if (r->api)
			web_error_err(r, e.code == MM_EINVAL ? 400 : 500, &e);
		else
			web_page(r, e.code == MM_EINVAL ? 400 : 500, tpl,
			    profile_model(r, title_key, web_err_text(r, &e)));
		return false;
	}
	return true;
}

static void
page_profile_post(struct web_req *r)
{
	if (!save_profile(r, false, "profile", "profile.title"))
		return;
	if (r->api)
		web_json(r, 200, org_json(&r->org));
	else
		web_redirect(r, arena_printf(r->req->arena, "%s/profile", r->base), "flash.saved");
}

static void
page_setup(struct web_req *r)
{
	web_page(r, 200, "setup", profile_model(r, "setup.title", NULL));
}

static void
page_setup_post(struct web_req *r)
{
	if (!save_profile(r, true, "setup", "setup.title"))
		return;
	if (r->api)
		web_json(r, 200, org_json(&r->org));
	else
		web_redirect(r, arena_printf(r->req->arena, "%s/", r->base), "setup.done");
}

static void
page_org_new(struct web_req *r)
{
	web_page(r, 200, "org_new", json_pack("{ssso}", "title", web_t(r, "orgs.new_title"),
	    "industries", industries(r, NULL)));
}

static void
page_org_new_post(struct web_req *r)
{
	struct org_input in;
	struct org o;
	struct err e;
	bool existed;
	const char *emp = web_input(r, "employees");
	long n = -1;

	memset(&in, 0, sizeof(in));
	in.name = web_input(r, "name");
	in.slug = web_input(r, "slug");
	if (in.slug != NULL && *in.slug == '\0')
		in.slug = NULL;
	in.industry = web_input(r, "industry");
	if (in.industry != NULL && *in.industry == '\0')
		in.industry = NULL;
	if (emp != NULL && *emp != '\0' && (!text_parse_long(emp, &n) || n < 0)) {
		web_error(r, 400, NULL, web_t(r, "orgs.bad_employees"));
		return;
	}
	in.employees = n;
	err_clear(&e);
	if (org_create(&r->app, &in, &o, &existed, &e) != MM_OK ||
	    (!existed && account_set_role(&r->app, r->auth.account.id, o.id, ROLE_OWNER,
	    &e) != MM_OK)) {
		web_error_err(r, e.code == MM_EINVAL || e.code == MM_ECONFLICT ? 400 : 500, &e);
		return;
	}
	if (r->api) {
		web_json(r, existed ? 200 : 201, org_json(&o));
		return;
	}
	web_redirect(r, arena_printf(r->req->arena, "/o/%s/setup", o.slug), NULL);
}
