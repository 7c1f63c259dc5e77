/* test_asset_service.c — the 情報資産管理台帳 use cases
 * (app/asset_service.h) on a temporary database: create, edit, bulk edit
 * (all or nothing), duplicate, remove, treatment and threat rating; one
 * audit record per asset changed and none for a refused change; the rule
 * that 要配慮個人情報 and 特定個人情報 make 機密性 3; the derived risk
 * recomputed when the threat rating changes and when a 自社診断 is
 * completed; another organisation's asset is never found. */
#include "support/mm_diag.h"

#include "app/asset_service.h"
#include "app/diag_input.h"
#include "app/diag_service.h"

#define DBFILE "asset.db"
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
assets(void)
{
	return mmt_sql_int(DBFILE, "SELECT count(*) FROM asset");
}

/* an input with the required fields */
static struct asset_input
input(const char *name, const char *medium, const char *c, const char *i, const char *a)
{
	struct asset_input in;

	memset(&in, 0, sizeof(in));
	in.name = name;
	in.medium = medium;
	in.c = c;
	in.i = i;
	in.a = a;
	return in;
}

/* create NAME on MEDIUM with C/I/A in organisation ORG (asserted) */
static struct asset
make(const struct org *org, const char *name, const char *medium, const char *c,
    const char *i, const char *a)
{
	struct asset_input in = input(name, medium, c, i, a);
	struct asset out;
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(asset_create(&A, org, &in, &out, &e), e);
	return out;
}

static struct asset
get(const struct org *org, long long id)
{
	struct asset as;
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(asset_get(A.db, org->id, id, &as, &e), e);
	return as;
}

/* the action of the last audit record */
static long long
last_audit_is(const char *action)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit_log WHERE id ="
	    " (SELECT max(id) FROM audit_log) AND action = '%s'", action);
	return mmt_sql_int(DBFILE, sql);
}

/* every stored field of X and Y is the same */
static void
assert_same_asset(const struct asset *x, const struct asset *y)
{
	assert_int_equal(x->id, y->id);
	assert_string_equal(x->name, y->name);
	assert_string_equal(x->department, y->department);
	assert_string_equal(x->medium, y->medium);
	assert_int_equal(x->c, y->c);
	assert_int_equal(x->i, y->i);
	assert_int_equal(x->a, y->a);
	assert_int_equal(x->personal, y->personal);
	assert_int_equal(x->sensitive, y->sensitive);
	assert_int_equal(x->threat_override, y->threat_override);
	assert_int_equal(x->risk_value, y->risk_value);
	assert_string_equal(x->updated_at, y->updated_at);
	assert_int_equal(x->has_treatment, y->has_treatment);
}

/* record a completed 自社診断 of O with every item "yes" except the
 * letters given in OVERRIDE at the items of medium MEDIUM: the first
 * mapped item gets OVERRIDE[0], the second OVERRIDE[1], …; a letter
 * beyond OVERRIDE's end repeats its last one ("" changes nothing) */
static void
record_for_medium(const char *medium, const char *override)
{
	const struct risk_medium *md = risk_medium_find(&A.cat->risk, medium);
	struct diag_input in;
	struct err e;
	long long id;
	size_t k, n = strlen(override);

	assert_non_null(md);
	assert_true(md->nitems > 1);
	memset(&in, 0, sizeof(in));
	memset(&e, 0, sizeof(e));
	in.sheet = mmt_all(&A.cat->diag, DIAG_YES);
	for (k = 0; n > 0 && k < md->nitems; k++)
		in.sheet.answers[md->items[k] - 1] = mmt_letter(override[k < n ? k : n - 1]);
	assert_ok(diag_record(&A, &O, "山田", &in, &id, &e), e);
}

/* ---------------------------------------------------------------- create */

static void
test_create(void **state)
{
	struct asset_input in = input("  顧客名簿  ", "事務所PC", "2", "３", "1");
	struct asset out, got;
	struct err e;
	long long n0 = audits();

	(void)state;
	memset(&e, 0, sizeof(e));
	in.business_category = "営業";
	in.note = "取引先の担当者と連絡先";
	in.users_scope = "営業部";
	in.department = "営業部";
	in.personal = "○";
	in.retention = "取引終了後5年";
	assert_ok(asset_create(&A, &O, &in, &out, &e), e);
	assert_true(out.id > 0);
	assert_int_equal(out.org_id, O.id);
	assert_string_equal(out.name, "顧客名簿");
	assert_string_equal(out.medium, "office-pc");
	assert_true(out.personal);
	assert_false(out.sensitive);
	assert_int_equal(out.c, 2);
	assert_int_equal(out.i, 3);
	assert_int_equal(out.a, 1);
	assert_string_equal(out.registered_on, "2026-04-01");
	/* the derived columns: 重要度 = max(C, I, A); T the catalog default
	 * (未評価), V 3 without a diagnosis; 可能性 = max(1, T + V − 3) */
	assert_int_equal(out.importance, 3);
	assert_int_equal(out.threat, 2);
	assert_string_equal(out.threat_source, "default");
	assert_int_equal(out.vulnerability, 3);
	assert_string_equal(out.vulnerability_source, "default");
	assert_int_equal(out.likelihood, 2);
	assert_int_equal(out.risk_value, 6);
	assert_string_equal(out.band, "risk-high");
	assert_false(out.has_treatment);
	got = get(&O, out.id);
	assert_string_equal(got.note, "取引先の担当者と連絡先");
	assert_string_equal(got.retention, "取引終了後5年");
	assert_int_equal(got.risk_value, 6);
	assert_string_equal(got.created_at, T0);
	assert_int_equal(audits(), n0 + 1);
	assert_int_equal(last_audit_is("asset.create"), 1);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT json_extract(after, '$.c') FROM audit_log"
	    " ORDER BY id DESC LIMIT 1"), 2);
}

static void
test_create_refused(void **state)
{
	struct asset out;
	struct err e;
	long long n0 = audits();
	char longname[400];
	size_t k;
	struct {
		struct asset_input in;
		const char *msg;
	} bad[12];

	(void)state;
	memset(&e, 0, sizeof(e));
	for (k = 0; k < 101; k++)
		longname[k] = 'x';
	longname[k] = '\0';
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		bad[k].in = input("台帳", "paper", "1", "1", "1");
	bad[0].in.name = NULL, bad[0].msg = "情報資産名称 を入力してください";
	bad[1].in.name = "   ", bad[1].msg = "情報資産名称 を入力してください";
	bad[2].in.medium = "金庫", bad[2].msg = "媒体・保存先 \"金庫\"";
	bad[3].in.medium = NULL, bad[3].msg = "媒体・保存先";
	bad[4].in.c = "4", bad[4].msg = "機密性 は 1、2、3 のどれかです: 4";
	bad[5].in.a = NULL, bad[5].msg = "可用性 は 1、2、3 のどれかです: (空欄)";
	bad[6].in.personal = "maybe", bad[6].msg = "個人情報 は ○ か空欄";
	bad[7].in.registered_on = "2026-02-30", bad[7].msg = "登録日は 2026-04-01 の形の日付です";
	bad[8].in.threat_override = "0", bad[8].msg = "脅威の発生頻度 は 1、2、3 か空欄です: 0";
	bad[9].in.name = longname, bad[9].msg = "情報資産名称 は 100 文字までです";
	bad[10].in.note = "a\tb", bad[10].msg = "備考 に制御文字は使えません";
	bad[11].in.i = "2 ", bad[11].msg = "完全性 は 1、2、3 のどれかです";
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		err_clear(&e);
		assert_int_equal(asset_create(&A, &O, &bad[k].in, &out, &e), MM_EINVAL);
		assert_has(e.msg, bad[k].msg);
	}
	assert_int_equal(audits(), n0);
	assert_int_equal(assets(), 0);
}

/* asset_apply names the field that is wrong, for the importer */
static void
test_apply_names_field(void **state)
{
	struct risk_context *ctx = malloc(sizeof(*ctx));
	struct asset base, out;
	struct asset_input in = input("台帳", "paper", "1", "x", "1");
	const char *field = NULL;
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	memset(&base, 0, sizeof(base));
	assert_non_null(ctx);
	assert_ok(risk_context_load(&A, O.id, ctx, &e), e);
	assert_int_equal(asset_apply(&A, ctx, &in, &base, &out, &field, &e), MM_EINVAL);
	assert_non_null(field);
	assert_string_equal(field, "i");
	in.i = "1";
	in.medium = "??";
	assert_int_equal(asset_apply(&A, ctx, &in, &base, &out, &field, &e), MM_EINVAL);
	assert_string_equal(field, "medium");
	/* the id, or the label in either language */
	in.medium = ltext_get(&risk_medium_find(&A.cat->risk, "paper")->label, LANG_EN);
	err_clear(&e);
	assert_ok(asset_apply(&A, ctx, &in, &base, &out, &field, &e), e);
	assert_string_equal(out.medium, "paper");
	in.medium = "書類";
	assert_ok(asset_apply(&A, ctx, &in, &base, &out, &field, &e), e);
	assert_string_equal(out.medium, "paper");
	assert_int_equal(assets(), 0);
	free(ctx);
}

/* mamori's rule: 要配慮個人情報 or 特定個人情報 → 機密性 3 */
static void
test_sensitive_forces_c3(void **state)
{
	struct asset_input in = input("健康診断結果", "paper", "1", "1", "1");
	struct asset out;
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	in.sensitive = "はい";
	assert_ok(asset_create(&A, &O, &in, &out, &e), e);
	assert_int_equal(out.c, 3);
	assert_int_equal(out.importance, 3);
	assert_int_equal(get(&O, out.id).c, 3);

	in = input("マイナンバー台帳", "paper", "2", "1", "1");
	in.my_number = "1";
	assert_ok(asset_create(&A, &O, &in, &out, &e), e);
	assert_int_equal(out.c, 3);

	/* an existing asset that becomes sensitive; lowering C is refused
	 * silently by the rule */
	out = make(&O, "社員名簿", "office-pc", "1", "1", "1");
	assert_int_equal(out.importance, 1);
	in = input("社員名簿", NULL, "1", NULL, NULL);
	in.my_number = "○";
	assert_ok(asset_edit(&A, &O, out.id, &in, &out, &e), e);
	assert_int_equal(out.c, 3);
	assert_int_equal(out.importance, 3);
	assert_int_equal(out.risk_value, 6);
	/* not sensitive any more: C stays what it is until changed */
	in = input("社員名簿", NULL, "1", NULL, NULL);
	in.my_number = "×";
	assert_ok(asset_edit(&A, &O, out.id, &in, &out, &e), e);
	assert_false(out.my_number);
	assert_int_equal(out.c, 1);
}

/* ---------------------------------------------------------------- edit */

static void
test_edit(void **state)
{
	struct asset before = make(&O, "見積書", "paper", "2", "2", "1"), out;
	struct asset_input in = input("見積書 (控え)", "cloud", "1", NULL, "3");
	struct err e;
	long long n0 = audits();

	(void)state;
	memset(&e, 0, sizeof(e));
	setenv("MAMORI_FAKE_NOW", "2026-04-02T10:00:00Z", 1);
	in.department = "営業部";
	in.threat_override = "3";
	in.vulnerability_override = "1";
	assert_ok(asset_edit(&A, &O, before.id, &in, &out, &e), e);
	assert_string_equal(out.name, "見積書 (控え)");
	assert_string_equal(out.medium, "cloud");
	assert_int_equal(out.c, 1);
	assert_int_equal(out.i, 2); /* not given: kept */
	assert_int_equal(out.a, 3);
	assert_string_equal(out.registered_on, before.registered_on);
	assert_string_equal(out.created_at, before.created_at);
	assert_string_equal(out.updated_at, "2026-04-02T10:00:00Z");
	assert_int_equal(out.threat, 3);
	assert_string_equal(out.threat_source, "override");
	assert_int_equal(out.vulnerability, 1);
	assert_string_equal(out.vulnerability_source, "override");
	assert_int_equal(out.likelihood, 1);
	assert_int_equal(out.risk_value, 3);
	assert_string_equal(out.band, "risk-low");
	assert_int_equal(get(&O, before.id).risk_value, 3);
	assert_int_equal(audits(), n0 + 1);
	assert_int_equal(last_audit_is("asset.update"), 1);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT json_extract(before, '$.c') * 10 +"
	    " json_extract(after, '$.c') FROM audit_log ORDER BY id DESC LIMIT 1"), 21);
	/* "" clears the overrides: back to the default and no diagnosis */
	in = input("見積書 (控え)", NULL, NULL, NULL, NULL);
	in.threat_override = "";
	in.vulnerability_override = "";
	assert_ok(asset_edit(&A, &O, before.id, &in, &out, &e), e);
	assert_int_equal(out.threat_override, 0);
	assert_string_equal(out.threat_source, "default");
	assert_string_equal(out.vulnerability_source, "default");
	assert_int_equal(out.risk_value, 6);
	assert_int_equal(audits(), n0 + 2);
}

/* an edit that gives only some fields keeps the others, the name too
 * (asset_input: "NULL means not given (keep …)") */
static void
test_edit_without_name_keeps_it(void **state)
{
	struct asset before = make(&O, "請求書", "paper", "2", "2", "1"), out;
	struct asset_input in = input(NULL, NULL, "3", NULL, NULL);
	struct err e;
	long long n0 = audits();

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(asset_edit(&A, &O, before.id, &in, &out, &e), e);
	assert_string_equal(out.name, "請求書");
	assert_int_equal(out.c, 3);
	assert_int_equal(get(&O, before.id).c, 3);
	assert_int_equal(audits(), n0 + 1);
}

static void
test_edit_refused(void **state)
{
	struct asset before = make(&O, "見積書", "paper", "2", "2", "1"), out;
	struct asset_input in = input("見積書", "paper", "0", NULL, NULL);
	struct err e;
	long long n0 = audits();

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_int_equal(asset_edit(&A, &O, before.id, &in, &out, &e), MM_EINVAL);
	assert_has(e.msg, "機密性");
	in = input("見積書", "paper", "1", NULL, NULL);
	in.medium = "USB";
	assert_int_equal(asset_edit(&A, &O, before.id, &in, &out, &e), MM_EINVAL);
	in.medium = NULL;
	err_clear(&e);
	assert_int_equal(asset_edit(&A, &O, before.id + 100, &in, &out, &e), MM_ENOTFOUND);
	out = get(&O, before.id);
	assert_same_asset(&out, &before);
	assert_int_equal(audits(), n0);
}

/* ---------------------------------------------------------------- bulk edit */

static void
test_bulk_edit(void **state)
{
	struct asset x = make(&O, "同じ名前", "paper", "1", "1", "1");
	struct asset y = make(&O, "同じ名前", "office-pc", "2", "1", "1");
	struct asset z = make(&O, "同じ名前", "cloud", "1", "1", "3");
	struct asset_input in = input("同じ名前", NULL, NULL, "3", NULL);
	long long ids[3] = { x.id, y.id, z.id }, n0 = audits();
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	in.department = "総務部";
	assert_ok(asset_bulk_edit(&A, &O, ids, 3, &in, &e), e);
	assert_string_equal(get(&O, x.id).department, "総務部");
	assert_string_equal(get(&O, y.id).department, "総務部");
	assert_int_equal(get(&O, z.id).i, 3);
	assert_int_equal(get(&O, x.id).importance, 3); /* recomputed */
	assert_string_equal(get(&O, y.id).medium, "office-pc"); /* kept */
	assert_int_equal(audits(), n0 + 3);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM audit_log WHERE action ="
	    " 'asset.update'"), 3);
}

/* what a bulk edit is for: one field over several differently named
 * assets, without naming them */
static void
test_bulk_edit_one_field(void **state)
{
	struct asset x = make(&O, "見積書", "paper", "1", "1", "1");
	struct asset y = make(&O, "請求書", "paper", "1", "1", "1");
	struct asset_input in = input(NULL, NULL, NULL, NULL, NULL);
	long long ids[2] = { x.id, y.id }, n0 = audits();
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	in.department = "経理部";
	assert_ok(asset_bulk_edit(&A, &O, ids, 2, &in, &e), e);
	assert_string_equal(get(&O, x.id).name, "見積書");
	assert_string_equal(get(&O, y.id).department, "経理部");
	assert_int_equal(audits(), n0 + 2);
}

static void
test_bulk_edit_all_or_nothing(void **state)
{
	struct asset x = make(&O, "同じ名前", "paper", "1", "1", "1");
	struct asset y = make(&O, "同じ名前", "paper", "1", "1", "1");
	struct asset theirs = make(&P, "同じ名前", "paper", "1", "1", "1");
	struct asset_input in = input("同じ名前", NULL, "3", NULL, NULL);
	long long ids[3] = { x.id, y.id, x.id + 1000 }, n0 = audits();
	struct asset now;
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	/* the third does not exist: the first two are not changed either */
	assert_int_equal(asset_bulk_edit(&A, &O, ids, 3, &in, &e), MM_ENOTFOUND);
	/* another organisation's asset is not found either */
	ids[2] = theirs.id;
	assert_int_equal(asset_bulk_edit(&A, &O, ids, 3, &in, &e), MM_ENOTFOUND);
	/* bad input */
	in.c = "7";
	assert_int_equal(asset_bulk_edit(&A, &O, ids, 2, &in, &e), MM_EINVAL);
	/* nothing chosen */
	in.c = "3";
	assert_int_equal(asset_bulk_edit(&A, &O, ids, 0, &in, &e), MM_EINVAL);
	now = get(&O, x.id);
	assert_same_asset(&now, &x);
	now = get(&O, y.id);
	assert_same_asset(&now, &y);
	now = get(&P, theirs.id);
	assert_same_asset(&now, &theirs);
	assert_int_equal(audits(), n0);
}

/* ---------------------------------------------------------------- duplicate, remove */

static void
test_duplicate(void **state)
{
	struct asset_input in = input("顧客名簿", "mobile", "3", "2", "1");
	struct treatment_input t;
	struct asset src, copy, got;
	struct err e;
	long long n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	memset(&t, 0, sizeof(t));
	in.personal = "1";
	in.department = "営業部";
	in.threat_override = "1";
	assert_ok(asset_create(&A, &O, &in, &src, &e), e);
	t.kind = "reduce";
	t.status = "planned";
	assert_ok(asset_set_treatment(&A, &O, src.id, &t, &e), e);
	n0 = audits();
	assert_ok(asset_duplicate(&A, &O, src.id, LANG_JA, &copy, &e), e);
	assert_true(copy.id != src.id);
	assert_string_equal(copy.name, "顧客名簿 (コピー)");
	got = get(&O, copy.id);
	assert_string_equal(got.name, "顧客名簿 (コピー)");
	assert_string_equal(got.medium, "mobile");
	assert_string_equal(got.department, "営業部");
	assert_true(got.personal);
	assert_int_equal(got.c, 3);
	assert_int_equal(got.threat_override, 1);
	assert_int_equal(got.risk_value, src.risk_value);
	assert_false(got.has_treatment); /* the treatment is the original's */
	assert_true(get(&O, src.id).has_treatment);
	assert_int_equal(audits(), n0 + 1);
	assert_int_equal(last_audit_is("asset.create"), 1);
	/* another organisation's asset */
	assert_int_equal(asset_duplicate(&A, &P, src.id, LANG_JA, &copy, &e), MM_ENOTFOUND);
	assert_int_equal(audits(), n0 + 1);
	assert_int_equal(assets(), 2);
	/* named in the language asked for */
	assert_ok(asset_duplicate(&A, &O, src.id, LANG_EN, &copy, &e), e);
	assert_string_equal(copy.name, "顧客名簿 (copy)");
}

static void
test_remove(void **state)
{
	struct asset x = make(&O, "古い台帳", "paper", "1", "1", "1");
	struct asset y = make(&O, "残す台帳", "paper", "1", "1", "1");
	struct treatment_input t;
	struct asset got;
	struct err e;
	long long n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	memset(&t, 0, sizeof(t));
	t.kind = "avoid";
	t.status = "done";
	assert_ok(asset_set_treatment(&A, &O, x.id, &t, &e), e);
	n0 = audits();
	/* not by another organisation */
	assert_int_equal(asset_remove(&A, &P, x.id, &e), MM_ENOTFOUND);
	assert_int_equal(audits(), n0);
	assert_ok(asset_remove(&A, &O, x.id, &e), e);
	assert_int_equal(asset_get(A.db, O.id, x.id, &got, &e), MM_ENOTFOUND);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM asset_treatment"), 0);
	assert_int_equal(audits(), n0 + 1);
	assert_int_equal(last_audit_is("asset.delete"), 1);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM audit_log WHERE after IS NULL"
	    " AND action = 'asset.delete' AND json_extract(before, '$.name') = '古い台帳'"), 1);
	/* again: not found, nothing written */
	assert_int_equal(asset_remove(&A, &O, x.id, &e), MM_ENOTFOUND);
	assert_int_equal(audits(), n0 + 1);
	assert_string_equal(get(&O, y.id).name, "残す台帳");
}

/* ---------------------------------------------------------------- treatment */

static void
test_treatment(void **state)
{
	struct asset x = make(&O, "顧客名簿", "office-pc", "3", "1", "1"), got;
	struct treatment_input t;
	struct err e;
	json_t *j;
	long long n0 = audits();

	(void)state;
	memset(&e, 0, sizeof(e));
	memset(&t, 0, sizeof(t));
	t.kind = "reduce";
	t.measure = "ウイルス対策ソフトを全台に導入";
	t.owner = "情報システム担当";
	t.due = "2026-06-30";
	t.status = "in_progress";
	t.residual = "2";
	assert_ok(asset_set_treatment(&A, &O, x.id, &t, &e), e);
	got = get(&O, x.id);
	assert_true(got.has_treatment);
	assert_string_equal(got.t_kind, "reduce");
	assert_string_equal(got.t_measure, "ウイルス対策ソフトを全台に導入");
	assert_string_equal(got.t_owner, "情報システム担当");
	assert_string_equal(got.t_due, "2026-06-30");
	assert_string_equal(got.t_status, "in_progress");
	assert_int_equal(got.t_residual, 2);
	assert_int_equal(got.risk_value, x.risk_value); /* a plan does not change the risk */
	assert_int_equal(audits(), n0 + 1);
	assert_int_equal(last_audit_is("asset.treatment"), 1);
	/* the JSON shows it (and, under ASan, leaks nothing) */
	j = asset_json(&A, &got, LANG_JA);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "treatment"),
	    "kind_label")), "低減");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "treatment"),
	    "residual")), 2);
	json_decref(j);
	/* changed: transfer, done, no residual, no due date */
	t.kind = "transfer";
	t.status = "done";
	t.residual = "";
	t.due = "";
	assert_ok(asset_set_treatment(&A, &O, x.id, &t, &e), e);
	got = get(&O, x.id);
	assert_string_equal(got.t_kind, "transfer");
	assert_int_equal(got.t_residual, 0);
	assert_string_equal(got.t_due, "");
	assert_int_equal(audits(), n0 + 2);
	/* removed */
	memset(&t, 0, sizeof(t));
	t.kind = "";
	assert_ok(asset_set_treatment(&A, &O, x.id, &t, &e), e);
	assert_false(get(&O, x.id).has_treatment);
	assert_int_equal(audits(), n0 + 3);
}

static void
test_treatment_refused(void **state)
{
	struct asset x = make(&O, "顧客名簿", "office-pc", "3", "1", "1"), got;
	struct treatment_input t, good;
	struct err e;
	long long n0 = audits();

	(void)state;
	memset(&e, 0, sizeof(e));
	memset(&good, 0, sizeof(good));
	good.kind = "retain";
	good.status = "planned";
	t = good, t.kind = "ignore";
	assert_int_equal(asset_set_treatment(&A, &O, x.id, &t, &e), MM_EINVAL);
	assert_has(e.msg, "低減 (reduce)");
	t = good, t.status = "someday";
	assert_int_equal(asset_set_treatment(&A, &O, x.id, &t, &e), MM_EINVAL);
	t = good, t.status = NULL;
	assert_int_equal(asset_set_treatment(&A, &O, x.id, &t, &e), MM_EINVAL);
	t = good, t.due = "2026/06/30";
	assert_int_equal(asset_set_treatment(&A, &O, x.id, &t, &e), MM_EINVAL);
	assert_has(e.msg, "期限は");
	t = good, t.residual = "5";
	assert_int_equal(asset_set_treatment(&A, &O, x.id, &t, &e), MM_EINVAL);
	assert_has(e.msg, "1、2、3、4、6、9");
	t = good, t.owner = "a\nb";
	assert_int_equal(asset_set_treatment(&A, &O, x.id, &t, &e), MM_EINVAL);
	/* another organisation's asset */
	assert_int_equal(asset_set_treatment(&A, &P, x.id, &good, &e), MM_ENOTFOUND);
	got = get(&O, x.id);
	assert_false(got.has_treatment);
	assert_int_equal(audits(), n0);
}

/* removing a treatment that is not there changes nothing: like every
 * other service (org_create of an existing organisation, the same answer
 * again), it writes no audit record */
static void
test_treatment_remove_none_writes_nothing(void **state)
{
	struct asset x = make(&O, "顧客名簿", "office-pc", "3", "1", "1");
	struct treatment_input t;
	struct err e;
	long long n0 = audits();

	(void)state;
	memset(&e, 0, sizeof(e));
	memset(&t, 0, sizeof(t));
	t.kind = "";
	assert_ok(asset_set_treatment(&A, &O, x.id, &t, &e), e);
	assert_int_equal(audits(), n0);
}

/* ---------------------------------------------------------------- threat rating */

static void
test_threat_rating(void **state)
{
	struct asset paper = make(&O, "契約書", "paper", "3", "1", "1");
	struct asset pc = make(&O, "顧客名簿", "office-pc", "3", "1", "1");
	struct asset fixed, theirs = make(&P, "契約書", "paper", "3", "1", "1");
	struct asset_input in = input("固定", "paper", "2", "1", "1");
	struct asset got;
	struct err e;
	long long n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	in.threat_override = "1";
	assert_ok(asset_create(&A, &O, &in, &fixed, &e), e);
	assert_int_equal(paper.threat, 2);
	assert_int_equal(paper.risk_value, 6);
	n0 = audits();
	assert_ok(risk_rate_threat(&A, &O, "paper", 3, &e), e);
	got = get(&O, paper.id);
	assert_int_equal(got.threat, 3);
	assert_string_equal(got.threat_source, "rated");
	assert_int_equal(got.likelihood, 3);
	assert_int_equal(got.risk_value, 9);
	assert_string_equal(got.band, "risk-high");
	/* another medium, an override and another organisation: unchanged */
	assert_int_equal(get(&O, pc.id).threat, 2);
	assert_string_equal(get(&O, pc.id).threat_source, "default");
	assert_int_equal(get(&O, fixed.id).threat, 1);
	assert_string_equal(get(&O, fixed.id).threat_source, "override");
	assert_int_equal(get(&P, theirs.id).threat, 2);
	/* one record for the rating, none per recomputed asset */
	assert_int_equal(audits(), n0 + 1);
	assert_int_equal(last_audit_is("risk.threat_rating"), 1);
	/* a new asset on the medium gets the rating */
	assert_int_equal(make(&O, "注文書", "paper", "1", "1", "1").threat, 3);
	n0 = audits();
	/* lowered, then cleared: back to the catalog's default */
	assert_ok(risk_rate_threat(&A, &O, "paper", 1, &e), e);
	got = get(&O, paper.id);
	assert_int_equal(got.threat, 1);
	assert_int_equal(got.likelihood, 1);
	assert_int_equal(got.risk_value, 3);
	assert_string_equal(got.band, "risk-low");
	assert_ok(risk_rate_threat(&A, &O, "paper", 0, &e), e);
	got = get(&O, paper.id);
	assert_int_equal(got.threat, 2);
	assert_string_equal(got.threat_source, "default");
	assert_int_equal(got.risk_value, 6);
	assert_int_equal(audits(), n0 + 2);
	/* refused */
	assert_int_equal(risk_rate_threat(&A, &O, "safe", 2, &e), MM_EINVAL);
	assert_int_equal(risk_rate_threat(&A, &O, "paper", 4, &e), MM_EINVAL);
	assert_int_equal(risk_rate_threat(&A, &O, "paper", -1, &e), MM_EINVAL);
	assert_int_equal(risk_rate_threat(&A, &O, NULL, 2, &e), MM_EINVAL);
	assert_int_equal(audits(), n0 + 2);
}

/* the same rating again changes nothing and writes no audit record */
static void
test_threat_rating_same_writes_nothing(void **state)
{
	struct err e;
	long long n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(risk_rate_threat(&A, &O, "cloud", 3, &e), e);
	n0 = audits();
	assert_ok(risk_rate_threat(&A, &O, "cloud", 3, &e), e);
	assert_int_equal(audits(), n0);
}

/* the 脅威の状況 view follows the rating and the diagnosis */
static void
test_threats_view(void **state)
{
	struct err e;
	json_t *v, *md;
	size_t k;
	bool seen = false;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(risk_rate_threat(&A, &O, "mobile", 1, &e), e);
	v = risk_threats_view(&A, &O, LANG_JA, &e);
	assert_non_null(v);
	assert_false(json_is_true(json_object_get(v, "has_diagnosis")));
	json_array_foreach(json_object_get(v, "media"), k, md) {
		const char *id = json_string_value(json_object_get(md, "id"));
		assert_int_equal(json_integer_value(json_object_get(md, "vulnerability")), 3);
		assert_true(json_array_size(json_object_get(md, "threats")) > 0);
		if (strcmp(id, "mobile") == 0) {
			seen = true;
			assert_int_equal(json_integer_value(json_object_get(md, "threat")), 1);
			assert_string_equal(json_string_value(json_object_get(md, "threat_source")),
			    "rated");
		} else {
			assert_string_equal(json_string_value(json_object_get(md, "threat_source")),
			    "default");
		}
	}
	assert_true(seen);
	json_decref(v);
	/* another organisation sees its own (no) rating */
	v = risk_threats_view(&A, &P, LANG_JA, &e);
	assert_non_null(v);
	json_array_foreach(json_object_get(v, "media"), k, md)
		assert_int_equal(json_integer_value(json_object_get(md, "rating")), 0);
	json_decref(v);
}

/* ---------------------------------------------------------------- diagnosis */

static void
test_diagnosis_recomputes(void **state)
{
	struct asset pc = make(&O, "顧客名簿", "office-pc", "2", "1", "1");
	struct asset fixed, got, theirs = make(&P, "顧客名簿", "office-pc", "2", "1", "1");
	struct asset_input in = input("固定", "office-pc", "2", "1", "1");
	struct err e;
	long long n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	in.vulnerability_override = "3";
	assert_ok(asset_create(&A, &O, &in, &fixed, &e), e);
	assert_int_equal(pc.vulnerability, 3);
	assert_string_equal(pc.vulnerability_source, "default");
	assert_int_equal(pc.risk_value, 4);
	n0 = audits();
	/* every mapped item implemented → V 1, 可能性 max(1, 2 + 1 − 3) = 1 */
	record_for_medium("office-pc", "");
	got = get(&O, pc.id);
	assert_int_equal(got.vulnerability, 1);
	assert_string_equal(got.vulnerability_source, "rated");
	assert_int_equal(got.likelihood, 1);
	assert_int_equal(got.risk_value, 2);
	assert_string_equal(got.band, "risk-low");
	/* the override stays; the other organisation has no diagnosis */
	assert_int_equal(get(&O, fixed.id).vulnerability, 3);
	assert_string_equal(get(&O, fixed.id).vulnerability_source, "override");
	assert_int_equal(get(&P, theirs.id).vulnerability, 3);
	assert_string_equal(get(&P, theirs.id).vulnerability_source, "default");
	/* the diagnosis is the one audit record: none per asset recomputed */
	assert_int_equal(audits(), n0 + 1);
	assert_int_equal(last_audit_is("diagnosis.record"), 1);
	/* the newest round of the respondent counts: one item missing → 2 */
	record_for_medium("office-pc", "yn");
	got = get(&O, pc.id);
	assert_int_equal(got.vulnerability, 2);
	assert_int_equal(got.likelihood, 1);
	assert_int_equal(got.risk_value, 2);
	/* none implemented (わからない counts as not) → 3 */
	record_for_medium("office-pc", "nu");
	got = get(&O, pc.id);
	assert_int_equal(got.vulnerability, 3);
	assert_int_equal(got.likelihood, 2);
	assert_int_equal(got.risk_value, 4);
	assert_string_equal(got.band, "risk-medium");
	/* a new asset gets the diagnosis' value at once */
	got = make(&O, "顧客名簿2", "office-pc", "1", "1", "1");
	assert_int_equal(got.vulnerability, 3);
	assert_string_equal(got.vulnerability_source, "rated");
}

/* ---------------------------------------------------------------- isolation, summary */

static void
test_org_isolation(void **state)
{
	struct asset theirs = make(&P, "他社の台帳", "paper", "1", "1", "1"), out, now;
	struct asset_input in = input("乗っ取り", NULL, "3", NULL, NULL);
	struct treatment_input t;
	struct asset_filter f;
	struct asset *v;
	size_t n;
	long long total, n0 = audits();
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	memset(&t, 0, sizeof(t));
	t.kind = "reduce";
	t.status = "planned";
	assert_int_equal(asset_edit(&A, &O, theirs.id, &in, &out, &e), MM_ENOTFOUND);
	assert_int_equal(asset_bulk_edit(&A, &O, &theirs.id, 1, &in, &e), MM_ENOTFOUND);
	assert_int_equal(asset_duplicate(&A, &O, theirs.id, LANG_JA, &out, &e), MM_ENOTFOUND);
	assert_int_equal(asset_remove(&A, &O, theirs.id, &e), MM_ENOTFOUND);
	assert_int_equal(asset_set_treatment(&A, &O, theirs.id, &t, &e), MM_ENOTFOUND);
	assert_int_equal(asset_get(A.db, O.id, theirs.id, &out, &e), MM_ENOTFOUND);
	now = get(&P, theirs.id);
	assert_same_asset(&now, &theirs);
	assert_int_equal(audits(), n0);
	/* and O's list does not show it */
	memset(&f, 0, sizeof(f));
	assert_ok(asset_list(A.db, O.id, &f, &v, &n, &total, &e), e);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);
	free(v);
}

static void
test_risk_summary(void **state)
{
	struct asset hi = make(&O, "大1", "paper", "3", "1", "1");
	struct treatment_input t;
	struct err e;
	json_t *s;

	(void)state;
	memset(&e, 0, sizeof(e));
	memset(&t, 0, sizeof(t));
	make(&O, "大2", "office-pc", "3", "3", "3");
	make(&O, "中", "paper", "2", "1", "1");
	make(&O, "小", "paper", "1", "1", "1");
	make(&P, "他社", "paper", "3", "1", "1");
	t.kind = "reduce";
	t.status = "planned";
	assert_ok(asset_set_treatment(&A, &O, hi.id, &t, &e), e);
	s = risk_summary(&A, &O, &e);
	assert_non_null(s);
	assert_int_equal(json_integer_value(json_object_get(s, "high")), 2);
	assert_int_equal(json_integer_value(json_object_get(s, "medium")), 1);
	assert_int_equal(json_integer_value(json_object_get(s, "low")), 1);
	assert_int_equal(json_integer_value(json_object_get(s, "total")), 4);
	assert_int_equal(json_integer_value(json_object_get(s, "untreated_high")), 1);
	json_decref(s);
}

static void
test_flag_parse(void **state)
{
	static const char *const yes[] = { "○", "〇", "1", "はい", "true", "yes", "TRUE" };
	static const char *const no[] = { "", "0", "×", "いいえ", "false", "no", NULL };
	static const char *const bad[] = { "2", "maybe", "○ ", "ok" };
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(yes) / sizeof(yes[0]); k++)
		assert_int_equal(asset_flag_parse(yes[k]), 1);
	for (k = 0; k < sizeof(no) / sizeof(no[0]); k++)
		assert_int_equal(asset_flag_parse(no[k]), 0);
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		assert_int_equal(asset_flag_parse(bad[k]), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply_names_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sensitive_forces_c3, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edit_without_name_keeps_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edit_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bulk_edit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bulk_edit_one_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bulk_edit_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(test_treatment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_treatment_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_treatment_remove_none_writes_nothing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_threat_rating, setup, teardown),
		cmocka_unit_test_setup_teardown(test_threat_rating_same_writes_nothing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_threats_view, setup, teardown),
		cmocka_unit_test_setup_teardown(test_diagnosis_recomputes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_org_isolation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_risk_summary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flag_parse, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
