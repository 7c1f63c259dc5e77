/* cmd_risk.c — mamori risk: the risk analysis of 付録7 on the command
 * line: the risk values of every asset (highest first), the 脅威の状況
 * (each medium's threat rating and the vulnerability derived from the
 * 自社診断), and rating a medium's threats. */
#include <stdlib.h>
#include <string.h>

#include "app/asset_query.h"
#include "app/asset_service.h"
#include "app/org_service.h"
#include "cli/asset_print.h"
#include "cli/cli.h"
#include "cli/opt.h"
#include "util/text.h"

#define RISK_SYNOPSIS \
	"mamori risk list [--org SLUG] [--format text|json|csv] [--band 大|中|小] [--medium 媒体]\n" \
	"              [--department 部署] [--importance 1-3] [--likelihood 1-3] [--untreated] [--limit N]\n" \
	"       mamori risk threats [--format text|json|csv]\n" \
	"       mamori risk rate 媒体 1|2|3|none"

static const char risk_help[] =
    "\n"
    "risk list      情報資産ごとのリスク値 (重要度 × 被害発生可能性) を大きい順に表示します。\n"
    "               --importance と --likelihood でヒートマップの一つのマスに絞れます。\n"
    "               --untreated は対応の決まっていない資産だけを表示します。\n"
    "risk threats   媒体・保存先ごとの脅威の発生頻度 (組織の評価か既定値) と、\n"
    "               自社診断から求めた脆弱性を表示します。\n"
    "risk rate      媒体の脅威の発生頻度を 1 (低い)〜3 (高い) で評価します。none で未評価に\n"
    "               戻します。その媒体の情報資産のリスク値は計算し直されます。\n";

struct risk_args {
	const char *org, *format, *band, *medium, *department, *importance, *likelihood, *limit;
	bool untreated, help;
	enum cli_format fmt;
	const char *pos[OPT_MAX_POS];
	int npos;
};

/* ---------------------------------------------------------------- list */

struct lister {
	const struct app *app;
	enum cli_format fmt;
	long long count, limit;
	bool failed;
};

static json_t *
risk_row_json(const struct app *a, const struct asset *as)
{
	const struct risk_model *m = &a->cat->risk;
	json_t *j, *t = json_null();

	if (as->has_treatment)
		t = json_pack("{ssssssssssss?so}", "kind", as->t_kind,
		    "kind_label", ap_treatment_label(m, as->t_kind), "status", as->t_status,
		    "measure", as->t_measure, "owner", as->t_owner,
		    "due", as->t_due[0] ? as->t_due : NULL,
		    "residual", as->t_residual ? json_integer(as->t_residual) : json_null());
	j = json_pack("{sIsssssssssisisssisssisisssssO}", "id", (json_int_t)as->id,
	    "name", as->name, "medium", as->medium,
	    "medium_label", ap_medium_label(m, as->medium), "department", as->department,
	    "importance", as->importance, "threat", as->threat,
	    "threat_source", as->threat_source, "vulnerability", as->vulnerability,
	    "vulnerability_source", as->vulnerability_source, "likelihood", as->likelihood,
	    "risk", as->risk_value, "band", ap_band_label(m, as->band), "band_id", as->band,
	    "treatment", t);
	json_decref(t);
	return j;
}

static void
print_header(void)
{
	fputs("    ID  ", stdout);
	ap_col(stdout, "情報資産名称", 28);
	fputs("  ", stdout);
	ap_col(stdout, "媒体・保存先", 22);
	puts("  重要度 脅威 脆弱性 可能性 リスク値  対応");
}

static int
list_one(void *p, const struct asset *as)
{
	struct lister *l = p;
	const struct risk_model *m = &l->app->cat->risk;
	json_t *j;

	if (l->limit > 0 && l->count >= l->limit)
		return 1;
	if (l->fmt == FMT_JSON) {
		if ((j = risk_row_json(l->app, as)) == NULL) {
			l->failed = true;
			return 1;
		}
		fputs(l->count ? ",\n" : "\n", stdout);
		json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		json_decref(j);
	} else if (l->fmt == FMT_CSV) {
		printf("%lld,", as->id);
		cli_csv_field(stdout, as->name);
		putchar(',');
		cli_csv_field(stdout, as->medium);
		putchar(',');
		cli_csv_field(stdout, ap_medium_label(m, as->medium));
		putchar(',');
		cli_csv_field(stdout, as->department);
		printf(",%d,%d,%s,%d,%s,%d,%d,%s,%s,%s\n", as->importance, as->threat,
		    as->threat_source, as->vulnerability, as->vulnerability_source, as->likelihood,
		    as->risk_value, ap_band_label(m, as->band), as->has_treatment ? as->t_kind : "",
		    as->has_treatment ? as->t_status : "");
	} else {
		if (l->count == 0)
			print_header();
		printf("%6lld  ", as->id);
		ap_col(stdout, as->name, 28);
		fputs("  ", stdout);
		ap_col(stdout, ap_medium_label(m, as->medium), 22);
		printf("  %6d %3d%s %5d%s %6d %5d %s  ", as->importance, as->threat,
		    ap_mark(as->threat_source), as->vulnerability, ap_mark(as->vulnerability_source),
		    as->likelihood, as->risk_value, ap_band_label(m, as->band));
		if (as->has_treatment)
			printf("%s (%s)\n", ap_treatment_label(m, as->t_kind), ap_status_label(as->t_status));
		else
			puts("(未定)");
	}
	l->count++;
	return 0;
}

static bool
level_arg(const char *opt, const char *s, int *out)
{
	long v;

	if (s == NULL)
		return true;
	if (!text_parse_long(s, &v) || v < 1 || v > 3) {
		cli_usage(RISK_SYNOPSIS, "--%s は 1、2、3 のどれかです: %s", opt, s);
		return false;
	}
	*out = (int)v;
	return true;
}

static void
print_summary(struct app *a, const struct org *o)
{
	struct err e;
	json_t *s;

	err_clear(&e);
	if ((s = risk_summary(a, o, &e)) == NULL)
		return;
	printf("大 %lld 件 (うち対応未定 %lld 件)、中 %lld 件、小 %lld 件、計 %lld 件\n",
	    (long long)json_integer_value(json_object_get(s, "high")),
	    (long long)json_integer_value(json_object_get(s, "untreated_high")),
	    (long long)json_integer_value(json_object_get(s, "medium")),
	    (long long)json_integer_value(json_object_get(s, "low")),
	    (long long)json_integer_value(json_object_get(s, "total")));
	json_decref(s);
}

static int
list_cmd(struct app *a, const struct org *o, struct risk_args *g)
{
	const struct risk_model *m = &a->cat->risk;
	const struct risk_medium *md;
	const struct risk_band *b;
	struct asset_query q;
	struct lister l;
	struct err e;
	char media[512];
	long v;

	if (g->npos != 1)
		return cli_usage(RISK_SYNOPSIS, "risk list は引数をとりません: %s", g->pos[1]);
	memset(&q, 0, sizeof(q));
	memset(&l, 0, sizeof(l));
	q.f.sort = ASSET_SORT_RISK;
	q.f.desc = true;
	q.untreated = g->untreated;
	if (g->band != NULL) {
		if ((b = ap_band(m, g->band)) == NULL)
			return cli_usage(RISK_SYNOPSIS,
			    "--band は 大、中、小 (high, medium, low) のどれかです: %s", g->band);
		q.f.band = b->id;
	}
	if (g->medium != NULL) {
		if ((md = ap_medium(m, g->medium)) == NULL) {
			ap_media_list(m, media, sizeof(media));
			return cli_usage(RISK_SYNOPSIS, "媒体 \"%s\" はありません (%s のどれかです)",
			    g->medium, media);
		}
		q.f.medium = md->id;
	}
	q.f.department = g->department;
	if (!level_arg("importance", g->importance, &q.importance) ||
	    !level_arg("likelihood", g->likelihood, &q.likelihood))
		return CLI_USAGE;
	if (g->limit != NULL) {
		if (!text_parse_long(g->limit, &v) || v <= 0)
			return cli_usage(RISK_SYNOPSIS, "--limit は 1 以上の整数です: %s", g->limit);
		l.limit = v;
	}
	l.app = a;
	l.fmt = g->fmt;
	err_clear(&e);
	if (g->fmt == FMT_JSON)
		fputs("[", stdout);
	else if (g->fmt == FMT_CSV)
		puts("id,name,medium,medium_label,department,importance,threat,threat_source,"
		    "vulnerability,vulnerability_source,likelihood,risk,band,treatment,treatment_status");
	if (asset_query_each(a, o->id, &q, list_one, &l, &e) != MM_OK) {
		if (g->fmt == FMT_JSON)
			fputs("]\n", stdout);
		return cli_error(&e);
	}
	if (g->fmt == FMT_JSON)
		fputs(l.count ? "\n]\n" : "]\n", stdout);
	if (l.failed) {
		fputs("mamori: メモリが足りません\n", stderr);
		return CLI_FAIL;
	}
	if (g->fmt != FMT_TEXT)
		return CLI_OK;
	if (l.count == 0) {
		puts("条件に合う情報資産はありません。");
	} else {
		puts("\n? 未評価 (既定値)  ! この資産だけの指定  (mamori risk threats で評価の状況を確認できます)");
	}
	print_summary(a, o);
	return CLI_OK;
}

/* ---------------------------------------------------------------- threats */

static void
threat_labels(json_t *media_entry, char *out, size_t outsz)
{
	json_t *t;
	size_t i, len = 0;

	out[0] = '\0';
	json_array_foreach(json_object_get(media_entry, "threats"), i, t) {
		int w = snprintf(out + len, outsz - len, "%s%s", i ? "、" : "",
		    json_string_value(json_object_get(t, "label")));
		if (w < 0 || (size_t)w >= outsz - len)
			break;
		len += (size_t)w;
	}
}

static int
threats_cmd(struct app *a, const struct org *o, struct risk_args *g)
{
	struct err e;
	json_t *v, *md;
	char labels[1024], num[32];
	bool has_diag;
	size_t i;

	if (g->npos != 1)
		return cli_usage(RISK_SYNOPSIS, "risk threats は引数をとりません: %s", g->pos[1]);
	err_clear(&e);
	if ((v = risk_threats_view(a, o, LANG_JA, &e)) == NULL)
		return cli_error(&e);
	if (g->fmt == FMT_JSON)
		return cli_print_json(v);
	has_diag = json_is_true(json_object_get(v, "has_diagnosis"));
	if (g->fmt == FMT_CSV)
		puts("medium,label,rating,default_threat,threat,threat_source,vulnerability,"
		    "vulnerability_source,threats");
	else
		printf("脅威の状況 — %s\n自社診断: %s\n\n", o->name, has_diag ?
		    "記録あり (脆弱性は最新の診断の回答から求めています)" :
		    "まだありません (脆弱性はすべて 3・未評価です。mamori diagnose で診断してください)");
	json_array_foreach(json_object_get(v, "media"), i, md) {
		const char *id = json_string_value(json_object_get(md, "id"));
		const char *label = json_string_value(json_object_get(md, "label"));
		const char *src = json_string_value(json_object_get(md, "threat_source"));
		long long rating = json_integer_value(json_object_get(md, "rating"));
		long long threat = json_integer_value(json_object_get(md, "threat"));
		long long vul = json_integer_value(json_object_get(md, "vulnerability"));

		threat_labels(md, labels, sizeof(labels));
		if (g->fmt == FMT_CSV) {
			cli_csv_field(stdout, id);
			putchar(',');
			cli_csv_field(stdout, label);
			printf(",%s,%lld,%lld,%s,%lld,%s,", rating ? (snprintf(num, sizeof(num),
			    "%lld", rating), num) : "", (long long)json_integer_value(
			    json_object_get(md, "default_threat")), threat, src, vul,
			    has_diag ? "rated" : "default");
			cli_csv_field(stdout, labels);
			putchar('\n');
			continue;
		}
		snprintf(num, sizeof(num), "(%s)", id);
		ap_col(stdout, label, 24);
		ap_col(stdout, num, 18);
		printf(" 脅威の発生頻度 %lld (%s)  脆弱性 %lld (%s)\n", threat,
		    strcmp(src, "rated") == 0 ? "評価済み" : "既定値・未評価", vul,
		    has_diag ? "自社診断から" : "未評価");
		printf("    主な脅威: %s\n", labels);
	}
	if (g->fmt == FMT_TEXT)
		puts("\n評価するには: mamori risk rate 媒体 1|2|3 (1: 低い 〜 3: 高い、none で未評価に戻す)");
	json_decref(v);
	return CLI_OK;
}

/* ---------------------------------------------------------------- rate */

static int
rate_cmd(struct app *a, const struct org *o, struct risk_args *g)
{
	const struct risk_model *m = &a->cat->risk;
	const struct risk_medium *md;
	struct asset_filter f;
	struct asset *v = NULL;
	struct err e;
	char media[512];
	long long total = 0;
	size_t n;
	long level;

	if (g->npos != 3)
		return cli_usage(RISK_SYNOPSIS, "媒体と評価 (1、2、3 か none) を指定してください");
	if ((md = ap_medium(m, g->pos[1])) == NULL) {
		ap_media_list(m, media, sizeof(media));
		return cli_usage(RISK_SYNOPSIS, "媒体 \"%s\" はありません (%s のどれかです)", g->pos[1],
		    media);
	}
	if (strcmp(g->pos[2], "none") == 0 || strcmp(g->pos[2], "未評価") == 0)
		level = 0;
	else if (!text_parse_long(g->pos[2], &level) || level < 1 || level > 3)
		return cli_usage(RISK_SYNOPSIS, "脅威の発生頻度は 1、2、3 か none です: %s", g->pos[2]);
	err_clear(&e);
	if (risk_rate_threat(a, o, md->id, (int)level, &e) != MM_OK)
		return cli_error(&e);
	memset(&f, 0, sizeof(f));
	f.medium = md->id;
	f.limit = 1;
	if (asset_list(a->db, o->id, &f, &v, &n, &total, &e) == MM_OK)
		free(v);
	if (level == 0)
		printf("「%s」の脅威の発生頻度を未評価 (既定値 %d) に戻しました。",
		    ltext_get(&md->label, LANG_JA), md->default_threat);
	else
		printf("「%s」の脅威の発生頻度を %ld にしました。", ltext_get(&md->label, LANG_JA), level);
	printf("この媒体の情報資産 %lld 件のリスク値を計算し直しました。\n", total);
	return CLI_OK;
}

/* ---------------------------------------------------------------- dispatch */

int
cmd_risk(struct cli *c, int argc, char **argv)
{
	struct risk_args g;
	struct app a;
	struct org o;
	struct err e;
	const char *sub;
	int rc;
	bool is_list;

	memset(&g, 0, sizeof(g));
	{
		const struct opt opts[] = {
			{ "org", &g.org, NULL }, { "format", &g.format, NULL },
			{ "band", &g.band, NULL }, { "medium", &g.medium, NULL },
			{ "department", &g.department, NULL }, { "importance", &g.importance, NULL },
			{ "likelihood", &g.likelihood, NULL }, { "limit", &g.limit, NULL },
			{ "untreated", NULL, &g.untreated },
			{ "help", NULL, &g.help }, { NULL, NULL, NULL }
		};
		if (!opt_parse(argc, argv, opts, g.pos, &g.npos, RISK_SYNOPSIS))
			return CLI_USAGE;
	}
	if (g.help) {
		printf("使い方: %s\n%s", RISK_SYNOPSIS, risk_help);
		return CLI_OK;
	}
	if (g.npos == 0)
		return cli_usage(RISK_SYNOPSIS, "list, threats, rate のどれかを指定してください");
	sub = g.pos[0];
	if (strcmp(sub, "list") != 0 && strcmp(sub, "threats") != 0 && strcmp(sub, "rate") != 0)
		return cli_usage(RISK_SYNOPSIS, "不明な指定です: %s", sub);
	is_list = strcmp(sub, "list") == 0;
	if (!is_list && (g.band || g.medium || g.department || g.importance || g.likelihood ||
	    g.limit || g.untreated))
		return cli_usage(RISK_SYNOPSIS, "絞り込みのオプションは risk list でだけ使えます");
	if (strcmp(sub, "rate") == 0 && g.format != NULL)
		return cli_usage(RISK_SYNOPSIS, "risk rate は --format をとりません");
	if (!cli_parse_format(g.format, true, &g.fmt))
		return cli_usage(RISK_SYNOPSIS, "--format が不正です: %s", g.format);
	if (!cli_open(c, &a, false))
		return CLI_FAIL;
	err_clear(&e);
	if (org_resolve(&a, g.org, &o, &e) != MM_OK) {
		app_close(&a);
		return cli_error(&e);
	}
	if (is_list)
		rc = list_cmd(&a, &o, &g);
	else if (strcmp(sub, "threats") == 0)
		rc = threats_cmd(&a, &o, &g);
	else
		rc = rate_cmd(&a, &o, &g);
	app_close(&a);
	return rc;
}
