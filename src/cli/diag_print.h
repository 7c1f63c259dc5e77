/* diag_print.h — the 自社診断 on the terminal and as CSV. */
#ifndef MM_DIAG_PRINT_H
#define MM_DIAG_PRINT_H

#include <stdio.h>

#include "app/diag_service.h"

/* diag_print_result — total, band with meaning and next step, part
 * subtotals, わからない items and advice for every item below full
 * points. */
void diag_print_result(FILE *f, const struct diag_model *m,
    const struct diag_sheet *s, const struct diag_result *r,
    enum diag_na_rule rule);

/* diag_print_change — what changed from PREV to CUR, item by item. */
void diag_print_change(FILE *f, const struct diag_model *m,
    const struct diag_round_view *prev, const struct diag_round_view *cur);

/* diag_print_round — a round: who and when, then its result and the
 * change since PREV (may be NULL), or the progress of a draft. */
void diag_print_round(FILE *f, const struct diag_model *m,
    const struct diag_round_view *v, const struct diag_round_view *prev);

/* diag_csv_items — the items of a sheet as CSV: no, part, question,
 * answer id, answer label, points, note (NOTES and R may be NULL). */
void diag_csv_items(FILE *f, const struct diag_model *m,
    const struct diag_sheet *s, const struct diag_result *r,
    const struct diag_notes *notes);

#endif
