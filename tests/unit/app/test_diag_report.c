/* test_diag_report.c — the result report, answer sheet and pledge sheet
 * built as documents (app/diag_report.h), without a database: the report
 * of a scored sheet has the summary table, a radar of the three parts, a
 * trend only with two or more rounds, one advice heading per item below
 * full points and a comparison when there is a previous round; the blank
 * answer sheet has a table per part with every item and no mark, the
 * filled one marks each answer; every label comes from the locale. */
#include "support/mm_test.h"

#include "app/diag_report.h"
#include "core/catalog.h"
#include "render/md_out.h"

static struct catalog *cat;
static json_t *labels;

static int
setup(void **state)
{
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(catalog_load_embedded(CATALOG_DEFAULT, &cat, &e), MM_OK);
	assert_non_null(labels = report_labels(LANG_JA));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	catalog_free(cat);
	json_decref(labels);
	return 0;
}

/* a completed round of all "yes" but ITEM_NO answered A */
static void
round_of(struct diag_round_view *v, long long id, int item_no, enum diag_answer a)
{
	const struct diag_model *m = &cat->diag;
	size_t i;

	memset(v, 0, sizeof(*v));
	v->row.id = id;
	v->row.completed = true;
	snprintf(v->row.respondent, sizeof(v->row.respondent), "総務部");
	snprintf(v->row.completed_at, sizeof(v->row.completed_at), "2026-11-%02lldT09:00:00Z", id);
	for (i = 0; i < m->nitems; i++)
		v->sheet.answers[i] = DIAG_YES;
	v->sheet.answers[item_no - 1] = a;
	assert_int_equal(diag_score(m, &v->sheet, DIAG_NA_FULL, &v->result), 0);
}

static size_t
count(const struct doc *d, enum doc_block_kind kind, int level)
{
	size_t i, n = 0;

	for (i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == kind && (level == 0 || d->blocks[i].level == level))
			n++;
	return n;
}

static void
test_report(void **state)
{
	struct diag_round_view v, prev;
	struct chart_point pts[2] = { { "2026-11-01", 96 }, { "2026-11-02", 97 } };
	struct diag_report_in in;
	struct doc *d;
	struct buf b;
	struct err e;

	(void)state;
	round_of(&prev, 1, 4, DIAG_NO);
	round_of(&v, 2, 4, DIAG_UNKNOWN);
	memset(&in, 0, sizeof(in));
	in.m = &cat->diag;
	in.org_name = "報告テスト株式会社";
	in.v = &v;
	in.lang = LANG_JA;
	in.labels = labels;
	assert_non_null(d = diag_report_doc(&in));
	assert_false(d->failed);
	assert_string_equal(d->title, "自社診断 結果報告書");
	assert_string_equal(d->subtitle, "診断 #2 ・ 回答者: 総務部");
	assert_string_equal(d->date, "2026-11-02");
	assert_int_equal(count(d, DOC_CHART, 0), 1); /* no trend from one round */
	assert_int_equal(count(d, DOC_HEADING, 3), v.result.nweak);
	assert_int_equal(v.result.nweak, 1);
	buf_init(&b, 0);
	err_clear(&e);
	assert_int_equal(md_out(d, &b, &e), MM_OK);
	assert_non_null(strstr(buf_cstr(&b), "95 点 / 100 点"));
	assert_non_null(strstr(buf_cstr(&b), "同じ回答者の前回の診断はありません"));
	assert_null(strstr(buf_cstr(&b), "{{"));
	buf_free(&b);
	doc_free(d);

	in.prev = &prev;
	in.trend = pts;
	in.ntrend = 2;
	assert_non_null(d = diag_report_doc(&in));
	assert_int_equal(count(d, DOC_CHART, 0), 2);
	assert_int_equal(d->blocks[0].kind, DOC_HEADING);
	buf_init(&b, 0);
	assert_int_equal(md_out(d, &b, &e), MM_OK);
	assert_non_null(strstr(buf_cstr(&b), "前回 (診断 #1、2026-11-01) の 96 点から 95 点"));
	assert_non_null(strstr(buf_cstr(&b), "(増減 -1 点)"));
	buf_free(&b);
	doc_free(d);
}

static void
test_sheet(void **state)
{
	struct diag_round_view v;
	struct doc *d;
	struct buf b;
	struct err e;
	size_t i, rows = 0;

	(void)state;
	assert_non_null(d = diag_sheet_doc(&cat->diag, "報告テスト株式会社", NULL, "2026-11-26",
	    LANG_JA, labels));
	/* the who/date table, the scale and one table per part */
	assert_int_equal(count(d, DOC_TABLE, 0), 2 + cat->diag.nparts);
	for (i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == DOC_TABLE && d->blocks[i].cols == 4)
			rows += d->blocks[i].rows - 1;
	assert_int_equal(rows, cat->diag.nitems);
	buf_init(&b, 0);
	err_clear(&e);
	assert_int_equal(md_out(d, &b, &e), MM_OK);
	assert_null(strstr(buf_cstr(&b), "■"));
	buf_free(&b);
	doc_free(d);

	round_of(&v, 3, 5, DIAG_PARTIAL);
	assert_non_null(d = diag_sheet_doc(&cat->diag, "報告テスト株式会社", &v, "2026-11-03",
	    LANG_JA, labels));
	buf_init(&b, 0);
	assert_int_equal(md_out(d, &b, &e), MM_OK);
	assert_non_null(strstr(buf_cstr(&b), "■一部実施している"));
	assert_non_null(strstr(buf_cstr(&b), "診断 #3 ・ 回答者: 総務部"));
	buf_free(&b);
	doc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report),
		cmocka_unit_test(test_sheet),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
