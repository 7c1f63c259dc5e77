/* test_docx_out.c — DOCX output (render/docx_out.h), read back the way a
 * reader does: the zip is opened with libzip, every part must exist and
 * parse with expat, and the texts, styles (Heading1, ListNumber, Table
 * Grid), numbering, header (organisation name), footer (PAGE field) and
 * A4 page are checked. Hostile text (< & " ' and control characters)
 * comes out escaped and well-formed; an incomplete doc is refused with
 * MM_EINVAL; a 300-article doc numbers 第1条…第300条; output is
 * appended to what the buffer holds. */
#include "support/mm_test.h"

#include <expat.h>
#include <zip.h>

#include "render/docx_out.h"

static const char *const parts[] = {
	"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
	"word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml",
	"word/fontTable.xml", "word/header1.xml", "word/footer1.xml",
	"word/_rels/document.xml.rels",
};
#define NPARTS (sizeof(parts) / sizeof(parts[0]))

/* a DOCX read back: each part's bytes and its character data */
struct pkg {
	struct buf raw[NPARTS];
	struct buf text[NPARTS];
};

static void
on_text(void *ud, const XML_Char *s, int len)
{
	buf_append(ud, s, (size_t)len);
}

/* parse XML with expat (no DTD allowed); its character data into TEXT */
static void
parse(const char *name, const struct buf *xml, struct buf *text)
{
	XML_Parser p = XML_ParserCreate("UTF-8");

	assert_non_null(p);
	XML_SetUserData(p, text);
	XML_SetCharacterDataHandler(p, on_text);
	if (XML_Parse(p, buf_cstr(xml), (int)xml->len, 1) != XML_STATUS_OK) {
		print_error("%s: %s at line %lu\n", name, XML_ErrorString(XML_GetErrorCode(p)),
		    (unsigned long)XML_GetCurrentLineNumber(p));
		XML_ParserFree(p);
		fail();
	}
	XML_ParserFree(p);
	assert_false(buf_failed(text));
}

static void
pkg_read(struct pkg *k, const struct buf *docx)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_file_t *f;
	zip_int64_t n;
	char chunk[8192];
	size_t i;

	assert_true(docx->len > 4);
	assert_memory_equal(docx->data, "PK\3\4", 4);
	zip_error_init(&ze);
	src = zip_source_buffer_create(docx->data, docx->len, 0, &ze);
	assert_non_null(src);
	za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (za == NULL) {
		print_error("not a zip: %s\n", zip_error_strerror(&ze));
		zip_source_free(src);
		fail();
	}
	assert_int_equal(zip_get_num_entries(za, 0), (zip_int64_t)NPARTS);
	/* [Content_Types].xml first, as Word writes it */
	assert_string_equal(zip_get_name(za, 0, 0), "[Content_Types].xml");
	for (i = 0; i < NPARTS; i++) {
		buf_init(&k->raw[i], 0);
		buf_init(&k->text[i], 0);
		if ((f = zip_fopen(za, parts[i], 0)) == NULL) {
			print_error("part %s is missing\n", parts[i]);
			fail();
		}
		while ((n = zip_fread(f, chunk, sizeof(chunk))) > 0)
			buf_append(&k->raw[i], chunk, (size_t)n);
		assert_int_equal(n, 0);
		zip_fclose(f);
		parse(parts[i], &k->raw[i], &k->text[i]);
	}
	zip_discard(za);
	zip_error_fini(&ze);
}

static void
pkg_free(struct pkg *k)
{
	size_t i;

	for (i = 0; i < NPARTS; i++) {
		buf_free(&k->raw[i]);
		buf_free(&k->text[i]);
	}
}

static const char *
raw(struct pkg *k, const char *name)
{
	size_t i;

	for (i = 0; i < NPARTS; i++)
		if (strcmp(parts[i], name) == 0)
			return buf_cstr(&k->raw[i]);
	fail();
	return NULL;
}

static const char *
text(struct pkg *k, const char *name)
{
	size_t i;

	for (i = 0; i < NPARTS; i++)
		if (strcmp(parts[i], name) == 0)
			return buf_cstr(&k->text[i]);
	fail();
	return NULL;
}

static void
render(const struct doc *d, struct buf *out)
{
	struct err e;

	err_clear(&e);
	buf_init(out, 0);
	if (docx_out(d, out, &e) != MM_OK) {
		print_error("docx_out: %s\n", e.msg);
		fail();
	}
}

/* the number of occurrences of NEEDLE in HAY */
static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static struct doc *
sample(void)
{
	static const char *const cells[] = {
		"役割", "担当者", "情報セキュリティ責任者", "代表取締役 山田 太郎",
	};
	struct doc *d = doc_new("情報セキュリティ関連規程", "株式会社テスト", "2026年11月26日", "ja");

	assert_non_null(d);
	doc_heading(d, 1, "第1章 組織的対策");
	doc_heading(d, 2, "節");
	doc_heading(d, 3, "項");
	doc_paragraph(d, "前文 **全ての従業員** に適用する。");
	doc_article(d, "目的", "この規程は目的を定める。");
	doc_article(d, NULL, "題のない条文。");
	doc_list_item(d, true, 1, "一つ目");
	doc_list_item(d, true, 2, "一つ目の下");
	doc_list_item(d, false, 1, "箇条書き");
	doc_paragraph(d, "間");
	doc_list_item(d, true, 1, "二つ目のリスト");
	doc_table(d, 2, 2, cells);
	doc_page_break(d);
	doc_heading(d, 1, "第2章 人的対策");
	doc_article(d, "教育", "年に一回以上教育を行う。");
	assert_false(d->failed);
	return d;
}

static void
test_parts(void **state)
{
	struct doc *d = sample();
	struct buf out;
	struct pkg k;
	const char *doc, *styles, *num;

	(void)state;
	render(d, &out);
	pkg_read(&k, &out);
	doc = raw(&k, "word/document.xml");
	styles = raw(&k, "word/styles.xml");
	num = raw(&k, "word/numbering.xml");

	/* title page, then the body */
	assert_has(text(&k, "word/document.xml"), "情報セキュリティ関連規程2026年11月26日株式会社テスト");
	assert_has(doc, "<w:br w:type=\"page\"/>");
	assert_int_equal(count(doc, "w:type=\"page\""), 2);
	assert_has(doc, "<w:pStyle w:val=\"Title\"/>");
	assert_has(doc, "<w:pStyle w:val=\"Heading1\"/>");
	assert_has(doc, "<w:pStyle w:val=\"Heading2\"/>");
	assert_has(doc, "<w:pStyle w:val=\"Heading3\"/>");
	/* bold span */
	assert_has(doc, "<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">全ての従業員</w:t></w:r>");
	assert_lacks(doc, "**");
	/* articles numbered across the document, the heading bold by style */
	assert_has(text(&k, "word/document.xml"), "第1条（目的）この規程は目的を定める。");
	assert_has(text(&k, "word/document.xml"), "第2条　題のない条文。");
	assert_has(text(&k, "word/document.xml"), "第3条（教育）");
	assert_has(doc, "<w:pStyle w:val=\"ArticleHeading\"/>");
	/* lists: real numbering; the second ordered list starts again */
	assert_has(doc, "<w:pStyle w:val=\"ListNumber\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/>");
	assert_has(doc, "<w:pStyle w:val=\"ListNumber2\"/><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"2\"/>");
	assert_has(doc, "<w:pStyle w:val=\"ListBullet\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/>");
	assert_has(doc, "<w:pStyle w:val=\"ListNumber\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/>");
	assert_has(num, "<w:abstractNum w:abstractNumId=\"0\">");
	assert_has(num, "<w:numFmt w:val=\"decimal\"/>");
	assert_has(num, "<w:numFmt w:val=\"bullet\"/>");
	assert_has(num, "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"1\"/>");
	/* the table: Table Grid, header row repeated and bold */
	assert_has(doc, "<w:tblStyle w:val=\"TableGrid\"/>");
	assert_has(doc, "<w:tblHeader/>");
	assert_has(text(&k, "word/document.xml"), "役割担当者情報セキュリティ責任者代表取締役 山田 太郎");
	/* styles */
	assert_has(styles, "w:styleId=\"Normal\"");
	assert_has(styles, "w:eastAsia=\"游明朝\"");
	assert_has(styles, "w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>");
	assert_has(styles, "<w:outlineLvl w:val=\"0\"/>");
	assert_has(styles, "<w:outlineLvl w:val=\"2\"/>");
	assert_has(styles, "w:styleId=\"ListNumber\"><w:name w:val=\"List Number\"/>");
	assert_has(styles, "w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/>");
	assert_has(styles, "w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>");
	assert_has(raw(&k, "word/fontTable.xml"), "<w:altName w:val=\"MS Mincho\"/>");
	/* A4, 20 mm margins, header and footer */
	assert_has(doc, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>");
	assert_has(doc, "<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\"");
	assert_string_equal(text(&k, "word/header1.xml"), "株式会社テスト");
	assert_has(text(&k, "word/footer1.xml"), " PAGE ");
	assert_has(raw(&k, "word/_rels/document.xml.rels"), "Target=\"header1.xml\"");
	assert_has(raw(&k, "[Content_Types].xml"), "/word/footer1.xml");
	assert_has(text(&k, "docProps/core.xml"), "情報セキュリティ関連規程");
	pkg_free(&k);
	buf_free(&out);
	doc_free(d);
}

#define HOSTILE "a<b & \"c\" 'd'\x01\x1b\x7f]]>\tend\nnext"

static void
test_escaping(void **state)
{
	static const char *const cells[] = { HOSTILE, "<td>" };
	struct doc *d = doc_new(HOSTILE, "R&D <株式会社>", HOSTILE, "ja");
	struct buf out;
	struct pkg k;
	const char *doc;

	(void)state;
	assert_non_null(d);
	doc_heading(d, 1, HOSTILE);
	doc_paragraph(d, HOSTILE);
	doc_article(d, HOSTILE, HOSTILE);
	doc_list_item(d, false, 1, HOSTILE);
	doc_table(d, 1, 2, cells);
	render(d, &out);
	pkg_read(&k, &out); /* every part parses */
	doc = raw(&k, "word/document.xml");
	assert_has(doc, "a&lt;b &amp; &quot;c&quot; &apos;d&apos;]]&gt;</w:t><w:tab/>");
	assert_has(doc, "<w:tab/><w:t xml:space=\"preserve\">end</w:t><w:br/>");
	assert_lacks(doc, "\x01");
	assert_lacks(doc, "\x1b");
	assert_lacks(doc, "\x7f");
	assert_lacks(doc, "<td>");
	assert_has(text(&k, "word/document.xml"), "a<b & \"c\" 'd']]>endnext");
	assert_has(text(&k, "word/document.xml"), "第1条（a<b & \"c\" 'd']]>");
	assert_string_equal(text(&k, "word/header1.xml"), "R&D <株式会社>");
	assert_has(raw(&k, "docProps/core.xml"), "R&amp;D &lt;株式会社&gt;");
	pkg_free(&k);
	buf_free(&out);
	doc_free(d);
}

static void
test_refuses_failed(void **state)
{
	struct doc *d = doc_new("t", "o", "d", "ja");
	struct buf out;
	struct err e;

	(void)state;
	assert_non_null(d);
	doc_paragraph(d, "x");
	d->failed = true;
	buf_init(&out, 0);
	err_clear(&e);
	assert_int_equal(docx_out(d, &out, &e), MM_EINVAL);
	assert_int_equal(e.code, MM_EINVAL);
	assert_true(e.msg[0] != '\0');
	assert_int_equal(out.len, 0);
	assert_int_equal(docx_out(NULL, &out, &e), MM_EINVAL);
	buf_free(&out);
	doc_free(d);
}

/* an output buffer too small for the file: MM_ENOMEM with a message */
static void
test_output_cap(void **state)
{
	struct doc *d = sample();
	struct buf out;
	struct err e;

	(void)state;
	buf_init(&out, 1000);
	err_clear(&e);
	assert_int_equal(docx_out(d, &out, &e), MM_ENOMEM);
	assert_true(e.msg[0] != '\0');
	buf_free(&out);
	doc_free(d);
}

static void
test_many_articles(void **state)
{
	struct doc *d = doc_new("規程", "株式会社テスト", "2026年11月26日", "ja");
	struct buf out;
	struct pkg k;
	char title[32];
	int i;

	(void)state;
	assert_non_null(d);
	for (i = 0; i < 300; i++) {
		if (i % 30 == 0)
			doc_heading(d, 1, "章");
		snprintf(title, sizeof(title), "条文%d", i + 1);
		doc_article(d, title, "この条文は、長い規程の一部として、番号が正しく振られることを確かめる。");
	}
	assert_false(d->failed);
	render(d, &out);
	pkg_read(&k, &out);
	assert_has(text(&k, "word/document.xml"), "第1条（条文1）");
	assert_has(text(&k, "word/document.xml"), "第150条（条文150）");
	assert_has(text(&k, "word/document.xml"), "第300条（条文300）");
	assert_lacks(text(&k, "word/document.xml"), "第301条");
	assert_int_equal(count(raw(&k, "word/document.xml"), "ArticleHeading"), 300);
	pkg_free(&k);
	buf_free(&out);
	doc_free(d);
}

static void
test_appends_and_empty(void **state)
{
	struct doc *d = doc_new(NULL, NULL, NULL, "en");
	struct buf out, plain;
	struct pkg k;
	struct err e;

	(void)state;
	assert_non_null(d);
	/* an empty doc: a title page alone, no page break */
	render(d, &plain);
	pkg_read(&k, &plain);
	assert_lacks(raw(&k, "word/document.xml"), "w:type=\"page\"");
	assert_has(raw(&k, "word/styles.xml"), "w:val=\"en-US\"");
	pkg_free(&k);

	buf_init(&out, 0);
	buf_puts(&out, "HEAD");
	err_clear(&e);
	assert_int_equal(docx_out(d, &out, &e), MM_OK);
	assert_int_equal(out.len, plain.len + 4);
	assert_memory_equal(out.data, "HEADPK\3\4", 8);
	buf_free(&out);
	buf_free(&plain);
	doc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parts),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_refuses_failed),
		cmocka_unit_test(test_output_cap),
		cmocka_unit_test(test_many_articles),
		cmocka_unit_test(test_appends_and_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
