/* role_holder_store.h — who holds each duty of 表8 and 表9 in an
 * organisation: a user (an account) and/or a name. */
#ifndef MM_ROLE_HOLDER_STORE_H
#define MM_ROLE_HOLDER_STORE_H

#include <stdbool.h>

#include "store/account_store.h"
#include "store/db.h"
#include "util/clock.h"

#define ROLE_HOLDER_NAME_MAX 404 /* 100 characters in any UTF-8 */
#define ROLE_HOLDER_NOTE_MAX 804 /* 200 characters in any UTF-8 */

struct role_holder_row {
	char role_id[64];
	long long account_id;       /* 0: no user */
	char account_email[ACCOUNT_EMAIL_MAX];
	char account_name[ACCOUNT_NAME_MAX];
	bool account_member;        /* the account is still in the organisation */
	char name[ROLE_HOLDER_NAME_MAX];
	char note[ROLE_HOLDER_NOTE_MAX];
	char updated_at[CLOCK_ISO_LEN];
};

/* role_holder_list — the holders recorded for ORG_ID by role id, with the
 * e-mail and name of their account, in a new array (free() it). Not
 * thread-safe on one DB. */
enum mm_err role_holder_list(struct db *db, long long org_id,
    struct role_holder_row **out, size_t *n, struct err *e);

/* role_holder_put — record the holder of ROLE_ID in ORG_ID: ACCOUNT_ID
 * (0: none) and NAME, NOTE (may be NULL or ""); at least one of the
 * account and the name must be given (the caller checks). */
enum mm_err role_holder_put(struct db *db, long long org_id, const char *role_id,
    long long account_id, const char *name, const char *note, const char *now,
    struct err *e);

/* role_holder_delete — forget the holder of ROLE_ID in ORG_ID (no error
 * when there is none). */
enum mm_err role_holder_delete(struct db *db, long long org_id,
    const char *role_id, struct err *e);

#endif
