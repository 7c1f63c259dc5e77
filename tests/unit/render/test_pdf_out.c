/* test_pdf_out.c — documents as PDF (render/pdf_out.h), checked with the
 * real readers from poppler-utils run through posix_spawnp: pdffonts
 * shows the Noto Sans and Serif CJK fonts embedded as subsets, pdftotext
 * returns the title, the organisation, the article numbers 第1条 …, the
 * table cells, a paragraph that wraps and the page numbers "N / M";
 * pdfinfo gives the page count. An empty doc is one title page; page
 * breaks never leave a blank page; a doc
 * whose building failed is refused; bold markers never reach the page;
 * a long table repeats its header row on the next page; 300 articles
 * render in a reasonable time (printed). Drawn with the faces cut down to
 * the document's characters, a document (Japanese with bold spans, a
 * table and charts; English) looks exactly as drawn with the installed
 * faces by pango's own renderer (pdftoppm's pixels, pdftotext's text),
 * in a far smaller file; a character the cut
 * faces lack makes the document be drawn with the system's fonts, and so
 * does one that the body's face lacks while a heading's face has it
 * (pango would take it from the heading's face). Several threads drawing
 * PDFs and DOCX charts at once all succeed with the same text (cairo's
 * use of FreeType is not thread-safe: without the drawing lock this
 * crashed most runs). */
#include "support/mm_test.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>

#include "render/docx_out.h"
#include "render/pdf_out.h"

#include <glib.h>
#include <pthread.h>

extern char **environ;

#define ORG "株式会社テスト商事"
#define TITLE "情報セキュリティ関連規程"
#define LONG_PARA "この規程は、当社が保有する情報資産を事故、災害、犯罪などの脅威から守るため、" \
	"組織として取り組む情報セキュリティ対策を定めるものであり、**全ての役員及び従業員**に適用する。" \
	"従業員は、業務で取り扱う情報の重要度に応じて、適切な管理を行わなければならない。"

/* ---- running the readers ------------------------------------------- */

/* run ARGV with its stdout read into OUT (stderr to /dev/null); the exit
 * status, or -1 when it could not be started */
static int
run_cmd(char *const argv[], struct buf *out)
{
	posix_spawn_file_actions_t fa;
	int fd[2], status = 0;
	pid_t pid;
	char chunk[8192];
	ssize_t n;

	if (pipe(fd) != 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	while ((n = read(fd[0], chunk, sizeof(chunk))) > 0)
		buf_append(out, chunk, (size_t)n);
	close(fd[0]);
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* D rendered into the file PATH; the milliseconds it took in MS */
static void
render_file(const struct doc *d, const char *path, double *ms)
{
	struct buf b;
	struct err e;
	struct timespec t0, t1;
	FILE *f;

	buf_init(&b, 0);
	err_clear(&e);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_ok(pdf_out(d, &b, &e), e);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (ms != NULL)
		*ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	assert_true(b.len > 1000);
	assert_memory_equal(b.data, "%PDF-", 5);
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(b.data, 1, b.len, f), b.len);
	assert_int_equal(fclose(f), 0);
	buf_free(&b);
}

/* the text of PATH by pdftotext -layout, into OUT */
static void
pdf_text(const char *path, struct buf *out)
{
	char *argv[] = { "pdftotext", "-layout", (char *)path, "-", NULL };

	buf_init(out, 0);
	assert_int_equal(run_cmd(argv, out), 0);
}

/* the page count of PATH by pdfinfo */
static int
pdf_pages(const char *path)
{
	char *argv[] = { "pdfinfo", (char *)path, NULL };
	struct buf b;
	const char *p;
	long n;

	buf_init(&b, 0);
	assert_int_equal(run_cmd(argv, &b), 0);
	assert_non_null(p = strstr(buf_cstr(&b), "Pages:"));
	n = strtol(p + 6, NULL, 10);
	buf_free(&b);
	return (int)n;
}

/* S without spaces and newlines (a copy to free) */
static char *
squeeze(const char *s)
{
	char *r = malloc(strlen(s) + 1), *q = r;

	assert_non_null(r);
	for (; *s; s++)
		if (*s != ' ' && *s != '\n' && *s != '\r' && *s != '\f' && *s != '\t')
			*q++ = *s;
	*q = '\0';
	return r;
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay += strlen(needle))
		n++;
	return n;
}

/* ---- documents ------------------------------------------------------ */

static struct doc *
sample(void)
{
	static const char *const cells[] = {
		"役割", "担当者", "連絡先",
		"情報セキュリティ責任者", "代表取締役 山田 太郎", "内線 100",
		"システム管理者", "総務部 佐藤 花子 （バックアップと機器の管理、アカウントの発行と削除を担当）", "内線 210",
	};
	struct doc *d = doc_new(TITLE, ORG, "2026年11月26日", "ja");

	assert_non_null(d);
	doc_heading(d, 1, "第1章 組織的対策");
	doc_paragraph(d, LONG_PARA);
	doc_article(d, "目的", "この規程は、情報セキュリティ対策の実施に必要な事項を定める。");
	doc_heading(d, 2, "責任者");
	doc_article(d, "適用範囲", "この規程は、当社の全ての業務と、それに関わる全ての者に適用する。");
	doc_article(d, NULL, "題のない条文も番号が付く。");
	doc_list_item(d, true, 1, "パスワードは 12 文字以上とする。");
	doc_list_item(d, true, 1, "画面ロックは 5 分で有効にする。");
	doc_list_item(d, false, 2, "バックアップは毎日取得し、7 世代を保管する。");
	doc_heading(d, 3, "体制");
	doc_table(d, 3, 3, cells);
	doc_page_break(d);
	doc_heading(d, 1, "第2章 人的対策");
	doc_article(d, "教育", "情報セキュリティ教育責任者は、年に一回以上、全ての従業員に対して"
	    "情報セキュリティに関する教育を行い、受講の記録を残す。");
	assert_false(d->failed);
	return d;
}

/* ---- tests ---------------------------------------------------------- */

static void
test_sample_fonts_and_text(void **state)
{
	struct doc *d = sample();
	char *fargv[] = { "pdffonts", "sample.pdf", NULL };
	struct buf fonts, text;
	char pages[32], *flat, *line, *save = NULL;
	int n, sans = 0, serif = 0;
	double ms;

	(void)state;
	render_file(d, "sample.pdf", &ms);
	print_message("sample document: %.1f ms\n", ms);
	n = pdf_pages("sample.pdf");
	assert_true(n >= 3);

	buf_init(&fonts, 0);
	assert_int_equal(run_cmd(fargv, &fonts), 0);
	for (line = strtok_r(fonts.data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char *tok[32], *s2 = NULL, *t;
		int k = 0;

		if (strstr(line, "CJK") == NULL)
			continue;
		for (t = strtok_r(line, " ", &s2); t != NULL && k < 32; t = strtok_r(NULL, " ", &s2))
			tok[k++] = t;
		assert_true(k >= 6);
		/* name type… encoding emb sub uni object ID */
		assert_string_equal(tok[k - 5], "yes");
		assert_string_equal(tok[k - 4], "yes");
		assert_non_null(strchr(tok[0], '+'));   /* ABCDEF+Name: a subset */
		sans += strstr(tok[0], "NotoSansCJK") != NULL;
		serif += strstr(tok[0], "NotoSerifCJK") != NULL;
	}
	assert_true(sans > 0);
	assert_true(serif > 0);
	buf_free(&fonts);

	pdf_text("sample.pdf", &text);
	flat = squeeze(buf_cstr(&text));
	assert_has(flat, TITLE);
	assert_has(flat, ORG);
	assert_has(flat, "2026年11月26日");
	assert_has(flat, "第1条（目的）");
	assert_has(flat, "第2条（適用範囲）");
	assert_has(flat, "第3条題のない条文");
	assert_has(flat, "第4条（教育）");      /* numbered across chapters */
	assert_lacks(flat, "第5条");
	assert_has(flat, "情報セキュリティ責任者");
	assert_has(flat, "代表取締役山田太郎");
	assert_has(flat, "アカウントの発行と削除を担");  /* a wrapped cell */
	/* the paragraph wraps over lines and keeps its words, without the
	 * bold markers */
	assert_has(flat, "組織として取り組む情報セキュリティ対策を定めるものであり、"
	    "全ての役員及び従業員に適用する。");
	assert_lacks(flat, "**");
	assert_has(flat, "パスワードは12文字以上とする。");
	assert_has(flat, "1.パスワード");
	assert_has(flat, "2.画面ロック");
	/* the header (organisation and title) on every page from the second */
	assert_true(count(flat, ORG) >= n);
	snprintf(pages, sizeof(pages), "1 / %d", n);
	assert_has(buf_cstr(&text), pages);
	snprintf(pages, sizeof(pages), "%d / %d", n, n);
	assert_has(buf_cstr(&text), pages);
	free(flat);
	buf_free(&text);
	doc_free(d);
}

static void
test_empty_doc(void **state)
{
	struct doc *d = doc_new("空の文書", "株式会社カラ", "2026年1月1日", "ja");
	struct buf text;

	(void)state;
	assert_non_null(d);
	render_file(d, "empty.pdf", NULL);
	assert_int_equal(pdf_pages("empty.pdf"), 1);
	pdf_text("empty.pdf", &text);
	assert_has(buf_cstr(&text), "空の文書");
	assert_has(buf_cstr(&text), "株式会社カラ");
	assert_has(buf_cstr(&text), "1 / 1");
	buf_free(&text);
	doc_free(d);

	/* page breaks at the start, twice in a row or at the end add no
	 * blank page */
	d = doc_new("改ページ", "株式会社カラ", "", "ja");
	assert_non_null(d);
	doc_page_break(d);
	doc_paragraph(d, "一ページ目の本文。");
	doc_page_break(d);
	doc_page_break(d);
	doc_paragraph(d, "二ページ目の本文。");
	doc_page_break(d);
	assert_false(d->failed);
	render_file(d, "breaks.pdf", NULL);
	assert_int_equal(pdf_pages("breaks.pdf"), 3);
	doc_free(d);
}

static void
test_failed_doc_refused(void **state)
{
	struct doc *d = doc_new("途中", ORG, "", "ja");
	struct buf b;
	struct err e;

	(void)state;
	assert_non_null(d);
	d->failed = true;
	buf_init(&b, 0);
	err_clear(&e);
	assert_int_equal(pdf_out(d, &b, &e), MM_EINVAL);
	assert_true(e.msg[0] != '\0');
	assert_int_equal(b.len, 0);
	buf_free(&b);
	doc_free(d);
}

static void
test_too_small_buffer(void **state)
{
	struct doc *d = sample();
	struct buf b;
	struct err e;

	(void)state;
	buf_init(&b, 2000);
	err_clear(&e);
	assert_int_not_equal(pdf_out(d, &b, &e), MM_OK);
	assert_true(e.msg[0] != '\0');
	assert_int_equal(b.len, 0);
	buf_free(&b);
	doc_free(d);
}

static void
test_odd_input(void **state)
{
	static const char *const cells[] = { "ヘッダ", NULL, "\xff\xfe壊れた", "" };
	struct doc *d = doc_new("奇妙な入力 \xe3\x81", "", "", "en");
	struct buf text;

	(void)state;
	assert_non_null(d);
	doc_heading(d, 0, "範囲外の見出し");
	doc_heading(d, 9, "もう一つ");
	doc_list_item(d, true, 5, "深すぎる項目");
	doc_paragraph(d, "閉じない **太字");
	doc_paragraph(d, "");
	doc_article(d, "", "");
	doc_table(d, 2, 2, cells);
	doc_table(d, 0, 0, NULL);
	doc_page_break(d);
	doc_page_break(d);
	doc_paragraph(d, "Latin text that wraps: Lorem ipsum dolor sit amet, consectetur adipiscing "
	    "elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.");
	assert_false(d->failed);
	render_file(d, "odd.pdf", NULL);
	pdf_text("odd.pdf", &text);
	assert_has(buf_cstr(&text), "範囲外の見出し");
	assert_has(buf_cstr(&text), "**太字");
	assert_has(buf_cstr(&text), "Article 1");   /* lang "en" */
	assert_has(buf_cstr(&text), "consectetur");
	buf_free(&text);
	doc_free(d);
}

static void
test_long_table_repeats_header(void **state)
{
	const char **cells = calloc(2 * 81, sizeof(*cells));
	char (*num)[32] = calloc(81, sizeof(*num));
	struct doc *d = doc_new("台帳", ORG, "", "ja");
	struct buf text;
	int i;

	(void)state;
	assert_non_null(cells);
	assert_non_null(num);
	assert_non_null(d);
	cells[0] = "資産番号見出し";
	cells[1] = "名称見出し";
	for (i = 1; i <= 80; i++) {
		snprintf(num[i], sizeof(num[i]), "A-%03d", i);
		cells[2 * i] = num[i];
		cells[2 * i + 1] = "ノートパソコン（営業部）";
	}
	doc_table(d, 81, 2, cells);
	assert_false(d->failed);
	render_file(d, "table.pdf", NULL);
	assert_true(pdf_pages("table.pdf") >= 3);
	pdf_text("table.pdf", &text);
	assert_has(buf_cstr(&text), "A-001");
	assert_has(buf_cstr(&text), "A-080");
	assert_true(count(buf_cstr(&text), "資産番号見出し") >= 2);
	buf_free(&text);
	doc_free(d);
	free(num);
	free(cells);
}

static void
test_300_articles(void **state)
{
	struct doc *d = doc_new("大きな規程", ORG, "2026年11月26日", "ja");
	struct buf text;
	char *flat;
	double ms;
	int i, n;

	(void)state;
	assert_non_null(d);
	for (i = 0; i < 300; i++) {
		if (i % 30 == 0)
			doc_heading(d, 1, "第N章 章の見出し");
		doc_article(d, "教育", "情報セキュリティ教育責任者は、年に一回以上、全ての従業員に対して"
		    "情報セキュリティに関する教育を行い、受講の記録を残す。");
	}
	assert_false(d->failed);
	render_file(d, "big.pdf", &ms);
	print_message("300 articles: %.1f ms\n", ms);
	n = pdf_pages("big.pdf");
	print_message("300 articles: %d pages\n", n);
	assert_true(n > 20);
	pdf_text("big.pdf", &text);
	flat = squeeze(buf_cstr(&text));
	assert_has(flat, "第1条（教育）");
	assert_has(flat, "第150条（教育）");
	assert_has(flat, "第300条（教育）");
	assert_lacks(flat, "第301条");
	free(flat);
	buf_free(&text);
	doc_free(d);
}

/* D drawn as FLAGS say into PATH; what pdf_write did in INFO, the size */
static size_t
write_with(const struct doc *d, unsigned flags, const char *path, struct pdf_info *info)
{
	struct buf b;
	struct err e;
	size_t n;

	buf_init(&b, 0);
	err_clear(&e);
	assert_ok(pdf_write(d, flags, &b, info, &e), e);
	assert_memory_equal(b.data, "%PDF-", 5);
	assert_true(g_file_set_contents(path, b.data, (gssize)b.len, NULL));
	n = b.len;
	buf_free(&b);
	return n;
}

/* the pages of A and B as pdftoppm draws them at 60 dpi: the same pixels */
static void
assert_same_pages(const char *a, const char *b, int pages)
{
	char *aargv[] = { "pdftoppm", "-r", "60", (char *)a, "pa", NULL };
	char *bargv[] = { "pdftoppm", "-r", "60", (char *)b, "pb", NULL };
	struct buf ignored;
	int i;

	buf_init(&ignored, 0);
	assert_int_equal(run_cmd(aargv, &ignored), 0);
	assert_int_equal(run_cmd(bargv, &ignored), 0);
	buf_free(&ignored);
	for (i = 1; i <= pages; i++) {
		char pa[32], pb[32], *da = NULL, *db = NULL;
		gsize la = 0, lb = 0;

		/* pdftoppm pads the page number to the width of the last one */
		snprintf(pa, sizeof(pa), pages >= 10 ? "pa-%02d.ppm" : "pa-%d.ppm", i);
		snprintf(pb, sizeof(pb), pages >= 10 ? "pb-%02d.ppm" : "pb-%d.ppm", i);
		assert_true(g_file_get_contents(pa, &da, &la, NULL));
		assert_true(g_file_get_contents(pb, &db, &lb, NULL));
		assert_true(la > 1000);
		assert_int_equal(la, lb);
		if (memcmp(da, db, la) != 0)
			fail_msg("page %d of %s and %s differ", i, a, b);
		g_free(da);
		g_free(db);
		unlink(pa);
		unlink(pb);
	}
}

static struct doc *
charts_doc(void)
{
	static const struct chart_axis axes[] = {
		{ "基本的対策", 16, 20 }, { "従業員としての対策", 30, 40 }, { "組織としての対策", 20, 40 },
	};
	static const struct chart_point pts[] = {
		{ "2025-11-01", 48 }, { "2026-05-01", 61 }, { "2026-11-26", 66 },
	};
	static const double guides[] = { 50, 70, 100 };
	struct doc *d = doc_new("自社診断 結果報告書", ORG, "2026年11月26日", "ja");

	assert_non_null(d);
	d->subtitle = strdup("第2回（総務部）");
	doc_heading(d, 1, "診断の結果");
	doc_chart_radar(d, "分野ごとの得点（鬱蒼）", axes, 3);
	doc_paragraph(d, "前回より **5 点（薔薇）** 上がりました。");
	/* Latin words with numbers: pango shapes them as English, where
	 * 'locl' gives digits other glyphs; quotes and dashes in Japanese
	 * text take their Japanese forms by 'locl' */
	doc_paragraph(d, "ISO 27001 と Windows 11 の更新、Wi-Fi 6 の設定を 2026 年 4 月までに行う。"
	    "“重要” と ‘注意’ の区別 — 例えば \"USB\" や 'PC' ‼");
	doc_chart_trend(d, "得点の推移", pts, 3, 0, 100, guides, 3);
	assert_false(d->failed);
	return d;
}

static struct doc *
english_doc(void)
{
	struct doc *d = doc_new("Information Security Rules", "Test Trading Co., Ltd.",
	    "26 November 2026", "en");

	assert_non_null(d);
	doc_heading(d, 1, "Chapter 1 AVATAR, WAVE and Type");
	doc_article(d, "Purpose", "These rules set out, for Tokyo and Yokohama offices, what every "
	    "employee does to protect the information assets. **Very important**: report at once.");
	doc_list_item(d, false, 1, "Passwords have at least 12 characters.");
	assert_false(d->failed);
	return d;
}

static void
test_cut_faces_draw_the_same(void **state)
{
	struct doc *docs[3];
	struct pdf_info cut, sys;
	size_t i, ncut, nsys;

	(void)state;
	docs[0] = english_doc();
	docs[1] = sample();
	docs[2] = charts_doc();
	for (i = 0; i < 3; i++) {
		struct buf tcut, tsys;

		/* against the installed faces drawn by pango's own renderer */
		ncut = write_with(docs[i], 0, "cut.pdf", &cut);
		nsys = write_with(docs[i], PDF_SYSTEM_FONTS | PDF_PANGO_LINES, "sys.pdf", &sys);
		assert_int_equal(cut.fonts, PDF_FONTS_DOCUMENT);
		assert_string_equal(cut.why, "");
		assert_int_equal(sys.fonts, PDF_FONTS_SYSTEM);
		assert_int_equal(cut.pages, sys.pages);
		assert_int_equal(pdf_pages("cut.pdf"), cut.pages);
		print_message("document %zu: %d pages, %zu bytes with the cut faces, %zu without\n",
		    i, cut.pages, ncut, nsys);
		assert_true(ncut * 2 < nsys);
		assert_same_pages("cut.pdf", "sys.pdf", cut.pages);
		pdf_text("cut.pdf", &tcut);
		pdf_text("sys.pdf", &tsys);
		assert_string_equal(buf_cstr(&tcut), buf_cstr(&tsys));
		buf_free(&tcut);
		buf_free(&tsys);
		doc_free(docs[i]);
	}
}

static void
test_character_the_faces_lack(void **state)
{
	struct doc *d = doc_new("絵文字のある文書", ORG, "2026年11月26日", "ja");
	struct pdf_info info;
	struct buf text;

	(void)state;
	assert_non_null(d);
	doc_paragraph(d, "笑顔 \xf0\x9f\x98\x80 の絵文字は Noto CJK にない。");
	assert_false(d->failed);
	write_with(d, 0, "emoji.pdf", &info);
	assert_int_equal(info.fonts, PDF_FONTS_SYSTEM);
	assert_has(info.why, "lacks");
	pdf_text("emoji.pdf", &text);
	assert_has(buf_cstr(&text), "の絵文字は");
	buf_free(&text);
	doc_free(d);

	/* in a chart's label, found only when drawing: the document starts
	 * again, and the output holds that one PDF */
	{
		static const struct chart_axis axes[] = {
			{ "基本\xf0\x9f\x98\x80", 16, 20 }, { "従業員", 30, 40 }, { "組織", 20, 40 },
		};
		char *data = NULL;
		gsize len = 0, k;
		int eofs = 0;

		d = doc_new("図の文書", ORG, "2026年11月26日", "ja");
		assert_non_null(d);
		doc_paragraph(d, "本文です。");
		doc_chart_radar(d, "得点", axes, 3);
		write_with(d, 0, "emoji-chart.pdf", &info);
		assert_int_equal(info.fonts, PDF_FONTS_SYSTEM);
		assert_has(info.why, "drawn");
		assert_int_equal(pdf_pages("emoji-chart.pdf"), info.pages);
		assert_true(g_file_get_contents("emoji-chart.pdf", &data, &len, NULL));
		for (k = 0; k + 5 <= len; k++)   /* the file is binary: no strstr */
			eofs += memcmp(data + k, "%%EOF", 5) == 0;
		assert_int_equal(eofs, 1);
		g_free(data);
		doc_free(d);
	}
}

/* U+9FEB is in Noto Sans CJK JP, not in Noto Serif CJK JP */
static void
test_character_only_another_face_has(void **state)
{
	struct doc *d = doc_new("字形のない文字", ORG, "2026年11月26日", "ja");
	struct pdf_info cut, sys;

	(void)state;
	assert_non_null(d);
	doc_heading(d, 1, "見出しの \xe9\xbf\xab");
	doc_paragraph(d, "本文の \xe9\xbf\xab は明朝体にない。");
	assert_false(d->failed);
	write_with(d, 0, "other.pdf", &cut);
	assert_int_equal(cut.fonts, PDF_FONTS_SYSTEM);
	assert_has(cut.why, "lacks");
	write_with(d, PDF_SYSTEM_FONTS | PDF_PANGO_LINES, "other-sys.pdf", &sys);
	assert_int_equal(cut.pages, sys.pages);
	assert_same_pages("other.pdf", "other-sys.pdf", sys.pages);
	doc_free(d);
}

#define DRAWERS 5
#define DRAWINGS 6

struct drawer {
	bool docx;
	size_t len[DRAWINGS];
	char *text;     /* the first PDF's text (pdftotext) */
	int failed;
};

static void *
drawer_run(void *v)
{
	struct drawer *w = v;
	int i;

	for (i = 0; i < DRAWINGS; i++) {
		struct doc *d = charts_doc();
		struct buf b;
		struct err e;

		buf_init(&b, 0);
		err_clear(&e);
		if ((w->docx ? docx_out(d, &b, &e) : pdf_out(d, &b, &e)) != MM_OK || b.len < 1000)
			w->failed++;
		w->len[i] = b.len;
		if (!w->docx && i == 0 && b.len > 0)
			w->text = g_memdup2(b.data, b.len);
		buf_free(&b);
		doc_free(d);
	}
	return NULL;
}

static void
test_threads_draw_at_once(void **state)
{
	struct drawer w[DRAWERS];
	pthread_t t[DRAWERS];
	char *first = NULL;
	int i, j;

	(void)state;
	memset(w, 0, sizeof(w));
	w[DRAWERS - 1].docx = true;    /* its charts are drawn as PNG with pango */
	for (i = 0; i < DRAWERS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, drawer_run, &w[i]), 0);
	for (i = 0; i < DRAWERS; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	for (i = 0; i < DRAWERS; i++) {
		assert_int_equal(w[i].failed, 0);
		for (j = 1; j < DRAWINGS; j++)
			if (!w[i].docx)
				assert_int_equal(w[i].len[j], w[i].len[0]);
	}
	/* the same pages from every thread */
	for (i = 0; i < DRAWERS - 1; i++) {
		char path[32];
		struct buf text;

		snprintf(path, sizeof(path), "thread%d.pdf", i);
		assert_true(g_file_set_contents(path, w[i].text, (gssize)w[i].len[0], NULL));
		pdf_text(path, &text);
		assert_has(buf_cstr(&text), "分野ごとの得点");
		if (first == NULL)
			first = g_strdup(buf_cstr(&text));
		else
			assert_string_equal(buf_cstr(&text), first);
		buf_free(&text);
		g_free(w[i].text);
	}
	g_free(first);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_fonts_and_text),
		cmocka_unit_test(test_empty_doc),
		cmocka_unit_test(test_failed_doc_refused),
		cmocka_unit_test(test_too_small_buffer),
		cmocka_unit_test(test_odd_input),
		cmocka_unit_test(test_long_table_repeats_header),
		cmocka_unit_test(test_300_articles),
		cmocka_unit_test(test_cut_faces_draw_the_same),
		cmocka_unit_test(test_character_the_faces_lack),
		cmocka_unit_test(test_character_only_another_face_has),
		cmocka_unit_test(test_threads_draw_at_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
