/* test_diag.c — the 自社診断 scoring rules (core/diag.h) over the real
 * catalog: answers, points, bands at every boundary, part subtotals, the
 * 該当なし rules, rescaling, comparison, aggregation, and property tests
 * over random sheets. */
#include "support/mm_diag.h"

#include "core/catalog.h"
#include "core/diag.h"

static struct catalog *cat;
static const struct diag_model *M;

static int
group_setup(void **state)
{
	(void)state;
	cat = mmt_catalog();
	M = &cat->diag;
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	catalog_free(cat);
	return 0;
}

/* a sheet from one letter per item: y p n u a(na) .(unanswered) */
static struct diag_sheet
sheet(const char *spec)
{
	assert_int_equal(strlen(spec), M->nitems);
	return mmt_sheet(M, spec);
}

#define all(a) mmt_all(M, (a))

static struct diag_result
score(const struct diag_sheet *s, enum diag_na_rule rule)
{
	struct diag_result r;

	assert_int_equal(diag_score(M, s, rule, &r), 0);
	return r;
}

/* the part subtotals of R (scores, then maxima) */
static void
parts_are(const struct diag_result *r, int s0, int s1, int s2, int m0, int m1, int m2)
{
	const int want[6] = { s0, s1, s2, m0, m1, m2 };
	const int got[6] = { r->parts[0].score, r->parts[1].score, r->parts[2].score,
		r->parts[0].max, r->parts[1].max, r->parts[2].max };

	assert_memory_equal(got, want, sizeof(want));
}

static void
test_model_shape(void **state)
{
	static const bool na[26] = { [9] = true, [13] = true, [21] = true,
		[22] = true, [23] = true };
	size_t i;

	(void)state;
	assert_int_equal(M->nitems, 25);
	assert_int_equal(M->nparts, 3);
	assert_int_equal(M->full_points, 4);
	assert_int_equal(M->answers[DIAG_YES].points, 4);
	assert_int_equal(M->answers[DIAG_PARTIAL].points, 2);
	assert_int_equal(M->answers[DIAG_NO].points, 0);
	assert_int_equal(M->answers[DIAG_UNKNOWN].points, -1);
	for (i = 0; i < M->nitems; i++) {
		assert_int_equal(M->items[i].no, (int)i + 1);
		assert_int_equal(M->items[i].na_allowed, na[i + 1]);
	}
	assert_true(M->parts[0].first == 1 && M->parts[0].last == 5);
	assert_true(M->parts[1].first == 6 && M->parts[1].last == 18);
	assert_true(M->parts[2].first == 19 && M->parts[2].last == 25);
}

static void
test_answer_ids(void **state)
{
	int a;

	(void)state;
	for (a = DIAG_YES; a < DIAG_ANSWER_KINDS; a++)
		assert_int_equal(diag_answer_from_id(diag_answer_id((enum diag_answer)a)), a);
	assert_string_equal(diag_answer_id(DIAG_UNANSWERED), "");
	assert_string_equal(diag_answer_id(DIAG_ANSWER_KINDS), "");
	assert_string_equal(diag_answer_id((enum diag_answer)-1), "");
	assert_int_equal(diag_answer_from_id(""), DIAG_UNANSWERED);
	assert_int_equal(diag_answer_from_id("YES"), DIAG_UNANSWERED);
	assert_int_equal(diag_answer_from_id("maybe"), DIAG_UNANSWERED);
}

static void
test_answer_parse(void **state)
{
	static const struct { const char *s; enum diag_answer a; } cases[] = {
		{ "yes", DIAG_YES }, { "YES", DIAG_YES }, { "Partial", DIAG_PARTIAL },
		{ "no", DIAG_NO }, { "unknown", DIAG_UNKNOWN }, { "na", DIAG_NA },
		{ "実施している", DIAG_YES }, { "一部実施している", DIAG_PARTIAL },
		{ "実施していない", DIAG_NO }, { "わからない", DIAG_UNKNOWN },
		{ "該当なし", DIAG_NA },
		{ "Implemented", DIAG_YES }, { "implemented", DIAG_YES },
		{ "PARTLY IMPLEMENTED", DIAG_PARTIAL }, { "not implemented", DIAG_NO },
		{ "don't know", DIAG_UNKNOWN }, { "Not applicable", DIAG_NA },
		{ "4", DIAG_YES }, { "2", DIAG_PARTIAL }, { "0", DIAG_NO },
		{ "-1", DIAG_UNKNOWN }, { "\xe2\x88\x92" "1", DIAG_UNKNOWN },
		{ "\xef\xbc\x8d" "1", DIAG_UNKNOWN },
		/* not answers */
		{ "", DIAG_UNANSWERED }, { "-", DIAG_UNANSWERED },
		{ "\xe2\x88\x92", DIAG_UNANSWERED }, { "1", DIAG_UNANSWERED },
		{ "3", DIAG_UNANSWERED }, { "-0", DIAG_UNANSWERED },
		{ "-4", DIAG_UNANSWERED }, { "04", DIAG_UNANSWERED },
		{ "+4", DIAG_UNANSWERED }, { "4.0", DIAG_UNANSWERED },
		{ " yes", DIAG_UNANSWERED }, { "yes ", DIAG_UNANSWERED },
		{ "実施", DIAG_UNANSWERED }, { "ye", DIAG_UNANSWERED },
		{ "yess", DIAG_UNANSWERED }, { "--1", DIAG_UNANSWERED },
		{ "1-", DIAG_UNANSWERED }, { "99999999999999999999", DIAG_UNANSWERED },
		{ "\xe2\x88\x92" "1111111111111", DIAG_UNANSWERED },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum diag_answer got = diag_answer_parse(M, cases[i].s);
		if (got != cases[i].a) {
			print_error("\"%s\": got %d, want %d\n", cases[i].s, got, cases[i].a);
			fail();
		}
	}
}

static void
test_points(void **state)
{
	bool counted = false;

	(void)state;
	assert_int_equal(diag_points(M, DIAG_YES, DIAG_NA_FULL, &counted), 4);
	assert_true(counted);
	assert_int_equal(diag_points(M, DIAG_PARTIAL, DIAG_NA_EXCLUDE, &counted), 2);
	assert_true(counted);
	assert_int_equal(diag_points(M, DIAG_NO, DIAG_NA_FULL, NULL), 0);
	assert_int_equal(diag_points(M, DIAG_UNKNOWN, DIAG_NA_FULL, NULL), -1);
	assert_int_equal(diag_points(M, DIAG_NA, DIAG_NA_FULL, &counted), 4);
	assert_true(counted);
	assert_int_equal(diag_points(M, DIAG_NA, DIAG_NA_EXCLUDE, &counted), 0);
	assert_false(counted);
	assert_int_equal(diag_points(M, DIAG_UNANSWERED, DIAG_NA_FULL, NULL), 0);
}

static void
test_answer_allowed(void **state)
{
	int no;

	(void)state;
	for (no = 1; no <= 25; no++) {
		bool na = no == 9 || no == 13 || no == 21 || no == 22 || no == 23;
		assert_int_equal(diag_answer_allowed(M, no, DIAG_NA), na);
		assert_true(diag_answer_allowed(M, no, DIAG_YES));
		assert_true(diag_answer_allowed(M, no, DIAG_UNKNOWN));
		assert_false(diag_answer_allowed(M, no, DIAG_UNANSWERED));
		assert_false(diag_answer_allowed(M, no, DIAG_ANSWER_KINDS));
	}
	assert_false(diag_answer_allowed(M, 0, DIAG_YES));
	assert_false(diag_answer_allowed(M, 26, DIAG_YES));
	assert_false(diag_answer_allowed(M, -1, DIAG_YES));
}

static void
test_band_for_boundaries(void **state)
{
	static const struct { int total; const char *id; } cases[] = {
		{ -100, "urgent" }, { -26, "urgent" }, { -25, "urgent" }, { 0, "urgent" },
		{ 49, "urgent" }, { 50, "insufficient" }, { 69, "insufficient" },
		{ 70, "mostly" }, { 99, "mostly" }, { 100, "complete" },
		{ 101, "complete" }, { 1000, "complete" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct diag_band *b = diag_band_for(M, cases[i].total);
		assert_non_null(b);
		if (strcmp(b->id, cases[i].id) != 0) {
			print_error("total %d: band %s, want %s\n", cases[i].total, b->id,
			    cases[i].id);
			fail();
		}
	}
}

static void
test_score_extremes(void **state)
{
	struct diag_sheet s;
	struct diag_result r;
	size_t i;

	(void)state;
	s = all(DIAG_YES);
	r = score(&s, DIAG_NA_FULL);
	assert_int_equal(r.total, 100);
	assert_int_equal(r.max, 100);
	assert_int_equal(r.raw, 100);
	assert_int_equal(r.raw_max, 100);
	assert_false(r.rescaled);
	assert_string_equal(r.band->id, "complete");
	parts_are(&r, 20, 52, 28, 20, 52, 28);
	assert_int_equal(r.nunknown, 0);
	assert_int_equal(r.nweak, 0);

	s = all(DIAG_UNKNOWN);
	r = score(&s, DIAG_NA_FULL);
	assert_int_equal(r.total, -25);
	assert_string_equal(r.band->id, "urgent");
	parts_are(&r, -5, -13, -7, 20, 52, 28);
	assert_int_equal(r.nunknown, 25);
	assert_int_equal(r.nweak, 25);
	for (i = 0; i < 25; i++) {
		assert_int_equal(r.unknown[i], (int)i + 1);
		assert_int_equal(r.weak[i], (int)i + 1);
		assert_int_equal(r.points[i], -1);
		assert_true(r.counted[i]);
	}

	s = all(DIAG_NO);
	r = score(&s, DIAG_NA_FULL);
	assert_int_equal(r.total, 0);
	assert_int_equal(r.nunknown, 0);
	assert_int_equal(r.nweak, 25);

	s = all(DIAG_PARTIAL);
	r = score(&s, DIAG_NA_FULL);
	assert_int_equal(r.total, 50);
	assert_string_equal(r.band->id, "insufficient");
	parts_are(&r, 10, 26, 14, 20, 52, 28);
}

/* sheets that land exactly on every band boundary that can be reached */
static void
test_score_band_edges(void **state)
{
	static const struct { const char *spec; int total; const char *band; } cases[] = {
		/* 9 unknown + 3 partial: 100 − 45 − 6 */
		{ "uuuuuuuuupppyyyyyyyyyyyyy", 49, "urgent" },
		{ "uuuuuuuuuuyyyyyyyyyyyyyyy", 50, "insufficient" },
		/* 5 unknown + 3 partial: 100 − 25 − 6 */
		{ "yyyyyyyyyyyyyyyyypppuuuuu", 69, "insufficient" },
		{ "yyyyyyyyyyyyyyyyyyyuuuuuu", 70, "mostly" },
		{ "yyyyyyyyyyppppppppppppppp", 70, "mostly" },
		{ "pyyyyyyyyyyyyyyyyyyyyyyyy", 98, "mostly" },
		{ "yyyyyyyyyyyyyyyyyyyyyyyyn", 96, "mostly" },
		{ "yyyyyyyyyyyyyyyyyyyyyyyyu", 95, "mostly" },
		{ "yyyyyyyyyyyyyyyyyyyyyyyyy", 100, "complete" },
		{ "uuuuuuuuuuuuuuuuuuuuuuuuu", -25, "urgent" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct diag_sheet s = sheet(cases[i].spec);
		struct diag_result r = score(&s, DIAG_NA_FULL);
		assert_int_equal(r.total, cases[i].total);
		assert_string_equal(r.band->id, cases[i].band);
	}
}

/* every combination of partial/no/unknown counts: the total is
 * 100 − 2p − 4n − 5u, 99 and 97 can not occur, and the band matches */
static void
test_score_all_count_combinations(void **state)
{
	bool reachable[126] = { false };
	int p, n, u, t;
	size_t i;

	(void)state;
	for (p = 0; p <= 25; p++)
		for (n = 0; p + n <= 25; n++)
			for (u = 0; p + n + u <= 25; u++) {
				struct diag_sheet s = all(DIAG_YES);
				struct diag_result r;
				for (i = 0; i < (size_t)p; i++)
					s.answers[i] = DIAG_PARTIAL;
				for (; i < (size_t)(p + n); i++)
					s.answers[i] = DIAG_NO;
				for (; i < (size_t)(p + n + u); i++)
					s.answers[i] = DIAG_UNKNOWN;
				r = score(&s, DIAG_NA_FULL);
				assert_int_equal(r.total, 100 - 2 * p - 4 * n - 5 * u);
				assert_string_equal(r.band->id, mmt_band_id(r.total));
				assert_int_equal(r.nunknown, (size_t)u);
				assert_int_equal(r.nweak, (size_t)(p + n + u));
				reachable[r.total + 25] = true;
			}
	/* everything from −25 to 96 (so 49, 50, 69, 70), 98 and 100 occur */
	for (t = -25; t <= 96; t++)
		assert_true(reachable[t + 25]);
	assert_true(reachable[98 + 25] && reachable[100 + 25]);
	assert_false(reachable[99 + 25] || reachable[97 + 25]);
}

static void
test_part_subtotals_and_lists(void **state)
{
	/* items 1 p, 3 u, 6 n, 10 u, 18 p, 19 n, 25 u */
	struct diag_sheet s = sheet("pyuyynyyyuyyyyyyyp" "nyyyyyu");
	struct diag_result r = score(&s, DIAG_NA_FULL);
	static const int unknown[] = { 3, 10, 25 };
	static const int weak[] = { 1, 3, 6, 10, 18, 19, 25 };
	size_t i;

	(void)state;
	parts_are(&r, 4 * 3 + 2 - 1, 4 * 10 + 0 - 1 + 2, 4 * 5 + 0 - 1, 20, 52, 28);
	assert_int_equal(r.total, r.parts[0].score + r.parts[1].score + r.parts[2].score);
	assert_int_equal(r.total, 100 - 2 - 5 - 4 - 5 - 2 - 4 - 5);
	assert_int_equal(r.nunknown, 3);
	for (i = 0; i < 3; i++)
		assert_int_equal(r.unknown[i], unknown[i]);
	assert_int_equal(r.nweak, 7);
	for (i = 0; i < 7; i++)
		assert_int_equal(r.weak[i], weak[i]);
	assert_int_equal(r.points[0], 2);
	assert_int_equal(r.points[5], 0);
	assert_int_equal(r.points[24], -1);
}

static void
test_na_full_and_exclude(void **state)
{
	struct diag_sheet s;
	struct diag_result f, x;

	(void)state;
	/* all yes but 9 na: 100 both ways */
	s = sheet("yyyyyyyyayyyyyyyyyyyyyyyy");
	f = score(&s, DIAG_NA_FULL);
	x = score(&s, DIAG_NA_EXCLUDE);
	assert_int_equal(f.total, 100);
	assert_false(f.rescaled);
	assert_int_equal(f.points[8], 4);
	assert_true(f.counted[8]);
	assert_int_equal(x.total, 100);
	assert_true(x.rescaled);
	assert_int_equal(x.raw, 96);
	assert_int_equal(x.raw_max, 96);
	assert_int_equal(x.max, 100);
	assert_int_equal(x.points[8], 0);
	assert_false(x.counted[8]);
	parts_are(&x, 20, 48, 28, 20, 48, 28);
	assert_int_equal(x.nweak, 0);
	assert_string_equal(x.band->id, "complete");

	/* 9 na, 1 no: full 96; exclude 92 of 96 = 95.83 → 96 */
	s = sheet("nyyyyyyyayyyyyyyyyyyyyyyy");
	f = score(&s, DIAG_NA_FULL);
	x = score(&s, DIAG_NA_EXCLUDE);
	assert_int_equal(f.total, 96);
	assert_int_equal(x.raw, 92);
	assert_int_equal(x.total, 96);
	assert_int_equal(x.nweak, 1);
	assert_int_equal(x.weak[0], 1);

	/* 9 na, the rest unknown: full 4 − 24 = −20; exclude −24/96 → −25 */
	s = sheet("uuuuuuuuauuuuuuuuuuuuuuuu");
	f = score(&s, DIAG_NA_FULL);
	x = score(&s, DIAG_NA_EXCLUDE);
	assert_int_equal(f.total, -20);
	assert_int_equal(x.total, -25);
	assert_int_equal(x.nunknown, 24);
	assert_string_equal(x.band->id, "urgent");

	/* every na item na, the rest partial: full 20 + 40; exclude 40/80 */
	s = sheet("ppppppppapppapppppppaaapp");
	f = score(&s, DIAG_NA_FULL);
	x = score(&s, DIAG_NA_EXCLUDE);
	assert_int_equal(f.total, 60);
	assert_int_equal(x.raw_max, 80);
	assert_int_equal(x.total, 50);
	parts_are(&x, 2 * 5, 2 * 11, 2 * 4, 20, 44, 16);
	assert_string_equal(x.band->id, "insufficient");

	/* exclude: 23 yes + 1 no + 1 partial of 24 counted: 90/96 → 93.75 → 94 */
	s = sheet("yyyyyyyyayyyyyyyyyyyyynpy");
	x = score(&s, DIAG_NA_EXCLUDE);
	assert_int_equal(x.total, 94);
	/* exclude without any na is not rescaled */
	s = all(DIAG_PARTIAL);
	x = score(&s, DIAG_NA_EXCLUDE);
	assert_false(x.rescaled);
	assert_int_equal(x.total, 50);
}

static void
test_score_refuses_bad_sheets(void **state)
{
	struct diag_sheet s;
	struct diag_result r;

	(void)state;
	s = sheet("yyyyyyyyyyyy.yyyyyyyyyyyy");
	assert_int_equal(diag_score(M, &s, DIAG_NA_FULL, &r), -1);
	assert_int_equal(diag_sheet_missing(M, &s), 13);
	s = sheet("ayyyyyyyyyyyyyyyyyyyyyyyy");
	assert_int_equal(diag_score(M, &s, DIAG_NA_FULL, &r), -1);
	assert_int_equal(diag_score(M, &s, DIAG_NA_EXCLUDE, &r), -1);
	s = all(DIAG_YES);
	s.answers[24] = DIAG_NA;
	assert_int_equal(diag_score(M, &s, DIAG_NA_FULL, &r), -1);
	s.answers[24] = DIAG_ANSWER_KINDS;
	assert_int_equal(diag_score(M, &s, DIAG_NA_FULL, &r), -1);
	s = all(DIAG_YES);
	assert_int_equal(diag_sheet_missing(M, &s), 0);
	s = all(DIAG_UNANSWERED);
	assert_int_equal(diag_sheet_missing(M, &s), 1);
}

/* reference: SUM × TARGET / MAX rounded half away from zero, exactly */
static int
ref_rescale(int sum, int max, int target)
{
	long long num = (long long)sum * target;
	long long q = (num < 0 ? -num : num) / max;
	long long rem = (num < 0 ? -num : num) % max;

	if (2 * rem >= max)
		q++;
	return (int)(num < 0 ? -q : q);
}

static void
test_rescale(void **state)
{
	static const int cases[][4] = {
		/* sum, max, target, want */
		{ 50, 100, 100, 50 }, { 92, 96, 100, 96 }, { 95, 96, 100, 99 },
		{ -24, 96, 100, -25 }, { 1, 3, 100, 33 }, { 2, 3, 100, 67 },
		{ -1, 3, 100, -33 }, { -2, 3, 100, -67 },
		{ 1, 2, 1, 1 }, { -1, 2, 1, -1 }, { 3, 2, 1, 2 }, { -3, 2, 1, -2 },
		{ 5, 2, 1, 3 }, { -5, 2, 1, -3 }, { 1, 8, 100, 13 }, { -1, 8, 100, -13 },
		{ 3, 8, 100, 38 }, { -3, 8, 100, -38 }, { -5, 40, 100, -13 },
		{ 1, 200, 100, 1 }, { -1, 200, 100, -1 }, { 1, 201, 100, 0 },
		{ -1, 201, 100, 0 }, { 0, 7, 100, 0 }, { 80, 80, 100, 100 },
		{ -20, 80, 100, -25 }, { 7, 4, 100, 175 },
	};
	uint64_t seed = 0x9e3779b97f4a7c15ull;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = diag_rescale(cases[i][0], cases[i][1], cases[i][2]);
		if (got != cases[i][3]) {
			print_error("rescale(%d, %d, %d) = %d, want %d\n", cases[i][0],
			    cases[i][1], cases[i][2], got, cases[i][3]);
			fail();
		}
	}
	for (i = 0; i < 20000; i++) {
		int sum = (int)mmt_below(&seed, 20001) - 10000;
		int max = (int)mmt_below(&seed, 1000) + 1;
		int target = (int)mmt_below(&seed, 200) + 1;
		assert_int_equal(diag_rescale(sum, max, target), ref_rescale(sum, max, target));
	}
}

static void
test_compare(void **state)
{
	struct diag_sheet a = sheet("yyyyyyyyayyyyyyyyyyyyyyyu");
	struct diag_sheet b = sheet("nyyyyyyyyyyyyyyyyyyyyyyyy");
	struct diag_change ch[DIAG_MAX_ITEMS];
	size_t n;

	(void)state;
	n = diag_compare(M, &a, &b, DIAG_NA_FULL, ch);
	assert_int_equal(n, 3);
	assert_int_equal(ch[0].no, 1);
	assert_int_equal(ch[0].before, DIAG_YES);
	assert_int_equal(ch[0].after, DIAG_NO);
	assert_int_equal(ch[0].delta, -4);
	assert_int_equal(ch[8].before, DIAG_NA);
	assert_int_equal(ch[8].after, DIAG_YES);
	assert_int_equal(ch[8].delta, 0);
	assert_int_equal(ch[24].delta, 5);
	assert_int_equal(ch[1].delta, 0);
	assert_int_equal(ch[24].no, 25);
	n = diag_compare(M, &a, &b, DIAG_NA_EXCLUDE, ch);
	assert_int_equal(n, 3);
	assert_int_equal(ch[8].delta, 4);
}

static void
test_aggregate(void **state)
{
	struct diag_sheet in[3], out;

	(void)state;
	in[0] = sheet("yyyyyyyyaaynp.yyyyyyyyyy.");
	in[1] = sheet("ypnuyyyyyyyyy.yyyyyyyyyy.");
	in[2] = sheet("uyyyyyyyaayyy.yyyyyyyyyya");
	diag_aggregate(M, in, 3, &out);
	assert_int_equal(out.answers[0], DIAG_UNKNOWN);
	assert_int_equal(out.answers[1], DIAG_PARTIAL);
	assert_int_equal(out.answers[2], DIAG_NO);
	assert_int_equal(out.answers[3], DIAG_UNKNOWN);
	assert_int_equal(out.answers[8], DIAG_YES);  /* yes is weaker than na */
	assert_int_equal(out.answers[9], DIAG_YES);
	assert_int_equal(out.answers[11], DIAG_NO);
	assert_int_equal(out.answers[12], DIAG_PARTIAL);
	assert_int_equal(out.answers[13], DIAG_UNANSWERED); /* nobody answered */
	assert_int_equal(out.answers[24], DIAG_NA);  /* unanswered ignored */
	diag_aggregate(M, in, 0, &out);
	assert_int_equal(diag_sheet_missing(M, &out), 1);
}

static void
check_result_invariants(const struct diag_sheet *s, const struct diag_result *r,
    enum diag_na_rule rule)
{
	size_t i, unknown = 0, weak = 0, p;
	int sum = 0;

	assert_true(r->total >= -25 && r->total <= 100);
	assert_true(r->total >= r->band->min && r->total <= r->band->max);
	assert_ptr_equal(r->band, diag_band_for(M, r->total));
	for (i = 0; i < M->nitems; i++) {
		unknown += s->answers[i] == DIAG_UNKNOWN;
		weak += s->answers[i] == DIAG_PARTIAL || s->answers[i] == DIAG_NO ||
		    s->answers[i] == DIAG_UNKNOWN;
	}
	assert_int_equal(r->nunknown, unknown);
	assert_int_equal(r->nweak, weak);
	for (p = 0; p < M->nparts; p++)
		sum += r->parts[p].score;
	assert_int_equal(sum, r->raw);
	if (rule == DIAG_NA_FULL) {
		assert_int_equal(r->total, sum);
		assert_false(r->rescaled);
	} else {
		assert_int_equal(r->total, r->rescaled ?
		    diag_rescale(r->raw, r->raw_max, 100) : r->raw);
	}
}

static void
test_property_random_sheets(void **state)
{
	uint64_t seed = 20240917;
	int iter;

	(void)state;
	for (iter = 0; iter < 12000; iter++) {
		struct diag_sheet a = mmt_random_sheet(M, &seed, true, false);
		struct diag_sheet b = mmt_random_sheet(M, &seed, true, false);
		struct diag_sheet agg;
		struct diag_change ch[DIAG_MAX_ITEMS];
		struct diag_result ra, rb, rx;
		int delta = 0;
		size_t i;

		ra = score(&a, DIAG_NA_FULL);
		rb = score(&b, DIAG_NA_FULL);
		rx = score(&a, DIAG_NA_EXCLUDE);
		check_result_invariants(&a, &ra, DIAG_NA_FULL);
		check_result_invariants(&b, &rb, DIAG_NA_FULL);
		check_result_invariants(&a, &rx, DIAG_NA_EXCLUDE);
		/* aggregate of one sheet is the sheet */
		diag_aggregate(M, &a, 1, &agg);
		assert_memory_equal(agg.answers, a.answers, sizeof(a.answers));
		/* compare with itself: no change */
		assert_int_equal(diag_compare(M, &a, &a, DIAG_NA_FULL, ch), 0);
		for (i = 0; i < M->nitems; i++)
			assert_int_equal(ch[i].delta, 0);
		/* deltas add up to the difference of the totals */
		diag_compare(M, &a, &b, DIAG_NA_FULL, ch);
		for (i = 0; i < M->nitems; i++)
			delta += ch[i].delta;
		assert_int_equal(delta, rb.total - ra.total);
	}
}

static void
test_property_aggregate(void **state)
{
	uint64_t seed = 77;
	int iter;

	(void)state;
	for (iter = 0; iter < 10000; iter++) {
		struct diag_sheet in[5], out;
		size_t n = 1 + mmt_below(&seed, 5), k, i;

		for (k = 0; k < n; k++)
			in[k] = mmt_random_sheet(M, &seed, true, true);
		diag_aggregate(M, in, n, &out);
		for (i = 0; i < M->nitems; i++) {
			bool any = false, found = false;
			for (k = 0; k < n; k++) {
				enum diag_answer x = in[k].answers[i];
				if (x == DIAG_UNANSWERED)
					continue;
				any = true;
				found |= x == out.answers[i];
				/* never stronger than any input */
				assert_true(mmt_rank(out.answers[i]) <= mmt_rank(x));
			}
			if (!any)
				assert_int_equal(out.answers[i], DIAG_UNANSWERED);
			else
				assert_true(found);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_shape),
		cmocka_unit_test(test_answer_ids),
		cmocka_unit_test(test_answer_parse),
		cmocka_unit_test(test_points),
		cmocka_unit_test(test_answer_allowed),
		cmocka_unit_test(test_band_for_boundaries),
		cmocka_unit_test(test_score_extremes),
		cmocka_unit_test(test_score_band_edges),
		cmocka_unit_test(test_score_all_count_combinations),
		cmocka_unit_test(test_part_subtotals_and_lists),
		cmocka_unit_test(test_na_full_and_exclude),
		cmocka_unit_test(test_score_refuses_bad_sheets),
		cmocka_unit_test(test_rescale),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_aggregate),
		cmocka_unit_test(test_property_random_sheets),
		cmocka_unit_test(test_property_aggregate),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
