/* web_roles.c — the role holders: who holds each duty of the guideline's
 * 表8 (情報セキュリティ管理のための役割と責任分担) and 表9 (緊急時対応体制).
 * Every member may see them (whom to report an incident to); an admin
 * saves the whole form: per role a user of the organisation and/or a
 * name, and a note. The same handlers answer /api/roles. */
#include <string.h>

#include "app/role_holder_service.h"
#include "util/text.h"
#include "web/pages.h"

static void page_roles(struct web_req *r);
static void page_roles_post(struct web_req *r);

const struct route roles_routes[] = {
	{ "GET", "/roles", page_roles, PERM_ORG_MEMBER, CSRF_NONE,
	    "役割分担 (表8・表9) と担当者" },
	{ "POST", "/roles", page_roles_post, PERM_ORG_ADMIN, CSRF_SESSION,
	    "役割分担の担当者を保存 (フォーム全体、または指定した役割だけ)" },
};
const size_t roles_route_count = sizeof(roles_routes) / sizeof(roles_routes[0]);

#define ROLES_MAX 32

static json_t *
view(struct web_req *r)
{
	bool admin = perm_allows(PERM_ORG_ADMIN, r->role, false);
	struct err e;
	json_t *v;

	err_clear(&e);
	v = role_holder_view(&r->app, &r->org, r->lang, admin, &e);
	if (v != NULL && !r->api) {
		json_object_set_new(v, "can_edit", json_boolean(admin));
		json_object_set_new(v, "title", json_string(web_t(r, "role_holders.title")));
	}
	return v;
}

static void
page_roles(struct web_req *r)
{
	json_t *v = view(r);

	if (v == NULL) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	web_page(r, 200, "roles", v);
}

/* the form's fields of role ID into IN; false when none is given */
static bool
read_role(struct web_req *r, const char *id, struct role_holder_input *in, bool *bad)
{
	const char *acc = web_input(r, arena_printf(r->req->arena, "account_%s", id));
	const char *name = web_input(r, arena_printf(r->req->arena, "name_%s", id));
	const char *note = web_input(r, arena_printf(r->req->arena, "note_%s", id));
	long v = 0;

	if (acc == NULL && name == NULL && note == NULL)
		return false;
	memset(in, 0, sizeof(*in));
	in->role_id = id;
	if (acc != NULL && *acc != '\0' && (!text_parse_long(acc, &v) || v <= 0))
		*bad = true;
	in->account_id = v;
	in->name = name;
	in->note = note;
	return true;
}

static void
page_roles_post(struct web_req *r)
{
	static const char *const lists[] = { "roles-normal", "roles-emergency" };
	struct role_holder_input in[ROLES_MAX];
	size_t n = 0, k, i;
	bool bad = false;
	struct err e;
	json_t *it;

	for (k = 0; k < sizeof(lists) / sizeof(lists[0]); k++) {
		const struct catalog_list *l = catalog_list(r->app.cat, lists[k]);
		if (l == NULL)
			continue;
		json_array_foreach(l->items, i, it) {
			const char *id = json_string_value(json_object_get(it, "id"));
			if (id != NULL && n < ROLES_MAX && read_role(r, id, &in[n], &bad))
				n++;
		}
	}
	if (bad) {
		web_error(r, 400, NULL, web_t(r, "role_holders.bad_account"));
		return;
	}
	err_clear(&e);
	if (role_holder_save(&r->app, &r->org, in, n, &e) != MM_OK) {
		web_error_err(r, e.code == MM_EINVAL ? 400 : 500, &e);
		return;
	}
	if (r->api) {
		web_json(r, 200, view(r));
		return;
	}
	web_redirect(r, arena_printf(r->req->arena, "%s/roles", r->base), "flash.saved");
}
