/* test_array.c — array_room (util/array.h): growth by doubling from the
 * first size, no growth while there is room, items kept across growth,
 * overflow refused with the array unchanged. */
#include "support/mm_test.h"

#include "util/array.h"

struct item {
	int a;
	double b;
};

static void
test_grow(void **state)
{
	struct item *v = NULL;
	size_t alloc = 0, n;

	(void)state;
	for (n = 0; n < 1000; n++) {
		assert_true(array_room(&v, &alloc, n, sizeof(*v), 16));
		assert_true(alloc > n);
		v[n].a = (int)n;
		v[n].b = (double)n / 2;
	}
	assert_int_equal(alloc, 1024);
	for (n = 0; n < 1000; n++) {
		assert_int_equal(v[n].a, (int)n);
		assert_true(v[n].b == (double)n / 2);
	}
	/* room left: nothing moves */
	{
		struct item *before = v;
		assert_true(array_room(&v, &alloc, 1000, sizeof(*v), 16));
		assert_ptr_equal(v, before);
		assert_int_equal(alloc, 1024);
	}
	free(v);
}

static void
test_overflow(void **state)
{
	char *v = NULL;
	size_t alloc = SIZE_MAX / 2 + 1;

	(void)state;
	assert_false(array_room(&v, &alloc, alloc, 1, 16));
	assert_null(v);
	assert_int_equal(alloc, SIZE_MAX / 2 + 1);
	alloc = 4;
	assert_false(array_room(&v, &alloc, 4, SIZE_MAX / 4, 16));
	assert_int_equal(alloc, 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_overflow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
