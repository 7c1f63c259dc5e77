/* test_buf.c — the growable buffer with a hard cap (util/buf.h). */
#include "support/mm_test.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"

static void
test_empty(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(b.cap, BUF_DEFAULT_CAP);
	assert_int_equal(b.len, 0);
	assert_null(b.data);
	assert_false(buf_failed(&b));
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
	buf_free(&b); /* twice is fine */
	assert_string_equal(buf_cstr(&b), "");
}

static void
test_append_terminates(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 100);
	assert_true(buf_append(&b, "ab", 2));
	assert_true(buf_puts(&b, "cd"));
	assert_true(buf_putc(&b, 'e'));
	assert_true(buf_append(&b, "", 0));
	assert_true(buf_append(&b, NULL, 0));
	assert_int_equal(b.len, 5);
	assert_string_equal(buf_cstr(&b), "abcde");
	assert_int_equal(b.data[b.len], '\0');
	/* bytes with NUL inside are kept, len counts them */
	assert_true(buf_append(&b, "x\0y", 3));
	assert_int_equal(b.len, 8);
	assert_memory_equal(b.data, "abcdex\0y", 9);
	buf_free(&b);
}

static void
test_cap_is_exact(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_true(buf_puts(&b, "1234567"));
	assert_true(buf_putc(&b, '8'));      /* exactly the cap */
	assert_int_equal(b.len, 8);
	assert_false(buf_failed(&b));
	assert_false(buf_putc(&b, '9'));     /* one past */
	assert_true(buf_failed(&b));
	assert_int_equal(b.len, 8);
	assert_string_equal(buf_cstr(&b), "12345678");
	assert_true(b.alloc <= 9);
	buf_free(&b);

	/* one append larger than the cap: nothing is taken */
	buf_init(&b, 4);
	assert_false(buf_puts(&b, "hello"));
	assert_true(buf_failed(&b));
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
	assert_false(buf_failed(&b)); /* freed: usable again, same cap */
	assert_int_equal(b.cap, 4);
	assert_true(buf_puts(&b, "four"));
	buf_free(&b);
}

static void
test_sticky_failure(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 4);
	assert_true(buf_puts(&b, "ab"));
	assert_false(buf_puts(&b, "cde"));
	/* later appends that would fit are refused too */
	assert_false(buf_putc(&b, 'c'));
	assert_false(buf_append(&b, "", 0));
	assert_false(buf_printf(&b, "%d", 1));
	assert_true(buf_failed(&b));
	assert_string_equal(buf_cstr(&b), "ab");
	/* reset clears the error and keeps the memory */
	buf_reset(&b);
	assert_false(buf_failed(&b));
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	assert_true(buf_puts(&b, "wxyz"));
	assert_string_equal(buf_cstr(&b), "wxyz");
	buf_free(&b);
}

/* buf_cut keeps the first bytes, terminates and clears a failure */
static void
test_cut(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_true(buf_puts(&b, "abcdef"));
	buf_cut(&b, 3);
	assert_int_equal(b.len, 3);
	assert_string_equal(buf_cstr(&b), "abc");
	assert_false(buf_puts(&b, "0123456789"));   /* over the cap */
	assert_true(buf_failed(&b));
	buf_cut(&b, 2);
	assert_false(buf_failed(&b));
	assert_string_equal(buf_cstr(&b), "ab");
	buf_cut(&b, 99);                              /* beyond: length kept */
	assert_int_equal(b.len, 2);
	assert_true(buf_puts(&b, "xy"));
	assert_string_equal(buf_cstr(&b), "abxy");
	buf_free(&b);
}

static void
test_printf_growth(void **state)
{
	struct buf b;
	char want[400];
	size_t off = 0;
	int i;
	char *expect = calloc(1, 200000);

	(void)state;
	assert_non_null(expect);
	buf_init(&b, 0);
	for (i = 0; i < 20000; i++) {
		int n = snprintf(want, sizeof(want), "%d:%s;", i, i % 3 ? "x" : "yy");
		memcpy(expect + off, want, (size_t)n);
		off += (size_t)n;
		assert_true(buf_printf(&b, "%d:%s;", i, i % 3 ? "x" : "yy"));
	}
	assert_int_equal(b.len, off);
	assert_string_equal(buf_cstr(&b), expect);
	assert_true(b.alloc > b.len);
	free(expect);
	buf_free(&b);

	/* one format far larger than the first allocation */
	buf_init(&b, 0);
	assert_true(buf_printf(&b, "%s|%0500d|%s", "head", 7, "tail"));
	assert_int_equal(b.len, 4 + 1 + 500 + 1 + 4);
	assert_int_equal(b.data[4 + 1 + 499], '7');
	assert_string_equal(b.data + b.len - 4, "tail");
	buf_free(&b);
}

static void
test_printf_respects_cap(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 10);
	assert_true(buf_printf(&b, "%s", "12345"));
	assert_true(buf_printf(&b, "%d", 67890)); /* exactly 10 */
	assert_false(buf_printf(&b, "%c", 'x'));
	assert_true(buf_failed(&b));
	assert_string_equal(buf_cstr(&b), "1234567890");
	buf_free(&b);

	buf_init(&b, 10);
	assert_false(buf_printf(&b, "%020d", 1));
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
}

static void
test_steal(void **state)
{
	struct buf b;
	char *s;

	(void)state;
	buf_init(&b, 64);
	assert_true(buf_puts(&b, "owned"));
	s = buf_steal(&b);
	assert_non_null(s);
	assert_string_equal(s, "owned");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	/* the buffer is usable again */
	assert_true(buf_puts(&b, "again"));
	assert_string_equal(buf_cstr(&b), "again");
	free(s);
	buf_free(&b);

	/* an empty buffer gives an allocated "" */
	buf_init(&b, 64);
	s = buf_steal(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	buf_free(&b);

	/* a failed buffer gives NULL and is left empty */
	buf_init(&b, 2);
	assert_false(buf_puts(&b, "abc"));
	assert_true(buf_putc(&b, 'x') == false);
	assert_null(buf_steal(&b));
	assert_int_equal(b.len, 0);
	assert_null(b.data);
	buf_free(&b);
}

static void
test_many_small_appends(void **state)
{
	struct buf b;
	size_t i;

	(void)state;
	buf_init(&b, 100000);
	for (i = 0; i < 100000; i++)
		assert_true(buf_putc(&b, (char)('a' + i % 26)));
	assert_false(buf_putc(&b, 'z'));
	for (i = 0; i < 100000; i++)
		assert_int_equal(b.data[i], 'a' + i % 26);
	assert_int_equal(b.data[100000], '\0');
	buf_free(&b);
}

/* buf_put_dec1 V writes what snprintf "%.1f" writes; counts a mismatch */
static int
dec1_differs(double v)
{
	char want[400];
	struct buf b;
	int bad;

	snprintf(want, sizeof(want), "%.1f", v);
	buf_init(&b, 0);
	buf_put_dec1(&b, v);
	bad = strcmp(buf_cstr(&b), want) != 0;
	if (bad)
		print_error("%.17g: buf_put_dec1 \"%s\", printf \"%s\"\n", v, buf_cstr(&b), want);
	buf_free(&b);
	return bad;
}

static void
test_put_dec1_is_printf(void **state)
{
	static const double special[] = {
		0.0, -0.0, 0.04, -0.04, 0.05, -0.05, 0.15, 0.25, 0.35, 0.45, 0.75, 1.25,
		2.5, 9.95, 9.96, 99.95, 0.95, 1e13 + 0.05, 99999999999999.95, 1e14, -1e14,
		1e300, 5e-324, 0.049999999999999996, 0.05000000000000001,
		INFINITY, -INFINITY, NAN,
	};
	unsigned long long x = 88172645463325252ULL;
	int bad = 0;
	long k;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(special) / sizeof(special[0]); i++)
		bad += dec1_differs(special[i]);
	/* every hundredth and every quarter in ±2000: the near-ties */
	for (k = -200000; k <= 200000; k++)
		bad += dec1_differs((double)k / 100);
	for (k = -8000; k <= 8000; k++)
		bad += dec1_differs((double)k / 4 + 0.0);
	/* coordinates as the charts compute them */
	for (k = 0; k <= 1000; k++) {
		bad += dec1_differs(196.0 - ((double)k / 10 + 25) / 125 * 180);
		bad += dec1_differs(40 + 424.0 * (double)k / 199);
	}
	/* random doubles of every magnitude up to 1e15 (xorshift64) */
	for (k = 0; k < 300000; k++) {
		double v;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		v = (double)(x >> 11) / 9007199254740992.0; /* [0, 1) */
		v = ldexp(v, (int)(x % 50)) * ((x >> 7) & 1 ? -1 : 1);
		bad += dec1_differs(v);
	}
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_append_terminates),
		cmocka_unit_test(test_cap_is_exact),
		cmocka_unit_test(test_sticky_failure),
		cmocka_unit_test(test_printf_growth),
		cmocka_unit_test(test_printf_respects_cap),
		cmocka_unit_test(test_steal),
		cmocka_unit_test(test_many_small_appends),
		cmocka_unit_test(test_put_dec1_is_printf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
