/* asset_query.h — reading the 情報資産管理台帳 in ways the store's filter
 * does not cover: by 重要度 and 被害発生可能性 (a cell of the heat map) and
 * "大 without a treatment" (the gaps), and the overview of the risk
 * analysis that the dashboard and the risk page show.
 *
 * Reads only, and no SQL here: the extra filters are applied in C over
 * asset_each() (one pass, one row held at a time); a query without them
 * goes straight to asset_list(), paged in SQL. Not thread-safe on one
 * struct app (its database connection). */
#ifndef MM_ASSET_QUERY_H
#define MM_ASSET_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"
#include "store/asset_store.h"

#define RISK_LEVELS 3

/* The store's filter (with its sort and page) and the filters on top. */
struct asset_query {
	struct asset_filter f;
	int importance;   /* 1..3, 0: any */
	int likelihood;   /* 1..3, 0: any */
	bool untreated;   /* only assets without a treatment */
};

/* asset_query_extra — true when Q uses a filter the store does not have. */
bool asset_query_extra(const struct asset_query *q);

/* asset_query_page — the assets of ORG_ID matching Q, in Q's order, the
 * page Q->f.offset / Q->f.limit (limit ≤ 0: all) in a new array of *N
 * (free()); *TOTAL (may be NULL) gets the number matching Q. */
enum mm_err asset_query_page(struct app *a, long long org_id,
    const struct asset_query *q, struct asset **out, size_t *n, long long *total,
    struct err *e);

/* asset_query_each — FN(CTX, asset) for every asset of ORG_ID matching Q
 * in Q's order (the page is ignored); FN returns non-zero to stop. Only
 * one row is held at a time. */
enum mm_err asset_query_each(struct app *a, long long org_id,
    const struct asset_query *q, int (*fn)(void *ctx, const struct asset *as),
    void *ctx, struct err *e);

/* Where the risk analysis of an organisation stands. */
struct risk_overview {
	long long total;          /* assets */
	long long high, medium, low; /* per band (大 / 中 / 小) */
	long long untreated_high; /* 大 without a treatment: the gaps */
	bool has_cells;
	long long cells[RISK_LEVELS][RISK_LEVELS]; /* [重要度-1][被害発生可能性-1] */
	int media_unrated;        /* media used by an asset whose threats are not rated */
	struct asset *gaps;       /* the first gaps by risk value (owned) */
	size_t ngaps;
};

/* risk_overview_load — the overview of ORG_ID into *OUT, with at most
 * MAX_GAPS gaps (highest risk first). With CELLS the heat map is counted
 * too (one pass over every asset); without, only the 大 rows are read
 * (for the dashboard). Free with risk_overview_free(). */
enum mm_err risk_overview_load(struct app *a, long long org_id, bool cells,
    size_t max_gaps, struct risk_overview *out, struct err *e);

/* risk_overview_free — release what risk_overview_load() allocated. */
void risk_overview_free(struct risk_overview *o);

#endif
