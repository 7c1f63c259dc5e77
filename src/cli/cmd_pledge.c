/* cmd_pledge.c — mamori org pledge sheet: the 5か条 pledge sheet of an
 * organisation as PDF, DOCX or Markdown. */
#include <string.h>

#include "app/diag_report.h"
#include "app/org_service.h"
#include "cli/cli.h"
#include "cli/doc_write.h"
#include "cli/opt.h"

#define PLEDGE_SYNOPSIS \
	"mamori org pledge sheet [--org SLUG] [--format pdf|docx|md] [-o FILE] [--lang ja|en]"

int
cmd_pledge(struct cli *c, int argc, char **argv)
{
	const char *slug = NULL, *format = "pdf", *file = NULL, *lang_s = "ja";
	const char *pos[OPT_MAX_POS];
	bool help = false;
	struct app a;
	struct org o;
	struct err e;
	struct doc *d = NULL;
	enum lang lang;
	json_t *labels;
	int npos, i, rc;
	const struct opt opts[] = {
		{ "org", &slug, NULL }, { "format", &format, NULL }, { "output", &file, NULL },
		{ "lang", &lang_s, NULL }, { "help", NULL, &help }, { NULL, NULL, NULL }
	};

	/* "-o FILE" as well as "--output FILE" */
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "-o") == 0)
			argv[i] = (char *)"--output";
	if (!opt_parse(argc, argv, opts, pos, &npos, PLEDGE_SYNOPSIS))
		return CLI_USAGE;
	if (help) {
		printf("使い方: %s\n", PLEDGE_SYNOPSIS);
		return CLI_OK;
	}
	if (npos != 1 || strcmp(pos[0], "sheet") != 0)
		return cli_usage(PLEDGE_SYNOPSIS, "sheet を指定してください");
	if (!cli_doc_format_ok(format))
		return cli_usage(PLEDGE_SYNOPSIS, "--format は pdf, docx, md のどれかです");
	if (lang_parse(lang_s, &lang) != 0)
		return cli_usage(PLEDGE_SYNOPSIS, "--lang は ja か en です");
	if (cli_doc_to_terminal(format, file))
		return cli_usage(PLEDGE_SYNOPSIS, "PDF と DOCX は -o FILE で書き出し先を指定してください");
	cli_doc_prepare(format);
	if ((labels = report_labels(lang)) == NULL) {
		fputs("mamori: 文書の文言 (locale/*/report.json) がありません\n", stderr);
		return CLI_FAIL;
	}
	if (!cli_open(c, &a, false)) {
		json_decref(labels);
		return CLI_FAIL;
	}
	err_clear(&e);
	if (org_resolve(&a, slug, &o, &e) != MM_OK ||
	    pledge_sheet_build(&a, &o, lang, labels, &d, &e) != MM_OK)
		rc = cli_error(&e);
	else
		rc = cli_doc_write(d, format, file);
	doc_free(d);
	json_decref(labels);
	app_close(&a);
	return rc;
}
