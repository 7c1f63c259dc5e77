/* test_risk.c — the risk rules of 付録7 (core/risk.h) over the real
 * catalog: the catalog's tables equal the formulas; every combination of
 * C, I, A (1..3) × threat T (1..3) × vulnerability V (1..3) gives
 *   重要度 = max(C, I, A), 被害発生可能性 = max(1, T + V − 3),
 *   リスク値 = 重要度 × 被害発生可能性 ∈ {1, 2, 3, 4, 6, 9},
 *   band 大 (6–9) / 中 (4) / 小 (1–3),
 * whichever way T and V arrive (the catalog default, the organisation's
 * rating or the diagnosis, an override); out-of-range input is refused;
 * the vulnerability follows from the diagnosis answers of the items
 * mapped to a medium; the sources are reported. */
#include "support/mm_diag.h"

#include "core/catalog.h"
#include "core/risk.h"

static struct catalog *cat;
static const struct risk_model *M;

static int
group_setup(void **state)
{
	(void)state;
	cat = mmt_catalog();
	M = &cat->risk;
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	catalog_free(cat);
	return 0;
}

static int
max3(int a, int b, int c)
{
	int m = a > b ? a : b;

	return m > c ? m : c;
}

/* the band the guideline gives for a risk value */
static const char *
band_of(int value)
{
	if (value >= 6 && value <= 9)
		return "risk-high";
	if (value == 4)
		return "risk-medium";
	if (value >= 1 && value <= 3)
		return "risk-low";
	return NULL;
}

static const char *
band_label_of(int value)
{
	return value >= 6 ? "大" : value == 4 ? "中" : "小";
}

/* a medium of the catalog: the first one */
static const struct risk_medium *
some_medium(void)
{
	assert_true(M->nmedia > 0);
	return &M->media[0];
}

/* ---- the catalog's tables ------------------------------------------ */

static void
test_tables_are_the_formulas(void **state)
{
	int k, t, v;

	(void)state;
	for (k = 1; k <= 3; k++)
		assert_int_equal(M->importance[k], k);
	for (t = 1; t <= 3; t++)
		for (v = 1; v <= 3; v++) {
			int want = t + v - 3 > 1 ? t + v - 3 : 1;
			if (M->likelihood[t][v] != want) {
				print_error("likelihood[%d][%d] = %d, expected %d\n", t, v,
				    M->likelihood[t][v], want);
				fail();
			}
		}
	/* three bands covering 1..9 but 5, 7 and 8 (no product gives them) */
	assert_int_equal(M->nbands, 3);
	for (k = 1; k <= 9; k++) {
		const struct risk_band *b = risk_band_for(M, k);
		if (k == 5) {
			assert_null(b);
			continue;
		}
		assert_non_null(b);
		assert_string_equal(b->id, band_of(k));
		assert_string_equal(b->label.ja, band_label_of(k));
	}
	assert_null(risk_band_for(M, 0));
	assert_null(risk_band_for(M, 10));
	assert_null(risk_band_for(M, -1));
}

/* ---- every combination ------------------------------------------- */

/* check R against the formulas for C, I, A, T, V */
static void
check_result(const struct risk_result *r, int c, int i, int a, int t, int v)
{
	int imp = max3(c, i, a), lik = t + v - 3 > 1 ? t + v - 3 : 1;

	if (r->importance != imp || r->threat != t || r->vulnerability != v ||
	    r->likelihood != lik || r->value != imp * lik || r->band == NULL ||
	    strcmp(r->band->id, band_of(imp * lik)) != 0) {
		print_error("C%d I%d A%d T%d V%d: importance %d likelihood %d value %d band %s; "
		    "expected %d %d %d %s\n", c, i, a, t, v, r->importance, r->likelihood,
		    r->value, r->band ? r->band->id : "(none)", imp, lik, imp * lik,
		    band_of(imp * lik));
		fail();
	}
	assert_true(r->value == 1 || r->value == 2 || r->value == 3 || r->value == 4 ||
	    r->value == 6 || r->value == 9);
}

/* T and V as overrides on the asset */
static void
test_every_combination_overrides(void **state)
{
	struct risk_input in;
	struct risk_result r;
	int c, i, a, t, v, cases = 0;

	(void)state;
	for (c = 1; c <= 3; c++)
	for (i = 1; i <= 3; i++)
	for (a = 1; a <= 3; a++)
	for (t = 1; t <= 3; t++)
	for (v = 1; v <= 3; v++) {
		memset(&in, 0, sizeof(in));
		in.c = c;
		in.i = i;
		in.a = a;
		in.medium = some_medium();
		in.threat_override = t;
		in.vulnerability_override = v;
		assert_int_equal(risk_compute(M, &in, &r), 0);
		check_result(&r, c, i, a, t, v);
		assert_int_equal(r.threat_source, RISK_SRC_OVERRIDE);
		assert_int_equal(r.vulnerability_source, RISK_SRC_OVERRIDE);
		assert_int_equal(risk_importance(M, c, i, a), max3(c, i, a));
		assert_int_equal(risk_likelihood(M, t, v), t + v - 3 > 1 ? t + v - 3 : 1);
		cases++;
	}
	assert_int_equal(cases, 243);
}

/* a sheet whose answers to MEDIUM's items give vulnerability V */
static struct diag_sheet
sheet_for(const struct risk_medium *md, int v)
{
	struct diag_sheet s = mmt_all(&cat->diag, DIAG_YES);
	size_t k;

	for (k = 0; k < md->nitems; k++)
		s.answers[md->items[k] - 1] = v == 1 ? DIAG_YES : v == 3 ? DIAG_NO :
		    k == 0 ? DIAG_PARTIAL : DIAG_YES;
	return s;
}

/* T from the organisation's rating of the medium, V from the diagnosis,
 * over every medium of the catalog */
static void
test_every_combination_rated(void **state)
{
	struct risk_input in;
	struct risk_result r;
	struct diag_sheet s;
	size_t m;
	int c, i, a, t, v;

	(void)state;
	for (m = 0; m < M->nmedia; m++)
	for (t = 1; t <= 3; t++)
	for (v = 1; v <= 3; v++) {
		s = sheet_for(&M->media[m], v);
		for (c = 1; c <= 3; c++)
		for (i = 1; i <= 3; i++)
		for (a = 1; a <= 3; a++) {
			memset(&in, 0, sizeof(in));
			in.c = c;
			in.i = i;
			in.a = a;
			in.medium = &M->media[m];
			in.threat_rating = t;
			in.diagnosis = &s;
			assert_int_equal(risk_compute(M, &in, &r), 0);
			check_result(&r, c, i, a, t, v);
			assert_int_equal(r.threat_source, RISK_SRC_RATED);
			assert_int_equal(r.vulnerability_source, RISK_SRC_RATED);
		}
	}
}

/* nothing rated, no diagnosis: T is the medium's default, V is 3, both
 * from the default (未評価) */
static void
test_every_combination_defaults(void **state)
{
	struct risk_input in;
	struct risk_result r;
	size_t m;
	int c, i, a;

	(void)state;
	for (m = 0; m < M->nmedia; m++) {
		const struct risk_medium *md = &M->media[m];
		assert_true(risk_level_valid(md->default_threat));
		for (c = 1; c <= 3; c++)
		for (i = 1; i <= 3; i++)
		for (a = 1; a <= 3; a++) {
			memset(&in, 0, sizeof(in));
			in.c = c;
			in.i = i;
			in.a = a;
			in.medium = md;
			assert_int_equal(risk_compute(M, &in, &r), 0);
			check_result(&r, c, i, a, md->default_threat, 3);
			assert_int_equal(r.threat_source, RISK_SRC_DEFAULT);
			assert_int_equal(r.vulnerability_source, RISK_SRC_DEFAULT);
		}
	}
}

/* an override wins over a rating and over the diagnosis, each on its own */
static void
test_override_precedence(void **state)
{
	const struct risk_medium *md = some_medium();
	struct diag_sheet s = sheet_for(md, 1);
	struct risk_input in;
	struct risk_result r;

	(void)state;
	memset(&in, 0, sizeof(in));
	in.c = in.i = in.a = 3;
	in.medium = md;
	in.threat_rating = 1;
	in.diagnosis = &s;
	assert_int_equal(risk_compute(M, &in, &r), 0);
	check_result(&r, 3, 3, 3, 1, 1);
	in.threat_override = 3;
	assert_int_equal(risk_compute(M, &in, &r), 0);
	check_result(&r, 3, 3, 3, 3, 1);
	assert_int_equal(r.threat_source, RISK_SRC_OVERRIDE);
	assert_int_equal(r.vulnerability_source, RISK_SRC_RATED);
	in.threat_override = 0;
	in.vulnerability_override = 3;
	assert_int_equal(risk_compute(M, &in, &r), 0);
	check_result(&r, 3, 3, 3, 1, 3);
	assert_int_equal(r.threat_source, RISK_SRC_RATED);
	assert_int_equal(r.vulnerability_source, RISK_SRC_OVERRIDE);
	/* an override of V without a diagnosis */
	in.diagnosis = NULL;
	in.vulnerability_override = 1;
	assert_int_equal(risk_compute(M, &in, &r), 0);
	assert_int_equal(r.vulnerability, 1);
	assert_int_equal(r.vulnerability_source, RISK_SRC_OVERRIDE);
}

/* ---- refused input ------------------------------------------------ */

static void
test_out_of_range(void **state)
{
	static const int bad[] = { -1, 4, 9, 100 };
	struct risk_input in, base;
	struct risk_result r;
	size_t k;

	(void)state;
	memset(&base, 0, sizeof(base));
	base.c = base.i = base.a = 2;
	base.medium = some_medium();
	in = base;
	assert_int_equal(risk_compute(M, &in, &r), 0);
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		in = base;
		in.c = bad[k];
		assert_int_equal(risk_compute(M, &in, &r), -1);
		in = base;
		in.i = bad[k];
		assert_int_equal(risk_compute(M, &in, &r), -1);
		in = base;
		in.a = bad[k];
		assert_int_equal(risk_compute(M, &in, &r), -1);
		in = base;
		in.threat_override = bad[k];
		assert_int_equal(risk_compute(M, &in, &r), -1);
		in = base;
		in.vulnerability_override = bad[k];
		assert_int_equal(risk_compute(M, &in, &r), -1);
		in = base;
		in.threat_rating = bad[k];
		assert_int_equal(risk_compute(M, &in, &r), -1);
		assert_int_equal(risk_importance(M, bad[k], 1, 1), 0);
		assert_int_equal(risk_likelihood(M, bad[k], 1), 0);
		assert_int_equal(risk_likelihood(M, 1, bad[k]), 0);
		assert_false(risk_level_valid(bad[k]));
	}
	/* a missing rating (0) is "not given", never a level */
	in = base;
	in.c = 0;
	assert_int_equal(risk_compute(M, &in, &r), -1);
	assert_false(risk_level_valid(0));
	in = base;
	in.medium = NULL;
	assert_int_equal(risk_compute(M, &in, &r), -1);
	for (k = 1; k <= 3; k++)
		assert_true(risk_level_valid((int)k));
}

/* ---- the vulnerability from the diagnosis ------------------------- */

/* V of a medium whose items are answered with LETTERS (one per item) */
static int
v_of(const struct risk_medium *md, const char *letters)
{
	struct diag_sheet s = mmt_all(&cat->diag, DIAG_YES);
	size_t k;

	assert_int_equal(strlen(letters), md->nitems);
	for (k = 0; k < md->nitems; k++)
		s.answers[md->items[k] - 1] = mmt_letter(letters[k]);
	return risk_vulnerability(md, &s);
}

static void
test_vulnerability_from_answers(void **state)
{
	struct risk_medium md;

	(void)state;
	memset(&md, 0, sizeof(md));
	md.id = "test";
	md.default_threat = 2;
	md.items[0] = 3;
	md.items[1] = 7;
	md.items[2] = 12;
	md.nitems = 3;
	/* all implemented (該当なし counts as implemented) → 1 */
	assert_int_equal(v_of(&md, "yyy"), 1);
	assert_int_equal(v_of(&md, "aaa"), 1);
	assert_int_equal(v_of(&md, "yay"), 1);
	/* some missing → 2 */
	assert_int_equal(v_of(&md, "yyp"), 2);
	assert_int_equal(v_of(&md, "yyn"), 2);
	assert_int_equal(v_of(&md, "yyu"), 2);
	assert_int_equal(v_of(&md, "ann"), 2);
	assert_int_equal(v_of(&md, "pnn"), 2);
	assert_int_equal(v_of(&md, "ppp"), 2);
	assert_int_equal(v_of(&md, "puu"), 2);
	/* none implemented, none partly (わからない counts as not) → 3 */
	assert_int_equal(v_of(&md, "nnn"), 3);
	assert_int_equal(v_of(&md, "uuu"), 3);
	assert_int_equal(v_of(&md, "nun"), 3);
	/* an unanswered item is not implemented */
	assert_int_equal(v_of(&md, "..."), 3);
	assert_int_equal(v_of(&md, "y.y"), 2);
	/* only the mapped items count: the others are all わからない here */
	{
		struct diag_sheet s = mmt_all(&cat->diag, DIAG_UNKNOWN);
		s.answers[2] = s.answers[6] = s.answers[11] = DIAG_YES;
		assert_int_equal(risk_vulnerability(&md, &s), 1);
	}
	/* no diagnosis → 3 */
	assert_int_equal(risk_vulnerability(&md, NULL), 3);
	/* a medium without mapped items: nothing shows countermeasures → 3 */
	md.nitems = 0;
	{
		struct diag_sheet s = mmt_all(&cat->diag, DIAG_YES);
		assert_int_equal(risk_vulnerability(&md, &s), 3);
	}
}

/* every medium of the catalog maps to real items, and the rule holds for
 * the sheets where all, some or none of them are implemented */
static void
test_vulnerability_catalog_media(void **state)
{
	size_t m, k;

	(void)state;
	for (m = 0; m < M->nmedia; m++) {
		const struct risk_medium *md = &M->media[m];
		struct diag_sheet s;
		assert_true(md->nitems > 0);
		for (k = 0; k < md->nitems; k++)
			assert_true(md->items[k] >= 1 && (size_t)md->items[k] <= cat->diag.nitems);
		s = mmt_all(&cat->diag, DIAG_YES);
		assert_int_equal(risk_vulnerability(md, &s), 1);
		s = mmt_all(&cat->diag, DIAG_NO);
		assert_int_equal(risk_vulnerability(md, &s), 3);
		s = mmt_all(&cat->diag, DIAG_UNKNOWN);
		assert_int_equal(risk_vulnerability(md, &s), 3);
		s = mmt_all(&cat->diag, DIAG_PARTIAL);
		assert_int_equal(risk_vulnerability(md, &s), 2);
		s = mmt_all(&cat->diag, DIAG_NO);
		s.answers[md->items[0] - 1] = DIAG_YES;
		assert_int_equal(risk_vulnerability(md, &s), md->nitems == 1 ? 1 : 2);
	}
}

/* ---- sources, lookups --------------------------------------------- */

static void
test_sources_and_lookups(void **state)
{
	(void)state;
	assert_string_equal(risk_source_id(RISK_SRC_DEFAULT), "default");
	assert_string_equal(risk_source_id(RISK_SRC_RATED), "rated");
	assert_string_equal(risk_source_id(RISK_SRC_OVERRIDE), "override");
	assert_string_equal(risk_source_id((enum risk_source)99), "default");
	assert_non_null(risk_medium_find(M, "paper"));
	assert_non_null(risk_medium_find(M, "cloud"));
	assert_null(risk_medium_find(M, "書類"));
	assert_null(risk_medium_find(M, ""));
	assert_null(risk_medium_find(M, NULL));
	assert_string_equal(risk_treatment_find(M, "reduce")->label.ja, "低減");
	assert_string_equal(risk_treatment_find(M, "retain")->label.ja, "保有");
	assert_string_equal(risk_treatment_find(M, "avoid")->label.ja, "回避");
	assert_string_equal(risk_treatment_find(M, "transfer")->label.ja, "移転");
	assert_int_equal(M->ntreatments, 4);
	assert_null(risk_treatment_find(M, "accept"));
	assert_null(risk_treatment_find(M, NULL));
}

/* risk_compute sets every field and depends on nothing but its input */
static void
test_pure(void **state)
{
	struct risk_input in;
	struct risk_result a, b;

	(void)state;
	memset(&in, 0, sizeof(in));
	in.c = 1;
	in.i = 3;
	in.a = 2;
	in.medium = some_medium();
	in.threat_rating = 3;
	memset(&a, 0x00, sizeof(a));
	memset(&b, 0xA5, sizeof(b));
	assert_int_equal(risk_compute(M, &in, &a), 0);
	assert_int_equal(risk_compute(M, &in, &b), 0);
	assert_memory_equal(&a, &b, sizeof(a));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables_are_the_formulas),
		cmocka_unit_test(test_every_combination_overrides),
		cmocka_unit_test(test_every_combination_rated),
		cmocka_unit_test(test_every_combination_defaults),
		cmocka_unit_test(test_override_precedence),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_vulnerability_from_answers),
		cmocka_unit_test(test_vulnerability_catalog_media),
		cmocka_unit_test(test_sources_and_lookups),
		cmocka_unit_test(test_pure),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
