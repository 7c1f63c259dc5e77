/* test_access.c — roles and permissions (core/access.h): the whole
 * role × permission table written out as expected data, with and without
 * the instance administrator flag (which never opens an organisation);
 * role and permission names and their round trip; perm_is_org. */
#include "support/mm_test.h"

#include "core/access.h"

#define NROLES 7
#define NPERMS PERM_COUNT

/* the rows of the table, in this order */
static const enum role roles[NROLES] = {
	ROLE_OWNER, ROLE_ADMIN, ROLE_EDITOR, ROLE_AUDITOR, ROLE_MEMBER, ROLE_SUPPORTER,
	ROLE_NONE
};
static const char *const role_names[NROLES] = {
	"owner", "admin", "editor", "auditor", "member", "supporter", "none"
};

/* what each role may do, without the instance administrator flag;
 * columns: owner admin editor auditor member supporter none */
static const struct {
	enum perm p;
	const char *name;
	bool allow[NROLES];
} table[NPERMS] = {
	{ PERM_UNSET,          "unset",          { 0, 0, 0, 0, 0, 0, 0 } },
	{ PERM_PUBLIC,         "public",         { 1, 1, 1, 1, 1, 1, 1 } },
	{ PERM_LOGIN_ANY,      "login_any",      { 1, 1, 1, 1, 1, 1, 1 } },
	{ PERM_LOGIN,          "login",          { 1, 1, 1, 1, 1, 1, 1 } },
	{ PERM_INSTANCE_ADMIN, "instance_admin", { 0, 0, 0, 0, 0, 0, 0 } },
	{ PERM_ORG_SUMMARY,    "org_summary",    { 1, 1, 1, 1, 1, 1, 0 } },
	{ PERM_ORG_MEMBER,     "org_member",     { 1, 1, 1, 1, 1, 0, 0 } },
	{ PERM_ORG_READ,       "org_read",       { 1, 1, 1, 1, 0, 0, 0 } },
	{ PERM_ORG_EDIT,       "org_edit",       { 1, 1, 1, 0, 0, 0, 0 } },
	{ PERM_ORG_ADMIN,      "org_admin",      { 1, 1, 0, 0, 0, 0, 0 } },
	{ PERM_ORG_OWNER,      "org_owner",      { 1, 0, 0, 0, 0, 0, 0 } },
};

static void
test_table_complete(void **state)
{
	int p;

	(void)state;
	/* one row per permission, in enum order: a new permission must be
	 * added to this table */
	assert_int_equal(sizeof(table) / sizeof(table[0]), PERM_COUNT);
	for (p = 0; p < PERM_COUNT; p++)
		assert_int_equal(table[p].p, p);
	assert_int_equal(ROLE_COUNT, NROLES); /* six roles and none */
}

static void
check_table(bool instance_admin)
{
	int p, r, bad = 0;

	for (p = 0; p < PERM_COUNT; p++)
		for (r = 0; r < NROLES; r++) {
			bool want = table[p].allow[r];
			bool got;
			if (table[p].p == PERM_INSTANCE_ADMIN)
				want = instance_admin;
			got = perm_allows(table[p].p, roles[r], instance_admin);
			if (got != want) {
				print_error("perm_allows(%s, %s, instance_admin=%d) = %d, expected %d\n",
				    table[p].name, role_names[r], instance_admin, got, want);
				bad++;
			}
		}
	assert_int_equal(bad, 0);
}

static void
test_table(void **state)
{
	(void)state;
	check_table(false);
}

/* the instance administrator flag gives PERM_INSTANCE_ADMIN and nothing
 * in an organisation it has no role in */
static void
test_table_instance_admin(void **state)
{
	int p;

	(void)state;
	check_table(true);
	for (p = PERM_ORG_SUMMARY; p < PERM_COUNT; p++)
		assert_false(perm_allows((enum perm)p, ROLE_NONE, true));
}

/* each permission is a strict superset of the next stronger one */
static void
test_org_perms_nested(void **state)
{
	int p, r;

	(void)state;
	for (p = PERM_ORG_SUMMARY; p + 1 < PERM_COUNT; p++)
		for (r = 0; r < NROLES; r++)
			if (perm_allows((enum perm)(p + 1), roles[r], false))
				assert_true(perm_allows((enum perm)p, roles[r], false));
}

static void
test_out_of_range_perm(void **state)
{
	int r;

	(void)state;
	for (r = 0; r < NROLES; r++) {
		assert_false(perm_allows(PERM_COUNT, roles[r], true));
		assert_false(perm_allows(PERM_UNSET, roles[r], true));
	}
}

static void
test_role_ids(void **state)
{
	int r;

	(void)state;
	for (r = 0; r < NROLES - 1; r++) {
		assert_string_equal(role_id(roles[r]), role_names[r]);
		assert_int_equal(role_from_id(role_names[r]), roles[r]);
		assert_int_equal(role_from_id(role_id(roles[r])), roles[r]);
	}
	for (r = 0; r < ROLE_COUNT; r++)
		assert_int_equal(role_from_id(role_id((enum role)r)), r);
	assert_string_equal(role_id(ROLE_NONE), "");
	assert_string_equal(role_id(ROLE_COUNT), "");
	assert_string_equal(role_id((enum role)99), "");
	assert_string_equal(role_id((enum role)-1), "");
	/* unknown names are no role: exact, case-sensitive, no trimming */
	assert_int_equal(role_from_id(NULL), ROLE_NONE);
	assert_int_equal(role_from_id(""), ROLE_NONE);
	assert_int_equal(role_from_id("none"), ROLE_NONE);
	assert_int_equal(role_from_id("Owner"), ROLE_NONE);
	assert_int_equal(role_from_id("OWNER"), ROLE_NONE);
	assert_int_equal(role_from_id("owner "), ROLE_NONE);
	assert_int_equal(role_from_id(" owner"), ROLE_NONE);
	assert_int_equal(role_from_id("own"), ROLE_NONE);
	assert_int_equal(role_from_id("owners"), ROLE_NONE);
	assert_int_equal(role_from_id("経営者"), ROLE_NONE);
	assert_int_equal(role_from_id("instance_admin"), ROLE_NONE);
}

static void
test_perm_ids(void **state)
{
	int p, q;

	(void)state;
	for (p = 0; p < PERM_COUNT; p++)
		assert_string_equal(perm_id(table[p].p), table[p].name);
	for (p = 0; p < PERM_COUNT; p++)
		for (q = p + 1; q < PERM_COUNT; q++)
			assert_string_not_equal(perm_id((enum perm)p), perm_id((enum perm)q));
	assert_string_equal(perm_id(PERM_COUNT), "unset");
	assert_string_equal(perm_id((enum perm)-1), "unset");
}

static void
test_perm_is_org(void **state)
{
	static const bool want[PERM_COUNT] = {
		[PERM_UNSET] = false, [PERM_PUBLIC] = false, [PERM_LOGIN_ANY] = false,
		[PERM_LOGIN] = false, [PERM_INSTANCE_ADMIN] = false,
		[PERM_ORG_SUMMARY] = true, [PERM_ORG_MEMBER] = true, [PERM_ORG_READ] = true,
		[PERM_ORG_EDIT] = true, [PERM_ORG_ADMIN] = true, [PERM_ORG_OWNER] = true,
	};
	int p;

	(void)state;
	for (p = 0; p < PERM_COUNT; p++)
		if (perm_is_org((enum perm)p) != want[p]) {
			print_error("perm_is_org(%s) = %d\n", perm_id((enum perm)p), !want[p]);
			fail();
		}
	assert_false(perm_is_org(PERM_COUNT));
	/* an organisation permission never allows someone without a role */
	for (p = 0; p < PERM_COUNT; p++)
		if (perm_is_org((enum perm)p))
			assert_false(perm_allows((enum perm)p, ROLE_NONE, false));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_complete),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_table_instance_admin),
		cmocka_unit_test(test_org_perms_nested),
		cmocka_unit_test(test_out_of_range_perm),
		cmocka_unit_test(test_role_ids),
		cmocka_unit_test(test_perm_ids),
		cmocka_unit_test(test_perm_is_org),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
