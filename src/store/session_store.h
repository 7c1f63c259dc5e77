/* session_store.h — login sessions, personal API tokens and the record
 * of failed logins used for throttling. Secrets are stored only as
 * hashes (util/token.h). */
#ifndef MM_SESSION_STORE_H
#define MM_SESSION_STORE_H

#include <stdbool.h>

#include "store/db.h"
#include "util/clock.h"
#include "util/sha256.h"
#include "util/token.h"

struct session_row {
	long long id;
	long long account_id;
	char csrf_token[TOKEN_LEN];
	long long created_at;   /* unix seconds */
	long long last_seen_at; /* unix seconds */
};

struct api_token_row {
	long long id;
	long long account_id;
	char name[128];
	char created_at[CLOCK_ISO_LEN];
	char last_used_at[CLOCK_ISO_LEN]; /* "" when never */
	bool revoked;
};

/* session_insert — a session for ACCOUNT_ID whose id hashes to HASH. */
enum mm_err session_insert(struct db *db, const char *hash, long long account_id,
    const char *csrf, long long now, const char *remote, struct err *e);

/* session_get — the session whose id hashes to HASH; MM_ENOTFOUND. */
enum mm_err session_get(struct db *db, const char *hash, struct session_row *s,
    struct err *e);

/* session_touch — the session ID was used at NOW. */
enum mm_err session_touch(struct db *db, long long id, long long now,
    struct err *e);

/* session_delete — end session ID. */
enum mm_err session_delete(struct db *db, long long id, struct err *e);

/* session_delete_account — end every session of ACCOUNT_ID but KEEP_ID
 * (0: end all). */
enum mm_err session_delete_account(struct db *db, long long account_id,
    long long keep_id, struct err *e);

/* session_purge — remove sessions idle since IDLE_BEFORE or created
 * before CREATED_BEFORE. */
enum mm_err session_purge(struct db *db, long long idle_before,
    long long created_before, struct err *e);

/* api_token_insert — a token NAME for ACCOUNT_ID hashing to HASH; *ID. */
enum mm_err api_token_insert(struct db *db, long long account_id,
    const char *name, const char *hash, const char *now, long long *id,
    struct err *e);

/* api_token_find — the live (not revoked) token hashing to HASH. */
enum mm_err api_token_find(struct db *db, const char *hash,
    struct api_token_row *t, struct err *e);

/* api_token_touch — token ID was used at NOW. */
enum mm_err api_token_touch(struct db *db, long long id, const char *now,
    struct err *e);

/* api_token_list — the tokens of ACCOUNT_ID, newest first (free()). */
enum mm_err api_token_list(struct db *db, long long account_id,
    struct api_token_row **out, size_t *n, struct err *e);

/* api_token_revoke — revoke token ID of ACCOUNT_ID at NOW; MM_ENOTFOUND
 * when it is not that account's live token. */
enum mm_err api_token_revoke(struct db *db, long long account_id, long long id,
    const char *now, struct err *e);

/* login_failure_add — a failed login for EMAIL from REMOTE at NOW. */
enum mm_err login_failure_add(struct db *db, const char *email,
    const char *remote, long long now, struct err *e);

/* login_failure_count — failures for EMAIL and from REMOTE since SINCE. */
enum mm_err login_failure_count(struct db *db, const char *email,
    const char *remote, long long since, long long *by_email,
    long long *by_remote, struct err *e);

/* login_failure_purge — forget failures before BEFORE. */
enum mm_err login_failure_purge(struct db *db, long long before, struct err *e);

#endif
