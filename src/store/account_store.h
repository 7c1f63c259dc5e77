/* account_store.h — user accounts and their role in each organisation. */
#ifndef MM_ACCOUNT_STORE_H
#define MM_ACCOUNT_STORE_H

#include <stdbool.h>

#include "core/access.h"
#include "store/db.h"
#include "util/clock.h"

#define ACCOUNT_EMAIL_MAX 256
#define ACCOUNT_NAME_MAX 512 /* 80 characters in any UTF-8 */
#define ACCOUNT_HASH_MAX 160

struct account {
	long long id;
	char email[ACCOUNT_EMAIL_MAX];
	char name[ACCOUNT_NAME_MAX];
	char password_hash[ACCOUNT_HASH_MAX];
	bool must_change_password; /* a one-time password is set */
	bool disabled;
	bool instance_admin;       /* may create organisations */
	char created_at[CLOCK_ISO_LEN];
};

struct membership {
	long long account_id;
	long long org_id;
	enum role role;
	char org_slug[64];
	char org_name[512];
	char email[ACCOUNT_EMAIL_MAX];
	char account_name[ACCOUNT_NAME_MAX];
	bool disabled;
};

/* account_insert — store A as a new account (A->id set); MM_ECONFLICT
 * when the e-mail address is taken. */
enum mm_err account_insert(struct db *db, struct account *a, struct err *e);

/* account_get / account_get_by_email — into *A; MM_ENOTFOUND if none.
 * E-mail addresses compare without case. */
enum mm_err account_get(struct db *db, long long id, struct account *a,
    struct err *e);
enum mm_err account_get_by_email(struct db *db, const char *email,
    struct account *a, struct err *e);

/* account_list — every account by e-mail in a new array (free() it). */
enum mm_err account_list(struct db *db, struct account **out, size_t *n,
    struct err *e);

/* account_count — the number of accounts. */
enum mm_err account_count(struct db *db, long long *n, struct err *e);

/* account_set_password — new HASH; MUST_CHANGE marks a one-time one. */
enum mm_err account_set_password(struct db *db, long long id, const char *hash,
    bool must_change, const char *now, struct err *e);

/* account_set_disabled — disable or enable account ID. */
enum mm_err account_set_disabled(struct db *db, long long id, bool disabled,
    struct err *e);

/* account_set_name — the display name of account ID. */
enum mm_err account_set_name(struct db *db, long long id, const char *name,
    struct err *e);

/* membership_set — give account ACCOUNT_ID role R in ORG_ID (replacing
 * any role it had there). */
enum mm_err membership_set(struct db *db, long long account_id, long long org_id,
    enum role r, const char *now, struct err *e);

/* membership_remove — take account ACCOUNT_ID out of ORG_ID. */
enum mm_err membership_remove(struct db *db, long long account_id,
    long long org_id, struct err *e);

/* membership_role — the role of ACCOUNT_ID in ORG_ID (ROLE_NONE when it
 * has none) into *R. */
enum mm_err membership_role(struct db *db, long long account_id, long long org_id,
    enum role *r, struct err *e);

/* membership_of_account — the organisations of ACCOUNT_ID, by slug, in a
 * new array (free() it). */
enum mm_err membership_of_account(struct db *db, long long account_id,
    struct membership **out, size_t *n, struct err *e);

/* membership_of_org — the accounts of ORG_ID, by e-mail, in a new array
 * (free() it). */
enum mm_err membership_of_org(struct db *db, long long org_id,
    struct membership **out, size_t *n, struct err *e);

/* membership_count_role — how many enabled accounts other than
 * EXCEPT_ID (0: none excepted) have role R in ORG_ID. */
enum mm_err membership_count_role(struct db *db, long long org_id, enum role r,
    long long except_id, long long *n, struct err *e);

#endif
