/* cmd_user.c — mamori user add|passwd|list|token|role|disable. A secret
 * (one-time password, API token) is printed alone on stdout, so that a
 * script can take it; everything else goes to stderr. */
#include <stdlib.h>
#include <string.h>

#include "app/account_service.h"
#include "app/org_service.h"
#include "cli/cli.h"
#include "cli/opt.h"

#define USER_SYNOPSIS \
	"mamori user add EMAIL --org SLUG --role ROLE [--name 氏名] | user passwd EMAIL\n" \
	"       | user list [--format text|json|csv] | user token EMAIL [--name 名前]\n" \
	"       | user role EMAIL --org SLUG --role ROLE|none | user disable|enable EMAIL\n" \
	"  ROLE: owner admin editor member auditor supporter"

static int
user_add(struct app *a, const char *email, const char *slug, const char *role_s,
    const char *name)
{
	struct org o;
	struct account ac;
	struct err e;
	char otp[ONE_TIME_PASSWORD_LEN + 1];
	enum role r = role_from_id(role_s);

	if (role_s == NULL || r == ROLE_NONE)
		return cli_usage(USER_SYNOPSIS, "--role には owner, admin, editor, member, auditor,"
		    " supporter のどれかを指定してください");
	err_clear(&e);
	if (org_resolve(a, slug, &o, &e) != MM_OK ||
	    account_create(a, email, name, o.id, r, false, otp, &ac, &e) != MM_OK)
		return cli_error(&e);
	if (otp[0] == '\0') {
		fprintf(stderr, "%s は既にあるアカウントです。組織「%s」での役割を %s にしました。\n",
		    email, o.name, role_id(r));
		return CLI_OK;
	}
	fprintf(stderr, "アカウント %s を作成し、組織「%s」の %s にしました。"
	    "次の一時パスワードは初回ログイン時に変更が必要です:\n", email, o.name, role_id(r));
	puts(otp);
	return CLI_OK;
}

static int
user_list(struct app *a, enum cli_format fmt)
{
	struct account *v;
	struct membership *m;
	size_t n, i, k, nm;
	struct err e;
	json_t *arr = NULL, *roles;

	err_clear(&e);
	if (account_list(a->db, &v, &n, &e) != MM_OK)
		return cli_error(&e);
	if (fmt == FMT_JSON)
		arr = json_array();
	else if (fmt == FMT_CSV)
		puts("email,name,disabled,roles");
	else if (n == 0)
		puts("アカウントはまだありません。mamori user add で作成してください。");
	for (i = 0; i < n; i++) {
		if (membership_of_account(a->db, v[i].id, &m, &nm, &e) != MM_OK) {
			free(v);
			json_decref(arr);
			return cli_error(&e);
		}
		roles = json_array();
		for (k = 0; k < nm; k++)
			json_array_append_new(roles, json_pack("{ssss}", "org", m[k].org_slug,
			    "role", role_id(m[k].role)));
		if (fmt == FMT_JSON) {
			json_array_append_new(arr, json_pack("{sIsssssbsbso}", "id",
			    (json_int_t)v[i].id, "email", v[i].email, "name", v[i].name,
			    "disabled", v[i].disabled, "must_change_password",
			    v[i].must_change_password, "roles", roles));
			roles = NULL;
		} else {
			if (fmt == FMT_CSV) {
				cli_csv_field(stdout, v[i].email);
				putchar(',');
				cli_csv_field(stdout, v[i].name);
				printf(",%s,", v[i].disabled ? "true" : "false");
			} else {
				printf("%-32s %-16s%s ", v[i].email, v[i].name,
				    v[i].disabled ? " (無効)" : "");
			}
			for (k = 0; k < nm; k++)
				printf("%s%s:%s", k ? " " : "", m[k].org_slug, role_id(m[k].role));
			putchar('\n');
		}
		json_decref(roles);
		free(m);
	}
	free(v);
	return arr ? cli_print_json(arr) : CLI_OK;
}

int
cmd_user(struct cli *c, int argc, char **argv)
{
	const char *slug = NULL, *role_s = NULL, *name = NULL, *format = NULL;
	const char *pos[OPT_MAX_POS];
	bool help = false;
	enum cli_format fmt;
	struct app a;
	struct account ac;
	struct err e;
	char otp[ONE_TIME_PASSWORD_LEN + 1], token[TOKEN_LEN];
	long long id;
	int npos, rc = CLI_OK;
	struct org o;
	const struct opt opts[] = {
		{ "org", &slug, NULL }, { "role", &role_s, NULL }, { "name", &name, NULL },
		{ "format", &format, NULL }, { "help", NULL, &help }, { NULL, NULL, NULL }
	};

	if (!opt_parse(argc, argv, opts, pos, &npos, USER_SYNOPSIS))
		return CLI_USAGE;
	if (help) {
		printf("使い方: %s\n", USER_SYNOPSIS);
		return CLI_OK;
	}
	if (!cli_parse_format(format, true, &fmt))
		return cli_usage(USER_SYNOPSIS, "--format が不正です: %s", format);
	if (npos < 1 || (strcmp(pos[0], "list") == 0 ? npos != 1 : npos != 2))
		return cli_usage(USER_SYNOPSIS, "引数が正しくありません");
	if (!cli_open(c, &a, false))
		return CLI_FAIL;
	err_clear(&e);
	if (strcmp(pos[0], "add") == 0) {
		rc = user_add(&a, pos[1], slug, role_s, name);
	} else if (strcmp(pos[0], "list") == 0) {
		rc = user_list(&a, fmt);
	} else if (strcmp(pos[0], "passwd") == 0) {
		if (account_reset_password(&a, pos[1], otp, &e) != MM_OK) {
			rc = cli_error(&e);
		} else {
			fprintf(stderr, "%s に新しい一時パスワードを設定しました (ログイン中のセッションは終了しました):\n",
			    pos[1]);
			puts(otp);
		}
	} else if (strcmp(pos[0], "token") == 0) {
		if (account_get_by_email(a.db, pos[1], &ac, &e) != MM_OK ||
		    auth_token_create(&a, ac.id, name, token, &id, &e) != MM_OK) {
			rc = cli_error(&e);
		} else {
			fprintf(stderr, "%s の API トークン #%lld を作成しました。"
			    "この値は二度と表示されません。Authorization: Bearer で使えます:\n",
			    pos[1], id);
			puts(token);
		}
	} else if (strcmp(pos[0], "role") == 0) {
		enum role r = role_from_id(role_s);
		if (role_s == NULL || (r == ROLE_NONE && strcmp(role_s, "none") != 0))
			rc = cli_usage(USER_SYNOPSIS, "--role を指定してください");
		else if (org_resolve(&a, slug, &o, &e) != MM_OK ||
		    account_get_by_email(a.db, pos[1], &ac, &e) != MM_OK ||
		    account_set_role(&a, ac.id, o.id, r, &e) != MM_OK)
			rc = cli_error(&e);
		else
			fprintf(stderr, "%s の組織「%s」での役割を %s にしました。\n", pos[1], o.name,
			    r == ROLE_NONE ? "なし" : role_id(r));
	} else if (strcmp(pos[0], "disable") == 0 || strcmp(pos[0], "enable") == 0) {
		bool off = strcmp(pos[0], "disable") == 0;
		if (account_get_by_email(a.db, pos[1], &ac, &e) != MM_OK ||
		    account_disable(&a, ac.id, off, &e) != MM_OK)
			rc = cli_error(&e);
		else
			fprintf(stderr, "%s を%sにしました。\n", pos[1], off ? "無効" : "有効");
	} else {
		rc = cli_usage(USER_SYNOPSIS, "不明な指定です: %s", pos[0]);
	}
	app_close(&a);
	return rc;
}
