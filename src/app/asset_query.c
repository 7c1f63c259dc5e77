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
		code = err_key(e, MM_ENOMEM, "err.nomem");
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
	bool used[RISK_MAX_MEDIA];
};

static void
overview_group(void *p, int importance, int likelihood, const char *band,
    const char *medium, bool treated, long long n)
{
	struct overview_ctx *c = p;
	struct risk_overview *o = c->o;
	const struct risk_medium *md;
	bool high = band != NULL && strcmp(band, BAND_HIGH) == 0;

	o->total += n;
	if (high)
		o->high += n;
	else if (band != NULL && strcmp(band, BAND_MEDIUM) == 0)
		o->medium += n;
	else
		o->low += n;
	if (high && !treated)
		o->untreated_high += n;
	if (importance >= 1 && importance <= RISK_LEVELS && likelihood >= 1 &&
	    likelihood <= RISK_LEVELS)
		o->cells[importance - 1][likelihood - 1] += n;
	if ((md = risk_medium_find(c->m, medium)) != NULL)
		c->used[md - c->m->media] = true;
}

enum mm_err
risk_overview_load(struct app *a, long long org_id, bool cells, size_t max_gaps,
    struct risk_overview *out, struct err *e)
{
	struct overview_ctx c;
	enum mm_err code;
	size_t k;
	int level;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	c.o = out;
	c.m = &a->cat->risk;
	out->has_cells = cells;
	/* one aggregate over the assets, then only the gaps shown are read */
	if ((code = asset_cell_counts(a->db, org_id, overview_group, &c, e)) != MM_OK ||
	    (max_gaps > 0 && out->untreated_high > 0 &&
	    (code = asset_untreated(a->db, org_id, BAND_HIGH, (long long)max_gaps, &out->gaps,
	    &out->ngaps, e)) != MM_OK))
		goto fail;
	for (k = 0; out->total > 0 && k < c.m->nmedia; k++) {
		if (!c.used[k])
			continue;
		if ((code = threat_rating_get(a->db, org_id, c.m->media[k].id, &level, e)) != MM_OK)
			goto fail;
		out->media_unrated += level == 0;
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
