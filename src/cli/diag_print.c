/* diag_print.c — the 自社診断 on the terminal and as CSV. */
#include "cli/diag_print.h"

#include <string.h>

#include "cli/cli.h"
#include "util/text.h"

/* S padded with spaces to WIDTH terminal columns */
static void
put_padded(FILE *f, const char *s, size_t width)
{
	size_t w = text_width(s);

	fputs(s, f);
	while (w++ < width)
		fputc(' ', f);
}

static const char *
answer_label(const struct diag_model *m, enum diag_answer a)
{
	if (a == DIAG_UNANSWERED)
		return "未回答";
	return ltext_get(&m->answers[a].label, LANG_JA);
}

void
diag_print_result(FILE *f, const struct diag_model *m,
    const struct diag_sheet *s, const struct diag_result *r,
    enum diag_na_rule rule)
{
	size_t i;

	fprintf(f, "合計点: %d / %d", r->total, r->max);
	if (r->rescaled)
		fprintf(f, " (該当なしの項目を除いて %d / %d 点を 100 点に換算)", r->raw, r->raw_max);
	fprintf(f, "\n評価:   %s\n", ltext_get(&r->band->label, LANG_JA));
	fprintf(f, "  %s\n", ltext_get(&r->band->meaning, LANG_JA));
	fprintf(f, "  次の一歩: %s\n\n", ltext_get(&r->band->next_step, LANG_JA));
	fputs("区分別の点数:\n", f);
	for (i = 0; i < m->nparts; i++) {
		fputs("  ", f);
		put_padded(f, ltext_get(&m->parts[i].label, LANG_JA), 22);
		fprintf(f, "%3d / %d\n", r->parts[i].score, r->parts[i].max);
	}
	if (rule == DIAG_NA_EXCLUDE && r->rescaled)
		fputs("  (該当なしの項目は満点から除いています)\n", f);
	if (r->nunknown > 0) {
		fputs("\n「わからない」と答えた項目 (実際の状況を確認してください):\n", f);
		for (i = 0; i < r->nunknown; i++)
			fprintf(f, "  %2d. %s\n", r->unknown[i],
			    ltext_get(&m->items[r->unknown[i] - 1].title, LANG_JA));
	}
	if (r->nweak > 0) {
		fputs("\n改善のための助言 (「実施している」以外の項目):\n", f);
		for (i = 0; i < r->nweak; i++) {
			const struct diag_item *it = &m->items[r->weak[i] - 1];
			enum diag_answer a = s->answers[it->no - 1];
			fprintf(f, "  %2d. %s [%s]\n      %s\n", it->no,
			    ltext_get(&it->title, LANG_JA), answer_label(m, a),
			    ltext_get(&it->advice[a], LANG_JA));
		}
	} else {
		fputs("\nすべての項目を実施しています。\n", f);
	}
}

void
diag_print_change(FILE *f, const struct diag_model *m,
    const struct diag_round_view *prev, const struct diag_round_view *cur)
{
	struct diag_change ch[DIAG_MAX_ITEMS];
	size_t changed, i;
	int d = cur->result.total - prev->result.total;

	changed = diag_compare(m, &prev->sheet, &cur->sheet, cur->row.na_rule, ch);
	fprintf(f, "前回 (診断 #%lld、%s、%d 点) からの変化: %s%d 点\n", prev->row.id,
	    prev->row.completed_at, prev->result.total, d > 0 ? "+" : "", d);
	if (changed == 0) {
		fputs("  回答の変わった項目はありません。\n", f);
		return;
	}
	for (i = 0; i < m->nitems; i++) {
		if (ch[i].before == ch[i].after)
			continue;
		fprintf(f, "  %2d. %s: %s → %s (%s%d)\n", ch[i].no,
		    ltext_get(&m->items[i].title, LANG_JA), answer_label(m, ch[i].before),
		    answer_label(m, ch[i].after), ch[i].delta > 0 ? "+" : "", ch[i].delta);
	}
}

void
diag_print_round(FILE *f, const struct diag_model *m,
    const struct diag_round_view *v, const struct diag_round_view *prev)
{
	size_t i, answered = 0;

	fprintf(f, "自社診断 #%lld  回答者: %s  ", v->row.id, v->row.respondent);
	if (!v->row.completed) {
		for (i = 0; i < m->nitems; i++)
			answered += v->sheet.answers[i] != DIAG_UNANSWERED;
		fprintf(f, "下書き (開始 %s、%zu / %zu 項目回答済み)\n", v->row.started_at,
		    answered, m->nitems);
		return;
	}
	fprintf(f, "完了 %s\n\n", v->row.completed_at);
	diag_print_result(f, m, &v->sheet, &v->result, v->row.na_rule);
	fputc('\n', f);
	if (prev != NULL)
		diag_print_change(f, m, prev, v);
	else
		fputs("前回の診断はありません (この回答者の初めての診断です)。\n", f);
}

void
diag_csv_items(FILE *f, const struct diag_model *m, const struct diag_sheet *s,
    const struct diag_result *r, const struct diag_notes *notes)
{
	size_t i;

	fputs("no,part,question,answer,label,points,note\n", f);
	for (i = 0; i < m->nitems; i++) {
		const struct diag_item *it = &m->items[i];
		enum diag_answer a = s->answers[i];
		fprintf(f, "%d,", it->no);
		cli_csv_field(f, m->parts[it->part].id);
		fputc(',', f);
		cli_csv_field(f, ltext_get(&it->question, LANG_JA));
		fputc(',', f);
		cli_csv_field(f, diag_answer_id(a));
		fputc(',', f);
		cli_csv_field(f, a == DIAG_UNANSWERED ? "" : answer_label(m, a));
		fputc(',', f);
		if (r != NULL && a != DIAG_UNANSWERED && r->counted[i])
			fprintf(f, "%d", r->points[i]);
		fputc(',', f);
		cli_csv_field(f, notes ? notes->notes[i] : NULL);
		fputc('\n', f);
	}
}
