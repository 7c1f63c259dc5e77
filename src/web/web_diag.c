/* web_diag.c — the 自社診断 in the browser: rounds, answering, results. */
#include <stdlib.h>
#include <string.h>

#include "app/diag_service.h"
#include "app/diag_view.h"
#include "web/pages.h"

static void page_diag_index(struct web_req *r);

const struct route diag_routes[] = {
	{ "GET", "/diagnosis", page_diag_index, PERM_ORG_MEMBER, CSRF_NONE,
	    "自社診断の一覧" },
};
const size_t diag_route_count = sizeof(diag_routes) / sizeof(diag_routes[0]);

static void
page_diag_index(struct web_req *r)
{
	struct diag_round_row *rows;
	struct err e;
	size_t n, i;
	json_t *arr;

	err_clear(&e);
	if (diag_round_list(r->app.db, r->org.id, true, &rows, &n, &e) != MM_OK) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	arr = json_array();
	for (i = n; i-- > 0;)
		json_array_append_new(arr, diag_round_summary_json(&r->app.cat->diag, &rows[i],
		    r->lang));
	free(rows);
	web_page(r, 200, "diagnosis_index", json_pack("{sssbso}", "title",
	    web_t(r, "diagnosis.title"), "has_rounds", json_array_size(arr) > 0, "rounds", arr));
}
