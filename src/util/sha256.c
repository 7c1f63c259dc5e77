/* sha256.c — SHA-256 as lower-case hex. */
#include "util/sha256.h"

#include <sodium.h>

void
sha256_hex(const void *p, size_t n, char out[SHA256_HEX_LEN])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p, n);
	sodium_bin2hex(out, SHA256_HEX_LEN, h, sizeof(h));
}
