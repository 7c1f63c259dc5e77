/* employee_check_store.h — the employees' own checks: the answer each
 * account gave, for itself, to a 自社診断 item of an organisation.
 *
 * Every query is scoped by organisation and catalog. Only accounts that
 * are (still) members of the organisation, and not disabled, are listed.
 */
#ifndef MM_EMPLOYEE_CHECK_STORE_H
#define MM_EMPLOYEE_CHECK_STORE_H

#include "core/diag.h"
#include "store/db.h"
#include "util/clock.h"

#define EMPLOYEE_CHECK_NAME_MAX 256

/* One answer of one account. */
struct employee_check_row {
	long long account_id;
	char account_name[EMPLOYEE_CHECK_NAME_MAX];  /* "" when the account has none */
	char account_email[EMPLOYEE_CHECK_NAME_MAX];
	int item_no;
	enum diag_answer answer;
	char updated_at[CLOCK_ISO_LEN];
};

/* employee_check_list — the answers recorded in ORG_ID under catalog
 * CATALOG by its current, enabled members, ordered by e-mail address and item; only
 * those of ACCOUNT_ID when it is not 0. A new array in *OUT of *N rows
 * (free() it; NULL when none). */
enum mm_err employee_check_list(struct db *db, long long org_id,
    const char *catalog, long long account_id, struct employee_check_row **out,
    size_t *n, struct err *e);

/* employee_check_put — record ANSWER of account ACCOUNT_ID to item ITEM_NO
 * of ORG_ID under CATALOG at NOW; DIAG_UNANSWERED removes the answer. The
 * caller checks that the item exists and the answer is allowed. */
enum mm_err employee_check_put(struct db *db, long long org_id,
    long long account_id, const char *catalog, int item_no,
    enum diag_answer answer, const char *now, struct err *e);

#endif
