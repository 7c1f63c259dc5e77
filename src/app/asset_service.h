/* asset_service.h — the 情報資産管理台帳 and its risk analysis (付録7) as
 * use cases. Every change is one transaction with one audit record per
 * asset changed; the derived risk columns are recomputed whenever one of
 * their inputs changes (the asset, the threat rating of its medium, the
 * 自社診断). */
#ifndef MM_ASSET_SERVICE_H
#define MM_ASSET_SERVICE_H

#include <jansson.h>

#include "app/app.h"
#include "core/risk.h"
#include "store/asset_store.h"
#include "store/org_store.h"

/* An asset as a user writes it: every field is text (from a form, a
 * file or the API); NULL means "not given" (keep, or the default for a
 * new asset). Flags accept ○ / 1 / はい / true / yes (and × / 0 /
 * いいえ / false / no / ""). Levels are 1..3; overrides "" clear. */
struct asset_input {
	const char *business_category;
	const char *name;
	const char *note;
	const char *users_scope;
	const char *department;
	const char *medium;          /* catalog id or its Japanese/English label */
	const char *personal;
	const char *sensitive;
	const char *my_number;
	const char *c, *i, *a;
	const char *retention;
	const char *registered_on;   /* YYYY-MM-DD; today for a new asset */
	const char *threat_override;
	const char *vulnerability_override;
};

/* What the organisation's risk depends on besides the asset: the threat
 * ratings per medium and the latest diagnosis. Load it once for many
 * assets. */
struct risk_context {
	const struct risk_model *model;
	int rating[RISK_MAX_MEDIA];  /* per model->media, 0: not rated */
	struct diag_sheet diagnosis;
	bool has_diagnosis;
};

/* risk_context_load — the context of organisation ORG_ID. */
enum mm_err risk_context_load(struct app *a, long long org_id,
    struct risk_context *ctx, struct err *e);

/* asset_apply — check IN and apply it over BASE (a copy of the asset, or
 * a zeroed struct for a new one) into OUT, with the derived risk computed
 * in CTX. Sets C to 3 when 要配慮個人情報 or 特定個人情報 is set (mamori's
 * rule). Bad input: MM_EINVAL with a Japanese message naming the field
 * (FIELD_OUT, may be NULL, gets the field's key, e.g. "medium"). Pure
 * apart from reading the catalog; used by the importer's dry run. */
enum mm_err asset_apply(struct app *a, const struct risk_context *ctx,
    const struct asset_input *in, const struct asset *base, struct asset *out,
    const char **field_out, struct err *e);

/* asset_create — a new asset of O from IN into *OUT; audited. */
enum mm_err asset_create(struct app *a, const struct org *o,
    const struct asset_input *in, struct asset *out, struct err *e);

/* asset_edit — change asset ID of O by IN; *OUT is the result. */
enum mm_err asset_edit(struct app *a, const struct org *o, long long id,
    const struct asset_input *in, struct asset *out, struct err *e);

/* asset_duplicate — a copy of asset ID named "… (コピー)" in LANG (the
 * text of assets.copy_name); *OUT. */
enum mm_err asset_duplicate(struct app *a, const struct org *o, long long id,
    enum lang lang, struct asset *out, struct err *e);

/* asset_remove — delete asset ID of O (and its treatment). */
enum mm_err asset_remove(struct app *a, const struct org *o, long long id,
    struct err *e);

/* asset_bulk_edit — apply IN to the N assets IDS of O in one transaction
 * (all or none); one audit record per asset. */
enum mm_err asset_bulk_edit(struct app *a, const struct org *o,
    const long long *ids, size_t n, const struct asset_input *in, struct err *e);

/* The treatment of an asset at risk, as text. */
struct treatment_input {
	const char *kind;     /* reduce / retain / avoid / transfer, "" removes */
	const char *measure;
	const char *owner;
	const char *due;      /* YYYY-MM-DD or "" */
	const char *status;   /* planned / in_progress / done */
	const char *residual; /* expected residual risk value, "" for none */
};

/* asset_set_treatment — record the treatment of asset ID of O. */
enum mm_err asset_set_treatment(struct app *a, const struct org *o, long long id,
    const struct treatment_input *in, struct err *e);

/* risk_rate_threat — O rates how often the threats of MEDIUM occur
 * (LEVEL 1..3, 0 clears); the risk of its assets is recomputed. */
enum mm_err risk_rate_threat(struct app *a, const struct org *o,
    const char *medium, int level, struct err *e);

/* risk_refresh — recompute the derived risk of every asset of ORG_ID;
 * call inside the transaction that changed an input (e.g. a completed
 * 自社診断). */
enum mm_err risk_refresh(struct app *a, long long org_id, struct err *e);

/* asset_record_json — the stored fields of AS as JSON, as the audit log
 * keeps them (new reference). */
json_t *asset_record_json(const struct asset *as);

/* asset_json — asset AS as JSON in LANG (labels of medium, band and
 * treatment included). */
json_t *asset_json(const struct app *a, const struct asset *as, enum lang lang);

/* risk_threats_view — the 脅威の状況 of O: each medium with its threats,
 * its rating and where the value comes from, and the vulnerability
 * derived from the diagnosis. */
json_t *risk_threats_view(struct app *a, const struct org *o, enum lang lang,
    struct err *e);

/* risk_summary — counts per band and the 大 risks without a treatment:
 * {"high":n,"medium":n,"low":n,"total":n,"untreated_high":n}. */
json_t *risk_summary(struct app *a, const struct org *o, struct err *e);

/* asset_flag_parse — a flag as written in a sheet; -1 when not a flag. */
int asset_flag_parse(const char *s);

#endif
