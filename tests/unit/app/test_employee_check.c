/* test_employee_check.c — the employees' own checks
 * (app/employee_check_service.h) on a temporary database: the items come
 * from the catalog's part "employee"; answers are saved and read back per
 * account and organisation; every save that changes something adds
 * exactly one audit record, a refused one changes nothing; the
 * distribution counts the answers of current, enabled members only, and names
 * appear only when asked for. */
#include "support/mm_diag.h"

#include "app/employee_check_service.h"
#include "store/account_store.h"
#include "store/employee_check_store.h"

#define DBFILE "ec.db"
#define T0 "2024-04-01T09:00:00Z"

static struct app A;
static struct org O, P; /* P: another organisation */
static long long U1, U2, U3; /* members of O (U3 also of P) */

static long long
add_account(const char *email, const char *name)
{
	return mmt_account(&A, email, name, T0);
}

static void
member(long long account, const struct org *o, enum role role)
{
	mmt_member(&A, account, o, role, T0);
}

static int
setup(void **state)
{
	(void)state;
	setenv("MAMORI_FAKE_NOW", T0, 1);
	mmt_app_open(&A, DBFILE);
	mmt_org(&A, "テスト株式会社", &O);
	mmt_org(&A, "Other Corp", &P);
	U1 = add_account("u1@example.jp", "山田 太郎");
	U2 = add_account("u2@example.jp", "");
	U3 = add_account("u3@example.jp", "佐藤 花子");
	member(U1, &O, ROLE_MEMBER);
	member(U2, &O, ROLE_EDITOR);
	member(U3, &O, ROLE_MEMBER);
	member(U3, &P, ROLE_MEMBER);
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
	return mmt_sql_int(DBFILE, "SELECT count(*) FROM employee_check");
}

/* the first and last item of the check, from the catalog */
static const struct diag_part *
part(void)
{
	const struct diag_part *p = employee_check_part(&A.cat->diag);

	assert_non_null(p);
	return p;
}

/* an item of the check that allows 該当なし, and one that does not */
static int
item_na(bool allowed)
{
	const struct diag_part *p = part();
	int no;

	for (no = p->first; no <= p->last; no++)
		if (A.cat->diag.items[no - 1].na_allowed == allowed)
			return no;
	fail();
	return 0;
}

/* save ANSWERS (pairs of item and answer, ended by 0) for ACCOUNT in O */
static enum mm_err
save(const struct org *o, long long account, const int *pairs, size_t *changed,
    struct err *e)
{
	struct diag_sheet want;
	bool given[DIAG_MAX_ITEMS];
	size_t i;

	memset(&want, 0, sizeof(want));
	memset(given, 0, sizeof(given));
	for (i = 0; pairs[i] != 0; i += 2) {
		assert_true(pairs[i] >= 1 && pairs[i] <= DIAG_MAX_ITEMS);
		want.answers[pairs[i] - 1] = (enum diag_answer)pairs[i + 1];
		given[pairs[i] - 1] = true;
	}
	return employee_check_save(&A, o, account, &want, given, changed, e);
}

static void
test_items_come_from_the_catalog(void **state)
{
	const struct diag_model *m;
	const struct diag_part *p;
	size_t i;
	int no;

	(void)state;
	m = &A.cat->diag;
	p = part();
	assert_string_equal(p->id, "employee");
	/* the guideline: 従業員としての対策 are items 6 to 18 */
	assert_int_equal(p->first, 6);
	assert_int_equal(p->last, 18);
	for (i = 0; i < m->nitems; i++) {
		no = (int)i + 1;
		assert_int_equal(employee_check_has_item(m, no),
		    &m->parts[m->items[i].part] == p);
	}
	assert_false(employee_check_has_item(m, 0));
	assert_false(employee_check_has_item(m, -3));
	assert_false(employee_check_has_item(m, (int)m->nitems + 1));
	assert_false(employee_check_has_item(m, DIAG_MAX_ITEMS + 5));
}

static void
test_save_and_load(void **state)
{
	const int first[] = { 6, DIAG_YES, 7, DIAG_PARTIAL, 10, DIAG_UNKNOWN, 0 };
	const int again[] = { 6, DIAG_YES, 7, DIAG_PARTIAL, 0 };
	const int change[] = { 6, DIAG_NO, 7, DIAG_PARTIAL, 0 };
	struct diag_sheet s;
	char updated[CLOCK_ISO_LEN];
	struct err e;
	size_t changed = 99;
	long long n0 = audits();

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(save(&O, U1, first, &changed, &e), e);
	assert_int_equal(changed, 3);
	assert_int_equal(audits(), n0 + 1);
	assert_int_equal(rows(), 3);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM audit_log WHERE"
	    " action = 'employee_check.answer'"), 1);
	assert_ok(employee_check_load(&A, &O, U1, &s, updated, &e), e);
	assert_int_equal(s.answers[5], DIAG_YES);
	assert_int_equal(s.answers[6], DIAG_PARTIAL);
	assert_int_equal(s.answers[9], DIAG_UNKNOWN);
	assert_int_equal(s.answers[7], DIAG_UNANSWERED);
	assert_int_equal(s.answers[0], DIAG_UNANSWERED);
	assert_string_equal(updated, T0);
	/* the same answers again: nothing written, nothing audited */
	assert_ok(save(&O, U1, again, &changed, &e), e);
	assert_int_equal(changed, 0);
	assert_int_equal(audits(), n0 + 1);
	/* one change among unchanged ones: one record naming only it */
	assert_ok(save(&O, U1, change, &changed, &e), e);
	assert_int_equal(changed, 1);
	assert_int_equal(audits(), n0 + 2);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM audit_log WHERE"
	    " action = 'employee_check.answer' AND before = '{\"6\":\"yes\"}'"
	    " AND after = '{\"6\":\"no\"}'"), 1);
	assert_ok(employee_check_load(&A, &O, U1, &s, NULL, &e), e);
	assert_int_equal(s.answers[5], DIAG_NO);
	/* another account's answers are its own */
	assert_ok(employee_check_load(&A, &O, U2, &s, updated, &e), e);
	assert_int_equal(s.answers[5], DIAG_UNANSWERED);
	assert_string_equal(updated, "");
}

static void
test_clear_an_answer(void **state)
{
	const int set[] = { 8, DIAG_YES, 9, DIAG_NO, 0 };
	const int clear[] = { 8, DIAG_UNANSWERED, 0 };
	struct diag_sheet s;
	struct err e;
	size_t changed;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(save(&O, U1, set, &changed, &e), e);
	assert_int_equal(rows(), 2);
	assert_ok(save(&O, U1, clear, &changed, &e), e);
	assert_int_equal(changed, 1);
	assert_int_equal(rows(), 1);
	assert_ok(employee_check_load(&A, &O, U1, &s, NULL, &e), e);
	assert_int_equal(s.answers[7], DIAG_UNANSWERED);
	assert_int_equal(s.answers[8], DIAG_NO);
}

static void
test_na_only_where_allowed(void **state)
{
	int ok_pairs[] = { item_na(true), DIAG_NA, 0 };
	int bad_pairs[] = { item_na(false), DIAG_NA, 0 };
	char want[64];
	struct err e;
	size_t changed;
	long long n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(save(&O, U1, ok_pairs, &changed, &e), e);
	assert_int_equal(changed, 1);
	n0 = audits();
	assert_int_equal(save(&O, U1, bad_pairs, &changed, &e), MM_EINVAL);
	snprintf(want, sizeof(want), "項目 %d に「該当なし」は選べません", bad_pairs[0]);
	assert_has(e.msg, want);
	assert_int_equal(audits(), n0);
	assert_int_equal(rows(), 1);
}

static void
test_refused_changes_nothing(void **state)
{
	/* good answers beside bad ones: none of them is stored */
	const int outside[] = { 6, DIAG_YES, 1, DIAG_YES, 0 };
	const int after_part[] = { 7, DIAG_YES, 19, DIAG_NO, 0 };
	const int bad_enum[] = { 6, DIAG_YES, 11, 42, 12, -7, 0 };
	const int no_such[] = { 6, DIAG_YES, DIAG_MAX_ITEMS, DIAG_YES, 0 };
	struct err e;
	size_t changed = 5;
	long long n0 = audits();

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_int_equal(save(&O, U1, outside, &changed, &e), MM_EINVAL);
	assert_has(e.msg, "項目 1 は従業員のチェックの項目ではありません");
	assert_has(e.msg, "何も保存していません");
	assert_int_equal(changed, 0);
	assert_int_equal(save(&O, U1, after_part, &changed, &e), MM_EINVAL);
	assert_has(e.msg, "項目 19");
	assert_lacks(e.msg, "項目 7");
	assert_int_equal(save(&O, U1, bad_enum, &changed, &e), MM_EINVAL);
	assert_has(e.msg, "項目 11 の回答が正しくありません");
	assert_has(e.msg, "項目 12 の回答が正しくありません");
	assert_int_equal(save(&O, U1, no_such, &changed, &e), MM_EINVAL);
	assert_has(e.msg, "ではありません");
	assert_int_equal(employee_check_save(&A, &O, 0, &(struct diag_sheet){ { 0 } },
	    (bool[DIAG_MAX_ITEMS]){ false }, NULL, &e), MM_EINVAL);
	assert_int_equal(rows(), 0);
	assert_int_equal(audits(), n0);
}

static json_t *
summary_item(json_t *sum, int no)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(sum, "items"), i, it)
		if (json_integer_value(json_object_get(it, "no")) == no)
			return it;
	fail();
	return NULL;
}

static json_int_t
count_of(json_t *sum, int no, const char *answer)
{
	return json_integer_value(json_object_get(json_object_get(summary_item(sum, no),
	    "counts"), answer));
}

static void
test_distribution(void **state)
{
	const int a1[] = { 6, DIAG_YES, 7, DIAG_NO, 0 };
	const int a2[] = { 6, DIAG_YES, 7, DIAG_UNKNOWN, 8, DIAG_PARTIAL, 0 };
	const int a3[] = { 6, DIAG_NO, 0 };
	const struct diag_part *p = part();
	struct err e;
	json_t *sum, *people, *person;
	size_t changed;

	(void)state;
	memset(&e, 0, sizeof(e));
	/* nobody yet: every item of the check, all zero */
	sum = employee_check_summary_json(&A, &O, LANG_JA, false, &e);
	assert_non_null(sum);
	assert_int_equal(json_integer_value(json_object_get(sum, "respondents")), 0);
	assert_int_equal(json_integer_value(json_object_get(sum, "members")), 3);
	assert_int_equal(json_array_size(json_object_get(sum, "items")),
	    (size_t)(p->last - p->first + 1));
	assert_int_equal(count_of(sum, 6, "yes"), 0);
	json_decref(sum);

	assert_ok(save(&O, U1, a1, &changed, &e), e);
	assert_ok(save(&O, U2, a2, &changed, &e), e);
	assert_ok(save(&P, U3, a3, &changed, &e), e); /* another organisation */
	sum = employee_check_summary_json(&A, &O, LANG_JA, false, &e);
	assert_non_null(sum);
	assert_int_equal(json_integer_value(json_object_get(sum, "respondents")), 2);
	assert_int_equal(count_of(sum, 6, "yes"), 2);
	assert_int_equal(count_of(sum, 6, "no"), 0);
	assert_int_equal(count_of(sum, 7, "no"), 1);
	assert_int_equal(count_of(sum, 7, "unknown"), 1);
	assert_int_equal(count_of(sum, 8, "partial"), 1);
	assert_int_equal(json_integer_value(json_object_get(summary_item(sum, 7),
	    "answered")), 2);
	assert_string_equal(json_string_value(json_object_get(summary_item(sum, 7),
	    "title")), "誤送信の防止");
	/* no names unless asked */
	assert_null(json_object_get(sum, "people"));
	json_decref(sum);

	sum = employee_check_summary_json(&A, &O, LANG_JA, true, &e);
	people = json_object_get(sum, "people");
	assert_int_equal(json_array_size(people), 2);
	person = json_array_get(people, 0); /* by e-mail address */
	assert_string_equal(json_string_value(json_object_get(person, "name")), "山田 太郎");
	assert_int_equal(json_integer_value(json_object_get(person, "answered")), 2);
	person = json_array_get(people, 1);
	assert_string_equal(json_string_value(json_object_get(person, "name")),
	    "u2@example.jp"); /* no name: the address */
	json_decref(sum);

	/* the other organisation sees only its own */
	sum = employee_check_summary_json(&A, &P, LANG_JA, true, &e);
	assert_int_equal(json_integer_value(json_object_get(sum, "respondents")), 1);
	assert_int_equal(count_of(sum, 6, "no"), 1);
	assert_int_equal(count_of(sum, 6, "yes"), 0);
	json_decref(sum);
}

static void
test_former_members_not_counted(void **state)
{
	const int a[] = { 6, DIAG_YES, 0 };
	struct diag_sheet s;
	struct err e;
	size_t changed;
	json_t *sum;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(save(&O, U1, a, &changed, &e), e);
	assert_ok(save(&O, U3, a, &changed, &e), e);
	assert_ok(membership_remove(A.db, U3, O.id, &e), e);
	sum = employee_check_summary_json(&A, &O, LANG_JA, true, &e);
	assert_int_equal(json_integer_value(json_object_get(sum, "respondents")), 1);
	assert_int_equal(count_of(sum, 6, "yes"), 1);
	assert_int_equal(json_array_size(json_object_get(sum, "people")), 1);
	json_decref(sum);
	assert_ok(employee_check_load(&A, &O, U3, &s, NULL, &e), e);
	assert_int_equal(s.answers[5], DIAG_UNANSWERED);
	/* a disabled account is not counted either, nor among the members */
	assert_ok(account_set_disabled(A.db, U1, true, &e), e);
	sum = employee_check_summary_json(&A, &O, LANG_JA, true, &e);
	assert_int_equal(json_integer_value(json_object_get(sum, "respondents")), 0);
	assert_int_equal(json_integer_value(json_object_get(sum, "members")), 1);
	assert_int_equal(count_of(sum, 6, "yes"), 0);
	json_decref(sum);
}

static void
test_mine_json(void **state)
{
	const int a[] = { 6, DIAG_YES, 9, DIAG_NO, 0 };
	const struct diag_part *p = part();
	struct err e;
	size_t changed;
	json_t *m, *items, *first;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(save(&O, U1, a, &changed, &e), e);
	m = employee_check_mine_json(&A, &O, U1, LANG_EN, &e);
	assert_non_null(m);
	assert_int_equal(json_integer_value(json_object_get(m, "answered")), 2);
	assert_int_equal(json_integer_value(json_object_get(m, "total")),
	    p->last - p->first + 1);
	assert_string_equal(json_string_value(json_object_get(m, "updated_at")), T0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(m, "part"),
	    "id")), "employee");
	items = json_object_get(m, "items");
	assert_int_equal(json_array_size(items), (size_t)(p->last - p->first + 1));
	first = json_array_get(items, 0);
	assert_int_equal(json_integer_value(json_object_get(first, "no")), p->first);
	assert_string_equal(json_string_value(json_object_get(first, "answer")), "yes");
	assert_true(json_is_null(json_object_get(json_array_get(items, 1), "answer")));
	json_decref(m);
	/* somebody who answered nothing */
	m = employee_check_mine_json(&A, &O, U2, LANG_JA, &e);
	assert_int_equal(json_integer_value(json_object_get(m, "answered")), 0);
	assert_true(json_is_null(json_object_get(m, "updated_at")));
	json_decref(m);
}

static void
test_schema_refuses_bad_rows(void **state)
{
	char msg[256];

	(void)state;
	/* the answer ids are the only values the table takes */
	assert_int_not_equal(mmt_sql_rc(DBFILE, "INSERT INTO employee_check (org_id,"
	    " account_id, catalog, item_no, answer, updated_at) VALUES (1, 1,"
	    " 'ipa-sme-3.1', 6, 'maybe', '2024-01-01T00:00:00Z')", msg, sizeof(msg)), 0);
	assert_int_not_equal(mmt_sql_rc(DBFILE, "INSERT INTO employee_check (org_id,"
	    " account_id, catalog, item_no, answer, updated_at) VALUES (1, 1,"
	    " 'ipa-sme-3.1', 0, 'yes', '2024-01-01T00:00:00Z')", msg, sizeof(msg)), 0);
	assert_int_equal(rows(), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_items_come_from_the_catalog, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_and_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clear_an_answer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_na_only_where_allowed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_distribution, setup, teardown),
		cmocka_unit_test_setup_teardown(test_former_members_not_counted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mine_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schema_refuses_bad_rows, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
