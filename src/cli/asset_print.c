/* asset_print.c — names and columns shared by mamori asset and risk. */
#include "cli/asset_print.h"

#include <stdbool.h>
#include <string.h>

#include "cli/cli.h"
#include "util/text.h"

const struct risk_medium *
ap_medium(const struct risk_model *m, const char *s)
{
	size_t k;

	if (s == NULL)
		return NULL;
	for (k = 0; k < m->nmedia; k++)
		if (strcmp(s, m->media[k].id) == 0 || strcmp(s, ltext_get(&m->media[k].label,
		    LANG_JA)) == 0 || strcmp(s, ltext_get(&m->media[k].label, LANG_EN)) == 0)
			return &m->media[k];
	return NULL;
}

const char *
ap_medium_label(const struct risk_model *m, const char *id)
{
	const struct risk_medium *md = risk_medium_find(m, id);

	return md ? ltext_get(&md->label, LANG_JA) : id;
}

void
ap_media_list(const struct risk_model *m, char *out, size_t outsz)
{
	size_t k, len = 0;

	out[0] = '\0';
	for (k = 0; k < m->nmedia && len < outsz; k++) {
		int w = snprintf(out + len, outsz - len, "%s%s", k ? "、" : "",
		    ltext_get(&m->media[k].label, LANG_JA));
		if (w < 0)
			break;
		len += (size_t)w;
	}
}

const struct risk_band *
ap_band(const struct risk_model *m, const char *s)
{
	size_t k;

	if (s == NULL)
		return NULL;
	for (k = 0; k < m->nbands; k++) {
		const struct risk_band *b = &m->bands[k];
		if (strcmp(s, b->id) == 0 ||
		    (text_has_prefix(b->id, "risk-") && strcmp(s, b->id + 5) == 0) ||
		    strcmp(s, ltext_get(&b->label, LANG_JA)) == 0 ||
		    strcmp(s, ltext_get(&b->label, LANG_EN)) == 0)
			return b;
	}
	return NULL;
}

const char *
ap_band_label(const struct risk_model *m, const char *id)
{
	size_t k;

	for (k = 0; k < m->nbands; k++)
		if (strcmp(m->bands[k].id, id) == 0)
			return ltext_get(&m->bands[k].label, LANG_JA);
	return "";
}

const struct risk_treatment_kind *
ap_treatment(const struct risk_model *m, const char *s)
{
	size_t k;

	if (s == NULL)
		return NULL;
	for (k = 0; k < m->ntreatments; k++)
		if (strcmp(s, m->treatments[k].id) == 0 ||
		    strcmp(s, ltext_get(&m->treatments[k].label, LANG_JA)) == 0 ||
		    strcmp(s, ltext_get(&m->treatments[k].label, LANG_EN)) == 0)
			return &m->treatments[k];
	return NULL;
}

const char *
ap_treatment_label(const struct risk_model *m, const char *id)
{
	const struct risk_treatment_kind *k = risk_treatment_find(m, id);

	return k ? ltext_get(&k->label, LANG_JA) : id;
}

static const struct {
	const char *id, *label;
} statuses[] = {
	{ "planned", "予定" }, { "in_progress", "実施中" }, { "done", "完了" }
};

const char *
ap_status(const char *s)
{
	size_t k;

	for (k = 0; s != NULL && k < sizeof(statuses) / sizeof(statuses[0]); k++)
		if (strcmp(s, statuses[k].id) == 0 || strcmp(s, statuses[k].label) == 0)
			return statuses[k].id;
	return NULL;
}

const char *
ap_status_label(const char *id)
{
	size_t k;

	for (k = 0; k < sizeof(statuses) / sizeof(statuses[0]); k++)
		if (strcmp(id, statuses[k].id) == 0)
			return statuses[k].label;
	return id;
}

const char *
ap_threat_source_label(const char *src)
{
	if (strcmp(src, "override") == 0)
		return "資産ごとの指定";
	if (strcmp(src, "rated") == 0)
		return "組織の評価 (脅威の状況)";
	return "既定値・未評価";
}

const char *
ap_vuln_source_label(const char *src)
{
	if (strcmp(src, "override") == 0)
		return "資産ごとの指定";
	if (strcmp(src, "rated") == 0)
		return "自社診断から";
	return "未評価・自社診断がまだありません";
}

const char *
ap_mark(const char *src)
{
	if (strcmp(src, "override") == 0)
		return "!";
	if (strcmp(src, "rated") == 0)
		return " ";
	return "?";
}

/* the length of the UTF-8 sequence starting with byte C (1 for a stray
 * byte) */
static size_t
seq_len(unsigned char c)
{
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	if (c >= 0xE0)
		return c <= 0xEF ? 3 : 1;
	if (c >= 0xC2)
		return 2;
	return 1;
}

void
ap_col(FILE *f, const char *s, size_t width)
{
	size_t w = text_width(s), used = 0, k;
	const char *p = s;
	char ch[8];

	if (w <= width) {
		fputs(s, f);
		while (w++ < width)
			fputc(' ', f);
		return;
	}
	/* keep one column for "…" */
	while (*p != '\0') {
		k = seq_len((unsigned char)*p);
		if (strnlen(p, k) < k)
			break;
		memcpy(ch, p, k);
		ch[k] = '\0';
		if (used + text_width(ch) + 1 > width)
			break;
		fputs(ch, f);
		used += text_width(ch);
		p += k;
	}
	fputs("…", f);
	used++;
	while (used++ < width)
		fputc(' ', f);
}

/* ---------------------------------------------------------------- the ledger */

static void
csv_int(int v)
{
	printf(",%d", v);
}

static void
csv_text(const char *s)
{
	putchar(',');
	cli_csv_field(stdout, s);
}

const char ap_ledger_csv_header[] =
    "id,business_category,name,note,users_scope,department,medium,medium_label,personal,"
    "sensitive,my_number,confidentiality,integrity,availability,importance,retention,"
    "registered_on,threat,threat_source,vulnerability,vulnerability_source,likelihood,risk,"
    "band,treatment,treatment_status";

void
ap_ledger_csv_row(const struct risk_model *m, const struct asset *as)
{
	printf("%lld", as->id);
	csv_text(as->business_category);
	csv_text(as->name);
	csv_text(as->note);
	csv_text(as->users_scope);
	csv_text(as->department);
	csv_text(as->medium);
	csv_text(ap_medium_label(m, as->medium));
	csv_int(as->personal);
	csv_int(as->sensitive);
	csv_int(as->my_number);
	csv_int(as->c);
	csv_int(as->i);
	csv_int(as->a);
	csv_int(as->importance);
	csv_text(as->retention);
	csv_text(as->registered_on);
	csv_int(as->threat);
	csv_text(as->threat_source);
	csv_int(as->vulnerability);
	csv_text(as->vulnerability_source);
	csv_int(as->likelihood);
	csv_int(as->risk_value);
	csv_text(ap_band_label(m, as->band));
	csv_text(as->has_treatment ? as->t_kind : "");
	csv_text(as->has_treatment ? as->t_status : "");
	putchar('\n');
}

void
ap_ledger_text_header(void)
{
	fputs("    ID  ", stdout);
	ap_col(stdout, "情報資産名称", 30);
	fputs("  ", stdout);
	ap_col(stdout, "媒体・保存先", 22);
	fputs("  ", stdout);
	ap_col(stdout, "管理部署", 12);
	puts("  C I A  重要度  リスク値");
}

void
ap_ledger_text_row(const struct risk_model *m, const struct asset *as)
{
	printf("%6lld  ", as->id);
	ap_col(stdout, as->name, 30);
	fputs("  ", stdout);
	ap_col(stdout, ap_medium_label(m, as->medium), 22);
	fputs("  ", stdout);
	ap_col(stdout, as->department, 12);
	printf("  %d %d %d  %6d  %4d %s\n", as->c, as->i, as->a, as->importance, as->risk_value,
	    ap_band_label(m, as->band));
}

static const char *
yes_no(bool v)
{
	return v ? "あり" : "なし";
}

/* "-" for an empty field */
static const char *
dash(const char *s)
{
	return *s ? s : "-";
}

void
ap_asset_text(const struct risk_model *m, const struct asset *as)
{

	printf("情報資産 #%lld  %s\n", as->id, as->name);
	printf("  業務分類:         %s\n", dash(as->business_category));
	printf("  備考:             %s\n", dash(as->note));
	printf("  利用者範囲:       %s\n", dash(as->users_scope));
	printf("  管理部署:         %s\n", dash(as->department));
	printf("  媒体・保存先:     %s (%s)\n", ap_medium_label(m, as->medium), as->medium);
	printf("  個人情報:         %s  要配慮個人情報: %s  特定個人情報: %s\n", yes_no(as->personal),
	    yes_no(as->sensitive), yes_no(as->my_number));
	printf("  機密性・完全性・可用性: %d / %d / %d%s\n", as->c, as->i, as->a,
	    as->sensitive || as->my_number ? " (要配慮・特定個人情報を含むため機密性は 3)" : "");
	printf("  重要度:           %d\n", as->importance);
	printf("  保存期限:         %s\n", dash(as->retention));
	printf("  登録日:           %s\n", as->registered_on);
	printf("  脅威の発生頻度:   %d (%s)\n", as->threat, ap_threat_source_label(as->threat_source));
	printf("  脆弱性:           %d (%s)\n", as->vulnerability,
	    ap_vuln_source_label(as->vulnerability_source));
	printf("  被害発生可能性:   %d\n", as->likelihood);
	printf("  リスク値:         %d (%s)\n", as->risk_value, ap_band_label(m, as->band));
	if (as->has_treatment) {
		printf("  対応:             %s (%s)\n", ap_treatment_label(m, as->t_kind),
		    ap_status_label(as->t_status));
		if (as->t_measure[0])
			printf("  対策:             %s\n", as->t_measure);
		if (as->t_owner[0])
			printf("  担当:             %s\n", as->t_owner);
		if (as->t_due[0])
			printf("  期限:             %s\n", as->t_due);
		if (as->t_residual)
			printf("  対応後のリスク値: %d\n", as->t_residual);
	} else {
		printf("  対応:             (未定)\n");
	}
	printf("  更新日時:         %s\n", as->updated_at);
}
