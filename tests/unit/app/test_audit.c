/* test_audit.c — the hash-chained audit log (app/audit.h): records are
 * chained, and audit_verify finds an edited record, a record deleted in
 * the middle, a removed tail and a forged one. The attacker works on the
 * database file through a second sqlite3 connection and first drops the
 * triggers that refuse UPDATE and DELETE. */
#include "support/mm_test.h"

#include "app/audit.h"
#include "store/audit_store.h"
#include "util/sha256.h"

#define DBFILE "audit.db"
#define NOW "2024-06-01T12:00:00Z"
#define DROP_TRIGGERS "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"

static struct app A;

static int
setup(void **state)
{
	(void)state;
	setenv("MAMORI_FAKE_NOW", NOW, 1);
	mmt_app_open(&A, DBFILE);
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

/* N records: org 1 for even ids, none for odd ones */
static void
write_records(int n)
{
	struct err e;
	int i;

	memset(&e, 0, sizeof(e));
	for (i = 1; i <= n; i++) {
		json_t *before = i > 1 ? json_pack("{si}", "n", i - 1) : NULL;
		json_t *after = json_pack("{sisssb}", "n", i, "名前", "テスト", "z", 1);
		char obj[32];
		snprintf(obj, sizeof(obj), "thing:%d", i);
		assert_ok(app_begin(&A, &e), e);
		assert_ok(audit_record(&A, i % 2 ? 0 : 1, "test.change", obj, before, after,
		    &e), e);
		assert_ok(app_commit(&A, &e), e);
		json_decref(before);
		json_decref(after);
	}
}

static struct audit_verify_result
verify(void)
{
	struct audit_verify_result r;
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(audit_verify(A.db, &r, &e), e);
	return r;
}

static void
expect_broken(long long id, const char *reason_has)
{
	struct audit_verify_result r = verify();
	char num[32];

	if (r.broken_id != id) {
		print_error("broken_id %lld, want %lld (%s)\n", r.broken_id, id, r.reason);
		fail();
	}
	assert_true(strlen(r.reason) > 0);
	snprintf(num, sizeof(num), "%lld", id);
	assert_has(r.reason, num);
	if (reason_has != NULL)
		assert_has(r.reason, reason_has);
}

/* the rows as audit_store_each gives them */
struct rows {
	int n;
	long long id[16], org[16];
	char prev[16][SHA256_HEX_LEN], hash[16][SHA256_HEX_LEN];
	char actor[16][64], after[16][128], at[16][CLOCK_ISO_LEN];
	bool before_null[16];
};

static int
collect(void *ctx, const struct audit_row *r)
{
	struct rows *w = ctx;
	int i = w->n++;

	w->id[i] = r->id;
	w->org[i] = r->org_id;
	memcpy(w->prev[i], r->prev_hash, SHA256_HEX_LEN);
	memcpy(w->hash[i], r->hash, SHA256_HEX_LEN);
	snprintf(w->actor[i], sizeof(w->actor[i]), "%s", r->actor);
	snprintf(w->after[i], sizeof(w->after[i]), "%s", r->after ? r->after : "");
	snprintf(w->at[i], sizeof(w->at[i]), "%s", r->at);
	w->before_null[i] = r->before == NULL;
	return 0;
}

/* the hash of one row, the way an attacker who read audit.c would
 * compute it */
static void
rehash(const struct audit_row *r, char out[SHA256_HEX_LEN])
{
	json_t *v = json_pack("[Isso?sss?s?s]", (json_int_t)r->id, r->at, r->actor,
	    r->org_id > 0 ? json_integer(r->org_id) : NULL, r->action, r->object,
	    r->before, r->after, r->prev_hash);
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII);

	sha256_hex(s, strlen(s), out);
	free(s);
	json_decref(v);
}

static void
test_empty_log(void **state)
{
	struct audit_verify_result r = verify();

	(void)state;
	assert_int_equal(r.records, 0);
	assert_int_equal(r.broken_id, 0);
}

static void
test_chain(void **state)
{
	struct rows w;
	struct err e;
	int i;

	(void)state;
	memset(&w, 0, sizeof(w));
	memset(&e, 0, sizeof(e));
	write_records(5);
	assert_int_equal(mmt_audit_count(A.db), 5);
	assert_ok(audit_store_each(A.db, collect, &w, NULL, &e), e);
	assert_int_equal(w.n, 5);
	assert_string_equal(w.prev[0], "");
	for (i = 0; i < 5; i++) {
		assert_int_equal(w.id[i], i + 1);
		assert_int_equal(strlen(w.hash[i]), 64);
		if (i > 0)
			assert_string_equal(w.prev[i], w.hash[i - 1]);
		assert_string_equal(w.actor[i], "test:unit");
		assert_string_equal(w.at[i], NOW);
		assert_int_equal(w.org[i], (i + 1) % 2 ? 0 : 1);
		assert_int_equal(w.before_null[i], i == 0);
	}
	/* the JSON is stored compact with sorted keys */
	assert_string_equal(w.after[0], "{\"n\":1,\"z\":true,\"名前\":\"テスト\"}");
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM audit_log WHERE org_id IS NULL"), 3);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count FROM audit_head"), 5);
}

static void
test_rolled_back_record_leaves_nothing(void **state)
{
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	write_records(2);
	assert_ok(app_begin(&A, &e), e);
	assert_ok(audit_record(&A, 0, "test.lost", "x", NULL, NULL, &e), e);
	app_rollback(&A);
	assert_int_equal(mmt_audit_count(A.db), 2);
	write_records(1);
	assert_int_equal(mmt_audit_count(A.db), 3);
}

static void
test_triggers_refuse_changes(void **state)
{
	struct db_stmt *st;
	struct err e;
	char msg[256];

	(void)state;
	memset(&e, 0, sizeof(e));
	write_records(3);
	assert_int_not_equal(mmt_sql_rc(DBFILE, "UPDATE audit_log SET actor = 'x' WHERE id = 2",
	    msg, sizeof(msg)), SQLITE_OK);
	assert_has(msg, "immutable");
	assert_int_not_equal(mmt_sql_rc(DBFILE, "DELETE FROM audit_log WHERE id = 3",
	    msg, sizeof(msg)), SQLITE_OK);
	assert_ok(db_prepare(A.db, "DELETE FROM audit_log", &st, &e), e);
	assert_int_equal(db_step(st, &e), MM_EIMMUTABLE);
	db_finalize(st);
	assert_int_equal(mmt_audit_count(A.db), 3);
}

static void
test_edited_record(void **state)
{
	(void)state;
	write_records(5);
	mmt_sql(DBFILE, DROP_TRIGGERS "UPDATE audit_log SET actor = 'mallory' WHERE id = 3");
	expect_broken(3, NULL);
}

static void
test_edited_fields(void **state)
{
	static const char *const edits[] = {
		"UPDATE audit_log SET after = '{\"n\":20,\"z\":true,\"名前\":\"テスト\"}' WHERE id = 2",
		"UPDATE audit_log SET before = NULL WHERE id = 2",
		"UPDATE audit_log SET org_id = 7 WHERE id = 2",
		"UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE id = 2",
		"UPDATE audit_log SET action = 'test.other' WHERE id = 2",
		"UPDATE audit_log SET object = 'thing:9' WHERE id = 2",
		"UPDATE audit_log SET hash = '00' || substr(hash, 3) WHERE id = 2",
	};
	size_t i;

	(void)state;
	write_records(3);
	mmt_sql(DBFILE, DROP_TRIGGERS "CREATE TABLE saved AS SELECT * FROM audit_log WHERE id = 2");
	for (i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		mmt_sql(DBFILE, edits[i]);
		expect_broken(2, NULL);
		mmt_sql(DBFILE, "DELETE FROM audit_log WHERE id = 2;"
		    " INSERT INTO audit_log SELECT * FROM saved");
		assert_int_equal(mmt_audit_count(A.db), 3);
	}
}

/* the attacker edits record 3 and gives it a matching hash: record 4,
 * which carries the old hash, gives it away */
static void
test_edited_and_rehashed_record(void **state)
{
	struct rows w;
	struct audit_row r;
	struct err e;
	char h[SHA256_HEX_LEN], sql[512];

	(void)state;
	memset(&w, 0, sizeof(w));
	memset(&e, 0, sizeof(e));
	write_records(5);
	assert_ok(audit_store_each(A.db, collect, &w, NULL, &e), e);
	memset(&r, 0, sizeof(r));
	r.id = 3;
	snprintf(r.at, sizeof(r.at), "%s", NOW);
	r.actor = "mallory";
	r.org_id = 0;
	r.action = "test.change";
	r.object = "thing:3";
	r.before = "{\"n\":2}";
	r.after = w.after[2];
	memcpy(r.prev_hash, w.prev[2], SHA256_HEX_LEN);
	/* the recipe is right: unchanged, it gives the stored hash */
	r.actor = "test:unit";
	rehash(&r, h);
	assert_string_equal(h, w.hash[2]);
	r.actor = "mallory";
	rehash(&r, h);
	snprintf(sql, sizeof(sql), DROP_TRIGGERS
	    "UPDATE audit_log SET actor = 'mallory', hash = '%s' WHERE id = 3", h);
	mmt_sql(DBFILE, sql);
	expect_broken(4, NULL);
}

static void
test_deleted_middle_record(void **state)
{
	(void)state;
	write_records(5);
	mmt_sql(DBFILE, DROP_TRIGGERS "DELETE FROM audit_log WHERE id = 3");
	expect_broken(3, "4");
}

static void
test_deleted_first_record(void **state)
{
	(void)state;
	write_records(3);
	mmt_sql(DBFILE, DROP_TRIGGERS "DELETE FROM audit_log WHERE id = 1");
	expect_broken(1, NULL);
}

/* renumbering after a deletion does not hide it */
static void
test_deleted_and_renumbered(void **state)
{
	(void)state;
	write_records(5);
	mmt_sql(DBFILE, DROP_TRIGGERS "DELETE FROM audit_log WHERE id = 3;"
	    " UPDATE audit_log SET id = id - 1 WHERE id > 3");
	assert_true(verify().broken_id != 0);
}

static void
test_removed_tail(void **state)
{
	(void)state;
	write_records(5);
	mmt_sql(DBFILE, DROP_TRIGGERS "DELETE FROM audit_log WHERE id = 5");
	expect_broken(5, NULL);
	assert_int_equal(verify().records, 4);
	mmt_sql(DBFILE, "DELETE FROM audit_log WHERE id >= 3");
	expect_broken(3, NULL);
	mmt_sql(DBFILE, "DELETE FROM audit_log");
	expect_broken(1, NULL);
}

static void
test_head_removed_or_changed(void **state)
{
	(void)state;
	write_records(2);
	mmt_sql(DBFILE, "UPDATE audit_head SET count = 3");
	assert_true(verify().broken_id != 0);
	mmt_sql(DBFILE, "UPDATE audit_head SET count = 2, last_hash = 'x'");
	assert_true(verify().broken_id != 0);
	mmt_sql(DBFILE, "DELETE FROM audit_head");
	assert_int_equal(verify().broken_id, 1);
	assert_has(verify().reason, "先頭");
}

static void
test_forged_record_appended(void **state)
{
	(void)state;
	write_records(3);
	mmt_sql(DBFILE, "INSERT INTO audit_log SELECT 4, at, actor, org_id, action, object,"
	    " before, after, hash, hash FROM audit_log WHERE id = 3;"
	    " UPDATE audit_head SET count = 4, last_hash = (SELECT hash FROM audit_log WHERE id = 3)");
	expect_broken(4, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_empty_log, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rolled_back_record_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_triggers_refuse_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edited_record, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edited_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edited_and_rehashed_record, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deleted_middle_record, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deleted_first_record, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deleted_and_renumbered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_removed_tail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_head_removed_or_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forged_record_appended, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
