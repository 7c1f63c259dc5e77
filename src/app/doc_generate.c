/* doc_generate.c — the policy documents from the organisation's data. */
#include "app/doc_generate.h"

#include <stdlib.h>
#include <string.h>

#include "app/role_holder_service.h"
#include "render/mustache.h"
#include "store/asset_store.h"
#include "util/clock.h"
#include "util/embed.h"
#include "util/text.h"

/* the 表8 roles as the templates name them */
static const struct {
	const char *id, *name;
} role_names[] = {
	{ "role-ciso", "ciso" }, { "role-dept-lead", "dept_lead" },
	{ "role-sysadmin", "sysadmin" }, { "role-education", "education" },
	{ "role-inspector", "inspector" },
};

void
doc_generated_free(struct doc_generated *g)
{
	free(g->kind);
	free(g->title);
	free(g->markdown);
	json_decref(g->left_out);
	memset(g, 0, sizeof(*g));
}

/* the parameter ITEM: the organisation's choice (setting doc.NAME) or the
 * catalog's default */
static json_t *
param_value(struct app *a, const struct org *o, json_t *item)
{
	const char *name = json_string_value(json_object_get(item, "name"));
	const char *type = json_string_value(json_object_get(item, "type"));
	char key[96], v[512];
	long n;

	snprintf(key, sizeof(key), "doc.%s", name ? name : "");
	if (org_setting_get(a->db, o->id, key, v, sizeof(v), NULL) != MM_OK)
		return json_incref(json_object_get(item, "default"));
	if (type != NULL && strcmp(type, "integer") == 0 && text_parse_long(v, &n))
		return json_integer(n);
	if (type != NULL && strcmp(type, "boolean") == 0)
		return json_boolean(strcmp(v, "true") == 0);
	return json_string(v);
}

static int
has_personal(void *ctx, const struct asset *as)
{
	bool *found = ctx;

	if (as->personal || as->sensitive || as->my_number) {
		*found = true;
		return 1;
	}
	return 0;
}

/* the view model of the templates */
static json_t *
model(struct app *a, const struct org *o, enum lang lang, json_t **roles_view,
    struct err *e)
{
	const struct catalog_list *params = catalog_list(a->cat, "document-parameters");
	json_t *p = json_object(), *roles = json_object(), *applies, *it, *list, *item;
	struct asset_filter f;
	char now[CLOCK_ISO_LEN], date[64];
	bool personal = false;
	size_t i, k, r;

	json_array_foreach(params ? params->items : NULL, i, it)
		json_object_set_new(p, json_string_value(json_object_get(it, "name")),
		    param_value(a, o, it));
	*roles_view = role_holder_view(a, o, lang, false, e);
	json_array_foreach(json_object_get(*roles_view, "lists"), k, list)
		json_array_foreach(json_object_get(list, "items"), i, item)
			for (r = 0; r < sizeof(role_names) / sizeof(role_names[0]); r++)
				if (strcmp(role_names[r].id,
				    json_string_value(json_object_get(item, "id"))) == 0)
					json_object_set_new(roles, role_names[r].name, json_string(
					    json_is_true(json_object_get(item, "held")) ?
					    json_string_value(json_object_get(item, "display")) :
					    json_string_value(json_object_get(item, "title"))));
	memset(&f, 0, sizeof(f));
	if (asset_each(a->db, o->id, &f, has_personal, &personal, e) != MM_OK) {
		json_decref(p);
		json_decref(roles);
		return NULL;
	}
	applies = json_pack("{sOsOsOsOsbsb}",
	    "telework", json_object_get(p, "telework_allowed"),
	    "personal_devices", json_object_get(p, "personal_devices_allowed"),
	    "cloud", json_object_get(p, "cloud_services_used"),
	    "development", json_object_get(p, "in_house_development"),
	    "personal_data", personal, "contractors", 1);
	clock_now_iso(now);
	snprintf(date, sizeof(date), "%.4s年%d月%d日", now, (now[5] - '0') * 10 + (now[6] - '0'),
	    (now[8] - '0') * 10 + (now[9] - '0'));
	return json_pack("{s{ssssssss}s{ss}soso so}",
	    "org", "name", o->name, "representative", o->representative,
	    "representative_title", o->representative_title, "address", o->address,
	    "date", "established", date, "roles", roles, "param", p, "applies", applies);
}

enum mm_err
doc_generate(struct app *a, const struct org *o, const char *kind, enum lang lang,
    struct doc_generated *out, struct err *e)
{
	const struct catalog_list *docs = catalog_list(a->cat, "documents");
	const struct catalog_list *sections = catalog_list(a->cat, "document-sections");
	const struct embed_file *f;
	json_t *it, *doc = NULL, *m = NULL, *roles = NULL;
	struct buf b;
	char path[256];
	size_t i;
	enum mm_err code;

	memset(out, 0, sizeof(*out));
	buf_init(&b, 8u * 1024 * 1024);
	json_array_foreach(docs ? docs->items : NULL, i, it)
		if (kind != NULL && strcmp(json_string_value(json_object_get(it, "kind")), kind) == 0)
			doc = it;
	if (doc == NULL)
		return err_keyf(e, MM_EINVAL, "err.document.kind", "{value}%s", kind ? kind : "");
	snprintf(path, sizeof(path), "catalog/%s/documents/%s", a->cat->id,
	    json_string_value(json_object_get(doc, "file")));
	if ((f = embed_find(path)) == NULL) {
		code = err_keyf(e, MM_ECATALOG, "err.document.template", "{path}%s", path);
		goto done;
	}
	if ((m = model(a, o, lang, &roles, e)) == NULL) {
		code = e->code ? e->code : MM_ENOMEM;
		goto done;
	}
	if ((code = mustache_render_text((const char *)f->data, f->size, NULL, m, 0, &b, e)) != MM_OK)
		goto done;
	out->kind = strdup(kind);
	{
		struct ltext t = catalog_text(doc, "title");
		out->title = strdup(ltext_get(&t, lang));
	}
	out->markdown = buf_steal(&b);
	out->left_out = json_array();
	json_array_foreach(sections ? sections->items : NULL, i, it) {
		const char *cond = json_string_value(json_object_get(it, "applies"));
		struct ltext label = catalog_text(it, "label"), why = catalog_text(it, "when_left_out");
		if (strcmp(json_string_value(json_object_get(it, "document")), kind) != 0 ||
		    json_is_true(json_object_get(json_object_get(m, "applies"), cond)))
			continue;
		json_array_append_new(out->left_out, json_pack("{ssssss}", "id",
		    json_string_value(json_object_get(it, "id")), "label", ltext_get(&label, lang),
		    "why", ltext_get(&why, lang)));
	}
	if (out->kind == NULL || out->title == NULL || out->markdown == NULL || out->left_out == NULL) {
		doc_generated_free(out);
		code = err_key(e, MM_ENOMEM, "err.nomem");
	}
done:
	buf_free(&b);
	json_decref(m);
	json_decref(roles);
	return code;
}
