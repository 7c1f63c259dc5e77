/* catalog_model.c — checks of the catalog lists the code relies on: the
 * 自社診断 (parts, answers, bands, items), the 付録7 risk tables and the
 * media. Builds the typed diagnosis model. */
#include <string.h>

#include "core/catalog_int.h"

struct ck {
	struct catalog *c;
	const char *label;
	struct err *e;
};

#define FAIL(k, cl, id, ...) \
	catalog_fail((k)->e, (k)->label, (cl) ? (cl)->file : "manifest.json", \
	    (id), __VA_ARGS__)

static const struct catalog_list *
need_list(struct ck *k, const char *name)
{
	const struct catalog_list *cl = catalog_list(k->c, name);

	if (cl == NULL)
		FAIL(k, (const struct catalog_list *)NULL, name,
		    "リスト \"%s\" がどのファイルにもありません", name);
	return cl;
}

static bool
get_int(json_t *item, const char *key, int lo, int hi, int *out)
{
	json_t *v = json_object_get(item, key);
	json_int_t n;

	if (!json_is_integer(v))
		return false;
	n = json_integer_value(v);
	if (n < lo || n > hi)
		return false;
	*out = (int)n;
	return true;
}

static const char *
id_of(json_t *item)
{
	return json_string_value(json_object_get(item, "id"));
}

static bool
has_text(json_t *item, const char *key)
{
	return json_is_object(json_object_get(item, key));
}

static enum mm_err
build_parts(struct ck *k, const struct catalog_list *cl)
{
	struct diag_model *m = &k->c->diag;
	json_t *it;
	size_t i;
	int next = 1;

	if (json_array_size(cl->items) == 0 || json_array_size(cl->items) > DIAG_MAX_PARTS)
		return FAIL(k, cl, cl->name, "区分は 1〜%d 個でなければなりません",
		    DIAG_MAX_PARTS);
	json_array_foreach(cl->items, i, it) {
		struct diag_part *p = &m->parts[i];
		p->id = id_of(it);
		if (!has_text(it, "label") ||
		    !get_int(it, "first", 1, DIAG_MAX_ITEMS, &p->first) ||
		    !get_int(it, "last", 1, DIAG_MAX_ITEMS, &p->last) ||
		    p->first > p->last)
			return FAIL(k, cl, p->id, "label, first, last (1〜%d) が必要です",
			    DIAG_MAX_ITEMS);
		if (p->first != next)
			return FAIL(k, cl, p->id, "first は %d でなければなりません (区分は項目番号順に隙間なく並べます)",
			    next);
		p->label = catalog_text(it, "label");
		next = p->last + 1;
	}
	m->nparts = json_array_size(cl->items);
	return MM_OK;
}

static enum mm_err
build_answers(struct ck *k, const struct catalog_list *cl)
{
	struct diag_model *m = &k->c->diag;
	bool seen[DIAG_ANSWER_KINDS] = { false };
	json_t *it;
	size_t i;
	int a;

	json_array_foreach(cl->items, i, it) {
		enum diag_answer kind = diag_answer_from_id(id_of(it));
		struct diag_answer_kind *ak;
		if (kind == DIAG_UNANSWERED || seen[kind])
			return FAIL(k, cl, id_of(it),
			    "回答の id は yes, partial, no, unknown, na をそれぞれ一度だけ使います");
		seen[kind] = true;
		ak = &m->answers[kind];
		ak->id = diag_answer_id(kind);
		ak->label = catalog_text(it, "label");
		ak->description = catalog_text(it, "description");
		if (!has_text(it, "label"))
			return FAIL(k, cl, ak->id, "label が必要です");
		if (kind != DIAG_NA && !get_int(it, "points", -100, 100, &ak->points))
			return FAIL(k, cl, ak->id, "points (整数) が必要です");
	}
	for (a = DIAG_YES; a < DIAG_ANSWER_KINDS; a++)
		if (!seen[a])
			return FAIL(k, cl, diag_answer_id((enum diag_answer)a),
			    "この回答がありません");
	m->full_points = m->answers[DIAG_YES].points;
	for (a = DIAG_PARTIAL; a < DIAG_NA; a++)
		if (m->answers[a].points >= m->answers[a - 1].points)
			return FAIL(k, cl, diag_answer_id((enum diag_answer)a),
			    "点数は yes > partial > no > unknown の順に小さくなければなりません");
	if (m->full_points <= 0)
		return FAIL(k, cl, "yes", "yes の点数は正でなければなりません");
	return MM_OK;
}

static enum mm_err
build_items(struct ck *k, const struct catalog_list *cl)
{
	static const enum diag_answer advised[] = { DIAG_PARTIAL, DIAG_NO, DIAG_UNKNOWN };
	struct diag_model *m = &k->c->diag;
	size_t n = json_array_size(cl->items), i, p, a;
	bool seen[DIAG_MAX_ITEMS] = { false }, any_required = false;
	json_t *it;

	if (n == 0 || n > DIAG_MAX_ITEMS)
		return FAIL(k, cl, cl->name, "診断項目は 1〜%d 個でなければなりません",
		    DIAG_MAX_ITEMS);
	if (m->parts[m->nparts - 1].last != (int)n)
		return FAIL(k, cl, m->parts[m->nparts - 1].id,
		    "最後の区分の last (%d) が項目数 %zu と一致しません",
		    m->parts[m->nparts - 1].last, n);
	json_array_foreach(cl->items, i, it) {
		struct diag_item *d;
		const char *part;
		json_t *advice = json_object_get(it, "advice"), *na;
		int no;

		if (!get_int(it, "no", 1, (int)n, &no) || seen[no - 1])
			return FAIL(k, cl, id_of(it), "no は 1〜%zu の重複しない整数です", n);
		seen[no - 1] = true;
		d = &m->items[no - 1];
		d->id = id_of(it);
		d->no = no;
		part = json_string_value(json_object_get(it, "part_ref"));
		for (p = 0; p < m->nparts; p++)
			if (part != NULL && strcmp(part, m->parts[p].id) == 0)
				break;
		if (p == m->nparts || no < m->parts[p].first || no > m->parts[p].last)
			return FAIL(k, cl, d->id, "part_ref が番号 %d の区分と一致しません", no);
		d->part = p;
		if (!has_text(it, "question") || !has_text(it, "title"))
			return FAIL(k, cl, d->id, "question と title が必要です");
		d->question = catalog_text(it, "question");
		d->title = catalog_text(it, "title");
		d->explanation = catalog_text(it, "explanation");
		na = json_object_get(it, "na_allowed");
		if (!json_is_boolean(na))
			return FAIL(k, cl, d->id, "na_allowed (true/false) が必要です");
		d->na_allowed = json_is_true(na);
		any_required |= !d->na_allowed;
		for (a = 0; a < sizeof(advised) / sizeof(advised[0]); a++) {
			const char *aid = diag_answer_id(advised[a]);
			if (!json_is_object(json_object_get(advice, aid)))
				return FAIL(k, cl, d->id, "advice に \"%s\" の助言がありません",
				    aid);
			d->advice[advised[a]] = catalog_text(advice, aid);
		}
	}
	if (!any_required)
		return FAIL(k, cl, cl->name, "すべての項目が 該当なし を許すことはできません");
	m->nitems = n;
	return MM_OK;
}

static enum mm_err
build_bands(struct ck *k, const struct catalog_list *cl)
{
	struct diag_model *m = &k->c->diag;
	int lo = (int)m->nitems * m->answers[DIAG_UNKNOWN].points;
	int hi = (int)m->nitems * m->full_points, t;
	json_t *it;
	size_t i;

	if (json_array_size(cl->items) == 0 || json_array_size(cl->items) > DIAG_MAX_BANDS)
		return FAIL(k, cl, cl->name, "評価は 1〜%d 個でなければなりません",
		    DIAG_MAX_BANDS);
	json_array_foreach(cl->items, i, it) {
		struct diag_band *b = &m->bands[i];
		b->id = id_of(it);
		if (!get_int(it, "min", -10000, 10000, &b->min) ||
		    !get_int(it, "max", -10000, 10000, &b->max) || b->min > b->max ||
		    !has_text(it, "label") || !has_text(it, "meaning") ||
		    !has_text(it, "next_step"))
			return FAIL(k, cl, b->id,
			    "min ≤ max の整数と label, meaning, next_step が必要です");
		b->label = catalog_text(it, "label");
		b->meaning = catalog_text(it, "meaning");
		b->next_step = catalog_text(it, "next_step");
	}
	m->nbands = json_array_size(cl->items);
	/* every reachable total falls in exactly one band */
	for (t = lo; t <= hi; t++) {
		size_t hits = 0;
		for (i = 0; i < m->nbands; i++)
			hits += t >= m->bands[i].min && t <= m->bands[i].max;
		if (hits != 1)
			return FAIL(k, cl, cl->name,
			    "合計点 %d が %s の評価に当たります (ちょうど一つでなければなりません)",
			    t, hits ? "複数" : "どれにも当たらない");
	}
	return MM_OK;
}

enum mm_err
catalog_build_diag(struct catalog *c, const char *label, struct err *e)
{
	struct ck k = { c, label, e };
	const struct catalog_list *parts, *answers, *items, *bands;
	enum mm_err rc;

	if ((parts = need_list(&k, "parts")) == NULL ||
	    (answers = need_list(&k, "answers")) == NULL ||
	    (items = need_list(&k, "items")) == NULL ||
	    (bands = need_list(&k, "bands")) == NULL)
		return MM_ECATALOG;
	if ((rc = build_parts(&k, parts)) != MM_OK ||
	    (rc = build_answers(&k, answers)) != MM_OK ||
	    (rc = build_items(&k, items)) != MM_OK ||
	    (rc = build_bands(&k, bands)) != MM_OK)
		return rc;
	return MM_OK;
}

/* each entry of list NAME has integer KEY in [1, 3], levels 1..3 once each */
static enum mm_err
check_levels(struct ck *k, const char *name, const char *key)
{
	const struct catalog_list *cl = need_list(k, name);
	bool seen[4] = { false };
	json_t *it;
	size_t i;
	int v;

	if (cl == NULL)
		return MM_ECATALOG;
	json_array_foreach(cl->items, i, it) {
		if (!get_int(it, key, 1, 3, &v) || seen[v])
			return FAIL(k, cl, id_of(it), "%s は 1〜3 の重複しない整数です", key);
		seen[v] = true;
	}
	if (!seen[1] || !seen[2] || !seen[3])
		return FAIL(k, cl, name, "段階 1, 2, 3 がそろっていません");
	return MM_OK;
}

static enum mm_err
check_likelihood(struct ck *k)
{
	const struct catalog_list *cl = need_list(k, "likelihood");
	bool seen[4][4] = { { false } };
	json_t *it;
	size_t i;
	int t, v, p;

	if (cl == NULL)
		return MM_ECATALOG;
	json_array_foreach(cl->items, i, it) {
		if (!get_int(it, "threat", 1, 3, &t) ||
		    !get_int(it, "vulnerability", 1, 3, &v) ||
		    !get_int(it, "likelihood", 1, 3, &p) || seen[t][v])
			return FAIL(k, cl, id_of(it),
			    "threat, vulnerability, likelihood (1〜3) の組は一度だけです");
		seen[t][v] = true;
	}
	for (t = 1; t <= 3; t++)
		for (v = 1; v <= 3; v++)
			if (!seen[t][v])
				return FAIL(k, cl, cl->name, "脅威 %d × 脆弱性 %d がありません",
				    t, v);
	return MM_OK;
}

static enum mm_err
check_risk_bands(struct ck *k)
{
	const struct catalog_list *cl = need_list(k, "risk-bands");
	static const int values[] = { 1, 2, 3, 4, 6, 9 };
	json_t *it;
	size_t i, j;
	int lo, hi;

	if (cl == NULL)
		return MM_ECATALOG;
	for (j = 0; j < sizeof(values) / sizeof(values[0]); j++) {
		size_t hits = 0;
		json_array_foreach(cl->items, i, it) {
			if (!get_int(it, "min", 1, 9, &lo) || !get_int(it, "max", 1, 9, &hi) ||
			    !has_text(it, "label"))
				return FAIL(k, cl, id_of(it), "min, max (1〜9) と label が必要です");
			hits += values[j] >= lo && values[j] <= hi;
		}
		if (hits != 1)
			return FAIL(k, cl, cl->name,
			    "リスク値 %d はちょうど一つの区分に当たらなければなりません", values[j]);
	}
	return MM_OK;
}

static enum mm_err
check_media(struct ck *k)
{
	const struct catalog_list *media = need_list(k, "media");
	const struct catalog_list *map = need_list(k, "diagnosis-media");
	json_t *it, *m;
	size_t i, j;
	int v;

	if (media == NULL || map == NULL)
		return MM_ECATALOG;
	json_array_foreach(media->items, i, it) {
		if (!has_text(it, "label") ||
		    json_array_size(json_object_get(it, "threat_refs")) == 0 ||
		    !get_int(it, "default_threat_level", 1, 3, &v))
			return FAIL(k, media, id_of(it),
			    "label, threat_refs (1 つ以上), default_threat_level (1〜3) が必要です");
		for (j = 0; j < json_array_size(map->items); j++) {
			m = json_array_get(map->items, j);
			if (json_equal(json_object_get(m, "medium_ref"), json_object_get(it, "id")))
				break;
		}
		if (j == json_array_size(map->items))
			return FAIL(k, map, id_of(it),
			    "この媒体に対応する自社診断項目の対応付けがありません");
	}
	json_array_foreach(map->items, i, it) {
		json_t *ref;
		size_t r;
		if (json_array_size(json_object_get(it, "item_refs")) == 0)
			return FAIL(k, map, id_of(it), "item_refs が空です");
		json_array_foreach(json_object_get(it, "item_refs"), r, ref) {
			const char *target = json_string_value(ref);
			size_t d;
			for (d = 0; d < k->c->diag.nitems; d++)
				if (strcmp(k->c->diag.items[d].id, target) == 0)
					break;
			if (d == k->c->diag.nitems)
				return FAIL(k, map, id_of(it),
				    "\"%s\" は自社診断の項目ではありません", target);
		}
	}
	return MM_OK;
}

/* the diagnosis item number of the catalog id DIAG_ID, or 0 */
static int
item_no(const struct catalog *c, const char *diag_id)
{
	size_t d;

	for (d = 0; diag_id != NULL && d < c->diag.nitems; d++)
		if (strcmp(c->diag.items[d].id, diag_id) == 0)
			return c->diag.items[d].no;
	return 0;
}

/* fill c->risk from the lists checked above */
static enum mm_err
build_risk(struct ck *k)
{
	struct risk_model *m = &k->c->risk;
	const struct catalog_list *imp = catalog_list(k->c, "importance");
	const struct catalog_list *lk = catalog_list(k->c, "likelihood");
	const struct catalog_list *media = catalog_list(k->c, "media");
	const struct catalog_list *map = catalog_list(k->c, "diagnosis-media");
	const struct catalog_list *bands = catalog_list(k->c, "risk-bands");
	const struct catalog_list *treat = need_list(k, "treatments");
	json_t *it, *mp, *ref;
	size_t i, j, r;
	int lvl = 0, max = 0, t = 0, v = 0, p = 0;

	if (treat == NULL)
		return MM_ECATALOG;
	json_array_foreach(imp->items, i, it) {
		get_int(it, "level", 1, 3, &lvl);
		get_int(it, "max_cia", 1, 3, &max);
		m->importance[max] = lvl;
	}
	json_array_foreach(lk->items, i, it) {
		get_int(it, "threat", 1, 3, &t);
		get_int(it, "vulnerability", 1, 3, &v);
		get_int(it, "likelihood", 1, 3, &p);
		m->likelihood[t][v] = p;
	}
	if (json_array_size(media->items) > RISK_MAX_MEDIA ||
	    json_array_size(bands->items) > RISK_MAX_BANDS ||
	    json_array_size(treat->items) > RISK_MAX_TREATMENTS)
		return FAIL(k, media, media->name, "媒体・評価・対応の数が多すぎます");
	json_array_foreach(media->items, i, it) {
		struct risk_medium *md = &m->media[i];
		md->id = id_of(it);
		md->label = catalog_text(it, "label");
		get_int(it, "default_threat_level", 1, 3, &md->default_threat);
		json_array_foreach(map->items, j, mp) {
			if (strcmp(json_string_value(json_object_get(mp, "medium_ref")), md->id) != 0)
				continue;
			json_array_foreach(json_object_get(mp, "item_refs"), r, ref)
				if (md->nitems < DIAG_MAX_ITEMS)
					md->items[md->nitems++] = item_no(k->c, json_string_value(ref));
		}
	}
	m->nmedia = json_array_size(media->items);
	json_array_foreach(bands->items, i, it) {
		struct risk_band *b = &m->bands[i];
		b->id = id_of(it);
		get_int(it, "min", 1, 9, &b->min);
		get_int(it, "max", 1, 9, &b->max);
		b->label = catalog_text(it, "label");
		b->description = catalog_text(it, "description");
	}
	m->nbands = json_array_size(bands->items);
	json_array_foreach(treat->items, i, it) {
		if (!has_text(it, "label"))
			return FAIL(k, treat, id_of(it), "label が必要です");
		m->treatments[i].id = id_of(it);
		m->treatments[i].label = catalog_text(it, "label");
	}
	m->ntreatments = json_array_size(treat->items);
	return MM_OK;
}

enum mm_err
catalog_check_risk(struct catalog *c, const char *label, struct err *e)
{
	struct ck k = { c, label, e };
	enum mm_err rc;

	if ((rc = check_levels(&k, "importance", "level")) != MM_OK ||
	    (rc = check_levels(&k, "importance", "max_cia")) != MM_OK ||
	    (rc = check_levels(&k, "threat-levels", "level")) != MM_OK ||
	    (rc = check_levels(&k, "vulnerability-levels", "level")) != MM_OK ||
	    (rc = check_likelihood(&k)) != MM_OK ||
	    (rc = check_risk_bands(&k)) != MM_OK ||
	    (rc = check_media(&k)) != MM_OK ||
	    (rc = build_risk(&k)) != MM_OK)
		return rc;
	return MM_OK;
}
