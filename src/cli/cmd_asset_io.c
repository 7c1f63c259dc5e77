/* cmd_asset_io.c — mamori asset export and mamori asset import. The work
 * is done by app/asset_io.h; this file reads the command line, draws the
 * progress bar and prints the report. */
#include "cli/cmd_asset_io.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/asset_io.h"
#include "app/org_service.h"
#include "cli/opt.h"
#include "cli/progress.h"
#include "util/fileio.h"

static const char asset_io_help[] =
    "\n"
    "export: 台帳を書き出します。--format を省くと -o のファイル名の拡張子で決め、\n"
    "        それもなければ CSV (UTF-8、BOM 付き) です。XLSX には 情報資産管理台帳・\n"
    "        脅威の状況・リスク一覧 の 3 シートがあります。-o を省くと標準出力に書きます。\n"
    "import: CSV (UTF-8 または Shift_JIS) か XLSX の台帳を読み込みます。形式は中身で判断します。\n"
    "        ID のある行はその資産を変更し、ID のない行は同じ情報資産名称の資産を変更するか、\n"
    "        なければ追加します。一行でも誤りがあれば何も変更しません。\n"
    "        --dry-run は確認だけを行い、追加・変更される内容と誤りを表示します。\n"
    "        重要度・被害発生可能性・リスク値 の列は計算で求めるため読み込みません。\n";

struct io_args {
	const char *org, *format, *output;
	bool dry_run, help;
	const char *pos[OPT_MAX_POS];
	int npos;
};

/* write the N bytes at DATA to PATH through a temporary file, so that a
 * failure leaves no half-written file */
static bool
write_file(const char *path, const char *data, size_t n)
{
	char tmp[4096];
	FILE *f;
	bool ok;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", path, (long)getpid()) >= sizeof(tmp)) {
		fprintf(stderr, "mamori: ファイル名が長すぎます: %s\n", path);
		return false;
	}
	if ((f = fopen(tmp, "wb")) == NULL) {
		fprintf(stderr, "mamori: %s に書き込めません\n", path);
		return false;
	}
	ok = fwrite(data, 1, n, f) == n;
	ok = fflush(f) == 0 && ok;
	ok = fsync(fileno(f)) == 0 && ok;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		remove(tmp);
		fprintf(stderr, "mamori: %s に書き込めません (ディスクの空きを確認してください)\n", path);
		return false;
	}
	return true;
}

/* the format for -o PATH: its extension, else CSV */
static enum asset_io_format
format_of_path(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	enum asset_io_format f = ASSET_IO_CSV;

	if (dot != NULL && !asset_io_format_parse(dot + 1, &f))
		f = ASSET_IO_CSV;
	return f;
}

static int
export_cmd(struct app *a, const struct org *o, struct io_args *g)
{
	enum asset_io_format fmt;
	struct progress p;
	struct buf out;
	struct err e;
	int rc = CLI_OK;

	if (g->npos > 1)
		return cli_usage(ASSET_IO_SYNOPSIS, "export には引数をとりません (-o FILE で書き出し先)");
	if (g->format != NULL) {
		if (!asset_io_format_parse(g->format, &fmt))
			return cli_usage(ASSET_IO_SYNOPSIS, "--format は csv、xlsx、json のどれかです: %s",
			    g->format);
	} else {
		fmt = format_of_path(g->output);
	}
	if (fmt == ASSET_IO_XLSX && g->output == NULL && isatty(STDOUT_FILENO))
		return cli_usage(ASSET_IO_SYNOPSIS,
		    "XLSX は端末に表示できません。-o FILE で書き出し先を指定してください");
	buf_init(&out, 0);
	err_clear(&e);
	progress_start(&p, "書き出し");
	if (asset_io_export(a, o, fmt, &out, progress_update, &p, &e) != MM_OK) {
		progress_end(&p);
		rc = cli_error(&e);
	} else {
		progress_end(&p);
		if (g->output != NULL) {
			if (!write_file(g->output, out.data ? out.data : "", out.len))
				rc = CLI_FAIL;
			else if (isatty(STDERR_FILENO))
				fprintf(stderr, "%s に書き出しました。\n", g->output);
		} else if (fwrite(out.data ? out.data : "", 1, out.len, stdout) != out.len ||
		    fflush(stdout) != 0) {
			fputs("mamori: 標準出力に書き込めません\n", stderr);
			rc = CLI_FAIL;
		}
	}
	buf_free(&out);
	return rc;
}

static const char *
format_label(const struct asset_import_report *r)
{
	return r->format == ASSET_IO_XLSX ? "XLSX" : "CSV";
}

/* the N messages of LIST in Japanese, joined ("、") */
static const char *
list_ja(struct err_msg *const *list, size_t n, struct buf *b)
{
	buf_reset(b);
	asset_import_list_text(list, n, LANG_JA, b);
	return buf_cstr(b);
}

static void
print_report(const struct asset_import_report *r, const char *path)
{
	struct buf b;
	size_t k;

	printf("%s%s: %s", r->dry_run ? "確認 (--dry-run): " : "", path, format_label(r));
	if (r->encoding[0])
		printf("、%s", r->encoding);
	if (r->sheet[0])
		printf("、シート「%s」", r->sheet);
	if (r->header_row > 0)
		printf("、見出しは %ld 行目", r->header_row);
	printf("\n");
	printf("  データ %ld 行: 追加 %ld 件、変更 %ld 件、変更なし %ld 件\n", r->rows, r->added,
	    r->changed, r->unchanged);
	buf_init(&b, 0);
	if (r->nignored > 0)
		printf("  読み込まない列: %s\n", list_ja(r->ignored, r->nignored, &b));
	for (k = 0; (r->dry_run || r->nproblems > 0) && k < r->nitems; k++) {
		const struct asset_import_item *it = &r->items[k];
		if (it->action == ASSET_IMPORT_ADD)
			printf("  追加 %ld 行目「%s」\n", it->row, it->name);
		else
			printf("  変更 %ld 行目 ID %lld「%s」: %s\n", it->row, it->id, it->name,
			    list_ja(it->changes, it->nchanges, &b));
	}
	buf_free(&b);
}

static void
print_problems(const struct asset_import_report *r)
{
	struct buf col, msg;
	size_t k;

	buf_init(&col, 0);
	buf_init(&msg, 0);
	for (k = 0; k < r->nproblems; k++) {
		const struct asset_import_problem *p = &r->problems[k];
		buf_reset(&col);
		buf_reset(&msg);
		if (p->column != NULL)
			err_msg_render(p->column, LANG_JA, &col);
		err_msg_render(p->message, LANG_JA, &msg);
		if (p->row > 0 && col.len > 0)
			fprintf(stderr, "  %ld 行目 %s: %s\n", p->row, buf_cstr(&col), buf_cstr(&msg));
		else if (p->row > 0)
			fprintf(stderr, "  %ld 行目: %s\n", p->row, buf_cstr(&msg));
		else
			fprintf(stderr, "  %s\n", buf_cstr(&msg));
	}
	buf_free(&col);
	buf_free(&msg);
}

static int
import_cmd(struct app *a, const struct org *o, struct io_args *g)
{
	struct asset_import_opts opt;
	struct asset_import_report rep;
	struct progress p;
	struct buf in;
	struct err e;
	enum mm_err code;
	bool json = false;
	int rc = CLI_OK;

	if (g->npos != 2)
		return cli_usage(ASSET_IO_SYNOPSIS, "読み込むファイルを一つ指定してください");
	if (g->format != NULL) {
		if (strcmp(g->format, "json") == 0)
			json = true;
		else if (strcmp(g->format, "text") != 0)
			return cli_usage(ASSET_IO_SYNOPSIS, "--format は text か json です: %s",
			    g->format);
	}
	buf_init(&in, ASSET_IO_MAX_BYTES + 1);
	err_clear(&e);
	if (file_read_all(g->pos[1], ASSET_IO_MAX_BYTES, &in, &e) != MM_OK) {
		buf_free(&in);
		return cli_error(&e);
	}
	memset(&opt, 0, sizeof(opt));
	opt.dry_run = g->dry_run;
	opt.progress = progress_update;
	opt.progress_ctx = &p;
	progress_start(&p, g->dry_run ? "確認" : "読み込み");
	code = asset_import(a, o, in.data ? in.data : "", in.len, &opt, &rep, &e);
	progress_end(&p);
	buf_free(&in);
	if (code != MM_OK && code != MM_EINVAL) {
		asset_import_report_free(&rep);
		return cli_error(&e);
	}
	if (json) {
		rc = cli_print_json(asset_import_report_json(&rep, 0, LANG_JA));
	} else {
		print_report(&rep, g->pos[1]);
		if (code == MM_OK && !g->dry_run)
			printf("読み込みました (監査ログに %ld 件記録しました)。\n", rep.added + rep.changed);
		else if (code == MM_OK)
			printf("誤りはありません。--dry-run を外すと読み込みます。\n");
	}
	if (code != MM_OK) {
		fprintf(stderr, "mamori: %s\n", e.msg);
		print_problems(&rep);
		rc = CLI_FAIL;
	}
	asset_import_report_free(&rep);
	return rc;
}

int
cmd_asset_io(struct cli *c, int argc, char **argv)
{
	struct io_args g;
	struct app a;
	struct org o;
	struct err e;
	char **args;
	int i, rc;
	bool export;

	if (argc > 0 && strcmp(argv[0], "asset") == 0) {
		argc--;
		argv++;
	}
	if (argc < 1 || (strcmp(argv[0], "export") != 0 && strcmp(argv[0], "import") != 0))
		return cli_usage(ASSET_IO_SYNOPSIS, "export か import を指定してください");
	export = strcmp(argv[0], "export") == 0;
	/* -o is the usual short form of --output */
	if ((args = calloc((size_t)argc + 1, sizeof(*args))) == NULL)
		return CLI_FAIL;
	for (i = 0; i < argc; i++)
		args[i] = strcmp(argv[i], "-o") == 0 ? (char *)"--output" : argv[i];
	memset(&g, 0, sizeof(g));
	{
		const struct opt opts[] = {
			{ "org", &g.org, NULL }, { "format", &g.format, NULL },
			{ "output", &g.output, NULL }, { "dry-run", NULL, &g.dry_run },
			{ "help", NULL, &g.help }, { NULL, NULL, NULL }
		};
		bool ok = opt_parse(argc, args, opts, g.pos + 1, &g.npos, ASSET_IO_SYNOPSIS);
		free(args);
		if (!ok)
			return CLI_USAGE;
	}
	g.pos[0] = argv[0];
	g.npos++;
	if (g.help) {
		printf("使い方: %s\n%s", ASSET_IO_SYNOPSIS, asset_io_help);
		return CLI_OK;
	}
	if (export && g.dry_run)
		return cli_usage(ASSET_IO_SYNOPSIS, "--dry-run は import で使います");
	if (!export && g.output != NULL)
		return cli_usage(ASSET_IO_SYNOPSIS, "-o は export で使います");
	if (!cli_open(c, &a, false))
		return CLI_FAIL;
	err_clear(&e);
	if (org_resolve(&a, g.org, &o, &e) != MM_OK) {
		app_close(&a);
		return cli_error(&e);
	}
	rc = export ? export_cmd(&a, &o, &g) : import_cmd(&a, &o, &g);
	app_close(&a);
	return rc;
}
