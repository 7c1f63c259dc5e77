/* test_dashboard.c — where an organisation stands (app/dashboard.h) on a
 * temporary database: an empty organisation at Step 1; the 5か条 done and
 * pledged → Step 2 and ★ ready; a completed 自社診断 (parsed from a file)
 * in latest_diagnosis and the trend; ★★ never from a published URL alone;
 * the JSON keys of the contract. */
#include "support/mm_diag.h"
#include "support/mm_web.h"

#include "app/dashboard.h"
#include "app/diag_input.h"
#include "app/diag_service.h"
#include "app/pledge_service.h"
#include "util/buf.h"

#define DBFILE "dash.db"
#define T0 "2026-04-01T09:00:00Z"

static struct app A;
static struct org O, P; /* P: another organisation */

static int
setup(void **state)
{
	(void)state;
	setenv("MAMORI_FAKE_NOW", T0, 1);
	mmt_app_open(&A, DBFILE);
	mmt_org(&A, "テスト株式会社", &O);
	mmt_org(&A, "Other Corp", &P);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	app_close(&A);
	unsetenv("MAMORI_FAKE_NOW");
	return 0;
}

static json_t *
dash(const struct org *o)
{
	struct err e;
	json_t *d;

	memset(&e, 0, sizeof(e));
	d = dashboard_view(&A, o, LANG_JA, &e);
	if (d == NULL) {
		print_error("dashboard_view: %s\n", e.msg);
		fail();
	}
	return d;
}

static long long
num(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v)) {
		print_error("\"%s\" is not an integer\n", key);
		fail();
	}
	return (long long)json_integer_value(v);
}

static bool
flag(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_boolean(v)) {
		print_error("\"%s\" is not a boolean\n", key);
		fail();
	}
	return json_is_true(v);
}

/* the ids of next_actions joined by "," */
static void
next_ids(json_t *d, char *out, size_t outsz)
{
	json_t *arr = json_object_get(d, "next_actions"), *it;
	size_t i, len = 0;

	out[0] = '\0';
	assert_true(json_is_array(arr));
	assert_true(json_array_size(arr) <= 3);
	json_array_foreach(arr, i, it) {
		const char *id = json_string_value(json_object_get(it, "id"));
		assert_non_null(id);
		len += (size_t)snprintf(out + len, outsz - len, "%s%s", i ? "," : "", id);
		assert_true(len < outsz);
	}
}

static void
pledge_all(const struct org *o, bool declare)
{
	struct err e;
	char id[32];
	int i;

	memset(&e, 0, sizeof(e));
	for (i = 1; i <= 5; i++) {
		snprintf(id, sizeof(id), "pledge-%d", i);
		assert_ok(pledge_set_status(&A, o, id, "done", NULL, &e), e);
	}
	if (declare)
		assert_ok(pledge_declare(&A, o, true, &e), e);
}

/* a completed round parsed from CSV: SPEC has one letter per item
 * (y yes, p partial, n no, u unknown, a 該当なし) */
static long long
diagnose(const struct org *o, const char *spec)
{
	static const char *const word[] = { "", "yes", "partial", "no", "unknown", "na" };
	struct diag_input in;
	struct buf b;
	struct err e;
	long long id = 0;
	size_t i;

	memset(&e, 0, sizeof(e));
	buf_init(&b, 0);
	buf_puts(&b, "番号,回答\n");
	for (i = 0; spec[i]; i++)
		buf_printf(&b, "%zu,%s\n", i + 1, word[mmt_letter(spec[i])]);
	assert_ok(diag_input_parse(&A.cat->diag, buf_cstr(&b), b.len, DIAG_INPUT_CSV, &in, &e), e);
	buf_free(&b);
	assert_ok(diag_record(&A, o, NULL, &in, &id, &e), e);
	diag_input_free(&in);
	return id;
}

static int
total_of(const struct org *o, long long id)
{
	struct diag_round_view v;
	struct err e;
	int t;

	memset(&e, 0, sizeof(e));
	assert_ok(diag_round_load(&A, o, id, &v, &e), e);
	t = v.result.total;
	diag_round_view_free(&v);
	return t;
}

static void
set_profile(struct org *o, const char *policy_url)
{
	struct org_profile_input in;
	struct err e;

	memset(&in, 0, sizeof(in));
	memset(&e, 0, sizeof(e));
	in.industry = "E";
	in.employees = "12";
	in.representative = "山田 太郎";
	in.policy_url = policy_url;
	assert_ok(org_update_profile(&A, o, &in, &e), e);
}

#define ALL_YES "yyyyyyyyyyyyyyyyyyyyyyyyy"
/* item 3 わからない, item 7 実施していない, item 9 一部 */
#define SOME_WEAK "yyuyyynypyyyyyyyyyyyyyyyy"

static void
test_empty_org(void **state)
{
	json_t *d = dash(&O), *sa, *steps, *st, *pl;
	char ids[256];
	size_t i;

	(void)state;
	assert_int_equal(num(d, "step"), 1);
	sa = json_object_get(d, "security_action");
	assert_true(json_is_object(sa));
	assert_false(flag(sa, "star1_ready"));
	assert_false(flag(sa, "star2_ready"));
	assert_true(json_is_null(json_object_get(sa, "level")));
	assert_true(json_is_null(json_object_get(sa, "id")));
	assert_true(json_is_null(json_object_get(sa, "date")));
	assert_true(json_is_null(json_object_get(d, "latest_diagnosis")));
	assert_true(json_is_array(json_object_get(d, "trend")));
	assert_int_equal(json_array_size(json_object_get(d, "trend")), 0);
	next_ids(d, ids, sizeof(ids));
	assert_string_equal(ids, "profile,pledge_measures,pledge");
	steps = json_object_get(d, "steps");
	assert_int_equal(json_array_size(steps), 4);
	json_array_foreach(steps, i, st) {
		assert_int_equal(num(st, "no"), (long long)i + 1);
		assert_int_equal(flag(st, "current"), i == 0);
		assert_false(flag(st, "complete"));
		assert_int_equal(num(st, "percent"), 0);
		assert_true(strlen(json_string_value(json_object_get(st, "title"))) > 0);
	}
	assert_int_equal(num(json_array_get(steps, 0), "total"), 6);
	pl = json_object_get(d, "pledges");
	assert_int_equal(num(pl, "done"), 0);
	assert_int_equal(num(pl, "total"), 5);
	assert_false(flag(pl, "pledged"));
	json_decref(d);
}

static void
test_pledged_is_step2(void **state)
{
	json_t *d, *st;
	char ids[256];

	(void)state;
	/* all five done but not pledged: still Step 1, not ★ */
	pledge_all(&O, false);
	d = dash(&O);
	assert_int_equal(num(d, "step"), 1);
	assert_false(flag(json_object_get(d, "security_action"), "star1_ready"));
	assert_int_equal(num(json_array_get(json_object_get(d, "steps"), 0), "percent"), 83);
	next_ids(d, ids, sizeof(ids));
	assert_string_equal(ids, "profile,pledge,diagnose");
	json_decref(d);
	/* pledged */
	pledge_all(&O, true);
	d = dash(&O);
	assert_int_equal(num(d, "step"), 2);
	assert_true(flag(json_object_get(d, "security_action"), "star1_ready"));
	assert_false(flag(json_object_get(d, "security_action"), "star2_ready"));
	st = json_array_get(json_object_get(d, "steps"), 0);
	assert_int_equal(num(st, "percent"), 100);
	assert_true(flag(st, "complete"));
	assert_false(flag(st, "current"));
	assert_true(flag(json_array_get(json_object_get(d, "steps"), 1), "current"));
	assert_int_equal(num(json_object_get(d, "pledges"), "done"), 5);
	assert_true(flag(json_object_get(d, "pledges"), "pledged"));
	next_ids(d, ids, sizeof(ids));
	assert_string_equal(ids, "profile,diagnose,policy");
	json_decref(d);
	/* the other organisation sees nothing of it */
	d = dash(&P);
	assert_int_equal(num(d, "step"), 1);
	assert_false(flag(json_object_get(d, "security_action"), "star1_ready"));
	json_decref(d);
}

static void
test_completed_diagnosis(void **state)
{
	json_t *d, *ld, *trend, *pt, *na;
	char ids[256];
	long long id;
	int total;

	(void)state;
	id = diagnose(&O, SOME_WEAK);
	total = total_of(&O, id);
	d = dash(&O);
	ld = json_object_get(d, "latest_diagnosis");
	assert_true(json_is_object(ld));
	assert_int_equal(num(ld, "id"), id);
	assert_int_equal(num(ld, "total"), total);
	assert_int_equal(num(ld, "max"), 100);
	assert_string_equal(json_string_value(json_object_get(ld, "band")), mmt_band_id(total));
	assert_int_equal(num(ld, "unknown"), 1);
	assert_int_equal(num(ld, "weak"), 3);
	assert_true(json_array_size(json_object_get(ld, "parts")) > 0);
	trend = json_object_get(d, "trend");
	assert_int_equal(json_array_size(trend), 1);
	pt = json_array_get(trend, 0);
	assert_int_equal(num(pt, "id"), id);
	assert_int_equal(num(pt, "total"), total);
	assert_string_equal(json_string_value(json_object_get(pt, "date")), "2026-04-01");
	/* a diagnosis alone does not move past Step 1 */
	assert_int_equal(num(d, "step"), 1);
	assert_int_equal(num(json_array_get(json_object_get(d, "steps"), 1), "done"), 1);
	json_decref(d);
	/* with Step 1 done and the profile given: the わからない first, then
	 * the weakest item (わからない before 実施していない before 一部) */
	pledge_all(&O, true);
	set_profile(&O, NULL);
	d = dash(&O);
	next_ids(d, ids, sizeof(ids));
	assert_string_equal(ids, "check_unknown,improve,policy");
	na = json_array_get(json_object_get(d, "next_actions"), 1);
	assert_int_equal(num(na, "item"), 3);
	assert_true(json_is_null(json_object_get(json_array_get(json_object_get(d,
	    "next_actions"), 0), "item")));
	json_decref(d);
	/* a second round: two points, the latest is the new one */
	setenv("MAMORI_FAKE_NOW", "2026-05-01T09:00:00Z", 1);
	id = diagnose(&O, ALL_YES);
	d = dash(&O);
	ld = json_object_get(d, "latest_diagnosis");
	assert_int_equal(num(ld, "id"), id);
	assert_int_equal(num(ld, "total"), 100);
	assert_string_equal(json_string_value(json_object_get(ld, "band")), "complete");
	trend = json_object_get(d, "trend");
	assert_int_equal(json_array_size(trend), 2);
	assert_int_equal(num(json_array_get(trend, 0), "total"), total);
	assert_int_equal(num(json_array_get(trend, 1), "total"), 100);
	assert_string_equal(json_string_value(json_object_get(json_array_get(trend, 1), "date")),
	    "2026-05-01");
	next_ids(d, ids, sizeof(ids));
	assert_string_equal(ids, "policy,handbook,record_declaration");
	json_decref(d);
	/* the other organisation has none */
	d = dash(&P);
	assert_true(json_is_null(json_object_get(d, "latest_diagnosis")));
	json_decref(d);
}

/* the latest diagnosis is the one completed last, and the trend runs in
 * the order of completion: a draft started first and completed after a
 * round recorded from a file is the latest */
static void
test_latest_is_completed_last(void **state)
{
	struct diag_round_row r;
	struct err e;
	json_t *d, *trend;
	long long draft, recorded;
	bool resumed;
	int no;

	(void)state;
	memset(&e, 0, sizeof(e));
	setenv("MAMORI_FAKE_NOW", "2026-03-01T00:00:00Z", 1);
	assert_ok(diag_draft_start(&A, &O, "佐藤", NULL, &r, &resumed, &e), e);
	draft = r.id;
	for (no = 1; no <= 25; no++)
		assert_ok(diag_answer_put(A.db, draft, no, no == 1 ? DIAG_NO : DIAG_YES, NULL, &e), e);
	setenv("MAMORI_FAKE_NOW", "2026-03-02T00:00:00Z", 1);
	recorded = diagnose(&O, ALL_YES);
	setenv("MAMORI_FAKE_NOW", "2026-03-03T00:00:00Z", 1);
	assert_ok(diag_draft_complete(&A, &O, draft, &e), e);
	assert_true(recorded > draft);
	d = dash(&O);
	trend = json_object_get(d, "trend");
	assert_int_equal(json_array_size(trend), 2);
	if (num(json_object_get(d, "latest_diagnosis"), "id") != draft ||
	    strcmp(json_string_value(json_object_get(json_array_get(trend, 0), "date")),
	    json_string_value(json_object_get(json_array_get(trend, 1), "date"))) > 0) {
		print_error("latest_diagnosis is round %lld (total %lld), expected %lld "
		    "(completed last, total 96); trend dates %s, %s\n",
		    num(json_object_get(d, "latest_diagnosis"), "id"),
		    num(json_object_get(d, "latest_diagnosis"), "total"), draft,
		    json_string_value(json_object_get(json_array_get(trend, 0), "date")),
		    json_string_value(json_object_get(json_array_get(trend, 1), "date")));
		json_decref(d);
		fail();
	}
	assert_int_equal(num(json_object_get(d, "latest_diagnosis"), "total"), 96);
	json_decref(d);
}

/* ★★ needs the policy established (documents, a later capability): a
 * published URL with a diagnosis and the pledge is not enough */
static void
test_star2_never_from_url(void **state)
{
	json_t *d;

	(void)state;
	pledge_all(&O, true);
	diagnose(&O, ALL_YES);
	set_profile(&O, "https://example.jp/security-policy");
	d = dash(&O);
	assert_true(flag(json_object_get(d, "security_action"), "star1_ready"));
	assert_false(flag(json_object_get(d, "security_action"), "star2_ready"));
	assert_int_equal(num(d, "step"), 2);
	/* the URL alone is no Step 2 fact either (published needs established) */
	assert_int_equal(num(json_array_get(json_object_get(d, "steps"), 1), "done"), 1);
	json_decref(d);
}

/* the recorded declaration shows, and is no longer asked for */
static void
test_declaration_recorded(void **state)
{
	struct org_profile_input in;
	struct err e;
	json_t *d, *sa;
	char ids[256];

	(void)state;
	memset(&in, 0, sizeof(in));
	memset(&e, 0, sizeof(e));
	pledge_all(&O, true);
	set_profile(&O, NULL);
	diagnose(&O, ALL_YES);
	d = dash(&O);
	next_ids(d, ids, sizeof(ids));
	assert_string_equal(ids, "policy,handbook,record_declaration");
	json_decref(d);
	in.sa_level = "star1";
	in.sa_id = "12345678901";
	in.sa_date = "2026-04-01";
	assert_ok(org_update_profile(&A, &O, &in, &e), e);
	d = dash(&O);
	sa = json_object_get(d, "security_action");
	assert_string_equal(json_string_value(json_object_get(sa, "level")), "star1");
	assert_string_equal(json_string_value(json_object_get(sa, "id")), "12345678901");
	assert_string_equal(json_string_value(json_object_get(sa, "date")), "2026-04-01");
	next_ids(d, ids, sizeof(ids));
	assert_string_equal(ids, "policy,handbook,rediagnose");
	json_decref(d);
}

/* the keys of the JSON contract, as the API serialises them */
static void
test_json_contract(void **state)
{
	json_t *d, *back, *sa, *ld;
	char *s;

	(void)state;
	diagnose(&O, SOME_WEAK);
	d = dash(&O);
	s = json_dumps(d, JSON_COMPACT);
	assert_non_null(s);
	back = json_loads(s, 0, NULL);
	assert_non_null(back);
	assert_true(json_is_integer(json_object_get(back, "step")));
	sa = json_object_get(back, "security_action");
	assert_true(json_is_boolean(json_object_get(sa, "star1_ready")));
	assert_true(json_is_boolean(json_object_get(sa, "star2_ready")));
	ld = json_object_get(back, "latest_diagnosis");
	assert_true(json_is_integer(json_object_get(ld, "total")));
	assert_true(json_is_string(json_object_get(ld, "band")));
	assert_true(json_is_array(json_object_get(back, "steps")));
	assert_true(json_is_array(json_object_get(back, "trend")));
	assert_true(json_is_object(json_object_get(back, "pledges")));
	assert_true(json_is_array(json_object_get(back, "next_actions")));
	assert_has(s, "\"step\":");
	assert_has(s, "\"star1_ready\":");
	assert_has(s, "\"star2_ready\":");
	assert_has(s, "\"latest_diagnosis\":{");
	free(s);
	json_decref(back);
	json_decref(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_empty_org, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pledged_is_step2, setup, teardown),
		cmocka_unit_test_setup_teardown(test_completed_diagnosis, setup, teardown),
		cmocka_unit_test_setup_teardown(test_latest_is_completed_last, setup, teardown),
		cmocka_unit_test_setup_teardown(test_star2_never_from_url, setup, teardown),
		cmocka_unit_test_setup_teardown(test_declaration_recorded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_contract, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
