/* test_xlsx_in.c — the XLSX reader (app/xlsx_in.h): workbooks written
 * here with libxlsxwriter (shared and inline strings, numbers, booleans,
 * formulas with their cached value, dates, rich text) and packages made
 * by hand with libzip (furigana, prefixed XML, hidden sheets, absolute
 * targets) read back; zip bombs, DTDs and external entities, broken
 * packages and every limit refused with a message. */
#include "support/mm_test.h"

#include <jansson.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "app/xlsx_in.h"
#include "util/buf.h"
#include "util/fileio.h"

/* the rows read: {"<row>": [cells…], …} in order, plus the row numbers */
struct sheet {
	json_t *rows;
	json_t *numbers;
	int stop_at;
};

static enum mm_err
keep(void *ctx, const struct table_row *r, struct err *e)
{
	struct sheet *s = ctx;
	json_t *cells = json_array();
	char key[32];
	size_t k;

	assert_true(r->ncells >= 1);
	assert_true(r->cells[r->ncells - 1][0] != '\0'); /* no trailing empty cells */
	for (k = 0; k < r->ncells; k++)
		json_array_append_new(cells, json_string(r->cells[k]));
	snprintf(key, sizeof(key), "%ld", r->row);
	json_object_set_new(s->rows, key, cells);
	json_array_append_new(s->numbers, json_integer(r->row));
	if (s->stop_at > 0 && (int)json_array_size(s->numbers) == s->stop_at)
		return err_set(e, MM_ECONFLICT, "stopped by the sink");
	return MM_OK;
}

static enum mm_err
read_buf(const struct buf *b, const char *want, const struct xlsx_in_limits *lim,
    struct sheet *s, char *name, size_t namesz, struct err *e)
{
	struct table_sink sink;

	memset(&sink, 0, sizeof(sink));
	sink.row = keep;
	sink.ctx = s;
	s->rows = json_object();
	s->numbers = json_array();
	err_clear(e);
	return xlsx_in_read(b->data, b->len, want, lim, &sink, name, namesz, e);
}

static void
sheet_free(struct sheet *s)
{
	json_decref(s->rows);
	json_decref(s->numbers);
	s->rows = s->numbers = NULL;
}

/* cell COL of row ROW as read ("" when absent) */
static const char *
cell(const struct sheet *s, long row, size_t col)
{
	char key[32];
	json_t *cells;

	snprintf(key, sizeof(key), "%ld", row);
	cells = json_object_get(s->rows, key);
	if (cells == NULL || col >= json_array_size(cells))
		return "";
	return json_string_value(json_array_get(cells, col));
}

static void
slurp(const char *path, struct buf *b)
{
	struct err e;

	buf_init(b, 0);
	err_clear(&e);
	assert_ok(file_read_all(path, 256u << 20, b, &e), e);
}

/* ---- workbooks written by libxlsxwriter ---- */

static void
write_book(const char *path, bool constant_memory)
{
	lxw_workbook_options opt = { .constant_memory = constant_memory, .tmpdir = NULL,
		.use_zip64 = 0 };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *help, *ws;
	lxw_format *date = workbook_add_format(wb), *bold = workbook_add_format(wb);
	lxw_datetime dt = { 2026, 4, 1, 0, 0, 0 };
	lxw_rich_string_tuple f1 = { NULL, "顧客" }, f2 = { bold, "名簿" };
	lxw_rich_string_tuple *rich[] = { &f1, &f2, NULL };

	format_set_num_format(date, "yyyy-mm-dd");
	format_set_bold(bold);
	help = workbook_add_worksheet(wb, "利用方法");
	worksheet_write_string(help, 0, 0, "このシートの使い方", NULL);
	ws = workbook_add_worksheet(wb, "情報資産管理台帳");
	worksheet_write_string(ws, 0, 0, "情報資産管理台帳 (株式会社テスト)", NULL);
	worksheet_write_string(ws, 2, 0, "業務分類", NULL);
	worksheet_write_string(ws, 2, 1, "情報資産名称", NULL);
	worksheet_write_string(ws, 2, 2, "機密性", NULL);
	worksheet_write_string(ws, 2, 3, "登録日", NULL);
	worksheet_write_string(ws, 2, 4, "個人情報", NULL);
	worksheet_write_string(ws, 2, 5, "リスク値", NULL);
	worksheet_write_string(ws, 3, 0, "総務", NULL);
	worksheet_write_rich_string(ws, 3, 1, rich, NULL);
	worksheet_write_number(ws, 3, 2, 3, NULL);
	worksheet_write_datetime(ws, 3, 3, &dt, date);
	worksheet_write_boolean(ws, 3, 4, 1, NULL);
	worksheet_write_formula_num(ws, 3, 5, "=C4*2", NULL, 6);
	/* row 5 holds only a format: not a row with a value */
	worksheet_write_blank(ws, 4, 1, bold);
	worksheet_write_string(ws, 5, 1, "=SUM(A1)", NULL);
	worksheet_write_number(ws, 5, 2, 2.5, NULL);
	worksheet_write_boolean(ws, 5, 4, 0, NULL);
	worksheet_write_string(ws, 6, 300 - 1 - 200, "遠くの列", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void
check_book(bool constant_memory)
{
	struct sheet s;
	struct buf b;
	struct err e;
	char name[64];

	write_book("book.xlsx", constant_memory);
	slurp("book.xlsx", &b);
	assert_true(xlsx_in_is_zip(b.data, b.len));
	assert_ok(read_buf(&b, "情報資産管理台帳", NULL, &s, name, sizeof(name), &e), e);
	assert_string_equal(name, "情報資産管理台帳");
	assert_int_equal(json_array_size(s.numbers), 5);
	assert_string_equal(cell(&s, 1, 0), "情報資産管理台帳 (株式会社テスト)");
	assert_string_equal(cell(&s, 3, 1), "情報資産名称");
	assert_string_equal(cell(&s, 4, 0), "総務");
	assert_string_equal(cell(&s, 4, 1), "顧客名簿");      /* rich text, runs joined */
	assert_string_equal(cell(&s, 4, 2), "3");             /* a number as written */
	assert_string_equal(cell(&s, 4, 3), "2026-04-01");    /* a date cell */
	assert_string_equal(cell(&s, 4, 4), "TRUE");
	assert_string_equal(cell(&s, 4, 5), "6");             /* a formula's cached value */
	assert_string_equal(cell(&s, 5, 1), "");              /* row 5: only a format */
	assert_string_equal(cell(&s, 6, 0), "");
	assert_string_equal(cell(&s, 6, 1), "=SUM(A1)");
	assert_string_equal(cell(&s, 6, 2), "2.5");
	assert_string_equal(cell(&s, 6, 4), "FALSE");
	assert_string_equal(cell(&s, 7, 99), "遠くの列");
	sheet_free(&s);
	/* no name, or a name that is not there: the first visible sheet */
	assert_ok(read_buf(&b, NULL, NULL, &s, name, sizeof(name), &e), e);
	assert_string_equal(name, "利用方法");
	assert_string_equal(cell(&s, 1, 0), "このシートの使い方");
	sheet_free(&s);
	assert_ok(read_buf(&b, "ない", NULL, &s, NULL, 0, &e), e);
	assert_string_equal(cell(&s, 1, 0), "このシートの使い方");
	sheet_free(&s);
	buf_free(&b);
}

static void
test_shared_strings(void **state)
{
	(void)state;
	check_book(false);
}

static void
test_inline_strings(void **state)
{
	(void)state;
	check_book(true);
}

/* ---- packages made by hand ---- */

struct part {
	const char *name;
	const char *data;
	size_t len; /* 0: strlen(data) */
};

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
static const char root_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char book_one[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char book_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
static const char sst_plain[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\">"
    "<si><t>a</t></si></sst>";

#define SHEET_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
#define SHEET_TAIL "</sheetData></worksheet>"

/* a zip of the N parts P in B (written to a file by libzip and read back) */
static void
make_zip(const struct part *p, size_t n, struct buf *b)
{
	zip_t *z;
	zip_source_t *src;
	int err = 0;
	size_t k;

	unlink("hand.xlsx");
	z = zip_open("hand.xlsx", ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(z);
	for (k = 0; k < n; k++) {
		src = zip_source_buffer(z, p[k].data, p[k].len ? p[k].len : strlen(p[k].data), 0);
		assert_non_null(src);
		assert_true(zip_file_add(z, p[k].name, src, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	slurp("hand.xlsx", b);
}

/* a package of one sheet SHEET with the shared strings SST (may be NULL) */
static void
make_book(const char *sheet, const char *sst, const char *book, struct buf *b)
{
	struct part p[] = {
		{ "[Content_Types].xml", content_types, 0 },
		{ "_rels/.rels", root_rels, 0 },
		{ "xl/workbook.xml", book ? book : book_one, 0 },
		{ "xl/_rels/workbook.xml.rels", book_rels, 0 },
		{ "xl/worksheets/sheet1.xml", sheet, 0 },
		{ "xl/sharedStrings.xml", sst ? sst : sst_plain, 0 },
	};

	make_zip(p, sizeof(p) / sizeof(p[0]), b);
}

static void
refused_buf(const struct buf *b, const struct xlsx_in_limits *lim, const char *need)
{
	struct sheet s;
	struct err e;

	if (read_buf(b, NULL, lim, &s, NULL, 0, &e) != MM_EINVAL) {
		print_error("not refused (expected \"%s\"): %s\n", need, e.msg);
		fail();
	}
	assert_has(e.msg, need);
	sheet_free(&s);
}

static void
test_furigana_prefixes_and_types(void **state)
{
	const char *sst =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<x:sst xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	    "<x:si><x:t>顧客名簿</x:t><x:rPh sb=\"0\" eb=\"2\"><x:t>コキャク</x:t></x:rPh>"
	    "<x:phoneticPr fontId=\"1\"/></x:si>"
	    "<x:si><x:r><x:t xml:space=\"preserve\">見積 </x:t></x:r><x:r><x:rPr><x:b/></x:rPr>"
	    "<x:t>&amp;請求</x:t></x:r></x:si></x:sst>";
	const char *sheet =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	    "<x:sheetData>"
	    "<x:row r=\"2\"><x:c r=\"A2\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"C2\" t=\"s\"><x:v>1</x:v></x:c></x:row>"
	    "<x:row><x:c t=\"inlineStr\"><x:is><x:t>インライン</x:t><x:rPh><x:t>ヨミ</x:t></x:rPh></x:is></x:c>"
	    "<x:c t=\"str\"><x:f>A1</x:f><x:v>計算済み</x:v></x:c><x:c t=\"e\"><x:v>#N/A</x:v></x:c>"
	    "<x:c t=\"n\"><x:v> 42 </x:v></x:c><x:c t=\"b\"><x:v>1</x:v></x:c></x:row>"
	    "<x:row r=\"9\"><x:c r=\"B9\" t=\"s\"/><x:c r=\"C9\"><x:v></x:v></x:c></x:row>"
	    "</x:sheetData></x:worksheet>";
	const char *book_abs =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
	    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	    "<sheets><sheet name=\"隠し\" sheetId=\"1\" state=\"hidden\" r:id=\"rId9\"/>"
	    "<sheet name=\"見える\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>";
	struct sheet s;
	struct buf b;
	struct err e;
	char name[64];

	(void)state;
	make_book(sheet, sst, book_abs, &b);
	assert_ok(read_buf(&b, NULL, NULL, &s, name, sizeof(name), &e), e);
	assert_string_equal(name, "見える");    /* the hidden first sheet is passed over */
	assert_string_equal(cell(&s, 2, 0), "顧客名簿");  /* no furigana */
	assert_string_equal(cell(&s, 2, 2), "見積 &請求");
	assert_string_equal(cell(&s, 3, 0), "インライン");
	assert_string_equal(cell(&s, 3, 1), "計算済み");
	assert_string_equal(cell(&s, 3, 2), "#N/A");
	assert_string_equal(cell(&s, 3, 3), "42");
	assert_string_equal(cell(&s, 3, 4), "TRUE");
	assert_int_equal(json_array_size(s.numbers), 2); /* row 9 has no value */
	sheet_free(&s);
	buf_free(&b);
}

static void
test_date_formats(void **state)
{
	const char *styles =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	    "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"yyyy/m/d;@\"/>"
	    "<numFmt numFmtId=\"165\" formatCode=\"&quot;day&quot;\\ 0.00\"/>"
	    "<numFmt numFmtId=\"166\" formatCode=\"[$-411]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
	    "</numFmts><cellXfs count=\"6\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
	    "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"20\"/>"
	    "</cellXfs></styleSheet>";
	const char *sheet = SHEET_HEAD
	    "<row r=\"1\"><c r=\"A1\"><v>46113</v></c><c r=\"B1\" s=\"1\"><v>46113</v></c>"
	    "<c r=\"C1\" s=\"2\"><v>46113.75</v></c><c r=\"D1\" s=\"3\"><v>46113</v></c>"
	    "<c r=\"E1\" s=\"4\"><v>46113</v></c><c r=\"F1\" s=\"5\"><v>0.5</v></c>"
	    "<c r=\"G1\" s=\"1\"><v>12</v></c><c r=\"H1\" s=\"99\"><v>7</v></c>"
	    "<c r=\"I1\" s=\"1\" t=\"s\"><v>0</v></c></row>" SHEET_TAIL;
	const char *rels_styles =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	    "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	    "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	    "relationships/styles\" Target=\"styles.xml\"/></Relationships>";
	const char *book1904 =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
	    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	    "<workbookPr date1904=\"1\"/>"
	    "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
	struct part p[] = {
		{ "[Content_Types].xml", content_types, 0 },
		{ "_rels/.rels", root_rels, 0 },
		{ "xl/workbook.xml", book_one, 0 },
		{ "xl/_rels/workbook.xml.rels", rels_styles, 0 },
		{ "xl/worksheets/sheet1.xml", sheet, 0 },
		{ "xl/sharedStrings.xml", sst_plain, 0 },
		{ "xl/styles.xml", styles, 0 },
	};
	struct sheet s;
	struct buf b;
	struct err e;

	(void)state;
	make_zip(p, sizeof(p) / sizeof(p[0]), &b);
	assert_ok(read_buf(&b, NULL, NULL, &s, NULL, 0, &e), e);
	assert_string_equal(cell(&s, 1, 0), "46113");       /* General */
	assert_string_equal(cell(&s, 1, 1), "2026-04-01");  /* built-in m/d/yy */
	assert_string_equal(cell(&s, 1, 2), "2026-04-01");  /* custom, time of day dropped */
	assert_string_equal(cell(&s, 1, 3), "46113");       /* "day" in quotes is no date */
	assert_string_equal(cell(&s, 1, 4), "2026-04-01");  /* 和暦 */
	assert_string_equal(cell(&s, 1, 5), "0.5");         /* a time only */
	assert_string_equal(cell(&s, 1, 6), "12");          /* before 1900-03-01 */
	assert_string_equal(cell(&s, 1, 7), "7");           /* a format that is not there */
	assert_string_equal(cell(&s, 1, 8), "a");           /* text stays text */
	sheet_free(&s);
	buf_free(&b);
	/* the 1904 date system */
	p[2].data = book1904;
	make_zip(p, sizeof(p) / sizeof(p[0]), &b);
	assert_ok(read_buf(&b, NULL, NULL, &s, NULL, 0, &e), e);
	assert_string_equal(cell(&s, 1, 1), "2030-04-02");
	sheet_free(&s);
	buf_free(&b);
}

static void
test_dtd_and_entities_refused(void **state)
{
	struct buf b;
	const char *book_xxe =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<!DOCTYPE workbook SYSTEM \"file:///etc/passwd\">"
	    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>";
	const char *sst_laughs =
	    "<?xml version=\"1.0\"?>"
	    "<!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
	    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&c;</t></si></sst>";
	const char *sheet_ext =
	    "<?xml version=\"1.0\"?>"
	    "<!DOCTYPE worksheet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	    "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&x;</t></is></c></row>"
	    "</sheetData></worksheet>";

	(void)state;
	make_book(SHEET_HEAD SHEET_TAIL, NULL, book_xxe, &b);
	refused_buf(&b, NULL, "DTD");
	buf_free(&b);
	make_book(SHEET_HEAD SHEET_TAIL, sst_laughs, NULL, &b);
	refused_buf(&b, NULL, "DTD");
	buf_free(&b);
	make_book(sheet_ext, NULL, NULL, &b);
	refused_buf(&b, NULL, "DTD");
	refused_buf(&b, NULL, "xl/worksheets/sheet1.xml");
	buf_free(&b);
}

static void
test_zip_bomb_refused(void **state)
{
	const size_t big = 64u * 1024 * 1024;
	char *sheet = malloc(big + 256);
	struct xlsx_in_limits lim;
	struct buf b;
	size_t n;

	(void)state;
	assert_non_null(sheet);
	/* 64 MiB of one byte repeated deflates about 1000:1 */
	n = (size_t)snprintf(sheet, 256, "%s", SHEET_HEAD);
	memset(sheet + n, ' ', big);
	n += big;
	memcpy(sheet + n, SHEET_TAIL, sizeof(SHEET_TAIL));
	make_book(sheet, NULL, NULL, &b);
	assert_true(b.len < big / 100);
	refused_buf(&b, NULL, "圧縮爆弾");
	refused_buf(&b, NULL, "圧縮率");
	/* the part and total limits, with the ratio allowed */
	xlsx_in_limits_default(&lim);
	lim.max_ratio = 1u << 30;
	lim.max_part = 8u * 1024 * 1024;
	refused_buf(&b, &lim, "大きすぎます");
	xlsx_in_limits_default(&lim);
	lim.max_ratio = 1u << 30;
	lim.max_total = 16u * 1024 * 1024;
	refused_buf(&b, &lim, "展開したデータ");
	buf_free(&b);
	free(sheet);
}

static void
test_not_a_workbook(void **state)
{
	struct buf b, cut;
	struct part only[] = { { "hello.txt", "hello", 0 } };

	(void)state;
	buf_init(&b, 0);
	buf_puts(&b, "ID,情報資産名称\n1,x\n");
	assert_false(xlsx_in_is_zip(b.data, b.len));
	refused_buf(&b, NULL, "XLSX) ではありません");
	buf_free(&b);
	/* a zip that is no workbook */
	make_zip(only, 1, &b);
	assert_true(xlsx_in_is_zip(b.data, b.len));
	refused_buf(&b, NULL, "xl/workbook.xml がありません");
	buf_free(&b);
	/* a workbook cut short */
	make_book(SHEET_HEAD "<row r=\"1\"><c t=\"s\"><v>0</v></c></row>" SHEET_TAIL, NULL, NULL,
	    &b);
	buf_init(&cut, 0);
	buf_append(&cut, b.data, b.len / 2);
	refused_buf(&cut, NULL, "壊れています");
	buf_free(&cut);
	buf_free(&b);
	/* not well-formed XML, a shared string that is not there */
	make_book(SHEET_HEAD "<row r=\"1\"><c>" SHEET_TAIL, NULL, NULL, &b);
	refused_buf(&b, NULL, "XML として読めません");
	buf_free(&b);
	make_book(SHEET_HEAD "<row r=\"1\"><c r=\"B1\" t=\"s\"><v>7</v></c></row>" SHEET_TAIL, NULL,
	    NULL, &b);
	refused_buf(&b, NULL, "セル B1 の文字列番号");
	buf_free(&b);
	make_book(SHEET_HEAD "<row r=\"0\"><c><v>1</v></c></row>" SHEET_TAIL, NULL, NULL, &b);
	refused_buf(&b, NULL, "行番号");
	buf_free(&b);
}

static void
test_limits(void **state)
{
	struct xlsx_in_limits lim;
	struct sheet s;
	struct buf b;
	struct err e;

	(void)state;
	make_book(SHEET_HEAD "<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c><v>2</v></c></row>"
	    "<row r=\"3\"><c><v>3</v></c></row>" SHEET_TAIL, NULL, NULL, &b);
	xlsx_in_limits_default(&lim);
	lim.max_rows = 2;
	refused_buf(&b, &lim, "行が多すぎます");
	xlsx_in_limits_default(&lim);
	lim.max_entries = 3;
	refused_buf(&b, &lim, "多すぎます");
	xlsx_in_limits_default(&lim);
	lim.max_file = 100;
	refused_buf(&b, &lim, "大きすぎます");
	/* the sink stops the reading */
	memset(&s, 0, sizeof(s));
	s.stop_at = 2;
	assert_int_equal(read_buf(&b, NULL, NULL, &s, NULL, 0, &e), MM_ECONFLICT);
	assert_int_equal(json_array_size(s.numbers), 2);
	sheet_free(&s);
	buf_free(&b);
	/* a value past the columns allowed; an empty cell there is fine */
	make_book(SHEET_HEAD "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"XFD1\" s=\"1\"/></row>"
	    SHEET_TAIL, NULL, NULL, &b);
	assert_ok(read_buf(&b, NULL, NULL, &s, NULL, 0, &e), e);
	sheet_free(&s);
	buf_free(&b);
	make_book(SHEET_HEAD "<row r=\"4\"><c r=\"IW4\"><v>1</v></c></row>" SHEET_TAIL, NULL, NULL, &b);
	refused_buf(&b, NULL, "セル IW4: 列が多すぎます");
	buf_free(&b);
	make_book(SHEET_HEAD "<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>" SHEET_TAIL, NULL, NULL,
	    &b);
	refused_buf(&b, NULL, "セル番地");
	buf_free(&b);
	/* a long cell, a long shared string, too many shared strings */
	make_book(SHEET_HEAD "<row r=\"5\"><c r=\"C5\" t=\"inlineStr\"><is><t>12345678901</t></is></c>"
	    "</row>" SHEET_TAIL, "<sst><si><t>12345678901</t></si></sst>", NULL, &b);
	xlsx_in_limits_default(&lim);
	lim.max_cell = 10;
	refused_buf(&b, &lim, "長すぎます");
	xlsx_in_limits_default(&lim);
	lim.max_strings = 0;
	refused_buf(&b, &lim, "文字列が多すぎます");
	buf_free(&b);
	make_book(SHEET_HEAD "<row r=\"5\"><c r=\"C5\" t=\"inlineStr\"><is><t>12345678901</t></is></c>"
	    "</row>" SHEET_TAIL, NULL, NULL, &b);
	xlsx_in_limits_default(&lim);
	lim.max_cell = 10;
	refused_buf(&b, &lim, "セル C5 の値が長すぎます");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared_strings),
		cmocka_unit_test(test_inline_strings),
		cmocka_unit_test(test_furigana_prefixes_and_types),
		cmocka_unit_test(test_date_formats),
		cmocka_unit_test(test_dtd_and_entities_refused),
		cmocka_unit_test(test_zip_bomb_refused),
		cmocka_unit_test(test_not_a_workbook),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
