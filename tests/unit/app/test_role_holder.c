/* test_role_holder.c — the holders of the duties of 表8 and 表9
 * (app/role_holder_service.h) on a temporary database: the view of both
 * tables in catalog order, a user and/or a name per role, a save of many
 * roles with one audit record per changed role, clearing, an 表9 role
 * showing the holder of its 表8 role, the completeness of 表8 (the
 * dashboard's 管理体制), and refused input with nothing written: an
 * unknown role, an account of another organisation, a name over 100
 * characters, a control character. */
#include "support/mm_web.h"

#include "app/dashboard.h"
#include "app/role_holder_service.h"
#include "store/account_store.h"

#define DBFILE "role_holder.db"
#define T0 "2026-04-01T09:00:00Z"

static struct app A;
static struct org O, P; /* P: another organisation */
static long long TARO, HANAKO, OTHER; /* OTHER: a member of P only */

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
	TARO = add_account("taro@example.jp", "山田 太郎");
	HANAKO = add_account("hanako@example.jp", "");
	OTHER = add_account("other@example.com", "Other");
	member(TARO, &O, ROLE_OWNER);
	member(HANAKO, &O, ROLE_MEMBER);
	member(OTHER, &P, ROLE_OWNER);
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
	return mmt_sql_int(DBFILE, "SELECT count(*) FROM role_holder");
}

static json_t *
view(const struct org *o, enum lang lang, bool members)
{
	struct err e;
	json_t *v;

	memset(&e, 0, sizeof(e));
	v = role_holder_view(&A, o, lang, members, &e);
	if (v == NULL) {
		print_error("role_holder_view: %s\n", e.msg);
		fail();
	}
	return v;
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

/* the item ID of view V (in either list) */
static json_t *
item(json_t *v, const char *id)
{
	json_t *l, *it;
	size_t i, k;

	json_array_foreach(json_object_get(v, "lists"), k, l)
		json_array_foreach(json_object_get(l, "items"), i, it)
			if (strcmp(str(it, "id"), id) == 0)
				return it;
	print_error("no item %s\n", id);
	fail();
	return NULL;
}

static bool
complete(const struct org *o)
{
	struct err e;
	bool done = true;

	memset(&e, 0, sizeof(e));
	assert_ok(role_holder_complete(&A, o, &done, &e), e);
	return done;
}

static void
test_view_empty(void **state)
{
	static const char *const normal[] = {
		"role-ciso", "role-dept-lead", "role-sysadmin", "role-education", "role-inspector"
	};
	json_t *v = view(&O, LANG_JA, true), *l, *it;
	size_t i;

	(void)state;
	assert_false(json_is_true(json_object_get(v, "complete")));
	assert_int_equal(num(v, "held"), 0);
	assert_int_equal(num(v, "total"), 5);
	assert_int_equal(json_array_size(json_object_get(v, "lists")), 2);
	l = json_array_get(json_object_get(v, "lists"), 0);
	assert_string_equal(str(l, "id"), "roles-normal");
	assert_int_equal(json_array_size(json_object_get(l, "items")), 5);
	json_array_foreach(json_object_get(l, "items"), i, it) {
		assert_string_equal(str(it, "id"), normal[i]);
		assert_true(strlen(str(it, "title")) > 0);
		assert_true(strlen(str(it, "duty")) > 0);
		assert_false(json_is_true(json_object_get(it, "held")));
		assert_null(str(it, "display"));
		/* the form's users: the members of O only */
		assert_int_equal(json_array_size(json_object_get(it, "options")), 2);
	}
	assert_string_equal(str(item(v, "role-ciso"), "title"), "情報セキュリティ責任者");
	l = json_array_get(json_object_get(v, "lists"), 1);
	assert_string_equal(str(l, "id"), "roles-emergency");
	assert_true(json_is_true(json_object_get(l, "emergency")));
	assert_string_equal(str(item(v, "emergency-ciso"), "example_holder"), "代表取締役");
	assert_string_equal(str(item(v, "emergency-finder"), "title"), "事故・異常を発見した従業員");
	assert_int_equal(json_array_size(json_object_get(v, "members")), 2);
	json_decref(v);
	/* without the members; in English */
	v = view(&O, LANG_EN, false);
	assert_null(json_object_get(v, "members"));
	assert_null(json_object_get(item(v, "role-ciso"), "options"));
	assert_string_equal(str(item(v, "role-ciso"), "title"), "Information security lead");
	json_decref(v);
	assert_false(complete(&O));
}

static void
test_set_and_clear(void **state)
{
	struct mmw_audit last;
	long long n0 = audits();
	struct err e;
	json_t *v, *it;

	(void)state;
	memset(&e, 0, sizeof(e));
	/* a user with a title */
	assert_ok(role_holder_set(&A, &O, "role-ciso", TARO, " 代表取締役 ", NULL, &e), e);
	assert_int_equal(audits(), n0 + 1);
	mmw_audit_last(A.db, &last);
	assert_string_equal(last.action, "role_holder.set");
	assert_string_equal(last.object, "role_holder:role-ciso");
	assert_int_equal(last.org_id, O.id);
	assert_has(last.after, "代表取締役");
	/* a name only; a user without a display name shows the e-mail */
	assert_ok(role_holder_set(&A, &O, "role-dept-lead", 0, "管理部長 佐藤", "副: 田中", &e), e);
	assert_ok(role_holder_set(&A, &O, "role-sysadmin", HANAKO, NULL, NULL, &e), e);
	assert_int_equal(audits(), n0 + 3);
	v = view(&O, LANG_JA, false);
	it = item(v, "role-ciso");
	assert_true(json_is_true(json_object_get(it, "held")));
	assert_string_equal(str(it, "display"), "山田 太郎（代表取締役）");
	assert_string_equal(str(it, "name"), "代表取締役"); /* trimmed */
	assert_string_equal(str(json_object_get(it, "account"), "email"), "taro@example.jp");
	assert_string_equal(str(it, "updated_at"), T0);
	assert_string_equal(str(item(v, "role-dept-lead"), "display"), "管理部長 佐藤");
	assert_string_equal(str(item(v, "role-dept-lead"), "note"), "副: 田中");
	assert_string_equal(str(item(v, "role-sysadmin"), "display"), "hanako@example.jp");
	/* 表9 without its own holder shows the holder of its 表8 role */
	it = item(v, "emergency-ciso");
	assert_false(json_is_true(json_object_get(it, "held")));
	assert_true(json_is_true(json_object_get(it, "inherited")));
	assert_string_equal(str(it, "display"), "山田 太郎（代表取締役）");
	assert_null(str(item(v, "emergency-finder"), "display"));
	assert_int_equal(num(v, "held"), 3);
	json_decref(v);
	assert_false(complete(&O));
	/* the same again: no record */
	assert_ok(role_holder_set(&A, &O, "role-ciso", TARO, "代表取締役", "", &e), e);
	assert_int_equal(audits(), n0 + 3);
	/* clear, audited once; clearing nothing writes nothing */
	assert_ok(role_holder_clear(&A, &O, "role-ciso", &e), e);
	assert_int_equal(audits(), n0 + 4);
	mmw_audit_last(A.db, &last);
	assert_string_equal(last.action, "role_holder.clear");
	assert_has(last.before, "代表取締役");
	assert_ok(role_holder_clear(&A, &O, "role-ciso", &e), e);
	assert_ok(role_holder_clear(&A, &O, "emergency-finder", &e), e);
	assert_int_equal(audits(), n0 + 4);
	assert_int_equal(rows(), 2);
	/* the other organisation is untouched */
	v = view(&P, LANG_JA, false);
	assert_int_equal(num(v, "held"), 0);
	json_decref(v);
}

static void
test_save_and_complete(void **state)
{
	const struct role_holder_input in[] = {
		{ "role-ciso", TARO, NULL, NULL, false },
		{ "role-dept-lead", 0, "管理部長", NULL, false },
		{ "role-sysadmin", HANAKO, "", "", false },
		{ "role-education", 0, "総務部長", NULL, false },
		{ "role-inspector", 0, "監査役", NULL, false },
		{ "emergency-finder", 0, "全ての従業員", NULL, false },
		{ "emergency-ciso", 0, "", NULL, false }, /* empty: nothing */
	};
	long long n0 = audits();
	struct err e;
	json_t *v, *d;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(role_holder_save(&A, &O, in, sizeof(in) / sizeof(in[0]), &e), e);
	assert_int_equal(audits(), n0 + 6);
	assert_int_equal(rows(), 6);
	assert_true(complete(&O));
	assert_false(complete(&P));
	v = view(&O, LANG_JA, false);
	assert_true(json_is_true(json_object_get(v, "complete")));
	assert_int_equal(num(v, "held"), 5);
	json_decref(v);
	/* the dashboard counts 管理体制 as one Step 3 fact */
	d = dashboard_view(&A, &O, LANG_JA, &e);
	assert_non_null(d);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    json_object_get(d, "steps"), 2), "done")), 1);
	json_decref(d);
	d = dashboard_view(&A, &P, LANG_JA, &e);
	assert_non_null(d);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    json_object_get(d, "steps"), 2), "done")), 0);
	json_decref(d);
	/* a holder who leaves the organisation no longer counts */
	assert_ok(membership_remove(A.db, HANAKO, O.id, &e), e);
	assert_false(complete(&O));
	v = view(&O, LANG_JA, false);
	assert_true(json_is_true(json_object_get(item(v, "role-sysadmin"), "account_former")));
	assert_false(json_is_true(json_object_get(item(v, "role-sysadmin"), "held")));
	json_decref(v);
}

static void
test_refused_writes_nothing(void **state)
{
	static const char *const bad_ids[] = {
		"", "role-none", "ROLE-CISO", "role-ciso ", "roles-normal", "pledge-1",
	};
	char long_name[404], ok_name[304];
	long long n0, r0;
	struct err e;
	size_t i;
	const struct role_holder_input mixed[] = {
		{ "role-education", 0, "総務部長", NULL, false },
		{ "role-inspector", OTHER, NULL, NULL, false },
	};

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(role_holder_set(&A, &O, "role-ciso", TARO, NULL, NULL, &e), e);
	n0 = audits();
	r0 = rows();
	for (i = 0; i < sizeof(bad_ids) / sizeof(bad_ids[0]); i++) {
		assert_int_equal(role_holder_set(&A, &O, bad_ids[i], 0, "x", NULL, &e), MM_EINVAL);
		assert_int_equal(role_holder_clear(&A, &O, bad_ids[i], &e), MM_EINVAL);
	}
	assert_int_equal(role_holder_set(&A, &O, NULL, 0, "x", NULL, &e), MM_EINVAL);
	/* another organisation's account, an unknown one */
	assert_int_equal(role_holder_set(&A, &O, "role-ciso", OTHER, NULL, NULL, &e), MM_EINVAL);
	assert_has(e.msg, "この組織の利用者ではありません");
	assert_int_equal(role_holder_set(&A, &O, "role-ciso", 99999, NULL, NULL, &e), MM_EINVAL);
	assert_int_equal(role_holder_set(&A, &O, "role-ciso", -1, "x", NULL, &e), MM_EINVAL);
	/* neither a user nor a name */
	assert_int_equal(role_holder_set(&A, &O, "role-ciso", 0, "  ", NULL, &e), MM_EINVAL);
	/* 100 characters pass, 101 do not */
	memset(ok_name, 0, sizeof(ok_name));
	for (i = 0; i < 100; i++)
		memcpy(ok_name + i * 3, "役", 3);
	memcpy(long_name, ok_name, 300);
	memcpy(long_name + 300, "役", 4);
	assert_int_equal(role_holder_set(&A, &O, "role-ciso", 0, long_name, NULL, &e), MM_EINVAL);
	assert_int_equal(role_holder_set(&A, &O, "role-ciso", 0, "a\x01" "b", NULL, &e),
	    MM_EINVAL);
	assert_int_equal(role_holder_set(&A, &O, "role-ciso", 0, "\xff", NULL, &e), MM_EINVAL);
	/* one bad role refuses the whole save */
	assert_int_equal(role_holder_save(&A, &O, mixed, 2, &e), MM_EINVAL);
	assert_int_equal(audits(), n0);
	assert_int_equal(rows(), r0);
	assert_int_equal(mmt_sql_int(DBFILE,
	    "SELECT count(*) FROM role_holder WHERE role_id = 'role-education'"), 0);
	assert_ok(role_holder_set(&A, &O, "role-education", 0, ok_name, NULL, &e), e);
	assert_int_equal(audits(), n0 + 1);
	/* a member's e-mail */
	{
		long long id = 0;
		assert_ok(role_holder_member(&A, &O, "hanako@example.jp", &id, &e), e);
		assert_int_equal(id, HANAKO);
		assert_int_equal(role_holder_member(&A, &O, "other@example.com", &id, &e), MM_EINVAL);
		assert_int_equal(role_holder_member(&A, &O, "nobody@example.jp", &id, &e), MM_EINVAL);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_view_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_and_clear, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_and_complete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_writes_nothing, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
