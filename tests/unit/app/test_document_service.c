/* test_document_service.c — the policy documents (app/document_service.h)
 * on a temporary database: generation as a draft of one document per
 * kind, edits with their checks (empty, too long, not UTF-8, control
 * characters, the same text, a stale base), approval by an owner of the
 * newest draft only, publication of an approved version, "読みました"
 * recorded once, the readers still to read, the state the dashboard
 * reads, the list's count of documents to read, a version's text and
 * safe HTML, the comparison of two versions with long unchanged runs
 * folded, rendering, and a document of another organisation never found.
 * Every refusal leaves the versions and the audit log as they were. */
#include "support/mm_web.h"

#include "app/document_service.h"
#include "store/account_store.h"

#define DBFILE "document_service.db"
#define T0 "2026-04-01T09:00:00Z"

static struct app A;
static struct org O, P; /* P: another organisation */
static long long OWNER, MEMBER, EDITOR, SUPPORTER, GONE, OTHER;

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
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	setenv("MAMORI_FAKE_NOW", T0, 1);
	mmt_app_open(&A, DBFILE);
	mmt_org(&A, "文書テスト株式会社", &O);
	mmt_org(&A, "Other Corp", &P);
	OWNER = add_account("owner@example.jp", "山田 太郎");
	MEMBER = add_account("hanako@example.jp", "佐藤 花子");
	EDITOR = add_account("jiro@example.jp", "");
	SUPPORTER = add_account("help@example.jp", "支援者");
	GONE = add_account("gone@example.jp", "退職者");
	OTHER = add_account("other@example.com", "Other");
	member(OWNER, &O, ROLE_OWNER);
	member(MEMBER, &O, ROLE_MEMBER);
	member(EDITOR, &O, ROLE_EDITOR);
	member(SUPPORTER, &O, ROLE_SUPPORTER);
	member(GONE, &O, ROLE_MEMBER);
	member(OTHER, &P, ROLE_OWNER);
	assert_ok(account_set_disabled(A.db, GONE, true, &e), e);
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

/* the number of versions of document ID as stored */
static long long
versions(long long id)
{
	char q[128];

	snprintf(q, sizeof(q), "SELECT count(*) FROM document_version WHERE document_id = %lld", id);
	return mmt_sql_int(DBFILE, q);
}

/* every version of every document, and the acknowledgements */
static long long
all_rows(void)
{
	return mmt_sql_int(DBFILE, "SELECT (SELECT count(*) FROM document_version)"
	    " + (SELECT count(*) FROM document) + (SELECT count(*) FROM document_ack)"
	    " + (SELECT count(*) FROM document_version WHERE approved_at IS NOT NULL)"
	    " + (SELECT count(*) FROM document_version WHERE published_at IS NOT NULL)");
}

/* document KIND of O generated; its id (the version number into *NUMBER) */
static long long
gen(const struct org *o, const char *kind, int *number)
{
	long long id = 0;
	int n = 0;
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(document_generate(&A, o, kind, LANG_JA, OWNER, &id, &n, NULL, &e), e);
	assert_true(id > 0);
	if (number)
		*number = n;
	return id;
}

/* MARKDOWN saved as a new version of ID; its number */
static int
save(long long id, const char *markdown)
{
	struct err e;
	int n = 0;

	memset(&e, 0, sizeof(e));
	assert_ok(document_save(&A, &O, id, markdown, "", 0, OWNER, &n, &e), e);
	return n;
}

static void
approve(long long id, int number)
{
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(document_approve(&A, &O, id, number, OWNER, &e), e);
}

static void
publish(long long id, int number)
{
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(document_publish(&A, &O, id, number, &e), e);
}

static json_t *
view(const struct org *o, long long id, int number, long long account, bool readers)
{
	struct err e;
	json_t *v;

	memset(&e, 0, sizeof(e));
	v = document_view(&A, o, id, number, LANG_JA, account, readers, &e);
	if (v == NULL) {
		print_error("document_view: %s\n", e.msg);
		fail();
	}
	return v;
}

static long long
num(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v)) {
		print_error("\"%s\" is not an integer\n", key);
		fail();
	}
	return (long long)json_integer_value(v);
}

static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* the stored Markdown of version NUMBER of ID into OUT */
static void
stored(long long id, int number, char *out, size_t n)
{
	char q[160];

	snprintf(q, sizeof(q), "SELECT markdown FROM document_version"
	    " WHERE document_id = %lld AND number = %d", id, number);
	mmw_sql_text(DBFILE, q, out, n);
}

/* "to_read" of the list for ACCOUNT */
static long long
to_read(long long account)
{
	struct err e;
	json_t *v;
	long long n;

	memset(&e, 0, sizeof(e));
	v = document_list_view(&A, &O, LANG_JA, account, &e);
	assert_non_null(v);
	n = num(v, "to_read");
	json_decref(v);
	return n;
}

static void
test_generate(void **state)
{
	long long id, id2, rid, n0;
	int number = 0;
	json_t *left = NULL, *it;
	struct err e;
	size_t i;
	bool dev = false;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_string_equal(document_kind_title(&A, "policy", LANG_JA), "情報セキュリティ基本方針");
	assert_non_null(document_kind_title(&A, "handbook", LANG_EN));
	assert_null(document_kind_title(&A, "nothing", LANG_JA));
	assert_null(document_kind_title(&A, NULL, LANG_JA));

	n0 = audits();
	id = gen(&O, "policy", &number);
	assert_int_equal(number, 1);
	assert_int_equal(versions(id), 1);
	id2 = gen(&O, "policy", &number);
	assert_int_equal(id2, id);
	assert_int_equal(number, 2);
	assert_int_equal(versions(id), 2);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM document"), 1);
	assert_int_equal(audits(), n0 + 2);
	assert_int_equal(mmw_audit_actions(A.db, "document.generate"), 2);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM document_version"
	    " WHERE origin = 'generated' AND approved_at IS NULL AND published_at IS NULL"), 2);

	/* the regulations leave out what the organisation does not do */
	assert_ok(document_generate(&A, &O, "regulations", LANG_JA, 0, &rid, &number, &left, &e), e);
	assert_true(rid != id);
	assert_int_equal(number, 1);
	assert_true(json_is_array(left));
	assert_true(json_array_size(left) > 0);
	json_array_foreach(left, i, it) {
		assert_non_null(str(it, "id"));
		assert_non_null(str(it, "label"));
		assert_non_null(str(it, "why"));
		dev |= strstr(str(it, "label"), "システム開発") != NULL;
	}
	assert_true(dev);
	json_decref(left);
	{
		/* kept with the version */
		json_t *v = view(&O, rid, 0, 0, false);
		assert_true(json_array_size(json_object_get(v, "left_out")) > 0);
		assert_string_equal(str(json_object_get(v, "version"), "origin"), "generated");
		json_decref(v);
	}

	/* an unknown kind creates nothing */
	n0 = audits();
	left = NULL;
	assert_int_equal(document_generate(&A, &O, "nothing", LANG_JA, 0, &id2, &number, &left, &e),
	    MM_EINVAL);
	assert_null(left);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM document"), 2);
	assert_int_equal(audits(), n0);

	/* another organisation gets its own document */
	id2 = gen(&P, "policy", &number);
	assert_true(id2 != id);
	assert_int_equal(number, 1);
}

static void
test_save(void **state)
{
	char text[4096], *big;
	long long id, n0, v0;
	int number = 0;
	struct err e;
	json_t *v;

	(void)state;
	memset(&e, 0, sizeof(e));
	id = gen(&O, "policy", NULL);

	/* a save from the newest version */
	assert_ok(document_save(&A, &O, id, "# 方針\n\n第一版の本文\n", "書き直し", 1, MEMBER,
	    &number, &e), e);
	assert_int_equal(number, 2);
	v = view(&O, id, 0, 0, false);
	assert_int_equal(num(v, "number"), 2);
	assert_string_equal(str(json_object_get(v, "version"), "origin"), "edited");
	assert_string_equal(str(json_object_get(v, "version"), "note"), "書き直し");
	assert_string_equal(str(json_object_get(v, "version"), "created_by"), "佐藤 花子");
	assert_string_equal(str(v, "status"), "draft");
	json_decref(v);
	assert_int_equal(mmw_audit_actions(A.db, "document.edit"), 1);

	/* line ends made "\n", trailing blank lines and spaces dropped, one
	 * final line end; tabs kept */
	number = save(id, "# 方針\r\n\r\n\t本文\r二行目\r\n\r\n  \n");
	assert_int_equal(number, 3);
	stored(id, 3, text, sizeof(text));
	assert_string_equal(text, "# 方針\n\n\t本文\n二行目\n");
	/* no final line end: one is added */
	number = save(id, "# 方針\n\n三版");
	stored(id, number, text, sizeof(text));
	assert_string_equal(text, "# 方針\n\n三版\n");

	/* refused: nothing stored, nothing recorded */
	n0 = audits();
	v0 = versions(id);
	assert_int_equal(document_save(&A, &O, id, NULL, NULL, 0, OWNER, &number, &e), MM_EINVAL);
	assert_int_equal(document_save(&A, &O, id, "", NULL, 0, OWNER, &number, &e), MM_EINVAL);
	assert_has(e.msg, "空");
	assert_int_equal(document_save(&A, &O, id, " \n\r\n\t\n", NULL, 0, OWNER, &number, &e),
	    MM_EINVAL);
	assert_int_equal(document_save(&A, &O, id, "本文\x01", NULL, 0, OWNER, &number, &e),
	    MM_EINVAL);
	assert_has(e.msg, "制御文字");
	assert_int_equal(document_save(&A, &O, id, "\x1b[31m赤\n", NULL, 0, OWNER, &number, &e),
	    MM_EINVAL);
	assert_int_equal(document_save(&A, &O, id, "本文\x7f\n", NULL, 0, OWNER, &number, &e),
	    MM_EINVAL);
	assert_int_equal(document_save(&A, &O, id, "本文\f\n", NULL, 0, OWNER, &number, &e),
	    MM_EINVAL);
	assert_int_equal(document_save(&A, &O, id, "\xff\xfe text\n", NULL, 0, OWNER, &number, &e),
	    MM_EINVAL);
	assert_has(e.msg, "UTF-8");
	assert_int_equal(document_save(&A, &O, id, "cut \xe3\x81\n", NULL, 0, OWNER, &number, &e),
	    MM_EINVAL);
	assert_int_equal(document_save(&A, &O, id, "overlong \xc0\xaf\n", NULL, 0, OWNER, &number,
	    &e), MM_EINVAL);
	/* the same text, also with other line ends */
	assert_int_equal(document_save(&A, &O, id, "# 方針\n\n三版\n", NULL, 0, OWNER, &number, &e),
	    MM_EINVAL);
	assert_has(e.msg, "変更がありません");
	assert_int_equal(document_save(&A, &O, id, "# 方針\r\n\r\n三版\r\n\r\n", NULL, 0, OWNER,
	    &number, &e), MM_EINVAL);
	/* a note over 200 characters or with a control character */
	memset(text, 0, sizeof(text));
	memset(text, 'n', 201);
	assert_int_equal(document_save(&A, &O, id, "新しい本文\n", text, 0, OWNER, &number, &e),
	    MM_EINVAL);
	assert_int_equal(document_save(&A, &O, id, "新しい本文\n", "a\x01", 0, OWNER, &number, &e),
	    MM_EINVAL);
	/* over DOCUMENT_MARKDOWN_MAX */
	big = malloc(DOCUMENT_MARKDOWN_MAX + 2);
	assert_non_null(big);
	memset(big, 'a', DOCUMENT_MARKDOWN_MAX + 1);
	big[DOCUMENT_MARKDOWN_MAX + 1] = '\0';
	assert_int_equal(document_save(&A, &O, id, big, NULL, 0, OWNER, &number, &e), MM_EINVAL);
	assert_has(e.msg, "長すぎ");
	/* a stale base: version 2 was the newest when the edit began */
	assert_int_equal(document_save(&A, &O, id, "別の本文\n", NULL, 2, OWNER, &number, &e),
	    MM_ECONFLICT);
	assert_int_equal(document_save(&A, &O, id, "別の本文\n", NULL, 99, OWNER, &number, &e),
	    MM_ECONFLICT);
	/* no such document */
	assert_int_equal(document_save(&A, &O, 9999, "別の本文\n", NULL, 0, OWNER, &number, &e),
	    MM_ENOTFOUND);
	assert_int_equal(versions(id), v0);
	assert_int_equal(audits(), n0);

	/* DOCUMENT_MARKDOWN_MAX bytes pass */
	big[DOCUMENT_MARKDOWN_MAX] = '\0';
	assert_ok(document_save(&A, &O, id, big, NULL, (int)v0, OWNER, &number, &e), e);
	assert_int_equal(number, v0 + 1);
	free(big);
	/* base 0 skips the check */
	assert_ok(document_save(&A, &O, id, "最後の本文\n", NULL, 0, OWNER, &number, &e), e);
	assert_int_equal(number, v0 + 2);
	assert_int_equal(audits(), n0 + 2);
}

static void
test_approve_publish(void **state)
{
	long long id, n0, r0;
	struct err e;
	json_t *v;

	(void)state;
	memset(&e, 0, sizeof(e));
	id = gen(&O, "policy", NULL);
	save(id, "# 方針\n\n第二版\n");

	/* refused approvals */
	n0 = audits();
	r0 = all_rows();
	assert_int_not_equal(document_approve(&A, &O, id, 0, MEMBER, &e), MM_OK);
	assert_has(e.msg, "owner");
	assert_int_not_equal(document_approve(&A, &O, id, 0, EDITOR, &e), MM_OK);
	assert_int_not_equal(document_approve(&A, &O, id, 0, SUPPORTER, &e), MM_OK);
	assert_int_not_equal(document_approve(&A, &O, id, 0, 0, &e), MM_OK);
	assert_int_not_equal(document_approve(&A, &O, id, 0, OTHER, &e), MM_OK);
	assert_int_equal(document_approve(&A, &O, id, 1, OWNER, &e), MM_ECONFLICT);
	assert_has(e.msg, "最新");
	assert_int_equal(document_approve(&A, &O, id, 3, OWNER, &e), MM_ENOTFOUND);
	assert_int_equal(document_approve(&A, &O, 9999, 0, OWNER, &e), MM_ENOTFOUND);
	/* refused publications: nothing approved yet */
	assert_int_equal(document_publish(&A, &O, id, 0, &e), MM_ECONFLICT);
	assert_int_equal(document_publish(&A, &O, id, 2, &e), MM_ECONFLICT);
	assert_int_equal(document_publish(&A, &O, id, 1, &e), MM_ECONFLICT);
	assert_int_equal(document_publish(&A, &O, id, 7, &e), MM_ENOTFOUND);
	assert_int_equal(document_publish(&A, &O, 9999, 0, &e), MM_ENOTFOUND);
	assert_int_equal(audits(), n0);
	assert_int_equal(all_rows(), r0);
	assert_int_equal(versions(id), 2);

	/* the owner approves the newest */
	approve(id, 0);
	assert_int_equal(mmw_audit_actions(A.db, "document.approve"), 1);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT approved_by FROM document_version"
	    " WHERE number = 2 AND approved_at IS NOT NULL"), OWNER);
	v = view(&O, id, 0, 0, false);
	assert_string_equal(str(v, "status"), "approved");
	assert_int_equal(num(v, "current"), 0);
	assert_string_equal(str(json_object_get(v, "version"), "approved_by"), "山田 太郎");
	json_decref(v);
	n0 = audits();
	r0 = all_rows();
	assert_int_equal(document_approve(&A, &O, id, 0, OWNER, &e), MM_ECONFLICT);
	assert_int_equal(document_approve(&A, &O, id, 2, OWNER, &e), MM_ECONFLICT);
	assert_int_equal(document_approve(&A, &O, id, 1, OWNER, &e), MM_ECONFLICT);
	assert_int_equal(document_publish(&A, &O, id, 1, &e), MM_ECONFLICT); /* a draft */
	assert_int_equal(audits(), n0);
	assert_int_equal(all_rows(), r0);

	/* published: the current version */
	publish(id, 0);
	assert_int_equal(mmw_audit_actions(A.db, "document.publish"), 1);
	v = view(&O, id, 0, 0, false);
	assert_string_equal(str(v, "status"), "published");
	assert_int_equal(num(v, "current"), 2);
	assert_non_null(str(json_object_get(v, "version"), "published_at"));
	json_decref(v);
	n0 = audits();
	r0 = all_rows();
	assert_int_equal(document_publish(&A, &O, id, 0, &e), MM_ECONFLICT);
	assert_has(e.msg, "すでに公開");
	assert_int_equal(document_publish(&A, &O, id, 2, &e), MM_ECONFLICT);
	assert_int_equal(audits(), n0);
	assert_int_equal(all_rows(), r0);

	/* version 3 approved and published; version 2 may not come back */
	save(id, "# 方針\n\n第三版\n");
	v = view(&O, id, 0, 0, false);
	assert_int_equal(num(v, "current"), 2);
	assert_int_equal(num(v, "newest"), 3);
	assert_string_equal(str(v, "status"), "draft");
	json_decref(v);
	approve(id, 3);
	publish(id, 3);
	v = view(&O, id, 0, 0, false);
	assert_int_equal(num(v, "current"), 3);
	json_decref(v);
	assert_int_equal(versions(id), 3);
}

static void
test_publish_older(void **state)
{
	long long id, n0;
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	id = gen(&O, "handbook", NULL);
	approve(id, 1);
	save(id, "# ハンドブック\n\n第二版\n");
	approve(id, 2);
	/* nothing published yet: the older approved version may be */
	publish(id, 1);
	publish(id, 2);
	/* but not once a newer one is */
	save(id, "# ハンドブック\n\n第三版\n");
	approve(id, 3);
	publish(id, 3);
	n0 = audits();
	assert_int_equal(document_publish(&A, &O, id, 1, &e), MM_ECONFLICT);
	assert_int_equal(document_publish(&A, &O, id, 2, &e), MM_ECONFLICT);
	assert_int_equal(audits(), n0);
	assert_int_equal(versions(id), 3);
}

static void
test_acknowledge(void **state)
{
	long long id, rid, n0;
	int number = 0;
	struct err e;
	json_t *v, *r, *p;
	size_t i;

	(void)state;
	memset(&e, 0, sizeof(e));
	id = gen(&O, "policy", NULL);
	rid = gen(&O, "regulations", NULL);
	assert_int_equal(to_read(MEMBER), 0);

	/* nothing published */
	n0 = audits();
	assert_int_equal(document_acknowledge(&A, &O, id, MEMBER, &number, &e), MM_ECONFLICT);
	approve(id, 0);
	assert_int_equal(document_acknowledge(&A, &O, id, MEMBER, &number, &e), MM_ECONFLICT);
	assert_int_equal(document_acknowledge(&A, &O, 9999, MEMBER, &number, &e), MM_ENOTFOUND);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM document_ack"), 0);
	assert_int_equal(audits(), n0 + 1); /* the approval only */

	publish(id, 0);
	assert_int_equal(to_read(MEMBER), 1);
	assert_int_equal(to_read(OWNER), 1);
	assert_int_equal(to_read(0), 1);
	/* the regulations are not published: not to read */
	approve(rid, 0);
	assert_int_equal(to_read(MEMBER), 1);

	v = view(&O, id, 0, MEMBER, true);
	r = json_object_get(v, "readers");
	assert_non_null(r);
	assert_int_equal(num(r, "number"), 1);
	assert_int_equal(num(r, "total"), 3); /* owner, member, editor */
	assert_int_equal(num(r, "acked"), 0);
	json_array_foreach(json_object_get(r, "pending"), i, p) {
		assert_string_not_equal(str(p, "email"), "help@example.jp");
		assert_string_not_equal(str(p, "email"), "gone@example.jp");
	}
	assert_false(json_is_true(json_object_get(v, "acked")));
	json_decref(v);

	/* 読みました, twice: one record */
	n0 = audits();
	number = 0;
	assert_ok(document_acknowledge(&A, &O, id, MEMBER, &number, &e), e);
	assert_int_equal(number, 1);
	assert_ok(document_acknowledge(&A, &O, id, MEMBER, NULL, &e), e);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM document_ack"), 1);
	assert_int_equal(audits(), n0 + 1);
	assert_int_equal(mmw_audit_actions(A.db, "document.acknowledge"), 1);
	assert_int_equal(to_read(MEMBER), 0);
	assert_int_equal(to_read(OWNER), 1);

	v = view(&O, id, 0, MEMBER, true);
	assert_true(json_is_true(json_object_get(v, "acked")));
	assert_string_equal(str(v, "acked_at"), T0);
	r = json_object_get(v, "readers");
	assert_int_equal(num(r, "total"), 3);
	assert_int_equal(num(r, "acked"), 1);
	assert_int_equal(json_array_size(json_object_get(r, "done")), 1);
	assert_string_equal(str(json_array_get(json_object_get(r, "done"), 0), "email"),
	    "hanako@example.jp");
	assert_int_equal(json_array_size(json_object_get(r, "pending")), 2);
	json_decref(v);
	{
		json_t *l = document_list_view(&A, &O, LANG_JA, MEMBER, &e), *d;
		assert_non_null(l);
		d = json_array_get(json_object_get(l, "documents"), 0);
		assert_string_equal(str(d, "kind"), "policy");
		assert_string_equal(str(d, "status"), "published");
		assert_true(json_is_true(json_object_get(d, "acked")));
		assert_string_equal(str(d, "acked_at"), T0);
		json_decref(l);
	}

	/* a new version published: to read again */
	save(id, "# 方針\n\n改訂版\n");
	assert_int_equal(to_read(MEMBER), 0); /* a draft does not change the current */
	approve(id, 0);
	publish(id, 0);
	assert_int_equal(to_read(MEMBER), 1);
	assert_ok(document_acknowledge(&A, &O, id, MEMBER, &number, &e), e);
	assert_int_equal(number, 2);
	assert_int_equal(to_read(MEMBER), 0);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM document_ack"), 2);
}

static void
test_list_view(void **state)
{
	struct err e;
	json_t *l, *d;
	size_t i;
	long long id;

	(void)state;
	memset(&e, 0, sizeof(e));
	l = document_list_view(&A, &O, LANG_JA, 0, &e);
	assert_non_null(l);
	assert_int_equal(json_array_size(json_object_get(l, "documents")), 3);
	json_array_foreach(json_object_get(l, "documents"), i, d) {
		assert_string_equal(str(d, "status"), "none");
		assert_null(json_object_get(d, "id"));
		assert_int_equal(num(d, "versions"), 0);
	}
	assert_string_equal(str(json_array_get(json_object_get(l, "documents"), 0), "kind"), "policy");
	assert_int_equal(num(l, "to_read"), 0);
	json_decref(l);

	id = gen(&O, "handbook", NULL);
	save(id, "# 手引き\n");
	approve(id, 0);
	l = document_list_view(&A, &O, LANG_JA, 0, &e);
	json_array_foreach(json_object_get(l, "documents"), i, d) {
		if (strcmp(str(d, "kind"), "handbook") != 0)
			continue;
		assert_int_equal(num(d, "id"), id);
		assert_string_equal(str(d, "status"), "approved");
		assert_int_equal(num(d, "versions"), 2);
		assert_int_equal(num(d, "approved"), 2);
		assert_int_equal(num(d, "published"), 0);
		assert_null(json_object_get(d, "acked"));
	}
	json_decref(l);
	/* another organisation's list is empty */
	l = document_list_view(&A, &P, LANG_JA, OTHER, &e);
	json_array_foreach(json_object_get(l, "documents"), i, d)
		assert_string_equal(str(d, "status"), "none");
	json_decref(l);
}

static void
test_state(void **state)
{
	bool est = true, pub = true, hb = true;
	long long id, hid;
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(document_state(&A, &O, &est, &pub, &hb, &e), e);
	assert_false(est);
	assert_false(pub);
	assert_false(hb);
	assert_ok(document_state(&A, &O, NULL, NULL, NULL, &e), e);

	id = gen(&O, "policy", NULL);
	hid = gen(&O, "handbook", NULL);
	assert_ok(document_state(&A, &O, &est, &pub, &hb, &e), e);
	assert_false(est);
	assert_false(pub);
	assert_false(hb);

	approve(id, 0);
	approve(hid, 0);
	assert_ok(document_state(&A, &O, &est, &pub, &hb, &e), e);
	assert_true(est);
	assert_false(pub);
	assert_false(hb);

	publish(id, 0);
	assert_ok(document_state(&A, &O, &est, &pub, &hb, &e), e);
	assert_true(est);
	assert_true(pub);
	assert_false(hb);

	/* a new draft of the policy leaves it established and published */
	save(id, "# 方針\n\n改訂案\n");
	assert_ok(document_state(&A, &O, &est, &pub, &hb, &e), e);
	assert_true(est);
	assert_true(pub);

	publish(hid, 0);
	assert_ok(document_state(&A, &O, &est, &pub, &hb, &e), e);
	assert_true(hb);

	/* the other organisation has none of it */
	assert_ok(document_state(&A, &P, &est, &pub, &hb, &e), e);
	assert_false(est);
	assert_false(pub);
	assert_false(hb);
}

static void
test_view_versions(void **state)
{
	static const char evil[] =
	    "# 方針\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n"
	    "<img src=x onerror=alert(1)>\n";
	char text[4096];
	long long id;
	struct err e;
	json_t *v, *vs;
	const char *html;

	(void)state;
	memset(&e, 0, sizeof(e));
	id = gen(&O, "policy", NULL);
	save(id, "# 方針\n\n二版\n");
	save(id, evil);

	v = view(&O, id, 2, 0, false);
	assert_int_equal(num(v, "number"), 2);
	assert_int_equal(num(v, "newest"), 3);
	assert_int_equal(num(v, "current"), 0);
	assert_string_equal(str(v, "markdown"), "# 方針\n\n二版\n");
	assert_string_equal(str(v, "kind"), "policy");
	assert_int_equal(num(v, "id"), id);
	vs = json_object_get(v, "versions");
	assert_int_equal(json_array_size(vs), 3);
	assert_int_equal(num(json_array_get(vs, 0), "number"), 3);
	assert_int_equal(num(json_array_get(vs, 2), "number"), 1);
	assert_int_equal(num(json_array_get(vs, 1), "bytes"), (long long)strlen("# 方針\n\n二版\n"));
	assert_null(json_object_get(v, "readers")); /* nothing published */
	json_decref(v);

	v = view(&O, id, 1, 0, false);
	stored(id, 1, text, sizeof(text));
	assert_string_equal(str(v, "markdown"), text);
	assert_string_equal(str(json_object_get(v, "version"), "origin"), "generated");
	json_decref(v);

	v = view(&O, id, 0, 0, false);
	assert_int_equal(num(v, "number"), 3);
	assert_string_equal(str(v, "markdown"), evil);
	html = str(v, "html");
	assert_non_null(html);
	assert_lacks(html, "<script");
	assert_lacks(html, "javascript:");
	assert_lacks(html, "<img");
	assert_lacks(html, "onerror");
	json_decref(v);

	/* no such version */
	assert_null(document_view(&A, &O, id, 4, LANG_JA, 0, false, &e));
	assert_int_equal(e.code, MM_ENOTFOUND);
	assert_null(document_view(&A, &O, 9999, 0, LANG_JA, 0, false, &e));
	assert_int_equal(e.code, MM_ENOTFOUND);
}

/* LINES lines "line N" into OUT, line CHANGED (1-based, 0: none) as
 * "changed" */
static void
lines_text(char *out, size_t n, int lines, int changed)
{
	size_t k = 0;
	int i;

	out[0] = '\0';
	for (i = 1; i <= lines; i++)
		k += (size_t)snprintf(out + k, n - k, i == changed ? "changed %d\n" : "line %d\n", i);
}

/* the ops of diff D joined with "," ("skip" with its count: "skip12") */
static void
ops(json_t *d, char *out, size_t n)
{
	json_t *l;
	size_t i, k = 0;

	out[0] = '\0';
	json_array_foreach(json_object_get(d, "lines"), i, l) {
		if (strcmp(str(l, "op"), "skip") == 0)
			k += (size_t)snprintf(out + k, n - k, "%sskip%lld", i ? "," : "", num(l, "count"));
		else
			k += (size_t)snprintf(out + k, n - k, "%s%s", i ? "," : "", str(l, "op"));
	}
}

static json_t *
diff(long long id, int from, int to)
{
	struct err e;
	json_t *d;

	memset(&e, 0, sizeof(e));
	d = document_diff_view(&A, &O, id, from, to, &e);
	if (d == NULL) {
		print_error("document_diff_view: %s\n", e.msg);
		fail();
	}
	return d;
}

static void
test_diff(void **state)
{
	char a[2048], b[2048], got[1024];
	long long id;
	struct err e;
	json_t *d, *l;
	size_t i;

	(void)state;
	memset(&e, 0, sizeof(e));
	id = gen(&O, "policy", NULL);
	lines_text(a, sizeof(a), 30, 0);
	lines_text(b, sizeof(b), 30, 15);
	assert_int_equal(save(id, a), 2);
	assert_int_equal(save(id, b), 3);

	/* 14 unchanged lines before the change, 15 after: three shown on
	 * each side of it, the rest folded */
	d = diff(id, 2, 3);
	assert_int_equal(num(d, "from"), 2);
	assert_int_equal(num(d, "to"), 3);
	assert_int_equal(num(d, "added"), 1);
	assert_int_equal(num(d, "removed"), 1);
	ops(d, got, sizeof(got));
	assert_string_equal(got, "skip11,same,same,same,del,add,same,same,same,skip12");
	json_array_foreach(json_object_get(d, "lines"), i, l) {
		if (strcmp(str(l, "op"), "del") == 0) {
			assert_string_equal(str(l, "text"), "line 15");
			assert_int_equal(num(l, "old"), 15);
			assert_null(json_object_get(l, "new"));
		} else if (strcmp(str(l, "op"), "add") == 0) {
			assert_string_equal(str(l, "text"), "changed 15");
			assert_int_equal(num(l, "new"), 15);
		} else if (strcmp(str(l, "op"), "same") == 0) {
			assert_non_null(json_object_get(l, "old"));
			assert_non_null(json_object_get(l, "new"));
		}
	}
	json_decref(d);

	/* two changes with 20 unchanged lines between them */
	lines_text(a, sizeof(a), 24, 0);
	{
		size_t k = 0;
		int j;
		b[0] = '\0';
		for (j = 1; j <= 24; j++)
			k += (size_t)snprintf(b + k, sizeof(b) - k,
			    j == 2 || j == 23 ? "changed %d\n" : "line %d\n", j);
	}
	assert_int_equal(save(id, a), 4);
	assert_int_equal(save(id, b), 5);
	d = diff(id, 4, 5);
	ops(d, got, sizeof(got));
	assert_string_equal(got, "same,del,add,same,same,same,skip14,same,same,same,del,add,same");
	assert_int_equal(num(d, "added"), 2);
	json_decref(d);

	/* a version with itself: everything folded */
	d = diff(id, 5, 5);
	ops(d, got, sizeof(got));
	assert_string_equal(got, "skip24");
	assert_int_equal(num(d, "added"), 0);
	assert_int_equal(num(d, "removed"), 0);
	json_decref(d);

	/* a short text is not folded */
	assert_int_equal(save(id, "a\nb\nc\n"), 6);
	assert_int_equal(save(id, "a\nx\nc\n"), 7);
	d = diff(id, 6, 7);
	ops(d, got, sizeof(got));
	assert_string_equal(got, "same,del,add,same");
	json_decref(d);

	/* backwards */
	d = diff(id, 7, 6);
	assert_int_equal(num(d, "from"), 7);
	json_array_foreach(json_object_get(d, "lines"), i, l)
		if (strcmp(str(l, "op"), "add") == 0)
			assert_string_equal(str(l, "text"), "b");
	json_decref(d);

	assert_null(document_diff_view(&A, &O, id, 1, 99, &e));
	assert_int_equal(e.code, MM_ENOTFOUND);
	assert_null(document_diff_view(&A, &O, id, 0, 1, &e));
	assert_int_equal(e.code, MM_ENOTFOUND);
}

static void
test_render(void **state)
{
	char text[4096], title[DOCUMENT_TITLE_MAX];
	struct buf b;
	long long id;
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	id = gen(&O, "policy", NULL);
	save(id, "# 方針\n\n二版\n");
	save(id, "# 方針\n\n三版\n");
	buf_init(&b, 64u * 1024 * 1024);

	/* nothing published: the newest */
	assert_ok(document_render(&A, &O, id, 0, "md", LANG_JA, &b, title, &e), e);
	assert_string_equal(buf_cstr(&b), "# 方針\n\n三版\n");
	assert_string_equal(title, "情報セキュリティ基本方針");
	b.len = 0;
	assert_ok(document_render(&A, &O, id, 1, "md", LANG_JA, &b, NULL, &e), e);
	stored(id, 1, text, sizeof(text));
	assert_string_equal(buf_cstr(&b), text);
	assert_has(buf_cstr(&b), "文書テスト株式会社");

	/* version 3 published and a draft on top of it: 0 is the current */
	approve(id, 0);
	publish(id, 0);
	save(id, "# 方針\n\n四版 (下書き)\n");
	b.len = 0;
	assert_ok(document_render(&A, &O, id, 0, "md", LANG_JA, &b, NULL, &e), e);
	assert_string_equal(buf_cstr(&b), "# 方針\n\n三版\n");
	b.len = 0;
	assert_ok(document_render(&A, &O, id, 4, "md", LANG_JA, &b, NULL, &e), e);
	assert_string_equal(buf_cstr(&b), "# 方針\n\n四版 (下書き)\n");

	b.len = 0;
	assert_ok(document_render(&A, &O, id, 2, "html", LANG_JA, &b, NULL, &e), e);
	assert_has(buf_cstr(&b), "<h1>");
	assert_has(buf_cstr(&b), "二版");
	b.len = 0;
	assert_ok(document_render(&A, &O, id, 0, "pdf", LANG_JA, &b, NULL, &e), e);
	assert_true(b.len > 100);
	assert_memory_equal(buf_cstr(&b), "%PDF-", 5);
	b.len = 0;
	assert_ok(document_render(&A, &O, id, 0, "docx", LANG_JA, &b, NULL, &e), e);
	assert_true(b.len > 100);
	assert_memory_equal(buf_cstr(&b), "PK", 2);

	b.len = 0;
	assert_int_equal(document_render(&A, &O, id, 0, "rtf", LANG_JA, &b, NULL, &e), MM_EINVAL);
	assert_int_equal(document_render(&A, &O, id, 5, "md", LANG_JA, &b, NULL, &e), MM_ENOTFOUND);
	assert_int_equal(document_render(&A, &O, 9999, 0, "md", LANG_JA, &b, NULL, &e),
	    MM_ENOTFOUND);
	buf_free(&b);
}

/* a document of O asked for as a document of P */
static void
test_other_organisation(void **state)
{
	char title[DOCUMENT_TITLE_MAX];
	long long id, n0, r0;
	int number = 0;
	struct buf b;
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	id = gen(&O, "policy", NULL);
	save(id, "# 方針\n\n二版\n");
	approve(id, 0);
	publish(id, 0);
	save(id, "# 方針\n\n三版\n");
	n0 = audits();
	r0 = all_rows();
	buf_init(&b, 1024 * 1024);

	assert_int_equal(document_save(&A, &P, id, "別の本文\n", NULL, 0, OTHER, &number, &e),
	    MM_ENOTFOUND);
	assert_int_equal(document_approve(&A, &P, id, 0, OTHER, &e), MM_ENOTFOUND);
	assert_int_equal(document_publish(&A, &P, id, 0, &e), MM_ENOTFOUND);
	assert_int_equal(document_acknowledge(&A, &P, id, OTHER, &number, &e), MM_ENOTFOUND);
	assert_null(document_view(&A, &P, id, 0, LANG_JA, OTHER, true, &e));
	assert_int_equal(e.code, MM_ENOTFOUND);
	assert_null(document_view(&A, &P, id, 1, LANG_JA, 0, false, &e));
	assert_int_equal(e.code, MM_ENOTFOUND);
	assert_null(document_diff_view(&A, &P, id, 1, 2, &e));
	assert_int_equal(e.code, MM_ENOTFOUND);
	assert_int_equal(document_render(&A, &P, id, 0, "md", LANG_JA, &b, title, &e),
	    MM_ENOTFOUND);
	assert_int_equal(b.len, 0);
	/* the owner of O acting on P */
	assert_int_equal(document_approve(&A, &P, id, 0, OWNER, &e), MM_ENOTFOUND);

	assert_int_equal(audits(), n0);
	assert_int_equal(all_rows(), r0);
	assert_int_equal(versions(id), 3);
	buf_free(&b);
}

/* the database itself keeps versions as they are */
static void
test_immutable(void **state)
{
	char msg[512], q[256];
	long long id, vid;

	(void)state;
	id = gen(&O, "policy", NULL);
	approve(id, 0);
	publish(id, 0);
	snprintf(q, sizeof(q), "SELECT id FROM document_version WHERE document_id = %lld", id);
	vid = mmt_sql_int(DBFILE, q);
	snprintf(q, sizeof(q), "UPDATE document_version SET markdown = 'x' WHERE id = %lld", vid);
	assert_int_not_equal(mmt_sql_rc(DBFILE, q, msg, sizeof(msg)), SQLITE_OK);
	assert_has(msg, "immutable");
	snprintf(q, sizeof(q), "DELETE FROM document_version WHERE id = %lld", vid);
	assert_int_not_equal(mmt_sql_rc(DBFILE, q, msg, sizeof(msg)), SQLITE_OK);
	assert_has(msg, "immutable");
	snprintf(q, sizeof(q), "UPDATE document_version SET published_at = NULL,"
	    " approved_at = NULL, approved_by = NULL WHERE id = %lld", vid);
	assert_int_not_equal(mmt_sql_rc(DBFILE, q, msg, sizeof(msg)), SQLITE_OK);
	assert_has(msg, "immutable");
	snprintf(q, sizeof(q), "UPDATE document_version SET approved_by = %lld WHERE id = %lld",
	    MEMBER, vid);
	assert_int_not_equal(mmt_sql_rc(DBFILE, q, msg, sizeof(msg)), SQLITE_OK);
	assert_has(msg, "immutable");
	assert_int_equal(versions(id), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_generate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save, setup, teardown),
		cmocka_unit_test_setup_teardown(test_approve_publish, setup, teardown),
		cmocka_unit_test_setup_teardown(test_publish_older, setup, teardown),
		cmocka_unit_test_setup_teardown(test_acknowledge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_view, setup, teardown),
		cmocka_unit_test_setup_teardown(test_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_versions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_diff, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_organisation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_immutable, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
