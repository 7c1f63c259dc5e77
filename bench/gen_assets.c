/* gen_assets.c — fill a database with N assets of a plausible Japanese
 * SME ledger, for the benchmarks (bench/run).
 *
 * Usage: gen_assets --db PATH [--org SLUG] [--count N] [--seed N]
 *                   [--token-file FILE]
 *
 * The database is created when missing, with the organisation SLUG
 * (default "bench") when it is not there. The assets go through the
 * services' own rules (asset_apply: checks, the C = 3 rule, the derived
 * risk) and the store, with one audit record each as asset_create would
 * write, all in ONE transaction — asset_create itself runs one
 * transaction per asset, which would measure fsync, not mamori. About one
 * asset in 25 gets a treatment. A 自社診断 with mixed answers is recorded
 * and the threats of a few media are rated first, so that the risk
 * values spread over every band.
 *
 * With --token-file, an owner account bench-N@example.jp whose one-time
 * password is already changed, and an API token for it written to FILE
 * (for the load generator). Progress and timings go to stderr. Exit 0, or
 * 1 with a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/account_service.h"
#include "app/asset_service.h"
#include "app/audit.h"
#include "app/diag_input.h"
#include "app/diag_service.h"
#include "app/org_service.h"
#include "util/text.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* a business category, the assets it usually has and who owns them */
struct kind {
	const char *category;
	const char *department;
	const char *names[6];
	const char *media[3];   /* the usual media, by catalog id */
	int c, i, a;            /* typical ratings (varied ±1) */
	int personal;           /* 0 none, 1 personal, 2 要配慮, 3 特定 */
};

static const struct kind kinds[] = {
	{ "営業", "営業部", { "顧客名簿", "見積書", "受注台帳", "商談記録", "取引先名刺データ", "販売実績表" },
	    { "office-pc", "cloud", "mobile" }, 2, 2, 2, 1 },
	{ "経理", "経理部", { "請求書", "領収書控え", "会計データ", "銀行口座情報", "支払予定表", "決算書" },
	    { "internal-server", "paper", "office-pc" }, 3, 3, 2, 0 },
	{ "人事", "人事部", { "履歴書", "人事評価表", "雇用契約書", "給与明細", "勤怠記録", "退職者名簿" },
	    { "paper", "internal-server", "office-pc" }, 3, 2, 1, 1 },
	{ "人事", "人事部", { "健康診断結果", "ストレスチェック結果", "休職者の診断書", "障害者手帳の写し",
	    "労災の記録", "産業医面談記録" }, { "paper", "internal-server", "portable-media" }, 3, 2, 1, 2 },
	{ "総務", "総務部", { "マイナンバー台帳", "源泉徴収票控え", "扶養控除申告書", "社会保険届出控え",
	    "年末調整資料", "マイナンバー収集記録" }, { "paper", "internal-server", "portable-media" }, 3, 2, 1, 3 },
	{ "総務", "総務部", { "社内規程", "契約書原本", "入退室記録", "鍵管理台帳", "備品台帳", "株主名簿" },
	    { "paper", "internal-server", "cloud" }, 1, 2, 2, 0 },
	{ "製造", "製造部", { "製品図面", "製造指示書", "品質検査記録", "設備保全記録", "部品表", "生産計画" },
	    { "internal-server", "office-pc", "portable-media" }, 2, 3, 3, 0 },
	{ "開発", "開発部", { "ソースコード", "設計書", "試験仕様書", "特許出願資料", "試作品評価", "技術メモ" },
	    { "cloud", "office-pc", "internal-server" }, 3, 3, 2, 0 },
	{ "情報システム", "情報システム課", { "アカウント一覧", "ネットワーク構成図", "サーバー管理台帳",
	    "バックアップデータ", "ライセンス台帳", "ログ" }, { "internal-server", "cloud", "portable-media" },
	    3, 3, 3, 0 },
	{ "広報", "広報室", { "ホームページ原稿", "プレスリリース", "問い合わせ記録", "メールマガジン配信先",
	    "イベント参加者名簿", "写真素材" }, { "cloud", "office-pc", "mobile" }, 1, 2, 2, 1 },
};

static const char *const scopes[] = { "全社員", "部内", "役員のみ", "担当者のみ", "取引先と共有" };
static const char *const retentions[] = { "1年", "3年", "5年", "7年", "10年", "永年", "" };
static const char *const suffixes[] = { "", "（本社）", "（大阪支店）", "（旧システム）", "（控え）",
	"（共有フォルダ）" };

/* xorshift64 (rand() is banned) */
static unsigned long long seed_state = 88172645463325252ULL;

static unsigned
pick(unsigned n)
{
	unsigned long long x = seed_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	seed_state = x;
	return (unsigned)(x % n);
}

static int
vary(int v)
{
	v += (int)pick(3) - 1;
	return v < 1 ? 1 : v > 3 ? 3 : v;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
fail(const struct err *e, const char *what)
{
	fprintf(stderr, "gen_assets: %s: %s\n", what, e->msg);
	return 1;
}

/* one asset: its fields as text, applied over a zeroed asset of ORG_ID */
static enum mm_err
one_asset(struct app *a, const struct risk_context *ctx, long long org_id, long n,
    struct asset *out, struct err *e)
{
	const struct kind *k = &kinds[pick(N(kinds))];
	struct asset_input in;
	struct asset base;
	char name[200], c[2], i[2], av[2], date[16], threat[2];

	memset(&in, 0, sizeof(in));
	memset(&base, 0, sizeof(base));
	base.org_id = org_id;
	snprintf(name, sizeof(name), "%s%s %ld", k->names[pick(N(k->names))],
	    suffixes[pick(N(suffixes))], n);
	snprintf(c, sizeof(c), "%d", vary(k->c));
	snprintf(i, sizeof(i), "%d", vary(k->i));
	snprintf(av, sizeof(av), "%d", vary(k->a));
	snprintf(date, sizeof(date), "%04u-%02u-%02u", 2016 + pick(10), 1 + pick(12),
	    1 + pick(28));
	in.business_category = k->category;
	in.name = name;
	in.note = pick(4) == 0 ? "年に一度、内容を見直す" : "";
	in.users_scope = scopes[pick(N(scopes))];
	in.department = k->department;
	in.medium = k->media[pick(4) == 0 ? pick(3) : 0];
	in.personal = k->personal >= 1 ? "○" : "";
	in.sensitive = k->personal == 2 ? "○" : "";
	in.my_number = k->personal == 3 ? "○" : "";
	in.c = c;
	in.i = i;
	in.a = av;
	in.retention = retentions[pick(N(retentions))];
	in.registered_on = date;
	if (pick(50) == 0) {
		snprintf(threat, sizeof(threat), "%u", 1 + pick(3));
		in.threat_override = threat;
	}
	return asset_apply(a, ctx, &in, &base, out, NULL, e);
}

static enum mm_err
treat(struct db *db, struct asset *as, struct err *e)
{
	static const char *const kinds_[] = { "reduce", "reduce", "reduce", "retain", "transfer",
		"avoid" };
	static const char *const measures[] = { "ウイルス対策ソフトを導入する", "鍵付きの書庫で保管する",
		"バックアップを毎日取得する", "アクセス権を担当者に限定する", "サイバー保険に加入する" };
	static const char *const statuses[] = { "planned", "in_progress", "done" };
	char now[CLOCK_ISO_LEN];

	as->has_treatment = true;
	snprintf(as->t_kind, sizeof(as->t_kind), "%s", kinds_[pick(N(kinds_))]);
	snprintf(as->t_measure, sizeof(as->t_measure), "%s", measures[pick(N(measures))]);
	snprintf(as->t_owner, sizeof(as->t_owner), "%.100s長", as->department);
	snprintf(as->t_due, sizeof(as->t_due), "2026-%02u-%02u", 1 + pick(12), 1 + pick(28));
	snprintf(as->t_status, sizeof(as->t_status), "%s", statuses[pick(N(statuses))]);
	as->t_residual = as->risk_value > 2 ? 2 : 1;
	clock_now_iso(now);
	return asset_treatment_set(db, as, now, e);
}

/* a completed 自社診断 of O: half 実施している, the rest mixed */
static int
record_diagnosis(struct app *a, const struct org *o)
{
	static const enum diag_answer answers[] = { DIAG_YES, DIAG_YES, DIAG_YES, DIAG_YES,
		DIAG_YES, DIAG_PARTIAL, DIAG_PARTIAL, DIAG_NO, DIAG_NO, DIAG_UNKNOWN };
	struct diag_input *in = calloc(1, sizeof(*in));
	struct err e;
	long long id;
	size_t k;
	int rc = 0;

	if (in == NULL)
		return 1;
	err_clear(&e);
	for (k = 0; k < a->cat->diag.nitems; k++)
		in->sheet.answers[k] = answers[pick(N(answers))];
	if (diag_record(a, o, "総務部", in, &id, &e) != MM_OK)
		rc = fail(&e, "diag_record");
	free(in);
	return rc;
}

static int
make_token(struct app *a, const struct org *o, const char *path)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1], token[TOKEN_LEN], email[80], pw[64];
	struct account acc;
	struct err e;
	long long tid;
	FILE *f;

	err_clear(&e);
	snprintf(email, sizeof(email), "bench-%ld@example.jp", (long)time(NULL));
	snprintf(pw, sizeof(pw), "bench-password-%ld-%u", (long)time(NULL), pick(1000000));
	if (account_create(a, email, "ベンチマーク", o->id, ROLE_OWNER, false, otp, &acc,
	    &e) != MM_OK)
		return fail(&e, "account_create");
	if (account_change_password(a, acc.id, otp, pw, 0, &e) != MM_OK)
		return fail(&e, "account_change_password");
	if (auth_token_create(a, acc.id, "bench", token, &tid, &e) != MM_OK)
		return fail(&e, "auth_token_create");
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		return 1;
	}
	fprintf(f, "%s\n", token);
	return fclose(f) == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	const char *db = NULL, *slug = "bench", *token_file = NULL;
	long count = 10000, seed = 1, n, treated = 0;
	struct app a;
	struct org o;
	struct org_input oi;
	struct risk_context *ctx;
	struct asset *as;
	struct err e;
	bool existed;
	char obj[64];
	double t0, t1;
	json_t *after;
	int k;

	for (k = 1; k < argc; k++) {
		bool more = k + 1 < argc;
		if (strcmp(argv[k], "--db") == 0 && more)
			db = argv[++k];
		else if (strcmp(argv[k], "--org") == 0 && more)
			slug = argv[++k];
		else if (strcmp(argv[k], "--token-file") == 0 && more)
			token_file = argv[++k];
		else if (strcmp(argv[k], "--count") == 0 && more && text_parse_long(argv[k + 1],
		    &count) && count > 0)
			k++;
		else if (strcmp(argv[k], "--seed") == 0 && more && text_parse_long(argv[k + 1],
		    &seed) && seed > 0)
			k++;
		else
			db = NULL, k = argc;
	}
	if (db == NULL) {
		fputs("usage: gen_assets --db PATH [--org SLUG] [--count N] [--seed N]"
		    " [--token-file FILE]\n", stderr);
		return 2;
	}
	seed_state ^= (unsigned long long)seed * 0x9E3779B97F4A7C15ULL;
	err_clear(&e);
	if (app_open(&a, db, true, "bench:gen_assets", &e) != MM_OK)
		return fail(&e, db);
	if (org_get_by_slug(a.db, slug, &o, &e) != MM_OK) {
		memset(&oi, 0, sizeof(oi));
		oi.name = "ベンチマーク株式会社";
		oi.slug = slug;
		oi.employees = 45;
		err_clear(&e);
		if (org_create(&a, &oi, &o, &existed, &e) != MM_OK)
			return fail(&e, "org_create");
	}
	/* a diagnosis and a few media rated, so that the risk values spread
	 * over every band */
	if (record_diagnosis(&a, &o) != 0)
		return 1;
	if (risk_rate_threat(&a, &o, "mobile", 3, &e) != MM_OK ||
	    risk_rate_threat(&a, &o, "paper", 3, &e) != MM_OK ||
	    risk_rate_threat(&a, &o, "cloud", 1, &e) != MM_OK ||
	    risk_rate_threat(&a, &o, "portable-media", 3, &e) != MM_OK)
		return fail(&e, "risk_rate_threat");
	ctx = malloc(sizeof(*ctx));
	as = malloc(sizeof(*as));
	if (ctx == NULL || as == NULL)
		return 1;
	t0 = now_s();
	if (app_begin(&a, &e) != MM_OK || risk_context_load(&a, o.id, ctx, &e) != MM_OK)
		return fail(&e, "begin");
	for (n = 1; n <= count; n++) {
		if (one_asset(&a, ctx, o.id, n, as, &e) != MM_OK ||
		    asset_insert(a.db, as, &e) != MM_OK)
			goto rollback;
		if (pick(25) == 0) {
			if (treat(a.db, as, &e) != MM_OK)
				goto rollback;
			treated++;
		}
		snprintf(obj, sizeof(obj), "asset:%lld", as->id);
		after = json_pack("{sIsssssisisi}", "id", (json_int_t)as->id, "name", as->name,
		    "medium", as->medium, "c", as->c, "i", as->i, "a", as->a);
		if (audit_record(&a, o.id, "asset.create", obj, NULL, after, &e) != MM_OK) {
			json_decref(after);
			goto rollback;
		}
		json_decref(after);
	}
	if (app_commit(&a, &e) != MM_OK)
		return fail(&e, "commit");
	t1 = now_s();
	fprintf(stderr, "gen_assets: %ld assets (%ld with a treatment) in %.2f s, one transaction\n",
	    count, treated, t1 - t0);
	k = token_file ? make_token(&a, &o, token_file) : 0;
	free(ctx);
	free(as);
	app_close(&a);
	return k;
rollback:
	app_rollback(&a);
	return fail(&e, "asset");
}
