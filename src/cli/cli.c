/* cli.c — the command line: global options and dispatch. */
#include "cli/cli.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/text.h"

static const char usage_text[] =
    "使い方: mamori [--db PATH] コマンド [引数]\n"
    "\n"
    "中小企業の情報セキュリティ対策ガイドライン 第3.1版 (IPA) を一つにまとめた道具です。\n"
    "\n"
    "コマンド:\n"
    "  init --org 会社名 [--slug ID] [--industry 業種] [--employees 人数]\n"
    "                            データベースと組織を作ります (二度実行しても害はありません)\n"
    "  serve [--listen ADDR:PORT]  Web 画面を起動します (既定 127.0.0.1:8080)\n"
    "  org list|show|add|set     組織の一覧・表示・追加・設定\n"
    "  org pledge sheet -o FILE  5か条の宣言シート (PDF/DOCX/Markdown)\n"
    "  diagnose                  自社診断 (25項目) を端末で対話的に行います\n"
    "  diagnose --answers FILE   CSV/JSON の回答から診断を記録します\n"
    "  diagnose score --answers FILE    記録せずに採点します\n"
    "  diagnose list|show|compare|org   診断の一覧・結果・比較・組織全体の集計\n"
    "  diagnose report ROUND -o FILE    結果報告書 (PDF/DOCX/Markdown、グラフ付き)\n"
    "  diagnose sheet [ROUND] -o FILE   回答用紙 (番号なしは白紙)\n"
    "  catalog check [DIR]       ガイドラインのカタログを検査します\n"
    "  catalog show [LIST]       カタログの一覧を表示します\n"
    "  asset list|show|add|edit|copy|rm|treat|import|export   情報資産管理台帳 (付録7)\n"
    "  risk list|threats|rate    リスク値の一覧、脅威の状況と評価\n"
    "  user add|passwd|list|token|role|disable   アカウントと役割\n"
    "  doc list|generate|show|render|edit|diff|approve|publish|readers\n"
    "                            基本方針・ハンドブック・関連規程の生成・編集・承認・公開・既読\n"
    "  doc preview 種類          保存せずに文書を組織の情報から作って表示します\n"
    "  audit verify              監査ログの改ざんを検査します\n"
    "  audit list                監査ログを表示します\n"
    "  backup FILE               使用中でも一貫したバックアップを作ります\n"
    "  restore FILE              バックアップを検査してから戻します\n"
    "\n"
    "共通オプション:\n"
    "  --db PATH    データベース (既定: $MAMORI_DB、なければ ./mamori.db)\n"
    "  --org SLUG   対象の組織 (組織が一つだけならその組織)\n"
    "\n"
    "詳しくは mamori コマンド --help を見てください。\n";

struct command {
	const char *name;
	int (*fn)(struct cli *c, int argc, char **argv);
};

static const struct command commands[] = {
	{ "init", cmd_init },
	{ "org", cmd_org },
	{ "catalog", cmd_catalog },
	{ "diagnose", cmd_diagnose },
	{ "audit", cmd_audit },
	{ "backup", cmd_backup },
	{ "restore", cmd_restore },
	{ "user", cmd_user },
	{ "serve", cmd_serve },
	{ "doc", cmd_doc },
	{ "asset", cmd_asset },
	{ "risk", cmd_risk },
	{ NULL, NULL }
};

int
cli_error(const struct err *e)
{
	fprintf(stderr, "mamori: %s\n", e->msg[0] ? e->msg : "エラーが発生しました");
	return CLI_FAIL;
}

int
cli_usage(const char *synopsis, const char *fmt, ...)
{
	va_list ap;

	fputs("mamori: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (synopsis != NULL)
		fprintf(stderr, "使い方: %s\n", synopsis);
	return CLI_USAGE;
}

bool
cli_parse_format(const char *s, bool allow_csv, enum cli_format *out)
{
	if (s == NULL || strcmp(s, "text") == 0)
		*out = FMT_TEXT;
	else if (strcmp(s, "json") == 0)
		*out = FMT_JSON;
	else if (allow_csv && strcmp(s, "csv") == 0)
		*out = FMT_CSV;
	else
		return false;
	return true;
}

int
cli_print_json(json_t *v)
{
	if (v == NULL) {
		fputs("mamori: メモリが足りません\n", stderr);
		return CLI_FAIL;
	}
	json_dumpf(v, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(v);
	return CLI_OK;
}

void
cli_csv_field(FILE *f, const char *s)
{
	const char *p;
	long number;
	bool formula, quote;

	if (s == NULL)
		s = "";
	/* numbers such as -1 stay numbers; other text that a spreadsheet
	 * would take for a formula is neutralised */
	formula = (*s == '=' || *s == '+' || *s == '-' || *s == '@') &&
	    !text_parse_long(s, &number);
	quote = formula || strpbrk(s, ",\"\r\n") != NULL;
	if (!quote) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (formula)
		fputc('\'', f);
	for (p = s; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

void
cli_actor(char *out, size_t outsz)
{
	struct passwd *pw = getpwuid(geteuid());

	snprintf(out, outsz, "cli:%s", pw && pw->pw_name ? pw->pw_name : "unknown");
}

bool
cli_open(struct cli *c, struct app *a, bool create)
{
	struct err e;
	char actor[APP_ACTOR_MAX];

	cli_actor(actor, sizeof(actor));
	err_clear(&e);
	if (app_open(a, c->db_path, create, actor, &e) != MM_OK) {
		cli_error(&e);
		return false;
	}
	return true;
}

int
cli_main(int argc, char **argv)
{
	struct cli c;
	const struct command *cmd;
	char **args;
	int i, n = 0, rc;

	memset(&c, 0, sizeof(c));
	c.prog = argc > 0 ? argv[0] : "mamori";
	c.db_path = getenv("MAMORI_DB");
	if (c.db_path == NULL || *c.db_path == '\0')
		c.db_path = "mamori.db";
	/* --db is global: take it from anywhere on the line */
	args = calloc((size_t)argc + 1, sizeof(*args));
	if (args == NULL)
		return CLI_FAIL;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= argc) {
				free(args);
				return cli_usage("mamori --db PATH コマンド", "--db には値が必要です");
			}
			c.db_path = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			c.db_path = argv[i] + 5;
		} else {
			args[n++] = argv[i];
		}
	}
	if (n == 0 || strcmp(args[0], "help") == 0 || strcmp(args[0], "--help") == 0 ||
	    strcmp(args[0], "-h") == 0) {
		fputs(usage_text, n == 0 ? stderr : stdout);
		free(args);
		return n == 0 ? CLI_USAGE : CLI_OK;
	}
	if (strcmp(args[0], "--version") == 0 || strcmp(args[0], "version") == 0) {
		puts("mamori 0.1");
		free(args);
		return CLI_OK;
	}
	for (cmd = commands; cmd->name != NULL; cmd++)
		if (strcmp(cmd->name, args[0]) == 0)
			break;
	if (cmd->name == NULL) {
		rc = cli_usage(NULL, "不明なコマンドです: %s (mamori help で一覧できます)",
		    args[0]);
		free(args);
		return rc;
	}
	rc = cmd->fn(&c, n, args);
	free(args);
	return rc;
}
