/* test_org_profile.c — the organisation profile (org_update_profile in
 * app/org_service.h) on a temporary database: a valid update is written
 * and audited with before and after; a bad date, URL, level, number of
 * employees or industry is refused with nothing changed (neither the
 * database, nor *O, nor the audit log).
 *
 * What the date validator accepts (documented by test_date_calendar):
 * YYYY-MM-DD that is a real calendar date (leap years counted), so
 * 2026-02-30 and 2026-04-31 are refused. URLs: "https://"
 * or "http://" (lower case) and more than 10 bytes, without spaces,
 * control characters, '"', '<', '>' or '\'. */
#include "support/mm_web.h"

#define DBFILE "profile.db"
#define T0 "2026-04-01T09:00:00Z"

static struct app A;
static struct org O;

static int
setup(void **state)
{
	(void)state;
	setenv("MAMORI_FAKE_NOW", T0, 1);
	mmt_app_open(&A, DBFILE);
	mmt_org(&A, "テスト株式会社", &O);
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

static long long
audits(void)
{
	return mmt_audit_count(A.db);
}

/* O as stored, as JSON text (free() it) */
static char *
stored(void)
{
	struct org o;
	struct err e;
	json_t *j;
	char *s;

	memset(&e, 0, sizeof(e));
	assert_ok(org_get(A.db, O.id, &o, &e), e);
	j = org_json(&o);
	s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	return s;
}

static char *
in_memory(const struct org *o)
{
	json_t *j = org_json(o);
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(j);
	return s;
}

/* a full, valid profile */
static struct org_profile_input
valid(void)
{
	struct org_profile_input in;

	memset(&in, 0, sizeof(in));
	in.industry = "E";
	in.employees = "25";
	in.representative = "山田 太郎";
	in.representative_title = "代表取締役";
	in.address = "東京都千代田区丸の内1-1-1";
	in.sa_level = "star1";
	in.sa_id = "12345678901";
	in.sa_date = "2026-04-01";
	in.policy_url = "https://example.jp/security-policy";
	in.finish_setup = true;
	return in;
}

/* IN is refused with MM_EINVAL naming nothing changed */
static void
refused(const struct org_profile_input *in, const char *what)
{
	struct err e;
	long long n0 = audits();
	char *db0 = stored(), *mem0 = in_memory(&O), *db1, *mem1;
	enum mm_err rc;

	memset(&e, 0, sizeof(e));
	rc = org_update_profile(&A, &O, in, &e);
	if (rc != MM_EINVAL) {
		print_error("%s: %s, expected invalid\n", what, err_code_name(rc));
		free(db0);
		free(mem0);
		fail();
	}
	assert_true(e.msg[0] != '\0');
	db1 = stored();
	mem1 = in_memory(&O);
	assert_string_equal(db0, db1);
	assert_string_equal(mem0, mem1);
	assert_int_equal(audits(), n0);
	free(db0);
	free(db1);
	free(mem0);
	free(mem1);
}

static void
test_valid_update_audited(void **state)
{
	struct org_profile_input in = valid();
	struct mmw_audit last;
	struct org got;
	struct err e;
	json_t *before, *after;
	long long n0 = audits();

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(org_update_profile(&A, &O, &in, &e), e);
	assert_int_equal(audits(), n0 + 1);
	/* *O and the database agree */
	assert_ok(org_get(A.db, O.id, &got, &e), e);
	assert_string_equal(O.industry, "jsic-e");
	assert_string_equal(got.industry, "jsic-e");
	assert_int_equal(got.employees, 25);
	assert_string_equal(got.representative, "山田 太郎");
	assert_string_equal(got.representative_title, "代表取締役");
	assert_string_equal(got.address, "東京都千代田区丸の内1-1-1");
	assert_string_equal(got.sa_level, "star1");
	assert_string_equal(got.sa_id, "12345678901");
	assert_string_equal(got.sa_date, "2026-04-01");
	assert_string_equal(got.policy_url, "https://example.jp/security-policy");
	assert_true(got.setup_done);
	assert_string_equal(got.name, "テスト株式会社");
	assert_string_equal(got.slug, O.slug);
	assert_string_equal(got.created_at, O.created_at);
	/* the audit record has before and after */
	mmw_audit_last(A.db, &last);
	assert_string_equal(last.action, "org.update");
	assert_int_equal(last.org_id, O.id);
	assert_true(last.has_before);
	assert_true(last.has_after);
	before = json_loads(last.before, 0, NULL);
	after = json_loads(last.after, 0, NULL);
	assert_non_null(before);
	assert_non_null(after);
	/* absent or null: not given before */
	assert_true(json_object_get(before, "industry") == NULL ||
	    json_is_null(json_object_get(before, "industry")));
	assert_string_equal(json_string_value(json_object_get(after, "industry")), "jsic-e");
	assert_true(json_is_null(json_object_get(before, "employees")));
	assert_int_equal(json_integer_value(json_object_get(after, "employees")), 25);
	assert_null(json_object_get(before, "policy_url"));
	assert_string_equal(json_string_value(json_object_get(after, "policy_url")),
	    "https://example.jp/security-policy");
	assert_false(json_is_true(json_object_get(before, "setup_done")));
	assert_true(json_is_true(json_object_get(after, "setup_done")));
	json_decref(before);
	json_decref(after);
}

/* fields not given (NULL) are kept; "" clears */
static void
test_keep_and_clear(void **state)
{
	struct org_profile_input in = valid();
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(org_update_profile(&A, &O, &in, &e), e);
	memset(&in, 0, sizeof(in));
	in.address = "大阪府大阪市北区1-2-3";
	assert_ok(org_update_profile(&A, &O, &in, &e), e);
	assert_string_equal(O.address, "大阪府大阪市北区1-2-3");
	assert_string_equal(O.industry, "jsic-e");
	assert_int_equal(O.employees, 25);
	assert_string_equal(O.policy_url, "https://example.jp/security-policy");
	assert_string_equal(O.sa_level, "star1");
	assert_true(O.setup_done);
	memset(&in, 0, sizeof(in));
	in.industry = "";
	in.employees = "";
	in.policy_url = "";
	in.sa_level = "";
	in.sa_date = "";
	assert_ok(org_update_profile(&A, &O, &in, &e), e);
	assert_string_equal(O.industry, "");
	assert_int_equal(O.employees, -1);
	assert_string_equal(O.policy_url, "");
	assert_string_equal(O.sa_level, "");
	assert_string_equal(O.sa_date, "");
	assert_string_equal(O.sa_id, "12345678901");
	/* the industry by id as well as by code; employees 0 is a number */
	memset(&in, 0, sizeof(in));
	in.industry = "jsic-a";
	in.employees = "0";
	assert_ok(org_update_profile(&A, &O, &in, &e), e);
	assert_string_equal(O.industry, "jsic-a");
	assert_int_equal(O.employees, 0);
}

static void
test_bad_dates(void **state)
{
	static const char *const bad[] = {
		"2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "2026-01-40",
		"2026-19-01", "2026/04/01", "26-04-01", "2026-4-1", "2026-04-1", "20260401",
		"2026-04-01T00:00:00Z", "2026-04-01 ", " 2026-04-01", "２０２６-04-01",
		"abcd-ef-gh", "2026-0a-01", "令和8年4月1日",
	};
	struct org_profile_input in;
	size_t i;

	(void)state;
	in = valid();
	{
		struct err e;
		memset(&e, 0, sizeof(e));
		assert_ok(org_update_profile(&A, &O, &in, &e), e);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&in, 0, sizeof(in));
		in.sa_date = bad[i];
		refused(&in, bad[i]);
		/* also together with valid fields: nothing at all is written */
		in = valid();
		in.address = "変わってはいけない";
		in.sa_date = bad[i];
		refused(&in, bad[i]);
	}
}

/* the validator knows the calendar: real dates (leap days too) are
 * accepted, impossible ones refused */
static void
test_date_calendar(void **state)
{
	static const char *const accepted[] = {
		"2026-01-31", "2026-12-31", "2026-02-28", "2028-02-29", "2000-02-29",
	};
	static const char *const impossible[] = {
		"2026-02-30", "2026-02-31", "2026-04-31", "2025-02-29", "1900-02-29",
	};
	struct org_profile_input in;
	struct err e;
	size_t i;

	(void)state;
	memset(&e, 0, sizeof(e));
	for (i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++) {
		memset(&in, 0, sizeof(in));
		in.sa_date = accepted[i];
		assert_ok(org_update_profile(&A, &O, &in, &e), e);
		assert_string_equal(O.sa_date, accepted[i]);
	}
	for (i = 0; i < sizeof(impossible) / sizeof(impossible[0]); i++) {
		memset(&in, 0, sizeof(in));
		in.sa_date = impossible[i];
		refused(&in, impossible[i]);
	}
}

static void
test_bad_urls(void **state)
{
	static const char *const bad[] = {
		"javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)",
		"javascript://example.jp/%0aalert(1)", "data:text/html,<script>alert(1)</script>",
		"vbscript:msgbox", "ftp://example.jp/policy", "//example.jp/policy",
		"example.jp/policy", "https://", "http://a.b", "https:/example.jp/policy",
		"https://example.jp/a b", "https://example.jp/\"onmouseover=alert(1)",
		"https://example.jp/<script>", "https://example.jp/a\\b",
		"https://example.jp/\ttab", "HTTPS://EXAMPLE.JP/POLICY",
	};
	struct org_profile_input in;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&in, 0, sizeof(in));
		in.policy_url = bad[i];
		refused(&in, bad[i]);
	}
	/* good ones */
	{
		static const char *const good[] = {
			"https://a.b", "http://example.jp/policy", "https://例え.jp/方針",
			"https://example.jp/policy?v=1#top",
		};
		struct err e;
		memset(&e, 0, sizeof(e));
		for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
			memset(&in, 0, sizeof(in));
			in.policy_url = good[i];
			assert_ok(org_update_profile(&A, &O, &in, &e), e);
			assert_string_equal(O.policy_url, good[i]);
		}
	}
}

static void
test_bad_levels_and_numbers(void **state)
{
	static const char *const levels[] = {
		"star3", "star", "STAR1", " star1", "star1 ", "★", "★★", "1", "two",
	};
	static const char *const employees[] = {
		"-1", "abc", "1.5", "1e3", " 5", "5 ", "10000001", "99999999999999999999", "５",
	};
	static const char *const industries[] = { "jsic-zz", "Z", "e", "建設業", " E" };
	struct org_profile_input in;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		memset(&in, 0, sizeof(in));
		in.sa_level = levels[i];
		refused(&in, levels[i]);
	}
	for (i = 0; i < sizeof(employees) / sizeof(employees[0]); i++) {
		memset(&in, 0, sizeof(in));
		in.employees = employees[i];
		refused(&in, employees[i]);
	}
	for (i = 0; i < sizeof(industries) / sizeof(industries[0]); i++) {
		memset(&in, 0, sizeof(in));
		in.industry = industries[i];
		refused(&in, industries[i]);
	}
	/* text fields: control characters, invalid UTF-8, an empty name */
	memset(&in, 0, sizeof(in));
	in.address = "東京都\n千代田区";
	refused(&in, "address with a newline");
	in.address = "\xff\xfe";
	refused(&in, "address not UTF-8");
	memset(&in, 0, sizeof(in));
	in.name = "   ";
	refused(&in, "blank name");
	memset(&in, 0, sizeof(in));
	in.sa_id = "12345678901234567890123456789012345678901"; /* 41 */
	refused(&in, "sa_id of 41 characters");
	memset(&in, 0, sizeof(in));
	in.representative = "a\x7f";
	refused(&in, "representative with DEL");
}

/* the limits are in characters: an address of 200 characters is within
 * the limit of 200 whatever the script */
static void
test_address_limit_in_characters(void **state)
{
	char addr[1024];
	struct org_profile_input in;
	struct err e;
	size_t i;

	(void)state;
	memset(&e, 0, sizeof(e));
	memset(&in, 0, sizeof(in));
	/* 201 ASCII characters: refused */
	memset(addr, 'a', 201);
	addr[201] = '\0';
	in.address = addr;
	refused(&in, "address of 201 characters");
	/* 200 ASCII characters: accepted */
	addr[200] = '\0';
	assert_ok(org_update_profile(&A, &O, &in, &e), e);
	/* 200 Japanese characters (600 bytes): accepted, as the message
	 * "所在地 は 200 文字までです" promises */
	addr[0] = '\0';
	for (i = 0; i < 200; i++)
		memcpy(addr + i * 3, "町", 4);
	assert_int_equal(strlen(addr), 600);
	in.address = addr;
	if (org_update_profile(&A, &O, &in, &e) != MM_OK) {
		print_error("200 Japanese characters refused: %s\n", e.msg);
		fail();
	}
	assert_string_equal(O.address, addr);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_valid_update_audited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keep_and_clear, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_date_calendar, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_urls, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_levels_and_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_address_limit_in_characters, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
