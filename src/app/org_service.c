/* org_service.c — creating, changing and choosing organisations. */
#include "app/org_service.h"

#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/text.h"

#define NA_RULE_KEY "diagnosis.na_rule"

json_t *
org_json(const struct org *o)
{
	json_t *j = json_pack("{sI ss ss ss* so ss* ss* ss}",
	    "id", (json_int_t)o->id, "slug", o->slug, "name", o->name,
	    "industry", o->industry[0] ? o->industry : NULL,
	    "employees", o->employees >= 0 ? json_integer(o->employees) : json_null(),
	    "representative", o->representative[0] ? o->representative : NULL,
	    "representative_title",
	    o->representative_title[0] ? o->representative_title : NULL,
	    "created_at", o->created_at);

	if (j == NULL)
		return NULL;
	if (o->address[0])
		json_object_set_new(j, "address", json_string(o->address));
	if (o->sa_level[0] || o->sa_id[0] || o->sa_date[0])
		json_object_set_new(j, "security_action", json_pack("{ss*ss*ss*}",
		    "level", o->sa_level[0] ? o->sa_level : NULL,
		    "id", o->sa_id[0] ? o->sa_id : NULL, "date", o->sa_date[0] ? o->sa_date : NULL));
	if (o->policy_url[0])
		json_object_set_new(j, "policy_url", json_string(o->policy_url));
	json_object_set_new(j, "setup_done", json_boolean(o->setup_done));
	return j;
}

/* the catalog id of industry S (an id or a JSIC code), or NULL */
static const char *
industry_id(struct app *a, const char *s)
{
	const struct catalog_list *l = catalog_list(a->cat, "industries");
	json_t *it;
	size_t i;

	if (l == NULL)
		return NULL;
	json_array_foreach(l->items, i, it) {
		const char *id = json_string_value(json_object_get(it, "id"));
		const char *code = json_string_value(json_object_get(it, "code"));
		if (strcmp(id, s) == 0 || (code != NULL && strcmp(code, s) == 0))
			return id;
	}
	return NULL;
}

static enum mm_err
org_fill(struct app *a, const struct org_input *in, struct org *o,
    struct err *e)
{
	enum mm_err code;
	const char *ind;

	memset(o, 0, sizeof(*o));
	o->employees = -1;
	if ((code = input_text("err.field.org_name", in->name, true, 200, o->name,
	    sizeof(o->name), e)) != MM_OK)
		return code;
	if (in->slug != NULL) {
		if (!text_is_slug(in->slug))
			return err_keyf(e, MM_EINVAL, "err.org.slug_form", "{value}%s", in->slug);
		snprintf(o->slug, sizeof(o->slug), "%s", in->slug);
	} else {
		text_slugify(in->name, o->slug, sizeof(o->slug));
	}
	if (in->industry != NULL) {
		if ((ind = industry_id(a, in->industry)) == NULL)
			return err_keyf(e, MM_EINVAL, "err.org.industry", "{value}%s", in->industry);
		snprintf(o->industry, sizeof(o->industry), "%s", ind);
	}
	if (in->employees >= 0) {
		if (in->employees > 10000000)
			return err_key(e, MM_EINVAL, "err.org.employees_too_large");
		o->employees = in->employees;
	}
	if ((code = input_text("err.field.representative", in->representative, false, 100,
	    o->representative, sizeof(o->representative), e)) != MM_OK ||
	    (code = input_text("err.field.representative_title", in->representative_title, false, 100,
	    o->representative_title, sizeof(o->representative_title), e)) != MM_OK)
		return code;
	clock_now_iso(o->created_at);
	return MM_OK;
}

/* the fields of FROM that org_fill does not set, into TO */
static void
org_keep_profile(struct org *to, const struct org *from)
{
	to->id = from->id;
	memcpy(to->created_at, from->created_at, sizeof(to->created_at));
	memcpy(to->address, from->address, sizeof(to->address));
	memcpy(to->sa_level, from->sa_level, sizeof(to->sa_level));
	memcpy(to->sa_id, from->sa_id, sizeof(to->sa_id));
	memcpy(to->sa_date, from->sa_date, sizeof(to->sa_date));
	memcpy(to->policy_url, from->policy_url, sizeof(to->policy_url));
	to->setup_done = from->setup_done;
}

/* an organisation called NAME, if any, into *OUT */
static bool
org_by_name(struct app *a, const char *name, struct org *out)
{
	struct org *v;
	size_t n, i;
	bool found = false;

	if (org_list(a->db, &v, &n, NULL) != MM_OK)
		return false;
	for (i = 0; i < n && !found; i++)
		if (strcmp(v[i].name, name) == 0) {
			*out = v[i];
			found = true;
		}
	free(v);
	return found;
}

enum mm_err
org_create(struct app *a, const struct org_input *in, struct org *out,
    bool *existed, struct err *e)
{
	struct org o, other;
	char base[ORG_SLUG_MAX], obj[64];
	enum mm_err code;
	json_t *after;
	int k;

	*existed = false;
	if ((code = org_fill(a, in, &o, e)) != MM_OK)
		return code;
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((in->slug == NULL && org_by_name(a, o.name, out)) ||
	    (in->slug != NULL && org_get_by_slug(a->db, o.slug, out, NULL) == MM_OK)) {
		app_rollback(a);
		if (strcmp(out->name, o.name) != 0)
			return err_keyf(e, MM_ECONFLICT, "err.org.slug_taken", "{slug}%s{name}%s",
			    o.slug, out->name);
		*existed = true;
		return MM_OK;
	}
	/* a derived slug is made unique: acme, acme-2, acme-3, … */
	snprintf(base, sizeof(base), "%s", o.slug);
	for (k = 2; in->slug == NULL &&
	    org_get_by_slug(a->db, o.slug, &other, NULL) == MM_OK; k++)
		snprintf(o.slug, sizeof(o.slug), "%.50s-%d", base, k);
	if ((code = org_insert(a->db, &o, e)) != MM_OK)
		goto fail;
	snprintf(obj, sizeof(obj), "org:%lld", o.id);
	after = org_json(&o);
	code = audit_record(a, o.id, "org.create", obj, NULL, after, e);
	json_decref(after);
	if (code != MM_OK || (code = app_commit(a, e)) != MM_OK)
		goto fail;
	*out = o;
	return MM_OK;
fail:
	app_rollback(a);
	return code;
}

enum mm_err
org_resolve(struct app *a, const char *slug, struct org *out, struct err *e)
{
	struct org *v;
	struct buf names;
	size_t n, i;
	enum mm_err code;

	if (slug != NULL)
		return org_get_by_slug(a->db, slug, out, e);
	if ((code = org_list(a->db, &v, &n, e)) != MM_OK)
		return code;
	if (n == 1) {
		*out = v[0];
		free(v);
		return MM_OK;
	}
	if (n == 0) {
		free(v);
		return err_key(e, MM_ENOTFOUND, "err.org.none_yet");
	}
	buf_init(&names, 4096);
	for (i = 0; i < n; i++)
		buf_printf(&names, "%s%s", i ? ", " : "", v[i].slug);
	err_keyf(e, MM_EINVAL, "err.org.choose", "{names}%s", buf_cstr(&names));
	buf_free(&names);
	free(v);
	return MM_EINVAL;
}

enum mm_err
org_na_rule(struct app *a, long long org_id, enum diag_na_rule *out,
    struct err *e)
{
	char v[32];
	enum mm_err code = org_setting_get(a->db, org_id, NA_RULE_KEY, v, sizeof(v), e);

	*out = DIAG_NA_FULL;
	if (code == MM_ENOTFOUND) {
		err_clear(e);
		return MM_OK;
	}
	if (code == MM_OK && strcmp(v, "exclude") == 0)
		*out = DIAG_NA_EXCLUDE;
	return code;
}

enum mm_err
org_set_na_rule(struct app *a, long long org_id, const char *value,
    struct err *e)
{
	enum diag_na_rule old;
	enum mm_err code;
	json_t *before, *after;
	char obj[64];

	if (strcmp(value, "full") != 0 && strcmp(value, "exclude") != 0)
		return err_keyf(e, MM_EINVAL, "err.org.na_rule", "{value}%s", value);
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = org_na_rule(a, org_id, &old, e)) != MM_OK ||
	    (code = org_setting_set(a->db, org_id, NA_RULE_KEY, value, e)) != MM_OK)
		goto fail;
	snprintf(obj, sizeof(obj), "org:%lld", org_id);
	before = json_pack("{ss}", NA_RULE_KEY, old == DIAG_NA_EXCLUDE ? "exclude" : "full");
	after = json_pack("{ss}", NA_RULE_KEY, value);
	code = audit_record(a, org_id, "org.setting", obj, before, after, e);
	json_decref(before);
	json_decref(after);
	if (code != MM_OK || (code = app_commit(a, e)) != MM_OK)
		goto fail;
	return MM_OK;
fail:
	app_rollback(a);
	return code;
}

enum mm_err
org_change(struct app *a, struct org *o, const char *key, const char *value,
    struct err *e)
{
	struct org_profile_input in;

	if (strcmp(key, "na-rule") == 0)
		return org_set_na_rule(a, o->id, value, e);
	memset(&in, 0, sizeof(in));
	if (strcmp(key, "name") == 0)
		in.name = value;
	else if (strcmp(key, "industry") == 0)
		in.industry = value;
	else if (strcmp(key, "employees") == 0)
		in.employees = value;
	else if (strcmp(key, "representative") == 0)
		in.representative = value;
	else if (strcmp(key, "representative-title") == 0)
		in.representative_title = value;
	else if (strcmp(key, "address") == 0)
		in.address = value;
	else if (strcmp(key, "policy-url") == 0)
		in.policy_url = value;
	else
		return err_keyf(e, MM_EINVAL, "err.org.setting_key", "{value}%s", key);
	return org_update_profile(a, o, &in, e);
}

static bool
url_valid(const char *s)
{
	const char *p;

	if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
		return false;
	for (p = s; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
			return false;
	return strlen(s) > 10;
}

/* copy the text V (when given) after checking it into DST */
#define PROFILE_TEXT(label, v, max, dst) \
	((v) == NULL ? MM_OK : input_text((label), (v), false, (max), (dst), sizeof(dst), e))

enum mm_err
org_update_profile(struct app *a, struct org *o, const struct org_profile_input *in,
    struct err *e)
{
	struct org_input base;
	struct org n;
	enum mm_err code;
	json_t *before, *after;
	char obj[64];
	long emp = o->employees;

	memset(&base, 0, sizeof(base));
	base.name = in->name ? in->name : o->name;
	base.slug = o->slug;
	base.industry = in->industry ? (*in->industry ? in->industry : NULL) :
	    (o->industry[0] ? o->industry : NULL);
	if (in->employees != NULL) {
		if (*in->employees == '\0')
			emp = -1;
		else if (!text_parse_long(in->employees, &emp) || emp < 0)
			return err_keyf(e, MM_EINVAL, "err.org.employees_range", "{value}%s",
			    in->employees);
	}
	base.employees = emp;
	base.representative = in->representative ? in->representative : o->representative;
	base.representative_title = in->representative_title ? in->representative_title :
	    o->representative_title;
	if ((code = org_fill(a, &base, &n, e)) != MM_OK)
		return code;
	org_keep_profile(&n, o);
	if ((code = PROFILE_TEXT("err.field.address", in->address, 200, n.address)) != MM_OK ||
	    (code = PROFILE_TEXT("err.field.sa_id", in->sa_id, 40, n.sa_id)) != MM_OK ||
	    (code = PROFILE_TEXT("err.field.policy_url", in->policy_url, 400, n.policy_url)) != MM_OK)
		return code;
	if (in->sa_level != NULL) {
		if (*in->sa_level && strcmp(in->sa_level, "star1") != 0 &&
		    strcmp(in->sa_level, "star2") != 0)
			return err_key(e, MM_EINVAL, "err.org.sa_level");
		snprintf(n.sa_level, sizeof(n.sa_level), "%s", in->sa_level);
	}
	if (in->sa_date != NULL) {
		if (*in->sa_date && !text_date_valid(in->sa_date))
			return err_key(e, MM_EINVAL, "err.org.sa_date");
		snprintf(n.sa_date, sizeof(n.sa_date), "%s", in->sa_date);
	}
	if (n.policy_url[0] && !url_valid(n.policy_url))
		return err_key(e, MM_EINVAL, "err.org.policy_url");
	if (in->finish_setup)
		n.setup_done = true;
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = org_update(a->db, &n, e)) != MM_OK)
		goto fail;
	snprintf(obj, sizeof(obj), "org:%lld", o->id);
	before = org_json(o);
	after = org_json(&n);
	code = audit_record(a, o->id, "org.update", obj, before, after, e);
	json_decref(before);
	json_decref(after);
	if (code != MM_OK || (code = app_commit(a, e)) != MM_OK)
		goto fail;
	*o = n;
	return MM_OK;
fail:
	app_rollback(a);
	return code;
}
