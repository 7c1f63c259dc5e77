/* asset_view.c — the ledger and the risk analysis as JSON. */
#include <string.h>

#include "app/asset_query.h"
#include "app/asset_service.h"

static const char *
band_label(const struct risk_model *m, const char *id, enum lang lang)
{
	size_t k;

	for (k = 0; k < m->nbands; k++)
		if (strcmp(m->bands[k].id, id) == 0)
			return ltext_get(&m->bands[k].label, lang);
	return "";
}

json_t *
asset_json(const struct app *a, const struct asset *as, enum lang lang)
{
	const struct risk_model *m = &a->cat->risk;
	const struct risk_medium *md = risk_medium_find(m, as->medium);
	const struct risk_treatment_kind *tk;
	json_t *j;

	j = json_pack("{sIsssssssssssssssbsbsbsisisisisssssososisisssisssiss}",
	    "id", (json_int_t)as->id, "business_category", as->business_category,
	    "name", as->name, "note", as->note, "users_scope", as->users_scope,
	    "department", as->department, "medium", as->medium,
	    "medium_label", md ? ltext_get(&md->label, lang) : as->medium,
	    "personal", as->personal, "sensitive", as->sensitive, "my_number", as->my_number,
	    "confidentiality", as->c, "integrity", as->i, "availability", as->a,
	    "importance", as->importance, "retention", as->retention,
	    "registered_on", as->registered_on,
	    "threat_override", as->threat_override ? json_integer(as->threat_override) : json_null(),
	    "vulnerability_override", as->vulnerability_override ?
	    json_integer(as->vulnerability_override) : json_null(),
	    "threat", as->threat, "vulnerability", as->vulnerability,
	    "threat_source", as->threat_source, "likelihood", as->likelihood,
	    "vulnerability_source", as->vulnerability_source,
	    "risk", as->risk_value, "band", as->band);
	if (j == NULL)
		return NULL;
	json_object_set_new(j, "band_label", json_string(band_label(m, as->band, lang)));
	if (as->has_treatment) {
		tk = risk_treatment_find(m, as->t_kind);
		json_object_set_new(j, "treatment", json_pack("{ssssssssss?ssso}",
		    "kind", as->t_kind, "kind_label", tk ? ltext_get(&tk->label, lang) : as->t_kind,
		    "measure", as->t_measure, "owner", as->t_owner,
		    "due", as->t_due[0] ? as->t_due : NULL, "status", as->t_status,
		    "residual", as->t_residual ? json_integer(as->t_residual) : json_null()));
	} else {
		json_object_set_new(j, "treatment", json_null());
	}
	return j;
}

json_t *
risk_threats_view(struct app *a, const struct org *o, enum lang lang, struct err *e)
{
	struct risk_context ctx;
	const struct risk_model *m = &a->cat->risk;
	json_t *arr, *threats, *ref;
	size_t k, i;

	if (risk_context_load(a, o->id, &ctx, e) != MM_OK)
		return NULL;
	arr = json_array();
	for (k = 0; k < m->nmedia; k++) {
		const struct risk_medium *md = &m->media[k];
		json_t *entry = catalog_find_id(a->cat, md->id), *items = json_array();
		int v = risk_vulnerability(md, ctx.has_diagnosis ? &ctx.diagnosis : NULL);
		threats = json_array();
		json_array_foreach(json_object_get(entry, "threat_refs"), i, ref) {
			json_t *t = catalog_find_id(a->cat, json_string_value(ref));
			struct ltext l = catalog_text(t, "label");
			json_array_append_new(threats, json_pack("{ssss}", "id",
			    json_string_value(ref), "label", ltext_get(&l, lang)));
		}
		for (i = 0; i < md->nitems; i++)
			json_array_append_new(items, json_pack("{sissssss?}", "no", md->items[i],
			    "title", ltext_get(&a->cat->diag.items[md->items[i] - 1].title, lang),
			    "answer", ctx.has_diagnosis ?
			    diag_answer_id(ctx.diagnosis.answers[md->items[i] - 1]) : "",
			    "note", NULL));
		json_array_append_new(arr, json_pack("{sssssosisisbsisssosb}",
		    "id", md->id, "label", ltext_get(&md->label, lang), "threats", threats,
		    "default_threat", md->default_threat, "rating", ctx.rating[k],
		    "rated", ctx.rating[k] != 0,
		    "threat", ctx.rating[k] ? ctx.rating[k] : md->default_threat,
		    "threat_source", ctx.rating[k] ? "rated" : "default",
		    "diagnosis_items", items, "vulnerability_rated", ctx.has_diagnosis));
		json_object_set_new(json_array_get(arr, k), "vulnerability", json_integer(v));
	}
	return json_pack("{sbso}", "has_diagnosis", ctx.has_diagnosis, "media", arr);
}

json_t *
risk_summary(struct app *a, const struct org *o, struct err *e)
{
	struct risk_overview ov;
	json_t *j;

	if (risk_overview_load(a, o->id, false, 0, &ov, e) != MM_OK)
		return NULL;
	j = json_pack("{sIsIsIsIsI}", "high", (json_int_t)ov.high, "medium",
	    (json_int_t)ov.medium, "low", (json_int_t)ov.low, "total", (json_int_t)ov.total,
	    "untreated_high", (json_int_t)ov.untreated_high);
	risk_overview_free(&ov);
	return j;
}
