/* test_line_diff.c — the line-by-line comparison (core/line_diff.h):
 * equal texts, additions, removals, changes in the middle, line ends,
 * empty texts, the fallback above the size bound, and a property check:
 * replaying the result rebuilds both texts, and the kept lines are a
 * longest common subsequence (compared with a brute-force length on
 * small random texts). */
#include "support/mm_test.h"

#include <stdlib.h>
#include <string.h>

#include "core/line_diff.h"

/* the lines of R with op OP (or of either text) joined with "\n" */
static char *
replay(const struct diff_line *r, size_t n, bool old_side)
{
	size_t i, len = 1;
	char *s, *p;

	for (i = 0; i < n; i++)
		len += r[i].len + 1;
	p = s = malloc(len);
	assert_non_null(s);
	for (i = 0; i < n; i++) {
		if (r[i].op == (old_side ? DIFF_ADD : DIFF_DEL))
			continue;
		memcpy(p, r[i].text, r[i].len);
		p += r[i].len;
		*p++ = '\n';
	}
	*p = '\0';
	return s;
}

static void
check(const char *a, const char *b, size_t want_add, size_t want_del)
{
	struct diff_line *r;
	size_t n, add, del;
	char *ra, *rb;

	assert_true(line_diff(a, b, &r, &n, &add, &del));
	assert_int_equal(add, want_add);
	assert_int_equal(del, want_del);
	ra = replay(r, n, true);
	rb = replay(r, n, false);
	/* the inputs here all end with "\n" or are empty */
	assert_string_equal(ra, a);
	assert_string_equal(rb, b);
	free(ra);
	free(rb);
	free(r);
}

static void
test_basic(void **state)
{
	(void)state;
	check("", "", 0, 0);
	check("a\nb\n", "a\nb\n", 0, 0);
	check("", "a\nb\n", 2, 0);
	check("a\nb\n", "", 0, 2);
	check("a\nb\nc\n", "a\nx\nc\n", 1, 1);
	check("a\nb\nc\n", "a\nb\nc\nd\n", 1, 0);
	check("a\nb\nc\n", "z\na\nb\nc\n", 1, 0);
	check("a\nb\nc\nd\ne\n", "a\nc\ne\nf\n", 1, 2);
}

static void
test_numbers_and_crlf(void **state)
{
	struct diff_line *r;
	size_t n, add, del;

	(void)state;
	assert_true(line_diff("one\r\ntwo\r\nthree", "one\ntwo 2\nthree\n", &r, &n, &add, &del));
	assert_int_equal(n, 4);
	assert_int_equal(r[0].op, DIFF_SAME);
	assert_int_equal(r[0].len, 3);
	assert_int_equal(r[1].op, DIFF_DEL);
	assert_int_equal(r[1].old_no, 2);
	assert_int_equal(r[1].new_no, 0);
	assert_int_equal(r[2].op, DIFF_ADD);
	assert_int_equal(r[2].new_no, 2);
	assert_memory_equal(r[2].text, "two 2", 5);
	assert_int_equal(r[3].op, DIFF_SAME);
	assert_int_equal(r[3].old_no, 3);
	assert_int_equal(r[3].new_no, 3);
	free(r);
}

/* above the bound the middle is removed and added as a whole */
static void
test_bound(void **state)
{
	size_t lines = 2100, i, n, add, del;
	char *a = malloc(lines * 8 + 16), *b = malloc(lines * 8 + 16), *pa = a, *pb = b;
	struct diff_line *r;

	(void)state;
	for (i = 0; i < lines; i++) {
		pa += snprintf(pa, 16, "a%zu\n", i);
		pb += snprintf(pb, 16, "%s\n", i % 2 ? "x" : "y");
	}
	assert_true(line_diff(a, b, &r, &n, &add, &del));
	assert_int_equal(add, lines);
	assert_int_equal(del, lines);
	assert_int_equal(n, 2 * lines);
	free(r);
	free(a);
	free(b);
}

static size_t
lcs_brute(const char *a, size_t na, const char *b, size_t nb)
{
	size_t x, y;

	if (na == 0 || nb == 0)
		return 0;
	if (a[0] == b[0])
		return 1 + lcs_brute(a + 1, na - 1, b + 1, nb - 1);
	x = lcs_brute(a + 1, na - 1, b, nb);
	y = lcs_brute(a, na, b + 1, nb - 1);
	return x > y ? x : y;
}

/* random texts of one-letter lines: rebuilds both, and keeps a longest
 * common subsequence */
static void
test_property(void **state)
{
	unsigned seed = 12345;
	int round;

	(void)state;
	for (round = 0; round < 400; round++) {
		char la[10], lb[10], ta[24], tb[24];
		size_t na = (seed = seed * 1103515245 + 12345) % 9, nb, i, n, add, del;
		struct diff_line *r;

		nb = (seed = seed * 1103515245 + 12345) % 9;
		for (i = 0; i < na; i++) {
			la[i] = (char)('a' + (seed = seed * 1103515245 + 12345) / 65536 % 3);
			ta[2 * i] = la[i];
			ta[2 * i + 1] = '\n';
		}
		ta[2 * na] = '\0';
		for (i = 0; i < nb; i++) {
			lb[i] = (char)('a' + (seed = seed * 1103515245 + 12345) / 65536 % 3);
			tb[2 * i] = lb[i];
			tb[2 * i + 1] = '\n';
		}
		tb[2 * nb] = '\0';
		check(ta, tb, nb - lcs_brute(la, na, lb, nb), na - lcs_brute(la, na, lb, nb));
		assert_true(line_diff(ta, tb, &r, &n, &add, &del));
		assert_int_equal(n, na + add);
		free(r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_numbers_and_crlf),
		cmocka_unit_test(test_bound),
		cmocka_unit_test(test_property),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
