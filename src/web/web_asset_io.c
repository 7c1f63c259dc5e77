/* web_asset_io.c — the ledger to and from files: CSV and XLSX export and
 * import (with a dry run). */
#include <stdlib.h>
#include <string.h>

#include "app/asset_service.h"
#include "render/csv_out.h"
#include "web/pages.h"

static void page_assets_csv(struct web_req *r);

const struct route asset_io_routes[] = {
	{ "GET", "/assets/export.csv", page_assets_csv, PERM_ORG_READ, CSRF_NONE,
	    "情報資産管理台帳の CSV 書き出し" },
};
const size_t asset_io_route_count = sizeof(asset_io_routes) / sizeof(asset_io_routes[0]);

static int
csv_row(void *ctx, const struct asset *as)
{
	struct buf *b = ctx;

	csv_field(b, as->name);
	csv_sep(b);
	csv_field(b, as->medium);
	csv_sep(b);
	csv_int(b, as->c);
	csv_sep(b);
	csv_int(b, as->i);
	csv_sep(b);
	csv_int(b, as->a);
	csv_sep(b);
	csv_int(b, as->importance);
	csv_end(b);
	return 0;
}

static void
page_assets_csv(struct web_req *r)
{
	struct asset_filter f;
	struct err e;

	memset(&f, 0, sizeof(f));
	err_clear(&e);
	r->resp->content_type = "text/csv; charset=utf-8";
	http_resp_header(r->resp, "Content-Disposition", "attachment; filename=\"assets.csv\"");
	csv_bom(&r->resp->body);
	buf_puts(&r->resp->body, "情報資産名称,媒体・保存先,機密性,完全性,可用性,重要度\r\n");
	if (asset_each(r->app.db, r->org.id, &f, csv_row, &r->resp->body, &e) != MM_OK) {
		buf_reset(&r->resp->body);
		web_error(r, 500, "error.internal", NULL);
	}
}
