/* web_asset_edit.c — changing the 情報資産管理台帳: the form to register
 * or edit an asset (the catalog's C/I/A criteria beside the inputs,
 * mamori's rule for 要配慮個人情報 stated), duplicate, delete after a
 * confirmation page, and bulk edit after a confirmation page. A refused
 * change shows the form again with what was typed and changes nothing. */
#include <stdlib.h>
#include <string.h>

#include "app/asset_service.h"
#include "util/text.h"
#include "web/pages.h"
#include "web/web_asset.h"

#define BULK_MAX 10000  /* assets changed by one bulk edit */
#define BULK_NAMES 20   /* names listed on its confirmation page */

/* ---- create and edit ---- */

/* the asset as the form or the API gives it; a form (it carries
 * _form=asset) sends nothing for an unticked box, which means "no" */
static void
asset_input_read(struct web_req *r, struct asset_input *in)
{
	bool form = http_form(r->req, "_form") != NULL;

	memset(in, 0, sizeof(*in));
	in->business_category = web_asset_input(r, "business_category");
	in->name = web_asset_input(r, "name");
	in->note = web_asset_input(r, "note");
	in->users_scope = web_asset_input(r, "users_scope");
	in->department = web_asset_input(r, "department");
	in->medium = web_asset_input(r, "medium");
	in->personal = web_asset_input(r, "personal");
	in->sensitive = web_asset_input(r, "sensitive");
	in->my_number = web_asset_input(r, "my_number");
	if (form) {
		in->personal = in->personal ? in->personal : "0";
		in->sensitive = in->sensitive ? in->sensitive : "0";
		in->my_number = in->my_number ? in->my_number : "0";
	}
	in->c = web_asset_input(r, "c");
	in->i = web_asset_input(r, "i");
	in->a = web_asset_input(r, "a");
	if (in->c == NULL)
		in->c = web_asset_input(r, "confidentiality");
	if (in->i == NULL)
		in->i = web_asset_input(r, "integrity");
	if (in->a == NULL)
		in->a = web_asset_input(r, "availability");
	in->retention = web_asset_input(r, "retention");
	in->registered_on = web_asset_input(r, "registered_on");
	in->threat_override = web_asset_input(r, "threat_override");
	in->vulnerability_override = web_asset_input(r, "vulnerability_override");
}

/* the choices of an override (脅威 or 脆弱性) from catalog list LIST,
 * with SELECTED ("" for none) marked */
static json_t *
override_options(struct web_req *r, const char *list, const char *none_key,
    const char *selected)
{
	const struct catalog_list *l = catalog_list(r->app.cat, list);
	json_t *arr = json_array(), *it;
	size_t i;

	json_array_append_new(arr, json_pack("{sssssb}", "value", "", "label",
	    web_t(r, none_key), "selected", selected == NULL || *selected == '\0'));
	json_array_foreach(l ? l->items : NULL, i, it) {
		json_int_t lv = json_integer_value(json_object_get(it, "level"));
		struct ltext t = catalog_text(it, "label");
		const char *v = arena_printf(r->req->arena, "%lld", (long long)lv);
		json_array_append_new(arr, json_pack("{sssssb}", "value", v, "label",
		    arena_printf(r->req->arena, "%s: %s", v, ltext_get(&t, r->lang)),
		    "selected", selected != NULL && strcmp(selected, v) == 0));
	}
	return arr;
}

/* the C/I/A inputs with the catalog's criteria beside each level */
static json_t *
cia_fields(struct web_req *r, const char *c, const char *i, const char *a)
{
	static const char *const keys[] = { "c", "i", "a" };
	const struct catalog_list *l = catalog_list(r->app.cat, "cia");
	const char *cur[3] = { c, i, a };
	json_t *arr = json_array(), *it, *lv, *levels;
	size_t k, j;

	json_array_foreach(l ? l->items : NULL, k, it) {
		struct ltext label = catalog_text(it, "label"), desc = catalog_text(it, "description");
		if (k >= 3)
			break;
		levels = json_array();
		json_array_foreach(json_object_get(it, "levels"), j, lv) {
			struct ltext crit = catalog_text(lv, "criteria");
			json_int_t n = json_integer_value(json_object_get(lv, "level"));
			json_array_append_new(levels, json_pack("{sIsssb}", "level", n, "criteria",
			    ltext_get(&crit, r->lang), "checked", cur[k] != NULL &&
			    strlen(cur[k]) == 1 && cur[k][0] - '0' == n));
		}
		json_array_append_new(arr, json_pack("{sssssssbso}", "key", keys[k], "label",
		    ltext_get(&label, r->lang), "description", ltext_get(&desc, r->lang),
		    "mamori", strcmp(json_string_value(json_object_get(it, "basis")) ?
		    json_string_value(json_object_get(it, "basis")) : "", "mamori") == 0,
		    "levels", levels));
	}
	return arr;
}

/* the form of asset BASE (zeroed for a new one) with the values given in
 * IN (after a refused save) over it */
static json_t *
form_model(struct web_req *r, const struct asset *base, const struct asset_input *in,
    bool is_new, const char *error)
{
	const struct risk_model *rm = &r->app.cat->risk;
	const char *medium = web_asset_pick(in->medium, base->medium);
	char (*depts)[ASSET_TEXT_MAX] = NULL;
	json_t *m, *media = json_array(), *dl = json_array();
	size_t k, n = 0;
	struct err e;

	for (k = 0; k < rm->nmedia; k++) {
		json_t *ex = catalog_find_id(r->app.cat, rm->media[k].id);
		struct ltext t = catalog_text(ex, "examples");
		json_array_append_new(media, json_pack("{sssssssb}", "id", rm->media[k].id,
		    "label", ltext_get(&rm->media[k].label, r->lang), "examples",
		    ltext_get(&t, r->lang), "selected", strcmp(medium, rm->media[k].id) == 0 ||
		    strcmp(medium, ltext_get(&rm->media[k].label, LANG_JA)) == 0));
	}
	err_clear(&e);
	if (asset_departments(r->app.db, r->org.id, &depts, &n, &e) == MM_OK)
		for (k = 0; k < n; k++)
			json_array_append_new(dl, json_pack("{ss}", "name", depts[k]));
	free(depts);
	m = json_pack("{sssbsss{sssssssssssssssbsbsb}sosososo}",
	    "title", web_t(r, is_new ? "assets.new_title" : "assets.edit_title"),
	    "is_new", is_new, "action", is_new ?
	    arena_printf(r->req->arena, "%s/assets", r->base) : web_asset_path(r, base->id, ""),
	    "v", "business_category", web_asset_pick(in->business_category, base->business_category),
	    "name", web_asset_pick(in->name, base->name), "note", web_asset_pick(in->note, base->note),
	    "users_scope", web_asset_pick(in->users_scope, base->users_scope),
	    "department", web_asset_pick(in->department, base->department),
	    "retention", web_asset_pick(in->retention, base->retention),
	    "registered_on", web_asset_pick(in->registered_on, base->registered_on),
	    "personal", in->personal ? asset_flag_parse(in->personal) == 1 : base->personal,
	    "sensitive", in->sensitive ? asset_flag_parse(in->sensitive) == 1 : base->sensitive,
	    "my_number", in->my_number ? asset_flag_parse(in->my_number) == 1 : base->my_number,
	    "media", media, "departments", dl,
	    "cia", cia_fields(r, web_asset_pick(in->c, web_asset_level(r, base->c)),
	    web_asset_pick(in->i, web_asset_level(r, base->i)), web_asset_pick(in->a, web_asset_level(r, base->a))),
	    "threat_opts", override_options(r, "threat-levels", "assets.override_none",
	    web_asset_pick(in->threat_override, web_asset_level(r, base->threat_override))));
	if (m == NULL)
		return NULL;
	json_object_set_new(m, "vuln_opts", override_options(r, "vulnerability-levels",
	    "assets.override_none", web_asset_pick(in->vulnerability_override,
	    web_asset_level(r, base->vulnerability_override))));
	if (!is_new) {
		json_object_set_new(m, "id", json_integer(base->id));
		json_object_set_new(m, "cancel", json_string(web_asset_path(r, base->id, "")));
	} else {
		json_object_set_new(m, "cancel", json_string(arena_printf(r->req->arena,
		    "%s/assets", r->base)));
	}
	if (error != NULL)
		json_object_set_new(m, "error", json_string(error));
	return m;
}

void
page_asset_new(struct web_req *r)
{
	struct asset_input in;
	struct asset *base = calloc(1, sizeof(*base));

	memset(&in, 0, sizeof(in));
	if (base == NULL) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	web_page(r, 200, "asset_form", form_model(r, base, &in, true, NULL));
	free(base);
}

void
page_asset_create(struct web_req *r)
{
	struct asset_input in;
	struct asset *out = calloc(1, sizeof(*out)), *base = calloc(1, sizeof(*base));
	struct err e;
	enum mm_err code;

	if (out == NULL || base == NULL) {
		web_error(r, 500, "error.internal", NULL);
		goto done;
	}
	asset_input_read(r, &in);
	err_clear(&e);
	if ((code = asset_create(&r->app, &r->org, &in, out, &e)) != MM_OK) {
		if (code == MM_EINVAL && !r->api)
			web_page(r, 400, "asset_form", form_model(r, base, &in, true,
			    web_err_text(r, &e)));
		else
			web_asset_fail(r, code, &e);
		goto done;
	}
	if (r->api)
		web_json(r, 201, asset_json(&r->app, out, r->lang));
	else
		web_redirect(r, web_asset_path(r, out->id, ""), "assets.flash_created");
done:
	free(out);
	free(base);
}

void
page_asset_edit(struct web_req *r)
{
	struct asset_input in;
	struct asset *as = malloc(sizeof(*as));

	memset(&in, 0, sizeof(in));
	if (as == NULL)
		web_error(r, 500, "error.internal", NULL);
	else if (web_asset_load(r, as))
		web_page(r, 200, "asset_form", form_model(r, as, &in, false, NULL));
	free(as);
}

void
page_asset_update(struct web_req *r)
{
	struct asset_input in;
	struct asset *before = malloc(sizeof(*before)), *out = malloc(sizeof(*out));
	struct err e;
	enum mm_err code;

	if (before == NULL || out == NULL) {
		web_error(r, 500, "error.internal", NULL);
		goto done;
	}
	if (!web_asset_load(r, before))
		goto done;
	asset_input_read(r, &in);
	err_clear(&e);
	if ((code = asset_edit(&r->app, &r->org, before->id, &in, out, &e)) != MM_OK) {
		if (code == MM_EINVAL && !r->api)
			web_page(r, 400, "asset_form", form_model(r, before, &in, false,
			    web_err_text(r, &e)));
		else
			web_asset_fail(r, code, &e);
		goto done;
	}
	if (r->api)
		web_json(r, 200, asset_json(&r->app, out, r->lang));
	else
		web_redirect(r, web_asset_path(r, out->id, ""), "flash.saved");
done:
	free(before);
	free(out);
}

void
page_asset_duplicate(struct web_req *r)
{
	struct asset *out = malloc(sizeof(*out));
	struct err e;
	enum mm_err code;
	long long id;

	err_clear(&e);
	if (out == NULL) {
		web_error(r, 500, "error.internal", NULL);
	} else if (!web_asset_path_id(r, &id)) {
		web_error(r, 404, "error.not_found", NULL);
	} else if ((code = asset_duplicate(&r->app, &r->org, id, r->lang, out, &e)) != MM_OK) {
		web_asset_fail(r, code, &e);
	} else if (r->api) {
		web_json(r, 201, asset_json(&r->app, out, r->lang));
	} else {
		web_redirect(r, web_asset_path(r, out->id, "/edit"), "assets.flash_duplicated");
	}
	free(out);
}

/* ---- delete ---- */

void
page_asset_delete(struct web_req *r)
{
	struct asset *as = malloc(sizeof(*as));

	if (as == NULL)
		web_error(r, 500, "error.internal", NULL);
	else if (web_asset_load(r, as))
		web_page(r, 200, "asset_delete", json_pack("{sssIssssss}", "title",
		    web_t(r, "assets.delete_title"), "id", (json_int_t)as->id, "name", as->name,
		    "action", web_asset_path(r, as->id, "/delete"), "cancel", web_asset_path(r, as->id, "")));
	free(as);
}

void
page_asset_delete_post(struct web_req *r)
{
	struct err e;
	enum mm_err code;
	long long id;

	err_clear(&e);
	if (!web_asset_path_id(r, &id))
		web_error(r, 404, "error.not_found", NULL);
	else if ((code = asset_remove(&r->app, &r->org, id, &e)) != MM_OK)
		web_asset_fail(r, code, &e);
	else if (r->api)
		web_json(r, 200, json_pack("{sI}", "deleted", (json_int_t)id));
	else
		web_redirect(r, arena_printf(r->req->arena, "%s/assets", r->base),
		    "assets.flash_deleted");
}

/* ---- bulk edit ---- */

/* the ids of the assets chosen: form fields "id", or the JSON "ids" */
static long long *
bulk_ids(struct web_req *r, size_t *n, bool *bad)
{
	const struct http_kv *kv;
	json_t *arr = web_body_json(r) ? json_object_get(r->body_json, "ids") : NULL, *v;
	long long *ids;
	size_t count = 0, i;
	long x;

	*n = 0;
	*bad = false;
	for (kv = r->req->form; kv != NULL; kv = kv->next)
		count += strcmp(kv->key, "id") == 0;
	count += json_array_size(arr);
	if (count == 0 || count > BULK_MAX) {
		*bad = count > BULK_MAX;
		return NULL;
	}
	if ((ids = arena_alloc(r->req->arena, count * sizeof(*ids))) == NULL) {
		*bad = true;
		return NULL;
	}
	for (kv = r->req->form; kv != NULL; kv = kv->next) {
		if (strcmp(kv->key, "id") != 0)
			continue;
		if (!text_parse_long(kv->value, &x) || x <= 0)
			*bad = true;
		else
			ids[(*n)++] = x;
	}
	json_array_foreach(arr, i, v) {
		if (json_is_integer(v) && json_integer_value(v) > 0)
			ids[(*n)++] = json_integer_value(v);
		else if (json_is_string(v) && text_parse_long(json_string_value(v), &x) && x > 0)
			ids[(*n)++] = x;
		else
			*bad = true;
	}
	return ids;
}

/* a bulk field: "" means "do not change"; for an override "clear"
 * removes it */
static const char *
bulk_value(struct web_req *r, const char *name, bool is_override)
{
	const char *v = web_asset_input(r, name);

	if (v == NULL || *v == '\0')
		return NULL;
	if (is_override && strcmp(v, "clear") == 0)
		return "";
	return v;
}

struct bulk_field {
	const char *name;
	const char *key;      /* the locale key of its label */
	bool is_override;
	bool is_flag;
};

static const struct bulk_field bulk_fields[] = {
	{ "business_category", "assets.business_category", false, false },
	{ "users_scope", "assets.users_scope", false, false },
	{ "department", "assets.department", false, false },
	{ "medium", "assets.medium", false, false },
	{ "personal", "assets.personal", false, true },
	{ "sensitive", "assets.sensitive", false, true },
	{ "my_number", "assets.my_number", false, true },
	{ "c", "assets.confidentiality", false, false },
	{ "i", "assets.integrity", false, false },
	{ "a", "assets.availability", false, false },
	{ "retention", "assets.retention", false, false },
	{ "threat_override", "assets.threat_override", true, false },
	{ "vulnerability_override", "assets.vulnerability_override", true, false },
};
#define NBULK (sizeof(bulk_fields) / sizeof(bulk_fields[0]))

/* the confirmation: what will change, on which assets */
static void
bulk_confirm(struct web_req *r, const long long *ids, size_t n, const char *const *vals)
{
	const struct risk_model *rm = &r->app.cat->risk;
	json_t *changes = json_array(), *fields = json_array(), *names = json_array();
	json_t *idv = json_array(), *m;
	struct asset *as = malloc(sizeof(*as));
	struct err e;
	size_t k;

	for (k = 0; k < NBULK; k++) {
		const char *shown = vals[k], *raw = web_asset_input(r, bulk_fields[k].name);
		const struct risk_medium *md;
		if (vals[k] == NULL)
			continue;
		if (bulk_fields[k].is_override && *vals[k] == '\0')
			shown = web_t(r, "assets.override_clear");
		else if (bulk_fields[k].is_flag)
			shown = web_t(r, asset_flag_parse(vals[k]) == 1 ? "assets.flag_yes" :
			    "assets.flag_no");
		else if (strcmp(bulk_fields[k].name, "medium") == 0 &&
		    (md = risk_medium_find(rm, vals[k])) != NULL)
			shown = ltext_get(&md->label, r->lang);
		json_array_append_new(changes, json_pack("{ssss}", "label",
		    web_t(r, bulk_fields[k].key), "value", shown));
		json_array_append_new(fields, json_pack("{ssss}", "name", bulk_fields[k].name,
		    "value", raw ? raw : ""));
	}
	err_clear(&e);
	for (k = 0; k < n; k++) {
		json_array_append_new(idv, json_integer(ids[k]));
		if (k < BULK_NAMES && as != NULL &&
		    asset_get(r->app.db, r->org.id, ids[k], as, &e) == MM_OK)
			json_array_append_new(names, json_string(as->name));
	}
	free(as);
	m = json_pack("{sssssosososossss}", "title", web_t(r, "assets.bulk_title"),
	    "count_text", web_asset_tn(r, "assets.bulk_count", (long long)n),
	    "changes", changes, "fields", fields, "names", names, "ids", idv,
	    "action", arena_printf(r->req->arena, "%s/assets/bulk", r->base),
	    "cancel", arena_printf(r->req->arena, "%s/assets", r->base));
	if (m != NULL && n > BULK_NAMES)
		json_object_set_new(m, "more_text", json_string(web_asset_tn(r, "assets.bulk_more",
		    (long long)(n - BULK_NAMES))));
	web_page(r, 200, "asset_bulk", m);
}

void
page_asset_bulk(struct web_req *r)
{
	const char *vals[NBULK];
	struct asset_input in;
	long long *ids;
	size_t n, k, given = 0;
	bool bad;
	const char *confirm = web_asset_input(r, "confirm");
	struct err e;
	enum mm_err code;

	ids = bulk_ids(r, &n, &bad);
	if (bad || n == 0) {
		web_error(r, 400, NULL, web_t(r, bad ? "assets.bulk_bad_ids" : "assets.bulk_none"));
		return;
	}
	for (k = 0; k < NBULK; k++)
		given += (vals[k] = bulk_value(r, bulk_fields[k].name,
		    bulk_fields[k].is_override)) != NULL;
	if (given == 0) {
		web_error(r, 400, NULL, web_t(r, "assets.bulk_nothing"));
		return;
	}
	if (!r->api && (confirm == NULL || strcmp(confirm, "1") != 0)) {
		bulk_confirm(r, ids, n, vals);
		return;
	}
	memset(&in, 0, sizeof(in));
	in.business_category = vals[0];
	in.users_scope = vals[1];
	in.department = vals[2];
	in.medium = vals[3];
	in.personal = vals[4];
	in.sensitive = vals[5];
	in.my_number = vals[6];
	in.c = vals[7];
	in.i = vals[8];
	in.a = vals[9];
	in.retention = vals[10];
	in.threat_override = vals[11];
	in.vulnerability_override = vals[12];
	err_clear(&e);
	if ((code = asset_bulk_edit(&r->app, &r->org, ids, n, &in, &e)) != MM_OK) {
		/* name the asset that is missing: an id picked from another page */
		if (code == MM_ENOTFOUND)
			web_error_err(r, 404, &e);
		else
			web_asset_fail(r, code, &e);
		return;
	}
	if (r->api)
		web_json(r, 200, json_pack("{sI}", "updated", (json_int_t)n));
	else
		web_redirect(r, arena_printf(r->req->arena, "%s/assets", r->base),
		    "assets.flash_bulk");
}
