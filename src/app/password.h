/* password.h — the password rules (QUALITY.md S1, S2): at least 12
 * characters, up to 256 accepted, no composition rules, common passwords
 * refused; argon2id hashes with libsodium; the number of hashes computed
 * at once is bounded so that a flood of logins can not exhaust memory. */
#ifndef MM_PASSWORD_H
#define MM_PASSWORD_H

#include <stdbool.h>
#include <sodium.h>

#include "util/err.h"

#define PASSWORD_MIN_CHARS 12
#define PASSWORD_MAX_CHARS 256
#define PASSWORD_HASH_MAX crypto_pwhash_STRBYTES

/* password_check — MM_OK when PW may be used by the account EMAIL (may
 * be NULL); MM_EINVAL with the reason in Japanese otherwise. */
enum mm_err password_check(const char *pw, const char *email, struct err *e);

/* password_hash — the argon2id hash of PW into OUT. MM_ECONFLICT when
 * too many hashes are being computed (the caller answers "busy"). */
enum mm_err password_hash(const char *pw, char out[PASSWORD_HASH_MAX],
    struct err *e);

/* password_verify — true when PW matches HASH. *REHASH (may be NULL) is
 * set when HASH uses older parameters and should be replaced. *BUSY (may
 * be NULL) is set, and false returned, when no hashing slot was free. */
bool password_verify(const char *hash, const char *pw, bool *rehash, bool *busy);

/* password_dummy_verify — spend the time of one verification without an
 * account, so that unknown e-mail addresses are not revealed by timing. */
void password_dummy_verify(const char *pw);

/* password_set_slots — how many hashes may run at once (default 2). Call
 * before serving. */
void password_set_slots(unsigned n);

#endif
