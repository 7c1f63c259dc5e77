/* cmd_diagnose.c — mamori diagnose: the questionnaire, answers from a
 * file, scoring, and the rounds (list, show, compare, organisation view). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/diag_report.h"
#include "app/diag_service.h"
#include "app/diag_view.h"
#include "app/org_service.h"
#include "cli/cli.h"
#include "cli/diag_print.h"
#include "cli/diag_tty.h"
#include "cli/doc_write.h"
#include "cli/opt.h"
#include "util/fileio.h"
#include "util/text.h"

#define DIAG_SYNOPSIS \
	"mamori diagnose [--org SLUG] [--respondent 名前 [--department]]\n" \
	"       mamori diagnose --answers FILE [--respondent 名前] [--format text|json]\n" \
	"       mamori diagnose score --answers FILE [--na-rule full|exclude] [--format text|json]\n" \
	"       mamori diagnose list|org [--format text|json|csv]\n" \
	"       mamori diagnose show ROUND | compare A B [--format text|json|csv]\n" \
	"       mamori diagnose report ROUND [--format pdf|docx|md] [-o FILE] [--lang ja|en]\n" \
	"       mamori diagnose sheet [ROUND] [--format pdf|docx|md] [-o FILE] [--lang ja|en]"

struct diag_args {
	const char *org, *respondent, *answers, *format, *na_rule, *output, *lang;
	bool department, help;
	enum cli_format fmt;
	const char *pos[OPT_MAX_POS];
	int npos;
};

/* read and parse the answers file PATH ("-" for standard input) */
static bool
read_answers(const struct diag_model *m, const char *path, struct diag_input *in)
{
	struct buf b;
	struct err e;
	enum mm_err code;
	const char *dot = strrchr(path, '.');
	enum diag_input_format fmt = DIAG_INPUT_AUTO;

	if (dot != NULL && strcmp(dot, ".json") == 0)
		fmt = DIAG_INPUT_JSON;
	else if (dot != NULL && strcmp(dot, ".csv") == 0)
		fmt = DIAG_INPUT_CSV;
	buf_init(&b, DIAG_INPUT_MAX_BYTES + 1);
	err_clear(&e);
	code = file_read_all(path, DIAG_INPUT_MAX_BYTES, &b, &e);
	if (code == MM_OK)
		code = diag_input_parse(m, buf_cstr(&b), b.len, fmt, in, &e);
	buf_free(&b);
	if (code != MM_OK) {
		cli_error(&e);
		return false;
	}
	return true;
}

static int
score_cmd(struct diag_args *g)
{
	struct catalog *cat;
	struct diag_input in;
	struct diag_result r;
	struct err e;
	enum diag_na_rule rule = DIAG_NA_FULL;
	int rc = CLI_OK;

	if (g->answers == NULL)
		return cli_usage(DIAG_SYNOPSIS, "--answers FILE を指定してください");
	if (g->na_rule != NULL) {
		if (strcmp(g->na_rule, "exclude") == 0)
			rule = DIAG_NA_EXCLUDE;
		else if (strcmp(g->na_rule, "full") != 0)
			return cli_usage(DIAG_SYNOPSIS, "--na-rule は full か exclude です");
	}
	err_clear(&e);
	if (catalog_load_embedded(CATALOG_DEFAULT, &cat, &e) != MM_OK)
		return cli_error(&e);
	if (!read_answers(&cat->diag, g->answers, &in)) {
		catalog_free(cat);
		return CLI_FAIL;
	}
	diag_score(&cat->diag, &in.sheet, rule, &r);
	if (g->fmt == FMT_JSON)
		rc = cli_print_json(diag_result_json(&cat->diag, &in.sheet, &r, rule, LANG_JA));
	else
		diag_print_result(stdout, &cat->diag, &in.sheet, &r, rule);
	diag_input_free(&in);
	catalog_free(cat);
	return rc;
}

/* print round V (and the change since the previous one) in G's format */
static int
print_round(struct app *a, const struct org *o, struct diag_args *g,
    struct diag_round_view *v)
{
	struct diag_round_view prev;
	struct err e;
	bool has_prev = false;
	int rc = CLI_OK;

	err_clear(&e);
	if (v->row.completed) {
		enum mm_err code = diag_round_before(a, o, v, &prev, &e);
		if (code != MM_OK && code != MM_ENOTFOUND)
			return cli_error(&e);
		has_prev = code == MM_OK;
	}
	if (g->fmt == FMT_JSON)
		rc = cli_print_json(diag_round_json(&a->cat->diag, v, has_prev ? &prev : NULL,
		    LANG_JA));
	else if (g->fmt == FMT_CSV)
		diag_csv_items(stdout, &a->cat->diag, &v->sheet,
		    v->row.completed ? &v->result : NULL, &v->notes);
	else
		diag_print_round(stdout, &a->cat->diag, v, has_prev ? &prev : NULL);
	if (has_prev)
		diag_round_view_free(&prev);
	return rc;
}

static int
record_cmd(struct app *a, const struct org *o, struct diag_args *g)
{
	struct diag_input in;
	struct diag_round_view v;
	struct err e;
	long long id;
	int rc;

	if (!read_answers(&a->cat->diag, g->answers, &in))
		return CLI_FAIL;
	err_clear(&e);
	if (diag_record(a, o, g->respondent, &in, &id, &e) != MM_OK) {
		diag_input_free(&in);
		return cli_error(&e);
	}
	diag_input_free(&in);
	if (diag_round_load(a, o, id, &v, &e) != MM_OK)
		return cli_error(&e);
	if (g->fmt == FMT_TEXT)
		printf("診断 #%lld を記録しました。\n\n", id);
	rc = print_round(a, o, g, &v);
	diag_round_view_free(&v);
	return rc;
}

static int
list_cmd(struct app *a, const struct org *o, struct diag_args *g)
{
	struct diag_round_row *rows;
	struct err e;
	size_t n, i;
	json_t *arr;

	err_clear(&e);
	if (diag_round_list(a->db, o->id, true, &rows, &n, &e) != MM_OK)
		return cli_error(&e);
	if (g->fmt == FMT_JSON) {
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, diag_round_summary_json(&a->cat->diag,
			    &rows[i], LANG_JA));
		free(rows);
		return cli_print_json(arr);
	}
	if (g->fmt == FMT_CSV) {
		puts("id,respondent,status,started_at,completed_at,total,band");
		for (i = 0; i < n; i++) {
			printf("%lld,", rows[i].id);
			cli_csv_field(stdout, rows[i].respondent);
			printf(",%s,%s,%s,", rows[i].completed ? "completed" : "draft",
			    rows[i].started_at, rows[i].completed_at);
			if (rows[i].completed)
				printf("%d,%s", rows[i].total, rows[i].band);
			else
				putchar(',');
			putchar('\n');
		}
	} else if (n == 0) {
		puts("診断はまだありません。mamori diagnose で始めてください。");
	} else {
		for (i = 0; i < n; i++) {
			printf("#%-5lld %-20s ", rows[i].id, rows[i].completed ?
			    rows[i].completed_at : "(下書き)");
			if (rows[i].completed)
				printf("%4d 点  ", rows[i].total);
			else
				fputs("   -     ", stdout);
			printf("%s\n", rows[i].respondent);
		}
	}
	free(rows);
	return CLI_OK;
}

static bool
parse_id(const char *s, long long *out)
{
	long v;

	if (s[0] == '#')
		s++;
	if (!text_parse_long(s, &v) || v <= 0)
		return false;
	*out = v;
	return true;
}

static int
show_cmd(struct app *a, const struct org *o, struct diag_args *g)
{
	struct diag_round_view v;
	struct err e;
	long long id;
	int rc;

	if (g->npos != 2 || !parse_id(g->pos[1], &id))
		return cli_usage(DIAG_SYNOPSIS, "診断の番号を指定してください (mamori diagnose list で一覧できます)");
	err_clear(&e);
	if (diag_round_load(a, o, id, &v, &e) != MM_OK)
		return cli_error(&e);
	rc = print_round(a, o, g, &v);
	diag_round_view_free(&v);
	return rc;
}

static int
compare_cmd(struct app *a, const struct org *o, struct diag_args *g)
{
	struct diag_round_view x, y;
	struct diag_change ch[DIAG_MAX_ITEMS];
	struct err e;
	long long ia, ib;
	size_t i;
	int rc = CLI_OK;

	if (g->npos != 3 || !parse_id(g->pos[1], &ia) || !parse_id(g->pos[2], &ib))
		return cli_usage(DIAG_SYNOPSIS, "比べる二つの診断の番号を指定してください");
	err_clear(&e);
	if (diag_round_load(a, o, ia, &x, &e) != MM_OK)
		return cli_error(&e);
	if (diag_round_load(a, o, ib, &y, &e) != MM_OK) {
		diag_round_view_free(&x);
		return cli_error(&e);
	}
	if (!x.row.completed || !y.row.completed) {
		rc = cli_usage(DIAG_SYNOPSIS, "比べられるのは完了した診断だけです");
	} else if (g->fmt == FMT_JSON) {
		rc = cli_print_json(diag_compare_json(&a->cat->diag, &x, &y));
	} else if (g->fmt == FMT_CSV) {
		diag_compare(&a->cat->diag, &x.sheet, &y.sheet, y.row.na_rule, ch);
		puts("no,before,after,delta");
		for (i = 0; i < a->cat->diag.nitems; i++)
			printf("%d,%s,%s,%d\n", ch[i].no, diag_answer_id(ch[i].before),
			    diag_answer_id(ch[i].after), ch[i].delta);
	} else {
		printf("診断 #%lld (%d 点) と 診断 #%lld (%d 点) の比較\n", ia, x.result.total,
		    ib, y.result.total);
		diag_print_change(stdout, &a->cat->diag, &x, &y);
	}
	diag_round_view_free(&x);
	diag_round_view_free(&y);
	return rc;
}

/* report ROUND / sheet [ROUND]: the result report or the answer sheet as
 * a document file */
static int
print_doc_cmd(struct app *a, const struct org *o, struct diag_args *g, bool report)
{
	json_t *labels;
	struct doc *d = NULL;
	struct err e;
	enum lang lang = LANG_JA;
	long long id = 0;
	int rc;

	if (g->npos > 2 || (report && g->npos != 2) || (g->npos == 2 && !parse_id(g->pos[1], &id)))
		return cli_usage(DIAG_SYNOPSIS, "診断の番号を指定してください (mamori diagnose list で一覧できます)");
	lang_parse(g->lang, &lang);
	if ((labels = report_labels(lang)) == NULL) {
		fputs("mamori: 文書の文言 (locale/*/report.json) がありません\n", stderr);
		return CLI_FAIL;
	}
	err_clear(&e);
	if ((report ? diag_report_build(a, o, id, lang, labels, &d, &e) :
	    diag_sheet_build(a, o, id, lang, labels, &d, &e)) != MM_OK)
		rc = cli_error(&e);
	else
		rc = cli_doc_write(d, g->format, g->output);
	doc_free(d);
	json_decref(labels);
	return rc;
}

static int
org_view_cmd(struct app *a, const struct org *o, struct diag_args *g)
{
	struct diag_sheet sheet;
	struct diag_result r;
	enum diag_na_rule rule;
	struct err e;
	size_t n;
	json_t *j;

	err_clear(&e);
	if (org_na_rule(a, o->id, &rule, &e) != MM_OK ||
	    diag_org_view(a, o, &sheet, &r, &n, &e) != MM_OK)
		return cli_error(&e);
	if (g->fmt == FMT_JSON) {
		j = diag_result_json(&a->cat->diag, &sheet, &r, rule, LANG_JA);
		json_object_set_new(j, "respondents", json_integer((json_int_t)n));
		return cli_print_json(j);
	}
	if (g->fmt == FMT_CSV) {
		diag_csv_items(stdout, &a->cat->diag, &sheet, &r, NULL);
		return CLI_OK;
	}
	printf("組織全体の自社診断 — %s (回答者 %zu、各項目は最も弱い回答で集計)\n\n", o->name, n);
	diag_print_result(stdout, &a->cat->diag, &sheet, &r, rule);
	return CLI_OK;
}

int
cmd_diagnose(struct cli *c, int argc, char **argv)
{
	struct diag_args g;
	struct app a;
	struct org o;
	struct err e;
	const char *sub;
	enum lang lang;
	bool doc_sub;
	int rc, i;

	memset(&g, 0, sizeof(g));
	g.lang = "ja";
	/* "-o FILE" as well as "--output FILE" */
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "-o") == 0)
			argv[i] = (char *)"--output";
	{
		const struct opt opts[] = {
			{ "org", &g.org, NULL }, { "respondent", &g.respondent, NULL },
			{ "answers", &g.answers, NULL }, { "format", &g.format, NULL },
			{ "na-rule", &g.na_rule, NULL }, { "department", NULL, &g.department },
			{ "output", &g.output, NULL }, { "lang", &g.lang, NULL },
			{ "help", NULL, &g.help }, { NULL, NULL, NULL }
		};
		if (!opt_parse(argc, argv, opts, g.pos, &g.npos, DIAG_SYNOPSIS))
			return CLI_USAGE;
	}
	if (g.help) {
		printf("使い方: %s\n", DIAG_SYNOPSIS);
		return CLI_OK;
	}
	sub = g.npos > 0 ? g.pos[0] : NULL;
	doc_sub = sub != NULL && (strcmp(sub, "report") == 0 || strcmp(sub, "sheet") == 0);
	if (doc_sub) {
		if (g.format == NULL)
			g.format = "pdf";
		if (!cli_doc_format_ok(g.format))
			return cli_usage(DIAG_SYNOPSIS, "--format は pdf, docx, md のどれかです");
		if (lang_parse(g.lang, &lang) != 0)
			return cli_usage(DIAG_SYNOPSIS, "--lang は ja か en です");
		if (cli_doc_to_terminal(g.format, g.output))
			return cli_usage(DIAG_SYNOPSIS, "PDF と DOCX は -o FILE で書き出し先を指定してください");
	} else if (g.output != NULL) {
		return cli_usage(DIAG_SYNOPSIS, "-o FILE は report と sheet だけで使えます");
	} else if (!cli_parse_format(g.format, sub != NULL && strcmp(sub, "score") != 0, &g.fmt))
		return cli_usage(DIAG_SYNOPSIS, "--format が不正です: %s", g.format);
	if (sub != NULL && strcmp(sub, "score") == 0)
		return score_cmd(&g);
	if (sub != NULL && strcmp(sub, "list") != 0 && strcmp(sub, "show") != 0 &&
	    strcmp(sub, "compare") != 0 && strcmp(sub, "org") != 0 && !doc_sub)
		return cli_usage(DIAG_SYNOPSIS, "不明な指定です: %s", sub);
	if (doc_sub)
		cli_doc_prepare(g.format);
	if (!cli_open(c, &a, false))
		return CLI_FAIL;
	err_clear(&e);
	if (org_resolve(&a, g.org, &o, &e) != MM_OK) {
		app_close(&a);
		return cli_error(&e);
	}
	if (sub == NULL && g.answers != NULL)
		rc = record_cmd(&a, &o, &g);
	else if (sub == NULL)
		rc = diag_tty_run(&a, &o, g.respondent, g.department ? "department" : "person",
		    STDIN_FILENO, stdout);
	else if (strcmp(sub, "list") == 0)
		rc = list_cmd(&a, &o, &g);
	else if (strcmp(sub, "show") == 0)
		rc = show_cmd(&a, &o, &g);
	else if (strcmp(sub, "compare") == 0)
		rc = compare_cmd(&a, &o, &g);
	else if (doc_sub)
		rc = print_doc_cmd(&a, &o, &g, strcmp(sub, "report") == 0);
	else
		rc = org_view_cmd(&a, &o, &g);
	app_close(&a);
	return rc;
}
