/* test_diag_input.c — the 自社診断 answers given as a CSV or JSON file
 * (app/diag_input.h). Every error must be MM_EINVAL, name the line (CSV)
 * or the item (JSON), and leave nothing in the output. */
#include "support/mm_test.h"

#include "app/diag_input.h"
#include "util/buf.h"
#include "util/text.h"

static struct catalog *cat;
static const struct diag_model *M;

static int
group_setup(void **state)
{
	(void)state;
	cat = mmt_catalog();
	M = &cat->diag;
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	catalog_free(cat);
	return 0;
}

/* append "no,ANSWER" lines for items FROM..TO */
static void
lines(struct buf *b, int from, int to, const char *answer)
{
	int no;

	for (no = from; no <= to; no++)
		buf_printf(b, "%d,%s\n", no, answer);
}

static void
assert_empty(const struct diag_input *in)
{
	static const struct diag_input zero;

	assert_memory_equal(in, &zero, sizeof(zero));
}

static void
parse_ok(const char *data, size_t len, enum diag_input_format fmt,
    struct diag_input *out)
{
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(diag_input_parse(M, data, len, fmt, out, &e), e);
	assert_int_equal(diag_sheet_missing(M, &out->sheet), 0);
}

/* DATA must be refused; the message must hold NEED1 and NEED2 (may be
 * NULL) and the output must be empty */
static void
refused(const char *data, size_t len, enum diag_input_format fmt,
    const char *need1, const char *need2)
{
	struct diag_input in;
	struct err e;
	enum mm_err rc;

	memset(&e, 0, sizeof(e));
	memset(&in, 0x5a, sizeof(in));
	rc = diag_input_parse(M, data, len, fmt, &in, &e);
	if (rc != MM_EINVAL) {
		print_error("accepted (%d): %.200s\n", rc, data);
		if (rc == MM_OK)
			diag_input_free(&in);
		fail();
	}
	assert_empty(&in);
	assert_has(e.msg, need1);
	if (need2 != NULL)
		assert_has(e.msg, need2);
}

#define refused_s(str, fmt, n1, n2) refused((str), strlen(str), (fmt), (n1), (n2))

static void
refused_buf(struct buf *b, enum diag_input_format fmt, const char *need1,
    const char *need2)
{
	assert_false(buf_failed(b));
	refused(buf_cstr(b), b->len, fmt, need1, need2);
	buf_free(b);
}

static void
test_csv_plain(void **state)
{
	struct diag_input in;
	struct buf b;
	size_t i;

	(void)state;
	buf_init(&b, 0);
	lines(&b, 1, 25, "yes");
	parse_ok(buf_cstr(&b), b.len, DIAG_INPUT_CSV, &in);
	for (i = 0; i < 25; i++) {
		assert_int_equal(in.sheet.answers[i], DIAG_YES);
		assert_null(in.notes.notes[i]);
	}
	assert_string_equal(in.respondent, "");
	diag_input_free(&in);
	/* AUTO reads it as CSV too; no final newline is fine */
	b.data[--b.len] = '\0';
	parse_ok(buf_cstr(&b), b.len, DIAG_INPUT_AUTO, &in);
	diag_input_free(&in);
	buf_free(&b);
}

static void
test_csv_bom_header_labels_crlf(void **state)
{
	static const char *const ja[] = { "実施している", "一部実施している",
		"実施していない", "わからない" };
	struct diag_input in;
	struct buf b;
	int no;

	(void)state;
	buf_init(&b, 0);
	buf_puts(&b, "\xEF\xBB\xBF番号,回答,メモ\r\n");
	for (no = 1; no <= 25; no++)
		buf_printf(&b, "%d,%s\r\n", no, no == 9 ? "該当なし" : ja[no % 4]);
	parse_ok(buf_cstr(&b), b.len, DIAG_INPUT_AUTO, &in);
	assert_int_equal(in.sheet.answers[0], DIAG_PARTIAL);
	assert_int_equal(in.sheet.answers[1], DIAG_NO);
	assert_int_equal(in.sheet.answers[2], DIAG_UNKNOWN);
	assert_int_equal(in.sheet.answers[3], DIAG_YES);
	assert_int_equal(in.sheet.answers[8], DIAG_NA);
	diag_input_free(&in);
	buf_free(&b);

	/* an English header */
	buf_init(&b, 0);
	buf_puts(&b, "no,answer,note\n");
	lines(&b, 1, 25, "Implemented");
	parse_ok(buf_cstr(&b), b.len, DIAG_INPUT_CSV, &in);
	diag_input_free(&in);
	buf_free(&b);
}

static void
test_csv_points_and_english(void **state)
{
	struct diag_input in;
	const char *csv =
	    "1,4\n2,2\n3,0\n4,-1\n5,\xe2\x88\x92" "1\n6,\xef\xbc\x8d" "1\n7, 4 \n"
	    "8,implemented\n9,Not applicable\n10,PARTLY IMPLEMENTED\n11,Don't know\n"
	    "12,Not implemented\n13,na\n14,YES\n15,partial\n16,no\n17,unknown\n"
	    "18,yes\n19,yes\n20,yes\n21,該当なし\n22,yes\n23,yes\n24,yes\n25,yes\n";
	static const enum diag_answer want[] = { DIAG_YES, DIAG_PARTIAL, DIAG_NO,
		DIAG_UNKNOWN, DIAG_UNKNOWN, DIAG_UNKNOWN, DIAG_YES, DIAG_YES, DIAG_NA,
		DIAG_PARTIAL, DIAG_UNKNOWN, DIAG_NO, DIAG_NA, DIAG_YES, DIAG_PARTIAL,
		DIAG_NO, DIAG_UNKNOWN, DIAG_YES, DIAG_YES, DIAG_YES, DIAG_NA };
	size_t i;

	(void)state;
	parse_ok(csv, strlen(csv), DIAG_INPUT_CSV, &in);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_int_equal(in.sheet.answers[i], want[i]);
	diag_input_free(&in);
}

static void
test_csv_notes(void **state)
{
	struct diag_input in;
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	buf_puts(&b, "1,yes,\"a, b and \"\"quoted\"\"\"\n");
	buf_puts(&b, "2,no,plain note\n");
	buf_puts(&b, "3,yes,\n");
	buf_puts(&b, "4,partial,\"  日本語のメモ、です。  \"\n");
	buf_puts(&b, "5,\"yes\",\"\"\n");
	lines(&b, 6, 25, "yes");
	parse_ok(buf_cstr(&b), b.len, DIAG_INPUT_CSV, &in);
	assert_string_equal(in.notes.notes[0], "a, b and \"quoted\"");
	assert_string_equal(in.notes.notes[1], "plain note");
	assert_null(in.notes.notes[2]);
	assert_string_equal(in.notes.notes[3], "日本語のメモ、です。");
	assert_null(in.notes.notes[4]);
	assert_int_equal(in.sheet.answers[4], DIAG_YES);
	diag_input_free(&in);
	buf_free(&b);
}

/* a note is one line of text: a quoted line break is refused, naming
 * the line and the item */
static void
test_csv_note_with_line_break(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	lines(&b, 1, 1, "yes");
	buf_puts(&b, "2,no,\"first line\nsecond line\"\n");
	lines(&b, 3, 25, "yes");
	refused_buf(&b, DIAG_INPUT_CSV, "2 行目", "項目 2");
}

static void
test_csv_note_lengths(void **state)
{
	struct diag_input in;
	struct buf b;
	int i;

	(void)state;
	/* 666 characters is the limit, in ASCII and in Japanese */
	buf_init(&b, 0);
	buf_puts(&b, "1,yes,");
	for (i = 0; i < 666; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, "\n2,yes,");
	for (i = 0; i < 666; i++)
		buf_puts(&b, "あ");
	buf_putc(&b, '\n');
	lines(&b, 3, 25, "yes");
	parse_ok(buf_cstr(&b), b.len, DIAG_INPUT_CSV, &in);
	assert_int_equal(strlen(in.notes.notes[0]), 666);
	assert_int_equal(strlen(in.notes.notes[1]), 666 * 3);
	diag_input_free(&in);
	buf_free(&b);

	buf_init(&b, 0);
	lines(&b, 1, 2, "yes");
	buf_puts(&b, "3,yes,");
	for (i = 0; i < 667; i++)
		buf_putc(&b, 'x');
	buf_putc(&b, '\n');
	lines(&b, 4, 25, "yes");
	refused_buf(&b, DIAG_INPUT_CSV, "3 行目", "項目 3");

	/* a field far beyond any note */
	buf_init(&b, 0);
	lines(&b, 1, 3, "yes");
	buf_puts(&b, "4,yes,\"");
	for (i = 0; i < 5000; i++)
		buf_putc(&b, 'y');
	buf_puts(&b, "\"\n");
	lines(&b, 5, 25, "yes");
	refused_buf(&b, DIAG_INPUT_CSV, "4 行目", "長すぎ");

	/* an over-long answer or number */
	buf_init(&b, 0);
	buf_puts(&b, "1,");
	for (i = 0; i < 300; i++)
		buf_putc(&b, 'y');
	buf_putc(&b, '\n');
	lines(&b, 2, 25, "yes");
	refused_buf(&b, DIAG_INPUT_CSV, "1 行目", NULL);
}

static void
test_csv_missing_and_duplicates(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	lines(&b, 1, 24, "yes");
	refused_buf(&b, DIAG_INPUT_CSV, "項目 25", NULL);

	buf_init(&b, 0);
	lines(&b, 1, 10, "yes");
	lines(&b, 12, 25, "yes");
	refused_buf(&b, DIAG_INPUT_CSV, "項目 11", NULL);

	refused_s("", DIAG_INPUT_CSV, "項目 1", NULL);
	refused_s("\xEF\xBB\xBF", DIAG_INPUT_AUTO, "項目 1", NULL);

	buf_init(&b, 0);
	lines(&b, 1, 25, "yes");
	buf_puts(&b, "3,no\n");
	refused_buf(&b, DIAG_INPUT_CSV, "26 行目", "項目 3");
}

static void
test_csv_bad_values(void **state)
{
	static const char *const bad[] = { "maybe", "3", "-2", "-", "04", "実施",
		"はい" };
	struct buf b;
	size_t i;
	char want[32];

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_init(&b, 0);
		lines(&b, 1, 6, "yes");
		buf_printf(&b, "7,%s\n", bad[i]);
		lines(&b, 8, 25, "yes");
		refused_buf(&b, DIAG_INPUT_CSV, "7 行目", "項目 7");
	}
	/* bad item numbers */
	static const char *const nums[] = { "0", "26", "x", "1.5", "-1", "+", "999999999999999999999" };
	for (i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		buf_init(&b, 0);
		lines(&b, 1, 25, "yes");
		buf_printf(&b, "%s,yes\n", nums[i]);
		snprintf(want, sizeof(want), "\"%s\"", nums[i]);
		refused_buf(&b, DIAG_INPUT_CSV, "26 行目", want);
	}
	/* a missing answer, too many columns */
	buf_init(&b, 0);
	lines(&b, 1, 4, "yes");
	buf_puts(&b, "5\n");
	lines(&b, 6, 25, "yes");
	refused_buf(&b, DIAG_INPUT_CSV, "5 行目", NULL);
	buf_init(&b, 0);
	lines(&b, 1, 4, "yes");
	buf_puts(&b, "5,yes,note,extra\n");
	lines(&b, 6, 25, "yes");
	refused_buf(&b, DIAG_INPUT_CSV, "5 行目", "列");
	/* a header is only allowed on the first line */
	buf_init(&b, 0);
	lines(&b, 1, 1, "yes");
	buf_puts(&b, "no,answer\n");
	lines(&b, 2, 25, "yes");
	refused_buf(&b, DIAG_INPUT_CSV, "2 行目", NULL);
	/* a broken quote */
	buf_init(&b, 0);
	lines(&b, 1, 24, "yes");
	buf_puts(&b, "25,yes,\"never closed\n");
	refused_buf(&b, DIAG_INPUT_CSV, "CSV", NULL);
}

static void
test_csv_na_not_allowed(void **state)
{
	static const int allowed[] = { 9, 13, 21, 22, 23 };
	struct diag_input in;
	struct buf b;
	size_t i;
	int no;

	(void)state;
	buf_init(&b, 0);
	for (no = 1; no <= 25; no++)
		buf_printf(&b, "%d,%s\n", no, no == 9 || no == 13 || no == 21 ||
		    no == 22 || no == 23 ? "na" : "yes");
	parse_ok(buf_cstr(&b), b.len, DIAG_INPUT_CSV, &in);
	for (i = 0; i < 5; i++)
		assert_int_equal(in.sheet.answers[allowed[i] - 1], DIAG_NA);
	diag_input_free(&in);
	buf_free(&b);

	for (no = 1; no <= 25; no++) {
		char want[32];
		if (no == 9 || no == 13 || no == 21 || no == 22 || no == 23)
			continue;
		buf_init(&b, 0);
		lines(&b, 1, no - 1, "yes");
		buf_printf(&b, "%d,%s\n", no, no % 2 ? "na" : "該当なし");
		lines(&b, no + 1, 25, "yes");
		snprintf(want, sizeof(want), "項目 %d", no);
		refused_buf(&b, DIAG_INPUT_CSV, want, "該当なし");
	}
}

static void
test_encoding_and_size(void **state)
{
	struct buf b;
	char *big;

	(void)state;
	refused_s("1,yes,\xff\n", DIAG_INPUT_CSV, "UTF-8", NULL);
	refused_s("1,yes,\xc0\xaf\n", DIAG_INPUT_CSV, "UTF-8", NULL);
	refused_s("1,yes,\xed\xa0\x80\n", DIAG_INPUT_CSV, "UTF-8", NULL);
	refused("1,yes\n\0002,yes\n", 13, DIAG_INPUT_CSV, "UTF-8", NULL);
	refused_s("{\"answers\":{\"1\":\"\xff\"}}", DIAG_INPUT_AUTO, "UTF-8", NULL);
	big = malloc(DIAG_INPUT_MAX_BYTES + 1);
	assert_non_null(big);
	memset(big, '\n', DIAG_INPUT_MAX_BYTES + 1);
	refused(big, DIAG_INPUT_MAX_BYTES + 1, DIAG_INPUT_CSV, "大きすぎ", NULL);
	free(big);
	/* a control character in a note */
	buf_init(&b, 0);
	buf_puts(&b, "1,yes,tab\there\n");
	lines(&b, 2, 25, "yes");
	refused_buf(&b, DIAG_INPUT_CSV, "1 行目", "項目 1");
}

/* notes already taken are freed when a later line is bad (ASan checks),
 * and many problems are summarised */
static void
test_errors_leave_nothing(void **state)
{
	struct buf b;
	int no;

	(void)state;
	buf_init(&b, 0);
	for (no = 1; no <= 24; no++)
		buf_printf(&b, "%d,yes,note %d\n", no, no);
	buf_puts(&b, "25,bogus,last note\n");
	refused_buf(&b, DIAG_INPUT_CSV, "25 行目", "bogus");
}

/* several missing items are all named (up to five), not only the first */
static void
test_missing_items_listed(void **state)
{
	struct buf b;

	(void)state;
	refused_s("", DIAG_INPUT_CSV, "項目 1", "項目 5");
	buf_init(&b, 0);
	lines(&b, 1, 20, "yes");
	lines(&b, 22, 22, "yes");
	refused_buf(&b, DIAG_INPUT_CSV, "項目 21", "項目 25");
}

/* many problems: the message says how many more there are, and it is
 * still valid UTF-8 however it is shortened (answers of several lengths
 * move the place where a long message would be cut) */
static void
test_many_problems_summarised(void **state)
{
	struct diag_input in;
	struct buf b;
	struct err e;
	int no, k, invalid = 0, uncounted = 0;

	(void)state;
	for (k = 0; k < 6; k++) {
		memset(&e, 0, sizeof(e));
		buf_init(&b, 0);
		for (no = 1; no <= 25; no++)
			buf_printf(&b, "%d,だめ%.*s\n", no, k, "xxxxxx");
		assert_int_equal(diag_input_parse(M, buf_cstr(&b), b.len, DIAG_INPUT_CSV,
		    &in, &e), MM_EINVAL);
		assert_empty(&in);
		buf_free(&b);
		assert_has(e.msg, "1 行目");
		if (!text_utf8_valid(e.msg, strlen(e.msg))) {
			print_error("k=%d: message cut inside a character (%zu bytes)\n", k,
			    strlen(e.msg));
			invalid++;
		}
		if (strstr(e.msg, "ほか") == NULL) {
			print_error("k=%d: no \"ほか N 件\" (%zu bytes, ends \"%s\")\n", k,
			    strlen(e.msg), e.msg + (strlen(e.msg) > 24 ? strlen(e.msg) - 24 : 0));
			uncounted++;
		}
	}
	assert_int_equal(invalid, 0);
	assert_int_equal(uncounted, 0);
}

static void
test_json_ok(void **state)
{
	struct diag_input in;
	struct buf b;
	int no;

	(void)state;
	buf_init(&b, 0);
	buf_puts(&b, "\xEF\xBB\xBF \n\t{\"respondent\": \"  山田 太郎 \", \"answers\": {");
	for (no = 1; no <= 25; no++)
		buf_printf(&b, "%s\"%d\": %s", no > 1 ? ", " : "", no,
		    no == 1 ? "4" : no == 2 ? "2" : no == 3 ? "0" : no == 4 ? "-1" :
		    no == 5 ? "\"\xe2\x88\x92" "1\"" : no == 9 ? "\"該当なし\"" :
		    no == 10 ? "\"partial\"" : "\"yes\"");
	buf_puts(&b, "}, \"notes\": {\"1\": \"メモ, with comma\", \"10\": \"  \"}}");
	parse_ok(buf_cstr(&b), b.len, DIAG_INPUT_AUTO, &in);
	assert_int_equal(in.sheet.answers[0], DIAG_YES);
	assert_int_equal(in.sheet.answers[1], DIAG_PARTIAL);
	assert_int_equal(in.sheet.answers[2], DIAG_NO);
	assert_int_equal(in.sheet.answers[3], DIAG_UNKNOWN);
	assert_int_equal(in.sheet.answers[4], DIAG_UNKNOWN);
	assert_int_equal(in.sheet.answers[8], DIAG_NA);
	assert_int_equal(in.sheet.answers[9], DIAG_PARTIAL);
	assert_string_equal(in.notes.notes[0], "メモ, with comma");
	assert_null(in.notes.notes[9]);
	assert_string_equal(in.respondent, "山田 太郎");
	diag_input_free(&in);
	/* the same text forced as CSV is refused */
	refused_buf(&b, DIAG_INPUT_CSV, "行目", NULL);
}

/* a JSON document whose answers are all yes but for item NO set to V */
static void
json_with(struct buf *b, int no, const char *v, const char *tail)
{
	int k;

	buf_init(b, 0);
	buf_puts(b, "{\"answers\": {");
	for (k = 1; k <= 25; k++)
		buf_printf(b, "%s\"%d\": %s", k > 1 ? ", " : "", k, k == no ? v : "\"yes\"");
	buf_printf(b, "}%s}", tail ? tail : "");
}

static void
test_json_errors(void **state)
{
	struct buf b;

	(void)state;
	refused_s("[]", DIAG_INPUT_JSON, "answers", NULL);
	refused_s("{}", DIAG_INPUT_JSON, "answers", NULL);
	refused_s("{\"answers\": [1]}", DIAG_INPUT_JSON, "answers", NULL);
	refused_s("{\"answers\":\n{\"1\": \"yes\",\n\"2\": }}", DIAG_INPUT_JSON, "3 行目", "JSON");
	json_with(&b, 7, "true", NULL);
	refused_buf(&b, DIAG_INPUT_JSON, "\"7\"", NULL);
	json_with(&b, 7, "3", NULL);
	refused_buf(&b, DIAG_INPUT_JSON, "項目 7", NULL);
	json_with(&b, 7, "\"maybe\"", NULL);
	refused_buf(&b, DIAG_INPUT_JSON, "項目 7", "maybe");
	json_with(&b, 1, "\"na\"", NULL);
	refused_buf(&b, DIAG_INPUT_JSON, "項目 1", "該当なし");
	json_with(&b, 2, "\"yes\", \"2\": \"no\"", NULL);  /* duplicate key */
	refused_buf(&b, DIAG_INPUT_JSON, "JSON", NULL);
	refused_s("{\"answers\": {\"26\": \"yes\"}}", DIAG_INPUT_JSON, "\"26\"", NULL);
	refused_s("{\"answers\": {\" 1\": \"yes\"}}", DIAG_INPUT_JSON, "\" 1\"", NULL);
	json_with(&b, 0, NULL, ", \"notes\": {\"26\": \"x\"}");
	refused_buf(&b, DIAG_INPUT_JSON, "notes", "\"26\"");
	json_with(&b, 0, NULL, ", \"notes\": {\"3\": 5}");
	refused_buf(&b, DIAG_INPUT_JSON, "notes", "\"3\"");
	json_with(&b, 0, NULL, ", \"notes\": [\"x\"]");
	refused_buf(&b, DIAG_INPUT_JSON, "notes", NULL);
	json_with(&b, 0, NULL, ", \"notes\": {\"4\": \"a\\nb\"}");
	refused_buf(&b, DIAG_INPUT_JSON, "項目 4", NULL);
	json_with(&b, 0, NULL, ", \"respondent\": 5");
	refused_buf(&b, DIAG_INPUT_JSON, "respondent", NULL);
	json_with(&b, 0, NULL, ", \"respondent\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"");
	refused_buf(&b, DIAG_INPUT_JSON, "respondent", "80");
	json_with(&b, 0, NULL, ", \"respondent\": \"a\\u0000b\"");
	refused_buf(&b, DIAG_INPUT_JSON, "JSON", NULL);
	/* an item missing */
	refused_s("{\"answers\": {\"1\": \"yes\"}}", DIAG_INPUT_JSON, "項目 2", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_plain),
		cmocka_unit_test(test_csv_bom_header_labels_crlf),
		cmocka_unit_test(test_csv_points_and_english),
		cmocka_unit_test(test_csv_notes),
		cmocka_unit_test(test_csv_note_with_line_break),
		cmocka_unit_test(test_csv_note_lengths),
		cmocka_unit_test(test_csv_missing_and_duplicates),
		cmocka_unit_test(test_csv_bad_values),
		cmocka_unit_test(test_csv_na_not_allowed),
		cmocka_unit_test(test_encoding_and_size),
		cmocka_unit_test(test_errors_leave_nothing),
		cmocka_unit_test(test_missing_items_listed),
		cmocka_unit_test(test_many_problems_summarised),
		cmocka_unit_test(test_json_ok),
		cmocka_unit_test(test_json_errors),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
