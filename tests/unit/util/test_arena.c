/* test_arena.c — the per-request memory arena (util/arena.h): pointers
 * aligned to 16, memory zeroed (also when reused after arena_free), the
 * cap enforced exactly, sizes that would overflow refused, allocations
 * larger than a block, strndup/strdup/printf. ASan checks that no two
 * allocations overlap and that arena_free releases everything. */
#include "support/mm_test.h"

#include <stdint.h>

#include "util/arena.h"

static bool
aligned(const void *p)
{
	return ((uintptr_t)p % 16) == 0;
}

static bool
all_zero(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

static void
test_alignment(void **state)
{
	struct arena a;
	uint64_t seed = 0x9E3779B97F4A7C15ull;
	size_t i, n;
	unsigned char *p;

	(void)state;
	arena_init(&a, 0);
	for (n = 0; n <= 100; n++) {
		p = arena_alloc(&a, n);
		assert_non_null(p);
		assert_true(aligned(p));
	}
	/* many random sizes across many blocks, some larger than a block */
	for (i = 0; i < 5000; i++) {
		n = mmt_below(&seed, 4) == 0 ? mmt_below(&seed, 20000) : mmt_below(&seed, 64);
		p = arena_alloc(&a, n);
		assert_non_null(p);
		assert_true(aligned(p));
		memset(p, 0xAB, n); /* ASan: the whole size is ours */
	}
	/* a type that needs 16 */
	{
		long double *ld = arena_alloc(&a, sizeof(long double) * 3);
		assert_non_null(ld);
		ld[2] = 1.5L;
		assert_true(ld[2] == 1.5L);
	}
	arena_free(&a);
}

static void
test_zeroed(void **state)
{
	struct arena a;
	unsigned char *p[200];
	size_t i, n;

	(void)state;
	arena_init(&a, 0);
	for (i = 0; i < 200; i++) {
		n = 1 + i * 37 % 300;
		p[i] = arena_alloc(&a, n);
		assert_non_null(p[i]);
		assert_true(all_zero(p[i], n));
		memset(p[i], 0xFF, n);
	}
	/* the earlier ones were not touched by the later ones */
	for (i = 0; i < 200; i++) {
		n = 1 + i * 37 % 300;
		assert_int_equal(p[i][0], 0xFF);
		assert_int_equal(p[i][n - 1], 0xFF);
	}
	/* after arena_free the same memory may come back: zeroed again */
	arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.used, 0);
	for (i = 0; i < 200; i++) {
		n = 1 + i * 37 % 300;
		p[i] = arena_alloc(&a, n);
		assert_non_null(p[i]);
		assert_true(all_zero(p[i], n));
		memset(p[i], 0xFF, n);
	}
	arena_free(&a);
	/* a large allocation is zeroed too */
	p[0] = arena_alloc(&a, 100000);
	assert_non_null(p[0]);
	assert_true(all_zero(p[0], 100000));
	arena_free(&a);
}

static void
test_cap(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 100);
	assert_int_equal(a.cap, 100);
	assert_non_null(arena_alloc(&a, 64));   /* 64 */
	assert_null(arena_alloc(&a, 48));       /* 112 > 100 */
	assert_null(arena_alloc(&a, 37));       /* rounds to 48 */
	assert_non_null(arena_alloc(&a, 32));   /* 96 */
	assert_int_equal(a.used, 96);
	assert_null(arena_alloc(&a, 1));        /* rounds to 16: 112 */
	assert_null(arena_alloc(&a, 0));        /* also 16 */
	assert_null(arena_strdup(&a, "x"));
	assert_null(arena_printf(&a, "%d", 1));
	assert_int_equal(a.used, 96);
	/* freed: the whole cap again */
	arena_free(&a);
	assert_int_equal(a.cap, 100);
	assert_non_null(arena_alloc(&a, 96));
	arena_free(&a);
	/* exactly the cap */
	arena_init(&a, 32);
	assert_non_null(arena_alloc(&a, 32));
	assert_null(arena_alloc(&a, 1));
	arena_free(&a);
	arena_init(&a, 32);
	assert_null(arena_alloc(&a, 33));
	assert_non_null(arena_alloc(&a, 16));
	assert_non_null(arena_alloc(&a, 16));
	assert_null(arena_alloc(&a, 1));
	arena_free(&a);
	/* a cap that is not a multiple of 16 */
	arena_init(&a, 20);
	assert_non_null(arena_alloc(&a, 5));
	assert_null(arena_alloc(&a, 5));
	arena_free(&a);
	/* a large cap across several blocks */
	arena_init(&a, 100000);
	{
		size_t total = 0;
		while (arena_alloc(&a, 1000) != NULL)
			total += 1008;
		assert_true(total <= 100000);
		assert_true(total + 1008 > 100000);
		assert_true(a.used <= a.cap);
	}
	arena_free(&a);
}

static void
test_overflow(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 0);
	assert_null(arena_alloc(&a, SIZE_MAX));
	assert_null(arena_alloc(&a, SIZE_MAX - 1));
	assert_null(arena_alloc(&a, SIZE_MAX - 15));
	assert_null(arena_alloc(&a, SIZE_MAX - 16 - 20));
	assert_null(arena_strndup(&a, "abc", SIZE_MAX));
	/* still usable */
	assert_non_null(arena_alloc(&a, 10));
	arena_free(&a);
	arena_init(&a, 1000);
	assert_null(arena_alloc(&a, SIZE_MAX));
	assert_null(arena_alloc(&a, SIZE_MAX - 15));
	assert_int_equal(a.used, 0);
	arena_free(&a);
}

static void
test_strings(void **state)
{
	struct arena a;
	char *s, big[20000];

	(void)state;
	arena_init(&a, 0);
	s = arena_strndup(&a, "hello, world", 5);
	assert_string_equal(s, "hello");
	s = arena_strndup(&a, "", 0);
	assert_non_null(s);
	assert_string_equal(s, "");
	/* N bytes are copied even past a NUL (form values may hold NUL) */
	s = arena_strndup(&a, "a\0b", 3);
	assert_memory_equal(s, "a\0b", 4);
	s = arena_strdup(&a, "日本語のテキスト");
	assert_string_equal(s, "日本語のテキスト");
	assert_null(arena_strdup(&a, NULL));
	s = arena_printf(&a, "%s=%d;%05.1f|%c", "キー", -42, 3.14159, 'x');
	assert_string_equal(s, "キー=-42;003.1|x");
	s = arena_printf(&a, "%s", "");
	assert_string_equal(s, "");
	/* longer than a block */
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	s = arena_printf(&a, "[%s]", big);
	assert_non_null(s);
	assert_int_equal(strlen(s), sizeof(big) + 1);
	assert_int_equal(s[0], '[');
	assert_int_equal(s[sizeof(big)], ']');
	s = arena_strdup(&a, big);
	assert_string_equal(s, big);
	assert_true(aligned(s));
	arena_free(&a);
	/* printf at the cap: exactly fits, then not */
	arena_init(&a, 16);
	s = arena_printf(&a, "%s", "123456789012345"); /* 15 + NUL */
	assert_string_equal(s, "123456789012345");
	assert_null(arena_printf(&a, "%s", ""));
	arena_free(&a);
	arena_init(&a, 16);
	assert_null(arena_printf(&a, "%s", "1234567890123456")); /* 17 bytes */
	assert_null(arena_strndup(&a, "1234567890123456", 16));
	assert_non_null(arena_strndup(&a, "1234567890123456", 15));
	arena_free(&a);
}

/* arena_free on an empty arena, twice, and reuse */
static void
test_free_empty(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 0);
	arena_free(&a);
	arena_free(&a);
	assert_non_null(arena_alloc(&a, 1));
	arena_free(&a);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alignment),
		cmocka_unit_test(test_zeroed),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_free_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
