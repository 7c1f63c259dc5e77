/* test_http_kv.c — the name/value lists of a request (web/http.h) built
 * by hand in an arena, without a server: http_kv_add keeps the order and
 * copies name and value (values may hold NUL), http_kv_get returns the
 * first match, header names compare without case while cookies, query
 * and form fields compare exactly; a full arena leaves the list intact. */
#include "support/mm_test.h"

#include "web/http.h"

static struct arena A;

static int
setup(void **state)
{
	(void)state;
	arena_init(&A, 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(&A);
	return 0;
}

static void
add(struct http_kv **list, const char *name, const char *value)
{
	assert_true(http_kv_add(&A, list, name, value, value ? strlen(value) : 0));
}

static size_t
length(const struct http_kv *l)
{
	size_t n = 0;

	for (; l != NULL; l = l->next)
		n++;
	return n;
}

static void
test_add_keeps_order_and_copies(void **state)
{
	struct http_kv *list = NULL, *kv;
	char name[16] = "X-Name", value[16] = "value-1";

	(void)state;
	add(&list, "Host", "example.jp");
	assert_true(http_kv_add(&A, &list, name, value, strlen(value)));
	add(&list, "Accept", "text/html");
	assert_int_equal(length(list), 3);
	assert_string_equal(list->key, "Host");
	assert_string_equal(list->next->key, "X-Name");
	assert_string_equal(list->next->next->key, "Accept");
	assert_null(list->next->next->next);
	/* copies, not the caller's buffers */
	memset(name, 'Z', sizeof(name) - 1);
	memset(value, 'Z', sizeof(value) - 1);
	kv = list->next;
	assert_string_equal(kv->key, "X-Name");
	assert_string_equal(kv->value, "value-1");
	assert_int_equal(kv->len, 7);
	/* only LEN bytes of the value */
	assert_true(http_kv_add(&A, &list, "part", "abcdef", 3));
	assert_string_equal(http_kv_get(list, "part", false), "abc");
}

static void
test_value_with_nul_and_null(void **state)
{
	struct http_kv *list = NULL;
	const char *v;

	(void)state;
	assert_true(http_kv_add(&A, &list, "bin", "a\0b\0c", 5));
	assert_int_equal(list->len, 5);
	assert_memory_equal(list->value, "a\0b\0c", 6); /* and terminated */
	/* a name without a value: "" of length 0 */
	assert_true(http_kv_add(&A, &list, "flag", NULL, 99));
	v = http_kv_get(list, "flag", false);
	assert_non_null(v);
	assert_string_equal(v, "");
	assert_int_equal(list->next->len, 0);
	/* an empty name is a name */
	add(&list, "", "empty");
	assert_string_equal(http_kv_get(list, "", false), "empty");
}

static void
test_get(void **state)
{
	struct http_kv *list = NULL;

	(void)state;
	assert_null(http_kv_get(NULL, "x", false));
	assert_null(http_kv_get(NULL, "x", true));
	add(&list, "a", "1");
	add(&list, "b", "2");
	add(&list, "a", "3");
	/* the first of several */
	assert_string_equal(http_kv_get(list, "a", false), "1");
	assert_string_equal(http_kv_get(list, "b", false), "2");
	assert_null(http_kv_get(list, "c", false));
	/* no prefix or suffix matches */
	assert_null(http_kv_get(list, "aa", false));
	add(&list, "session", "s");
	assert_null(http_kv_get(list, "sess", false));
	assert_null(http_kv_get(list, "session2", false));
	/* NOCASE */
	assert_null(http_kv_get(list, "A", false));
	assert_string_equal(http_kv_get(list, "A", true), "1");
	assert_string_equal(http_kv_get(list, "SESSION", true), "s");
}

static void
test_header_case_insensitive(void **state)
{
	struct http_req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.arena = &A;
	add(&r.headers, "Content-Type", "application/x-www-form-urlencoded");
	add(&r.headers, "X-Requested-With", "fetch");
	add(&r.headers, "origin", "https://example.jp");
	add(&r.headers, "ORIGIN", "https://evil.example");
	assert_string_equal(http_header(&r, "Content-Type"), "application/x-www-form-urlencoded");
	assert_string_equal(http_header(&r, "content-type"), "application/x-www-form-urlencoded");
	assert_string_equal(http_header(&r, "CONTENT-TYPE"), "application/x-www-form-urlencoded");
	assert_string_equal(http_header(&r, "cOnTeNt-TyPe"), "application/x-www-form-urlencoded");
	assert_string_equal(http_header(&r, "x-requested-with"), "fetch");
	/* the first of two spellings of one header wins */
	assert_string_equal(http_header(&r, "Origin"), "https://example.jp");
	assert_null(http_header(&r, "Content-Length"));
	assert_null(http_header(&r, "Content-Type "));
	assert_null(http_header(&r, "ContentType"));
	/* headers are not cookies, query or form */
	assert_null(http_cookie(&r, "Content-Type"));
	assert_null(http_query(&r, "Content-Type"));
	assert_null(http_form(&r, "Content-Type"));
}

static void
test_cookie_query_form_exact(void **state)
{
	struct http_req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.arena = &A;
	add(&r.cookies, "__Host-mamori", "cookie-value");
	add(&r.query, "page", "2");
	add(&r.form, "csrf", "token");
	add(&r.form, "Email", "taro@example.jp");
	assert_string_equal(http_cookie(&r, "__Host-mamori"), "cookie-value");
	assert_null(http_cookie(&r, "__host-mamori"));
	assert_null(http_cookie(&r, "__HOST-MAMORI"));
	assert_string_equal(http_query(&r, "page"), "2");
	assert_null(http_query(&r, "Page"));
	assert_string_equal(http_form(&r, "csrf"), "token");
	assert_null(http_form(&r, "CSRF"));
	assert_null(http_form(&r, "email"));
	assert_string_equal(http_form(&r, "Email"), "taro@example.jp");
	/* each list is its own */
	assert_null(http_cookie(&r, "page"));
	assert_null(http_query(&r, "csrf"));
	assert_null(http_form(&r, "__Host-mamori"));
	assert_null(http_header(&r, "csrf"));
}

/* a full arena: false, and the list is as it was */
static void
test_arena_full(void **state)
{
	struct arena small;
	struct http_kv *list = NULL;
	char big[512];
	int n = 0;

	(void)state;
	arena_init(&small, 256);
	assert_true(http_kv_add(&small, &list, "a", "1", 1));
	memset(big, 'v', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_false(http_kv_add(&small, &list, "big", big, strlen(big)));
	assert_int_equal(length(list), 1);
	assert_null(http_kv_get(list, "big", false));
	/* fill it up: every add that fails leaves the list whole */
	while (http_kv_add(&small, &list, "k", "v", 1))
		n++;
	assert_int_equal(length(list), (size_t)n + 1);
	assert_string_equal(http_kv_get(list, "a", false), "1");
	assert_true(small.used <= small.cap);
	arena_free(&small);
}

static void
test_resp_header(void **state)
{
	struct http_resp resp;

	(void)state;
	http_resp_init(&resp, &A);
	assert_int_equal(resp.status, 200);
	assert_has(resp.content_type, "charset=utf-8");
	http_resp_header(&resp, "X-Content-Type-Options", "nosniff");
	http_resp_header(&resp, "Cache-Control", "no-store");
	assert_string_equal(http_kv_get(resp.headers, "x-content-type-options", true), "nosniff");
	assert_string_equal(http_kv_get(resp.headers, "Cache-Control", false), "no-store");
	assert_int_equal(length(resp.headers), 2);
	http_resp_free(&resp);
}

static void
test_gzip_wanted(void **state)
{
	struct http_req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_false(http_gzip_wanted(&r));
	add(&r.headers, "accept-encoding", "gzip, deflate, br");
	assert_true(http_gzip_wanted(&r));
	r.headers = NULL;
	add(&r.headers, "Accept-Encoding", "gzip;q=0, deflate");
	assert_false(http_gzip_wanted(&r));
	r.headers = NULL;
	add(&r.headers, "Accept-Encoding", "identity");
	assert_false(http_gzip_wanted(&r));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add_keeps_order_and_copies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_value_with_nul_and_null, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get, setup, teardown),
		cmocka_unit_test_setup_teardown(test_header_case_insensitive, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cookie_query_form_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_arena_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resp_header, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gzip_wanted, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
