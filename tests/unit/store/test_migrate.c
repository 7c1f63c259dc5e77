/* test_migrate.c — the schema migrations (store/migrate.h): a fresh
 * database gets the newest schema; a failing migration keeps nothing and
 * names itself; a database newer than the program is refused. */
#include "support/mm_test.h"

#include "store/db.h"
#include "store/migrate.h"
#include "util/embed.h"
#include "util/text.h"

#define MAXSET 64

#define DBFILE "migrate.db"

static int
setup(void **state)
{
	(void)state;
	unlink(DBFILE);
	unlink(DBFILE "-wal");
	unlink(DBFILE "-shm");
	return 0;
}

static struct db *
open_db(void)
{
	struct db *db = NULL;
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(db_open(DBFILE, DB_OPEN_CREATE, &db, &e), e);
	return db;
}

/* the whole schema as text, to compare before and after */
static char *
schema_of(struct db *db)
{
	struct db_stmt *st;
	struct err e;
	size_t len = 0;
	char *s = calloc(1, 1);
	int rc;

	memset(&e, 0, sizeof(e));
	assert_ok(db_prepare(db, "SELECT type || ' ' || name || ' ' || coalesce(sql, '')"
	    " FROM sqlite_master ORDER BY type, name", &st, &e), e);
	while ((rc = db_step(st, &e)) == DB_ROW) {
		const char *row = db_col_text(st, 0);
		char *n = realloc(s, len + strlen(row) + 2);
		assert_non_null(n);
		s = n;
		memcpy(s + len, row, strlen(row));
		len += strlen(row);
		s[len++] = '\n';
		s[len] = '\0';
	}
	assert_int_equal(rc, DB_DONE);
	db_finalize(st);
	return s;
}

static int
version_of(struct db *db)
{
	struct err e;
	int v = -1;

	memset(&e, 0, sizeof(e));
	assert_ok(migrate_version(db, &v, &e), e);
	return v;
}

/* the embedded migrations, in version order, into OUT; returns their
 * count (which must be migrate_latest(), numbered 1..N) */
static size_t
real_set(struct migration *out, size_t max)
{
	const struct embed_file *f;
	size_t n = 0;
	int v;

	for (v = 1; v <= migrate_latest(); v++)
		for (f = embed_files; f->name != NULL; f++) {
			const char *base = f->name + strlen("migrations/");
			char num[16];
			if (!text_has_prefix(f->name, "migrations/") || strlen(base) < 5)
				continue;
			snprintf(num, sizeof(num), "%03d", v);
			if (strncmp(base, num, 3) != 0 || base[3] != '_')
				continue;
			assert_true(n < max);
			out[n].version = v;
			out[n].name = base;
			out[n].sql = (const char *)f->data;
			n++;
		}
	assert_int_equal(n, (size_t)migrate_latest());
	return n;
}

static void
test_fresh_database(void **state)
{
	struct db *db = open_db();
	struct err e;
	int applied = -1;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_true(migrate_latest() >= 1);
	assert_int_equal(version_of(db), 0);
	assert_int_equal(migrate_check(db, &e), MM_ESCHEMA);
	assert_has(e.msg, DBFILE);
	assert_ok(migrate_apply(db, &applied, &e), e);
	assert_int_equal(applied, migrate_latest());
	assert_int_equal(version_of(db), migrate_latest());
	assert_ok(migrate_check(db, &e), e);
	/* a second run does nothing */
	assert_ok(migrate_apply(db, &applied, &e), e);
	assert_int_equal(applied, 0);
	assert_ok(migrate_apply(db, NULL, &e), e);
	db_close(db);
	/* the tables the code relies on are there */
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM sqlite_master WHERE"
	    " name IN ('org', 'respondent', 'diag_round', 'diag_answer', 'audit_log',"
	    " 'audit_head', 'schema_migration')"), 7);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM audit_head"), 1);
	assert_int_equal(mmt_sql_int(DBFILE,
	    "SELECT count(*) FROM schema_migration WHERE name = '001_initial.sql'"), 1);
}

static void
test_failing_first_migration_keeps_nothing(void **state)
{
	struct migration set[MAXSET];
	struct db *db = open_db();
	struct err e;
	int applied = -1, L = migrate_latest();
	size_t n = real_set(set, MAXSET - 1);
	char *before, *after, name[64];

	(void)state;
	memset(&e, 0, sizeof(e));
	snprintf(name, sizeof(name), "%03d_broken.sql", L + 1);
	set[n].version = L + 1;
	set[n].name = name;
	set[n].sql = "CREATE TABLE extra (x INTEGER);\n"
	    "CREATE TABLE org (again TEXT);\n";  /* org exists: fails */
	before = schema_of(db);
	assert_int_equal(migrate_apply_set(db, set, n + 1, &applied, &e), MM_ESCHEMA);
	assert_int_equal(applied, 0);
	assert_has(e.msg, name);
	/* the real ones ran in the same transaction: they are gone too */
	assert_int_equal(version_of(db), 0);
	after = schema_of(db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	db_close(db);
}

static void
test_failing_later_migration_keeps_schema(void **state)
{
	struct migration set[MAXSET];
	struct db *db = open_db();
	struct err e;
	int applied = -1, L = migrate_latest();
	size_t n = real_set(set, MAXSET - 2);
	char *before, *after, good[64], bad[64];

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(migrate_apply(db, NULL, &e), e);
	mmt_sql(DBFILE, "INSERT INTO org (slug, name, created_at)"
	    " VALUES ('acme', 'ACME', '2024-01-01T00:00:00Z')");
	snprintf(good, sizeof(good), "%03d_add_column.sql", L + 1);
	snprintf(bad, sizeof(bad), "%03d_bad_sql.sql", L + 2);
	set[n].version = L + 1;
	set[n].name = good;
	set[n].sql = "ALTER TABLE org ADD COLUMN motto TEXT;\n"
	    "UPDATE org SET name = 'changed';\n";
	set[n + 1].version = L + 2;
	set[n + 1].name = bad;
	set[n + 1].sql = "CREATE TABLE fine (x);\nINSERT INTO no_such_table VALUES (1);\n";
	before = schema_of(db);
	assert_int_equal(migrate_apply_set(db, set, n + 2, &applied, &e), MM_ESCHEMA);
	assert_int_equal(applied, 0);
	assert_has(e.msg, bad);
	assert_has(e.msg, "no_such_table");
	assert_lacks(e.msg, good);
	/* neither new one is kept: schema, version and data as before */
	assert_int_equal(version_of(db), L);
	after = schema_of(db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	assert_int_equal(mmt_sql_int(DBFILE,
	    "SELECT count(*) FROM org WHERE name = 'ACME'"), 1);
	/* the database still works and migrates once the bad one is fixed */
	set[n + 1].sql = "CREATE TABLE fine (x);\n";
	assert_ok(migrate_apply_set(db, set, n + 2, &applied, &e), e);
	assert_int_equal(applied, 2);
	assert_int_equal(version_of(db), L + 2);
	assert_int_equal(mmt_sql_int(DBFILE,
	    "SELECT count(*) FROM org WHERE name = 'changed'"), 1);
	db_close(db);
}

static void
test_syntax_error_names_migration(void **state)
{
	struct migration set[MAXSET];
	struct db *db = open_db();
	struct err e;
	int L = migrate_latest();
	size_t n = real_set(set, MAXSET - 1);
	char name[64];

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(migrate_apply(db, NULL, &e), e);
	snprintf(name, sizeof(name), "%03d_typo.sql", L + 1);
	set[n].version = L + 1;
	set[n].name = name;
	set[n].sql = "CREAT TABLE t (x);";
	assert_int_equal(migrate_apply_set(db, set, n + 1, NULL, &e), MM_ESCHEMA);
	assert_has(e.msg, name);
	assert_int_equal(version_of(db), L);
	db_close(db);
}

static void
test_newer_database_refused(void **state)
{
	struct migration set[MAXSET];
	struct db *db = open_db();
	struct app a;
	struct err e;
	int L = migrate_latest();
	size_t n = real_set(set, MAXSET - 1);
	char *before, *after, name[64];

	(void)state;
	memset(&e, 0, sizeof(e));
	snprintf(name, sizeof(name), "%03d_future.sql", L + 1);
	set[n].version = L + 1;
	set[n].name = name;
	set[n].sql = "CREATE TABLE future (x);";
	assert_ok(migrate_apply_set(db, set, n + 1, NULL, &e), e);
	assert_int_equal(version_of(db), L + 1);
	/* this program only knows up to L: refused, nothing changed */
	before = schema_of(db);
	assert_int_equal(migrate_check(db, &e), MM_ESCHEMA);
	assert_int_equal(migrate_apply(db, NULL, &e), MM_ESCHEMA);
	after = schema_of(db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	db_close(db);
	mmt_sql(DBFILE, "INSERT INTO schema_migration VALUES (999, '999_x.sql', 'now')");
	db = open_db();
	assert_int_equal(migrate_check(db, &e), MM_ESCHEMA);
	assert_has(e.msg, "999");
	assert_int_equal(migrate_apply(db, NULL, &e), MM_ESCHEMA);
	assert_has(e.msg, "999");
	db_close(db);
	/* a service refuses to start on it, and leaves nothing open */
	memset(&a, 0x5a, sizeof(a));
	assert_int_equal(app_open(&a, DBFILE, false, "test", &e), MM_ESCHEMA);
	assert_null(a.db);
	assert_null(a.cat);
}

/* a database one migration behind is reported by migrate_check and
 * brought up to date by migrate_apply */
static void
test_older_database_upgraded(void **state)
{
	struct migration set[MAXSET];
	struct db *db = open_db();
	struct err e;
	int applied = -1, L = migrate_latest();
	size_t n = real_set(set, MAXSET);

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(migrate_apply_set(db, set, n - 1, NULL, &e), e);
	assert_int_equal(version_of(db), L - 1);
	if (L > 1) {
		assert_int_equal(migrate_check(db, &e), MM_ESCHEMA);
		assert_ok(migrate_apply(db, &applied, &e), e);
		assert_int_equal(applied, 1);
	}
	assert_ok(migrate_check(db, &e), e);
	db_close(db);
}

static void
test_open_modes(void **state)
{
	struct db *db = (struct db *)&db;
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_int_equal(db_open("missing.db", DB_OPEN_EXISTING, &db, &e), MM_ENOTFOUND);
	assert_null(db);
	assert_has(e.msg, "missing.db");
	assert_int_equal(db_open("missing.db", DB_OPEN_READONLY, &db, &e), MM_ENOTFOUND);
	assert_int_equal(access("missing.db", F_OK), -1); /* nothing created */
	/* a read-only handle can not be migrated, and says so */
	db = open_db();
	db_close(db);
	assert_ok(db_open(DBFILE, DB_OPEN_READONLY, &db, &e), e);
	assert_true(migrate_apply(db, NULL, &e) != MM_OK);
	assert_true(strlen(e.msg) > 0);
	assert_int_equal(version_of(db), 0);
	db_close(db);
	/* a file that is not a database */
	{
		FILE *f = fopen("text.db", "w");
		assert_non_null(f);
		fputs("this is not a database, just some text that is long enough\n", f);
		fclose(f);
	}
	db = NULL;
	if (db_open("text.db", DB_OPEN_EXISTING, &db, &e) == MM_OK) {
		int v;
		assert_true(migrate_version(db, &v, &e) != MM_OK);
		db_close(db);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_fresh_database, setup),
		cmocka_unit_test_setup(test_failing_first_migration_keeps_nothing, setup),
		cmocka_unit_test_setup(test_failing_later_migration_keeps_schema, setup),
		cmocka_unit_test_setup(test_syntax_error_names_migration, setup),
		cmocka_unit_test_setup(test_newer_database_refused, setup),
		cmocka_unit_test_setup(test_older_database_upgraded, setup),
		cmocka_unit_test_setup(test_open_modes, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
