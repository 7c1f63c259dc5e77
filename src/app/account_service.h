/* account_service.h — accounts, roles, logins, sessions and API tokens
 * as use cases (QUALITY.md S1–S4). Every change is audited; passwords
 * and tokens never appear in the audit log. */
#ifndef MM_ACCOUNT_SERVICE_H
#define MM_ACCOUNT_SERVICE_H

#include "app/app.h"
#include "app/password.h"
#include "store/account_store.h"
#include "store/session_store.h"

#define ONE_TIME_PASSWORD_LEN 16
#define SESSION_IDLE_SECONDS (30 * 60)
#define SESSION_ABSOLUTE_SECONDS (12 * 60 * 60)
#define LOGIN_FAILURES_PER_ACCOUNT 100 /* per hour */
#define LOGIN_FAILURES_PER_ADDRESS 300 /* per hour */

/* account_create — a new account EMAIL (NAME may be NULL) with a fresh
 * one-time password, returned in OTP, that must be changed at the first
 * login; with role R in organisation ORG_ID when ORG_ID > 0. When the
 * account exists already and ORG_ID > 0, only the role is given (OTP is
 * then ""). INSTANCE_ADMIN lets it create organisations. */
enum mm_err account_create(struct app *a, const char *email, const char *name,
    long long org_id, enum role r, bool instance_admin,
    char otp[ONE_TIME_PASSWORD_LEN + 1], struct account *out, struct err *e);

/* account_reset_password — give EMAIL a new one-time password (OTP) and
 * end its sessions. */
enum mm_err account_reset_password(struct app *a, const char *email,
    char otp[ONE_TIME_PASSWORD_LEN + 1], struct err *e);

/* account_change_password — the owner of ACCOUNT_ID changes its password
 * from CURRENT to NEW; every other session of the account ends (the one
 * KEEP_SESSION_ID stays, 0 for none). */
enum mm_err account_change_password(struct app *a, long long account_id,
    const char *current, const char *new_pw, long long keep_session_id,
    struct err *e);

/* account_set_role — give ACCOUNT_ID role R in ORG_ID (ROLE_NONE removes
 * it). The last owner of an organisation can not be removed or demoted. */
enum mm_err account_set_role(struct app *a, long long account_id,
    long long org_id, enum role r, struct err *e);

/* account_disable — disable or enable ACCOUNT_ID; disabling ends its
 * sessions. */
enum mm_err account_disable(struct app *a, long long account_id, bool disabled,
    struct err *e);

/* The outcome of a login. */
enum login_outcome {
	LOGIN_OK = 0,
	LOGIN_BAD,       /* wrong e-mail or password (never says which) */
	LOGIN_THROTTLED, /* too many failures: answer 429 without hashing */
	LOGIN_BUSY       /* no hashing slot: answer 503 */
};

struct login {
	enum login_outcome outcome;
	struct account account;
	char session_token[TOKEN_LEN]; /* the cookie value, on success */
	char csrf_token[TOKEN_LEN];
};

/* auth_login — check EMAIL and PASSWORD from REMOTE at NOW (unix seconds)
 * and on success start a new session. Errors other than the outcomes
 * above (the database failing) are returned as such. */
enum mm_err auth_login(struct app *a, const char *email, const char *password,
    const char *remote, long long now, struct login *out, struct err *e);

/* Who a request acts as. */
struct auth {
	struct account account;
	long long session_id; /* 0 for an API token */
	char csrf_token[TOKEN_LEN];
	long long token_id;   /* the API token used, 0 for a session */
};

/* auth_session — the session whose cookie value is TOKEN, when it is
 * alive at NOW (idle ≤ 30 min, age ≤ 12 h) and its account is enabled;
 * MM_ENOTFOUND otherwise (an expired session is removed). */
enum mm_err auth_session(struct app *a, const char *token, long long now,
    struct auth *out, struct err *e);

/* auth_logout — end session SESSION_ID of ACCOUNT_ID. */
enum mm_err auth_logout(struct app *a, long long account_id,
    long long session_id, struct err *e);

/* auth_bearer — the account of the live API token TOKEN. */
enum mm_err auth_bearer(struct app *a, const char *token, struct auth *out,
    struct err *e);

/* auth_token_create — a new personal API token NAME for ACCOUNT_ID; the
 * secret is returned once in TOKEN. */
enum mm_err auth_token_create(struct app *a, long long account_id,
    const char *name, char token[TOKEN_LEN], long long *id, struct err *e);

/* auth_token_revoke — revoke token ID of ACCOUNT_ID. */
enum mm_err auth_token_revoke(struct app *a, long long account_id, long long id,
    struct err *e);

/* account_email_valid — a plausible e-mail address (one @, no spaces,
 * at most 254 bytes). */
bool account_email_valid(const char *email);

#endif
