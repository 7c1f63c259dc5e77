/* asset_query.c — the ledger by heat-map cell and gaps, and the overview
 * of the risk analysis. See asset_query.h. */
#include "app/asset_query.h"

#include <stdlib.h>
#include <string.h>

#include "core/risk.h"

#define BAND_HIGH "risk-high"
#define BAND_MEDIUM "risk-medium"

bool
asset_query_extra(const struct asset_query *q)
{
	return q->importance != 0 || q->likelihood != 0 || q->untreated;
}

static bool
query_match(const struct asset_query *q, const struct asset *as)
{
	return (q->importance == 0 || as->importance == q->importance) &&
	    (q->likelihood == 0 || as->likelihood == q->likelihood) &&
	    (!q->untreated || !as->has_treatment);
}

/* the store's filter for Q: when both levels are given the band follows
 * from them, so that SQL reads fewer rows. *EMPTY is set when the band
 * asked for can not hold the cell. */
static struct asset_filter
narrowed(struct app *a, const struct asset_query *q, bool *empty)
{
	struct asset_filter f = q->f;
	const struct risk_band *b;

	*empty = false;
	if (q->importance < 0 || q->importance > RISK_LEVELS ||
	    q->likelihood < 0 || q->likelihood > RISK_LEVELS) {
		*empty = true;
		return f;
	}
	if (q->importance == 0 || q->likelihood == 0)
		return f;
	b = risk_band_for(&a->cat->risk, q->importance * q->likelihood);
	if (b == NULL)
		return f;
	if (f.band != NULL && *f.band != '\0' && strcmp(f.band, b->id) != 0)
		*empty = true;
	f.band = b->id;
	return f;
}

struct each_ctx {
	const struct asset_query *q;
	int (*fn)(void *ctx, const struct asset *as);
	void *ctx;
};

static int
each_one(void *p, const struct asset *as)
{
	struct each_ctx *c = p;

	return query_match(c->q, as) ? c->fn(c->ctx, as) : 0;
}

enum mm_err
asset_query_each(struct app *a, long long org_id, const struct asset_query *q,
    int (*fn)(void *ctx, const struct asset *as), void *ctx, struct err *e)
{
	struct each_ctx c = { q, fn, ctx };
	struct asset_filter f;
	bool empty;

	f = narrowed(a, q, &empty);
	if (empty)
		return MM_OK;
	if (!asset_query_extra(q))
		return asset_each(a->db, org_id, &f, fn, ctx, e);
	return asset_each(a->db, org_id, &f, each_one, &c, e);
}

/* the rows of one page, collected while counting every match */
struct page_ctx {
	long long seen, offset, limit;
	struct asset *rows;
	size_t n, alloc;
	bool nomem;
};

static int
page_one(void *p, const struct asset *as)
{
	struct page_ctx *c = p;
	long long at = c->seen++;

	if (at < c->offset || (c->limit > 0 && at >= c->offset + c->limit))
		return 0;
	if (c->n == c->alloc) {
		size_t want = c->alloc ? c->alloc * 2 : 64;
		struct asset *v;
		if (c->limit > 0 && want > (size_t)c->limit)
			want = (size_t)c->limit;
		if ((v = realloc(c->rows, want * sizeof(*v))) == NULL) {
			c->nomem = true;
			return 1;
		}
		c->rows = v;
		c->alloc = want;
	}
	c->rows[c->n++] = *as;
	return 0;
}

enum mm_err
asset_query_page(struct app *a, long long org_id, const struct asset_query *q,
    struct asset **out, size_t *n, long long *total, struct err *e)
{
	struct page_ctx c;
	enum mm_err code;

	*out = NULL;
	*n = 0;
	if (total != NULL)
		*total = 0;
	if (!asset_query_extra(q))
		return asset_list(a->db, org_id, &q->f, out, n, total, e);
	memset(&c, 0, sizeof(c));
	c.offset = q->f.offset > 0 ? q->f.offset : 0;
	c.limit = q->f.limit;
	code = asset_query_each(a, org_id, q, page_one, &c, e);
	if (code == MM_OK && c.nomem)
		code = err_set(e, MM_ENOMEM, "メモリが足りません");
	if (code != MM_OK) {
		free(c.rows);
		return code;
	}
	*out = c.rows;
	*n = c.n;
	if (total != NULL)
		*total = c.seen;
	return MM_OK;
}

/* ---- the overview ---- */

struct overview_ctx {
	struct risk_overview *o;
	const struct risk_model *m;
	size_t max_gaps;
	bool all;                       /* every row (cells), or the 大 rows only */
	bool used[RISK_MAX_MEDIA];
	bool nomem;
};

static int
overview_one(void *p, const struct asset *as)
{
	struct overview_ctx *c = p;
	struct risk_overview *o = c->o;
	const struct risk_medium *md;
	bool high = strcmp(as->band, BAND_HIGH) == 0;

	if (!c->all && !high)
		return 1; /* in risk order: no 大 row comes after this one */
	if (c->all) {
		o->total++;
		if (high)
			o->high++;
		else if (strcmp(as->band, BAND_MEDIUM) == 0)
			o->medium++;
		else
			o->low++;
		if (as->importance >= 1 && as->importance <= RISK_LEVELS &&
		    as->likelihood >= 1 && as->likelihood <= RISK_LEVELS)
			o->cells[as->importance - 1][as->likelihood - 1]++;
		if ((md = risk_medium_find(c->m, as->medium)) != NULL)
			c->used[md - c->m->media] = true;
	}
	if (high && !as->has_treatment) {
		o->untreated_high++;
		if (o->ngaps < c->max_gaps) {
			if (o->gaps == NULL &&
			    (o->gaps = malloc(c->max_gaps * sizeof(*o->gaps))) == NULL) {
				c->nomem = true;
				return 1;
			}
			o->gaps[o->ngaps++] = *as;
		}
	}
	return 0;
}

static void
count_band(void *p, const char *band, long long n)
{
	struct risk_overview *o = p;

	o->total += n;
	if (band != NULL && strcmp(band, BAND_HIGH) == 0)
		o->high += n;
	else if (band != NULL && strcmp(band, BAND_MEDIUM) == 0)
		o->medium += n;
	else
		o->low += n;
}

/* is MEDIUM used by an asset of ORG_ID? */
static enum mm_err
medium_used(struct app *a, long long org_id, const char *medium, bool *used,
    struct err *e)
{
	struct asset_filter f;
	struct asset *v = NULL;
	size_t n = 0;
	enum mm_err code;

	memset(&f, 0, sizeof(f));
	f.medium = medium;
	f.limit = 1;
	code = asset_list(a->db, org_id, &f, &v, &n, NULL, e);
	free(v);
	*used = n > 0;
	return code;
}

enum mm_err
risk_overview_load(struct app *a, long long org_id, bool cells, size_t max_gaps,
    struct risk_overview *out, struct err *e)
{
	struct overview_ctx c;
	struct asset_filter f;
	enum mm_err code;
	size_t k;
	int level;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	memset(&f, 0, sizeof(f));
	c.o = out;
	c.m = &a->cat->risk;
	c.max_gaps = max_gaps;
	c.all = cells;
	out->has_cells = cells;
	/* highest risk first: the gaps come in order, and without the cells
	 * the pass ends with the last 大 row */
	f.sort = ASSET_SORT_RISK;
	f.desc = true;
	if (!cells && (code = asset_band_counts(a->db, org_id, count_band, out, e)) != MM_OK)
		goto fail;
	if ((code = asset_each(a->db, org_id, &f, overview_one, &c, e)) != MM_OK)
		goto fail;
	if (c.nomem) {
		code = err_set(e, MM_ENOMEM, "メモリが足りません");
		goto fail;
	}
	/* no asset, no medium in use: nothing to look up */
	for (k = 0; out->total > 0 && k < c.m->nmedia; k++) {
		if ((code = threat_rating_get(a->db, org_id, c.m->media[k].id, &level, e)) != MM_OK)
			goto fail;
		if (level != 0)
			continue;
		if (!cells && (code = medium_used(a, org_id, c.m->media[k].id, &c.used[k],
		    e)) != MM_OK)
			goto fail;
		out->media_unrated += c.used[k];
	}
	return MM_OK;
fail:
	risk_overview_free(out);
	return code;
}

void
risk_overview_free(struct risk_overview *o)
{
	free(o->gaps);
	o->gaps = NULL;
	o->ngaps = 0;
}
