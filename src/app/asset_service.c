/* asset_service.c — the ledger and its risk analysis as use cases. */
#include "app/asset_service.h"

#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/diag_service.h"
#include "app/input.h"
#include "util/locale.h"
#include "util/text.h"
#include "util/array.h"

int
asset_flag_parse(const char *s)
{
	static const char *const yes[] = { "○", "〇", "◯", "1", "はい", "true", "yes", "y", "TRUE", "Yes",
		"有", "あり", "✓", "x", "X" };
	static const char *const no[] = { "", "0", "×", "いいえ", "false", "no", "n", "FALSE", "No",
		"無", "なし", "-", "ー" };
	size_t k;

	if (s == NULL)
		return 0;
	for (k = 0; k < sizeof(yes) / sizeof(yes[0]); k++)
		if (strcmp(s, yes[k]) == 0)
			return 1;
	for (k = 0; k < sizeof(no) / sizeof(no[0]); k++)
		if (strcmp(s, no[k]) == 0)
			return 0;
	return -1;
}

/* a level 1..3 written as S ("2", full-width "２"); 0 for "" when
 * ALLOW_EMPTY, -1 when bad */
static int
level_parse(const char *s, bool allow_empty)
{
	if (s == NULL || *s == '\0')
		return allow_empty ? 0 : -1;
	if (s[0] >= '1' && s[0] <= '3' && s[1] == '\0')
		return s[0] - '0';
	/* full-width digits: U+FF11..FF13 = EF BC 91..93 */
	if ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC &&
	    (unsigned char)s[2] >= 0x91 && (unsigned char)s[2] <= 0x93 && s[3] == '\0')
		return (unsigned char)s[2] - 0x90;
	return -1;
}

/* the medium written as S: its id or its label in either language */
static const struct risk_medium *
medium_parse(const struct risk_model *m, const char *s)
{
	size_t k;

	if (s == NULL)
		return NULL;
	for (k = 0; k < m->nmedia; k++)
		if (strcmp(s, m->media[k].id) == 0 || strcmp(s, m->media[k].label.ja) == 0 ||
		    strcmp(s, m->media[k].label.en) == 0)
			return &m->media[k];
	return NULL;
}

enum mm_err
risk_context_load(struct app *a, long long org_id, struct risk_context *ctx,
    struct err *e)
{
	struct diag_result res;
	struct org o;
	size_t k, n;
	enum mm_err code;

	memset(ctx, 0, sizeof(*ctx));
	ctx->model = &a->cat->risk;
	for (k = 0; k < ctx->model->nmedia; k++)
		if ((code = threat_rating_get(a->db, org_id, ctx->model->media[k].id,
		    &ctx->rating[k], e)) != MM_OK)
			return code;
	memset(&o, 0, sizeof(o));
	o.id = org_id;
	code = diag_org_view(a, &o, &ctx->diagnosis, &res, &n, e);
	if (code == MM_ENOTFOUND) {
		err_clear(e);
		return MM_OK;
	}
	ctx->has_diagnosis = code == MM_OK;
	return code;
}

/* the derived columns of AS from its inputs in CTX */
static enum mm_err
derive(const struct risk_context *ctx, struct asset *as, struct err *e)
{
	const struct risk_medium *md = risk_medium_find(ctx->model, as->medium);
	struct risk_input in;
	struct risk_result r;

	memset(&in, 0, sizeof(in));
	in.c = as->c;
	in.i = as->i;
	in.a = as->a;
	in.medium = md;
	in.threat_rating = md ? ctx->rating[md - ctx->model->media] : 0;
	in.threat_override = as->threat_override;
	in.vulnerability_override = as->vulnerability_override;
	in.diagnosis = ctx->has_diagnosis ? &ctx->diagnosis : NULL;
	if (risk_compute(ctx->model, &in, &r) != 0)
		return err_key(e, MM_EINVAL, "err.asset.no_risk");
	as->importance = r.importance;
	as->threat = r.threat;
	as->vulnerability = r.vulnerability;
	as->likelihood = r.likelihood;
	as->risk_value = r.value;
	snprintf(as->threat_source, sizeof(as->threat_source), "%s", risk_source_id(r.threat_source));
	snprintf(as->vulnerability_source, sizeof(as->vulnerability_source), "%s",
	    risk_source_id(r.vulnerability_source));
	snprintf(as->band, sizeof(as->band), "%s", r.band->id);
	return MM_OK;
}

#define FIELD(key) do { if (field_out != NULL) *field_out = (key); } while (0)

/* text field KEY (its name: message key LABEL, at most MAX characters) into DST */
#define TEXT_FIELD(key, label, src, max, required, dst) do { \
	if ((src) != NULL || (required)) { \
		FIELD(key); \
		if ((code = input_text((label), (src) ? (src) : (dst), (required), (max), \
		    (dst), sizeof(dst), e)) != MM_OK) \
			return code; \
	} } while (0)

enum mm_err
asset_apply(struct app *a, const struct risk_context *ctx, const struct asset_input *in,
    const struct asset *base, struct asset *out, const char **field_out, struct err *e)
{
	const struct risk_medium *md;
	enum mm_err code;
	char now[CLOCK_ISO_LEN];
	int v;

	(void)a;
	*out = *base;
	clock_now_iso(now);
	TEXT_FIELD("business_category", "err.field.business_category", in->business_category, 100, false,
	    out->business_category);
	TEXT_FIELD("name", "err.field.asset_name", in->name, 100, true, out->name);
	TEXT_FIELD("note", "err.field.note", in->note, 500, false, out->note);
	TEXT_FIELD("users_scope", "err.field.users_scope", in->users_scope, 100, false, out->users_scope);
	TEXT_FIELD("department", "err.field.department", in->department, 100, false, out->department);
	TEXT_FIELD("retention", "err.field.retention", in->retention, 100, false, out->retention);
	if (in->medium != NULL || out->medium[0] == '\0') {
		FIELD("medium");
		if ((md = medium_parse(ctx->model, in->medium)) == NULL)
			return err_keyf(e, MM_EINVAL, "err.asset.medium", "{value}%s",
			    in->medium ? in->medium : "");
		snprintf(out->medium, sizeof(out->medium), "%s", md->id);
	}
#define FLAG(key, label, src, dst) do { if ((src) != NULL) { \
	FIELD(key); \
	if ((v = asset_flag_parse(src)) < 0) \
		return err_keyf(e, MM_EINVAL, "err.asset.flag", "{@field}%s{value}%s", \
		    (label), (src)); \
	(dst) = v == 1; } } while (0)
	FLAG("personal", "err.field.personal", in->personal, out->personal);
	FLAG("sensitive", "err.field.sensitive", in->sensitive, out->sensitive);
	FLAG("my_number", "err.field.my_number", in->my_number, out->my_number);
#define LEVEL(key, label, src, dst) do { if ((src) != NULL || (dst) == 0) { \
	FIELD(key); \
	if ((v = level_parse(src, false)) < 0) \
		return (src) ? err_keyf(e, MM_EINVAL, "err.asset.level", "{@field}%s{value}%s", \
		    (label), (src)) : err_keyf(e, MM_EINVAL, "err.asset.level_empty", \
		    "{@field}%s", (label)); \
	(dst) = v; } } while (0)
	LEVEL("c", "err.field.confidentiality", in->c, out->c);
	LEVEL("i", "err.field.integrity", in->i, out->i);
	LEVEL("a", "err.field.availability", in->a, out->a);
#define OVERRIDE(key, label, src, dst) do { if ((src) != NULL) { \
	FIELD(key); \
	if ((v = level_parse(src, true)) < 0) \
		return err_keyf(e, MM_EINVAL, "err.asset.override", "{@field}%s{value}%s", \
		    (label), (src)); \
	(dst) = v; } } while (0)
	OVERRIDE("threat_override", "err.field.threat", in->threat_override, out->threat_override);
	OVERRIDE("vulnerability_override", "err.field.vulnerability", in->vulnerability_override,
	    out->vulnerability_override);
	if (in->registered_on != NULL && *in->registered_on != '\0') {
		FIELD("registered_on");
		if (!text_date_valid(in->registered_on))
			return err_keyf(e, MM_EINVAL, "err.asset.registered_on", "{value}%s",
			    in->registered_on);
		snprintf(out->registered_on, sizeof(out->registered_on), "%s", in->registered_on);
	} else if (out->registered_on[0] == '\0') {
		snprintf(out->registered_on, sizeof(out->registered_on), "%.10s", now);
	}
	/* mamori's rule: special-care and My Number data are confidential (3) */
	if (out->sensitive || out->my_number)
		out->c = 3;
	FIELD(NULL);
	snprintf(out->updated_at, sizeof(out->updated_at), "%s", now);
	if (out->created_at[0] == '\0')
		snprintf(out->created_at, sizeof(out->created_at), "%s", now);
	return derive(ctx, out, e);
}

json_t *
asset_record_json(const struct asset *as)
{
	json_t *j = json_pack("{sIsssssssssssssbsbsbsisisisssssisisi}",
	    "id", (json_int_t)as->id, "business_category", as->business_category,
	    "name", as->name, "note", as->note, "users_scope", as->users_scope,
	    "department", as->department, "medium", as->medium,
	    "personal", as->personal, "sensitive", as->sensitive, "my_number", as->my_number,
	    "c", as->c, "i", as->i, "a", as->a, "retention", as->retention,
	    "registered_on", as->registered_on, "threat_override", as->threat_override,
	    "vulnerability_override", as->vulnerability_override, "risk_value", as->risk_value);

	if (j != NULL && as->has_treatment)
		json_object_set_new(j, "treatment", json_pack("{sssssssssssi}", "kind", as->t_kind,
		    "measure", as->t_measure, "owner", as->t_owner, "due", as->t_due,
		    "status", as->t_status, "residual", as->t_residual));
	return j;
}

static enum mm_err
audit_asset(struct app *a, long long org_id, const char *action,
    const struct asset *before, const struct asset *after, struct err *e)
{
	char obj[64];
	json_t *b = before ? asset_record_json(before) : NULL;
	json_t *af = after ? asset_record_json(after) : NULL;
	enum mm_err code;

	snprintf(obj, sizeof(obj), "asset:%lld", after ? after->id : before->id);
	code = audit_record(a, org_id, action, obj, b, af, e);
	json_decref(b);
	json_decref(af);
	return code;
}

enum mm_err
asset_create(struct app *a, const struct org *o, const struct asset_input *in,
    struct asset *out, struct err *e)
{
	struct risk_context *ctx = malloc(sizeof(*ctx));
	struct asset *base = calloc(1, sizeof(*base));
	enum mm_err code;

	if (ctx == NULL || base == NULL) {
		code = err_key(e, MM_ENOMEM, "err.nomem");
		goto done;
	}
	base->org_id = o->id;
	if ((code = app_begin(a, e)) != MM_OK)
		goto done;
	if ((code = risk_context_load(a, o->id, ctx, e)) != MM_OK ||
	    (code = asset_apply(a, ctx, in, base, out, NULL, e)) != MM_OK ||
	    (code = asset_insert(a->db, out, e)) != MM_OK ||
	    (code = audit_asset(a, o->id, "asset.create", NULL, out, e)) != MM_OK ||
	    (code = app_commit(a, e)) != MM_OK)
		app_rollback(a);
done:
	free(ctx);
	free(base);
	return code;
}

/* load asset ID of O, apply IN (or nothing) and save it in the open
 * transaction */
static enum mm_err
edit_one(struct app *a, const struct org *o, const struct risk_context *ctx,
    long long id, const struct asset_input *in, struct asset *out, struct err *e)
{
	struct asset *before = malloc(sizeof(*before));
	enum mm_err code;

	if (before == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	if ((code = asset_get(a->db, o->id, id, before, e)) == MM_OK &&
	    (code = asset_apply(a, ctx, in, before, out, NULL, e)) == MM_OK &&
	    (code = asset_update(a->db, out, e)) == MM_OK)
		code = audit_asset(a, o->id, "asset.update", before, out, e);
	free(before);
	return code;
}

enum mm_err
asset_edit(struct app *a, const struct org *o, long long id,
    const struct asset_input *in, struct asset *out, struct err *e)
{
	struct risk_context *ctx = malloc(sizeof(*ctx));
	enum mm_err code;

	if (ctx == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	if ((code = app_begin(a, e)) == MM_OK) {
		if ((code = risk_context_load(a, o->id, ctx, e)) != MM_OK ||
		    (code = edit_one(a, o, ctx, id, in, out, e)) != MM_OK ||
		    (code = app_commit(a, e)) != MM_OK)
			app_rollback(a);
	}
	free(ctx);
	return code;
}

enum mm_err
asset_bulk_edit(struct app *a, const struct org *o, const long long *ids, size_t n,
    const struct asset_input *in, struct err *e)
{
	struct risk_context *ctx = malloc(sizeof(*ctx));
	struct asset *tmp = malloc(sizeof(*tmp));
	enum mm_err code;
	size_t k;

	if (ctx == NULL || tmp == NULL) {
		code = err_key(e, MM_ENOMEM, "err.nomem");
		goto done;
	}
	if (n == 0) {
		code = err_key(e, MM_EINVAL, "err.asset.choose");
		goto done;
	}
	if ((code = app_begin(a, e)) != MM_OK)
		goto done;
	code = risk_context_load(a, o->id, ctx, e);
	for (k = 0; k < n && code == MM_OK; k++)
		code = edit_one(a, o, ctx, ids[k], in, tmp, e);
	if (code != MM_OK || (code = app_commit(a, e)) != MM_OK)
		app_rollback(a);
done:
	free(ctx);
	free(tmp);
	return code;
}

enum mm_err
asset_duplicate(struct app *a, const struct org *o, long long id, enum lang lang,
    struct asset *out, struct err *e)
{
	struct asset *src = malloc(sizeof(*src));
	const char *params[3];
	struct buf name;
	enum mm_err code;

	if (src == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	if ((code = app_begin(a, e)) != MM_OK)
		goto done;
	if ((code = asset_get(a->db, o->id, id, src, e)) != MM_OK)
		goto fail;
	*out = *src;
	/* a name has at most 100 characters, 400 bytes: the copy fits */
	params[0] = "name";
	params[1] = src->name;
	params[2] = NULL;
	buf_init(&name, sizeof(out->name));
	if (!locale_format(locale_app(), lang, "assets.copy_name", params, &name)) {
		buf_free(&name);
		code = err_key(e, MM_ENOMEM, "err.nomem");
		goto fail;
	}
	snprintf(out->name, sizeof(out->name), "%s", buf_cstr(&name));
	buf_free(&name);
	clock_now_iso(out->created_at);
	memcpy(out->updated_at, out->created_at, sizeof(out->updated_at));
	out->has_treatment = false;
	if ((code = asset_insert(a->db, out, e)) != MM_OK ||
	    (code = audit_asset(a, o->id, "asset.create", NULL, out, e)) != MM_OK ||
	    (code = app_commit(a, e)) != MM_OK)
		goto fail;
	goto done;
fail:
	app_rollback(a);
done:
	free(src);
	return code;
}

enum mm_err
asset_remove(struct app *a, const struct org *o, long long id, struct err *e)
{
	struct asset *before = malloc(sizeof(*before));
	enum mm_err code;

	if (before == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	if ((code = app_begin(a, e)) == MM_OK) {
		if ((code = asset_get(a->db, o->id, id, before, e)) != MM_OK ||
		    (code = asset_delete(a->db, o->id, id, e)) != MM_OK ||
		    (code = audit_asset(a, o->id, "asset.delete", before, NULL, e)) != MM_OK ||
		    (code = app_commit(a, e)) != MM_OK)
			app_rollback(a);
	}
	free(before);
	return code;
}

enum mm_err
asset_set_treatment(struct app *a, const struct org *o, long long id,
    const struct treatment_input *in, struct err *e)
{
	struct asset *before = malloc(sizeof(*before)), *after = malloc(sizeof(*after));
	char now[CLOCK_ISO_LEN];
	enum mm_err code;
	long res = 0;

	if (before == NULL || after == NULL) {
		code = err_key(e, MM_ENOMEM, "err.nomem");
		goto done;
	}
	if ((code = app_begin(a, e)) != MM_OK)
		goto done;
	if ((code = asset_get(a->db, o->id, id, before, e)) != MM_OK)
		goto fail;
	*after = *before;
	after->has_treatment = in->kind != NULL && *in->kind != '\0';
	if (after->has_treatment) {
		code = MM_EINVAL;
		if (risk_treatment_find(&a->cat->risk, in->kind) == NULL) {
			err_key(e, code, "err.asset.treatment_kind");
			goto fail;
		}
		if (in->status == NULL || (strcmp(in->status, "planned") != 0 &&
		    strcmp(in->status, "in_progress") != 0 && strcmp(in->status, "done") != 0)) {
			err_key(e, code, "err.asset.treatment_status");
			goto fail;
		}
		if (in->due != NULL && *in->due != '\0' && !text_date_valid(in->due)) {
			err_keyf(e, code, "err.asset.treatment_due", "{value}%s", in->due);
			goto fail;
		}
		if (in->residual != NULL && *in->residual != '\0' &&
		    (!text_parse_long(in->residual, &res) || (res != 1 && res != 2 && res != 3 &&
		    res != 4 && res != 6 && res != 9))) {
			err_keyf(e, code, "err.asset.treatment_residual", "{value}%s", in->residual);
			goto fail;
		}
		if ((code = input_text("err.field.measure", in->measure, false, 500, after->t_measure,
		    sizeof(after->t_measure), e)) != MM_OK ||
		    (code = input_text("err.field.owner", in->owner, false, 100, after->t_owner,
		    sizeof(after->t_owner), e)) != MM_OK)
			goto fail;
		snprintf(after->t_kind, sizeof(after->t_kind), "%s", in->kind);
		snprintf(after->t_status, sizeof(after->t_status), "%s", in->status);
		snprintf(after->t_due, sizeof(after->t_due), "%s", in->due ? in->due : "");
		after->t_residual = (int)res;
	}
	if (!before->has_treatment && !after->has_treatment) {
		app_rollback(a); /* nothing to remove: nothing to record */
		goto done;
	}
	clock_now_iso(now);
	if ((code = asset_treatment_set(a->db, after, now, e)) != MM_OK ||
	    (code = audit_asset(a, o->id, "asset.treatment", before, after, e)) != MM_OK ||
	    (code = app_commit(a, e)) != MM_OK)
		goto fail;
	goto done;
fail:
	app_rollback(a);
done:
	free(before);
	free(after);
	return code;
}

/* the derived columns that changed, collected while reading */
struct refresh {
	const struct risk_context *ctx;
	struct asset *changed;
	size_t n, alloc;
	struct err *e;
	bool failed;
};

static int
refresh_one(void *p, const struct asset *as)
{
	struct refresh *r = p;
	struct asset now = *as;

	if (derive(r->ctx, &now, r->e) != MM_OK) {
		r->failed = true;
		return 1;
	}
	if (now.importance == as->importance && now.threat == as->threat &&
	    now.vulnerability == as->vulnerability && now.risk_value == as->risk_value &&
	    strcmp(now.threat_source, as->threat_source) == 0 &&
	    strcmp(now.vulnerability_source, as->vulnerability_source) == 0)
		return 0;
	if (!array_room(&r->changed, &r->alloc, r->n, sizeof(*r->changed), 64)) {
		r->failed = true;
		err_key(r->e, MM_ENOMEM, "err.nomem");
		return 1;
	}
	r->changed[r->n++] = now;
	return 0;
}

enum mm_err
risk_refresh(struct app *a, long long org_id, struct err *e)
{
	struct risk_context *ctx = malloc(sizeof(*ctx));
	struct asset_filter f;
	struct refresh r;
	enum mm_err code;
	size_t k;

	memset(&r, 0, sizeof(r));
	memset(&f, 0, sizeof(f));
	if (ctx == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	r.ctx = ctx;
	r.e = e;
	if ((code = risk_context_load(a, org_id, ctx, e)) == MM_OK &&
	    (code = asset_each(a->db, org_id, &f, refresh_one, &r, e)) == MM_OK && r.failed)
		code = e->code ? e->code : MM_EINVAL;
	/* the changed rows are written after the read has ended; they are
	 * kept small: only the derived columns and the keys matter */
	for (k = 0; code == MM_OK && k < r.n; k++)
		code = asset_update_risk(a->db, &r.changed[k], e);
	free(r.changed);
	free(ctx);
	return code;
}

enum mm_err
risk_rate_threat(struct app *a, const struct org *o, const char *medium, int level,
    struct err *e)
{
	const struct risk_medium *md = risk_medium_find(&a->cat->risk, medium);
	char now[CLOCK_ISO_LEN], obj[64];
	int old = 0;
	enum mm_err code;
	json_t *before, *after;

	if (md == NULL)
		return err_keyf(e, MM_EINVAL, "err.asset.no_medium", "{value}%s",
		    medium ? medium : "");
	if (level < 0 || level > 3)
		return err_key(e, MM_EINVAL, "err.asset.threat_level");
	clock_now_iso(now);
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = threat_rating_get(a->db, o->id, md->id, &old, e)) != MM_OK)
		goto fail;
	if (old == level) {
		app_rollback(a); /* unchanged: nothing to record */
		return MM_OK;
	}
	if ((code = threat_rating_set(a->db, o->id, md->id, level, now, e)) != MM_OK ||
	    (code = risk_refresh(a, o->id, e)) != MM_OK)
		goto fail;
	snprintf(obj, sizeof(obj), "threat_rating:%s", md->id);
	before = json_pack("{si}", "level", old);
	after = json_pack("{si}", "level", level);
	code = audit_record(a, o->id, "risk.threat_rating", obj, before, after, e);
	json_decref(before);
	json_decref(after);
	if (code != MM_OK || (code = app_commit(a, e)) != MM_OK)
		goto fail;
	return MM_OK;
fail:
	app_rollback(a);
	return code;
}
