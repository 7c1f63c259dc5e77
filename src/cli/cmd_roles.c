/* cmd_roles.c — mamori org roles | org role: the holders of the duties of
 * the guideline's 表8 (役割と責任分担) and 表9 (緊急時対応体制). */
#include <string.h>

#include "app/org_service.h"
#include "app/role_holder_service.h"
#include "cli/cli.h"
#include "cli/opt.h"

#define ROLES_SYNOPSIS \
	"mamori org roles [--org SLUG] [--format text|json]" \
	" | org role ROLE_ID (--user EMAIL [--name 氏名] | --name 氏名 | --clear)" \
	" [--note メモ] [--org SLUG]"

static void
print_text(json_t *v)
{
	json_t *l, *it;
	size_t i, k;

	json_array_foreach(json_object_get(v, "lists"), i, l) {
		printf("%s\n", json_string_value(json_object_get(l, "title")));
		json_array_foreach(json_object_get(l, "items"), k, it) {
			const char *d = json_string_value(json_object_get(it, "display"));
			printf("  %-22s %s: %s%s\n", json_string_value(json_object_get(it, "id")),
			    json_string_value(json_object_get(it, "title")), d ? d : "(未定)",
			    json_is_true(json_object_get(it, "inherited")) ? " (表8 の担当者)" : "");
		}
	}
	printf("表8 の役割の担当者: %lld / %lld%s\n",
	    (long long)json_integer_value(json_object_get(v, "held")),
	    (long long)json_integer_value(json_object_get(v, "total")),
	    json_is_true(json_object_get(v, "complete")) ? " (管理体制が決まっています)" : "");
}

static int
roles_list_cmd(struct cli *c, const char *slug, enum cli_format fmt)
{
	struct app a;
	struct org o;
	struct err e;
	json_t *v;
	int rc = CLI_OK;

	if (!cli_open(c, &a, false))
		return CLI_FAIL;
	err_clear(&e);
	if (org_resolve(&a, slug, &o, &e) != MM_OK ||
	    (v = role_holder_view(&a, &o, LANG_JA, false, &e)) == NULL) {
		app_close(&a);
		return cli_error(&e);
	}
	if (fmt == FMT_JSON) {
		rc = cli_print_json(v);
	} else {
		print_text(v);
		json_decref(v);
	}
	app_close(&a);
	return rc;
}

static int
role_set_cmd(struct cli *c, const char *slug, const char *role_id, const char *user,
    const char *name, const char *note, bool clear)
{
	struct app a;
	struct org o;
	struct err e;
	long long id = 0;
	enum mm_err code;

	if (!cli_open(c, &a, false))
		return CLI_FAIL;
	err_clear(&e);
	if ((code = org_resolve(&a, slug, &o, &e)) == MM_OK && user != NULL)
		code = role_holder_member(&a, &o, user, &id, &e);
	if (code == MM_OK)
		code = clear ? role_holder_clear(&a, &o, role_id, &e) :
		    role_holder_set(&a, &o, role_id, id, name, note, &e);
	app_close(&a);
	if (code != MM_OK)
		return cli_error(&e);
	printf(clear ? "役割 %s の担当者を未定にしました。\n" : "役割 %s の担当者を設定しました。\n",
	    role_id);
	return CLI_OK;
}

int
cmd_roles(struct cli *c, int argc, char **argv)
{
	const char *format = NULL, *slug = NULL, *user = NULL, *name = NULL, *note = NULL;
	const char *pos[OPT_MAX_POS];
	bool help = false, clear = false;
	enum cli_format fmt;
	int npos;
	const struct opt opts[] = {
		{ "org", &slug, NULL }, { "format", &format, NULL },
		{ "user", &user, NULL }, { "name", &name, NULL }, { "note", &note, NULL },
		{ "clear", NULL, &clear }, { "help", NULL, &help }, { NULL, NULL, NULL }
	};

	if (!opt_parse(argc, argv, opts, pos, &npos, ROLES_SYNOPSIS))
		return CLI_USAGE;
	if (help) {
		printf("使い方: %s\n", ROLES_SYNOPSIS);
		return CLI_OK;
	}
	if (strcmp(argv[0], "roles") == 0) {
		if (npos > 0)
			return cli_usage(ROLES_SYNOPSIS, "余分な引数があります: %s", pos[0]);
		if (user != NULL || name != NULL || note != NULL || clear)
			return cli_usage(ROLES_SYNOPSIS, "担当者の設定は org role ROLE_ID で行います");
		if (!cli_parse_format(format, false, &fmt))
			return cli_usage(ROLES_SYNOPSIS, "--format が不正です: %s", format);
		return roles_list_cmd(c, slug, fmt);
	}
	if (npos != 1)
		return cli_usage(ROLES_SYNOPSIS, "役割の ID を一つ指定してください (mamori org roles で一覧)");
	if (format != NULL)
		return cli_usage(ROLES_SYNOPSIS, "--format は org roles で使います");
	if (clear && (user != NULL || name != NULL || note != NULL))
		return cli_usage(ROLES_SYNOPSIS, "--clear は --user、--name、--note と一緒に使えません");
	if (!clear && user == NULL && name == NULL)
		return cli_usage(ROLES_SYNOPSIS, "--user、--name、--clear のどれかを指定してください");
	return role_set_cmd(c, slug, pos[0], user, name, note, clear);
}
