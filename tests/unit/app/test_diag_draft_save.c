/* test_diag_draft_save.c — what the browser pages of the 自社診断 add to
 * app/diag_service.h: saving many answers of a draft at once
 * (diag_draft_save: all checked first, one audit record per changed item,
 * nothing changed on bad input), the list of unanswered items, the newest
 * completed round of each respondent, and loading two rounds to compare. */
#include "support/mm_diag.h"

#include "app/diag_service.h"

#define DBFILE "save.db"
#define T0 "2024-04-01T09:00:00Z"

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
draft(const struct org *o, const char *who)
{
	struct diag_round_row r;
	struct err e;
	bool resumed;

	memset(&e, 0, sizeof(e));
	assert_ok(diag_draft_start(&A, o, who, NULL, &r, &resumed, &e), e);
	return r.id;
}

static long long
record(const struct org *o, const char *who, const char *spec)
{
	struct diag_input in;
	struct err e;
	long long id = 0;

	memset(&in, 0, sizeof(in));
	memset(&e, 0, sizeof(e));
	in.sheet = mmt_sheet(&A.cat->diag, spec);
	assert_ok(diag_record(&A, o, who, &in, &id, &e), e);
	return id;
}

static struct diag_round_view
load(long long id)
{
	struct diag_round_view v;
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(diag_round_load(&A, &O, id, &v, &e), e);
	return v;
}

static struct diag_draft_edit
edit(int no, char answer, const char *note)
{
	struct diag_draft_edit ed;

	memset(&ed, 0, sizeof(ed));
	ed.no = no;
	ed.set_answer = answer != 0;
	ed.answer = answer ? mmt_letter(answer) : DIAG_UNANSWERED;
	ed.note = note;
	return ed;
}

#define ALL_YES "yyyyyyyyyyyyyyyyyyyyyyyyy"

static void
test_save_many(void **state)
{
	struct diag_draft_edit ed[4];
	struct diag_round_view v;
	struct err e;
	size_t changed = 99;
	long long id = draft(&O, NULL), n0 = audits();

	(void)state;
	memset(&e, 0, sizeof(e));
	ed[0] = edit(1, 'y', "毎月更新");
	ed[1] = edit(2, 'p', NULL);
	ed[2] = edit(9, 'a', "");   /* 無線LAN: 該当なし is allowed */
	ed[3] = edit(25, 'u', NULL);
	assert_ok(diag_draft_save(&A, &O, id, ed, 4, &changed, &e), e);
	assert_int_equal(changed, 4);
	assert_int_equal(audits(), n0 + 4); /* one record per item */
	v = load(id);
	assert_int_equal(v.sheet.answers[0], DIAG_YES);
	assert_string_equal(v.notes.notes[0], "毎月更新");
	assert_int_equal(v.sheet.answers[1], DIAG_PARTIAL);
	assert_int_equal(v.sheet.answers[8], DIAG_NA);
	assert_int_equal(v.sheet.answers[24], DIAG_UNKNOWN);
	assert_int_equal(v.sheet.answers[2], DIAG_UNANSWERED);
	diag_round_view_free(&v);

	/* the same again: nothing changes, nothing is recorded */
	assert_ok(diag_draft_save(&A, &O, id, ed, 4, &changed, &e), e);
	assert_int_equal(changed, 0);
	assert_int_equal(audits(), n0 + 4);

	/* a note alone keeps the answer; an answer alone keeps the note */
	ed[0] = edit(1, 0, "  自動更新に変更  ");
	ed[1] = edit(2, 'y', NULL);
	assert_ok(diag_draft_save(&A, &O, id, ed, 2, &changed, &e), e);
	assert_int_equal(changed, 2);
	v = load(id);
	assert_int_equal(v.sheet.answers[0], DIAG_YES);
	assert_string_equal(v.notes.notes[0], "自動更新に変更");
	assert_int_equal(v.sheet.answers[1], DIAG_YES);
	diag_round_view_free(&v);
	ed[0] = edit(1, 'n', NULL);
	assert_ok(diag_draft_save(&A, &O, id, ed, 1, &changed, &e), e);
	v = load(id);
	assert_int_equal(v.sheet.answers[0], DIAG_NO);
	assert_string_equal(v.notes.notes[0], "自動更新に変更");
	diag_round_view_free(&v);

	/* clearing: the answer (and with it the note) goes */
	ed[0] = edit(1, '.', "");
	ed[0].set_answer = true;
	assert_ok(diag_draft_save(&A, &O, id, ed, 1, &changed, &e), e);
	assert_int_equal(changed, 1);
	v = load(id);
	assert_int_equal(v.sheet.answers[0], DIAG_UNANSWERED);
	assert_null(v.notes.notes[0]);
	diag_round_view_free(&v);
	assert_ok(diag_draft_save(&A, &O, id, NULL, 0, &changed, &e), e);
	assert_int_equal(changed, 0);
}

static void
test_save_refused_changes_nothing(void **state)
{
	struct diag_draft_edit ed[5];
	struct diag_round_view v;
	char ctl[8] = { 'a', '\x01', 'b', 0 };
	struct err e;
	size_t changed = 99;
	long long id = draft(&O, NULL), n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	n0 = audits();
	ed[0] = edit(3, 'y', NULL);      /* fine */
	ed[1] = edit(1, 'a', NULL);      /* 該当なし not allowed for item 1 */
	ed[2] = edit(26, 'y', NULL);     /* no such item */
	ed[3] = edit(4, 'y', ctl);       /* a control character in the note */
	ed[4] = edit(5, 'y', NULL);
	assert_int_equal(diag_draft_save(&A, &O, id, ed, 5, &changed, &e), MM_EINVAL);
	assert_has(e.msg, "項目 1 に「該当なし」は選べません");
	assert_has(e.msg, "項目番号 26 はありません");
	assert_has(e.msg, "項目 4 のメモ に制御文字は使えません");
	assert_has(e.msg, "何も保存していません");
	assert_lacks(e.msg, "項目 3");
	assert_int_equal(changed, 0);
	assert_int_equal(audits(), n0);
	v = load(id);
	assert_int_equal(v.sheet.answers[2], DIAG_UNANSWERED);
	assert_int_equal(v.sheet.answers[4], DIAG_UNANSWERED);
	diag_round_view_free(&v);

	/* a note on an item left unanswered can not be kept */
	ed[0] = edit(6, 'y', NULL);
	ed[1] = edit(7, 0, "あとで確認");
	assert_int_equal(diag_draft_save(&A, &O, id, ed, 2, &changed, &e), MM_EINVAL);
	assert_has(e.msg, "項目 7 のメモを保存するには回答も選んでください");
	assert_int_equal(audits(), n0);
	v = load(id);
	assert_int_equal(v.sheet.answers[5], DIAG_UNANSWERED);
	diag_round_view_free(&v);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM diag_answer"), 0);
}

static void
test_save_needs_a_draft_of_the_org(void **state)
{
	struct diag_draft_edit ed[1];
	struct err e;
	long long done = record(&O, "全社", ALL_YES), other = draft(&P, NULL), n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	n0 = audits();
	ed[0] = edit(1, 'n', NULL);
	assert_int_equal(diag_draft_save(&A, &O, done, ed, 1, NULL, &e), MM_EIMMUTABLE);
	assert_int_equal(diag_draft_save(&A, &O, other, ed, 1, NULL, &e), MM_ENOTFOUND);
	assert_int_equal(diag_draft_save(&A, &O, 9999, ed, 1, NULL, &e), MM_ENOTFOUND);
	assert_int_equal(audits(), n0);
}

static void
test_missing_items(void **state)
{
	const struct diag_model *m;
	struct diag_sheet s;
	int out[DIAG_MAX_ITEMS];

	(void)state;
	m = &A.cat->diag;
	s = mmt_sheet(m, ALL_YES);
	assert_int_equal(diag_missing_items(m, &s, out), 0);
	s = mmt_sheet(m, ".yyy.yyyyyyyyyyyyyyyyyyy.");
	assert_int_equal(diag_missing_items(m, &s, out), 3);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[1], 5);
	assert_int_equal(out[2], 25);
	memset(&s, 0, sizeof(s));
	assert_int_equal(diag_missing_items(m, &s, out), m->nitems);
}

static void
test_latest_rounds(void **state)
{
	struct diag_round_row *rows;
	struct err e;
	size_t n;
	long long a1, b1, a2;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(diag_latest_rounds(&A, &O, &rows, &n, &e), e);
	assert_int_equal(n, 0);
	free(rows);
	a1 = record(&O, "全社", ALL_YES);
	setenv("MAMORI_FAKE_NOW", "2024-05-01T09:00:00Z", 1);
	b1 = record(&O, "総務部", "nnnnnnnnnnnnnnnnnnnnnnnnn");
	setenv("MAMORI_FAKE_NOW", "2024-06-01T09:00:00Z", 1);
	a2 = record(&O, "全社", "ppppppppppppppppppppppppp");
	(void)a1;
	draft(&O, "経理部");  /* drafts do not count */
	record(&P, "全社", ALL_YES); /* nor other organisations */
	assert_ok(diag_latest_rounds(&A, &O, &rows, &n, &e), e);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, a2); /* the most recent first */
	assert_int_equal(rows[1].id, b1);
	assert_true(rows[0].completed && rows[1].completed);
	free(rows);
}

static void
test_compare_rounds(void **state)
{
	struct diag_round_view from, to;
	struct err e;
	long long a, b, d, other;

	(void)state;
	memset(&e, 0, sizeof(e));
	a = record(&O, "全社", "nnnnnnnnnnnnnnnnnnnnnnnnn");
	setenv("MAMORI_FAKE_NOW", "2024-05-01T09:00:00Z", 1);
	b = record(&O, "総務部", ALL_YES);
	d = draft(&O, NULL);
	other = record(&P, "全社", ALL_YES);
	/* either order: the earlier round is "from" */
	assert_ok(diag_compare_rounds(&A, &O, b, a, &from, &to, &e), e);
	assert_int_equal(from.row.id, a);
	assert_int_equal(to.row.id, b);
	assert_int_equal(from.result.total, 0);
	assert_int_equal(to.result.total, 100);
	diag_round_view_free(&from);
	diag_round_view_free(&to);
	assert_ok(diag_compare_rounds(&A, &O, a, b, &from, &to, &e), e);
	assert_int_equal(from.row.id, a);
	diag_round_view_free(&from);
	diag_round_view_free(&to);
	/* refused */
	assert_int_equal(diag_compare_rounds(&A, &O, a, a, &from, &to, &e), MM_EINVAL);
	assert_int_equal(diag_compare_rounds(&A, &O, a, d, &from, &to, &e), MM_EINVAL);
	assert_has(e.msg, "完了した診断だけ");
	assert_int_equal(diag_compare_rounds(&A, &O, a, other, &from, &to, &e), MM_ENOTFOUND);
	assert_int_equal(diag_compare_rounds(&A, &O, other, a, &from, &to, &e), MM_ENOTFOUND);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_save_many, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_refused_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_needs_a_draft_of_the_org, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_items, setup, teardown),
		cmocka_unit_test_setup_teardown(test_latest_rounds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compare_rounds, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
