/* test_asset_io.c — the ledger to and from files (app/asset_io.h): the
 * dry run changes nothing, the real import is all or nothing with one
 * audit record per asset, rows are matched by ID then by name, overrides
 * and computed columns follow the documented rules, flags and dates are
 * read as people write them, every bad row is named with its column, and
 * an export imports back unchanged (CSV and XLSX). */
#include "support/mm_test.h"

#include <iconv.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "app/asset_io.h"
#include "app/asset_service.h"
#include "app/xlsx_in.h"
#include "util/buf.h"
#include "util/fileio.h"

#define DB "asset_io.db"

static struct app A;
static struct org O;

#define HEAD "ID,業務分類,情報資産名称,備考,利用者範囲,管理部署,媒体・保存先,個人情報," \
    "要配慮個人情報,特定個人情報,機密性,完全性,可用性,重要度,保存期限,登録日," \
    "脅威の発生頻度,脆弱性,被害発生可能性,リスク値,対応,対策,担当,期限"

static int
setup(void **state)
{
	(void)state;
	memset(&A, 0, sizeof(A));
	mmt_app_open(&A, DB);
	mmt_org(&A, "テスト株式会社", &O);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	app_close(&A);
	return 0;
}

static long long
add_asset(const char *name, const char *medium, const char *c, const char *i, const char *a)
{
	struct asset_input in;
	struct asset out;
	struct err e;

	memset(&in, 0, sizeof(in));
	in.name = name;
	in.medium = medium;
	in.c = c;
	in.i = i;
	in.a = a;
	in.registered_on = "2026-01-15";
	err_clear(&e);
	assert_ok(asset_create(&A, &O, &in, &out, &e), e);
	return out.id;
}

static void
get_asset(long long id, struct asset *out)
{
	struct err e;

	err_clear(&e);
	assert_ok(asset_get(A.db, O.id, id, out, &e), e);
}

static long long
count_assets(void)
{
	return mmt_sql_int(DB, "SELECT count(*) FROM asset");
}

static enum mm_err
import(const char *data, size_t len, bool dry, struct asset_import_report *rep, struct err *e)
{
	struct asset_import_opts opt;

	memset(&opt, 0, sizeof(opt));
	opt.dry_run = dry;
	err_clear(e);
	return asset_import(&A, &O, data, len, &opt, rep, e);
}

/* message M in LANG ("" for NULL), in one of a few static buffers */
static const char *
msg_in(const struct err_msg *m, enum lang lang)
{
	static char out[4][2048];
	static int next;
	char *o = out[next++ % 4];
	struct buf b;

	buf_init(&b, 0);
	if (m != NULL)
		err_msg_render(m, lang, &b);
	snprintf(o, sizeof(out[0]), "%s", buf_cstr(&b));
	buf_free(&b);
	return o;
}

/* the N messages of LIST joined, in Japanese, as msg_in */
static const char *
list_ja(struct err_msg *const *list, size_t n)
{
	static char out[2][4096];
	static int next;
	char *o = out[next++ % 2];
	struct buf b;

	buf_init(&b, 0);
	assert_true(asset_import_list_text(list, n, LANG_JA, &b));
	snprintf(o, sizeof(out[0]), "%s", buf_cstr(&b));
	buf_free(&b);
	return o;
}

#define IGNORED(rep) list_ja((rep).ignored, (rep).nignored)
#define CHANGES(it) list_ja((it).changes, (it).nchanges)

/* import the text CSV (really or not), asserting success */
static void
import_ok(const char *csv, bool dry, struct asset_import_report *rep)
{
	struct err e;
	enum mm_err code = import(csv, strlen(csv), dry, rep, &e);
	size_t k;

	if (code != MM_OK) {
		print_error("import failed: %s\n", e.msg);
		for (k = 0; k < rep->nproblems; k++)
			print_error("  %ld %s: %s\n", rep->problems[k].row,
			    msg_in(rep->problems[k].column, LANG_JA),
			    msg_in(rep->problems[k].message, LANG_JA));
		fail();
	}
}

/* the problem of ROW, or NULL */
static const struct asset_import_problem *
problem_of(const struct asset_import_report *rep, long row)
{
	size_t k;

	for (k = 0; k < rep->nproblems; k++)
		if (rep->problems[k].row == row)
			return &rep->problems[k];
	return NULL;
}

static void
has_problem(const struct asset_import_report *rep, long row, const char *column,
    const char *text)
{
	const struct asset_import_problem *p = problem_of(rep, row);

	if (p == NULL) {
		print_error("no problem reported for row %ld (%zu problems)\n", row, rep->nproblems);
		fail();
	}
	if (column != NULL)
		assert_string_equal(msg_in(p->column, LANG_JA), column);
	assert_has(msg_in(p->message, LANG_JA), text);
}

static void
export(enum asset_io_format fmt, struct buf *b)
{
	struct err e;

	buf_init(b, 0);
	err_clear(&e);
	assert_ok(asset_io_export(&A, &O, fmt, b, NULL, NULL, &e), e);
}

/* ---- export ---- */

static void
test_export_csv_columns(void **state)
{
	struct buf b;
	struct asset_input in;
	struct asset out;
	struct err e;
	long long id;

	(void)state;
	export(ASSET_IO_CSV, &b);
	assert_string_equal(b.data, "\xEF\xBB\xBF" HEAD "\r\n");
	buf_free(&b);
	id = add_asset("=HYPERLINK(\"http://x\")", "書類", "2", "1", "1");
	memset(&in, 0, sizeof(in));
	in.note = "-注意, \"引用\"";
	in.personal = "○";
	in.department = "@総務";
	err_clear(&e);
	assert_ok(asset_edit(&A, &O, id, &in, &out, &e), e);
	export(ASSET_IO_CSV, &b);
	/* formulas neutralised; numbers stay numbers */
	assert_has(b.data, "\"'=HYPERLINK(\"\"http://x\"\")\",\"'-注意, \"\"引用\"\"\",,"
	    "\"'@総務\",書類,○,,,2,1,1,2,,2026-01-15,2,3,2,4,,,,");
	buf_free(&b);
}

static void
test_export_xlsx_sheets(void **state)
{
	struct buf b;
	zip_t *z;
	zip_source_t *src;
	zip_file_t *f;
	zip_stat_t st;
	char *xml;
	const char *wb_need[] = { "情報資産管理台帳", "脅威の状況", "リスク一覧" };
	size_t k;

	(void)state;
	add_asset("顧客名簿", "書類", "3", "2", "2");
	add_asset("+式のような名称", "事務所PC", "1", "1", "1");
	export(ASSET_IO_XLSX, &b);
	assert_true(xlsx_in_is_zip(b.data, b.len));
	src = zip_source_buffer_create(b.data, b.len, 0, NULL);
	z = zip_open_from_source(src, ZIP_RDONLY, NULL);
	assert_non_null(z);
	/* three sheets with the names asked for */
	assert_int_equal(zip_stat(z, "xl/workbook.xml", 0, &st), 0);
	xml = calloc(1, st.size + 1);
	f = zip_fopen(z, "xl/workbook.xml", 0);
	assert_int_equal(zip_fread(f, xml, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	for (k = 0; k < 3; k++)
		assert_has(xml, wb_need[k]);
	free(xml);
	/* the ledger: frozen header, autofilter, widths, numbers as numbers,
	 * the formula-like name as text with a ' */
	assert_int_equal(zip_stat(z, "xl/worksheets/sheet1.xml", 0, &st), 0);
	xml = calloc(1, st.size + 1);
	f = zip_fopen(z, "xl/worksheets/sheet1.xml", 0);
	assert_int_equal(zip_fread(f, xml, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	assert_has(xml, "state=\"frozen\"");
	assert_has(xml, "<autoFilter ref=\"A1:X3\"");
	assert_has(xml, "<col ");
	assert_has(xml, "<c r=\"K2\"><v>3</v></c>"); /* 機密性: a number cell */
	assert_has(xml, "<v>3</v>");
	assert_lacks(xml, "<f>");                 /* no formulas anywhere */
	assert_has(xml, "'+式のような名称");
	assert_has(xml, "dataValidation");
	free(xml);
	zip_close(z);
	buf_free(&b);
}

static void
test_export_json(void **state)
{
	struct buf b;
	json_error_t je;
	json_t *j;

	(void)state;
	add_asset("顧客名簿", "書類", "3", "2", "2");
	export(ASSET_IO_JSON, &b);
	j = json_loads(b.data, 0, &je);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "count")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "assets"), 0), "name")), "顧客名簿");
	json_decref(j);
	buf_free(&b);
}

/* ---- round trips ---- */

static void
make_varied_ledger(void)
{
	struct asset_input in;
	struct treatment_input t;
	struct asset out;
	struct err e;
	long long id;

	add_asset("顧客名簿", "書類", "3", "2", "2");
	id = add_asset("=SUM(A1:A9)", "事務所PC", "2", "2", "1");
	memset(&in, 0, sizeof(in));
	in.note = "カンマ, \"引用符\" と -記号";
	in.business_category = "営業";
	in.users_scope = "営業部";
	in.department = "総務部";
	in.retention = "5年";
	in.personal = "はい";
	in.sensitive = "1";
	in.threat_override = "1";
	err_clear(&e);
	assert_ok(asset_edit(&A, &O, id, &in, &out, &e), e);
	memset(&t, 0, sizeof(t));
	t.kind = "reduce";
	t.measure = "暗号化する";
	t.owner = "山田";
	t.due = "2026-06-30";
	t.status = "in_progress";
	t.residual = "2";
	assert_ok(asset_set_treatment(&A, &O, id, &t, &e), e);
	add_asset("クラウドの会計データ", "社外サーバー・クラウド", "3", "3", "3");
}

static void
round_trip(enum asset_io_format fmt)
{
	struct asset_import_report rep;
	struct buf first, again;
	struct err e;
	long long audits;

	make_varied_ledger();
	audits = mmt_audit_count(A.db);
	export(fmt, &first);
	assert_int_equal(import(first.data, first.len, true, &rep, &e), MM_OK);
	assert_int_equal(rep.format, fmt);
	assert_int_equal(rep.rows, 3);
	assert_int_equal(rep.unchanged, 3);
	assert_int_equal(rep.added + rep.changed, 0);
	assert_int_equal(rep.nproblems, 0);
	assert_has(IGNORED(rep), "重要度 (計算列)");
	asset_import_report_free(&rep);
	assert_int_equal(import(first.data, first.len, false, &rep, &e), MM_OK);
	assert_true(rep.committed);
	assert_int_equal(rep.unchanged, 3);
	asset_import_report_free(&rep);
	assert_int_equal(mmt_audit_count(A.db), audits);
	if (fmt == ASSET_IO_CSV) {
		export(fmt, &again);
		assert_int_equal(again.len, first.len);
		assert_memory_equal(again.data, first.data, first.len);
		buf_free(&again);
	}
	buf_free(&first);
}

static void
test_round_trip_csv(void **state)
{
	(void)state;
	round_trip(ASSET_IO_CSV);
}

static void
test_round_trip_xlsx(void **state)
{
	(void)state;
	round_trip(ASSET_IO_XLSX);
}

/* ---- dry run, all or nothing, audit ---- */

static void
test_dry_run_changes_nothing(void **state)
{
	struct asset_import_report rep;
	struct buf before, after;
	long long id, audits, n;

	(void)state;
	id = add_asset("顧客名簿", "書類", "3", "2", "2");
	(void)id;
	audits = mmt_audit_count(A.db);
	n = count_assets();
	export(ASSET_IO_CSV, &before);
	import_ok("情報資産名称,媒体・保存先,機密性,完全性,可用性,備考\n"
	    "顧客名簿,書類,3,3,2,更新\n"
	    "新しい資産,モバイル機器,1,1,1,\n", true, &rep);
	assert_true(rep.dry_run);
	assert_false(rep.committed);
	assert_int_equal(rep.added, 1);
	assert_int_equal(rep.changed, 1);
	assert_int_equal(rep.nitems, 2);
	assert_int_equal(rep.items[0].row, 2);
	assert_int_equal(rep.items[0].action, ASSET_IMPORT_CHANGE);
	assert_has(CHANGES(rep.items[0]), "完全性: 2 → 3");
	assert_has(CHANGES(rep.items[0]), "備考: (空欄) → 更新");
	assert_string_equal(CHANGES(rep.items[0]), "備考: (空欄) → 更新、完全性: 2 → 3");
	{
		struct buf en;
		buf_init(&en, 0);
		assert_true(asset_import_list_text(rep.items[0].changes, rep.items[0].nchanges,
		    LANG_EN, &en));
		assert_string_equal(buf_cstr(&en), "Note: (blank) → 更新; Integrity: 2 → 3");
		buf_free(&en);
	}
	assert_int_equal(rep.items[1].action, ASSET_IMPORT_ADD);
	assert_int_equal(rep.items[1].id, 0);
	assert_string_equal(rep.items[1].name, "新しい資産");
	asset_import_report_free(&rep);
	assert_int_equal(count_assets(), n);
	assert_int_equal(mmt_audit_count(A.db), audits);
	export(ASSET_IO_CSV, &after);
	assert_int_equal(after.len, before.len);
	assert_memory_equal(after.data, before.data, before.len);
	buf_free(&before);
	buf_free(&after);
}

static void
test_all_or_nothing(void **state)
{
	struct asset_import_report rep;
	struct asset as;
	struct err e;
	long long id, audits, n;
	const char *csv =
	    HEAD "\n"
	    ",,新しい資産,,,,書類,,,,1,1,1,,,,,,,,,,,\n"
	    "%lld,,顧客名簿,変更,,,書類,,,,3,2,2,,,,,,,,,,,\n"
	    ",,悪い評価,,,,書類,,,,4,1,1,,,,,,,,,,,\n"
	    ",,悪い媒体,,,,紙,,,,1,1,1,,,,,,,,,,,\n"
	    "\n"
	    ",,悪い印,,,,書類,たぶん,,,1,1,1,,,,,,,,,,,\n"
	    ",,悪い日付,,,,書類,,,,1,1,1,,,2026-13-01,,,,,,,,\n";
	char data[2048];

	(void)state;
	id = add_asset("顧客名簿", "書類", "3", "2", "2");
	audits = mmt_audit_count(A.db);
	n = count_assets();
	snprintf(data, sizeof(data), csv, id);
	assert_int_equal(import(data, strlen(data), false, &rep, &e), MM_EINVAL);
	assert_has(e.msg, "4 件の誤り");
	assert_has(e.msg, "何も変更していません");
	assert_false(rep.committed);
	assert_int_equal(rep.nproblems, 4);
	has_problem(&rep, 4, "機密性 (K 列)", "機密性 は 1、2、3 のどれかです: 4");
	has_problem(&rep, 5, "媒体・保存先 (G 列)", "紙");
	has_problem(&rep, 7, "個人情報 (H 列)", "たぶん");
	has_problem(&rep, 8, "登録日 (P 列)", "2026-13-01");
	assert_null(problem_of(&rep, 2));
	assert_null(problem_of(&rep, 3));
	asset_import_report_free(&rep);
	/* nothing written, not even the good rows before the bad ones */
	assert_int_equal(count_assets(), n);
	assert_int_equal(mmt_audit_count(A.db), audits);
	get_asset(id, &as);
	assert_string_equal(as.note, "");
}

static void
test_one_audit_record_per_asset(void **state)
{
	struct asset_import_report rep;
	struct buf b;
	long long audits, id;
	char csv[1024];

	(void)state;
	audits = mmt_audit_count(A.db);
	import_ok("情報資産名称,媒体・保存先,機密性,完全性,可用性\n"
	    "a,書類,1,1,1\nb,書類,2,2,2\nc,事務所PC,3,3,3\nd,モバイル機器,1,2,3\n", false, &rep);
	assert_true(rep.committed);
	assert_int_equal(rep.added, 4);
	assert_true(rep.items[3].id > 0);
	id = rep.items[0].id;
	asset_import_report_free(&rep);
	assert_int_equal(mmt_audit_count(A.db), audits + 4);
	assert_int_equal(mmt_sql_int(DB,
	    "SELECT count(*) FROM audit_log WHERE action = 'asset.create'"), 4);
	/* the same file again changes nothing and records nothing */
	import_ok("情報資産名称,媒体・保存先,機密性,完全性,可用性\n"
	    "a,書類,1,1,1\nb,書類,2,2,2\nc,事務所PC,3,3,3\nd,モバイル機器,1,2,3\n", false, &rep);
	assert_int_equal(rep.unchanged, 4);
	asset_import_report_free(&rep);
	assert_int_equal(mmt_audit_count(A.db), audits + 4);
	/* two changed: two records, with before and after */
	snprintf(csv, sizeof(csv), "ID,情報資産名称,機密性\n%lld,a,2\n,b,3\n,c,3\n", id);
	import_ok(csv, false, &rep);
	assert_int_equal(rep.changed, 2);
	assert_int_equal(rep.unchanged, 1);
	asset_import_report_free(&rep);
	assert_int_equal(mmt_audit_count(A.db), audits + 6);
	assert_int_equal(mmt_sql_int(DB,
	    "SELECT count(*) FROM audit_log WHERE action = 'asset.update' AND before IS NOT NULL"
	    " AND after LIKE '%\"c\":2%'"), 1);
	export(ASSET_IO_CSV, &b);
	buf_free(&b);
}

/* ---- add or change ---- */

static void
test_match_by_id_and_name(void **state)
{
	struct asset_import_report rep;
	struct err e;
	struct asset as;
	long long a1, a2, dup1;
	char csv[2048];

	(void)state;
	a1 = add_asset("顧客名簿", "書類", "3", "2", "2");
	a2 = add_asset("見積書", "事務所PC", "2", "2", "1");
	dup1 = add_asset("同名", "書類", "1", "1", "1");
	add_asset("同名", "書類", "1", "1", "1");
	/* by ID a rename; by name a change; no match an add */
	snprintf(csv, sizeof(csv), "ID,情報資産名称,機密性\n%lld,顧客名簿 (改),2\n,見積書,3\n,新規,1\n",
	    a1);
	assert_int_equal(import(csv, strlen(csv), false, &rep, &e), MM_EINVAL);
	has_problem(&rep, 4, "媒体・保存先 (列がありません)", "媒体・保存先");
	asset_import_report_free(&rep);
	snprintf(csv, sizeof(csv),
	    "ID,情報資産名称,機密性,完全性,可用性,媒体・保存先\n"
	    "%lld,顧客名簿 (改),2,2,2,書類\n,見積書,3,2,1,事務所PC\n,新規,1,1,1,書類\n", a1);
	import_ok(csv, false, &rep);
	assert_int_equal(rep.changed, 2);
	assert_int_equal(rep.added, 1);
	asset_import_report_free(&rep);
	get_asset(a1, &as);
	assert_string_equal(as.name, "顧客名簿 (改)");
	assert_int_equal(as.c, 2);
	get_asset(a2, &as);
	assert_int_equal(as.c, 3);
	/* an ID the organisation does not have; twice the same asset;
	 * an ambiguous name; the same new name twice; a bad ID */
	snprintf(csv, sizeof(csv),
	    "ID,情報資産名称,機密性,完全性,可用性,媒体・保存先\n"
	    "99999,幽霊,1,1,1,書類\n"
	    "%lld,見積書,3,2,1,事務所PC\n"
	    ",見積書,3,2,1,事務所PC\n"
	    ",同名,1,1,1,書類\n"
	    ",二つ,1,1,1,書類\n"
	    ",二つ,1,1,1,書類\n"
	    "abc,x,1,1,1,書類\n"
	    "%lld,同名,1,1,1,書類\n"
	    "%lld,同名,2,1,1,書類\n",
	    a2, dup1, dup1);
	assert_int_equal(import(csv, strlen(csv), true, &rep, &e), MM_EINVAL);
	has_problem(&rep, 2, "ID (A 列)", "ID 99999 の情報資産はこの組織にありません");
	has_problem(&rep, 4, "情報資産名称 (B 列)", "3 行目でも変更しています");
	has_problem(&rep, 5, "情報資産名称 (B 列)", "同じ名称の情報資産が 2 件");
	has_problem(&rep, 7, "情報資産名称 (B 列)", "6 行目にもあります");
	has_problem(&rep, 8, "ID (A 列)", "abc");
	assert_null(problem_of(&rep, 9));
	has_problem(&rep, 10, "ID (A 列)", "9 行目にもあります");
	asset_import_report_free(&rep);
}

/* ---- columns ---- */

static void
test_overrides(void **state)
{
	struct asset_import_report rep;
	struct asset as;
	struct err e;
	long long id;
	char csv[512];

	(void)state;
	/* 書類: the catalog's default threat 2; no diagnosis: vulnerability 3 */
	id = add_asset("顧客名簿", "書類", "3", "2", "2");
	get_asset(id, &as);
	assert_int_equal(as.threat, 2);
	assert_int_equal(as.vulnerability, 3);
#define ROW(t, v) (snprintf(csv, sizeof(csv), \
	"ID,情報資産名称,脅威の発生頻度,脆弱性\n%lld,顧客名簿,%s,%s\n", id, (t), (v)), csv)
	/* the values mamori computes: nothing to change */
	import_ok(ROW("2", "3"), false, &rep);
	assert_int_equal(rep.unchanged, 1);
	asset_import_report_free(&rep);
	get_asset(id, &as);
	assert_int_equal(as.threat_override, 0);
	/* another value: the asset's own */
	import_ok(ROW("3", "1"), false, &rep);
	assert_int_equal(rep.changed, 1);
	assert_has(CHANGES(rep.items[0]), "脅威の発生頻度 (個別): 自動 → 3");
	assert_string_equal(msg_in(rep.items[0].changes[0], LANG_EN),
	    "Threat likelihood (override): automatic → 3");
	asset_import_report_free(&rep);
	get_asset(id, &as);
	assert_int_equal(as.threat_override, 3);
	assert_int_equal(as.vulnerability_override, 1);
	assert_string_equal(as.threat_source, "override");
	assert_int_equal(as.likelihood, 1);
	/* the override's own value keeps it; the computed value removes it */
	import_ok(ROW("3", "3"), false, &rep);
	asset_import_report_free(&rep);
	get_asset(id, &as);
	assert_int_equal(as.threat_override, 3);
	assert_int_equal(as.vulnerability_override, 0);
	/* empty removes the override */
	import_ok(ROW("", "3"), false, &rep);
	asset_import_report_free(&rep);
	get_asset(id, &as);
	assert_int_equal(as.threat_override, 0);
	assert_string_equal(as.threat_source, "default");
	/* a bad value names the column */
	ROW("4", "x");
	assert_int_equal(import(csv, strlen(csv), true, &rep, &e), MM_EINVAL);
	has_problem(&rep, 2, "脅威の発生頻度 (C 列)", "1、2、3 か空欄です: 4");
	asset_import_report_free(&rep);
	ROW("", "x");
	assert_int_equal(import(csv, strlen(csv), true, &rep, &e), MM_EINVAL);
	has_problem(&rep, 2, "脆弱性 (D 列)", "x");
	asset_import_report_free(&rep);
	/* a new asset with an override and a computed value */
	import_ok("情報資産名称,媒体・保存先,機密性,完全性,可用性,脅威の発生頻度,脆弱性\n"
	    "新規,書類,1,1,1,1,3\n", false, &rep);
	get_asset(rep.items[0].id, &as);
	assert_int_equal(as.threat_override, 1);
	assert_int_equal(as.vulnerability_override, 0);
	asset_import_report_free(&rep);
#undef ROW
}

static void
test_computed_columns_ignored(void **state)
{
	struct asset_import_report rep;
	struct asset as;

	(void)state;
	import_ok("情報資産名称,媒体・保存先,機密性,完全性,可用性,重要度,被害発生可能性,リスク値\n"
	    "顧客名簿,書類,1,2,1,9,abc,99\n", false, &rep);
	assert_has(IGNORED(rep), "重要度 (計算列)");
	assert_has(IGNORED(rep), "被害発生可能性 (計算列)");
	assert_has(IGNORED(rep), "リスク値 (計算列)");
	get_asset(rep.items[0].id, &as);
	asset_import_report_free(&rep);
	assert_int_equal(as.importance, 2);
	assert_int_equal(as.risk_value, 4);
	/* a row with only computed values is a blank row */
	import_ok("情報資産名称,リスク値\n,9\n", true, &rep);
	assert_int_equal(rep.rows, 0);
	asset_import_report_free(&rep);
}

static void
test_flags(void **state)
{
	static const char *const yes[] = { "○", "〇", "1", "はい", "true", "TRUE", "yes", "１" };
	static const char *const no[] = { "", "×", "0", "いいえ", "false", "FALSE", "no" };
	struct asset_import_report rep;
	struct asset as;
	struct err e;
	char csv[512];
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(yes) / sizeof(yes[0]); k++) {
		snprintf(csv, sizeof(csv), "情報資産名称,媒体・保存先,機密性,完全性,可用性,個人情報,"
		    "要配慮個人情報,特定個人情報\nyes%zu,書類,1,1,1,%s,%s,%s\n", k, yes[k], yes[k], yes[k]);
		import_ok(csv, false, &rep);
		get_asset(rep.items[0].id, &as);
		asset_import_report_free(&rep);
		assert_true(as.personal && as.sensitive && as.my_number);
		assert_int_equal(as.c, 3); /* mamori's rule for special-care data */
	}
	for (k = 0; k < sizeof(no) / sizeof(no[0]); k++) {
		snprintf(csv, sizeof(csv), "情報資産名称,媒体・保存先,機密性,完全性,可用性,個人情報\n"
		    "no%zu,書類,1,1,1,%s\n", k, no[k]);
		import_ok(csv, false, &rep);
		get_asset(rep.items[0].id, &as);
		asset_import_report_free(&rep);
		assert_false(as.personal);
	}
	snprintf(csv, sizeof(csv), "情報資産名称,媒体・保存先,機密性,完全性,可用性,特定個人情報\n"
	    "bad,書類,1,1,1,多分\n");
	assert_int_equal(import(csv, strlen(csv), true, &rep, &e), MM_EINVAL);
	has_problem(&rep, 2, "特定個人情報 (F 列)", "○ か空欄");
	asset_import_report_free(&rep);
}

static void
test_headers_found_by_name(void **state)
{
	struct asset_import_report rep;
	struct asset as;
	struct err e;

	(void)state;
	/* title rows first; the IPA sheet's two-row header (group labels
	 * above, names below); other order; spaces, line breaks, notes */
	import_ok("情報資産管理台帳,,,,,,\n"
	    "株式会社テスト,,,,,,\n"
	    ",\"情報資産\n名称\",媒体･保存先,評価値,,,個人情報の種類\n"
	    ",,,機密性(1-3),完全性,可用性,個人情報※\n"
	    "メモ,顧客名簿,書類,3,2,1,○\n", false, &rep);
	assert_int_equal(rep.header_row, 3);
	assert_int_equal(rep.added, 1);
	assert_has(IGNORED(rep), "評価値 (D 列)");
	assert_has(IGNORED(rep), "個人情報の種類 (G 列)");
	get_asset(rep.items[0].id, &as);
	asset_import_report_free(&rep);
	assert_string_equal(as.name, "顧客名簿");
	assert_int_equal(as.c, 3);
	assert_int_equal(as.a, 1);
	assert_true(as.personal);
	/* English keys as the API uses them */
	import_ok("name,medium,confidentiality,integrity,availability,note\n"
	    "api,paper,1,1,1,from the API\n", false, &rep);
	assert_int_equal(rep.added, 1);
	asset_import_report_free(&rep);
	/* no header in the first rows */
	assert_int_equal(import("a,b\n1,2\n", 8, true, &rep, &e), MM_EINVAL);
	has_problem(&rep, 0, "", "見出しの行が見つかりません");
	asset_import_report_free(&rep);
	/* the same column twice */
	assert_int_equal(import("情報資産名称,機密性,機密性\nx,1,2\n",
	    strlen("情報資産名称,機密性,機密性\nx,1,2\n"), true, &rep, &e), MM_EINVAL);
	has_problem(&rep, 1, "", "列「機密性」が B 列と C 列の二つにあります");
	asset_import_report_free(&rep);
}

static void
test_dates_numbers_text(void **state)
{
	struct asset_import_report rep;
	struct asset as;
	size_t k;

	(void)state;
	import_ok("情報資産名称,媒体・保存先,機密性,完全性,可用性,登録日,備考\n"
	    "a,書類,3.0,２,1,2026/4/1,\"一行目\r\n二行目\tタブ\"\n"
	    "b,事務所ＰＣ,1,1,1,2026年4月2日,\n"
	    "c,書類,1,1,1,45383,\n"
	    "d,書類,1,1,1,2026-4-3 0:00:00,\n", false, &rep);
	assert_int_equal(rep.added, 4);
	for (k = 0; k < 4; k++) {
		static const char *const want[] = { "2026-04-01", "2026-04-02", "2024-04-01",
			"2026-04-03" };
		get_asset(rep.items[k].id, &as);
		assert_string_equal(as.registered_on, want[k]);
		if (k == 0) {
			assert_int_equal(as.c, 3);
			assert_int_equal(as.i, 2);
			assert_string_equal(as.note, "一行目 二行目 タブ");
		}
		if (k == 1)
			assert_string_equal(as.medium, "office-pc");
	}
	asset_import_report_free(&rep);
}

static void
test_treatment_columns(void **state)
{
	struct asset_import_report rep;
	struct asset as;
	struct err e;
	long long id;
	char csv[512];

	(void)state;
	id = add_asset("顧客名簿", "書類", "3", "2", "2");
	snprintf(csv, sizeof(csv), "ID,情報資産名称,対応,対策,担当,期限\n%lld,顧客名簿,低減,施錠する,"
	    "山田,2026/9/30\n", id);
	import_ok(csv, false, &rep);
	assert_has(CHANGES(rep.items[0]), "対応: (空欄) → 低減");
	asset_import_report_free(&rep);
	get_asset(id, &as);
	assert_true(as.has_treatment);
	assert_string_equal(as.t_kind, "reduce");
	assert_string_equal(as.t_measure, "施錠する");
	assert_string_equal(as.t_owner, "山田");
	assert_string_equal(as.t_due, "2026-09-30");
	assert_string_equal(as.t_status, "planned");
	/* an old name of the kind; and removing it */
	snprintf(csv, sizeof(csv), "ID,情報資産名称,対応,対策,担当,期限\n%lld,顧客名簿,受容,,,\n", id);
	import_ok(csv, false, &rep);
	asset_import_report_free(&rep);
	get_asset(id, &as);
	assert_string_equal(as.t_kind, "retain");
	snprintf(csv, sizeof(csv), "ID,情報資産名称,対応,対策,担当,期限\n%lld,顧客名簿,,,,\n", id);
	import_ok(csv, false, &rep);
	asset_import_report_free(&rep);
	get_asset(id, &as);
	assert_false(as.has_treatment);
	/* mistakes */
	snprintf(csv, sizeof(csv), "ID,情報資産名称,対応,対策,担当,期限\n%lld,顧客名簿,,施錠,,\n"
	    "%lld,顧客名簿,放置,,,\n", id, id);
	assert_int_equal(import(csv, strlen(csv), true, &rep, &e), MM_EINVAL);
	has_problem(&rep, 2, "対応 (C 列)", "対応 (低減・保有・回避・移転) も選んでください");
	has_problem(&rep, 3, "ID (A 列)", "2 行目にもあります");
	asset_import_report_free(&rep);
}

static void
test_shift_jis_file(void **state)
{
	const char *text = "情報資産名称,媒体・保存先,機密性,完全性,可用性,備考\r\n"
	    "従業員名簿,書類,3,2,2,髙橋さん管理\r\n";
	iconv_t cd = iconv_open("CP932", "UTF-8");
	char out[1024], *in = (char *)text, *o = out;
	size_t inleft = strlen(text), outleft = sizeof(out);
	struct asset_import_report rep;
	struct asset as;
	struct err e;

	(void)state;
	assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
	iconv_close(cd);
	assert_int_equal(import(out, sizeof(out) - outleft, false, &rep, &e), MM_OK);
	assert_string_equal(rep.encoding, "Shift_JIS");
	get_asset(rep.items[0].id, &as);
	asset_import_report_free(&rep);
	assert_string_equal(as.name, "従業員名簿");
	assert_string_equal(as.note, "髙橋さん管理");
}

/* an IPA-like workbook: the instructions first, the ledger with a title,
 * group labels above the names, date cells, formulas in computed columns */
static void
test_xlsx_like_the_ipa_sheet(void **state)
{
	lxw_workbook *wb = workbook_new("ipa.xlsx");
	lxw_worksheet *help = workbook_add_worksheet(wb, "利用方法");
	lxw_worksheet *ws = workbook_add_worksheet(wb, "情報資産管理台帳");
	lxw_format *date = workbook_add_format(wb);
	lxw_datetime dt = { 2025, 10, 1, 0, 0, 0 };
	static const char *const names[] = { "業務分類", "情報資産名称", "備考", "利用者範囲",
		"管理部署", "媒体・保存先", "個人情報", "要配慮個人情報", "特定個人情報", "機密性",
		"完全性", "可用性", "重要度", "保存期限", "登録日" };
	struct asset_import_report rep;
	struct asset as;
	struct buf b;
	struct err e;
	size_t k;

	(void)state;
	format_set_num_format(date, "yyyy/m/d");
	worksheet_write_string(help, 0, 0, "このシートは説明です", NULL);
	worksheet_write_string(ws, 0, 0, "情報資産管理台帳", NULL);
	worksheet_write_string(ws, 2, 6, "個人情報の種類", NULL);
	worksheet_write_string(ws, 2, 9, "評価値", NULL);
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		worksheet_write_string(ws, k >= 6 && k <= 11 ? 3 : 2, (lxw_col_t)k, names[k], NULL);
	worksheet_write_string(ws, 4, 0, "人事", NULL);
	worksheet_write_string(ws, 4, 1, "社員名簿", NULL);
	worksheet_write_string(ws, 4, 5, "事務所PC", NULL);
	worksheet_write_string(ws, 4, 6, "○", NULL);
	worksheet_write_boolean(ws, 4, 7, 1, NULL);
	worksheet_write_number(ws, 4, 9, 2, NULL);
	worksheet_write_number(ws, 4, 10, 2, NULL);
	worksheet_write_number(ws, 4, 11, 1, NULL);
	worksheet_write_formula_num(ws, 4, 12, "=MAX(J5:L5)", NULL, 2);
	worksheet_write_string(ws, 4, 13, "退職後5年", NULL);
	worksheet_write_datetime(ws, 4, 14, &dt, date);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	buf_init(&b, 0);
	err_clear(&e);
	assert_ok(file_read_all("ipa.xlsx", 1 << 20, &b, &e), e);
	assert_int_equal(import(b.data, b.len, false, &rep, &e), MM_OK);
	assert_int_equal(rep.format, ASSET_IO_XLSX);
	assert_string_equal(rep.sheet, "情報資産管理台帳");
	assert_int_equal(rep.header_row, 3);
	assert_int_equal(rep.added, 1);
	get_asset(rep.items[0].id, &as);
	asset_import_report_free(&rep);
	buf_free(&b);
	assert_string_equal(as.name, "社員名簿");
	assert_string_equal(as.medium, "office-pc");
	assert_true(as.personal && as.sensitive);
	assert_int_equal(as.c, 3);   /* 要配慮個人情報: mamori's rule */
	assert_int_equal(as.importance, 3);
	assert_string_equal(as.registered_on, "2025-10-01");
	assert_string_equal(as.retention, "退職後5年");
}

static void
test_files_refused(void **state)
{
	struct asset_import_opts opt;
	struct asset_import_report rep;
	struct err e;
	char *big;

	(void)state;
	memset(&opt, 0, sizeof(opt));
	opt.dry_run = true;
	opt.format = ASSET_IO_XLSX;
	err_clear(&e);
	assert_int_equal(asset_import(&A, &O, "情報資産名称\nx\n", strlen("情報資産名称\nx\n"), &opt,
	    &rep, &e), MM_EINVAL);
	has_problem(&rep, 0, "", "XLSX) ではありません");
	asset_import_report_free(&rep);
	big = malloc(ASSET_IO_MAX_BYTES + 1);
	assert_non_null(big);
	memset(big, 'a', ASSET_IO_MAX_BYTES + 1);
	assert_int_equal(import(big, ASSET_IO_MAX_BYTES + 1, true, &rep, &e), MM_EINVAL);
	has_problem(&rep, 0, "", "大きすぎます");
	asset_import_report_free(&rep);
	free(big);
	/* a quoting mistake is the file's problem, with its row */
	assert_int_equal(import("情報資産名称\n\"x\"y\n", strlen("情報資産名称\n\"x\"y\n"), true,
	    &rep, &e), MM_EINVAL);
	has_problem(&rep, 0, "", "2 行目: 引用符");
	asset_import_report_free(&rep);
	/* an empty ledger is fine */
	import_ok("情報資産名称,媒体・保存先\n", true, &rep);
	assert_int_equal(rep.rows, 0);
	asset_import_report_free(&rep);
}

static void
test_report_json(void **state)
{
	const char *csv = "情報資産名称,媒体・保存先,機密性,完全性,可用性,謎\n"
	    "a,書類,1,1,1,x\nb,書類,5,1,1,y\n";
	struct asset_import_report rep;
	struct err e;
	json_t *j;

	(void)state;
	assert_int_equal(import(csv, strlen(csv), true, &rep, &e), MM_EINVAL);
	j = asset_import_report_json(&rep, 0, LANG_EN);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "problems"), 0), "column")), "機密性 (column C)");
	assert_has(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "problems"), 0), "message")), "must be");
	assert_string_equal(json_string_value(json_array_get(json_object_get(j,
	    "ignored_columns"), 0)), "謎 (column F)");
	json_decref(j);
	j = asset_import_report_json(&rep, 0, LANG_JA);
	asset_import_report_free(&rep);
	assert_non_null(j);
	assert_true(json_is_true(json_object_get(j, "dry_run")));
	assert_string_equal(json_string_value(json_object_get(j, "format")), "csv");
	assert_int_equal(json_integer_value(json_object_get(j, "added")), 1);
	assert_int_equal(json_integer_value(json_object_get(j, "problems_total")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j,
	    "problems"), 0), "row")), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "problems"), 0), "column")), "機密性 (C 列)");
	assert_string_equal(json_string_value(json_array_get(json_object_get(j,
	    "ignored_columns"), 0)), "謎 (F 列)");
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_export_csv_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_xlsx_sheets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip_xlsx, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dry_run_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_audit_record_per_asset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match_by_id_and_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overrides, setup, teardown),
		cmocka_unit_test_setup_teardown(test_computed_columns_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_headers_found_by_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dates_numbers_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_treatment_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shift_jis_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsx_like_the_ipa_sheet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_files_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_json, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
