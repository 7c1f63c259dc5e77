/* test_diag_store.c — respondents, 自社診断 rounds and answers in the
 * store (store/diag_store.h): scoping by organisation, drafts, completed
 * rounds that the schema refuses to change, and the reference check used
 * by restore. */
#include "support/mm_test.h"

#include "store/db.h"
#include "store/diag_store.h"
#include "store/migrate.h"
#include "store/org_store.h"

#define DBFILE "store.db"
#define NOW "2024-05-01T09:00:00Z"

struct fx {
	struct db *db;
	long long org1, org2;
};

static struct fx F;

static long long
add_org(const char *slug)
{
	struct org o;
	struct err e;

	memset(&o, 0, sizeof(o));
	memset(&e, 0, sizeof(e));
	snprintf(o.slug, sizeof(o.slug), "%s", slug);
	snprintf(o.name, sizeof(o.name), "Org %s", slug);
	snprintf(o.created_at, sizeof(o.created_at), "%s", NOW);
	o.employees = -1;
	assert_ok(org_insert(F.db, &o, &e), e);
	return o.id;
}

static int
setup(void **state)
{
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	unlink(DBFILE);
	unlink(DBFILE "-wal");
	unlink(DBFILE "-shm");
	if (db_open(DBFILE, DB_OPEN_CREATE, &F.db, &e) != MM_OK ||
	    migrate_apply(F.db, NULL, &e) != MM_OK) {
		print_error("%s\n", e.msg);
		return -1;
	}
	F.org1 = add_org("one");
	F.org2 = add_org("two");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	db_close(F.db);
	F.db = NULL;
	return 0;
}

static long long
respondent(long long org, const char *name)
{
	struct err e;
	long long id = 0;

	memset(&e, 0, sizeof(e));
	assert_ok(respondent_find_or_add(F.db, org, name, "person", NOW, &id, NULL, &e), e);
	return id;
}

static long long
new_round(long long org, long long resp)
{
	struct diag_round_row r;
	struct err e;

	memset(&r, 0, sizeof(r));
	memset(&e, 0, sizeof(e));
	r.org_id = org;
	r.respondent_id = resp;
	snprintf(r.catalog, sizeof(r.catalog), "%s", CATALOG_DEFAULT);
	snprintf(r.started_at, sizeof(r.started_at), "%s", NOW);
	assert_ok(diag_round_insert(F.db, &r, &e), e);
	assert_true(r.id > 0);
	return r.id;
}

static void
answer_all(long long round, enum diag_answer a)
{
	struct err e;
	int no;

	memset(&e, 0, sizeof(e));
	for (no = 1; no <= 25; no++)
		assert_ok(diag_answer_put(F.db, round, no, a, NULL, &e), e);
}

static long long
completed_round(long long org, long long resp, const char *at)
{
	struct err e;
	long long id = new_round(org, resp);

	memset(&e, 0, sizeof(e));
	answer_all(id, DIAG_YES);
	assert_ok(diag_round_complete(F.db, id, at, DIAG_NA_FULL, 100, "complete", &e), e);
	return id;
}

/* run one raw statement through the store's own connection */
static int
raw(const char *sql, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	int rc;

	if ((code = db_prepare(F.db, sql, &st, e)) != MM_OK)
		return code;
	rc = db_step(st, e);
	db_finalize(st);
	return rc;
}

static void
test_respondents(void **state)
{
	struct err e;
	long long a = 0, b = 0, c = 0;
	bool created = false;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(respondent_find_or_add(F.db, F.org1, "総務部", "department", NOW, &a,
	    &created, &e), e);
	assert_true(created);
	assert_ok(respondent_find_or_add(F.db, F.org1, "総務部", "department", NOW, &b,
	    &created, &e), e);
	assert_false(created);
	assert_int_equal(a, b);
	/* the same name in another organisation is another respondent */
	assert_ok(respondent_find_or_add(F.db, F.org2, "総務部", "department", NOW, &c,
	    &created, &e), e);
	assert_true(created);
	assert_true(c != a);
	/* a kind the schema does not know */
	assert_true(respondent_find_or_add(F.db, F.org1, "x", "robot", NOW, &c, NULL,
	    &e) != MM_OK);
}

static void
test_round_roundtrip_and_scope(void **state)
{
	struct diag_round_row r;
	struct err e;
	long long resp = respondent(F.org1, "山田"), id = new_round(F.org1, resp);

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(diag_round_get(F.db, F.org1, id, &r, &e), e);
	assert_int_equal(r.id, id);
	assert_int_equal(r.org_id, F.org1);
	assert_int_equal(r.respondent_id, resp);
	assert_string_equal(r.respondent, "山田");
	assert_string_equal(r.respondent_kind, "person");
	assert_string_equal(r.catalog, CATALOG_DEFAULT);
	assert_false(r.completed);
	assert_string_equal(r.started_at, NOW);
	assert_string_equal(r.completed_at, "");
	/* another organisation can not see it */
	assert_int_equal(diag_round_get(F.db, F.org2, id, &r, &e), MM_ENOTFOUND);
	assert_has(e.msg, "診断");
	assert_int_equal(diag_round_get(F.db, F.org1, id + 100, &r, &e), MM_ENOTFOUND);
	/* the draft of the respondent */
	assert_ok(diag_round_draft(F.db, F.org1, resp, &r, &e), e);
	assert_int_equal(r.id, id);
	assert_int_equal(diag_round_draft(F.db, F.org2, resp, &r, &e), MM_ENOTFOUND);
}

static void
test_answers_put_load(void **state)
{
	struct diag_sheet s;
	struct diag_notes n;
	struct err e;
	long long id = new_round(F.org1, respondent(F.org1, "a"));

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(diag_answer_put(F.db, id, 1, DIAG_YES, "メモ, with comma", &e), e);
	assert_ok(diag_answer_put(F.db, id, 9, DIAG_NA, NULL, &e), e);
	assert_ok(diag_answer_put(F.db, id, 25, DIAG_UNKNOWN, "", &e), e);
	assert_ok(diag_answers_load(F.db, id, &s, &n, &e), e);
	assert_int_equal(s.answers[0], DIAG_YES);
	assert_int_equal(s.answers[8], DIAG_NA);
	assert_int_equal(s.answers[24], DIAG_UNKNOWN);
	assert_int_equal(s.answers[1], DIAG_UNANSWERED);
	assert_string_equal(n.notes[0], "メモ, with comma");
	assert_null(n.notes[8]);
	assert_null(n.notes[24]); /* "" is no note */
	diag_notes_free(&n);
	assert_null(n.notes[0]);
	/* change, clear */
	assert_ok(diag_answer_put(F.db, id, 1, DIAG_PARTIAL, NULL, &e), e);
	assert_ok(diag_answer_put(F.db, id, 25, DIAG_UNANSWERED, NULL, &e), e);
	assert_ok(diag_answers_load(F.db, id, &s, NULL, &e), e);
	assert_int_equal(s.answers[0], DIAG_PARTIAL);
	assert_int_equal(s.answers[24], DIAG_UNANSWERED);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM diag_answer"), 2);
	/* the schema refuses an unknown answer and item 0 */
	assert_true(raw("INSERT INTO diag_answer VALUES (1, 2, 'maybe', NULL)", &e) < 0);
	assert_true(diag_answer_put(F.db, id, 0, DIAG_YES, NULL, &e) != MM_OK);
}

static void
test_completed_round_is_immutable(void **state)
{
	struct diag_round_row r;
	struct diag_sheet s;
	struct err e;
	long long resp = respondent(F.org1, "b");
	long long id = completed_round(F.org1, resp, "2024-05-02T10:00:00Z");
	char sql[256];

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(diag_round_get(F.db, F.org1, id, &r, &e), e);
	assert_true(r.completed);
	assert_int_equal(r.total, 100);
	assert_string_equal(r.band, "complete");
	assert_string_equal(r.completed_at, "2024-05-02T10:00:00Z");
	assert_int_equal(diag_round_draft(F.db, F.org1, resp, &r, &e), MM_ENOTFOUND);

	assert_int_equal(diag_answer_put(F.db, id, 1, DIAG_NO, NULL, &e), MM_EIMMUTABLE);
	assert_int_equal(diag_answer_put(F.db, id, 1, DIAG_UNANSWERED, NULL, &e),
	    MM_EIMMUTABLE);
	assert_int_equal(diag_round_complete(F.db, id, NOW, DIAG_NA_FULL, 0, "urgent", &e),
	    MM_EIMMUTABLE);
	assert_int_equal(diag_round_delete_draft(F.db, id, &e), MM_EIMMUTABLE);
	/* raw statements are refused by the schema too */
	snprintf(sql, sizeof(sql), "UPDATE diag_answer SET answer = 'no' WHERE round_id = %lld", id);
	assert_int_equal(raw(sql, &e), MM_EIMMUTABLE);
	snprintf(sql, sizeof(sql), "DELETE FROM diag_answer WHERE round_id = %lld", id);
	assert_int_equal(raw(sql, &e), MM_EIMMUTABLE);
	snprintf(sql, sizeof(sql), "INSERT INTO diag_answer VALUES (%lld, 26, 'yes', NULL)", id);
	assert_int_equal(raw(sql, &e), MM_EIMMUTABLE);
	snprintf(sql, sizeof(sql), "UPDATE diag_round SET total = 1 WHERE id = %lld", id);
	assert_int_equal(raw(sql, &e), MM_EIMMUTABLE);
	snprintf(sql, sizeof(sql), "UPDATE diag_round SET status = 'draft', completed_at = NULL"
	    " WHERE id = %lld", id);
	assert_int_equal(raw(sql, &e), MM_EIMMUTABLE);
	snprintf(sql, sizeof(sql), "DELETE FROM diag_round WHERE id = %lld", id);
	assert_int_equal(raw(sql, &e), MM_EIMMUTABLE);
	/* and nothing changed */
	assert_ok(diag_answers_load(F.db, id, &s, NULL, &e), e);
	assert_int_equal(s.answers[0], DIAG_YES);
	assert_int_equal(s.answers[25], DIAG_UNANSWERED);
	assert_ok(diag_round_get(F.db, F.org1, id, &r, &e), e);
	assert_int_equal(r.total, 100);
}

/* an answer moved from a draft into a completed round changes the
 * completed round: the schema must refuse it as well */
static void
test_answer_can_not_move_into_completed_round(void **state)
{
	struct diag_sheet s;
	struct err e;
	long long resp = respondent(F.org1, "c");
	long long done = completed_round(F.org1, resp, "2024-05-02T10:00:00Z");
	long long draft = new_round(F.org1, resp);
	char sql[256];
	int rc;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(diag_answer_put(F.db, draft, 1, DIAG_NO, "moved", &e), e);
	snprintf(sql, sizeof(sql),
	    "UPDATE diag_answer SET round_id = %lld, item_no = 26 WHERE round_id = %lld",
	    done, draft);
	rc = raw(sql, &e);
	assert_ok(diag_answers_load(F.db, done, &s, NULL, &e), e);
	if (rc != MM_EIMMUTABLE || s.answers[25] != DIAG_UNANSWERED) {
		print_error("completed round %lld gained an answer (rc %d)\n", done, rc);
		fail();
	}
}

static void
test_delete_draft(void **state)
{
	struct diag_round_row r;
	struct err e;
	long long resp = respondent(F.org1, "d"), id = new_round(F.org1, resp);

	(void)state;
	memset(&e, 0, sizeof(e));
	answer_all(id, DIAG_PARTIAL);
	assert_ok(diag_round_delete_draft(F.db, id, &e), e);
	assert_int_equal(diag_round_get(F.db, F.org1, id, &r, &e), MM_ENOTFOUND);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM diag_answer WHERE round_id"
	    " NOT IN (SELECT id FROM diag_round)"), 0);
}

static void
test_list_and_previous(void **state)
{
	struct diag_round_row *v = NULL, r;
	struct err e;
	size_t n = 99;
	long long ra = respondent(F.org1, "A"), rb = respondent(F.org1, "B");
	long long a1 = completed_round(F.org1, ra, "2024-01-01T00:00:00Z");
	long long b1 = completed_round(F.org1, rb, "2024-01-02T00:00:00Z");
	long long a2 = completed_round(F.org1, ra, "2024-02-01T00:00:00Z");
	long long ad = new_round(F.org1, ra);
	long long other = completed_round(F.org2, respondent(F.org2, "A"), NOW);

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(diag_round_list(F.db, F.org1, false, &v, &n, &e), e);
	assert_int_equal(n, 3);
	assert_int_equal(v[0].id, a1);
	assert_int_equal(v[1].id, b1);
	assert_int_equal(v[2].id, a2);
	free(v);
	assert_ok(diag_round_list(F.db, F.org1, true, &v, &n, &e), e);
	assert_int_equal(n, 4);
	assert_int_equal(v[3].id, ad);
	free(v);
	assert_ok(diag_round_list(F.db, F.org2, true, &v, &n, &e), e);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, other);
	free(v);

	assert_ok(diag_round_previous(F.db, F.org1, ra, 0, &r, &e), e);
	assert_int_equal(r.id, a2);
	assert_ok(diag_round_previous(F.db, F.org1, ra, a2, &r, &e), e);
	assert_int_equal(r.id, a1);
	assert_int_equal(diag_round_previous(F.db, F.org1, ra, a1, &r, &e), MM_ENOTFOUND);
	assert_int_equal(diag_round_previous(F.db, F.org2, ra, 0, &r, &e), MM_ENOTFOUND);
}

/* the trend's cheap read gives the completed rounds of diag_round_list,
 * in its order (by completion time, not by id), with their totals */
static void
test_totals_follow_list(void **state)
{
	struct diag_round_row *v = NULL;
	struct diag_round_total *t = NULL;
	struct err e;
	size_t n = 99, nt = 99, i;
	long long ra = respondent(F.org1, "A"), rb = respondent(F.org1, "B");
	long long a1 = completed_round(F.org1, ra, "2024-02-01T00:00:00Z");
	long long b1 = completed_round(F.org1, rb, "2024-01-01T00:00:00Z");
	long long a2 = new_round(F.org1, ra);

	(void)state;
	memset(&e, 0, sizeof(e));
	answer_all(a2, DIAG_NO);
	assert_ok(diag_round_complete(F.db, a2, "2024-03-01T00:00:00Z", DIAG_NA_FULL, 42,
	    "x", &e), e);
	new_round(F.org1, rb);
	completed_round(F.org2, respondent(F.org2, "A"), "2023-01-01T00:00:00Z");
	assert_ok(diag_round_totals(F.db, F.org1, &t, &nt, &e), e);
	assert_int_equal(nt, 3);
	assert_int_equal(t[0].id, b1);
	assert_int_equal(t[1].id, a1);
	assert_int_equal(t[2].id, a2);
	assert_string_equal(t[0].completed_at, "2024-01-01T00:00:00Z");
	assert_int_equal(t[0].total, 100);
	assert_int_equal(t[2].total, 42);
	assert_ok(diag_round_list(F.db, F.org1, false, &v, &n, &e), e);
	assert_int_equal(n, nt);
	for (i = 0; i < n; i++) {
		assert_int_equal(t[i].id, v[i].id);
		assert_string_equal(t[i].completed_at, v[i].completed_at);
		assert_int_equal(t[i].total, v[i].total);
	}
	free(v);
	free(t);
	assert_ok(diag_round_totals(F.db, 999999, &t, &nt, &e), e);
	assert_int_equal(nt, 0);
	free(t);
}

static void
test_refs_check(void **state)
{
	struct err e;
	long long resp = respondent(F.org1, "e");
	long long id = completed_round(F.org1, resp, NOW), draft = new_round(F.org1, resp);
	char sql[256], want[32];

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(diag_refs_check(F.db, CATALOG_DEFAULT, 25, &e), e);
	assert_string_equal(e.msg, "");
	/* a catalog this program does not know */
	assert_int_equal(diag_refs_check(F.db, "ipa-sme-9.9", 25, &e), MM_EINTEGRITY);
	snprintf(want, sizeof(want), "%lld", id);
	assert_has(e.msg, want);
	snprintf(sql, sizeof(sql), "UPDATE diag_round SET catalog = 'other' WHERE id = %lld", draft);
	assert_int_equal(raw(sql, &e), DB_DONE);
	assert_int_equal(diag_refs_check(F.db, CATALOG_DEFAULT, 25, &e), MM_EINTEGRITY);
	snprintf(want, sizeof(want), "%lld", draft);
	assert_has(e.msg, want);
	assert_has(e.msg, "other");
	snprintf(sql, sizeof(sql), "UPDATE diag_round SET catalog = '%s' WHERE id = %lld",
	    CATALOG_DEFAULT, draft);
	assert_int_equal(raw(sql, &e), DB_DONE);
	/* an item beyond the catalog's */
	assert_ok(diag_answer_put(F.db, draft, 26, DIAG_YES, NULL, &e), e);
	assert_int_equal(diag_refs_check(F.db, CATALOG_DEFAULT, 25, &e), MM_EINTEGRITY);
	assert_has(e.msg, "26");
	assert_ok(diag_refs_check(F.db, CATALOG_DEFAULT, 26, &e), e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_respondents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_roundtrip_and_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers_put_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_completed_round_is_immutable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answer_can_not_move_into_completed_round,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_delete_draft, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_and_previous, setup, teardown),
		cmocka_unit_test_setup_teardown(test_totals_follow_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refs_check, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
