/* cmd_asset.c — mamori asset: the 情報資産管理台帳 (付録7) on the command
 * line: list, show, add, edit (one asset or several at once), copy, rm
 * and treat. Every change goes through app/asset_service.h, which checks
 * the input, computes the risk and writes the audit record. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/asset_service.h"
#include "app/org_service.h"
#include "cli/asset_print.h"
#include "cli/cli.h"
#include "cli/cmd_asset_io.h"
#include "cli/opt.h"
#include "util/text.h"

#define ASSET_SYNOPSIS \
	"mamori asset list [--org SLUG] [--format text|json|csv] [--sort 列] [--desc] [--medium 媒体]\n" \
	"              [--department 部署] [--band 大|中|小] [--search 文字] [--limit N] [--offset N]\n" \
	"       mamori asset show ID [--format text|json]\n" \
	"       mamori asset add --name 名称 --medium 媒体 --c 1-3 --i 1-3 --a 1-3 [項目…] [--format text|json]\n" \
	"       mamori asset edit ID [ID…] 項目… [--format text|json]\n" \
	"       mamori asset copy ID [--format text|json]\n" \
	"       mamori asset rm ID [--yes]\n" \
	"       mamori asset treat ID --kind reduce|retain|avoid|transfer|none [--measure 対策] [--owner 担当]\n" \
	"              [--due YYYY-MM-DD|none] [--status planned|in_progress|done] [--residual 1|2|3|4|6|9|none]\n" \
	"       " ASSET_IO_SYNOPSIS

static const char asset_help[] =
    "\n"
    "項目 (add と edit):\n"
    "  --name 情報資産名称         --category 業務分類        --note 備考\n"
    "  --users 利用者範囲          --department 管理部署      --retention 保存期限\n"
    "  --medium 媒体・保存先 (書類、可搬電子媒体、事務所PC、モバイル機器、社内サーバー、\n"
    "           社外サーバー・クラウド、または paper などの識別名)\n"
    "  --c / --i / --a 機密性・完全性・可用性 (1〜3)。重要度はその最大値から決まります\n"
    "  --personal / --no-personal        個人情報を含む / 含まない\n"
    "  --sensitive / --no-sensitive      要配慮個人情報を含む / 含まない\n"
    "  --my-number / --no-my-number      特定個人情報を含む / 含まない\n"
    "      (要配慮個人情報か特定個人情報を含む資産の機密性は 3 になります)\n"
    "  --registered YYYY-MM-DD 登録日 (既定は今日)\n"
    "  --threat 1-3|none        脅威の発生頻度をこの資産だけ指定 (none で組織の評価に戻す)\n"
    "  --vulnerability 1-3|none 脆弱性をこの資産だけ指定 (none で自社診断からの値に戻す)\n"
    "\n"
    "並べ替え (--sort): id, name, medium, department, importance, risk, registered\n"
    "edit に ID を複数書くと、すべてを一度に変更します (一件でも失敗すれば何も変えません)。\n"
    "rm は端末で確認します。端末以外から実行するときは --yes が必要です。\n"
    "import と export は mamori asset import --help を見てください。\n";

/* everything a subcommand may be given */
struct asset_args {
	const char *org, *format, *sort, *search, *limit, *offset;
	const char *name, *category, *note, *users, *department, *medium, *c, *i, *a;
	const char *retention, *registered, *threat, *vulnerability, *band;
	const char *kind, *measure, *owner, *due, *status, *residual;
	bool desc, yes, help;
	bool personal, no_personal, sensitive, no_sensitive, my_number, no_my_number;
	enum cli_format fmt;
	const char *pos[OPT_MAX_POS];
	int npos;
};

/* the options each subcommand takes besides --org and --help */
static const struct {
	const char *sub, *opts;
} allowed[] = {
	{ "list", " format sort desc medium department band search limit offset " },
	{ "show", " format " },
	{ "add", " format name category note users department medium c i a personal no-personal"
	    " sensitive no-sensitive my-number no-my-number retention registered threat"
	    " vulnerability " },
	{ "edit", " format name category note users department medium c i a personal no-personal"
	    " sensitive no-sensitive my-number no-my-number retention registered threat"
	    " vulnerability " },
	{ "copy", " format " },
	{ "duplicate", " format " },
	{ "rm", " yes " },
	{ "treat", " kind measure owner due status residual " },
};

/* the subcommand SUB takes every option given in OPTS */
static bool
options_fit(const char *sub, const struct opt *opts)
{
	const char *list = NULL;
	char key[48];
	size_t k;

	for (k = 0; k < sizeof(allowed) / sizeof(allowed[0]); k++)
		if (strcmp(allowed[k].sub, sub) == 0)
			list = allowed[k].opts;
	if (list == NULL)
		return true; /* an unknown subcommand is reported elsewhere */
	for (; opts->name != NULL; opts++) {
		bool given = opts->flag ? *opts->flag : *opts->value != NULL;
		if (!given || strcmp(opts->name, "org") == 0 || strcmp(opts->name, "help") == 0)
			continue;
		snprintf(key, sizeof(key), " %s ", opts->name);
		if (strstr(list, key) == NULL) {
			cli_usage(ASSET_SYNOPSIS, "--%s は asset %s では使えません", opts->name, sub);
			return false;
		}
	}
	return true;
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

/* "none" for an override means: no override (the service's "") */
static const char *
none_to_empty(const char *s)
{
	if (s != NULL && (strcmp(s, "none") == 0 || strcmp(s, "なし") == 0))
		return "";
	return s;
}

/* a flag given as --X (1), --no-X (0) or not at all (NULL); both is a
 * usage error, reported by the caller */
static const char *
flag_value(bool yes, bool no)
{
	return yes ? "1" : no ? "0" : NULL;
}

/* the asset input from G's options; false (after a usage error) when a
 * flag is given both ways */
static bool
input_from_args(const struct asset_args *g, struct asset_input *in, bool *any)
{
	memset(in, 0, sizeof(*in));
	if ((g->personal && g->no_personal) || (g->sensitive && g->no_sensitive) ||
	    (g->my_number && g->no_my_number)) {
		cli_usage(ASSET_SYNOPSIS, "--X と --no-X は同時に指定できません");
		return false;
	}
	in->business_category = g->category;
	in->name = g->name;
	in->note = g->note;
	in->users_scope = g->users;
	in->department = g->department;
	in->medium = g->medium;
	in->personal = flag_value(g->personal, g->no_personal);
	in->sensitive = flag_value(g->sensitive, g->no_sensitive);
	in->my_number = flag_value(g->my_number, g->no_my_number);
	in->c = g->c;
	in->i = g->i;
	in->a = g->a;
	in->retention = g->retention;
	in->registered_on = g->registered;
	in->threat_override = none_to_empty(g->threat);
	in->vulnerability_override = none_to_empty(g->vulnerability);
	*any = in->business_category || in->name || in->note || in->users_scope ||
	    in->department || in->medium || in->personal || in->sensitive || in->my_number ||
	    in->c || in->i || in->a || in->retention || in->registered_on ||
	    in->threat_override || in->vulnerability_override;
	return true;
}

/* ---------------------------------------------------------------- list */

struct lister {
	const struct app *app;
	enum cli_format fmt;
	long long count;
	bool failed;
};

static int
list_one(void *p, const struct asset *as)
{
	struct lister *l = p;
	const struct risk_model *m = &l->app->cat->risk;
	json_t *j;

	if (l->fmt == FMT_JSON) {
		if ((j = asset_json(l->app, as, LANG_JA)) == NULL) {
			l->failed = true;
			return 1;
		}
		fputs(l->count ? ",\n" : "\n", stdout);
		json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		json_decref(j);
	} else if (l->fmt == FMT_CSV) {
		ap_ledger_csv_row(m, as);
	} else {
		if (l->count == 0)
			ap_ledger_text_header();
		ap_ledger_text_row(m, as);
	}
	l->count++;
	return 0;
}

/* the filter of G (media and bands as the user wrote them); false after
 * a usage error */
static bool
filter_from_args(const struct app *a, const struct asset_args *g, struct asset_filter *f)
{
	const struct risk_model *m = &a->cat->risk;
	const struct risk_medium *md;
	const struct risk_band *b;
	char media[512];
	long v;

	memset(f, 0, sizeof(*f));
	f->sort = ASSET_SORT_ID;
	if (g->sort != NULL && !asset_sort_from_id(g->sort, &f->sort)) {
		cli_usage(ASSET_SYNOPSIS, "--sort は id, name, medium, department, importance, risk,"
		    " registered のどれかです: %s", g->sort);
		return false;
	}
	f->desc = g->desc;
	if (g->medium != NULL) {
		if ((md = ap_medium(m, g->medium)) == NULL) {
			ap_media_list(m, media, sizeof(media));
			cli_usage(ASSET_SYNOPSIS, "媒体 \"%s\" はありません (%s のどれかです)", g->medium,
			    media);
			return false;
		}
		f->medium = md->id;
	}
	if (g->band != NULL) {
		if ((b = ap_band(m, g->band)) == NULL) {
			cli_usage(ASSET_SYNOPSIS, "--band は 大、中、小 (high, medium, low) のどれかです: %s",
			    g->band);
			return false;
		}
		f->band = b->id;
	}
	f->department = g->department;
	f->search = g->search;
	if (g->limit != NULL) {
		if (!text_parse_long(g->limit, &v) || v <= 0) {
			cli_usage(ASSET_SYNOPSIS, "--limit は 1 以上の整数です: %s", g->limit);
			return false;
		}
		f->limit = v;
	}
	if (g->offset != NULL) {
		if (!text_parse_long(g->offset, &v) || v < 0) {
			cli_usage(ASSET_SYNOPSIS, "--offset は 0 以上の整数です: %s", g->offset);
			return false;
		}
		f->offset = v;
	}
	return true;
}

static int
list_cmd(struct app *a, const struct org *o, struct asset_args *g)
{
	struct asset_filter f;
	struct lister l;
	struct asset *v = NULL;
	size_t n = 0, k;
	long long total = 0;
	struct err e;
	enum mm_err code;
	bool filtered;

	if (g->npos != 1)
		return cli_usage(ASSET_SYNOPSIS, "asset list は引数をとりません: %s", g->pos[1]);
	if (!filter_from_args(a, g, &f))
		return CLI_USAGE;
	filtered = f.medium || f.band || (f.department && *f.department) ||
	    (f.search && *f.search);
	memset(&l, 0, sizeof(l));
	l.app = a;
	l.fmt = g->fmt;
	err_clear(&e);
	if (g->fmt == FMT_JSON)
		fputs("[", stdout);
	else if (g->fmt == FMT_CSV)
		puts(ap_ledger_csv_header);
	if (f.limit > 0 || f.offset > 0) {
		/* a page: the store pages in SQL and counts the rest */
		code = asset_list(a->db, o->id, &f, &v, &n, &total, &e);
		for (k = 0; code == MM_OK && k < n && !l.failed; k++)
			list_one(&l, &v[k]);
		free(v);
	} else {
		/* everything, one row at a time */
		code = asset_each(a->db, o->id, &f, list_one, &l, &e);
		total = l.count;
	}
	if (g->fmt == FMT_JSON)
		fputs(l.count ? "\n]\n" : "]\n", stdout);
	if (code != MM_OK)
		return cli_error(&e);
	if (l.failed) {
		fputs("mamori: メモリが足りません\n", stderr);
		return CLI_FAIL;
	}
	if (g->fmt != FMT_TEXT)
		return CLI_OK;
	if (total == 0 && !filtered)
		puts("情報資産はまだありません。mamori asset add --name 名称 --medium 媒体 --c 1 --i 1 --a 1"
		    " で登録してください。");
	else if (total == 0)
		puts("条件に合う情報資産はありません。");
	else if (l.count == total)
		printf("\n%lld 件\n", total);
	else if (l.count == 0)
		printf("\n全 %lld 件 (このページには何もありません)\n", total);
	else
		printf("\n全 %lld 件のうち %lld〜%lld 件目\n", total, f.offset + 1,
		    f.offset + l.count);
	return CLI_OK;
}

/* ---------------------------------------------------------------- show */


/* AS in G's format (text or JSON) */
static int
present(const struct app *a, const struct asset_args *g, const struct asset *as)
{
	if (g->fmt == FMT_JSON)
		return cli_print_json(asset_json(a, as, LANG_JA));
	ap_asset_text(&a->cat->risk, as);
	return CLI_OK;
}

static int
show_cmd(struct app *a, const struct org *o, struct asset_args *g)
{
	struct asset *as;
	struct err e;
	long long id;
	int rc;

	if (g->npos != 2 || !parse_id(g->pos[1], &id))
		return cli_usage(ASSET_SYNOPSIS, "情報資産の番号 (ID) を一つ指定してください");
	if ((as = malloc(sizeof(*as))) == NULL)
		return CLI_FAIL;
	err_clear(&e);
	if (asset_get(a->db, o->id, id, as, &e) != MM_OK)
		rc = cli_error(&e);
	else
		rc = present(a, g, as);
	free(as);
	return rc;
}

/* ---------------------------------------------------------------- add, edit, copy */

static void
say_saved(const struct app *a, const struct asset *as, const char *what)
{
	printf("情報資産 #%lld「%s」を%sしました: 重要度 %d、リスク値 %d (%s)\n", as->id, as->name,
	    what, as->importance, as->risk_value, ap_band_label(&a->cat->risk, as->band));
	if (as->sensitive || as->my_number)
		puts("要配慮個人情報・特定個人情報を含むため、機密性は 3 です。");
}

static int
add_cmd(struct app *a, const struct org *o, struct asset_args *g)
{
	struct asset_input in;
	struct asset *out;
	struct err e;
	bool any;
	int rc;

	if (g->npos != 1)
		return cli_usage(ASSET_SYNOPSIS, "asset add は引数をとりません (名称は --name で): %s",
		    g->pos[1]);
	if (!input_from_args(g, &in, &any))
		return CLI_USAGE;
	if ((out = malloc(sizeof(*out))) == NULL)
		return CLI_FAIL;
	err_clear(&e);
	if (asset_create(a, o, &in, out, &e) != MM_OK) {
		rc = cli_error(&e);
		fputs("mamori: 何も登録していません。\n", stderr);
	} else if (g->fmt == FMT_JSON) {
		rc = present(a, g, out);
	} else {
		say_saved(a, out, "登録");
		rc = CLI_OK;
	}
	free(out);
	return rc;
}

static int
edit_cmd(struct app *a, const struct org *o, struct asset_args *g)
{
	struct asset_input in;
	struct asset *out;
	long long ids[OPT_MAX_POS];
	size_t n = 0;
	struct err e;
	bool any;
	int k, rc = CLI_OK;

	if (g->npos < 2)
		return cli_usage(ASSET_SYNOPSIS, "変更する情報資産の番号 (ID) を指定してください");
	for (k = 1; k < g->npos; k++) {
		if (!parse_id(g->pos[k], &ids[n]))
			return cli_usage(ASSET_SYNOPSIS, "情報資産の番号ではありません: %s", g->pos[k]);
		n++;
	}
	if (!input_from_args(g, &in, &any))
		return CLI_USAGE;
	if (!any)
		return cli_usage(ASSET_SYNOPSIS, "変更する項目を指定してください (--name、--c など)");
	err_clear(&e);
	if (n > 1) {
		if (asset_bulk_edit(a, o, ids, n, &in, &e) != MM_OK) {
			cli_error(&e);
			fputs("mamori: 何も変更していません。\n", stderr);
			return CLI_FAIL;
		}
		if (g->fmt == FMT_JSON)
			return cli_print_json(json_pack("{sI}", "updated", (json_int_t)n));
		printf("%zu 件の情報資産を更新しました。\n", n);
		return CLI_OK;
	}
	if ((out = malloc(sizeof(*out))) == NULL)
		return CLI_FAIL;
	if (asset_edit(a, o, ids[0], &in, out, &e) != MM_OK) {
		rc = cli_error(&e);
		fputs("mamori: 何も変更していません。\n", stderr);
	} else if (g->fmt == FMT_JSON) {
		rc = present(a, g, out);
	} else {
		say_saved(a, out, "更新");
	}
	free(out);
	return rc;
}

static int
copy_cmd(struct app *a, const struct org *o, struct asset_args *g)
{
	struct asset *out;
	struct err e;
	long long id;
	int rc = CLI_OK;

	if (g->npos != 2 || !parse_id(g->pos[1], &id))
		return cli_usage(ASSET_SYNOPSIS, "複製する情報資産の番号 (ID) を一つ指定してください");
	if ((out = malloc(sizeof(*out))) == NULL)
		return CLI_FAIL;
	err_clear(&e);
	if (asset_duplicate(a, o, id, LANG_JA, out, &e) != MM_OK)
		rc = cli_error(&e);
	else if (g->fmt == FMT_JSON)
		rc = present(a, g, out);
	else
		printf("情報資産 #%lld を複製しました: #%lld「%s」\n", id, out->id, out->name);
	free(out);
	return rc;
}

/* ---------------------------------------------------------------- rm */

static bool
confirm(const char *question)
{
	char line[16];

	fprintf(stderr, "%s [y/N] ", question);
	fflush(stderr);
	if (fgets(line, sizeof(line), stdin) == NULL)
		return false;
	return line[0] == 'y' || line[0] == 'Y';
}

static int
rm_cmd(struct app *a, const struct org *o, struct asset_args *g)
{
	struct asset *as;
	struct err e;
	long long id;
	char q[700], ask[760];
	int rc = CLI_OK;

	if (g->npos != 2 || !parse_id(g->pos[1], &id))
		return cli_usage(ASSET_SYNOPSIS, "削除する情報資産の番号 (ID) を一つ指定してください");
	if ((as = malloc(sizeof(*as))) == NULL)
		return CLI_FAIL;
	err_clear(&e);
	if (asset_get(a->db, o->id, id, as, &e) != MM_OK) {
		rc = cli_error(&e);
		goto done;
	}
	snprintf(q, sizeof(q), "情報資産 #%lld「%s」を削除します", id, as->name);
	if (!g->yes) {
		if (!isatty(STDIN_FILENO)) {
			rc = cli_usage(ASSET_SYNOPSIS, "%s。確認のため --yes を付けて実行してください", q);
			goto done;
		}
		snprintf(ask, sizeof(ask), "%s。よろしいですか?", q);
		if (!confirm(ask)) {
			puts("中止しました。何も変更していません。");
			goto done;
		}
	}
	if (asset_remove(a, o, id, &e) != MM_OK)
		rc = cli_error(&e);
	else
		printf("情報資産 #%lld「%s」を削除しました。\n", id, as->name);
done:
	free(as);
	return rc;
}

/* ---------------------------------------------------------------- treat */

static int
treat_cmd(struct app *a, const struct org *o, struct asset_args *g)
{
	const struct risk_model *m = &a->cat->risk;
	const struct risk_treatment_kind *tk = NULL;
	struct treatment_input in;
	struct asset *as;
	struct err e;
	long long id;
	char residual[16];
	bool removing;
	int rc = CLI_OK;

	if (g->npos != 2 || !parse_id(g->pos[1], &id))
		return cli_usage(ASSET_SYNOPSIS, "対応を記録する情報資産の番号 (ID) を一つ指定してください");
	removing = g->kind != NULL && (strcmp(g->kind, "none") == 0 || strcmp(g->kind, "なし") == 0);
	if (g->kind != NULL && !removing && (tk = ap_treatment(m, g->kind)) == NULL)
		return cli_usage(ASSET_SYNOPSIS,
		    "--kind は reduce (低減)、retain (保有)、avoid (回避)、transfer (移転)、none のどれかです: %s",
		    g->kind);
	if (g->status != NULL && ap_status(g->status) == NULL)
		return cli_usage(ASSET_SYNOPSIS,
		    "--status は planned (予定)、in_progress (実施中)、done (完了) のどれかです: %s",
		    g->status);
	if ((as = malloc(sizeof(*as))) == NULL)
		return CLI_FAIL;
	err_clear(&e);
	if (asset_get(a->db, o->id, id, as, &e) != MM_OK) {
		rc = cli_error(&e);
		goto done;
	}
	if (tk == NULL && !removing && !as->has_treatment) {
		rc = cli_usage(ASSET_SYNOPSIS, "情報資産 #%lld には対応がまだありません。--kind を指定してください",
		    id);
		goto done;
	}
	/* what is not given stays as it was */
	memset(&in, 0, sizeof(in));
	if (removing) {
		in.kind = "";
	} else {
		snprintf(residual, sizeof(residual), "%d", as->t_residual);
		in.kind = tk ? tk->id : as->t_kind;
		in.measure = g->measure ? g->measure : as->t_measure;
		in.owner = g->owner ? g->owner : as->t_owner;
		in.due = g->due ? none_to_empty(g->due) : as->t_due;
		in.status = g->status ? ap_status(g->status) :
		    as->has_treatment ? as->t_status : "planned";
		in.residual = g->residual ? none_to_empty(g->residual) :
		    as->t_residual ? residual : "";
	}
	if (asset_set_treatment(a, o, id, &in, &e) != MM_OK) {
		rc = cli_error(&e);
		fputs("mamori: 何も変更していません。\n", stderr);
	} else if (removing) {
		printf("情報資産 #%lld「%s」の対応を取り消しました。\n", id, as->name);
	} else {
		printf("情報資産 #%lld「%s」の対応を記録しました: %s (%s)\n", id, as->name,
		    ap_treatment_label(m, in.kind), ap_status_label(in.status));
	}
done:
	free(as);
	return rc;
}

/* ---------------------------------------------------------------- dispatch */

/* the index in ARGV of the subcommand (the first positional argument),
 * or 0: options that take a value skip it ("--org b list") */
static int
find_sub(int argc, char **argv)
{
	static const char *const flags[] = { "--desc", "--yes", "--help", "--personal",
		"--no-personal", "--sensitive", "--no-sensitive", "--my-number", "--no-my-number",
		"--dry-run" };
	size_t k;
	int i;

	for (i = 1; i < argc; i++) {
		bool flag = false;
		if (strcmp(argv[i], "--") == 0)
			return i + 1 < argc ? i + 1 : 0;
		if (strcmp(argv[i], "-o") == 0) {
			i++;
			continue;
		}
		if (strncmp(argv[i], "--", 2) != 0)
			return i;
		for (k = 0; k < sizeof(flags) / sizeof(flags[0]); k++)
			flag = flag || strcmp(argv[i], flags[k]) == 0;
		if (!flag && strchr(argv[i], '=') == NULL)
			i++;
	}
	return 0;
}

/* import and export are cmd_asset_io's: hand it ARGV with the
 * subcommand first */
static int
asset_io(struct cli *c, int argc, char **argv, int sub)
{
	char **args = calloc((size_t)argc + 1, sizeof(*args));
	int i, n = 0, rc;

	if (args == NULL)
		return CLI_FAIL;
	args[n++] = argv[sub];
	for (i = 1; i < argc; i++)
		if (i != sub)
			args[n++] = argv[i];
	rc = cmd_asset_io(c, n, args);
	free(args);
	return rc;
}

int
cmd_asset(struct cli *c, int argc, char **argv)
{
	struct asset_args g;
	struct app a;
	struct org o;
	struct err e;
	const char *sub;
	int rc, k = find_sub(argc, argv);

	if (k > 0 && (strcmp(argv[k], "import") == 0 || strcmp(argv[k], "export") == 0))
		return asset_io(c, argc, argv, k);
	memset(&g, 0, sizeof(g));
	{
		const struct opt opts[] = {
			{ "org", &g.org, NULL }, { "format", &g.format, NULL },
			{ "sort", &g.sort, NULL }, { "desc", NULL, &g.desc },
			{ "search", &g.search, NULL }, { "limit", &g.limit, NULL },
			{ "offset", &g.offset, NULL }, { "band", &g.band, NULL },
			{ "name", &g.name, NULL }, { "category", &g.category, NULL },
			{ "note", &g.note, NULL }, { "users", &g.users, NULL },
			{ "department", &g.department, NULL }, { "medium", &g.medium, NULL },
			{ "c", &g.c, NULL }, { "i", &g.i, NULL }, { "a", &g.a, NULL },
			{ "personal", NULL, &g.personal }, { "no-personal", NULL, &g.no_personal },
			{ "sensitive", NULL, &g.sensitive }, { "no-sensitive", NULL, &g.no_sensitive },
			{ "my-number", NULL, &g.my_number }, { "no-my-number", NULL, &g.no_my_number },
			{ "retention", &g.retention, NULL }, { "registered", &g.registered, NULL },
			{ "threat", &g.threat, NULL }, { "vulnerability", &g.vulnerability, NULL },
			{ "kind", &g.kind, NULL }, { "measure", &g.measure, NULL },
			{ "owner", &g.owner, NULL }, { "due", &g.due, NULL },
			{ "status", &g.status, NULL }, { "residual", &g.residual, NULL },
			{ "yes", NULL, &g.yes }, { "help", NULL, &g.help }, { NULL, NULL, NULL }
		};
		if (!opt_parse(argc, argv, opts, g.pos, &g.npos, ASSET_SYNOPSIS))
			return CLI_USAGE;
		if (g.help) {
			printf("使い方: %s\n%s", ASSET_SYNOPSIS, asset_help);
			return CLI_OK;
		}
		if (g.npos == 0)
			return cli_usage(ASSET_SYNOPSIS,
			    "list, show, add, edit, copy, rm, treat, import, export のどれかを指定してください");
		sub = g.pos[0];
		if (!options_fit(sub, opts))
			return CLI_USAGE;
	}
	if (!cli_parse_format(g.format, strcmp(sub, "list") == 0, &g.fmt))
		return cli_usage(ASSET_SYNOPSIS, "--format が不正です: %s", g.format);
	if (strcmp(sub, "list") != 0 && strcmp(sub, "show") != 0 && strcmp(sub, "add") != 0 &&
	    strcmp(sub, "edit") != 0 && strcmp(sub, "copy") != 0 &&
	    strcmp(sub, "duplicate") != 0 && strcmp(sub, "rm") != 0 && strcmp(sub, "treat") != 0)
		return cli_usage(ASSET_SYNOPSIS, "不明な指定です: %s", sub);
	if (!cli_open(c, &a, false))
		return CLI_FAIL;
	err_clear(&e);
	if (org_resolve(&a, g.org, &o, &e) != MM_OK) {
		app_close(&a);
		return cli_error(&e);
	}
	if (strcmp(sub, "list") == 0)
		rc = list_cmd(&a, &o, &g);
	else if (strcmp(sub, "show") == 0)
		rc = show_cmd(&a, &o, &g);
	else if (strcmp(sub, "add") == 0)
		rc = add_cmd(&a, &o, &g);
	else if (strcmp(sub, "edit") == 0)
		rc = edit_cmd(&a, &o, &g);
	else if (strcmp(sub, "rm") == 0)
		rc = rm_cmd(&a, &o, &g);
	else if (strcmp(sub, "treat") == 0)
		rc = treat_cmd(&a, &o, &g);
	else
		rc = copy_cmd(&a, &o, &g);
	app_close(&a);
	return rc;
}
