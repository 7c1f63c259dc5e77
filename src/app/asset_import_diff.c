/* asset_import_diff.c — what an import changes in an asset, told in
 * Japanese for the dry-run report ("備考: 旧 → 新、…"). See asset_io_int.h. */
#include <stdio.h>
#include <string.h>

#include "app/asset_io_int.h"

#define SHOWN_CHARS 24 /* of a text shown in a change */

bool
asset_io_treatment_differs(const struct asset *b, const struct asset *a)
{
	if (b->has_treatment != a->has_treatment)
		return true;
	return a->has_treatment && (strcmp(b->t_kind, a->t_kind) != 0 ||
	    strcmp(b->t_measure, a->t_measure) != 0 || strcmp(b->t_owner, a->t_owner) != 0 ||
	    strcmp(b->t_due, a->t_due) != 0);
}

static void
say_text(struct buf *d, const char *label, const char *old, const char *new)
{
	char o[128], n[128];

	if (strcmp(old, new) == 0)
		return;
	asset_io_shorten(old, SHOWN_CHARS, o, sizeof(o));
	asset_io_shorten(new, SHOWN_CHARS, n, sizeof(n));
	buf_printf(d, "%s%s: %s → %s", d->len ? "、" : "", label, o, n);
}

static void
say_int(struct buf *d, const char *label, int old, int new, const char *zero)
{
	char o[32], n[32];

	if (old == new)
		return;
	snprintf(o, sizeof(o), "%d", old);
	snprintf(n, sizeof(n), "%d", new);
	buf_printf(d, "%s%s: %s → %s", d->len ? "、" : "", label,
	    old == 0 && zero ? zero : o, new == 0 && zero ? zero : n);
}

void
asset_io_describe(const struct risk_model *m, const struct asset *b,
    const struct asset *a, struct buf *d)
{
	buf_reset(d);
	say_text(d, "業務分類", b->business_category, a->business_category);
	say_text(d, "情報資産名称", b->name, a->name);
	say_text(d, "備考", b->note, a->note);
	say_text(d, "利用者範囲", b->users_scope, a->users_scope);
	say_text(d, "管理部署", b->department, a->department);
	say_text(d, "媒体・保存先", asset_io_medium_label(m, b->medium),
	    asset_io_medium_label(m, a->medium));
	say_text(d, "個人情報", b->personal ? "○" : "", a->personal ? "○" : "");
	say_text(d, "要配慮個人情報", b->sensitive ? "○" : "", a->sensitive ? "○" : "");
	say_text(d, "特定個人情報", b->my_number ? "○" : "", a->my_number ? "○" : "");
	say_int(d, "機密性", b->c, a->c, NULL);
	say_int(d, "完全性", b->i, a->i, NULL);
	say_int(d, "可用性", b->a, a->a, NULL);
	say_text(d, "保存期限", b->retention, a->retention);
	say_text(d, "登録日", b->registered_on, a->registered_on);
	say_int(d, "脅威の発生頻度 (個別)", b->threat_override, a->threat_override, "自動");
	say_int(d, "脆弱性 (個別)", b->vulnerability_override, a->vulnerability_override, "自動");
	if (asset_io_treatment_differs(b, a)) {
		say_text(d, "対応", b->has_treatment ? asset_io_treatment_label(m, b->t_kind) : "",
		    a->has_treatment ? asset_io_treatment_label(m, a->t_kind) : "");
		say_text(d, "対策", b->has_treatment ? b->t_measure : "",
		    a->has_treatment ? a->t_measure : "");
		say_text(d, "担当", b->has_treatment ? b->t_owner : "",
		    a->has_treatment ? a->t_owner : "");
		say_text(d, "期限", b->has_treatment ? b->t_due : "",
		    a->has_treatment ? a->t_due : "");
	}
}

