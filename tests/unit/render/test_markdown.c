/* test_markdown.c — Markdown drafts (render/markdown.h): the HTML preview
 * is safe (no script, event handler, javascript:/vbscript:/data: url or
 * raw HTML from the input survives) and renders GFM tables; the
 * conversion to a doc maps headings, paragraphs with **bold**, articles
 * (#### 題), lists to level 2, tables and page breaks as documented; a
 * converted doc renders as PDF; empty input is fine; input over the
 * limits is refused with a Japanese message. */
#include "support/mm_test.h"

#include "render/markdown.h"
#include "render/pdf_out.h"

/* MD as HTML, asserting success; the caller frees the result */
static char *
html_of(const char *md)
{
	struct buf b;
	struct err e;

	buf_init(&b, 0);
	err_clear(&e);
	assert_ok(markdown_html(md, strlen(md), &b, &e), e);
	return buf_steal(&b);
}

/* MD as a doc, asserting success */
static struct doc *
doc_of(const char *md)
{
	struct doc *d = doc_new("題", "株式会社テスト", "2026年11月26日", "ja");
	struct err e;

	assert_non_null(d);
	err_clear(&e);
	assert_ok(markdown_doc(md, strlen(md), d, &e), e);
	return d;
}

static void
test_html_basic(void **state)
{
	char *h;

	(void)state;
	h = html_of("# 基本方針\n\n本文 **重要** です。\n\n| 項目 | 値 |\n|---|---|\n| a<b | 2 |\n");
	assert_has(h, "<h1>基本方針</h1>");
	assert_has(h, "<strong>重要</strong>");
	assert_has(h, "<table>");
	assert_has(h, "<th>項目</th>");
	assert_has(h, "a&lt;b");
	free(h);
	h = html_of("[ok](https://example.jp/a?b=1&c=2) [rel](/p/x) [m](mailto:a@example.jp)");
	assert_has(h, "href=\"https://example.jp/a?b=1&amp;c=2\"");
	assert_has(h, "href=\"/p/x\"");
	assert_has(h, "href=\"mailto:a@example.jp\"");
	free(h);
}

static void
test_html_neutralised(void **state)
{
	static const char *const attacks[] = {
		"<script>alert(1)</script>",
		"text <script>alert(1)</script> inline",
		"<img src=x onerror=alert(1)>",
		"a <img src=x onerror=alert(1)> b",
		"[x](javascript:alert(1))",
		"[x](JAVASCRIPT:alert(1))",
		"[x](  javascript:alert(1) )",
		"[x](java&#115;cript:alert(1))",
		"[x](&#106;avascript:alert(1))",
		"[x](vbscript:msgbox(1))",
		"[x](data:text/html,<script>alert(1)</script>)",
		"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
		"![x](data:image/png;base64,iVBORw0KGgo=)",
		"![x](javascript:alert(1))",
		"[x][r]\n\n[r]: javascript:alert(1)",
		"<div onclick=\"alert(1)\">\n\nhi\n\n</div>",
		"<iframe src=\"javascript:alert(1)\"></iframe>",
		"<style>body{}</style><svg onload=alert(1)>",
		"| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
		"[x](https://example.jp \"t\\\" onmouseover=alert(1) x=\\\"\")",
	};
	size_t i;
	char *h;

	(void)state;
	for (i = 0; i < sizeof(attacks) / sizeof(attacks[0]); i++) {
		h = html_of(attacks[i]);

		assert_lacks(h, "<script");
		assert_lacks(h, "<img src=x");
		assert_lacks(h, "<div");
		assert_lacks(h, "<iframe");
		assert_lacks(h, "<svg");
		assert_lacks(h, "<style");
		assert_lacks(h, "javascript:");
		assert_lacks(h, "JAVASCRIPT:");
		assert_lacks(h, "vbscript:");
		assert_lacks(h, "data:");
		/* attributes only as cmark writes them */
		assert_lacks(h, "onerror=");
		assert_lacks(h, "onclick=");
		assert_lacks(h, "onload=");
		assert_lacks(h, "\" onmouseover");
		free(h);
	}
	/* an autolink with a bad scheme: shown as text, never as a url */
	h = html_of("<javascript:alert(1)> <data:text/html,x>");
	assert_lacks(h, "href=\"javascript");
	assert_lacks(h, "href=\"data");
	assert_lacks(h, "<script");
	free(h);
}

static void
test_doc_mapping(void **state)
{
	static const char md[] =
	    "# 情報セキュリティ関連規程\n"
	    "\n"
	    "## 第1章 総則\n"
	    "\n"
	    "### 適用範囲\n"
	    "\n"
	    "この規程は**全ての従業員**に\n"
	    "適用する。詳細は[ガイドライン](https://www.ipa.go.jp/)を参照。\n"
	    "\n"
	    "#### 第1条（目的）\n"
	    "\n"
	    "当社の情報資産を守る。\n"
	    "\n"
	    "二段落目。\n"
	    "\n"
	    "#### 定義\n"
	    "\n"
	    "- 情報資産\n"
	    "  - 電子データ\n"
	    "    - さらに深い項目\n"
	    "- 機器\n"
	    "\n"
	    "1. 一番\n"
	    "2. 二番\n"
	    "\n"
	    "| 役割 | 担当者 |\n"
	    "|---|---|\n"
	    "| 情報セキュリティ責任者 | 山田 |\n"
	    "| 教育責任者 |\n"
	    "\n"
	    "---\n"
	    "\n"
	    "<div>raw</div>\n"
	    "\n"
	    "*強調* と `code` と 5*3 と [悪い](javascript:alert(1))\n";
	struct doc *d;
	struct doc_block *b;

	(void)state;
	d = doc_of(md);
	b = d->blocks;
	assert_int_equal(d->nblocks, 15);
	assert_int_equal(b[0].kind, DOC_HEADING);
	assert_int_equal(b[0].level, 1);
	assert_string_equal(b[0].text, "情報セキュリティ関連規程");
	assert_int_equal(b[1].kind, DOC_HEADING);
	assert_int_equal(b[1].level, 2);
	assert_int_equal(b[2].level, 3);
	assert_string_equal(b[2].text, "適用範囲");
	assert_int_equal(b[3].kind, DOC_PARAGRAPH);
	assert_string_equal(b[3].text, "この規程は**全ての従業員**に適用する。詳細は"
	    "ガイドライン (https://www.ipa.go.jp/)を参照。");
	assert_int_equal(b[4].kind, DOC_ARTICLE);
	assert_string_equal(b[4].title, "目的");
	assert_string_equal(b[4].text, "当社の情報資産を守る。\n二段落目。");
	assert_int_equal(b[5].kind, DOC_ARTICLE);
	assert_string_equal(b[5].title, "定義");
	assert_string_equal(b[5].text, "");
	assert_int_equal(b[6].kind, DOC_LIST_ITEM);
	assert_false(b[6].ordered);
	assert_int_equal(b[6].level, 1);
	assert_string_equal(b[6].text, "情報資産");
	assert_int_equal(b[7].level, 2);
	assert_string_equal(b[7].text, "電子データ");
	assert_int_equal(b[8].level, 2);
	assert_string_equal(b[8].text, "さらに深い項目");
	assert_int_equal(b[9].level, 1);
	assert_string_equal(b[9].text, "機器");
	assert_true(b[10].ordered);
	assert_string_equal(b[10].text, "一番");
	assert_true(b[11].ordered);
	assert_int_equal(b[12].kind, DOC_TABLE);
	assert_int_equal(b[12].rows, 3);
	assert_int_equal(b[12].cols, 2);
	assert_string_equal(b[12].cells[0], "役割");
	assert_string_equal(b[12].cells[3], "山田");
	assert_string_equal(b[12].cells[4], "教育責任者");
	assert_true(b[12].cells[5] == NULL || b[12].cells[5][0] == '\0');
	assert_int_equal(b[13].kind, DOC_PAGE_BREAK);
	assert_int_equal(b[14].kind, DOC_PARAGRAPH);
	assert_string_equal(b[14].text, "強調 と code と 5＊3 と 悪い");
	doc_free(d);
}

static void
test_article_titles(void **state)
{
	struct doc *d;

	(void)state;
	d = doc_of("#### 第十二条　（委託先の管理）\n\n本文\n\n#### 第3条\n\n本文\n\n#### (目的)\n\nx\n");
	assert_int_equal(d->nblocks, 3);
	assert_string_equal(d->blocks[0].title, "委託先の管理");
	assert_null(d->blocks[1].title);
	assert_string_equal(d->blocks[2].title, "目的");
	doc_free(d);
}

static void
test_empty(void **state)
{
	struct doc *d;
	struct buf b;
	struct err e;
	char *h;

	(void)state;
	d = doc_of("");
	assert_int_equal(d->nblocks, 0);
	doc_free(d);
	d = doc_new("t", "o", "d", "ja");
	err_clear(&e);
	assert_ok(markdown_doc(NULL, 0, d, &e), e);
	assert_int_equal(d->nblocks, 0);
	doc_free(d);
	h = html_of("");
	assert_string_equal(h, "");
	free(h);
	buf_init(&b, 0);
	assert_ok(markdown_html(NULL, 0, &b, &e), e);
	buf_free(&b);
}

static void
test_limits(void **state)
{
	size_t n = MARKDOWN_MAX_BYTES + 1, i;
	char *big = malloc(n);
	struct doc *d = doc_new("t", "o", "d", "ja");
	struct buf b;
	struct err e;

	(void)state;
	assert_non_null(big);
	memset(big, 'a', n);
	buf_init(&b, 0);
	err_clear(&e);
	assert_int_equal(markdown_html(big, n, &b, &e), MM_EINVAL);
	assert_has(e.msg, "大きすぎます");
	err_clear(&e);
	assert_int_equal(markdown_doc(big, n, d, &e), MM_EINVAL);
	assert_has(e.msg, "大きすぎます");
	assert_int_equal(d->nblocks, 0);
	/* exactly at the limit is fine */
	err_clear(&e);
	assert_ok(markdown_html(big, n - 1, &b, &e), e);
	/* nesting: 100 block quotes */
	for (i = 0; i < 100; i++)
		big[i] = '>';
	big[100] = ' ';
	big[101] = 'x';
	err_clear(&e);
	buf_reset(&b);
	assert_int_equal(markdown_html(big, 102, &b, &e), MM_EINVAL);
	assert_has(e.msg, "入れ子が深すぎます");
	err_clear(&e);
	assert_int_equal(markdown_doc(big, 102, d, &e), MM_EINVAL);
	assert_has(e.msg, "入れ子が深すぎます");
	/* a few levels are fine */
	err_clear(&e);
	assert_ok(markdown_doc(big + 97, 5, d, &e), e);
	assert_int_equal(d->nblocks, 1);
	assert_string_equal(d->blocks[0].text, "x");
	buf_free(&b);
	doc_free(d);
	free(big);
}

static void
test_wide_table(void **state)
{
	struct buf md, out;
	struct doc *d = doc_new("t", "o", "d", "ja");
	struct err e;
	int i;

	(void)state;
	buf_init(&md, 0);
	for (i = 0; i < MARKDOWN_MAX_COLS + 1; i++)
		buf_puts(&md, "| a ");
	buf_puts(&md, "|\n");
	for (i = 0; i < MARKDOWN_MAX_COLS + 1; i++)
		buf_puts(&md, "|---");
	buf_puts(&md, "|\n");
	buf_init(&out, 0);
	err_clear(&e);
	assert_int_equal(markdown_doc(md.data, md.len, d, &e), MM_EINVAL);
	assert_has(e.msg, "表の列が多すぎます");
	/* 2 columns, 10001 rows: too many cells */
	buf_reset(&md);
	buf_puts(&md, "| a | b |\n|---|---|\n");
	for (i = 0; i < MARKDOWN_MAX_CELLS / 2; i++)
		buf_puts(&md, "| x |\n");
	err_clear(&e);
	assert_int_equal(markdown_html(md.data, md.len, &out, &e), MM_EINVAL);
	assert_has(e.msg, "表が大きすぎます");
	buf_free(&out);
	buf_free(&md);
	doc_free(d);
}

static void
test_invalid_utf8(void **state)
{
	static const char md[] = "# \xff\xfe 見出し\n\n\xe3\x81 本文\0後";
	struct doc *d = doc_new("t", "o", "d", "ja");
	struct buf b;
	struct err e;

	(void)state;
	err_clear(&e);
	assert_ok(markdown_doc(md, sizeof(md) - 1, d, &e), e);
	assert_int_equal(d->nblocks, 2);
	assert_has(d->blocks[0].text, "\xef\xbf\xbd");
	buf_init(&b, 0);
	assert_ok(markdown_html(md, sizeof(md) - 1, &b, &e), e);
	assert_has(buf_cstr(&b), "見出し");
	buf_free(&b);
	doc_free(d);
}

static void
test_doc_to_pdf(void **state)
{
	static const char md[] =
	    "# 情報セキュリティ基本方針\n\n"
	    "株式会社テストは、**お客様の情報**を守ります。\n\n"
	    "#### 第1条（目的）\n\n情報資産を守る。\n\n"
	    "#### 教育\n\n年に一度、教育を行う。\n\n"
	    "- 項目1\n  - 項目1-1\n\n"
	    "| 役割 | 担当者 |\n|---|---|\n| 責任者 | 山田 |\n\n"
	    "---\n\n## 附則\n\n2026年11月26日 制定\n";
	struct doc *d = doc_of(md);
	struct buf b;
	struct err e;

	(void)state;
	buf_init(&b, 0);
	err_clear(&e);
	assert_ok(pdf_out(d, &b, &e), e);
	assert_true(b.len > 1000);
	assert_memory_equal(b.data, "%PDF-", 5);
	buf_free(&b);
	doc_free(d);
}

/* the catalog's own templates convert and render (when present) */
static void
test_catalog_templates(void **state)
{
	static const char *const names[] = {
		"catalog/ipa-sme-3.1/documents/policy.md",
		"catalog/ipa-sme-3.1/documents/handbook.md",
		"catalog/ipa-sme-3.1/documents/regulations.md",
	};
	char path[4096], chunk[8192];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct buf md, out;
		struct doc *d;
		struct err e;
		FILE *f;

		mmt_src_path(names[i], path, sizeof(path));
		f = fopen(path, "rb");
		if (f == NULL)
			continue;
		buf_init(&md, 0);
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_append(&md, chunk, n);
		fclose(f);
		d = doc_new("文書", "株式会社テスト", "2026年11月26日", "ja");
		assert_non_null(d);
		err_clear(&e);
		assert_ok(markdown_doc(md.data, md.len, d, &e), e);
		assert_true(d->nblocks > 0);
		buf_init(&out, 0);
		assert_ok(pdf_out(d, &out, &e), e);
		buf_free(&out);
		buf_init(&out, 0);
		assert_ok(markdown_html(md.data, md.len, &out, &e), e);
		assert_lacks(buf_cstr(&out), "<script");
		buf_free(&out);
		doc_free(d);
		buf_free(&md);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_basic),
		cmocka_unit_test(test_html_neutralised),
		cmocka_unit_test(test_doc_mapping),
		cmocka_unit_test(test_article_titles),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_wide_table),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_doc_to_pdf),
		cmocka_unit_test(test_catalog_templates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
