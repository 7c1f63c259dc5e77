/* asset_store.h — the 情報資産管理台帳 (assets), the organisation's threat
 * ratings per medium, and the treatment of each asset at risk. Every
 * query is scoped by organisation; sort columns come from a fixed list. */
#ifndef MM_ASSET_STORE_H
#define MM_ASSET_STORE_H

#include <stdbool.h>

#include "store/db.h"
#include "util/clock.h"

/* sizes hold the services' character limits in any UTF-8 */
#define ASSET_TEXT_MAX 512   /* 100 characters */
#define ASSET_NOTE_MAX 2004  /* 500 characters */

struct asset {
	long long id;
	long long org_id;
	char business_category[ASSET_TEXT_MAX];
	char name[ASSET_TEXT_MAX];
	char note[ASSET_NOTE_MAX];
	char users_scope[ASSET_TEXT_MAX];
	char department[ASSET_TEXT_MAX];
	char medium[32];
	bool personal, sensitive, my_number;
	int c, i, a;
	char retention[ASSET_TEXT_MAX];
	char registered_on[16];
	int threat_override;        /* 0: none */
	int vulnerability_override; /* 0: none */
	/* derived, kept by the services */
	int importance, threat, vulnerability, likelihood, risk_value;
	char threat_source[12], vulnerability_source[12], band[24];
	char created_at[CLOCK_ISO_LEN];
	char updated_at[CLOCK_ISO_LEN];
	/* the treatment, when there is one (read by asset_get/asset_list) */
	bool has_treatment;
	char t_kind[16];
	char t_measure[ASSET_NOTE_MAX];
	char t_owner[ASSET_TEXT_MAX];
	char t_due[16];
	char t_status[16];
	int t_residual;             /* 0: not given */
};

enum asset_sort {
	ASSET_SORT_ID = 0,
	ASSET_SORT_NAME,
	ASSET_SORT_MEDIUM,
	ASSET_SORT_DEPARTMENT,
	ASSET_SORT_IMPORTANCE,
	ASSET_SORT_RISK,
	ASSET_SORT_REGISTERED,
	ASSET_SORT_COUNT
};

struct asset_filter {
	const char *medium;     /* NULL: any */
	const char *department; /* NULL: any */
	const char *band;       /* NULL: any */
	const char *search;     /* NULL: none; matched in name, category, note */
	enum asset_sort sort;
	bool desc;
	long long offset;
	long long limit;        /* ≤ 0: all */
};

/* asset_sort_from_id — "id", "name", "medium", "department", "importance",
 * "risk", "registered" to the sort; false for anything else. */
bool asset_sort_from_id(const char *s, enum asset_sort *out);

/* asset_insert — store A (A->id set). */
enum mm_err asset_insert(struct db *db, struct asset *a, struct err *e);

/* asset_update — write A back (found by A->id and A->org_id); MM_ENOTFOUND. */
enum mm_err asset_update(struct db *db, const struct asset *a, struct err *e);

/* asset_update_risk — write only the derived risk columns of A. */
enum mm_err asset_update_risk(struct db *db, const struct asset *a, struct err *e);

/* asset_delete — remove asset ID of ORG_ID; MM_ENOTFOUND. */
enum mm_err asset_delete(struct db *db, long long org_id, long long id,
    struct err *e);

/* asset_get — asset ID of ORG_ID with its treatment; MM_ENOTFOUND. */
enum mm_err asset_get(struct db *db, long long org_id, long long id,
    struct asset *out, struct err *e);

/* asset_list — the assets of ORG_ID matching F, in F's order and page,
 * in a new array (free()); *TOTAL (may be NULL) gets the number matching
 * F without the page. */
enum mm_err asset_list(struct db *db, long long org_id, const struct asset_filter *f,
    struct asset **out, size_t *n, long long *total, struct err *e);

/* asset_each — call FN(CTX, asset) for every asset of ORG_ID matching F
 * in F's order (F's page is ignored), one row at a time: nothing is held
 * beyond the current row. FN returns non-zero to stop. */
enum mm_err asset_each(struct db *db, long long org_id, const struct asset_filter *f,
    int (*fn)(void *ctx, const struct asset *a), void *ctx, struct err *e);

/* asset_departments — the distinct departments of ORG_ID, as a JSON-free
 * list: a new array of N strings of ASSET_TEXT_MAX bytes (free()). */
enum mm_err asset_departments(struct db *db, long long org_id,
    char (**out)[ASSET_TEXT_MAX], size_t *n, struct err *e);

/* asset_cell_counts — the assets of ORG_ID counted by importance,
 * likelihood, band, medium and whether they have a treatment: FN is called
 * once per group, without reading any asset row. */
enum mm_err asset_cell_counts(struct db *db, long long org_id,
    void (*fn)(void *ctx, int importance, int likelihood, const char *band,
    const char *medium, bool treated, long long count), void *ctx, struct err *e);

/* asset_untreated — up to LIMIT assets of ORG_ID in band BAND without a
 * treatment, highest risk first, in a new array (free()). */
enum mm_err asset_untreated(struct db *db, long long org_id, const char *band,
    long long limit, struct asset **out, size_t *n, struct err *e);

/* threat_rating_get — the rating (1..3) of MEDIUM by ORG_ID in *LEVEL, 0 when
 * never rated. */
enum mm_err threat_rating_get(struct db *db, long long org_id, const char *medium,
    int *level, struct err *e);

/* threat_rating_set — ORG_ID rates MEDIUM LEVEL (1..3), or clears it (0). */
enum mm_err threat_rating_set(struct db *db, long long org_id, const char *medium,
    int level, const char *now, struct err *e);

/* asset_treatment_set — the treatment of asset A->id from A's t_* fields;
 * A->has_treatment false removes it. */
enum mm_err asset_treatment_set(struct db *db, const struct asset *a,
    const char *now, struct err *e);

#endif
