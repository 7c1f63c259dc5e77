/* web_public.c — what mamori shows without logging in: the published
 * 情報セキュリティ基本方針 of an organisation at /p/SLUG/policy, the
 * address a company gives on its website and in its SECURITY ACTION ★★
 * declaration. Nothing else of the organisation is shown. */
#include <string.h>

#include "app/document_service.h"
#include "web/pages.h"

static void page_public_policy(struct web_req *r);

const struct route public_routes[] = {
	{ "GET", "/p/:slug/policy", page_public_policy, PERM_PUBLIC, CSRF_NONE,
	    "公開された情報セキュリティ基本方針 (ログイン不要)" },
};
const size_t public_route_count = sizeof(public_routes) / sizeof(public_routes[0]);

static void
page_public_policy(struct web_req *r)
{
	struct org o;
	struct err e;
	json_t *v = NULL;

	err_clear(&e);
	if (org_get_by_slug(r->app.db, web_param(r, 0), &o, &e) == MM_OK)
		v = document_public_policy(&r->app, &o, &e);
	if (v == NULL) {
		web_error(r, 404, "documents.no_public_policy", NULL);
		return;
	}
	if (!r->api) {
		json_object_set_new(v, "body", mustache_safe_html(
		    json_string_value(json_object_get(v, "html"))));
		json_object_del(v, "html");
	}
	web_page(r, 200, "public_policy", v);
}
