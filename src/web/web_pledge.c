/* web_pledge.c — the 5か条 (付録1): each principle with its example
 * measures and status, the pledge for SECURITY ACTION ★, and a sheet to
 * print. */
#include <string.h>

#include "app/pledge_service.h"
#include "web/pages.h"
#include "web/web_report.h"

static void page_pledges(struct web_req *r);
static void page_pledge_sheet(struct web_req *r);
static void page_pledge_status_post(struct web_req *r);
static void page_pledge_declare_post(struct web_req *r);

const struct route pledge_routes[] = {
	{ "GET", "/pledges", page_pledges, PERM_ORG_MEMBER, CSRF_NONE, "5か条と取組状況" },
	{ "GET", "/pledges/sheet", page_pledge_sheet, PERM_ORG_MEMBER, CSRF_NONE,
	    "5か条の宣言シート (印刷用)" },
	{ "GET", "/pledges/sheet.pdf", page_pledge_sheet_pdf, PERM_ORG_MEMBER, CSRF_NONE,
	    "5か条の宣言シート (PDF)" },
	{ "POST", "/pledges/declaration", page_pledge_declare_post, PERM_ORG_ADMIN,
	    CSRF_SESSION, "5か条の宣言・取り下げ" },
	{ "POST", "/pledges/:id", page_pledge_status_post, PERM_ORG_EDIT, CSRF_SESSION,
	    "5か条の項目の取組状況を記録" },
};
const size_t pledge_route_count = sizeof(pledge_routes) / sizeof(pledge_routes[0]);

static json_t *
view(struct web_req *r)
{
	struct err e;
	json_t *v;

	err_clear(&e);
	v = pledge_view(&r->app, &r->org, r->lang, &e);
	if (v != NULL && !r->api) {
		json_object_set_new(v, "can_edit", json_boolean(perm_allows(PERM_ORG_EDIT, r->role,
		    false)));
		json_object_set_new(v, "can_declare", json_boolean(perm_allows(PERM_ORG_ADMIN,
		    r->role, false)));
		json_object_set_new(v, "org_name", json_string(r->org.name));
		json_object_set_new(v, "representative", json_string(r->org.representative));
		json_object_set_new(v, "representative_title",
		    json_string(r->org.representative_title));
	}
	return v;
}

static void
page_pledges(struct web_req *r)
{
	json_t *v = view(r);

	if (v == NULL) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	json_object_set_new(v, "title", json_string(web_t(r, "pledges.title")));
	web_page(r, 200, "pledges", v);
}

static void
page_pledge_sheet(struct web_req *r)
{
	json_t *v = view(r);

	if (v == NULL) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	json_object_set_new(v, "title", json_string(web_t(r, "pledges.sheet_title")));
	web_page(r, 200, "pledge_sheet", v);
}

static void
page_pledge_status_post(struct web_req *r)
{
	struct err e;

	err_clear(&e);
	if (pledge_set_status(&r->app, &r->org, web_param(r, 0), web_input(r, "status"),
	    web_input(r, "note"), &e) != MM_OK) {
		web_error_err(r, e.code == MM_EINVAL ? 400 : 500, &e);
		return;
	}
	if (r->api) {
		web_json(r, 200, view(r));
		return;
	}
	web_redirect(r, arena_printf(r->req->arena, "%s/pledges#%s", r->base,
	    web_param(r, 0)), "flash.saved");
}

static void
page_pledge_declare_post(struct web_req *r)
{
	const char *v = web_input(r, "pledge");
	struct err e;

	err_clear(&e);
	if (v == NULL || (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)) {
		web_error(r, 400, NULL, web_t(r, "pledges.bad_choice"));
		return;
	}
	if (pledge_declare(&r->app, &r->org, strcmp(v, "yes") == 0, &e) != MM_OK) {
		web_error_err(r, 500, &e);
		return;
	}
	if (r->api) {
		web_json(r, 200, view(r));
		return;
	}
	web_redirect(r, arena_printf(r->req->arena, "%s/pledges", r->base),
	    strcmp(v, "yes") == 0 ? "pledges.declared_flash" : "pledges.withdrawn_flash");
}
