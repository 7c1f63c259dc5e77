/* diag_service.h — the 自社診断 as use cases: answer in a draft and
 * complete it, record a completed round from a file, read rounds back,
 * compare two rounds, the organisation view over respondents. Every
 * change is one transaction with one audit record.
 */
#ifndef MM_DIAG_SERVICE_H
#define MM_DIAG_SERVICE_H

#include "app/app.h"
#include "app/diag_input.h"
#include "store/diag_store.h"
#include "store/org_store.h"

#define DIAG_DEFAULT_RESPONDENT "全社"

/* A round with its answers and, when completed, its result. */
struct diag_round_view {
	struct diag_round_row row;
	struct diag_sheet sheet;
	struct diag_notes notes; /* free with diag_round_view_free */
	struct diag_result result; /* valid when row.completed */
};

void diag_round_view_free(struct diag_round_view *v);

/* diag_draft_start — the draft of RESPONDENT (a person or, with KIND
 * "department", a department) in organisation O: the existing one
 * (*RESUMED true) or a new one. */
enum mm_err diag_draft_start(struct app *a, const struct org *o,
    const char *respondent, const char *kind, struct diag_round_row *out,
    bool *resumed, struct err *e);

/* diag_draft_answer — set item NO of draft ROUND_ID to ANSWER with NOTE
 * (may be NULL); DIAG_UNANSWERED clears it. */
enum mm_err diag_draft_answer(struct app *a, const struct org *o,
    long long round_id, int no, enum diag_answer answer, const char *note,
    struct err *e);

/* diag_draft_complete — score draft ROUND_ID under the organisation's
 * rule and make it a completed, unchangeable round. Refused while an item
 * is unanswered (the message names it). */
enum mm_err diag_draft_complete(struct app *a, const struct org *o,
    long long round_id, struct err *e);

/* diag_record — store IN as a completed round of RESPONDENT (IN's own
 * respondent when NULL, else DIAG_DEFAULT_RESPONDENT); its id in *ID. */
enum mm_err diag_record(struct app *a, const struct org *o,
    const char *respondent, const struct diag_input *in, long long *id,
    struct err *e);

/* diag_round_load — round ID of O with answers, notes and result. */
enum mm_err diag_round_load(struct app *a, const struct org *o, long long id,
    struct diag_round_view *out, struct err *e);

/* diag_round_before — the previous completed round of the same
 * respondent as V into *OUT; MM_ENOTFOUND when V is the first. */
enum mm_err diag_round_before(struct app *a, const struct org *o,
    const struct diag_round_view *v, struct diag_round_view *out,
    struct err *e);

/* diag_org_view — the organisation view: the newest completed round of
 * each respondent, aggregated (weakest answer per item) and scored under
 * the organisation's rule into *SHEET and *RESULT. *RESPONDENTS gets the
 * number of respondents; 0 (and MM_ENOTFOUND) when there is none. */
enum mm_err diag_org_view(struct app *a, const struct org *o,
    struct diag_sheet *sheet, struct diag_result *result, size_t *respondents,
    struct err *e);

/* One change asked of a draft (see diag_draft_save): item NO gets ANSWER
 * when SET_ANSWER (DIAG_UNANSWERED clears it), and NOTE when NOTE is not
 * NULL ("" clears it). What is not set stays as it is. */
struct diag_draft_edit {
	int no;
	bool set_answer;
	enum diag_answer answer;
	const char *note; /* borrowed */
};

/* diag_draft_save — apply the N EDITS to draft ROUND_ID of O, as
 * diag_draft_answer would one by one, but in one transaction: one audit
 * record ("diagnosis.answer") per item that changes, none when nothing
 * changes. Every edit is checked first; when any is bad (no such item, an
 * answer the item does not allow, a bad note, a note on an item left
 * unanswered) returns MM_EINVAL naming every bad item and changes
 * nothing. A completed round gives MM_EIMMUTABLE. *CHANGED (may be NULL)
 * gets the number of items changed. */
enum mm_err diag_draft_save(struct app *a, const struct org *o,
    long long round_id, const struct diag_draft_edit *edits, size_t n,
    size_t *changed, struct err *e);

/* diag_missing_items — the numbers of the unanswered items of S, in order,
 * into OUT (room for DIAG_MAX_ITEMS); returns how many. Pure. */
size_t diag_missing_items(const struct diag_model *m, const struct diag_sheet *s,
    int *out);

/* diag_latest_rounds — the newest completed round of each respondent of
 * O, the most recently completed first, in a new array *OUT of *N (free()
 * it; may be empty). */
enum mm_err diag_latest_rounds(struct app *a, const struct org *o,
    struct diag_round_row **out, size_t *n, struct err *e);

/* diag_compare_rounds — rounds ID_A and ID_B of O, loaded for a
 * comparison: the one completed first into *FROM, the other into *TO
 * (free both with diag_round_view_free). MM_EINVAL when they are the same
 * round or one is a draft; MM_ENOTFOUND when one is not a round of O. */
enum mm_err diag_compare_rounds(struct app *a, const struct org *o,
    long long id_a, long long id_b, struct diag_round_view *from,
    struct diag_round_view *to, struct err *e);

#endif
