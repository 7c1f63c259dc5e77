/* sha256.h — SHA-256 as lower-case hex (libsodium underneath). */
#ifndef MM_SHA256_H
#define MM_SHA256_H

#include <stddef.h>

#define SHA256_HEX_LEN 65 /* 64 hex digits + NUL */

/* sha256_hex — the SHA-256 of the N bytes at P, as hex, in OUT. */
void sha256_hex(const void *p, size_t n, char out[SHA256_HEX_LEN]);

#endif
