/* cmd_admin.c — mamori audit verify|list, backup FILE, restore FILE. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/audit.h"
#include "app/backup_service.h"
#include "cli/cli.h"
#include "cli/opt.h"
#include "cli/progress.h"
#include "store/audit_store.h"

#define AUDIT_SYNOPSIS "mamori audit verify [--format text|json] | audit list [--format text|json]"
#define BACKUP_SYNOPSIS "mamori backup FILE"
#define RESTORE_SYNOPSIS "mamori restore FILE [--yes]"

static int
print_row(void *ctx, const struct audit_row *r)
{
	json_t *arr = ctx;

	if (arr != NULL) {
		json_t *o = json_pack("{sIsssssossssss?ss?ss}", "id", (json_int_t)r->id,
		    "at", r->at, "actor", r->actor,
		    "org_id", r->org_id > 0 ? json_integer(r->org_id) : json_null(),
		    "action", r->action, "object", r->object, "before", r->before,
		    "after", r->after, "hash", r->hash);
		return json_array_append_new(arr, o) == 0 ? 0 : 1;
	}
	printf("%6lld  %s  %-14s %-20s %s\n", r->id, r->at, r->actor, r->action, r->object);
	return 0;
}

int
cmd_audit(struct cli *c, int argc, char **argv)
{
	const char *format = NULL, *pos[OPT_MAX_POS];
	bool help = false;
	enum cli_format fmt;
	struct audit_verify_result r;
	struct app a;
	struct err e;
	json_t *arr = NULL;
	int npos, rc = CLI_OK;
	const struct opt opts[] = {
		{ "format", &format, NULL }, { "help", NULL, &help }, { NULL, NULL, NULL }
	};

	if (!opt_parse(argc, argv, opts, pos, &npos, AUDIT_SYNOPSIS))
		return CLI_USAGE;
	if (help) {
		printf("使い方: %s\n", AUDIT_SYNOPSIS);
		return CLI_OK;
	}
	if (!cli_parse_format(format, false, &fmt))
		return cli_usage(AUDIT_SYNOPSIS, "--format は text か json です: %s", format);
	if (npos != 1 || (strcmp(pos[0], "verify") != 0 && strcmp(pos[0], "list") != 0))
		return cli_usage(AUDIT_SYNOPSIS, "verify か list を指定してください");
	if (!cli_open(c, &a, false))
		return CLI_FAIL;
	err_clear(&e);
	if (strcmp(pos[0], "list") == 0) {
		if (fmt == FMT_JSON)
			arr = json_array();
		if (audit_store_each(a.db, print_row, arr, NULL, &e) != MM_OK)
			rc = cli_error(&e);
		else if (arr != NULL)
			rc = cli_print_json(json_incref(arr));
		json_decref(arr);
	} else if (audit_verify(a.db, &r, &e) != MM_OK) {
		rc = cli_error(&e);
	} else {
		if (fmt == FMT_JSON)
			cli_print_json(json_pack("{sbsIsIss}", "ok", r.broken_id == 0,
			    "records", (json_int_t)r.records, "broken_id", (json_int_t)r.broken_id,
			    "reason", r.reason));
		else if (r.broken_id == 0)
			printf("監査ログは正常です: %lld 件の記録のつながりを確認しました。\n", r.records);
		if (r.broken_id != 0) {
			fprintf(stderr, "mamori: 監査ログが壊れています: %s\n", r.reason);
			rc = CLI_FAIL;
		}
	}
	app_close(&a);
	return rc;
}

int
cmd_backup(struct cli *c, int argc, char **argv)
{
	const char *pos[OPT_MAX_POS];
	bool help = false;
	struct progress p;
	struct app a;
	struct err e;
	int npos, rc = CLI_OK;
	const struct opt opts[] = { { "help", NULL, &help }, { NULL, NULL, NULL } };

	if (!opt_parse(argc, argv, opts, pos, &npos, BACKUP_SYNOPSIS))
		return CLI_USAGE;
	if (help) {
		printf("使い方: %s\n", BACKUP_SYNOPSIS);
		return CLI_OK;
	}
	if (npos != 1)
		return cli_usage(BACKUP_SYNOPSIS, "バックアップ先のファイル名を一つ指定してください");
	if (!cli_open(c, &a, false))
		return CLI_FAIL;
	err_clear(&e);
	progress_start(&p, "バックアップ");
	if (backup_create(&a, pos[0], progress_update, &p, &e) != MM_OK) {
		progress_end(&p);
		rc = cli_error(&e);
	} else {
		progress_end(&p);
		printf("バックアップを作成しました: %s\n", pos[0]);
	}
	app_close(&a);
	return rc;
}

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

int
cmd_restore(struct cli *c, int argc, char **argv)
{
	const char *pos[OPT_MAX_POS];
	bool help = false, yes = false;
	struct restore_report r;
	struct catalog *cat = NULL;
	struct err e;
	char actor[APP_ACTOR_MAX];
	int npos, rc = CLI_OK;
	const struct opt opts[] = {
		{ "yes", NULL, &yes }, { "help", NULL, &help }, { NULL, NULL, NULL }
	};

	if (!opt_parse(argc, argv, opts, pos, &npos, RESTORE_SYNOPSIS))
		return CLI_USAGE;
	if (help) {
		printf("使い方: %s\n", RESTORE_SYNOPSIS);
		return CLI_OK;
	}
	if (npos != 1)
		return cli_usage(RESTORE_SYNOPSIS, "戻すバックアップのファイル名を一つ指定してください");
	err_clear(&e);
	if (catalog_load_embedded(CATALOG_DEFAULT, &cat, &e) != MM_OK)
		return cli_error(&e);
	if (restore_check(cat, pos[0], &r, &e) != MM_OK) {
		rc = cli_error(&e);
		fprintf(stderr, "mamori: 何も変更していません。\n");
		goto done;
	}
	printf("バックアップ %s を確認しました: スキーマ版 %d、組織 %zu、監査記録 %lld 件\n",
	    pos[0], r.schema_version, r.orgs, r.audit_records);
	if (access(c->db_path, F_OK) == 0 && !yes) {
		if (!isatty(STDIN_FILENO)) {
			rc = cli_usage(RESTORE_SYNOPSIS,
			    "%s を置き換えます。確認のため --yes を付けて実行してください", c->db_path);
			goto done;
		}
		if (!confirm("現在のデータベースの内容をすべて置き換えます。よろしいですか?")) {
			puts("中止しました。何も変更していません。");
			goto done;
		}
	}
	cli_actor(actor, sizeof(actor));
	if (restore_apply(c->db_path, pos[0], actor, &e) != MM_OK)
		rc = cli_error(&e);
	else
		printf("%s に復元しました。\n", c->db_path);
done:
	catalog_free(cat);
	return rc;
}
