/* risk.h — the risk analysis of 付録7 (リスク分析シート) as pure rules.
 *
 *   重要度 (importance) = the catalog's table over max(機密性, 完全性, 可用性)
 *   被害発生可能性 (likelihood) = the catalog's table over 脅威 T × 脆弱性 V
 *       (which equals max(1, T + V − 3))
 *   リスク値 = 重要度 × 被害発生可能性 ∈ {1, 2, 3, 4, 6, 9}, band 大 / 中 / 小
 *
 * 脆弱性 is by default derived from the latest 自社診断: the items the
 * catalog maps to the asset's medium (our own, documented mapping). All
 * implemented → 1; none implemented and none partly → 3; otherwise 2.
 * わからない counts as not implemented, 該当なし as implemented.
 * Nothing here allocates or does I/O; every function is thread-safe.
 */
#ifndef MM_RISK_H
#define MM_RISK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/text.h"

#define RISK_MAX_MEDIA 16
#define RISK_MAX_BANDS 8
#define RISK_MAX_TREATMENTS 8

struct risk_medium {
	const char *id;          /* "paper", … */
	struct ltext label;
	int default_threat;      /* 1..3, until the organisation rates it */
	int items[DIAG_MAX_ITEMS]; /* 自社診断 item numbers mapped to it */
	size_t nitems;
};

struct risk_band {
	const char *id;          /* "risk-high", … */
	int min, max;
	struct ltext label;      /* 大 / 中 / 小 */
	struct ltext description;
};

struct risk_treatment_kind {
	const char *id;          /* "reduce", "retain", "avoid", "transfer" */
	struct ltext label;
};

/* The risk tables as the catalog defines them. Filled by catalog_load(). */
struct risk_model {
	int importance[4];       /* importance[max_cia], 1..3 */
	int likelihood[4][4];    /* likelihood[threat][vulnerability], 1..3 */
	struct risk_medium media[RISK_MAX_MEDIA];
	size_t nmedia;
	struct risk_band bands[RISK_MAX_BANDS];
	size_t nbands;
	struct risk_treatment_kind treatments[RISK_MAX_TREATMENTS];
	size_t ntreatments;
};

/* Where a threat or vulnerability value came from. */
enum risk_source {
	RISK_SRC_DEFAULT = 0, /* catalog default / no diagnosis yet: 未評価 */
	RISK_SRC_RATED,       /* the organisation's threat rating / the diagnosis */
	RISK_SRC_OVERRIDE     /* set on the asset itself */
};

/* The inputs of one asset's risk. Levels are 1..3; 0 means not given. */
struct risk_input {
	int c, i, a;                 /* 機密性, 完全性, 可用性 */
	const struct risk_medium *medium;
	int threat_rating;           /* the organisation's rating of the medium, 0: none */
	int threat_override;         /* on the asset, 0: none */
	int vulnerability_override;  /* on the asset, 0: none */
	const struct diag_sheet *diagnosis; /* the latest completed round, or NULL */
};

struct risk_result {
	int importance;
	int threat;
	enum risk_source threat_source;
	int vulnerability;
	enum risk_source vulnerability_source;
	int likelihood;
	int value;
	const struct risk_band *band;
};

/* risk_level_valid — V is a level 1..3. */
bool risk_level_valid(int v);

/* risk_importance — 重要度 of an asset rated C, I, A (each 1..3); 0 when a
 * rating is out of range. */
int risk_importance(const struct risk_model *m, int c, int i, int a);

/* risk_likelihood — 被害発生可能性 of threat T and vulnerability V (1..3);
 * 0 when out of range. */
int risk_likelihood(const struct risk_model *m, int t, int v);

/* risk_band_for — the band of risk value VALUE, or NULL. */
const struct risk_band *risk_band_for(const struct risk_model *m, int value);

/* risk_vulnerability — 脆弱性 of MEDIUM from the answers of SHEET (the
 * rule above); 3 when SHEET is NULL. */
int risk_vulnerability(const struct risk_medium *medium,
    const struct diag_sheet *sheet);

/* risk_medium_find — the medium with id ID, or NULL. */
const struct risk_medium *risk_medium_find(const struct risk_model *m,
    const char *id);

/* risk_treatment_find — the treatment kind with id ID, or NULL. */
const struct risk_treatment_kind *risk_treatment_find(const struct risk_model *m,
    const char *id);

/* risk_compute — the risk of one asset. Returns 0, or -1 when a C/I/A
 * rating or an override is out of range or the medium is missing. */
int risk_compute(const struct risk_model *m, const struct risk_input *in,
    struct risk_result *out);

/* risk_source_id — "default", "rated", "override" for threats; for
 * vulnerabilities the same ids with "rated" meaning "from the diagnosis". */
const char *risk_source_id(enum risk_source s);

#endif
