/* web_diag_mine.c — the employees' own check in the browser: every member
 * answers the items of the part "employee" of the 自社診断 for themselves
 * (GET/POST /diagnosis/mine); the distribution is shown on the
 * organisation view (web_diag_result.c). */
#include <string.h>

#include "app/employee_check_service.h"
#include "web/web_diag.h"

/* the check of the account, with the answers of SHOWN (when not NULL)
 * instead of the stored ones, and ERROR */
static void
mine_page(struct web_req *r, int status, const struct diag_sheet *shown,
    const char *error)
{
	struct err e;
	json_t *model, *it;
	size_t i;

	err_clear(&e);
	model = employee_check_mine_json(&r->app, &r->org, r->auth.account.id, r->lang, &e);
	if (model == NULL) {
		diag_web_fail(r, &e);
		return;
	}
	if (r->api) {
		web_json(r, status, model);
		return;
	}
	json_array_foreach(json_object_get(model, "items"), i, it) {
		json_int_t no = json_integer_value(json_object_get(it, "no"));
		if (shown != NULL && no >= 1 && no <= DIAG_MAX_ITEMS)
			json_object_set_new(it, "answer", shown->answers[no - 1] == DIAG_UNANSWERED ?
			    json_null() : json_string(diag_answer_id(shown->answers[no - 1])));
	}
	diag_web_item_options(r, json_object_get(model, "items"));
	json_object_set_new(model, "title", json_string(web_t(r, "diagnosis.mine_title")));
	json_object_set_new(model, "is_admin", json_boolean(perm_allows(PERM_ORG_ADMIN,
	    r->role, false)));
	if (error != NULL)
		json_object_set_new(model, "error", json_string(error));
	web_page(r, status, "diagnosis_mine", model);
}

void
page_diag_mine(struct web_req *r)
{
	mine_page(r, 200, NULL, NULL);
}

void
page_diag_mine_post(struct web_req *r)
{
	const struct diag_model *m = &r->app.cat->diag;
	struct diag_sheet want, shown;
	bool given[DIAG_MAX_ITEMS];
	int bad[DIAG_MAX_ITEMS];
	size_t nbad = 0;
	struct err e;
	int no;

	memset(&want, 0, sizeof(want));
	memset(given, 0, sizeof(given));
	err_clear(&e);
	if (employee_check_load(&r->app, &r->org, r->auth.account.id, &shown, NULL, &e) !=
	    MM_OK) {
		diag_web_fail(r, &e);
		return;
	}
	for (no = 1; (size_t)no <= m->nitems; no++) {
		const char *a = diag_web_item_input(r, "a", "answers", no);
		if (a == NULL)
			continue;
		given[no - 1] = true;
		want.answers[no - 1] = *a ? diag_answer_parse(m, a) : DIAG_UNANSWERED;
		if (*a && want.answers[no - 1] == DIAG_UNANSWERED)
			bad[nbad++] = no;
		else
			shown.answers[no - 1] = want.answers[no - 1];
	}
	if (nbad > 0)
		err_set(&e, MM_EINVAL, "%s", diag_web_text(r, "diagnosis.bad_answers", "items",
		    diag_web_numbers(r, bad, nbad)));
	if (nbad > 0 || employee_check_save(&r->app, &r->org, r->auth.account.id, &want,
	    given, NULL, &e) != MM_OK) {
		if (e.code == MM_EINVAL && !r->api)
			mine_page(r, 400, &shown, web_err_text(r, &e));
		else
			diag_web_fail(r, &e);
		return;
	}
	if (r->api)
		mine_page(r, 200, NULL, NULL);
	else
		web_redirect(r, diag_web_href(r, "/mine"), "diagnosis.mine_saved_flash");
}
