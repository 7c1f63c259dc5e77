/* test_diag_service.c — the 自社診断 use cases (app/diag_service.h) on a
 * temporary database: drafts started and resumed, answered and
 * completed; completed rounds that can not change; rounds recorded from a
 * file; the organisation view. Every write must add exactly one audit
 * record, and a refused one none. */
#include "support/mm_diag.h"

#include "app/diag_input.h"
#include "app/diag_service.h"
#include "app/org_service.h"
#include "util/buf.h"

#define DBFILE "svc.db"
#define T0 "2024-04-01T09:00:00Z"

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

static long long
audits(void)
{
	return mmt_audit_count(A.db);
}

static long long
start(const struct org *o, const char *who, bool *resumed)
{
	struct diag_round_row r;
	struct err e;
	bool res = true;

	memset(&e, 0, sizeof(e));
	assert_ok(diag_draft_start(&A, o, who, NULL, &r, &res, &e), e);
	if (resumed != NULL)
		*resumed = res;
	return r.id;
}

/* answer every item of draft ID from SPEC (one letter per item), through
 * the store: the tests of completing and viewing do not depend on
 * diag_draft_answer, which has tests of its own */
static void
answer_all(long long id, const char *spec)
{
	struct err e;
	int no;

	memset(&e, 0, sizeof(e));
	for (no = 1; spec[no - 1]; no++)
		assert_ok(diag_answer_put(A.db, id, no, mmt_letter(spec[no - 1]), NULL, &e), e);
}

/* record a completed round for WHO in O from SPEC; its id */
static long long
record(const char *who, const char *spec)
{
	struct diag_input in;
	struct err e;
	long long id = 0;
	int no;

	memset(&in, 0, sizeof(in));
	memset(&e, 0, sizeof(e));
	for (no = 1; spec[no - 1]; no++)
		in.sheet.answers[no - 1] = mmt_letter(spec[no - 1]);
	assert_ok(diag_record(&A, &O, who, &in, &id, &e), e);
	return id;
}

static struct diag_round_view
load(long long id)
{
	struct diag_round_view v;
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(diag_round_load(&A, &O, id, &v, &e), e);
	return v;
}

#define ALL_YES "yyyyyyyyyyyyyyyyyyyyyyyyy"

static void
test_draft_start_and_resume(void **state)
{
	struct diag_round_row r;
	struct err e;
	bool resumed = true;
	long long n0 = audits(), id, id2;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(diag_draft_start(&A, &O, NULL, NULL, &r, &resumed, &e), e);
	assert_false(resumed);
	assert_string_equal(r.respondent, DIAG_DEFAULT_RESPONDENT);
	assert_string_equal(r.respondent_kind, "person");
	assert_string_equal(r.catalog, CATALOG_DEFAULT);
	assert_string_equal(r.started_at, T0);
	assert_false(r.completed);
	assert_int_equal(r.org_id, O.id);
	assert_int_equal(audits(), n0 + 1);
	id = r.id;
	/* again: the same draft, nothing written */
	assert_ok(diag_draft_start(&A, &O, DIAG_DEFAULT_RESPONDENT, NULL, &r, &resumed, &e), e);
	assert_true(resumed);
	assert_int_equal(r.id, id);
	assert_int_equal(audits(), n0 + 1);
	/* a department is another respondent */
	assert_ok(diag_draft_start(&A, &O, "総務部", "department", &r, &resumed, &e), e);
	assert_false(resumed);
	assert_string_equal(r.respondent_kind, "department");
	id2 = r.id;
	assert_true(id2 != id);
	assert_int_equal(audits(), n0 + 2);
	/* the same name in another organisation is another draft */
	assert_true(start(&P, "総務部", &resumed) != id2);
	assert_false(resumed);
	assert_int_equal(audits(), n0 + 3);
}

static void
test_draft_start_refused(void **state)
{
	struct diag_round_row r;
	struct err e;
	bool resumed;
	long long n0 = audits();

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_int_equal(diag_draft_start(&A, &O, "x", "robot", &r, &resumed, &e), MM_EINVAL);
	assert_int_equal(diag_draft_start(&A, &O, "   ", NULL, &r, &resumed, &e), MM_EINVAL);
	assert_int_equal(diag_draft_start(&A, &O, "a\tb", NULL, &r, &resumed, &e), MM_EINVAL);
	assert_int_equal(diag_draft_start(&A, &O, "\xff", NULL, &r, &resumed, &e), MM_EINVAL);
	assert_int_equal(diag_draft_start(&A, &O, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL, &r, &resumed, &e), MM_EINVAL);
	assert_int_equal(audits(), n0);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM diag_round"), 0);
}

/* the first answer to an item (there is no "before") */
static void
test_draft_answer_first(void **state)
{
	struct diag_round_view v;
	struct err e;
	long long id = start(&O, "山田", NULL), n0 = audits();

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(diag_draft_answer(&A, &O, id, 1, DIAG_YES, NULL, &e), e);
	assert_ok(diag_draft_answer(&A, &O, id, 9, DIAG_NA, "倉庫のみ", &e), e);
	assert_int_equal(audits(), n0 + 2);
	v = load(id);
	assert_int_equal(v.sheet.answers[0], DIAG_YES);
	assert_int_equal(v.sheet.answers[8], DIAG_NA);
	assert_string_equal(v.notes.notes[8], "倉庫のみ");
	diag_round_view_free(&v);
}

/* changing an answer; the same answer again writes nothing */
static void
test_draft_answer_change(void **state)
{
	struct diag_round_view v;
	struct err e;
	long long id = start(&O, "山田", NULL), n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	answer_all(id, "yy");
	n0 = audits();
	assert_ok(diag_draft_answer(&A, &O, id, 1, DIAG_YES, NULL, &e), e);
	assert_ok(diag_draft_answer(&A, &O, id, 1, DIAG_YES, "", &e), e);
	assert_int_equal(audits(), n0);
	assert_ok(diag_draft_answer(&A, &O, id, 1, DIAG_PARTIAL, "  半分だけ  ", &e), e);
	assert_ok(diag_draft_answer(&A, &O, id, 1, DIAG_PARTIAL, "半分だけ", &e), e);
	assert_ok(diag_draft_answer(&A, &O, id, 2, DIAG_UNKNOWN, NULL, &e), e);
	assert_int_equal(audits(), n0 + 2);
	v = load(id);
	assert_int_equal(v.sheet.answers[0], DIAG_PARTIAL);
	assert_string_equal(v.notes.notes[0], "半分だけ");
	assert_int_equal(v.sheet.answers[1], DIAG_UNKNOWN);
	assert_false(v.row.completed);
	diag_round_view_free(&v);
}

/* clearing an answer (there is no "after") */
static void
test_draft_answer_clear(void **state)
{
	struct diag_round_view v;
	struct err e;
	long long id = start(&O, "山田", NULL), n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	answer_all(id, "yyyyyyyyyyyyyyyyyyyyyyyyu");
	n0 = audits();
	assert_ok(diag_draft_answer(&A, &O, id, 25, DIAG_UNANSWERED, NULL, &e), e);
	assert_int_equal(audits(), n0 + 1);
	v = load(id);
	assert_int_equal(v.sheet.answers[24], DIAG_UNANSWERED);
	diag_round_view_free(&v);
}

static void
test_draft_answer_refused(void **state)
{
	struct err e;
	long long id = start(&O, "山田", NULL), n0 = audits();

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_int_equal(diag_draft_answer(&A, &O, id, 1, DIAG_NA, NULL, &e), MM_EINVAL);
	assert_has(e.msg, "1");
	assert_int_equal(diag_draft_answer(&A, &O, id, 0, DIAG_YES, NULL, &e), MM_EINVAL);
	assert_int_equal(diag_draft_answer(&A, &O, id, 26, DIAG_YES, NULL, &e), MM_EINVAL);
	assert_int_equal(diag_draft_answer(&A, &O, id, 26, DIAG_UNANSWERED, NULL, &e), MM_EINVAL);
	assert_int_equal(diag_draft_answer(&A, &O, id, 2, DIAG_YES, "a\nb", &e), MM_EINVAL);
	assert_int_equal(diag_draft_answer(&A, &P, id, 2, DIAG_YES, NULL, &e), MM_ENOTFOUND);
	assert_int_equal(diag_draft_answer(&A, &O, id + 99, 2, DIAG_YES, NULL, &e), MM_ENOTFOUND);
	assert_int_equal(audits(), n0);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM diag_answer"), 0);
}

/* an answer value outside the enum is refused, not looked up */
static void
test_draft_answer_bad_enum(void **state)
{
	struct err e;
	long long id = start(&O, "山田", NULL), n0 = audits();

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_int_equal(diag_draft_answer(&A, &O, id, 2, DIAG_ANSWER_KINDS, NULL, &e),
	    MM_EINVAL);
	assert_int_equal(diag_draft_answer(&A, &O, id, 2, (enum diag_answer)-1, NULL, &e),
	    MM_EINVAL);
	assert_int_equal(audits(), n0);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM diag_answer"), 0);
}

static void
test_complete_needs_every_item(void **state)
{
	struct diag_round_view v;
	struct err e;
	long long id = start(&O, "鈴木", NULL), n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	answer_all(id, "yyyyyyyyyyyyyyyyyyyyyyyy"); /* 24 */
	n0 = audits();
	assert_int_equal(diag_draft_complete(&A, &O, id, &e), MM_EINVAL);
	assert_has(e.msg, "25");
	assert_int_equal(audits(), n0);
	v = load(id);
	assert_false(v.row.completed);
	diag_round_view_free(&v);
	/* another organisation can not complete it */
	answer_all(id, ALL_YES);
	n0 = audits();
	assert_int_equal(diag_draft_complete(&A, &P, id, &e), MM_ENOTFOUND);
	assert_int_equal(audits(), n0);
}

static void
test_complete_then_immutable(void **state)
{
	struct diag_round_view v;
	struct diag_round_row r;
	struct db_stmt *st;
	struct err e;
	char sql[160];
	bool resumed = true;
	long long id = start(&O, "田中", NULL), n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	answer_all(id, "nyyyyyyyayyypyyyyyyyyyyyu");
	n0 = audits();
	setenv("MAMORI_FAKE_NOW", "2024-04-02T10:00:00Z", 1);
	assert_ok(diag_draft_complete(&A, &O, id, &e), e);
	assert_int_equal(audits(), n0 + 1);
	v = load(id);
	assert_true(v.row.completed);
	assert_string_equal(v.row.completed_at, "2024-04-02T10:00:00Z");
	assert_int_equal(v.row.total, 100 - 4 - 2 - 5);
	assert_int_equal(v.result.total, v.row.total);
	assert_string_equal(v.row.band, "mostly");
	assert_string_equal(v.result.band->id, "mostly");
	diag_round_view_free(&v);
	/* no service and no statement can change it */
	assert_int_equal(diag_draft_answer(&A, &O, id, 1, DIAG_YES, NULL, &e), MM_EIMMUTABLE);
	assert_int_equal(diag_draft_answer(&A, &O, id, 1, DIAG_UNANSWERED, NULL, &e),
	    MM_EIMMUTABLE);
	assert_int_equal(diag_draft_complete(&A, &O, id, &e), MM_EIMMUTABLE);
	snprintf(sql, sizeof(sql), "UPDATE diag_answer SET answer = 'yes' WHERE round_id = %lld", id);
	assert_ok(db_prepare(A.db, sql, &st, &e), e);
	assert_int_equal(db_step(st, &e), MM_EIMMUTABLE);
	db_finalize(st);
	snprintf(sql, sizeof(sql), "UPDATE diag_round SET total = 100 WHERE id = %lld", id);
	assert_ok(db_prepare(A.db, sql, &st, &e), e);
	assert_int_equal(db_step(st, &e), MM_EIMMUTABLE);
	db_finalize(st);
	assert_int_equal(audits(), n0 + 1);
	v = load(id);
	assert_int_equal(v.sheet.answers[0], DIAG_NO);
	assert_int_equal(v.row.total, 89);
	diag_round_view_free(&v);
	/* the next start is a new draft */
	assert_ok(diag_draft_start(&A, &O, "田中", NULL, &r, &resumed, &e), e);
	assert_false(resumed);
	assert_true(r.id != id);
}

static void
test_record_from_file(void **state)
{
	const char *csv = "番号,回答,メモ\n1,yes,\"毎月, 自動更新\"\n2,一部実施している\n";
	const char *json = "{\"respondent\":\"佐藤\",\"answers\":{"
	    "\"1\":\"yes\",\"2\":\"yes\",\"3\":\"yes\",\"4\":\"yes\",\"5\":\"yes\",\"6\":\"yes\","
	    "\"7\":\"yes\",\"8\":\"yes\",\"9\":\"yes\",\"10\":\"yes\",\"11\":\"yes\",\"12\":\"yes\","
	    "\"13\":\"yes\",\"14\":\"yes\",\"15\":\"yes\",\"16\":\"yes\",\"17\":\"yes\",\"18\":\"yes\","
	    "\"19\":\"yes\",\"20\":\"yes\",\"21\":\"yes\",\"22\":\"yes\",\"23\":\"yes\",\"24\":\"yes\","
	    "\"25\":\"unknown\"}}";
	struct diag_input in;
	struct diag_round_view v;
	struct buf b;
	struct err e;
	long long id = 0, n0 = audits();
	int no;

	(void)state;
	memset(&e, 0, sizeof(e));
	buf_init(&b, 0);
	buf_puts(&b, csv);
	for (no = 3; no <= 25; no++)
		buf_printf(&b, "%d,%s\n", no, no == 13 ? "該当なし" : "4");
	assert_ok(diag_input_parse(&A.cat->diag, buf_cstr(&b), b.len, DIAG_INPUT_AUTO, &in,
	    &e), e);
	buf_free(&b);
	assert_ok(diag_record(&A, &O, NULL, &in, &id, &e), e);
	diag_input_free(&in);
	assert_int_equal(audits(), n0 + 1);
	v = load(id);
	assert_true(v.row.completed);
	assert_string_equal(v.row.respondent, DIAG_DEFAULT_RESPONDENT);
	assert_int_equal(v.row.total, 98);
	assert_string_equal(v.notes.notes[0], "毎月, 自動更新");
	assert_int_equal(v.sheet.answers[12], DIAG_NA);
	diag_round_view_free(&v);
	/* the respondent from a JSON file, and one given explicitly */
	assert_ok(diag_input_parse(&A.cat->diag, json, strlen(json), DIAG_INPUT_JSON, &in,
	    &e), e);
	assert_ok(diag_record(&A, &O, NULL, &in, &id, &e), e);
	v = load(id);
	assert_string_equal(v.row.respondent, "佐藤");
	assert_int_equal(v.row.total, 95);
	diag_round_view_free(&v);
	assert_ok(diag_record(&A, &O, "経理部", &in, &id, &e), e);
	diag_input_free(&in);
	v = load(id);
	assert_string_equal(v.row.respondent, "経理部");
	diag_round_view_free(&v);
	assert_int_equal(audits(), n0 + 3);
}

static void
test_record_refused_writes_nothing(void **state)
{
	struct diag_input in;
	struct err e;
	long long id = 0, n0 = audits();
	int no;

	(void)state;
	memset(&e, 0, sizeof(e));
	memset(&in, 0, sizeof(in));
	for (no = 1; no <= 24; no++)
		in.sheet.answers[no - 1] = DIAG_YES;
	assert_int_equal(diag_record(&A, &O, "新人", &in, &id, &e), MM_EINVAL);
	assert_has(e.msg, "25");
	in.sheet.answers[24] = DIAG_YES;
	in.sheet.answers[0] = DIAG_NA; /* not allowed on item 1 */
	assert_int_equal(diag_record(&A, &O, "新人", &in, &id, &e), MM_EINVAL);
	assert_int_equal(diag_record(&A, &O, "", &in, &id, &e), MM_EINVAL);
	assert_int_equal(audits(), n0);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM diag_round"), 0);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM diag_answer"), 0);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM respondent"), 0);
}

static void
test_na_rule_exclude(void **state)
{
	struct diag_round_view v;
	struct err e;
	enum diag_na_rule rule = DIAG_NA_EXCLUDE;
	long long n0 = audits(), full, excl;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(org_na_rule(&A, O.id, &rule, &e), e);
	assert_int_equal(rule, DIAG_NA_FULL);
	full = record("A", "uuuuuuuuauuuuuuuuuuuuuuuu");
	assert_ok(org_set_na_rule(&A, O.id, "exclude", &e), e);
	assert_int_equal(audits(), n0 + 2);
	assert_int_equal(org_set_na_rule(&A, O.id, "half", &e), MM_EINVAL);
	assert_int_equal(audits(), n0 + 2);
	excl = record("A", "uuuuuuuuauuuuuuuuuuuuuuuu");
	v = load(full);
	assert_int_equal(v.row.na_rule, DIAG_NA_FULL);
	assert_int_equal(v.row.total, -20);
	assert_int_equal(v.result.total, -20);
	diag_round_view_free(&v);
	v = load(excl);
	assert_int_equal(v.row.na_rule, DIAG_NA_EXCLUDE);
	assert_int_equal(v.row.total, -25);
	assert_true(v.result.rescaled);
	diag_round_view_free(&v);
	/* 9 na and 1 no: 96 either way */
	v = load(record("B", "nyyyyyyyayyyyyyyyyyyyyyyy"));
	assert_int_equal(v.row.total, 96);
	diag_round_view_free(&v);
	assert_int_equal(audits(), n0 + 4);
}

static void
test_round_before(void **state)
{
	struct diag_round_view v, prev;
	struct err e;
	long long r1, r2;

	(void)state;
	memset(&e, 0, sizeof(e));
	setenv("MAMORI_FAKE_NOW", "2024-01-01T00:00:00Z", 1);
	r1 = record("A", "pyyyyyyyyyyyyyyyyyyyyyyyy");
	record("B", ALL_YES);
	setenv("MAMORI_FAKE_NOW", "2024-02-01T00:00:00Z", 1);
	r2 = record("A", ALL_YES);
	v = load(r2);
	assert_ok(diag_round_before(&A, &O, &v, &prev, &e), e);
	assert_int_equal(prev.row.id, r1);
	assert_int_equal(prev.row.total, 98);
	diag_round_view_free(&v);
	assert_int_equal(diag_round_before(&A, &O, &prev, &v, &e), MM_ENOTFOUND);
	diag_round_view_free(&prev);
}

static void
test_org_view(void **state)
{
	struct diag_sheet s;
	struct diag_result r;
	struct err e;
	size_t n = 99;
	long long d;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_int_equal(diag_org_view(&A, &O, &s, &r, &n, &e), MM_ENOTFOUND);
	assert_int_equal(n, 0);
	setenv("MAMORI_FAKE_NOW", "2024-01-01T00:00:00Z", 1);
	record("A", ALL_YES);
	record("B", "npyyyyyyyyyyyyyyyyyyyyyyy");
	record("C", "yyuyyyyyayyyyyyyyyyyyyyyy");
	record("D", "yyyyuyyyyyyyyyyyyyyyyyyyy"); /* superseded below */
	setenv("MAMORI_FAKE_NOW", "2024-02-01T00:00:00Z", 1);
	record("A", "yyypyyyyyyyyyyyyyyyyyyyyy");
	record("D", ALL_YES);
	d = start(&O, "E", NULL);          /* drafts do not count */
	answer_all(d, "uuuuuuuuuuuuuuuuuuuuuuuuu");
	assert_ok(diag_org_view(&A, &O, &s, &r, &n, &e), e);
	assert_int_equal(n, 4);
	assert_int_equal(s.answers[0], DIAG_NO);
	assert_int_equal(s.answers[1], DIAG_PARTIAL);
	assert_int_equal(s.answers[2], DIAG_UNKNOWN);
	assert_int_equal(s.answers[3], DIAG_PARTIAL);  /* A's newer round */
	assert_int_equal(s.answers[4], DIAG_YES);      /* D's older round is ignored */
	assert_int_equal(s.answers[8], DIAG_YES);      /* yes beats na */
	assert_int_equal(r.total, 100 - 4 - 2 - 5 - 2);
	assert_int_equal(r.nunknown, 1);
	assert_int_equal(r.nweak, 4);
	/* another organisation sees none of it */
	assert_int_equal(diag_org_view(&A, &P, &s, &r, &n, &e), MM_ENOTFOUND);
}

/* "the newest completed round of each respondent": a draft started
 * before, but completed after, a recorded round is the newest one */
static void
test_org_view_uses_latest_completed(void **state)
{
	struct diag_sheet s;
	struct diag_result r;
	struct diag_round_row newest;
	struct diag_round_view v;
	struct err e;
	size_t n;
	long long draft, recorded, resp;

	(void)state;
	memset(&e, 0, sizeof(e));
	setenv("MAMORI_FAKE_NOW", "2024-03-01T00:00:00Z", 1);
	draft = start(&O, "佐藤", NULL);
	answer_all(draft, "nyyyyyyyyyyyyyyyyyyyyyyyy");
	setenv("MAMORI_FAKE_NOW", "2024-03-02T00:00:00Z", 1);
	recorded = record("佐藤", ALL_YES);
	setenv("MAMORI_FAKE_NOW", "2024-03-03T00:00:00Z", 1);
	assert_ok(diag_draft_complete(&A, &O, draft, &e), e);
	assert_true(recorded > draft);
	v = load(draft);
	resp = v.row.respondent_id;
	diag_round_view_free(&v);
	/* the store agrees that the draft, completed last, is the newest */
	assert_ok(diag_round_previous(A.db, O.id, resp, 0, &newest, &e), e);
	assert_int_equal(newest.id, draft);
	assert_ok(diag_org_view(&A, &O, &s, &r, &n, &e), e);
	assert_int_equal(n, 1);
	if (s.answers[0] != DIAG_NO || r.total != 96) {
		print_error("org view took round %lld (total %d) instead of %lld "
		    "(completed last, total 96)\n", recorded, r.total, draft);
		fail();
	}
}

static void
test_round_load_scoped(void **state)
{
	struct diag_round_view v;
	struct err e;
	long long id = record("A", ALL_YES), d = start(&O, "Z", NULL);

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_int_equal(diag_round_load(&A, &P, id, &v, &e), MM_ENOTFOUND);
	v = load(d);
	assert_false(v.row.completed);
	assert_int_equal(v.result.total, 0);
	assert_null(v.result.band);
	diag_round_view_free(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_draft_start_and_resume, setup, teardown),
		cmocka_unit_test_setup_teardown(test_draft_start_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_draft_answer_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_draft_answer_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_draft_answer_clear, setup, teardown),
		cmocka_unit_test_setup_teardown(test_draft_answer_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_complete_needs_every_item, setup, teardown),
		cmocka_unit_test_setup_teardown(test_complete_then_immutable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_record_from_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_record_refused_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_na_rule_exclude, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_before, setup, teardown),
		cmocka_unit_test_setup_teardown(test_org_view, setup, teardown),
		cmocka_unit_test_setup_teardown(test_org_view_uses_latest_completed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_load_scoped, setup, teardown),
		/* last: under UBSan an out-of-bounds lookup aborts the program */
		cmocka_unit_test_setup_teardown(test_draft_answer_bad_enum, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
