/* dashboard.c — where an organisation stands. */
#include "app/dashboard.h"

#include <stdlib.h>
#include <string.h>

#include "app/asset_query.h"
#include "app/asset_service.h"
#include "app/diag_service.h"
#include "app/document_service.h"
#include "app/pledge_service.h"
#include "app/role_holder_service.h"
#include "core/journey.h"

/* the item to improve first: わからない, then 実施していない, then 一部 */
static int
weakest(const struct diag_round_view *v)
{
	static const enum diag_answer order[] = { DIAG_UNKNOWN, DIAG_NO, DIAG_PARTIAL };
	size_t k, i;

	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++)
		for (i = 0; i < v->result.nweak; i++)
			if (v->sheet.answers[v->result.weak[i] - 1] == order[k])
				return v->result.weak[i];
	return 0;
}

static json_t *
latest_json(const struct diag_model *m, const struct diag_round_view *v, enum lang lang)
{
	json_t *parts = json_array();
	size_t i;

	for (i = 0; i < m->nparts; i++)
		json_array_append_new(parts, json_pack("{sssssisi}", "id", m->parts[i].id,
		    "label", ltext_get(&m->parts[i].label, lang),
		    "score", v->result.parts[i].score, "max", v->result.parts[i].max));
	return json_pack("{sIsisisssssbssss#sosisi}", "id", (json_int_t)v->row.id,
	    "total", v->result.total, "max", v->result.max, "band", v->result.band->id,
	    "band_label", ltext_get(&v->result.band->label, lang),
	    "rescaled", v->result.rescaled, "completed_at", v->row.completed_at,
	    "completed_on", v->row.completed_at, (int)10,
	    "parts", parts, "unknown", (int)v->result.nunknown, "weak", (int)v->result.nweak);
}

#define DASHBOARD_GAPS 5

/* the risk analysis in short: counts per band and the first gaps */
static json_t *
risk_json(const struct app *a, const struct risk_overview *ov, enum lang lang)
{
	json_t *gaps = json_array();
	size_t i;

	for (i = 0; i < ov->ngaps; i++)
		json_array_append_new(gaps, asset_json(a, &ov->gaps[i], lang));
	return json_pack("{sIsIsIsIsIsisbso}", "total", (json_int_t)ov->total,
	    "high", (json_int_t)ov->high, "medium", (json_int_t)ov->medium,
	    "low", (json_int_t)ov->low, "untreated_high", (json_int_t)ov->untreated_high,
	    "media_unrated", ov->media_unrated, "analysed", ov->total > 0 && ov->media_unrated == 0,
	    "gaps", gaps);
}

json_t *
dashboard_view(struct app *a, const struct org *o, enum lang lang, struct err *e)
{
	struct risk_overview ov;
	const struct catalog_list *steps = catalog_list(a->cat, "steps");
	struct journey_facts f;
	struct journey j;
	struct diag_round_total *rounds = NULL;
	struct diag_round_view latest;
	size_t n = 0, i;
	bool has_latest = false, roles_held = false;
	json_t *pledges = NULL, *out = NULL, *arr, *trend;

	memset(&f, 0, sizeof(f));
	memset(&latest, 0, sizeof(latest));
	memset(&ov, 0, sizeof(ov));
	if (risk_overview_load(a, o->id, false, DASHBOARD_GAPS, &ov, e) != MM_OK)
		return NULL;
	if ((pledges = pledge_view(a, o, lang, e)) == NULL ||
	    diag_round_totals(a->db, o->id, &rounds, &n, e) != MM_OK ||
	    role_holder_complete(a, o, &roles_held, e) != MM_OK ||
	    document_state(a, o, &f.policy_established, &f.policy_published,
	    &f.handbook_published, e) != MM_OK)
		goto done;
	if (n > 0) {
		if (diag_round_load(a, o, rounds[n - 1].id, &latest, e) != MM_OK)
			goto done;
		has_latest = true;
	}
	f.pledges_total = (int)json_integer_value(json_object_get(pledges, "total"));
	f.pledges_done = (int)json_integer_value(json_object_get(pledges, "done"));
	f.pledged = json_is_true(json_object_get(pledges, "pledged"));
	f.diagnoses_completed = (int)n;
	if (has_latest) {
		f.unknown_items = (int)latest.result.nunknown;
		f.weak_items = (int)latest.result.nweak;
		f.weakest_item = weakest(&latest);
	}
	f.policy_published = f.policy_published || o->policy_url[0] != '\0';
	f.profile_complete = o->industry[0] && o->employees >= 0 && o->representative[0];
	f.declaration_recorded = o->sa_id[0] != '\0';
	f.assets = ov.total > 0x7fffffff ? 0x7fffffff : (int)ov.total;
	f.media_unrated = ov.media_unrated;
	f.high_risks_untreated = ov.untreated_high > 0x7fffffff ? 0x7fffffff :
	    (int)ov.untreated_high;
	/* Step 3: the risk analysis (2 facts), 管理体制 (a holder for every
	 * role of 表8) and later capabilities */
	f.step3_total = 5;
	f.step3_done = roles_held ? 1 : 0;
	f.step4_total = 8;
	journey_derive(&f, &j);

	out = json_pack("{si}", "step", j.step);
	arr = json_array();
	for (i = 0; i < JOURNEY_STEPS; i++) {
		json_t *st = steps ? json_array_get(steps->items, i) : NULL;
		struct ltext title = catalog_text(st, "title");
		struct ltext sub = catalog_text(st, "subtitle");
		json_array_append_new(arr, json_pack("{sisssssisisisbsb}", "no", (int)i + 1,
		    "title", ltext_get(&title, lang), "subtitle", ltext_get(&sub, lang),
		    "done", j.done[i], "total", j.total[i], "percent", j.percent[i],
		    "current", j.step == (int)i + 1, "complete", j.total[i] > 0 &&
		    j.done[i] >= j.total[i]));
	}
	json_object_set_new(out, "steps", arr);
	json_object_set_new(out, "security_action", json_pack("{sbsbss?ss?ss?}",
	    "star1_ready", j.star1_ready, "star2_ready", j.star2_ready,
	    "level", o->sa_level[0] ? o->sa_level : NULL, "id", o->sa_id[0] ? o->sa_id : NULL,
	    "date", o->sa_date[0] ? o->sa_date : NULL));
	json_object_set_new(out, "latest_diagnosis", has_latest ?
	    latest_json(&a->cat->diag, &latest, lang) : json_null());
	trend = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(trend, json_pack("{sIss#si}", "id", (json_int_t)rounds[i].id,
		    "date", rounds[i].completed_at, (int)10, "total", rounds[i].total));
	json_object_set_new(out, "trend", trend);
	json_object_set_new(out, "pledges", json_pack("{sOsOsO}", "done",
	    json_object_get(pledges, "done"), "total", json_object_get(pledges, "total"),
	    "pledged", json_object_get(pledges, "pledged")));
	arr = json_array();
	for (i = 0; i < j.nnext; i++)
		json_array_append_new(arr, json_pack("{ssso}", "id", journey_action_id(j.next[i]),
		    "item", j.next[i] == JA_IMPROVE ? json_integer(f.weakest_item) : json_null()));
	json_object_set_new(out, "next_actions", arr);
	json_object_set_new(out, "risk", risk_json(a, &ov, lang));
done:
	risk_overview_free(&ov);
	if (has_latest)
		diag_round_view_free(&latest);
	free(rounds);
	json_decref(pledges);
	return out;
}
