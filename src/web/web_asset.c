/* web_asset.c — the 情報資産管理台帳 (付録7) in the browser and the API:
 * the route table of the ledger, the list (sort, filters, search, pages,
 * every row for printing) and what the ledger pages share. One asset with
 * its breakdown and treatment is in web_asset_view.c; create, edit,
 * duplicate, delete and bulk edit in web_asset_edit.c; the risk pages in
 * web_risk.c. */
#include <stdlib.h>
#include <string.h>

#include "app/asset_query.h"
#include "app/asset_service.h"
#include "util/text.h"
#include "web/pages.h"
#include "web/web_asset.h"

static void page_assets(struct web_req *r);

/* the fixed paths come before /assets/:id */
const struct route asset_routes[] = {
	{ "GET", "/assets", page_assets, PERM_ORG_READ, CSRF_NONE, "情報資産管理台帳 (一覧)" },
	{ "GET", "/assets/new", page_asset_new, PERM_ORG_EDIT, CSRF_NONE, "情報資産の登録画面" },
	{ "POST", "/assets", page_asset_create, PERM_ORG_EDIT, CSRF_SESSION, "情報資産の登録" },
	{ "POST", "/assets/bulk", page_asset_bulk, PERM_ORG_EDIT, CSRF_SESSION,
	    "情報資産の一括変更 (確認のあと)" },
	{ "GET", "/assets/:id", page_asset, PERM_ORG_READ, CSRF_NONE,
	    "情報資産とリスクの内訳" },
	{ "GET", "/assets/:id/edit", page_asset_edit, PERM_ORG_EDIT, CSRF_NONE,
	    "情報資産の編集画面" },
	{ "POST", "/assets/:id", page_asset_update, PERM_ORG_EDIT, CSRF_SESSION,
	    "情報資産の変更" },
	{ "POST", "/assets/:id/duplicate", page_asset_duplicate, PERM_ORG_EDIT, CSRF_SESSION,
	    "情報資産の複製" },
	{ "GET", "/assets/:id/delete", page_asset_delete, PERM_ORG_EDIT, CSRF_NONE,
	    "情報資産の削除の確認" },
	{ "POST", "/assets/:id/delete", page_asset_delete_post, PERM_ORG_EDIT, CSRF_SESSION,
	    "情報資産の削除" },
	{ "POST", "/assets/:id/treatment", page_asset_treatment, PERM_ORG_EDIT, CSRF_SESSION,
	    "リスクへの対応の記録" },
};
const size_t asset_route_count = sizeof(asset_routes) / sizeof(asset_routes[0]);

/* ---- shared with web_risk.c ---- */

const char *
web_asset_input(struct web_req *r, const char *name)
{
	const char *v = http_form(r->req, name);
	json_t *j;

	if (v != NULL || web_body_json(r) == NULL)
		return v;
	j = json_object_get(r->body_json, name);
	if (json_is_string(j))
		return json_string_value(j);
	if (json_is_integer(j))
		return arena_printf(r->req->arena, "%lld", (long long)json_integer_value(j));
	if (json_is_boolean(j))
		return json_is_true(j) ? "1" : "0";
	if (json_is_null(j))
		return "";
	return NULL;
}

const char *
web_asset_band_label(struct web_req *r, const char *band)
{
	const struct risk_model *m = &r->app.cat->risk;
	size_t k;

	for (k = 0; band != NULL && k < m->nbands; k++)
		if (strcmp(m->bands[k].id, band) == 0)
			return ltext_get(&m->bands[k].label, r->lang);
	return "";
}

const char *
web_asset_status_label(struct web_req *r, const char *status)
{
	if (status != NULL && strcmp(status, "in_progress") == 0)
		return web_t(r, "assets.status_in_progress");
	if (status != NULL && strcmp(status, "done") == 0)
		return web_t(r, "assets.status_done");
	return web_t(r, "assets.status_planned");
}

static const char *const source_ids[3] = { "default", "rated", "override" };

static int
source_index(const char *id)
{
	int k;

	for (k = 0; k < 3; k++)
		if (strcmp(id, source_ids[k]) == 0)
			return k;
	return 0;
}

/* the levels and risk object of IMP, T, V with L and RISK */
static json_t *
rv_object(int imp, int t, int v, int l, int risk)
{
	return json_pack("{sisisisisi}", "imp", imp, "th", t, "vu", v, "l", l, "risk", risk);
}

void
web_asset_rows_init(struct asset_rows *c, struct web_req *r)
{
	const struct risk_model *m = &r->app.cat->risk;
	size_t k, j;
	int i, t, v, l;

	memset(c, 0, sizeof(*c));
	c->r = r;
	for (i = 1; i <= 3; i++)
		for (t = 1; t <= 3; t++)
			for (v = 1; v <= 3; v++) {
				l = risk_likelihood(m, t, v);
				c->rv[i - 1][t - 1][v - 1] = rv_object(risk_importance(m, i, i, i), t, v, l,
				    risk_importance(m, i, i, i) * l);
			}
	for (k = 0; k < m->nbands && k < RISK_MAX_BANDS; k++)
		c->band[k] = json_pack("{ssss}", "id", m->bands[k].id, "label",
		    ltext_get(&m->bands[k].label, r->lang));
	for (k = 0; k < m->nmedia && k < RISK_MAX_MEDIA; k++)
		c->medium[k] = json_string(ltext_get(&m->media[k].label, r->lang));
	for (k = 0; k < 27; k++)
		c->cia[k] = json_sprintf("%d/%d/%d", (int)(k / 9) + 1, (int)(k / 3 % 3) + 1,
		    (int)(k % 3) + 1);
	for (k = 0; k < 3; k++)
		for (j = 0; j < 3; j++) {
			c->src[k][j] = json_object();
			if (k != 1)
				json_object_set_new(c->src[k][j], k == 0 ? "t_def" : "t_ovr", json_true());
			if (j != 1)
				json_object_set_new(c->src[k][j], j == 0 ? "v_def" : "v_ovr", json_true());
		}
	for (k = 0; k < 8; k++) {
		c->pi[k] = json_object();
		if (k & 1)
			json_object_set_new(c->pi[k], "p", json_true());
		if (k & 2)
			json_object_set_new(c->pi[k], "s", json_true());
		if (k & 4)
			json_object_set_new(c->pi[k], "mn", json_true());
	}
	for (k = 0; k < m->ntreatments && k < RISK_MAX_TREATMENTS; k++)
		for (j = 0; j < 3; j++)
			c->treat[k][j] = json_sprintf("%s (%s)", ltext_get(&m->treatments[k].label,
			    r->lang), web_asset_status_label(r, j == 0 ? "planned" : j == 1 ?
			    "in_progress" : "done"));
}

void
web_asset_rows_free(struct asset_rows *c)
{
	size_t k, j, i;

	for (k = 0; k < 3; k++)
		for (j = 0; j < 3; j++)
			for (i = 0; i < 3; i++)
				json_decref(c->rv[k][j][i]);
	for (k = 0; k < RISK_MAX_BANDS; k++)
		json_decref(c->band[k]);
	for (k = 0; k < RISK_MAX_MEDIA; k++)
		json_decref(c->medium[k]);
	for (k = 0; k < 27; k++)
		json_decref(c->cia[k]);
	for (k = 0; k < 3; k++)
		for (j = 0; j < 3; j++)
			json_decref(c->src[k][j]);
	for (k = 0; k < 8; k++)
		json_decref(c->pi[k]);
	for (k = 0; k < RISK_MAX_TREATMENTS; k++)
		for (j = 0; j < 3; j++)
			json_decref(c->treat[k][j]);
	for (k = 0; k < c->ntext; k++)
		json_decref(c->text[k]);
	memset(c, 0, sizeof(*c));
}

/* set KEY of O to the shared V (a new reference) */
static void
put_shared(json_t *o, const char *key, json_t *v)
{
	if (v != NULL)
		json_object_set_nocheck(o, key, v);
}

/* KEY of O to text S ("" leaves it out); a text met before is shared */
static void
put_text(struct asset_rows *c, json_t *o, const char *key, const char *s)
{
	size_t k;

	if (s[0] == '\0')
		return;
	for (k = 0; k < c->ntext; k++)
		if (strcmp(json_string_value(c->text[k]), s) == 0) {
			put_shared(o, key, c->text[k]);
			return;
		}
	if (c->ntext < ASSET_ROWS_TEXTS && (c->text[c->ntext] = json_string(s)) != NULL) {
		put_shared(o, key, c->text[c->ntext++]);
		return;
	}
	json_object_set_new_nocheck(o, key, json_string(s));
}

json_t *
web_asset_row(struct asset_rows *c, const struct asset *as)
{
	const struct risk_model *m = &c->r->app.cat->risk;
	const struct risk_medium *md = risk_medium_find(m, as->medium);
	const struct risk_treatment_kind *tk;
	json_t *o = json_object(), *rv = NULL;
	size_t k;
	int st;

	if (o == NULL)
		return NULL;
	json_object_set_new_nocheck(o, "id", json_integer(as->id));
	json_object_set_new_nocheck(o, "name", json_string(as->name));
	put_text(c, o, "category", as->business_category);
	put_text(c, o, "dept", as->department);
	if (md != NULL)
		put_shared(o, "medium", c->medium[md - m->media]);
	else
		json_object_set_new_nocheck(o, "medium", json_string(as->medium));
	if (risk_level_valid(as->c) && risk_level_valid(as->i) && risk_level_valid(as->a))
		put_shared(o, "cia", c->cia[(as->c - 1) * 9 + (as->i - 1) * 3 + (as->a - 1)]);
	/* the shared levels when they are what is stored, else the row's own */
	if (risk_level_valid(as->importance) && risk_level_valid(as->threat) &&
	    risk_level_valid(as->vulnerability))
		rv = c->rv[as->importance - 1][as->threat - 1][as->vulnerability - 1];
	if (rv != NULL && json_integer_value(json_object_get(rv, "l")) == as->likelihood &&
	    json_integer_value(json_object_get(rv, "risk")) == as->risk_value)
		put_shared(o, "rv", rv);
	else
		json_object_set_new_nocheck(o, "rv", rv_object(as->importance, as->threat,
		    as->vulnerability, as->likelihood, as->risk_value));
	for (k = 0; k < m->nbands && k < RISK_MAX_BANDS; k++)
		if (strcmp(m->bands[k].id, as->band) == 0)
			put_shared(o, "band", c->band[k]);
	put_shared(o, "src", c->src[source_index(as->threat_source)]
	    [source_index(as->vulnerability_source)]);
	if (as->personal || as->sensitive || as->my_number)
		put_shared(o, "pi", c->pi[as->personal | as->sensitive << 1 | as->my_number << 2]);
	if (as->has_treatment && (tk = risk_treatment_find(m, as->t_kind)) != NULL) {
		st = strcmp(as->t_status, "in_progress") == 0 ? 1 : strcmp(as->t_status, "done") == 0 ?
		    2 : 0;
		put_shared(o, "treat", c->treat[tk - m->treatments][st]);
	}
	if (!as->has_treatment && strcmp(as->band, "risk-high") == 0)
		json_object_set_new_nocheck(o, "gap", json_true());
	return o;
}

json_t *
web_asset_pager(struct web_req *r, const char *prefix, long long page, long long pages)
{
	json_t *links, *p;
	long long k;
	bool gap = false;

	if (pages <= 1)
		return NULL;
	links = json_array();
	for (k = 1; k <= pages; k++) {
		/* the first, the last and two either side of the current */
		if (k != 1 && k != pages && (k < page - 2 || k > page + 2)) {
			if (!gap)
				json_array_append_new(links, json_pack("{sb}", "gap", 1));
			gap = true;
			continue;
		}
		gap = false;
		json_array_append_new(links, json_pack("{sIsssb}", "n", (json_int_t)k,
		    "href", arena_printf(r->req->arena, "%s%lld", prefix, k), "current", k == page));
	}
	p = json_pack("{so}", "links", links);
	if (page > 1)
		json_object_set_new(p, "prev", json_string(arena_printf(r->req->arena, "%s%lld",
		    prefix, page - 1)));
	if (page < pages)
		json_object_set_new(p, "next", json_string(arena_printf(r->req->arena, "%s%lld",
		    prefix, page + 1)));
	return p;
}

const char *
web_asset_subst(struct web_req *r, const char *text, const char *name, const char *value)
{
	char tag[32];
	const char *at;

	snprintf(tag, sizeof(tag), "{{%s}}", name);
	if ((at = strstr(text, tag)) == NULL)
		return text;
	return arena_printf(r->req->arena, "%.*s%s%s", (int)(at - text), text, value,
	    at + strlen(tag));
}

const char *
web_asset_tn(struct web_req *r, const char *key, long long n)
{
	return web_asset_subst(r, web_t(r, key), "n", arena_printf(r->req->arena, "%lld", n));
}

void
web_asset_url_add(struct buf *b, const char *name, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	if (value == NULL || *value == '\0')
		return;
	buf_putc(b, strchr(buf_cstr(b), '?') ? '&' : '?');
	buf_puts(b, name);
	buf_putc(b, '=');
	for (p = (const unsigned char *)value; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_putc(b, (char)*p);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
	}
}

/* ---- shared by the ledger pages ---- */

bool
web_asset_can_edit(const struct web_req *r)
{
	return perm_allows(PERM_ORG_EDIT, r->role, false);
}

bool
web_asset_path_id(struct web_req *r, long long *id)
{
	const char *s = web_param(r, 0);
	long v;

	if (s == NULL || !text_parse_long(s, &v) || v <= 0)
		return false;
	*id = v;
	return true;
}

void
web_asset_fail(struct web_req *r, enum mm_err code, const struct err *e)
{
	if (code == MM_ENOTFOUND)
		web_error(r, 404, "error.not_found", NULL);
	else if (code == MM_EINVAL)
		web_error_err(r, 400, e);
	else
		web_error(r, 500, "error.internal", NULL);
}

bool
web_asset_load(struct web_req *r, struct asset *as)
{
	struct err e;
	long long id;
	enum mm_err code;

	err_clear(&e);
	if (!web_asset_path_id(r, &id)) {
		web_error(r, 404, "error.not_found", NULL);
		return false;
	}
	if ((code = asset_get(r->app.db, r->org.id, id, as, &e)) != MM_OK) {
		web_asset_fail(r, code, &e);
		return false;
	}
	return true;
}

const char *
web_asset_path(struct web_req *r, long long id, const char *rest)
{
	return arena_printf(r->req->arena, "%s/assets/%lld%s", r->base, id, rest);
}

const char *
web_asset_pick(const char *given, const char *stored)
{
	return given != NULL ? given : stored;
}

const char *
web_asset_level(struct web_req *r, int v)
{
	return v > 0 ? arena_printf(r->req->arena, "%d", v) : "";
}

/* does a GET route with exactly PATH exist (the file exchange pages of
 * web_asset_io.c come and go with that work) */
static bool
route_exists(const char *path)
{
	const struct route *rt;
	bool wrong = false;

	rt = route_match("GET", path, true, NULL, &wrong);
	return rt != NULL && strcmp(rt->pattern, path) == 0;
}

/* ---- the list ---- */

struct list_params {
	const char *sort;
	bool desc;
	const char *medium, *department, *band, *q;
	int importance, likelihood;
	bool untreated;
	long long page;
	bool all;
};

static int
level_param(const char *s)
{
	return s != NULL && s[0] >= '1' && s[0] <= '3' && s[1] == '\0' ? s[0] - '0' : 0;
}

static void
list_read(struct web_req *r, struct list_params *p, struct asset_query *q)
{
	const struct risk_model *m = &r->app.cat->risk;
	const char *s;
	long v;

	memset(p, 0, sizeof(*p));
	memset(q, 0, sizeof(*q));
	p->sort = "id";
	s = http_query(r->req, "sort");
	if (asset_sort_from_id(s, &q->f.sort))
		p->sort = s;
	s = http_query(r->req, "dir");
	p->desc = q->f.desc = s != NULL && strcmp(s, "desc") == 0;
	s = http_query(r->req, "medium");
	if (risk_medium_find(m, s) != NULL)
		p->medium = q->f.medium = s;
	s = http_query(r->req, "band");
	if (s != NULL && *web_asset_band_label(r, s) != '\0')
		p->band = q->f.band = s;
	s = http_query(r->req, "department");
	if (s != NULL && *s != '\0')
		p->department = q->f.department = s;
	s = http_query(r->req, "q");
	if (s != NULL && *s != '\0')
		p->q = q->f.search = s;
	p->importance = q->importance = level_param(http_query(r->req, "importance"));
	p->likelihood = q->likelihood = level_param(http_query(r->req, "likelihood"));
	s = http_query(r->req, "untreated");
	p->untreated = q->untreated = s != NULL && strcmp(s, "1") == 0;
	s = http_query(r->req, "all");
	p->all = s != NULL && strcmp(s, "1") == 0;
	s = http_query(r->req, "page");
	p->page = s != NULL && text_parse_long(s, &v) && v > 0 ? v : 1;
}

static bool
list_filtered(const struct list_params *p)
{
	return p->medium || p->department || p->band || p->q || p->importance ||
	    p->likelihood || p->untreated;
}

/* the list's URL with P's filters, SORT and DESC; ALL for every row;
 * PAGE_PREFIX ends it with "page=" for the pager */
static const char *
list_href(struct web_req *r, const struct list_params *p, const char *sort, bool desc,
    bool all, bool page_prefix)
{
	struct buf b;
	const char *out;
	char n[8];

	buf_init(&b, 8192);
	buf_printf(&b, "%s/assets", r->base);
	web_asset_url_add(&b, "q", p->q);
	web_asset_url_add(&b, "medium", p->medium);
	web_asset_url_add(&b, "department", p->department);
	web_asset_url_add(&b, "band", p->band);
	snprintf(n, sizeof(n), "%d", p->importance);
	web_asset_url_add(&b, "importance", p->importance ? n : NULL);
	snprintf(n, sizeof(n), "%d", p->likelihood);
	web_asset_url_add(&b, "likelihood", p->likelihood ? n : NULL);
	web_asset_url_add(&b, "untreated", p->untreated ? "1" : NULL);
	web_asset_url_add(&b, "sort", strcmp(sort, "id") != 0 ? sort : NULL);
	web_asset_url_add(&b, "dir", desc ? "desc" : NULL);
	web_asset_url_add(&b, "all", all ? "1" : NULL);
	if (page_prefix)
		buf_puts(&b, strchr(buf_cstr(&b), '?') ? "&page=" : "?page=");
	out = arena_strdup(r->req->arena, buf_cstr(&b));
	buf_free(&b);
	return out;
}

/* the header links that sort the list */
static json_t *
sort_links(struct web_req *r, const struct list_params *p)
{
	static const char *const keys[] = { "id", "name", "medium", "department",
		"importance", "risk", "registered" };
	json_t *s = json_object();
	size_t k;

	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		bool cur = strcmp(p->sort, keys[k]) == 0;
		/* a new column starts with its natural order: the highest
		 * importance and risk, the newest registration first */
		bool desc = cur ? !p->desc : (k >= 4);
		json_object_set_new(s, keys[k], json_pack("{ssssss}", "href",
		    list_href(r, p, keys[k], desc, p->all, false),
		    "mark", cur ? (p->desc ? " ▼" : " ▲") : "",
		    "aria", cur ? (p->desc ? "descending" : "ascending") : "none"));
	}
	return s;
}

/* the filter choices with the current ones selected */
static json_t *
filter_choices(struct web_req *r, const struct list_params *p, json_t *m)
{
	const struct risk_model *rm = &r->app.cat->risk;
	char (*depts)[ASSET_TEXT_MAX] = NULL;
	json_t *media = json_array(), *bands = json_array(), *dl = json_array();
	size_t k, n = 0;
	struct err e;

	for (k = 0; k < rm->nmedia; k++)
		json_array_append_new(media, json_pack("{sssssb}", "id", rm->media[k].id,
		    "label", ltext_get(&rm->media[k].label, r->lang), "selected",
		    p->medium != NULL && strcmp(p->medium, rm->media[k].id) == 0));
	for (k = 0; k < rm->nbands; k++)
		json_array_append_new(bands, json_pack("{sssssb}", "id", rm->bands[k].id,
		    "label", ltext_get(&rm->bands[k].label, r->lang), "selected",
		    p->band != NULL && strcmp(p->band, rm->bands[k].id) == 0));
	err_clear(&e);
	if (asset_departments(r->app.db, r->org.id, &depts, &n, &e) == MM_OK)
		for (k = 0; k < n; k++)
			json_array_append_new(dl, json_pack("{sssb}", "name", depts[k], "selected",
			    p->department != NULL && strcmp(p->department, depts[k]) == 0));
	free(depts);
	json_object_set_new(m, "media", media);
	json_object_set_new(m, "bands", bands);
	json_object_set_new(m, "departments", dl);
	return m;
}

struct collect {
	struct web_req *r;
	struct asset_rows rows;
	json_t *arr;
	long long n;
};

static int
collect_row(void *p, const struct asset *as)
{
	struct collect *c = p;

	c->n++;
	return json_array_append_new(c->arr, c->r->api ?
	    asset_json(&c->r->app, as, c->r->lang) : web_asset_row(&c->rows, as));
}

/* the rows of the list: one page, or all of them (P->ALL) */
static enum mm_err
list_rows(struct web_req *r, struct list_params *p, struct asset_query *q, json_t *arr,
    long long *total, struct err *e)
{
	struct collect c;
	struct asset *v = NULL;
	size_t n = 0, i;
	enum mm_err code;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.arr = arr;
	web_asset_rows_init(&c.rows, r);
	if (p->all) {
		code = asset_query_each(&r->app, r->org.id, q, collect_row, &c, e);
		*total = c.n;
		web_asset_rows_free(&c.rows);
		return code;
	}
	q->f.limit = ASSET_PAGE_SIZE;
	q->f.offset = (p->page - 1) * ASSET_PAGE_SIZE;
	code = asset_query_page(&r->app, r->org.id, q, &v, &n, total, e);
	if (code == MM_OK && n == 0 && *total > 0 && p->page > 1) {
		/* past the end: the last page */
		free(v);
		p->page = (*total + ASSET_PAGE_SIZE - 1) / ASSET_PAGE_SIZE;
		q->f.offset = (p->page - 1) * ASSET_PAGE_SIZE;
		code = asset_query_page(&r->app, r->org.id, q, &v, &n, total, e);
	}
	for (i = 0; code == MM_OK && i < n; i++)
		collect_row(&c, &v[i]);
	free(v);
	web_asset_rows_free(&c.rows);
	return code;
}

/* has the organisation any asset at all? */
static bool
ledger_empty(struct web_req *r)
{
	struct asset_filter f;
	struct asset *v = NULL;
	size_t n = 0;
	struct err e;

	memset(&f, 0, sizeof(f));
	f.limit = 1;
	err_clear(&e);
	asset_list(r->app.db, r->org.id, &f, &v, &n, NULL, &e);
	free(v);
	return n == 0;
}

/* the links to the file exchange pages that exist */
static void
file_links(struct web_req *r, json_t *m)
{
	static const char *const fmts[] = { "csv", "xlsx", "json" };
	json_t *ex = json_array();
	size_t k;

	for (k = 0; k < sizeof(fmts) / sizeof(fmts[0]); k++) {
		const char *path = arena_printf(r->req->arena, "/assets/export.%s", fmts[k]);
		if (path != NULL && route_exists(path))
			json_array_append_new(ex, json_pack("{ssss}", "href",
			    arena_printf(r->req->arena, "%s%s", r->base, path),
			    "label", arena_printf(r->req->arena, "%s", fmts[k][0] == 'c' ? "CSV" :
			    fmts[k][0] == 'x' ? "Excel (.xlsx)" : "JSON")));
	}
	json_object_set_new(m, "has_export", json_boolean(json_array_size(ex) > 0));
	json_object_set_new(m, "exports", ex);
	json_object_set_new(m, "has_import", json_boolean(web_asset_can_edit(r) &&
	    route_exists("/assets/import")));
}

static void
page_assets(struct web_req *r)
{
	struct list_params p;
	struct asset_query q;
	long long total = 0, pages;
	struct err e;
	json_t *arr = json_array(), *m, *pager;
	char cell[16];

	list_read(r, &p, &q);
	err_clear(&e);
	if (list_rows(r, &p, &q, arr, &total, &e) != MM_OK) {
		json_decref(arr);
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	pages = p.all ? 1 : (total + ASSET_PAGE_SIZE - 1) / ASSET_PAGE_SIZE;
	if (r->api) {
		web_json(r, 200, json_pack("{sIsIsIsIso}", "total", (json_int_t)total,
		    "page", (json_int_t)(p.all ? 1 : p.page), "page_size",
		    (json_int_t)(p.all ? total : ASSET_PAGE_SIZE), "pages", (json_int_t)pages,
		    "assets", arr));
		return;
	}
	m = json_pack("{sssIsosbsbsbsbsssssssssoss}", "title", web_t(r, "assets.title"),
	    "total", (json_int_t)total, "rows", arr, "has_rows", total > 0,
	    "filtered", list_filtered(&p), "can_edit", web_asset_can_edit(r), "bulk", web_asset_can_edit(r),
	    "q", p.q ? p.q : "", "sort", p.sort, "dir", p.desc ? "desc" : "",
	    "department_q", p.department ? p.department : "", "sorts", sort_links(r, &p),
	    "total_text", web_asset_tn(r, "assets.total", total));
	if (m == NULL) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	json_object_set_new(m, "empty", json_boolean(total == 0 &&
	    (!list_filtered(&p) || ledger_empty(r))));
	if (!p.all && total > 0)
		json_object_set_new(m, "range_text", json_string(web_asset_subst(r, web_asset_subst(r,
		    web_t(r, "assets.range"), "from", arena_printf(r->req->arena, "%lld",
		    (p.page - 1) * ASSET_PAGE_SIZE + 1)), "to", arena_printf(r->req->arena, "%lld",
		    p.page * ASSET_PAGE_SIZE < total ? p.page * ASSET_PAGE_SIZE : total))));
	if (p.importance || p.likelihood) {
		const char *t = web_t(r, p.importance && p.likelihood ? "assets.cell_both" :
		    p.importance ? "assets.cell_importance" : "assets.cell_likelihood");
		snprintf(cell, sizeof(cell), "%d", p.importance);
		t = web_asset_subst(r, t, "i", cell);
		snprintf(cell, sizeof(cell), "%d", p.likelihood);
		json_object_set_new(m, "cell_text", json_string(web_asset_subst(r, t, "l", cell)));
		json_object_set_new(m, "importance", json_integer(p.importance));
		json_object_set_new(m, "likelihood", json_integer(p.likelihood));
	}
	if (p.importance)
		json_object_set_new(m, "has_importance", json_true());
	if (p.likelihood)
		json_object_set_new(m, "has_likelihood", json_true());
	if (p.untreated)
		json_object_set_new(m, "untreated", json_true());
	if (!p.all && (pager = web_asset_pager(r, list_href(r, &p, p.sort, p.desc, false, true),
	    p.page, pages)) != NULL)
		json_object_set_new(m, "pager", pager);
	if (p.all)
		json_object_set_new(m, "paged_href", json_string(list_href(r, &p, p.sort, p.desc,
		    false, false)));
	else if (total > ASSET_PAGE_SIZE)
		json_object_set_new(m, "all_href", json_string(list_href(r, &p, p.sort, p.desc,
		    true, false)));
	json_object_set_new(m, "all", json_boolean(p.all));
	filter_choices(r, &p, m);
	file_links(r, m);
	web_page(r, 200, "assets", m);
}
