/* docrender — write a sample document (the shape of a 関連規程: title page,
 * chapters, numbered articles, lists, a table; and a radar and a trend
 * chart) as PDF or DOCX, for the tests that check the files with real readers (pdffonts, pdftotext,
 * LibreOffice).
 *
 *   docrender pdf|docx OUT [ORG NAME]
 */
#include <stdio.h>
#include <string.h>

#include "render/docx_out.h"
#include "render/pdf_out.h"

static struct doc *
sample(const char *org)
{
	static const char *const cells[] = {
		"役割", "担当者", "連絡先",
		"情報セキュリティ責任者", "代表取締役 山田 太郎", "内線 100",
		"システム管理者", "総務部 佐藤 花子", "内線 210",
	};
	static const struct chart_axis axes[] = {
		{ "基本的対策", 16, 20 }, { "従業員としての対策", 30, 40 }, { "組織としての対策", 20, 40 },
	};
	static const struct chart_point pts[] = {
		{ "2025-11-01", 48 }, { "2026-05-01", 61 }, { "2026-11-26", 66 },
	};
	static const double guides[] = { 50, 70, 100 };
	struct doc *d = doc_new("情報セキュリティ関連規程", org, "2026年11月26日", "ja");
	int i;

	if (d == NULL)
		return NULL;
	doc_heading(d, 1, "第1章 組織的対策");
	doc_paragraph(d, "この規程は、当社が保有する情報資産を事故、災害、犯罪などの脅威から守るため、"
	    "組織として取り組む情報セキュリティ対策を定めるものです。**全ての役員及び従業員**に適用します。");
	doc_article(d, "目的", "この規程は、情報セキュリティ対策の実施に必要な事項を定める。");
	doc_article(d, "適用範囲", "この規程は、当社の全ての業務と、それに関わる全ての者に適用する。");
	doc_list_item(d, true, 1, "パスワードは 12 文字以上とする。");
	doc_list_item(d, true, 1, "画面ロックは 5 分で有効にする。");
	doc_list_item(d, false, 2, "バックアップは毎日取得し、7 世代を保管する。");
	doc_table(d, 3, 3, cells);
	doc_chart_radar(d, "区分別の点数", axes, 3);
	doc_chart_trend(d, "点数の推移", pts, 3, 0, 100, guides, 3);
	doc_page_break(d);
	doc_heading(d, 1, "第2章 人的対策");
	for (i = 0; i < 40; i++)
		doc_article(d, "教育", "情報セキュリティ教育責任者は、年に一回以上、全ての従業員に対して"
		    "情報セキュリティに関する教育を行い、受講の記録を残す。");
	return d;
}

int
main(int argc, char **argv)
{
	struct doc *d;
	struct buf b;
	struct err e;
	FILE *f;
	enum mm_err code;
	int rc = 1;

	if (argc < 3 || (strcmp(argv[1], "pdf") != 0 && strcmp(argv[1], "docx") != 0)) {
		fputs("usage: docrender pdf|docx OUT [ORG NAME]\n", stderr);
		return 2;
	}
	if ((d = sample(argc > 3 ? argv[3] : "株式会社サンプル")) == NULL || d->failed) {
		fputs("docrender: out of memory\n", stderr);
		doc_free(d);
		return 1;
	}
	buf_init(&b, 256u * 1024 * 1024);
	err_clear(&e);
	code = strcmp(argv[1], "pdf") == 0 ? pdf_out(d, &b, &e) : docx_out(d, &b, &e);
	if (code != MM_OK) {
		fprintf(stderr, "docrender: %s\n", e.msg);
		goto done;
	}
	if ((f = fopen(argv[2], "wb")) == NULL || fwrite(buf_cstr(&b), 1, b.len, f) != b.len ||
	    fclose(f) != 0) {
		fprintf(stderr, "docrender: can not write %s\n", argv[2]);
		goto done;
	}
	rc = 0;
done:
	buf_free(&b);
	doc_free(d);
	return rc;
}
