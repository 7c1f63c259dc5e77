/* docbench — the documents' rendering measured inside one process: the
 * 自社診断 result report of the newest round and the full 関連規程 of
 * organisation SLUG in database DB. Each is built and written once to
 * warm up (fonts, font map, catalog), then N times; the median time of
 * building the document, of writing it as PDF, and of both is printed as
 * "name build_ms pdf_ms total_ms bytes fonts system_pdf_ms system_bytes":
 * FONTS is "cut" when the PDF was drawn with the faces cut down to the
 * document's characters (pdf_out's way), "installed" when it fell back to
 * the installed faces; the last two are N more PDFs drawn with the
 * installed faces, for comparison. The warm-up's PDF and a
 * DOCX of each document are written to OUTDIR for the reference
 * (LibreOffice converting the same DOCX), see bench/documents.
 *
 *   docbench DB SLUG N OUTDIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/diag_report.h"
#include "app/doc_generate.h"
#include "app/org_service.h"
#include "render/docx_out.h"
#include "render/markdown.h"
#include "render/pdf_out.h"
#include "util/text.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct ctx {
	struct app a;
	struct org o;
	json_t *labels;
	long long round;
};

/* the document WHICH ("report" or "regulations") */
static struct doc *
build(struct ctx *c, const char *which)
{
	struct doc_generated g;
	struct doc *d = NULL;
	struct err e;

	err_clear(&e);
	if (strcmp(which, "report") == 0) {
		if (diag_report_build(&c->a, &c->o, c->round, LANG_JA, c->labels, &d, &e) != MM_OK)
			fprintf(stderr, "docbench: %s\n", e.msg);
		return d;
	}
	if (doc_generate(&c->a, &c->o, "regulations", LANG_JA, &g, &e) != MM_OK) {
		fprintf(stderr, "docbench: %s\n", e.msg);
		return NULL;
	}
	if ((d = doc_new(g.title, c->o.name, "2026-11-26", "ja")) != NULL &&
	    markdown_doc(g.markdown, strlen(g.markdown), d, &e) != MM_OK) {
		fprintf(stderr, "docbench: %s\n", e.msg);
		doc_free(d);
		d = NULL;
	}
	doc_generated_free(&g);
	return d;
}

static bool
write_file(const char *dir, const char *name, const struct buf *b)
{
	char path[4096];
	FILE *f;
	bool ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL)
		return false;
	ok = fwrite(b->data, 1, b->len, f) == b->len;
	return fclose(f) == 0 && ok;
}

/* warm up, then N rounds of build + PDF; prints the medians */
static int
measure(struct ctx *c, const char *which, int n, const char *outdir)
{
	double *tb = calloc((size_t)n, sizeof(double)), *tp = calloc((size_t)n, sizeof(double));
	double *tt = calloc((size_t)n, sizeof(double)), *ts = calloc((size_t)n, sizeof(double));
	char name[64];
	struct buf b;
	struct err e;
	struct doc *d;
	struct pdf_info info;
	size_t bytes = 0, sys_bytes = 0;
	int i, rc = 1;

	buf_init(&b, 256u * 1024 * 1024);
	if (tb == NULL || tp == NULL || tt == NULL || ts == NULL || (d = build(c, which)) == NULL)
		goto done;
	err_clear(&e);
	if (pdf_write(d, 0, &b, &info, &e) != MM_OK) {
		fprintf(stderr, "docbench: %s\n", e.msg);
		doc_free(d);
		goto done;
	}
	snprintf(name, sizeof(name), "%s.pdf", which);
	write_file(outdir, name, &b);
	buf_reset(&b);
	if (docx_out(d, &b, &e) == MM_OK) {
		snprintf(name, sizeof(name), "%s.docx", which);
		write_file(outdir, name, &b);
	}
	if (info.fonts != PDF_FONTS_DOCUMENT)
		fprintf(stderr, "docbench: %s drawn with the installed faces: %s\n", which, info.why);
	for (i = 0; i < n; i++) {
		double t0;

		buf_reset(&b);
		t0 = now_ms();
		if (pdf_write(d, PDF_SYSTEM_FONTS, &b, NULL, &e) != MM_OK) {
			doc_free(d);
			goto done;
		}
		ts[i] = now_ms() - t0;
		sys_bytes = b.len;
	}
	doc_free(d);
	for (i = 0; i < n; i++) {
		double t0 = now_ms(), t1, t2;

		if ((d = build(c, which)) == NULL)
			goto done;
		t1 = now_ms();
		buf_reset(&b);
		if (pdf_out(d, &b, &e) != MM_OK) {
			doc_free(d);
			goto done;
		}
		t2 = now_ms();
		doc_free(d);
		bytes = b.len;
		tb[i] = t1 - t0;
		tp[i] = t2 - t1;
		tt[i] = t2 - t0;
	}
	printf("%s %.1f %.1f %.1f %zu %s %.1f %zu\n", which, median(tb, n), median(tp, n),
	    median(tt, n), bytes, info.fonts == PDF_FONTS_DOCUMENT ? "cut" : "installed",
	    median(ts, n), sys_bytes);
	rc = 0;
done:
	buf_free(&b);
	free(tb);
	free(tp);
	free(tt);
	free(ts);
	return rc;
}

int
main(int argc, char **argv)
{
	struct ctx c;
	struct err e;
	struct diag_round_row *rows = NULL;
	size_t nrows = 0;
	long n;
	int rc = 1;

	if (argc != 5 || !text_parse_long(argv[3], &n) || n < 1 || n > 1000) {
		fputs("usage: docbench DB SLUG N OUTDIR\n", stderr);
		return 2;
	}
	memset(&c, 0, sizeof(c));
	err_clear(&e);
	if (app_open(&c.a, argv[1], false, "docbench", &e) != MM_OK ||
	    org_resolve(&c.a, argv[2], &c.o, &e) != MM_OK ||
	    diag_round_list(c.a.db, c.o.id, false, &rows, &nrows, &e) != MM_OK) {
		fprintf(stderr, "docbench: %s\n", e.msg);
		goto done;
	}
	if (nrows == 0) {
		fputs("docbench: the organisation has no completed round\n", stderr);
		goto done;
	}
	c.round = rows[nrows - 1].id;
	if ((c.labels = report_labels(LANG_JA)) == NULL)
		goto done;
	rc = measure(&c, "report", (int)n, argv[4]) || measure(&c, "regulations", (int)n, argv[4]);
done:
	free(rows);
	json_decref(c.labels);
	app_close(&c.a);
	return rc;
}
