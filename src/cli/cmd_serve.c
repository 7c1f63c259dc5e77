/* cmd_serve.c — mamori serve: the web UI on a loopback address. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "app/account_service.h"
#include "app/org_service.h"
#include "cli/cli.h"
#include "cli/opt.h"
#include "util/text.h"
#include "web/web.h"

#define SERVE_SYNOPSIS \
	"mamori serve [--listen 127.0.0.1:8080] [--threads N] [--secure-cookies]" \
	" [--origin https://…] [--timeout 秒]"
#define FIRST_ADMIN_EMAIL "admin@mamori.local"

/* on a database without accounts: an administrator with a one-time
 * password, owner of the only organisation (made when there is none) */
static bool
first_run(struct web *w, struct err *e)
{
	struct app a;
	struct account ac;
	struct org *orgs = NULL, o;
	struct org_input in;
	char otp[ONE_TIME_PASSWORD_LEN + 1];
	const char *email = getenv("MAMORI_ADMIN_EMAIL");
	long long n;
	size_t norgs = 0;
	bool existed, ok = false;

	memset(&a, 0, sizeof(a));
	a.db = w->pool[0];
	a.cat = w->cat;
	cli_actor(a.actor, sizeof(a.actor));
	if (account_count(a.db, &n, e) != MM_OK)
		return false;
	if (n > 0)
		return true;
	if (email == NULL || *email == '\0')
		email = FIRST_ADMIN_EMAIL;
	if (org_list(a.db, &orgs, &norgs, e) != MM_OK)
		return false;
	if (norgs == 0) {
		memset(&in, 0, sizeof(in));
		in.name = "自社";
		in.employees = -1;
		if (org_create(&a, &in, &o, &existed, e) != MM_OK)
			goto done;
	} else {
		o = orgs[0];
	}
	if (account_create(&a, email, NULL, norgs <= 1 ? o.id : 0, ROLE_OWNER, true, otp,
	    &ac, e) != MM_OK)
		goto done;
	printf("最初の管理者アカウントを作成しました。ログインして一時パスワードを変更してください。\n"
	    "  メールアドレス: %s\n  一時パスワード: %s\n", email, otp);
	ok = true;
done:
	free(orgs);
	return ok;
}

int
cmd_serve(struct cli *c, int argc, char **argv)
{
	const char *listen = "127.0.0.1:8080", *threads_s = NULL, *origin = NULL;
	const char *timeout_s = NULL;
	const char *pos[OPT_MAX_POS];
	bool help = false, secure = false;
	struct web_config cfg;
	struct http_config hc;
	struct http_server *srv = NULL;
	struct web w;
	struct err e;
	sigset_t set;
	long threads = 2, timeout = -1;
	int npos, sig, rc = CLI_OK;
	const struct opt opts[] = {
		{ "listen", &listen, NULL }, { "threads", &threads_s, NULL },
		{ "origin", &origin, NULL }, { "timeout", &timeout_s, NULL },
		{ "secure-cookies", NULL, &secure },
		{ "help", NULL, &help }, { NULL, NULL, NULL }
	};

	if (!opt_parse(argc, argv, opts, pos, &npos, SERVE_SYNOPSIS))
		return CLI_USAGE;
	if (help) {
		printf("使い方: %s\n", SERVE_SYNOPSIS);
		return CLI_OK;
	}
	if (npos != 0)
		return cli_usage(SERVE_SYNOPSIS, "余分な引数があります: %s", pos[0]);
	if (threads_s != NULL && (!text_parse_long(threads_s, &threads) || threads < 1 ||
	    threads > 64))
		return cli_usage(SERVE_SYNOPSIS, "--threads は 1〜64 です");
	if (timeout_s != NULL && (!text_parse_long(timeout_s, &timeout) || timeout < 1 ||
	    timeout > 3600))
		return cli_usage(SERVE_SYNOPSIS, "--timeout は 1〜3600 (秒) の整数です");
	memset(&cfg, 0, sizeof(cfg));
	cfg.db_path = c->db_path;
	cfg.listen = listen;
	cfg.threads = (unsigned)threads;
	cfg.secure_cookies = secure;
	cfg.origin = origin;
	err_clear(&e);
	/* block the stop signals before threads start, then wait for them */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (web_init(&w, &cfg, &e) != MM_OK || !first_run(&w, &e)) {
		rc = cli_error(&e);
		goto done;
	}
	http_config_defaults(&hc);
	hc.listen = listen;
	hc.threads = cfg.threads;
	if (timeout > 0)
		hc.timeout_seconds = (unsigned)timeout;
	if (http_server_start(&hc, web_handle, web_error_page, &w, &srv, &e) != MM_OK) {
		rc = cli_error(&e);
		goto done;
	}
	printf("mamori を http://%.*s:%u/ で起動しました (データベース %s)。Ctrl-C で停止します。\n",
	    (int)(strrchr(listen, ':') - listen), listen, http_server_port(srv), c->db_path);
	fflush(stdout);
	sigwait(&set, &sig);
	fprintf(stderr, "停止しています…\n");
done:
	http_server_stop(srv);
	web_free(&w);
	return rc;
}
