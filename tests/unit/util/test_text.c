/* test_text.c — strict number parsing, trimming, UTF-8 checks, display
 * width and slugs (util/text.h). */
#include "support/mm_test.h"

#include <limits.h>

#include "util/text.h"

static void
test_parse_long_accepts(void **state)
{
	static const struct { const char *s; long v; } ok[] = {
		{ "0", 0 }, { "7", 7 }, { "42", 42 }, { "-7", -7 }, { "+5", 5 },
		{ "007", 7 }, { "-0", 0 },
		{ "9223372036854775807", LONG_MAX }, { "-9223372036854775808", LONG_MIN },
	};
	size_t i;
	long v;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		v = 12345;
		assert_true(text_parse_long(ok[i].s, &v));
		assert_int_equal(v, ok[i].v);
	}
}

static void
test_parse_long_rejects(void **state)
{
	static const char *const bad[] = {
		"", " 1", "1 ", "\t1", "1\n", "1x", "x1", "x", "-", "+", "--1", "+-1",
		"0x10", "1.0", "1e3", "1,000", "１", "9223372036854775808",
		"-9223372036854775809", "99999999999999999999999",
	};
	size_t i;
	long v;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = 12345;
		if (text_parse_long(bad[i], &v)) {
			print_error("accepted \"%s\"\n", bad[i]);
			fail();
		}
		assert_int_equal(v, 12345); /* unchanged */
	}
	assert_false(text_parse_long(NULL, &v));
}

static void
test_trim(void **state)
{
	char a[] = "  \t hello world \r\n", b[] = "", c[] = " \t\r\n ", d[] = "x";

	(void)state;
	assert_string_equal(text_trim(a), "hello world");
	assert_string_equal(text_trim(b), "");
	assert_string_equal(text_trim(c), "");
	assert_string_equal(text_trim(d), "x");
}

#define V(s) text_utf8_valid((s), sizeof(s) - 1)

static void
test_utf8_valid(void **state)
{
	(void)state;
	assert_true(text_utf8_valid("", 0));
	assert_true(V("plain ascii"));
	assert_true(V("日本語のテキスト"));
	assert_true(V("\xc2\x80"));             /* U+0080, smallest 2-byte */
	assert_true(V("\xe0\xa0\x80"));         /* U+0800 */
	assert_true(V("\xed\x9f\xbf"));         /* U+D7FF, below surrogates */
	assert_true(V("\xee\x80\x80"));         /* U+E000, above surrogates */
	assert_true(V("\xef\xbf\xbf"));         /* U+FFFF */
	assert_true(V("\xf0\x90\x80\x80"));     /* U+10000 */
	assert_true(V("\xf0\x9f\x98\x80"));     /* emoji */
	assert_true(V("\xf4\x8f\xbf\xbf"));     /* U+10FFFF */
	/* overlong forms */
	assert_false(V("\xc0\x80"));
	assert_false(V("\xc0\xaf"));
	assert_false(V("\xc1\xbf"));
	assert_false(V("\xe0\x80\x80"));
	assert_false(V("\xe0\x9f\xbf"));
	assert_false(V("\xf0\x80\x80\x80"));
	assert_false(V("\xf0\x8f\xbf\xbf"));
	/* surrogates */
	assert_false(V("\xed\xa0\x80"));
	assert_false(V("\xed\xbf\xbf"));
	assert_false(V("a\xed\xb0\x80z"));
	/* beyond U+10FFFF, bytes that never occur */
	assert_false(V("\xf4\x90\x80\x80"));
	assert_false(V("\xf5\x80\x80\x80"));
	assert_false(V("\xf8\x88\x80\x80\x80"));
	assert_false(V("\xfe"));
	assert_false(V("\xff"));
	/* broken sequences */
	assert_false(V("\x80"));
	assert_false(V("a\xbf"));
	assert_false(V("\xe3\x81"));            /* cut short */
	assert_false(V("\xe3\x81z"));
	assert_false(V("\xe3z\x81"));
	assert_false(text_utf8_valid("\xe3\x81\x82", 2)); /* n cuts it */
	/* NUL */
	assert_false(text_utf8_valid("a\0b", 3));
	assert_false(text_utf8_valid("\0", 1));
	assert_true(text_utf8_valid("a\0b", 1));
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("日本"), 4);
	assert_int_equal(text_width("A日b"), 4);
	assert_int_equal(text_width("ひらがな"), 8);
	assert_int_equal(text_width("カタカナ"), 8);
	assert_int_equal(text_width("\xef\xbd\xb1"), 1);      /* halfwidth ｱ */
	assert_int_equal(text_width("\xef\xbc\xa1"), 2);      /* fullwidth Ａ */
	assert_int_equal(text_width("\xe3\x80\x80"), 2);      /* ideographic space */
	assert_int_equal(text_width("한국"), 4);
	assert_int_equal(text_width("\xf0\x9f\x98\x80"), 2);  /* emoji */
	assert_int_equal(text_width("é"), 1);
	assert_int_equal(text_width("第3.1版"), 2 + 3 + 2);
}

static void
test_is_slug(void **state)
{
	static const char *const ok[] = { "a", "acme", "acme-corp", "a1", "123",
		"a-b-c", "a--b" };
	static const char *const bad[] = { "", "-a", "a-", "-", "Acme", "a b",
		"a_b", "a.b", "日本", "a\n" };
	char long63[64], long64[65];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		assert_true(text_is_slug(ok[i]));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(text_is_slug(bad[i]));
	memset(long63, 'a', 63);
	long63[63] = '\0';
	memset(long64, 'a', 64);
	long64[64] = '\0';
	assert_true(text_is_slug(long63));
	assert_false(text_is_slug(long64));
}

static void
test_slugify_examples(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "ACME Corp.", "acme-corp" },
		{ "株式会社テスト", "org" },
		{ "", "org" },
		{ "...", "org" },
		{ "  Hello   World  ", "hello-world" },
		{ "ABC株式会社", "abc" },
		{ "株式会社ABC", "abc" },
		{ "テスト123社", "123" },
		{ "a--b__c", "a-b-c" },
		{ "Ｔｅｓｔ", "org" }, /* fullwidth letters are not ASCII */
		{ "R&D 2nd-Office", "r-d-2nd-office" },
	};
	char out[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		text_slugify(cases[i].in, out, sizeof(out));
		if (strcmp(out, cases[i].out) != 0) {
			print_error("slugify(\"%s\") = \"%s\", want \"%s\"\n", cases[i].in,
			    out, cases[i].out);
			fail();
		}
		assert_true(text_is_slug(out));
	}
}

static void
test_slugify_small_buffers(void **state)
{
	char out[8];

	(void)state;
	text_slugify("abcdefghijkl", out, sizeof(out));
	assert_string_equal(out, "abcdefg");
	text_slugify("ab cd", out, 2);
	assert_string_equal(out, "a");
	text_slugify("日本", out, 4);
	assert_string_equal(out, "org");
	text_slugify("abc def", out, 5);
	assert_true(strlen(out) <= 4);
	assert_true(text_is_slug(out));
}

/* a long name with a separator right at the 63-character limit: the slug
 * must still be a valid slug (at most 63 characters) */
static void
test_slugify_limit(void **state)
{
	char name[128], out[128];

	(void)state;
	memset(name, 'a', 62);
	memcpy(name + 62, " b", 3);
	text_slugify(name, out, sizeof(out));
	if (!text_is_slug(out)) {
		print_error("slugify gave %zu characters: %s\n", strlen(out), out);
		fail();
	}
}

/* random ASCII names: the result is always a slug and never longer
 * than the buffer allows */
static void
test_slugify_property(void **state)
{
	static const char alphabet[] = "abcXYZ019 -_.&/\t";
	uint64_t seed = 0xfeedface;
	char name[200], out[128];
	int iter;
	size_t bad = 0;

	(void)state;
	for (iter = 0; iter < 20000; iter++) {
		size_t n = mmt_below(&seed, 150), i, outsz = 2 + mmt_below(&seed, 120);
		for (i = 0; i < n; i++)
			name[i] = alphabet[mmt_below(&seed, sizeof(alphabet) - 1)];
		name[n] = '\0';
		text_slugify(name, out, outsz);
		assert_true(strlen(out) < outsz || strcmp(out, "org") == 0);
		if (!text_is_slug(out) && bad++ < 3)
			print_error("slugify(\"%s\", %zu) = \"%s\" (%zu)\n", name, outsz, out,
			    strlen(out));
	}
	assert_int_equal(bad, 0);
}

static void
test_has_prefix(void **state)
{
	(void)state;
	assert_true(text_has_prefix("migrations/001", "migrations/"));
	assert_true(text_has_prefix("abc", ""));
	assert_true(text_has_prefix("abc", "abc"));
	assert_false(text_has_prefix("ab", "abc"));
	assert_false(text_has_prefix("xabc", "abc"));
}

/* the ideographic space U+3000 is trimmed like an ASCII space, inside
 * text it stays */
static void
test_trim_ideographic_space(void **state)
{
	char a[] = "\xe3\x80\x80 顧客\xe3\x80\x80名簿 \xe3\x80\x80";
	char b[] = "\xe3\x80\x80\xe3\x80\x80";
	char c[] = "\xe3\x80";

	(void)state;
	assert_string_equal(text_trim(a), "顧客\xe3\x80\x80名簿");
	assert_string_equal(text_trim(b), "");
	assert_string_equal(text_trim(c), "\xe3\x80");
}

static void
test_date_valid(void **state)
{
	(void)state;
	assert_true(text_date_valid("2026-11-26"));
	assert_true(text_date_valid("2028-02-29"));
	assert_true(text_date_valid("2000-02-29"));
	assert_false(text_date_valid("1900-02-29"));
	assert_false(text_date_valid("2026-02-29"));
	assert_false(text_date_valid("2026-04-31"));
	assert_false(text_date_valid("2026-13-01"));
	assert_false(text_date_valid("2026-00-10"));
	assert_false(text_date_valid("2026-1-1"));
	assert_false(text_date_valid("2026/01/01"));
	assert_false(text_date_valid(""));
	assert_false(text_date_valid(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_long_accepts),
		cmocka_unit_test(test_parse_long_rejects),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_trim_ideographic_space),
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_is_slug),
		cmocka_unit_test(test_slugify_examples),
		cmocka_unit_test(test_slugify_small_buffers),
		cmocka_unit_test(test_slugify_limit),
		cmocka_unit_test(test_slugify_property),
		cmocka_unit_test(test_has_prefix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
