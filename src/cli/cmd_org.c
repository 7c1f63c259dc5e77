/* cmd_org.c — mamori init and mamori org list|show|add|set (org roles and
 * org role are in cmd_roles.c). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/diag_service.h"
#include "app/org_service.h"
#include "cli/cli.h"
#include "cli/opt.h"
#include "util/text.h"

#define INIT_SYNOPSIS \
	"mamori init --org 会社名 [--slug ID] [--industry 業種] [--employees 人数]" \
	" [--representative 氏名] [--representative-title 役職]"
#define ORG_SYNOPSIS \
	"mamori org list [--format text|json|csv] | org show [SLUG] [--format text|json]" \
	" | org add 会社名 [--slug ID] … | org set [--org SLUG] 項目 値" \
	" | org roles … | org role ROLE_ID … | org pledge sheet …"

/* the options shared by init and org add */
struct org_args {
	const char *name, *slug, *industry, *employees, *rep, *rep_title;
};

static bool
org_args_input(const struct org_args *g, struct org_input *in, const char *synopsis)
{
	long emp = -1;

	if (g->employees != NULL && (!text_parse_long(g->employees, &emp) || emp < 0)) {
		cli_usage(synopsis, "--employees は 0 以上の整数です: %s", g->employees);
		return false;
	}
	memset(in, 0, sizeof(*in));
	in->name = g->name;
	in->slug = g->slug;
	in->industry = g->industry;
	in->employees = emp;
	in->representative = g->rep;
	in->representative_title = g->rep_title;
	return true;
}

/* remove the database PATH and its WAL files */
static void
remove_db(const char *path)
{
	char side[4096];

	remove(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	remove(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	remove(side);
}

static int
create(struct cli *c, struct org_args *g, bool create_db, const char *synopsis)
{
	struct app a;
	struct org_input in;
	struct org o;
	struct err e;
	bool existed, fresh;
	int rc = CLI_OK;

	if (g->name == NULL)
		return cli_usage(synopsis, "会社名を指定してください");
	if (!org_args_input(g, &in, synopsis))
		return CLI_USAGE;
	fresh = create_db && access(c->db_path, F_OK) != 0;
	if (!cli_open(c, &a, create_db))
		return CLI_FAIL;
	err_clear(&e);
	if (org_create(&a, &in, &o, &existed, &e) != MM_OK) {
		rc = cli_error(&e);
	} else if (existed) {
		printf("組織「%s」(識別名 %s) は既に登録されています。変更はありません。\n",
		    o.name, o.slug);
	} else {
		printf("組織「%s」を登録しました (識別名 %s、データベース %s)。\n", o.name,
		    o.slug, c->db_path);
		if (create_db)
			printf("次は mamori serve で Web 画面を開くか、mamori diagnose で自社診断を始めてください。\n");
	}
	app_close(&a);
	if (rc != CLI_OK && fresh)
		remove_db(c->db_path); /* a refused init leaves nothing behind */
	return rc;
}

int
cmd_init(struct cli *c, int argc, char **argv)
{
	struct org_args g = { 0 };
	bool help = false;
	const char *pos[OPT_MAX_POS];
	int npos;
	const struct opt opts[] = {
		{ "org", &g.name, NULL }, { "slug", &g.slug, NULL },
		{ "industry", &g.industry, NULL }, { "employees", &g.employees, NULL },
		{ "representative", &g.rep, NULL },
		{ "representative-title", &g.rep_title, NULL },
		{ "help", NULL, &help }, { NULL, NULL, NULL }
	};

	if (!opt_parse(argc, argv, opts, pos, &npos, INIT_SYNOPSIS))
		return CLI_USAGE;
	if (help) {
		printf("使い方: %s\n", INIT_SYNOPSIS);
		return CLI_OK;
	}
	if (npos > 0)
		return cli_usage(INIT_SYNOPSIS, "余分な引数があります: %s", pos[0]);
	return create(c, &g, true, INIT_SYNOPSIS);
}

static const char *
industry_label(struct app *a, const char *id)
{
	json_t *it = *id ? catalog_find_id(a->cat, id) : NULL;
	struct ltext t = catalog_text(it, "label");

	return it ? t.ja : "";
}

static int
org_list_cmd(struct cli *c, enum cli_format fmt)
{
	struct app a;
	struct org *v;
	size_t n, i;
	struct err e;
	json_t *arr;

	if (!cli_open(c, &a, false))
		return CLI_FAIL;
	if (org_list(a.db, &v, &n, &e) != MM_OK) {
		app_close(&a);
		return cli_error(&e);
	}
	if (fmt == FMT_JSON) {
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, org_json(&v[i]));
		cli_print_json(arr);
	} else if (fmt == FMT_CSV) {
		puts("slug,name,industry,employees");
		for (i = 0; i < n; i++) {
			cli_csv_field(stdout, v[i].slug);
			putchar(',');
			cli_csv_field(stdout, v[i].name);
			putchar(',');
			cli_csv_field(stdout, v[i].industry);
			putchar(',');
			if (v[i].employees >= 0)
				printf("%lld", v[i].employees);
			putchar('\n');
		}
	} else if (n == 0) {
		puts("組織はまだありません。mamori init --org 会社名 で作成してください。");
	} else {
		for (i = 0; i < n; i++)
			printf("%-20s %s\n", v[i].slug, v[i].name);
	}
	free(v);
	app_close(&a);
	return CLI_OK;
}

static int
org_show_cmd(struct cli *c, const char *slug, enum cli_format fmt)
{
	struct app a;
	struct org o;
	struct err e;
	enum diag_na_rule rule;
	struct diag_round_row *rounds;
	size_t n;
	json_t *j;
	int rc = CLI_OK;

	if (!cli_open(c, &a, false))
		return CLI_FAIL;
	err_clear(&e);
	if (org_resolve(&a, slug, &o, &e) != MM_OK || org_na_rule(&a, o.id, &rule, &e) != MM_OK ||
	    diag_round_list(a.db, o.id, false, &rounds, &n, &e) != MM_OK) {
		app_close(&a);
		return cli_error(&e);
	}
	if (fmt == FMT_JSON) {
		j = org_json(&o);
		json_object_set_new(j, "na_rule",
		    json_string(rule == DIAG_NA_EXCLUDE ? "exclude" : "full"));
		json_object_set_new(j, "completed_rounds", json_integer((json_int_t)n));
		if (n > 0)
			json_object_set_new(j, "latest_diagnosis", json_pack("{sIsiss}",
			    "id", (json_int_t)rounds[n - 1].id, "total", rounds[n - 1].total,
			    "band", rounds[n - 1].band));
		rc = cli_print_json(j);
	} else {
		printf("組織名:       %s\n", o.name);
		printf("識別名:       %s\n", o.slug);
		printf("業種:         %s\n", o.industry[0] ? industry_label(&a, o.industry) : "(未設定)");
		if (o.employees >= 0)
			printf("従業員数:     %lld 人\n", o.employees);
		else
			printf("従業員数:     (未設定)\n");
		printf("代表者:       %s %s\n", o.representative_title,
		    o.representative[0] ? o.representative : "(未設定)");
		printf("該当なしの扱い: %s\n", rule == DIAG_NA_EXCLUDE ?
		    "除外して100点に換算 (exclude)" : "満点として数える (full、既定)");
		printf("完了した診断: %zu 回", n);
		if (n > 0)
			printf(" (最新: 診断 #%lld、%d 点)", rounds[n - 1].id, rounds[n - 1].total);
		putchar('\n');
		printf("登録日時:     %s\n", o.created_at);
	}
	free(rounds);
	app_close(&a);
	return rc;
}

static int
org_set_cmd(struct cli *c, const char *slug, const char *key, const char *value)
{
	struct app a;
	struct org o;
	struct err e;
	int rc = CLI_OK;

	if (!cli_open(c, &a, false))
		return CLI_FAIL;
	err_clear(&e);
	if (org_resolve(&a, slug, &o, &e) != MM_OK || org_change(&a, &o, key, value, &e) != MM_OK)
		rc = cli_error(&e);
	else
		printf("組織「%s」の %s を設定しました。\n", o.name, key);
	app_close(&a);
	return rc;
}

int
cmd_org(struct cli *c, int argc, char **argv)
{
	struct org_args g = { 0 };
	const char *format = NULL, *slug = NULL, *pos[OPT_MAX_POS];
	bool help = false;
	enum cli_format fmt;
	int npos;
	const struct opt opts[] = {
		{ "org", &slug, NULL }, { "format", &format, NULL },
		{ "slug", &g.slug, NULL }, { "industry", &g.industry, NULL },
		{ "employees", &g.employees, NULL }, { "representative", &g.rep, NULL },
		{ "representative-title", &g.rep_title, NULL },
		{ "help", NULL, &help }, { NULL, NULL, NULL }
	};

	if (argc > 1 && (strcmp(argv[1], "roles") == 0 || strcmp(argv[1], "role") == 0))
		return cmd_roles(c, argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "pledge") == 0)
		return cmd_pledge(c, argc - 1, argv + 1);
	if (!opt_parse(argc, argv, opts, pos, &npos, ORG_SYNOPSIS))
		return CLI_USAGE;
	if (help) {
		printf("使い方: %s\n", ORG_SYNOPSIS);
		return CLI_OK;
	}
	if (npos == 0)
		return cli_usage(ORG_SYNOPSIS, "list, show, add, set のどれかを指定してください");
	if (!cli_parse_format(format, strcmp(pos[0], "list") == 0, &fmt))
		return cli_usage(ORG_SYNOPSIS, "--format が不正です: %s", format);
	if (strcmp(pos[0], "list") == 0 && npos == 1)
		return org_list_cmd(c, fmt);
	if (strcmp(pos[0], "show") == 0 && npos <= 2)
		return org_show_cmd(c, npos == 2 ? pos[1] : slug, fmt);
	if (strcmp(pos[0], "add") == 0 && npos == 2) {
		g.name = pos[1];
		return create(c, &g, false, ORG_SYNOPSIS);
	}
	if (strcmp(pos[0], "set") == 0 && npos == 3)
		return org_set_cmd(c, slug, pos[1], pos[2]);
	return cli_usage(ORG_SYNOPSIS, "引数が正しくありません");
}
