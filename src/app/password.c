/* password.c — password rules and argon2id hashing. */
#include "app/password.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/embed.h"
#include "util/text.h"

/* OWASP's minimum for argon2id: m = 19 MiB, t = 2, p = 1 */
#define OPSLIMIT 2
#define MEMLIMIT (19u * 1024 * 1024)
#define SLOT_WAIT_MS 2000

static sem_t slots;
static unsigned slots_count = 2;
static pthread_once_t slots_once = PTHREAD_ONCE_INIT;

static void
slots_init(void)
{
	sem_init(&slots, 0, slots_count);
}

void
password_set_slots(unsigned n)
{
	slots_count = n ? n : 1;
	pthread_once(&slots_once, slots_init);
}

static bool
slot_take(void)
{
	struct timespec ts;

	pthread_once(&slots_once, slots_init);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += (SLOT_WAIT_MS % 1000) * 1000000L;
	ts.tv_sec += SLOT_WAIT_MS / 1000 + ts.tv_nsec / 1000000000L;
	ts.tv_nsec %= 1000000000L;
	while (sem_timedwait(&slots, &ts) != 0)
		if (errno != EINTR)
			return false;
	return true;
}

static void
slot_give(void)
{
	sem_post(&slots);
}

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* true when PW is on the embedded list of common passwords */
static bool
is_common(const char *pw)
{
	const struct embed_file *f = embed_find("data/common-passwords.txt");
	const char *p, *end, *nl;
	size_t n = strlen(pw);

	if (f == NULL)
		return false;
	p = (const char *)f->data;
	end = p + f->size;
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if ((size_t)(nl - p) == n && strncmp(p, pw, n) == 0)
			return true;
	}
	return false;
}

/* PW (N bytes) is one character, repeated */
static bool
one_character_repeated(const char *pw, size_t n)
{
	unsigned char c = (unsigned char)pw[0];
	size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, i;

	if (len > n || n % len != 0)
		return false;
	for (i = len; i < n; i += len)
		if (memcmp(pw, pw + i, len) != 0)
			return false;
	return true;
}

enum mm_err
password_check(const char *pw, const char *email, struct err *e)
{
	size_t chars, n;
	char local[128];
	const char *at;

	if (pw == NULL || !text_utf8_valid(pw, strlen(pw)))
		return err_key(e, MM_EINVAL, "err.password.chars");
	chars = utf8_chars(pw);
	if (chars < PASSWORD_MIN_CHARS)
		return err_keyf(e, MM_EINVAL, "err.password.too_short", "{min}%d",
		    PASSWORD_MIN_CHARS);
	if (chars > PASSWORD_MAX_CHARS)
		return err_keyf(e, MM_EINVAL, "err.password.too_long", "{max}%d",
		    PASSWORD_MAX_CHARS);
	n = strlen(pw);
	if (one_character_repeated(pw, n) || is_common(pw))
		return err_key(e, MM_EINVAL, "err.password.common");
	if (email != NULL && (at = strchr(email, '@')) != NULL &&
	    (size_t)(at - email) >= 4 && (size_t)(at - email) < sizeof(local)) {
		memcpy(local, email, (size_t)(at - email));
		local[at - email] = '\0';
		if (strstr(pw, local) != NULL)
			return err_key(e, MM_EINVAL, "err.password.email");
	}
	return MM_OK;
}

enum mm_err
password_hash(const char *pw, char out[PASSWORD_HASH_MAX], struct err *e)
{
	int rc;

	if (!slot_take())
		return err_key(e, MM_ECONFLICT, "err.busy");
	rc = crypto_pwhash_str_alg(out, pw, strlen(pw), OPSLIMIT, MEMLIMIT,
	    crypto_pwhash_ALG_ARGON2ID13);
	slot_give();
	if (rc != 0)
		return err_key(e, MM_ENOMEM, "err.password.nomem");
	return MM_OK;
}

bool
password_verify(const char *hash, const char *pw, bool *rehash, bool *busy)
{
	bool ok;

	if (rehash != NULL)
		*rehash = false;
	if (busy != NULL)
		*busy = false;
	if (!slot_take()) {
		if (busy != NULL)
			*busy = true;
		return false;
	}
	ok = crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
	slot_give();
	if (ok && rehash != NULL)
		*rehash = crypto_pwhash_str_needs_rehash(hash, OPSLIMIT, MEMLIMIT) != 0;
	return ok;
}

static char dummy_hash[PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

/* a hash of a random secret: no password matches it */
static void
dummy_make(void)
{
	unsigned char r[16];
	char hex[33];

	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(hex, sizeof(hex), r, sizeof(r));
	if (crypto_pwhash_str_alg(dummy_hash, hex, strlen(hex), OPSLIMIT, MEMLIMIT,
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		dummy_hash[0] = '\0';
}

void
password_dummy_verify(const char *pw)
{
	pthread_once(&dummy_once, dummy_make);
	if (dummy_hash[0] != '\0')
		password_verify(dummy_hash, pw, NULL, NULL);
}
