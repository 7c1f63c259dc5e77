/* diag_view.h — the 自社診断 results as JSON, one shape for the command
 * line and the API. The shape of diag_result_json is a contract:
 *   {"total":T,"max":100,"rescaled":false,"na_rule":"full",
 *    "band":{"id":…,"label":…,"meaning":…,"next_step":…},
 *    "parts":[{"id":"basic","label":…,"score":S,"max":20},…],
 *    "unknown":[numbers],
 *    "weak":[{"no":N,"title":…,"answer":…,"advice":…},…],
 *    "items":[{"no":1,"answer":"yes","points":4},…]}
 * Every function returns a new reference, or NULL when out of memory.
 */
#ifndef MM_DIAG_VIEW_H
#define MM_DIAG_VIEW_H

#include <jansson.h>

#include "app/diag_service.h"

json_t *diag_result_json(const struct diag_model *m,
    const struct diag_sheet *s, const struct diag_result *r,
    enum diag_na_rule rule, enum lang lang);

/* diag_round_json — a round: its record, answers with notes and, when
 * completed, "result" (diag_result_json) and "change" against PREV (may
 * be NULL) as in diag_compare_json. */
json_t *diag_round_json(const struct diag_model *m,
    const struct diag_round_view *v, const struct diag_round_view *prev,
    enum lang lang);

/* diag_round_summary_json — one line of a list of rounds. */
json_t *diag_round_summary_json(const struct diag_model *m,
    const struct diag_round_row *r, enum lang lang);

/* diag_compare_json — A (earlier) against B (later):
 *   {"from":{"id":…,"total":…},"to":{…},"delta":D,
 *    "items":[{"no":N,"before":…,"after":…,"delta":d},…]} (changed only) */
json_t *diag_compare_json(const struct diag_model *m,
    const struct diag_round_view *a, const struct diag_round_view *b);

/* diag_parts_json — the items of M grouped by part, with the answers of S
 * (may be NULL: a blank sheet), NOTES (may be NULL) and the points of R
 * (may be NULL: not scored), in LANG:
 *   [{"id":"basic","label":…,"first":1,"last":5,"answered":n,"count":n,
 *     "items":[{"no","title","question","explanation","na_allowed",
 *               "answer":id|null,"answer_label":…|null,"note":…|null,
 *               "points":n,"excluded":true}]}]   (points/excluded when scored)
 */
json_t *diag_parts_json(const struct diag_model *m, const struct diag_sheet *s,
    const struct diag_notes *notes, const struct diag_result *r, enum lang lang);

/* diag_answer_label — the label of answer A in LANG ("" for unanswered). */
const char *diag_answer_label(const struct diag_model *m, enum diag_answer a,
    enum lang lang);

#endif
