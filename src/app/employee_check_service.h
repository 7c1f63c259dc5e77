/* employee_check_service.h — the employees' own checks: every member of
 * an organisation answers, for themselves, the 自社診断 items of the part
 * "employee" of the catalog (従業員としての対策); the organisation sees how
 * the answers are distributed per item. Which items belong to the check
 * comes from the catalog, never from numbers written in the code.
 *
 * Every change is one transaction with one audit record.
 */
#ifndef MM_EMPLOYEE_CHECK_SERVICE_H
#define MM_EMPLOYEE_CHECK_SERVICE_H

#include <jansson.h>
#include <stdbool.h>

#include "app/app.h"
#include "core/diag.h"
#include "store/org_store.h"

#define EMPLOYEE_CHECK_PART "employee"

/* employee_check_part — the part of model M whose items employees answer,
 * or NULL when the catalog has none. Borrowed from M. */
const struct diag_part *employee_check_part(const struct diag_model *m);

/* employee_check_has_item — true when item NO belongs to the check. */
bool employee_check_has_item(const struct diag_model *m, int no);

/* employee_check_load — the answers ACCOUNT_ID gave in O into *SHEET
 * (items not answered, and items outside the check, stay
 * DIAG_UNANSWERED); the time of the latest change into UPDATED_AT ("" when
 * nothing is answered yet; may be NULL). */
enum mm_err employee_check_load(struct app *a, const struct org *o,
    long long account_id, struct diag_sheet *sheet, char *updated_at,
    struct err *e);

/* employee_check_save — set the answers of ACCOUNT_ID in O: for every
 * item NO with GIVEN[NO - 1] true the answer WANT->answers[NO - 1]
 * (DIAG_UNANSWERED clears it). Every given item must belong to the check
 * and its answer must be allowed for it (該当なし only where the item
 * allows it); otherwise MM_EINVAL naming every such item, and nothing is
 * changed. The changes are stored in one transaction with one audit
 * record ("employee_check.answer", before → after of the changed items);
 * when nothing changes nothing is written. *CHANGED (may be NULL) gets the
 * number of items changed. GIVEN holds DIAG_MAX_ITEMS flags. */
enum mm_err employee_check_save(struct app *a, const struct org *o,
    long long account_id, const struct diag_sheet *want, const bool *given,
    size_t *changed, struct err *e);

/* employee_check_mine_json — the check of ACCOUNT_ID in O in LANG:
 *   {"part":{"id","label","first"},"answered":N,"total":N,
 *    "updated_at":…|null,
 *    "items":[{"no","title","question","explanation","na_allowed",
 *              "answer":id|null}]}
 * A new reference, or NULL with E set. */
json_t *employee_check_mine_json(struct app *a, const struct org *o,
    long long account_id, enum lang lang, struct err *e);

/* employee_check_summary_json — the distribution of the answers in O:
 *   {"respondents":N,"members":M,
 *    "items":[{"no","title","answered":n,
 *              "counts":{"yes":n,"partial":n,"no":n,"unknown":n,"na":n}}]}
 * RESPONDENTS counts the members who answered at least one item, MEMBERS
 * the enabled accounts who may answer (every role but supporter). With
 * WITH_NAMES (for the organisation's administrators only) also
 *   "people":[{"name","email","updated_at","answered":n,
 *              "answers":[{"no","answer":id|null}]}]
 * A new reference, or NULL with E set. */
json_t *employee_check_summary_json(struct app *a, const struct org *o,
    enum lang lang, bool with_names, struct err *e);

#endif
