/* web_risk.c — the risk analysis of 付録7 in the browser and the API: the
 * risk list by value with the heat map (重要度 × 被害発生可能性), the
 * counts per band and the 大 risks without a treatment; and 脅威の状況,
 * where the organisation rates how often the threats of each medium
 * occur (saving recomputes every risk). */
#include <stdlib.h>
#include <string.h>

#include "app/asset_query.h"
#include "app/asset_service.h"
#include "render/svg_chart.h"
#include "util/text.h"
#include "web/pages.h"
#include "web/web_asset.h"

#define RISK_GAPS_SHOWN 50

static void page_risk(struct web_req *r);
static void page_risk_threats(struct web_req *r);
static void page_risk_threats_post(struct web_req *r);

const struct route risk_routes[] = {
	{ "GET", "/risk", page_risk, PERM_ORG_READ, CSRF_NONE,
	    "リスク分析 (リスク値の高い順・ヒートマップ・対応が決まっていない大リスク)" },
	{ "GET", "/risk/threats", page_risk_threats, PERM_ORG_READ, CSRF_NONE, "脅威の状況" },
	{ "POST", "/risk/threats", page_risk_threats_post, PERM_ORG_EDIT, CSRF_SESSION,
	    "脅威の状況の評価 (リスク値を計算し直す)" },
};
const size_t risk_route_count = sizeof(risk_routes) / sizeof(risk_routes[0]);

/* TEXT with each "{{x}}" of NAMES replaced by the number in VALS */
static const char *
fill(struct web_req *r, const char *text, const char *const *names, const long long *vals,
    size_t n)
{
	size_t k;

	for (k = 0; k < n && text != NULL; k++) {
		char tag[16];
		const char *at;
		snprintf(tag, sizeof(tag), "{{%s}}", names[k]);
		if ((at = strstr(text, tag)) != NULL)
			text = arena_printf(r->req->arena, "%.*s%lld%s", (int)(at - text), text,
			    vals[k], at + strlen(tag));
	}
	return text ? text : "";
}

/* ---- the risk page ---- */

/* the heat map of OV as SVG (made by our renderer from numbers and UI
 * strings only) */
static json_t *
heatmap(struct web_req *r, const struct risk_overview *ov)
{
	static const char *const names[] = { "i", "l", "v", "n" };
	const struct risk_model *m = &r->app.cat->risk;
	const struct catalog_list *ll = catalog_list(r->app.cat, "likelihood-levels");
	struct heat_map hm;
	struct buf b;
	json_t *out = NULL;
	int i, l;

	memset(&hm, 0, sizeof(hm));
	hm.title = web_t(r, "risk.heatmap");
	hm.row_title = web_t(r, "assets.importance");
	hm.col_title = web_t(r, "assets.likelihood");
	for (i = 0; i < HEAT_N; i++) {
		struct ltext t = catalog_text(ll ? json_array_get(ll->items, (size_t)i) : NULL,
		    "label");
		hm.row_ticks[i] = arena_printf(r->req->arena, "%d", i + 1);
		hm.col_ticks[i] = arena_printf(r->req->arena, "%d %s", i + 1, ltext_get(&t, r->lang));
	}
	for (i = 0; i < HEAT_N; i++)
		for (l = 0; l < HEAT_N; l++) {
			const struct risk_band *band = risk_band_for(m, (i + 1) * (l + 1));
			long long vals[4] = { i + 1, l + 1, (i + 1) * (l + 1), ov->cells[i][l] };
			struct heat_cell *c = &hm.cells[i][l];
			c->cls = band ? band->id : "";
			c->value = fill(r, web_t(r, "risk.cell_value"), names, vals, 4);
			c->count = fill(r, web_t(r, "risk.cell_count"), names, vals, 4);
			c->label = web_asset_subst(r, fill(r, web_t(r, "risk.cell_label"), names,
			    vals, 4), "band", band ? ltext_get(&band->label, r->lang) : "");
			c->href = arena_printf(r->req->arena, "%s/assets?importance=%d&likelihood=%d",
			    r->base, i + 1, l + 1);
		}
	buf_init(&b, 65536);
	if (svg_heatmap(&b, &hm))
		out = mustache_safe_html(buf_cstr(&b));
	buf_free(&b);
	return out;
}

static json_t *
rows_json(struct web_req *r, const struct asset *v, size_t n)
{
	struct asset_rows rows;
	json_t *arr = json_array();
	size_t i;

	web_asset_rows_init(&rows, r);
	for (i = 0; i < n; i++)
		json_array_append_new(arr, r->api ? asset_json(&r->app, &v[i], r->lang) :
		    web_asset_row(&rows, &v[i]));
	web_asset_rows_free(&rows);
	return arr;
}

/* the counts per band, highest first, with their meaning */
static json_t *
band_counts(struct web_req *r, const struct risk_overview *ov)
{
	const struct risk_model *m = &r->app.cat->risk;
	json_t *arr = json_array();
	size_t k;

	for (k = 0; k < m->nbands; k++) {
		const struct risk_band *b = &m->bands[k];
		long long n = strcmp(b->id, "risk-high") == 0 ? ov->high :
		    strcmp(b->id, "risk-medium") == 0 ? ov->medium : ov->low;
		json_array_append_new(arr, json_pack("{sssssIsssssiss}", "id", b->id, "label",
		    ltext_get(&b->label, r->lang), "count", (json_int_t)n, "description",
		    ltext_get(&b->description, r->lang), "range", b->min == b->max ?
		    arena_printf(r->req->arena, "%d", b->min) :
		    arena_printf(r->req->arena, "%d–%d", b->min, b->max), "min", b->min,
		    "href", arena_printf(r->req->arena, "%s/assets?band=%s&sort=risk&dir=desc",
		    r->base, b->id)));
	}
	return arr;
}

/* the heat map's cells as data, for the API */
static json_t *
cells_json(struct web_req *r, const struct risk_overview *ov)
{
	const struct risk_model *m = &r->app.cat->risk;
	json_t *arr = json_array();
	int i, l;

	for (i = 0; i < RISK_LEVELS; i++)
		for (l = 0; l < RISK_LEVELS; l++) {
			const struct risk_band *b = risk_band_for(m, (i + 1) * (l + 1));
			json_array_append_new(arr, json_pack("{sisisisssI}", "importance", i + 1,
			    "likelihood", l + 1, "risk", (i + 1) * (l + 1), "band", b ? b->id : "",
			    "count", (json_int_t)ov->cells[i][l]));
		}
	return arr;
}

static void
page_risk(struct web_req *r)
{
	struct risk_overview ov;
	struct asset_query q;
	struct asset *v = NULL;
	size_t n = 0;
	long long total = 0, page = 1, pages;
	const char *s = http_query(r->req, "page");
	struct err e;
	json_t *m, *list, *pager;
	long p;

	if (s != NULL && text_parse_long(s, &p) && p > 0)
		page = p;
	memset(&q, 0, sizeof(q));
	q.f.sort = ASSET_SORT_RISK;
	q.f.desc = true;
	q.f.limit = ASSET_PAGE_SIZE;
	err_clear(&e);
	if (risk_overview_load(&r->app, r->org.id, true, RISK_GAPS_SHOWN, &ov, &e) != MM_OK) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	pages = (ov.total + ASSET_PAGE_SIZE - 1) / ASSET_PAGE_SIZE;
	if (page > pages && pages > 0)
		page = pages;
	q.f.offset = (page - 1) * ASSET_PAGE_SIZE;
	if (asset_query_page(&r->app, r->org.id, &q, &v, &n, &total, &e) != MM_OK) {
		risk_overview_free(&ov);
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	list = rows_json(r, v, n);
	free(v);
	if (r->api) {
		web_json(r, 200, json_pack("{sIsIsIsIsIsisos{sIsIsIso}so}",
		    "total", (json_int_t)ov.total, "high", (json_int_t)ov.high,
		    "medium", (json_int_t)ov.medium, "low", (json_int_t)ov.low,
		    "untreated_high", (json_int_t)ov.untreated_high,
		    "media_unrated", ov.media_unrated, "heatmap", cells_json(r, &ov),
		    "risks", "total", (json_int_t)total, "page", (json_int_t)page,
		    "pages", (json_int_t)pages, "assets", list,
		    "gaps", rows_json(r, ov.gaps, ov.ngaps)));
		risk_overview_free(&ov);
		return;
	}
	m = json_pack("{sssIsbsoso?sososbsbsIss}", "title", web_t(r, "risk.title"),
	    "total", (json_int_t)ov.total, "has_assets", ov.total > 0,
	    "bands", band_counts(r, &ov), "heatmap_svg", heatmap(r, &ov),
	    "gaps", rows_json(r, ov.gaps, ov.ngaps), "rows", list,
	    "has_gaps", ov.ngaps > 0, "bulk", 0, "untreated_high", (json_int_t)ov.untreated_high,
	    "gaps_text", web_asset_tn(r, "risk.gaps_count", ov.untreated_high));
	if (m != NULL && ov.untreated_high > (long long)ov.ngaps)
		json_object_set_new(m, "gaps_more", json_string(arena_printf(r->req->arena,
		    "%s/assets?band=risk-high&untreated=1&sort=risk&dir=desc", r->base)));
	if (m != NULL && ov.media_unrated > 0)
		json_object_set_new(m, "unrated_text", json_string(web_asset_tn(r,
		    "risk.media_unrated", ov.media_unrated)));
	if (m != NULL && (pager = web_asset_pager(r, arena_printf(r->req->arena,
	    "%s/risk?page=", r->base), page, pages)) != NULL)
		json_object_set_new(m, "pager", pager);
	risk_overview_free(&ov);
	web_page(r, 200, "risk", m);
}

/* ---- 脅威の状況 ---- */

/* the choices of the threat rating of medium ID (RATING 0: 未評価) */
static json_t *
rating_options(struct web_req *r, const char *id, int rating, int default_threat)
{
	const struct catalog_list *l = catalog_list(r->app.cat, "threat-levels");
	const char *name = arena_printf(r->req->arena, "level_%s", id);
	json_t *arr = json_array(), *it;
	size_t i;

	json_array_append_new(arr, json_pack("{sssssssssb}", "name", name, "value", "0",
	    "label", web_t(r, "risk.unrated"), "description",
	    web_asset_tn(r, "risk.unrated_help", default_threat), "checked", rating == 0));
	json_array_foreach(l ? l->items : NULL, i, it) {
		struct ltext t = catalog_text(it, "label"), d = catalog_text(it, "description");
		json_int_t lv = json_integer_value(json_object_get(it, "level"));
		json_array_append_new(arr, json_pack("{sssssssssb}", "name", name,
		    "value", arena_printf(r->req->arena, "%lld", (long long)lv),
		    "label", arena_printf(r->req->arena, "%lld: %s", (long long)lv,
		    ltext_get(&t, r->lang)), "description", ltext_get(&d, r->lang),
		    "checked", rating == lv));
	}
	return arr;
}

static json_t *
threats_model(struct web_req *r, const char *error)
{
	const struct diag_model *dm = &r->app.cat->diag;
	const struct catalog_list *tl = catalog_list(r->app.cat, "threat-levels");
	struct err e;
	json_t *v, *md, *it, *levels;
	size_t k, i;

	err_clear(&e);
	if ((v = risk_threats_view(&r->app, &r->org, r->lang, &e)) == NULL || r->api)
		return v;
	bool diagnosed = json_is_true(json_object_get(v, "has_diagnosis"));

	json_array_foreach(json_object_get(v, "media"), k, md) {
		const char *id = json_string_value(json_object_get(md, "id"));
		struct ltext ex = catalog_text(catalog_find_id(r->app.cat, id), "examples");
		json_object_set_new(md, "examples", json_string(ltext_get(&ex, r->lang)));
		json_object_set_new(md, "options", rating_options(r, id,
		    (int)json_integer_value(json_object_get(md, "rating")),
		    (int)json_integer_value(json_object_get(md, "default_threat"))));
		json_object_set_new(md, "unrated", json_boolean(!json_is_true(json_object_get(md,
		    "rated"))));
		json_object_set_new(md, "assets_href", json_string(arena_printf(r->req->arena,
		    "%s/assets?medium=%s", r->base, id)));
		json_object_set_new(md, "has_items",
		    json_boolean(json_array_size(json_object_get(md, "diagnosis_items")) > 0));
		json_array_foreach(json_object_get(md, "diagnosis_items"), i, it) {
			enum diag_answer a = diag_answer_from_id(json_string_value(json_object_get(it,
			    "answer")));
			json_object_set_new(it, "answer_label", json_string(a != DIAG_UNANSWERED ?
			    ltext_get(&dm->answers[a].label, r->lang) : diagnosed ?
			    web_t(r, "assets.no_answer") : ""));
		}
	}
	levels = json_array();
	json_array_foreach(tl ? tl->items : NULL, i, it) {
		struct ltext t = catalog_text(it, "label"), d = catalog_text(it, "description");
		json_array_append_new(levels, json_pack("{sOssss}", "level",
		    json_object_get(it, "level"), "label", ltext_get(&t, r->lang),
		    "description", ltext_get(&d, r->lang)));
	}
	json_object_set_new(v, "levels", levels);
	json_object_set_new(v, "title", json_string(web_t(r, "risk.threats_title")));
	json_object_set_new(v, "can_edit", json_boolean(perm_allows(PERM_ORG_EDIT, r->role,
	    false)));
	if (error != NULL)
		json_object_set_new(v, "error", json_string(error));
	return v;
}

static void
page_risk_threats(struct web_req *r)
{
	web_page(r, 200, "risk_threats", threats_model(r, NULL));
}

/* a rating as written: "" or "0" for 未評価, 1..3; -1 when bad */
static int
rating_parse(const char *s)
{
	if (s == NULL || *s == '\0' || strcmp(s, "0") == 0)
		return 0;
	if (s[0] >= '1' && s[0] <= '3' && s[1] == '\0')
		return s[0] - '0';
	return -1;
}

static void
threats_refused(struct web_req *r, int status, const char *message)
{
	if (r->api)
		web_error(r, status, NULL, message);
	else
		web_page(r, status, "risk_threats", threats_model(r, message));
}

static void
page_risk_threats_post(struct web_req *r)
{
	const struct risk_model *m = &r->app.cat->risk;
	int want[RISK_MAX_MEDIA], now;
	const char *one = web_asset_input(r, "medium"), *s;
	size_t k, asked = 0;
	struct err e;
	enum mm_err code;

	/* read and check everything before changing anything */
	for (k = 0; k < m->nmedia; k++) {
		if (one != NULL)
			s = strcmp(one, m->media[k].id) == 0 ? web_asset_input(r, "level") : NULL;
		else
			s = web_asset_input(r, arena_printf(r->req->arena, "level_%s",
			    m->media[k].id));
		want[k] = s != NULL ? rating_parse(s) : -2;
		if (want[k] == -1) {
			threats_refused(r, 400, web_asset_subst(r, web_t(r, "risk.bad_level"),
			    "medium", ltext_get(&m->media[k].label, r->lang)));
			return;
		}
		asked += want[k] != -2;
	}
	if (one != NULL && asked == 0) {
		threats_refused(r, 400, web_t(r, "risk.bad_medium"));
		return;
	}
	err_clear(&e);
	for (k = 0; k < m->nmedia; k++) {
		if (want[k] < 0)
			continue;
		if ((code = threat_rating_get(r->app.db, r->org.id, m->media[k].id, &now,
		    &e)) != MM_OK ||
		    (now != want[k] && (code = risk_rate_threat(&r->app, &r->org, m->media[k].id,
		    want[k], &e)) != MM_OK)) {
			threats_refused(r, code == MM_EINVAL ? 400 : 500, code == MM_EINVAL ?
			    web_err_text(r, &e) : web_t(r, "error.internal"));
			return;
		}
	}
	if (r->api)
		web_json(r, 200, threats_model(r, NULL));
	else
		web_redirect(r, arena_printf(r->req->arena, "%s/risk/threats", r->base),
		    "risk.flash_rated");
}
