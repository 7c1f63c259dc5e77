/* token.h — random secrets (session ids, API tokens, CSRF tokens,
 * one-time passwords) from libsodium's CSPRNG. */
#ifndef MM_TOKEN_H
#define MM_TOKEN_H

#include <stddef.h>

#include "util/sha256.h"

/* 32 random bytes as URL-safe base64 without padding: 43 characters. */
#define TOKEN_LEN 44

/* token_random — a fresh 256-bit secret as text in OUT. */
void token_random(char out[TOKEN_LEN]);

/* token_hash — how a secret is stored: the SHA-256 of its text, as hex. */
void token_hash(const char *token, char out[SHA256_HEX_LEN]);

/* token_password — a one-time password of N characters (N < OUTSZ) from
 * an alphabet without look-alike characters (no 0/O, 1/l/I). */
void token_password(char *out, size_t outsz, size_t n);

#endif
