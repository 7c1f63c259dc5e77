/* test_pledge.c — the 5か条 use cases (app/pledge_service.h) on a
 * temporary database: the status of each principle (todo, doing, done)
 * with its note, the pledge (★) made and withdrawn, the view and its
 * count of principles done; a bad principle, status or note is refused
 * with nothing written. Every write adds exactly one audit record. */
#include "support/mm_web.h"

#include "app/pledge_service.h"

#define DBFILE "pledge.db"
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

static long long
audits(void)
{
	return mmt_audit_count(A.db);
}

static long long
rows(void)
{
	return mmt_sql_int(DBFILE, "SELECT count(*) FROM pledge_status");
}

static json_t *
view(const struct org *o, enum lang lang)
{
	struct err e;
	json_t *v;

	memset(&e, 0, sizeof(e));
	v = pledge_view(&A, o, lang, &e);
	if (v == NULL) {
		print_error("pledge_view: %s\n", e.msg);
		fail();
	}
	return v;
}

/* the item ID of view V */
static json_t *
item(json_t *v, const char *id)
{
	json_t *items = json_object_get(v, "items"), *it;
	size_t i;

	json_array_foreach(items, i, it)
		if (strcmp(json_string_value(json_object_get(it, "id")), id) == 0)
			return it;
	print_error("no item %s\n", id);
	fail();
	return NULL;
}

static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static long long
num(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	assert_true(json_is_integer(v));
	return (long long)json_integer_value(v);
}

static void
set(const struct org *o, const char *id, const char *status, const char *note)
{
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(pledge_set_status(&A, o, id, status, note, &e), e);
}

static void
test_view_empty(void **state)
{
	json_t *v = view(&O, LANG_JA), *it;
	size_t i;
	char id[32];

	(void)state;
	assert_false(json_is_true(json_object_get(v, "pledged")));
	assert_true(json_is_null(json_object_get(v, "pledged_at")) ||
	    json_object_get(v, "pledged_at") == NULL);
	assert_int_equal(num(v, "done"), 0);
	assert_int_equal(num(v, "total"), 5);
	assert_int_equal(json_array_size(json_object_get(v, "items")), 5);
	json_array_foreach(json_object_get(v, "items"), i, it) {
		snprintf(id, sizeof(id), "pledge-%zu", i + 1);
		assert_string_equal(str(it, "id"), id);
		assert_int_equal(num(it, "no"), (long long)i + 1);
		assert_string_equal(str(it, "status"), "todo");
		assert_true(json_is_true(json_object_get(it, "is_todo")));
		assert_false(json_is_true(json_object_get(it, "is_done")));
		assert_true(strlen(str(it, "title")) > 0);
		assert_true(json_array_size(json_object_get(it, "measures")) > 0);
	}
	json_decref(v);
	/* in English too */
	v = view(&O, LANG_EN);
	assert_has(str(item(v, "pledge-1"), "title"), "up to date");
	json_decref(v);
}

static void
test_statuses(void **state)
{
	struct mmw_audit last;
	long long n0 = audits();
	json_t *v, *it;

	(void)state;
	set(&O, "pledge-1", "doing", "  毎月第1月曜に更新  ");
	assert_int_equal(audits(), n0 + 1);
	mmw_audit_last(A.db, &last);
	assert_string_equal(last.action, "pledge.status");
	assert_string_equal(last.object, "pledge:pledge-1");
	assert_int_equal(last.org_id, O.id);
	assert_has(last.before, "\"todo\"");
	assert_has(last.after, "\"doing\"");
	assert_has(last.after, "毎月第1月曜に更新");
	v = view(&O, LANG_JA);
	it = item(v, "pledge-1");
	assert_string_equal(str(it, "status"), "doing");
	assert_true(json_is_true(json_object_get(it, "is_doing")));
	assert_string_equal(str(it, "note"), "毎月第1月曜に更新"); /* trimmed */
	assert_string_equal(str(it, "updated_at"), T0);
	assert_int_equal(num(v, "done"), 0);
	json_decref(v);
	/* done */
	set(&O, "pledge-1", "done", NULL);
	set(&O, "pledge-3", "done", "");
	assert_int_equal(audits(), n0 + 3);
	mmw_audit_last(A.db, &last);
	assert_has(last.before, "\"todo\"");
	assert_has(last.after, "\"done\"");
	v = view(&O, LANG_JA);
	assert_int_equal(num(v, "done"), 2);
	it = item(v, "pledge-1");
	assert_string_equal(str(it, "status"), "done");
	json_decref(v);
	/* all five, then one back to todo */
	set(&O, "pledge-2", "done", NULL);
	set(&O, "pledge-4", "done", NULL);
	set(&O, "pledge-5", "done", NULL);
	v = view(&O, LANG_JA);
	assert_int_equal(num(v, "done"), 5);
	json_decref(v);
	set(&O, "pledge-4", "todo", NULL);
	mmw_audit_last(A.db, &last);
	assert_has(last.before, "\"done\"");
	assert_has(last.after, "\"todo\"");
	v = view(&O, LANG_JA);
	assert_int_equal(num(v, "done"), 4);
	assert_string_equal(str(item(v, "pledge-4"), "status"), "todo");
	json_decref(v);
	assert_int_equal(audits(), n0 + 7);
	/* the other organisation is untouched */
	v = view(&P, LANG_JA);
	assert_int_equal(num(v, "done"), 0);
	json_decref(v);
}

static void
test_refused_writes_nothing(void **state)
{
	static const char *const bad_ids[] = {
		"pledge-0", "pledge-6", "", "PLEDGE-1", "pledge-1 ", "pledge-1-measure-1", "1",
	};
	static const char *const bad_status[] = {
		"", "Done", "DONE", "finished", "todo ", "済", "don",
	};
	struct err e;
	long long n0, r0;
	size_t i;
	char longnote[700];
	json_t *v;

	(void)state;
	memset(&e, 0, sizeof(e));
	set(&O, "pledge-2", "doing", "途中");
	n0 = audits();
	r0 = rows();
	for (i = 0; i < sizeof(bad_ids) / sizeof(bad_ids[0]); i++)
		if (pledge_set_status(&A, &O, bad_ids[i], "done", NULL, &e) != MM_EINVAL) {
			print_error("accepted pledge id \"%s\"\n", bad_ids[i]);
			fail();
		}
	assert_int_equal(pledge_set_status(&A, &O, NULL, "done", NULL, &e), MM_EINVAL);
	for (i = 0; i < sizeof(bad_status) / sizeof(bad_status[0]); i++)
		if (pledge_set_status(&A, &O, "pledge-2", bad_status[i], NULL, &e) != MM_EINVAL) {
			print_error("accepted status \"%s\"\n", bad_status[i]);
			fail();
		}
	assert_int_equal(pledge_set_status(&A, &O, "pledge-2", NULL, NULL, &e), MM_EINVAL);
	/* notes: control characters, invalid UTF-8, more than 600 characters */
	assert_int_equal(pledge_set_status(&A, &O, "pledge-2", "done", "a\x01" "b", &e), MM_EINVAL);
	assert_int_equal(pledge_set_status(&A, &O, "pledge-2", "done", "\xff", &e), MM_EINVAL);
	memset(longnote, 'x', 601);
	longnote[601] = '\0';
	assert_int_equal(pledge_set_status(&A, &O, "pledge-2", "done", longnote, &e), MM_EINVAL);
	longnote[600] = '\0';
	assert_int_equal(audits(), n0);
	assert_int_equal(rows(), r0);
	v = view(&O, LANG_JA);
	assert_string_equal(str(item(v, "pledge-2"), "status"), "doing");
	assert_string_equal(str(item(v, "pledge-2"), "note"), "途中");
	json_decref(v);
	/* 600 characters are fine */
	set(&O, "pledge-2", "done", longnote);
	assert_int_equal(audits(), n0 + 1);
}

static void
test_declaration(void **state)
{
	struct mmw_audit last;
	struct err e;
	long long n0 = audits();
	json_t *v;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(pledge_declare(&A, &O, true, &e), e);
	assert_int_equal(audits(), n0 + 1);
	mmw_audit_last(A.db, &last);
	assert_string_equal(last.action, "pledge.declare");
	assert_int_equal(last.org_id, O.id);
	assert_string_equal(last.actor, "test:unit");
	v = view(&O, LANG_JA);
	assert_true(json_is_true(json_object_get(v, "pledged")));
	assert_string_equal(str(v, "pledged_at"), T0);
	assert_string_equal(str(v, "pledged_by"), "test:unit");
	/* the pledge does not mark any principle done */
	assert_int_equal(num(v, "done"), 0);
	json_decref(v);
	v = view(&P, LANG_JA);
	assert_false(json_is_true(json_object_get(v, "pledged")));
	json_decref(v);
	/* withdrawn */
	assert_ok(pledge_declare(&A, &O, false, &e), e);
	assert_int_equal(audits(), n0 + 2);
	mmw_audit_last(A.db, &last);
	assert_string_equal(last.action, "pledge.withdraw");
	v = view(&O, LANG_JA);
	assert_false(json_is_true(json_object_get(v, "pledged")));
	assert_null(str(v, "pledged_at"));
	json_decref(v);
	/* and made again, later, by someone else */
	setenv("MAMORI_FAKE_NOW", "2026-05-01T00:00:00Z", 1);
	snprintf(A.actor, sizeof(A.actor), "%s", "web:hanako@example.jp");
	assert_ok(pledge_declare(&A, &O, true, &e), e);
	v = view(&O, LANG_JA);
	assert_string_equal(str(v, "pledged_at"), "2026-05-01T00:00:00Z");
	assert_string_equal(str(v, "pledged_by"), "web:hanako@example.jp");
	json_decref(v);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM pledge_declaration"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_view_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_statuses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_declaration, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
