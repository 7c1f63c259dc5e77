/* web_asset.c — the 情報資産管理台帳 and the risk analysis in the browser. */
#include <stdlib.h>
#include <string.h>

#include "app/asset_service.h"
#include "web/pages.h"

static void page_assets(struct web_req *r);

const struct route asset_routes[] = {
	{ "GET", "/assets", page_assets, PERM_ORG_READ, CSRF_NONE, "情報資産管理台帳" },
};
const size_t asset_route_count = sizeof(asset_routes) / sizeof(asset_routes[0]);

static void
page_assets(struct web_req *r)
{
	struct asset_filter f;
	struct asset *v;
	size_t n, i;
	long long total;
	struct err e;
	json_t *arr;

	memset(&f, 0, sizeof(f));
	f.sort = ASSET_SORT_RISK;
	f.desc = true;
	f.limit = 50;
	err_clear(&e);
	if (asset_list(r->app.db, r->org.id, &f, &v, &n, &total, &e) != MM_OK) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, asset_json(&r->app, &v[i], r->lang));
	free(v);
	web_page(r, 200, "assets", json_pack("{sssIsbso}", "title", web_t(r, "assets.title"),
	    "total", (json_int_t)total, "has_assets", total > 0, "assets", arr));
}
