/* doc_params.c — the organisation's choices for its policy documents. */
#include "app/doc_params.h"

#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "util/text.h"

#define PARAM_VALUE_MAX 404 /* 100 characters in any UTF-8 */
#define PARAM_TEXT_CHARS 100

static const char *
str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* the catalog item of parameter NAME, or NULL */
static json_t *
param_item(struct app *a, const char *name)
{
	const struct catalog_list *l = catalog_list(a->cat, "document-parameters");
	json_t *it;
	size_t i;

	json_array_foreach(l ? l->items : NULL, i, it)
		if (name != NULL && strcmp(str(it, "name"), name) == 0)
			return it;
	return NULL;
}

/* the default of ITEM as text */
static void
default_text(json_t *item, char *out, size_t n)
{
	json_t *d = json_object_get(item, "default");

	if (json_is_integer(d))
		snprintf(out, n, "%lld", (long long)json_integer_value(d));
	else if (json_is_boolean(d))
		snprintf(out, n, "%s", json_is_true(d) ? "true" : "false");
	else
		snprintf(out, n, "%s", json_string_value(d) ? json_string_value(d) : "");
}

/* the value of ITEM for O as text: the stored choice or the default */
static void
current(struct app *a, const struct org *o, json_t *item, char *out, size_t n)
{
	char key[96];

	snprintf(key, sizeof(key), "doc.%s", str(item, "name"));
	if (org_setting_get(a->db, o->id, key, out, n, NULL) != MM_OK)
		default_text(item, out, n);
}

json_t *
doc_params_view(struct app *a, const struct org *o, enum lang lang, struct err *e)
{
	const struct catalog_list *l = catalog_list(a->cat, "document-parameters");
	char v[PARAM_VALUE_MAX], d[PARAM_VALUE_MAX];
	json_t *arr = json_array(), *it, *p, *c;
	size_t i, k;
	int changed = 0;

	(void)e;
	json_array_foreach(l ? l->items : NULL, i, it) {
		struct ltext label = catalog_text(it, "label");
		struct ltext expl = catalog_text(it, "explanation");
		const char *type = str(it, "type");
		current(a, o, it, v, sizeof(v));
		default_text(it, d, sizeof(d));
		p = json_pack("{sssssssssssssb}", "name", str(it, "name"), "type", type,
		    "label", ltext_get(&label, lang), "explanation", ltext_get(&expl, lang),
		    "default", d, "value", v, "is_default", strcmp(v, d) == 0);
		changed += strcmp(v, d) != 0;
		json_object_set_new(p, strcmp(type, "integer") == 0 ? "is_integer" :
		    strcmp(type, "boolean") == 0 ? "is_boolean" :
		    strcmp(type, "choice") == 0 ? "is_choice" : "is_text", json_true());
		if (json_object_get(it, "min"))
			json_object_set(p, "min", json_object_get(it, "min"));
		if (json_object_get(it, "max"))
			json_object_set(p, "max", json_object_get(it, "max"));
		if (strcmp(type, "boolean") == 0)
			json_object_set_new(p, "on", json_boolean(strcmp(v, "true") == 0));
		if (json_is_array(json_object_get(it, "choices"))) {
			json_t *choices = json_array();
			json_array_foreach(json_object_get(it, "choices"), k, c)
				json_array_append_new(choices, json_pack("{sssb}", "value",
				    json_string_value(c), "selected",
				    strcmp(json_string_value(c), v) == 0));
			json_object_set_new(p, "choices", choices);
		}
		json_array_append_new(arr, p);
	}
	return json_pack("{sosi}", "params", arr, "changed", changed);
}

/* VALUE checked against ITEM and written in its canonical form into OUT */
static enum mm_err
check_value(json_t *item, const char *value, char *out, size_t n, struct err *e)
{
	const char *type = str(item, "type");
	struct ltext label = catalog_text(item, "label");
	json_t *c;
	size_t i;
	long v;

	if (strcmp(type, "integer") == 0) {
		long long lo = json_integer_value(json_object_get(item, "min"));
		long long hi = json_integer_value(json_object_get(item, "max"));
		if (value == NULL || !text_parse_long(value, &v) || v < lo || v > hi)
			return err_keyf(e, MM_EINVAL, "err.doc_params.range",
			    "{~field}%s%s{min}%lld{max}%lld", label.ja, label.en, lo, hi);
		snprintf(out, n, "%ld", v);
		return MM_OK;
	}
	if (strcmp(type, "boolean") == 0) {
		if (value == NULL || (strcmp(value, "true") != 0 && strcmp(value, "false") != 0))
			return err_keyf(e, MM_EINVAL, "err.doc_params.boolean", "{~field}%s%s",
			    label.ja, label.en);
		snprintf(out, n, "%s", value);
		return MM_OK;
	}
	if (strcmp(type, "choice") == 0) {
		json_array_foreach(json_object_get(item, "choices"), i, c)
			if (value != NULL && strcmp(json_string_value(c), value) == 0) {
				snprintf(out, n, "%s", value);
				return MM_OK;
			}
		return err_keyf(e, MM_EINVAL, "err.doc_params.choice", "{~field}%s%s",
		    label.ja, label.en);
	}
	return input_text("err.field.document_setting", value, true, PARAM_TEXT_CHARS, out, n, e);
}

enum mm_err
doc_params_save(struct app *a, const struct org *o, const struct doc_param_input *in,
    size_t n, struct err *e)
{
	char v[PARAM_VALUE_MAX], old[PARAM_VALUE_MAX], key[96];
	json_t *before = json_object(), *after = json_object(), *item;
	enum mm_err code;
	size_t i;

	if ((code = app_begin(a, e)) != MM_OK)
		goto done;
	for (i = 0; i < n; i++) {
		if ((item = param_item(a, in[i].name)) == NULL) {
			code = err_keyf(e, MM_EINVAL, "err.doc_params.unknown", "{value}%s",
			    in[i].name ? in[i].name : "");
			goto fail;
		}
		if ((code = check_value(item, in[i].value, v, sizeof(v), e)) != MM_OK)
			goto fail;
		current(a, o, item, old, sizeof(old));
		if (strcmp(old, v) == 0)
			continue;
		snprintf(key, sizeof(key), "doc.%s", in[i].name);
		if ((code = org_setting_set(a->db, o->id, key, v, e)) != MM_OK)
			goto fail;
		json_object_set_new(before, in[i].name, json_string(old));
		json_object_set_new(after, in[i].name, json_string(v));
	}
	if (json_object_size(after) > 0 &&
	    (code = audit_record(a, o->id, "document.parameters", "document-parameters",
	    before, after, e)) != MM_OK)
		goto fail;
	code = app_commit(a, e);
	if (code == MM_OK)
		goto done;
fail:
	app_rollback(a);
done:
	json_decref(before);
	json_decref(after);
	return code;
}
