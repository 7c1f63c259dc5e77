/* test_backup.c — online backup and checked restore
 * (app/backup_service.h): a backup restores to the same content; a
 * restore is refused for a file that is not a database, a database whose
 * audit log was tampered with, and one that references what the catalog
 * does not have. */
#include "support/mm_test.h"

#include <sys/stat.h>

#include "app/backup_service.h"
#include "app/diag_service.h"
#include "store/migrate.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/sha256.h"

#define DBFILE "live.db"
#define BACKUP "backup.db"

static struct app A;
static struct org O;
static long long done_id, draft_id;

static void
rm(const char *path)
{
	char side[256];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-journal", path);
	unlink(side);
}

/* a database with an organisation, a completed round and a draft */
static int
setup(void **state)
{
	struct diag_input in;
	struct diag_round_row r;
	struct err e;
	bool resumed;
	int no;

	(void)state;
	memset(&e, 0, sizeof(e));
	setenv("MAMORI_FAKE_NOW", "2024-07-01T08:00:00Z", 1);
	rm(BACKUP);
	rm("copy.db");
	rm("restored.db");
	rm("other.db");
	mmt_app_open(&A, DBFILE);
	mmt_org(&A, "バックアップ株式会社", &O);
	memset(&in, 0, sizeof(in));
	for (no = 1; no <= 25; no++)
		in.sheet.answers[no - 1] = no == 3 ? DIAG_PARTIAL : DIAG_YES;
	in.notes.notes[2] = strdup("来月までに");
	assert_ok(diag_record(&A, &O, "全社", &in, &done_id, &e), e);
	diag_input_free(&in);
	assert_ok(diag_draft_start(&A, &O, "総務部", "department", &r, &resumed, &e), e);
	draft_id = r.id;
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

static void
file_hash(const char *path, char out[SHA256_HEX_LEN])
{
	struct buf b;
	struct err e;

	memset(&e, 0, sizeof(e));
	buf_init(&b, 0);
	assert_ok(file_read_all(path, 64u * 1024 * 1024, &b, &e), e);
	sha256_hex(b.data, b.len, out);
	buf_free(&b);
}

static void
copy_file(const char *from, const char *to)
{
	struct buf b;
	struct err e;
	FILE *f;

	memset(&e, 0, sizeof(e));
	buf_init(&b, 0);
	assert_ok(file_read_all(from, 64u * 1024 * 1024, &b, &e), e);
	rm(to);
	f = fopen(to, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b.data, 1, b.len, f), b.len);
	fclose(f);
	buf_free(&b);
}

struct progress {
	int calls, done, total;
};

static void
on_progress(void *ctx, int done, int total)
{
	struct progress *p = ctx;

	p->calls++;
	p->done = done;
	p->total = total;
}

static void
make_backup(void)
{
	struct progress p = { 0, 0, 0 };
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(backup_create(&A, BACKUP, on_progress, &p, &e), e);
	assert_true(p.calls > 0);
	assert_true(p.total > 0);
	assert_int_equal(p.done, p.total);
}

/* restore_check must refuse PATH with CODE and a message holding NEED,
 * without changing the file */
static void
check_refused(const char *path, enum mm_err code, const char *need)
{
	struct restore_report rep;
	struct err e;
	char before[SHA256_HEX_LEN], after[SHA256_HEX_LEN];
	enum mm_err rc;

	memset(&e, 0, sizeof(e));
	file_hash(path, before);
	rc = restore_check(A.cat, path, &rep, &e);
	if (rc != code) {
		print_error("restore_check(%s) = %s, want %s: %s\n", path, err_code_name(rc),
		    err_code_name(code), e.msg);
		fail();
	}
	if (need != NULL)
		assert_has(e.msg, need);
	file_hash(path, after);
	assert_string_equal(before, after);
}

static void
test_backup_and_check(void **state)
{
	struct restore_report rep;
	struct stat sb;
	struct err e;
	char h1[SHA256_HEX_LEN], h2[SHA256_HEX_LEN];
	long long n = mmt_audit_count(A.db);

	(void)state;
	memset(&e, 0, sizeof(e));
	make_backup();
	/* one self-contained file */
	assert_int_equal(stat(BACKUP "-wal", &sb), -1);
	file_hash(BACKUP, h1);
	assert_ok(restore_check(A.cat, BACKUP, &rep, &e), e);
	assert_int_equal(rep.schema_version, migrate_latest());
	assert_int_equal(rep.audit_records, n);
	assert_int_equal(rep.orgs, 1);
	/* checking changes nothing */
	file_hash(BACKUP, h2);
	assert_string_equal(h1, h2);
	/* the backup does not count as a change of the live database */
	assert_int_equal(mmt_audit_count(A.db), n);
}

static void
test_backup_never_overwrites(void **state)
{
	struct err e;
	char h1[SHA256_HEX_LEN], h2[SHA256_HEX_LEN];

	(void)state;
	memset(&e, 0, sizeof(e));
	make_backup();
	file_hash(BACKUP, h1);
	assert_int_equal(backup_create(&A, BACKUP, NULL, NULL, &e), MM_ECONFLICT);
	assert_has(e.msg, BACKUP);
	file_hash(BACKUP, h2);
	assert_string_equal(h1, h2);
	assert_true(backup_create(&A, "no/such/dir/b.db", NULL, NULL, &e) != MM_OK);
}

static void
test_round_trip(void **state)
{
	struct app b;
	struct org o2;
	struct diag_round_view v;
	struct err e;
	long long n = mmt_audit_count(A.db);

	(void)state;
	memset(&e, 0, sizeof(e));
	make_backup();
	/* the live database moves on after the backup */
	mmt_org(&A, "後から作った組織", &o2);
	/* into a new file */
	assert_ok(restore_apply("restored.db", BACKUP, "test:restore", &e), e);
	assert_ok(app_open(&b, "restored.db", false, "test", &e), e);
	assert_int_equal(mmt_audit_count(b.db), n + 1); /* + the restore itself */
	assert_int_equal(mmt_sql_int("restored.db",
	    "SELECT count(*) FROM audit_log WHERE action = 'backup.restore'"
	    " AND actor = 'test:restore'"), 1);
	assert_ok(diag_round_load(&b, &O, done_id, &v, &e), e);
	assert_true(v.row.completed);
	assert_int_equal(v.row.total, 98);
	assert_string_equal(v.notes.notes[2], "来月までに");
	diag_round_view_free(&v);
	assert_ok(diag_round_load(&b, &O, draft_id, &v, &e), e);
	assert_false(v.row.completed);
	diag_round_view_free(&v);
	assert_int_equal(mmt_sql_int("restored.db", "SELECT count(*) FROM org"), 1);
	app_close(&b);

	/* over an existing database: its content is replaced */
	app_close(&A);
	assert_ok(restore_apply(DBFILE, BACKUP, "test:restore", &e), e);
	assert_ok(app_open(&A, DBFILE, false, "test", &e), e);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM org"), 1);
	assert_int_equal(mmt_audit_count(A.db), n + 1);
}

static void
test_refuses_non_database(void **state)
{
	FILE *f;

	(void)state;
	f = fopen("notes.txt", "w");
	assert_non_null(f);
	fputs("this is a text file and not a database at all; it is long enough to be"
	    " read as a header by anyone who tries.\n", f);
	fclose(f);
	check_refused("notes.txt", MM_EDB, "notes.txt");
	f = fopen("empty.db", "w");
	assert_non_null(f);
	fclose(f);
	check_refused("empty.db", MM_ESCHEMA, "empty.db");
	/* a database, but not a mamori one */
	{
		sqlite3 *h;
		assert_int_equal(sqlite3_open("other.db", &h), SQLITE_OK);
		assert_int_equal(sqlite3_exec(h, "CREATE TABLE t (x); INSERT INTO t VALUES (1)",
		    NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(h);
	}
	check_refused("other.db", MM_ESCHEMA, "other.db");
	{
		struct restore_report rep;
		struct err e;
		memset(&e, 0, sizeof(e));
		assert_int_equal(restore_check(A.cat, "missing.db", &rep, &e), MM_ENOTFOUND);
		assert_has(e.msg, "missing.db");
	}
}

static void
test_refuses_truncated_file(void **state)
{
	struct buf b;
	struct err e;
	FILE *f;

	(void)state;
	memset(&e, 0, sizeof(e));
	make_backup();
	buf_init(&b, 0);
	assert_ok(file_read_all(BACKUP, 64u * 1024 * 1024, &b, &e), e);
	assert_true(b.len > 8192);
	f = fopen("cut.db", "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b.data, 1, b.len / 2, f), b.len / 2);
	fclose(f);
	buf_free(&b);
	{
		struct restore_report rep;
		assert_true(restore_check(A.cat, "cut.db", &rep, &e) != MM_OK);
	}
}

static void
test_refuses_tampered_audit_log(void **state)
{
	(void)state;
	make_backup();
	copy_file(BACKUP, "copy.db");
	mmt_sql("copy.db", "DROP TRIGGER audit_log_no_update;"
	    " UPDATE audit_log SET actor = 'mallory' WHERE id = 2");
	check_refused("copy.db", MM_EINTEGRITY, "監査ログ");
	copy_file(BACKUP, "copy.db");
	mmt_sql("copy.db", "DROP TRIGGER audit_log_no_delete;"
	    " DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)");
	check_refused("copy.db", MM_EINTEGRITY, "監査ログ");
	copy_file(BACKUP, "copy.db");
	mmt_sql("copy.db", "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 1");
	check_refused("copy.db", MM_EINTEGRITY, "監査ログ");
}

static void
test_refuses_unknown_references(void **state)
{
	char sql[256], want[32];

	(void)state;
	make_backup();
	/* a round of a catalog this program does not have */
	copy_file(BACKUP, "copy.db");
	snprintf(sql, sizeof(sql), "UPDATE diag_round SET catalog = 'ipa-sme-9.9' WHERE id = %lld",
	    draft_id);
	mmt_sql("copy.db", sql);
	snprintf(want, sizeof(want), "%lld", draft_id);
	check_refused("copy.db", MM_EINTEGRITY, want);
	/* also for a completed round (the attacker drops the trigger) */
	copy_file(BACKUP, "copy.db");
	snprintf(sql, sizeof(sql), "DROP TRIGGER diag_round_immutable;"
	    " UPDATE diag_round SET catalog = 'ipa-sme-9.9' WHERE id = %lld", done_id);
	mmt_sql("copy.db", sql);
	snprintf(want, sizeof(want), "%lld", done_id);
	check_refused("copy.db", MM_EINTEGRITY, want);
	/* an answer to an item the catalog does not have */
	copy_file(BACKUP, "copy.db");
	snprintf(sql, sizeof(sql), "INSERT INTO diag_answer VALUES (%lld, 26, 'yes', NULL)",
	    draft_id);
	mmt_sql("copy.db", sql);
	check_refused("copy.db", MM_EINTEGRITY, "26");
	/* an industry the catalog does not have */
	copy_file(BACKUP, "copy.db");
	mmt_sql("copy.db", "UPDATE org SET industry = 'jsic-zz'");
	check_refused("copy.db", MM_EINTEGRITY, "jsic-zz");
	/* a schema newer than this program */
	copy_file(BACKUP, "copy.db");
	mmt_sql("copy.db", "INSERT INTO schema_migration VALUES (999, '999_x.sql', 'now')");
	check_refused("copy.db", MM_ESCHEMA, NULL);
}

/* restore_apply of something that is not a database leaves the target
 * as it was */
static void
test_failed_restore_keeps_target(void **state)
{
	struct err e;
	FILE *f;
	long long n;

	(void)state;
	memset(&e, 0, sizeof(e));
	n = mmt_audit_count(A.db);
	app_close(&A);
	f = fopen("junk.db", "w");
	assert_non_null(f);
	for (int i = 0; i < 200; i++)
		fputs("junk junk junk junk junk junk junk junk junk junk\n", f);
	fclose(f);
	assert_true(restore_apply(DBFILE, "junk.db", "test", &e) != MM_OK);
	assert_true(strlen(e.msg) > 0);
	assert_ok(app_open(&A, DBFILE, false, "test", &e), e);
	assert_int_equal(mmt_audit_count(A.db), n);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM org"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_backup_and_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_never_overwrites, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_non_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_truncated_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_tampered_audit_log, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_unknown_references, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_restore_keeps_target, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
