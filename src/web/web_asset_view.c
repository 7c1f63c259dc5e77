/* web_asset_view.c — one asset of the 情報資産管理台帳: its ledger entry,
 * the breakdown of its risk (where 脅威 and 脆弱性 came from: the medium's
 * rating or the catalog default 未評価, the 自社診断 items mapped to the
 * medium and their answers, or an override) and its treatment. */
#include <stdlib.h>
#include <string.h>

#include "app/asset_service.h"
#include "web/pages.h"
#include "web/web_asset.h"

static json_t *
treatment_kinds(struct web_req *r, const char *selected)
{
	const struct catalog_list *l = catalog_list(r->app.cat, "treatments");
	json_t *arr = json_array(), *it;
	size_t i;

	json_array_foreach(l ? l->items : NULL, i, it) {
		struct ltext lb = catalog_text(it, "label"), d = catalog_text(it, "description");
		struct ltext ex = catalog_text(it, "example");
		const char *id = json_string_value(json_object_get(it, "id"));
		json_array_append_new(arr, json_pack("{sssssssssb}", "id", id, "label",
		    ltext_get(&lb, r->lang), "description", ltext_get(&d, r->lang), "example",
		    ltext_get(&ex, r->lang), "checked", selected != NULL && id != NULL &&
		    strcmp(selected, id) == 0));
	}
	return arr;
}

static json_t *
choice_list(struct web_req *r, const char *const *values, const char *const *keys,
    size_t n, const char *selected)
{
	json_t *arr = json_array();
	size_t k;

	for (k = 0; k < n; k++)
		json_array_append_new(arr, json_pack("{sssssb}", "value", values[k], "label",
		    keys[k] ? web_t(r, keys[k]) : values[k], "selected",
		    selected != NULL && strcmp(selected, values[k]) == 0));
	return arr;
}

/* where T came from, in words */
static const char *
threat_source_text(struct web_req *r, const struct asset *as, const char *medium)
{
	const char *key = strcmp(as->threat_source, "override") == 0 ? "assets.src_t_override" :
	    strcmp(as->threat_source, "rated") == 0 ? "assets.src_t_rated" :
	    "assets.src_t_default";

	return web_asset_subst(r, web_t(r, key), "medium", medium);
}

static const char *
vulnerability_source_text(struct web_req *r, const struct asset *as)
{
	return web_t(r, strcmp(as->vulnerability_source, "override") == 0 ?
	    "assets.src_v_override" : strcmp(as->vulnerability_source, "rated") == 0 ?
	    "assets.src_v_rated" : "assets.src_v_default");
}

/* the 自社診断 items mapped to the medium MD and their latest answers */
static json_t *
diag_items(struct web_req *r, const struct risk_medium *md, const struct risk_context *ctx)
{
	const struct diag_model *dm = &r->app.cat->diag;
	json_t *arr = json_array();
	size_t k;

	for (k = 0; md != NULL && k < md->nitems; k++) {
		int no = md->items[k];
		enum diag_answer a = ctx->has_diagnosis ? ctx->diagnosis.answers[no - 1] :
		    DIAG_UNANSWERED;
		json_array_append_new(arr, json_pack("{sissssss}", "no", no, "title",
		    ltext_get(&dm->items[no - 1].title, r->lang), "answer", diag_answer_id(a),
		    "answer_label", a != DIAG_UNANSWERED ? ltext_get(&dm->answers[a].label, r->lang) :
		    ctx->has_diagnosis ? web_t(r, "assets.no_answer") : ""));
	}
	return arr;
}

/* the page of asset AS; TIN and ERROR after a refused treatment */
static json_t *
asset_model(struct web_req *r, const struct asset *as, const struct treatment_input *tin,
    const char *error)
{
	static const char *const statuses[] = { "planned", "in_progress", "done" };
	static const char *const status_keys[] = { "assets.status_planned",
		"assets.status_in_progress", "assets.status_done" };
	static const char *const residuals[] = { "", "1", "2", "3", "4", "6", "9" };
	static const char *const residual_keys[] = { "assets.residual_none", NULL, NULL, NULL,
		NULL, NULL, NULL };
	const struct risk_model *rm = &r->app.cat->risk;
	const struct risk_medium *md = risk_medium_find(rm, as->medium);
	const struct risk_band *band = risk_band_for(rm, as->risk_value);
	const char *medium = md ? ltext_get(&md->label, r->lang) : as->medium;
	struct risk_context *ctx = malloc(sizeof(*ctx));
	const struct catalog_list *imp = catalog_list(r->app.cat, "importance");
	struct ltext imp_desc = catalog_text(imp ? json_array_get(imp->items,
	    (size_t)(as->importance > 0 ? as->importance - 1 : 0)) : NULL, "description");
	json_t *m, *threats, *ref, *entry, *row;
	struct asset_rows rows;
	struct err e;
	size_t i;

	err_clear(&e);
	if (ctx == NULL || risk_context_load(&r->app, r->org.id, ctx, &e) != MM_OK) {
		free(ctx);
		return NULL;
	}
	web_asset_rows_init(&rows, r);
	row = web_asset_row(&rows, as);
	web_asset_rows_free(&rows);
	threats = json_array();
	entry = md ? catalog_find_id(r->app.cat, md->id) : NULL;
	json_array_foreach(json_object_get(entry, "threat_refs"), i, ref) {
		struct ltext l = catalog_text(catalog_find_id(r->app.cat, json_string_value(ref)),
		    "label");
		json_array_append_new(threats, json_string(ltext_get(&l, r->lang)));
	}
	m = json_pack("{sssosososssssssssbsbsbsbsbsoso}", "title", as->name,
	    "a", asset_json(&r->app, as, r->lang), "row", row,
	    "threats", threats, "threat_text", threat_source_text(r, as, medium),
	    "vuln_text", vulnerability_source_text(r, as),
	    "importance_text", ltext_get(&imp_desc, r->lang),
	    "band_text", band ? ltext_get(&band->description, r->lang) : "",
	    "can_edit", web_asset_can_edit(r), "has_diagnosis", ctx->has_diagnosis,
	    "v_from_diag", strcmp(as->vulnerability_source, "override") != 0,
	    "is_high", strcmp(as->band, "risk-high") == 0,
	    "has_treatment", as->has_treatment,
	    "diag_items", diag_items(r, md, ctx),
	    "kinds", treatment_kinds(r, tin ? tin->kind : as->has_treatment ? as->t_kind : NULL));
	free(ctx);
	if (m == NULL)
		return NULL;
	json_object_set_new(m, "statuses", choice_list(r, statuses, status_keys, 3,
	    tin ? tin->status : as->has_treatment ? as->t_status : "planned"));
	json_object_set_new(m, "residuals", choice_list(r, residuals, residual_keys, 7,
	    tin ? tin->residual : web_asset_level(r, as->t_residual)));
	json_object_set_new(m, "tf", json_pack("{ssssss}", "measure",
	    tin && tin->measure ? tin->measure : as->t_measure, "owner",
	    tin && tin->owner ? tin->owner : as->t_owner, "due",
	    tin && tin->due ? tin->due : as->t_due));
	if (as->has_treatment)
		json_object_set_new(m, "status_label", json_string(web_asset_status_label(r,
		    as->t_status)));
	json_object_set_new(m, "base_href", json_string(web_asset_path(r, as->id, "")));
	if (error != NULL)
		json_object_set_new(m, "error", json_string(error));
	return m;
}

void
page_asset(struct web_req *r)
{
	struct asset *as = malloc(sizeof(*as));
	struct risk_context *ctx = NULL;
	struct err e;
	json_t *j;

	err_clear(&e);
	if (as == NULL) {
		web_error(r, 500, "error.internal", NULL);
	} else if (web_asset_load(r, as)) {
		if (r->api) {
			const struct risk_medium *md = risk_medium_find(&r->app.cat->risk, as->medium);
			j = asset_json(&r->app, as, r->lang);
			if ((ctx = malloc(sizeof(*ctx))) != NULL &&
			    risk_context_load(&r->app, r->org.id, ctx, &e) == MM_OK)
				json_object_set_new(j, "diagnosis_items", diag_items(r, md, ctx));
			web_json(r, 200, j);
		} else {
			web_page(r, 200, "asset", asset_model(r, as, NULL, NULL));
		}
	}
	free(ctx);
	free(as);
}

void
page_asset_treatment(struct web_req *r)
{
	struct treatment_input tin;
	struct asset *as = malloc(sizeof(*as));
	struct err e;
	enum mm_err code;

	if (as == NULL) {
		web_error(r, 500, "error.internal", NULL);
		goto done;
	}
	if (!web_asset_load(r, as))
		goto done;
	memset(&tin, 0, sizeof(tin));
	tin.kind = web_asset_input(r, "kind");
	tin.measure = web_asset_input(r, "measure");
	tin.owner = web_asset_input(r, "owner");
	tin.due = web_asset_input(r, "due");
	tin.status = web_asset_input(r, "status");
	tin.residual = web_asset_input(r, "residual");
	if (tin.status == NULL || *tin.status == '\0')
		tin.status = "planned";
	err_clear(&e);
	if ((code = asset_set_treatment(&r->app, &r->org, as->id, &tin, &e)) != MM_OK) {
		if (code == MM_EINVAL && !r->api)
			web_page(r, 400, "asset", asset_model(r, as, &tin,
			    web_err_text(r, &e)));
		else
			web_asset_fail(r, code, &e);
		goto done;
	}
	if (r->api) {
		if ((code = asset_get(r->app.db, r->org.id, as->id, as, &e)) != MM_OK)
			web_asset_fail(r, code, &e);
		else
			web_json(r, 200, asset_json(&r->app, as, r->lang));
	} else {
		web_redirect(r, web_asset_path(r, as->id, "#treatment"), "assets.flash_treatment");
	}
done:
	free(as);
}
