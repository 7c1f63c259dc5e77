/* cmd_doc.c — mamori doc preview: a policy document written from the
 * organisation's data, as Markdown, HTML, PDF or DOCX. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/doc_generate.h"
#include "app/org_service.h"
#include "cli/cli.h"
#include "cli/opt.h"
#include "render/docx_out.h"
#include "render/markdown.h"
#include "render/pdf_out.h"
#include "util/clock.h"

#define DOC_SYNOPSIS \
	"mamori doc preview policy|handbook|regulations [--org SLUG] [--format md|html|pdf|docx]" \
	" [-o FILE] [--lang ja|en]"

/* the generated document G of O as FORMAT into OUT */
static enum mm_err
render(const struct doc_generated *g, const struct org *o, const char *format,
    const char *lang, struct buf *out, struct err *e)
{
	struct doc *d;
	char now[CLOCK_ISO_LEN], date[32];
	enum mm_err code;

	if (strcmp(format, "md") == 0)
		return buf_puts(out, g->markdown) ? MM_OK : err_set(e, MM_ENOMEM, "メモリが足りません");
	if (strcmp(format, "html") == 0)
		return markdown_html(g->markdown, strlen(g->markdown), out, e);
	clock_now_iso(now);
	snprintf(date, sizeof(date), "%.10s", now);
	if ((d = doc_new(g->title, o->name, date, lang)) == NULL)
		return err_set(e, MM_ENOMEM, "メモリが足りません");
	code = markdown_doc(g->markdown, strlen(g->markdown), d, e);
	if (code == MM_OK)
		code = strcmp(format, "pdf") == 0 ? pdf_out(d, out, e) : docx_out(d, out, e);
	doc_free(d);
	return code;
}

int
cmd_doc(struct cli *c, int argc, char **argv)
{
	const char *slug = NULL, *format = "md", *file = NULL, *lang_s = "ja";
	const char *pos[OPT_MAX_POS];
	bool help = false;
	struct doc_generated g;
	struct app a;
	struct org o;
	struct err e;
	struct buf b;
	enum lang lang;
	size_t i;
	json_t *it;
	FILE *f;
	int npos, rc = CLI_OK;
	const struct opt opts[] = {
		{ "org", &slug, NULL }, { "format", &format, NULL }, { "o", &file, NULL },
		{ "output", &file, NULL }, { "lang", &lang_s, NULL }, { "help", NULL, &help },
		{ NULL, NULL, NULL }
	};

	/* "-o FILE" as well as "--o" / "--output" */
	for (i = 1; i < (size_t)argc; i++)
		if (strcmp(argv[i], "-o") == 0)
			argv[i] = (char *)"--output";
	if (!opt_parse(argc, argv, opts, pos, &npos, DOC_SYNOPSIS))
		return CLI_USAGE;
	if (help) {
		printf("使い方: %s\n", DOC_SYNOPSIS);
		return CLI_OK;
	}
	if (npos != 2 || strcmp(pos[0], "preview") != 0)
		return cli_usage(DOC_SYNOPSIS, "preview と文書の種類を指定してください");
	if (strcmp(format, "md") != 0 && strcmp(format, "html") != 0 && strcmp(format, "pdf") != 0 &&
	    strcmp(format, "docx") != 0)
		return cli_usage(DOC_SYNOPSIS, "--format は md, html, pdf, docx のどれかです");
	if (lang_parse(lang_s, &lang) != 0)
		return cli_usage(DOC_SYNOPSIS, "--lang は ja か en です");
	if (file == NULL && (strcmp(format, "pdf") == 0 || strcmp(format, "docx") == 0) &&
	    isatty(STDOUT_FILENO))
		return cli_usage(DOC_SYNOPSIS, "PDF と DOCX は -o FILE で書き出し先を指定してください");
	if (!cli_open(c, &a, false))
		return CLI_FAIL;
	err_clear(&e);
	buf_init(&b, 64u * 1024 * 1024);
	if (org_resolve(&a, slug, &o, &e) != MM_OK ||
	    doc_generate(&a, &o, pos[1], lang, &g, &e) != MM_OK) {
		rc = cli_error(&e);
		goto done;
	}
	json_array_foreach(g.left_out, i, it)
		fprintf(stderr, "省いた部分: %s — %s\n",
		    json_string_value(json_object_get(it, "label")),
		    json_string_value(json_object_get(it, "why")));
	if (render(&g, &o, format, lang_s, &b, &e) != MM_OK) {
		rc = cli_error(&e);
	} else if (file != NULL) {
		if ((f = fopen(file, "wb")) == NULL || fwrite(buf_cstr(&b), 1, b.len, f) != b.len ||
		    fclose(f) != 0) {
			fprintf(stderr, "mamori: %s に書き込めません\n", file);
			rc = CLI_FAIL;
		} else {
			fprintf(stderr, "%s を %s に書き出しました。\n", g.title, file);
		}
	} else {
		fwrite(buf_cstr(&b), 1, b.len, stdout);
	}
	doc_generated_free(&g);
done:
	buf_free(&b);
	app_close(&a);
	return rc;
}
