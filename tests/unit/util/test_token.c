/* test_token.c — random secrets (util/token.h): session ids and API
 * tokens of 43 URL-safe characters (256 bits), all different; their
 * stored form, the SHA-256 hex of the text; one-time passwords without
 * look-alike characters (0/O, 1/l/I), of the length asked for. */
#include "support/mm_test.h"

#include "util/token.h"

#define URLSAFE "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
#define OTP_ALPHABET "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

static void
test_random_shape(void **state)
{
	char t[TOKEN_LEN];
	size_t i;
	int k;

	(void)state;
	assert_int_equal(TOKEN_LEN, 44);
	for (k = 0; k < 200; k++) {
		memset(t, '#', sizeof(t));
		token_random(t);
		assert_int_equal(strlen(t), 43);
		for (i = 0; i < 43; i++)
			if (strchr(URLSAFE, t[i]) == NULL) {
				print_error("character %d in %s\n", t[i], t);
				fail();
			}
		/* no padding, nothing that needs escaping in a cookie or URL */
		assert_lacks(t, "=");
		assert_lacks(t, "+");
		assert_lacks(t, "/");
	}
}

static void
test_random_differs(void **state)
{
	static char t[500][TOKEN_LEN];
	bool seen[256];
	size_t i, j;

	(void)state;
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < 500; i++)
		token_random(t[i]);
	for (i = 0; i < 500; i++)
		for (j = i + 1; j < 500; j++)
			assert_string_not_equal(t[i], t[j]);
	/* the whole alphabet is used (all but the last character; it holds
	 * the 4 bits left over) */
	for (i = 0; i < 500; i++)
		for (j = 0; j < 42; j++)
			seen[(unsigned char)t[i][j]] = true;
	for (i = 0; URLSAFE[i]; i++)
		if (!seen[(unsigned char)URLSAFE[i]]) {
			print_error("'%c' never seen in 500 tokens\n", URLSAFE[i]);
			fail();
		}
}

static void
test_hash(void **state)
{
	char h[SHA256_HEX_LEN], t[TOKEN_LEN], h2[SHA256_HEX_LEN];
	size_t i;

	(void)state;
	assert_int_equal(SHA256_HEX_LEN, 65);
	token_hash("abc", h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	token_hash("", h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	token_random(t);
	token_hash(t, h);
	assert_int_equal(strlen(h), 64);
	for (i = 0; i < 64; i++)
		assert_non_null(strchr("0123456789abcdef", h[i]));
	assert_string_not_equal(h, t);
	token_hash(t, h2);
	assert_string_equal(h, h2);
	t[0] = t[0] == 'A' ? 'B' : 'A';
	token_hash(t, h2);
	assert_string_not_equal(h, h2);
}

static void
test_password_alphabet(void **state)
{
	char p[64];
	bool seen[256];
	size_t i;
	int k;

	(void)state;
	memset(seen, 0, sizeof(seen));
	for (k = 0; k < 1000; k++) {
		token_password(p, sizeof(p), 16);
		assert_int_equal(strlen(p), 16);
		for (i = 0; i < 16; i++) {
			if (strchr(OTP_ALPHABET, p[i]) == NULL) {
				print_error("'%c' in one-time password %s\n", p[i], p);
				fail();
			}
			seen[(unsigned char)p[i]] = true;
		}
	}
	/* never a look-alike */
	assert_false(seen['0']);
	assert_false(seen['O']);
	assert_false(seen['1']);
	assert_false(seen['l']);
	assert_false(seen['I']);
	/* and the rest of the alphabet is used */
	for (i = 0; OTP_ALPHABET[i]; i++)
		assert_true(seen[(unsigned char)OTP_ALPHABET[i]]);
}

static void
test_password_lengths(void **state)
{
	char p[17], q[17];

	(void)state;
	token_password(p, sizeof(p), 16);
	token_password(q, sizeof(q), 16);
	assert_int_equal(strlen(p), 16);
	assert_string_not_equal(p, q);
	/* N ≥ OUTSZ: truncated to fit, always terminated */
	memset(p, '#', sizeof(p));
	token_password(p, 8, 100);
	assert_int_equal(strlen(p), 7);
	assert_int_equal(p[8], '#'); /* nothing written past OUTSZ */
	token_password(p, 8, 8);
	assert_int_equal(strlen(p), 7);
	token_password(p, sizeof(p), 0);
	assert_string_equal(p, "");
	/* OUTSZ 0: nothing written at all */
	memset(p, '#', sizeof(p));
	token_password(p, 0, 5);
	assert_int_equal(p[0], '#');
	token_password(p, 1, 5);
	assert_string_equal(p, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_shape),
		cmocka_unit_test(test_random_differs),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_password_alphabet),
		cmocka_unit_test(test_password_lengths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
