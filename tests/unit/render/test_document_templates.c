/* The policy document templates of the catalog (catalog/EDITION/documents)
 * rendered by our own Mustache engine with the parameters' defaults: every
 * template parses, no tag is left over, the optional sections come and go
 * with their conditions, and the articles counted are as written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/catalog.h"
#include "render/mustache.h"
#include "util/embed.h"

static struct catalog *cat;

static int
setup(void **state)
{
	struct err e;

	(void)state;
	return catalog_load_embedded(CATALOG_DEFAULT, &cat, &e) == MM_OK ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	catalog_free(cat);
	return 0;
}

/* the view model: the organisation, role holders, the parameters at
 * their defaults and every condition set to APPLIES */
static json_t *
model(bool applies)
{
	const struct catalog_list *params = catalog_list(cat, "document-parameters");
	const struct catalog_list *sections = catalog_list(cat, "document-sections");
	json_t *m, *p = json_object(), *ap = json_object(), *it;
	size_t i;

	assert_non_null(params);
	assert_non_null(sections);
	json_array_foreach(params->items, i, it)
		json_object_set(p, json_string_value(json_object_get(it, "name")),
		    json_object_get(it, "default"));
	json_array_foreach(sections->items, i, it)
		json_object_set_new(ap, json_string_value(json_object_get(it, "applies")),
		    json_boolean(applies));
	m = json_pack("{s{ssssssss}s{ss}s{ssssssssss}soso}",
	    "org", "name", "株式会社サンプル", "representative", "山田 太郎",
	    "representative_title", "代表取締役", "address", "東京都千代田区",
	    "date", "established", "2026年11月26日",
	    "roles", "ciso", "山田 太郎", "dept_lead", "営業部長", "sysadmin", "佐藤 花子",
	    "education", "鈴木 一郎", "inspector", "高橋 次郎",
	    "param", p, "applies", ap);
	assert_non_null(m);
	return m;
}

static size_t
count(const char *s, const char *what)
{
	size_t n = 0;

	for (; (s = strstr(s, what)) != NULL; s += strlen(what))
		n++;
	return n;
}

/* render the template NAME with APPLIES into OUT */
static void
render(const char *name, bool applies, struct buf *out)
{
	char path[128];
	const struct embed_file *f;
	json_t *m = model(applies);
	struct err e;

	snprintf(path, sizeof(path), "catalog/%s/documents/%s.md", CATALOG_DEFAULT, name);
	f = embed_find(path);
	assert_non_null(f);
	buf_init(out, 4u * 1024 * 1024);
	memset(&e, 0, sizeof(e));
	if (mustache_render_text((const char *)f->data, f->size, NULL, m, 0, out, &e) != MM_OK)
		fail_msg("%s: %s", name, e.msg);
	json_decref(m);
	assert_null(strstr(buf_cstr(out), "{{"));
	assert_null(strstr(buf_cstr(out), "}}"));
	assert_non_null(strstr(buf_cstr(out), "株式会社サンプル"));
}

static void
test_policy(void **state)
{
	struct buf b;

	(void)state;
	render("policy", true, &b);
	assert_int_equal(count(buf_cstr(&b), "\n## "), 5);
	assert_non_null(strstr(buf_cstr(&b), "2026年11月26日"));
	assert_non_null(strstr(buf_cstr(&b), "代表取締役"));
	buf_free(&b);
}

static void
test_regulations(void **state)
{
	struct buf all, none;

	(void)state;
	render("regulations", true, &all);
	render("regulations", false, &none);
	assert_int_equal(count(buf_cstr(&all), "\n#### "), 75);
	assert_int_equal(count(buf_cstr(&none), "\n#### "), 53);
	assert_non_null(strstr(buf_cstr(&all), "テレワーク"));
	assert_non_null(strstr(buf_cstr(&all), "秘密保持"));
	assert_non_null(strstr(buf_cstr(&all), "12"));
	assert_true(none.len < all.len);
	buf_free(&all);
	buf_free(&none);
}

static void
test_handbook(void **state)
{
	struct buf all, none;

	(void)state;
	render("handbook", true, &all);
	render("handbook", false, &none);
	assert_true(none.len < all.len);
	assert_non_null(strstr(buf_cstr(&all), "山田 太郎"));
	buf_free(&all);
	buf_free(&none);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy),
		cmocka_unit_test(test_regulations),
		cmocka_unit_test(test_handbook),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
