/* test_locale.c — UI strings (util/locale.h) and error messages by key
 * with parameters (util/err.h). */
#include "support/mm_test.h"

#include "util/err.h"
#include "util/locale.h"
#include "util/text.h"

#define FILE_OF(name, text) { name, (const unsigned char *)(text), sizeof(text) - 1 }

static const struct embed_file two_langs[] = {
	FILE_OF("locale/ja/a.json",
	    "{\"err\": {\"range\": \"値 {{value}} は {{max}} 以下です\","
	    " \"only_ja\": \"日本語だけ\", \"twice\": \"{{v}} と {{v}}\","
	    " \"braces\": \"{{ x }} {{}} {{v\"}}"),
	FILE_OF("locale/ja/b.json", "{\"nav\": {\"home\": \"ホーム\"}}"),
	FILE_OF("locale/en/a.json",
	    "{\"err\": {\"range\": \"Value {{value}} must be {{max}} or less\","
	    " \"twice\": \"{{v}} and {{v}}\"}}"),
	FILE_OF("templates/x.json", "not json, not read"),
	{ NULL, NULL, 0 },
};

static struct locale *
load(const struct embed_file *files)
{
	struct locale *l = NULL;
	struct err e;

	err_clear(&e);
	if (locale_load(files, &l, &e) != MM_OK)
		fail_msg("locale_load: %s", e.msg);
	return l;
}

static char *
format(const struct locale *l, enum lang lang, const char *key,
    const char *const *params)
{
	struct buf b;

	buf_init(&b, 0);
	assert_true(locale_format(l, lang, key, params, &b));
	return buf_steal(&b);
}

static void
test_params_substituted(void **state)
{
	struct locale *l = load(two_langs);
	const char *const p[] = { "max", "100", "value", "-1", NULL };
	const char *const twice[] = { "v", "x", NULL };
	char *s;

	(void)state;
	s = format(l, LANG_JA, "err.range", p);
	assert_string_equal(s, "値 -1 は 100 以下です");
	free(s);
	s = format(l, LANG_EN, "err.range", p);
	assert_string_equal(s, "Value -1 must be 100 or less");
	free(s);
	s = format(l, LANG_EN, "err.twice", twice);
	assert_string_equal(s, "x and x");
	free(s);
	/* files of both languages are merged */
	assert_string_equal(locale_text(l, LANG_JA, "nav.home"), "ホーム");
	locale_free(l);
}

static void
test_values_are_plain_text(void **state)
{
	struct locale *l = load(two_langs);
	const char *const p[] = { "value", "{{max}}", "max", "<b>&", NULL };
	char *s;

	(void)state;
	/* a value is not read for placeholders again, and not escaped here */
	s = format(l, LANG_JA, "err.range", p);
	assert_string_equal(s, "値 {{max}} は <b>& 以下です");
	free(s);
	locale_free(l);
}

static void
test_missing_parameter_kept(void **state)
{
	struct locale *l = load(two_langs);
	const char *const p[] = { "max", "100", NULL };
	char *s;

	(void)state;
	s = format(l, LANG_JA, "err.range", p);
	assert_string_equal(s, "値 {{value}} は 100 以下です");
	free(s);
	s = format(l, LANG_EN, "err.range", NULL);
	assert_string_equal(s, "Value {{value}} must be {{max}} or less");
	free(s);
	/* what is not a placeholder is written as it is */
	s = format(l, LANG_JA, "err.braces", p);
	assert_string_equal(s, "{{ x }} {{}} {{v");
	free(s);
	locale_free(l);
}

static void
test_missing_key_shows_key(void **state)
{
	struct locale *l = load(two_langs);
	char *s;

	(void)state;
	assert_null(locale_text(l, LANG_JA, "err.nothing"));
	assert_null(locale_text(l, LANG_EN, "err.nothing"));
	assert_null(locale_text(l, LANG_JA, "err")); /* an object, not a text */
	s = format(l, LANG_EN, "err.nothing", NULL);
	assert_string_equal(s, "err.nothing");
	free(s);
	locale_free(l);
}

static void
test_english_falls_back_to_japanese(void **state)
{
	struct locale *l = load(two_langs);
	char *s;

	(void)state;
	assert_string_equal(locale_text(l, LANG_EN, "err.only_ja"), "日本語だけ");
	assert_string_equal(locale_text(l, LANG_EN, "nav.home"), "ホーム");
	s = format(l, LANG_EN, "err.only_ja", NULL);
	assert_string_equal(s, "日本語だけ");
	free(s);
	locale_free(l);
}

static void
test_load_refuses(void **state)
{
	static const struct embed_file dup[] = {
		FILE_OF("locale/ja/a.json", "{\"err\": {\"a\": \"x\"}}"),
		FILE_OF("locale/ja/b.json", "{\"err\": {\"b\": \"y\"}}"),
		FILE_OF("locale/en/a.json", "{\"err\": {\"a\": \"x\"}}"),
		{ NULL, NULL, 0 },
	};
	static const struct embed_file broken[] = {
		FILE_OF("locale/ja/a.json", "{\"err\": "),
		FILE_OF("locale/en/a.json", "{}"),
		{ NULL, NULL, 0 },
	};
	static const struct embed_file no_en[] = {
		FILE_OF("locale/ja/a.json", "{\"err\": {\"a\": \"x\"}}"),
		{ NULL, NULL, 0 },
	};
	struct locale *l = (struct locale *)1;
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(locale_load(dup, &l, &e), MM_EINVAL);
	assert_null(l);
	assert_string_equal(e.key, "err.locale.duplicate");
	assert_has(e.msg, "locale/ja/b.json");
	assert_int_equal(locale_load(broken, &l, &e), MM_EINVAL);
	assert_string_equal(e.key, "err.locale.parse");
	assert_int_equal(locale_load(no_en, &l, &e), MM_ENOTFOUND);
	assert_has(e.msg, "locale/en/");
}

/* --- messages by key, with the program's own tables */

static void
test_app_tables_load(void **state)
{
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(locale_app_check(&e), MM_OK);
	assert_non_null(locale_text(locale_app(), LANG_EN, "err.nomem"));
	assert_non_null(locale_text(locale_app(), LANG_JA, "nav.dashboard"));
}

static void
test_err_key_both_languages(void **state)
{
	struct err e;
	struct buf b;

	(void)state;
	assert_int_equal(err_key(&e, MM_ENOMEM, "err.nomem"), MM_ENOMEM);
	assert_string_equal(e.key, "err.nomem");
	assert_string_equal(e.msg, "メモリが足りません"); /* Japanese at once */
	assert_string_equal(err_text(&e, LANG_EN), "Out of memory");
	assert_string_equal(e.msg, "Out of memory");
	buf_init(&b, 0);
	assert_true(err_render(&e, LANG_JA, &b));
	assert_string_equal(buf_cstr(&b), "メモリが足りません");
	buf_free(&b);
	assert_string_equal(err_text(&e, LANG_JA), "メモリが足りません");
	assert_int_equal(err_key(NULL, MM_EINVAL, "err.nomem"), MM_EINVAL);
}

static void
test_err_keyf_params(void **state)
{
	struct err e;

	(void)state;
	err_keyf(&e, MM_EINVAL, "err.locale.parse", "{file}%s{line}%ld{reason}%.3s",
	    "locale/ja/x.json", 12L, "abcdef");
	assert_int_equal(e.code, MM_EINVAL);
	assert_string_equal(e.msg, "画面の文言 locale/ja/x.json が読めません (12 行: abc)");
	assert_string_equal(err_text(&e, LANG_EN),
	    "Cannot read the UI strings locale/ja/x.json (line 12: abc)");
	/* a text in both languages */
	err_keyf(&e, MM_EINVAL, "err.locale.missing", "{~dir}%s%s", "日本語", "English");
	assert_string_equal(e.msg, "画面の文言 日本語 がありません");
	assert_string_equal(err_text(&e, LANG_EN), "There are no UI strings under English");
	err_keyf(&e, MM_EINVAL, "err.locale.missing", "{~dir}%s%s", "日本語", "");
	assert_string_equal(err_text(&e, LANG_EN), "There are no UI strings under 日本語");
	/* numbers of every width */
	err_keyf(&e, MM_EINVAL, "err.test.none", "{a}%d{b}%zu{c}%lld{d}%u{e}%x",
	    -3, (size_t)7, -9000000000LL, 4u, 255u);
	assert_string_equal(e.msg, "err.test.none (a=-3, b=7, c=-9000000000, d=4, e=ff)");
}

static void
test_err_missing_key_and_parameter(void **state)
{
	struct err e;

	(void)state;
	/* a key that is not in the tables shows itself and its parameters */
	err_keyf(&e, MM_EINVAL, "err.no.such.key", "{path}%s", "/tmp/x");
	assert_string_equal(e.msg, "err.no.such.key (path=/tmp/x)");
	assert_string_equal(err_text(&e, LANG_EN), "err.no.such.key (path=/tmp/x)");
	err_key(&e, MM_EINVAL, "err.no.such.key");
	assert_string_equal(e.msg, "err.no.such.key");
	/* a parameter that is not given stays as written */
	err_keyf(&e, MM_EINVAL, "err.locale.parse", "{file}%s", "f.json");
	assert_string_equal(e.msg, "画面の文言 f.json が読めません ({{line}} 行: {{reason}})");
}

static void
test_err_key_parameter_and_lists(void **state)
{
	struct err e, one;
	int i;

	(void)state;
	/* a parameter that is a locale key shows that key's text */
	err_keyf(&e, MM_EINVAL, "err.locale.missing", "{@dir}%s", "err.nomem");
	assert_string_equal(e.msg, "画面の文言 メモリが足りません がありません");
	assert_string_equal(err_text(&e, LANG_EN), "There are no UI strings under Out of memory");
	/* messages under one name make a list joined by err.sep */
	err_key(&e, MM_EINVAL, "err.locale.missing");
	err_addf(&e, "dir", "err.nomem", "%s", "");
	err_keyf(&one, MM_EINVAL, "err.locale.duplicate", "{file}%s{key}%s", "a.json", "k");
	err_add(&e, "dir", &one);
	assert_int_equal(e.code, MM_EINVAL);
	assert_string_equal(e.key, "err.locale.missing");
	assert_string_equal(e.msg, "画面の文言 メモリが足りません。画面の文言 a.json の \"k\" は"
	    "ほかのファイルにもあります がありません");
	assert_has(err_text(&e, LANG_EN), "Out of memory. The UI strings a.json define \"k\"");
	/* a list too long for the error ends with "…" */
	err_key(&e, MM_EINVAL, "err.locale.missing");
	for (i = 0; i < ERR_SUB_MAX + 5; i++)
		err_addf(&e, "dir", "err.nomem", "%s", "");
	assert_has(e.msg, "メモリが足りません。メモリが足りません");
	assert_has(e.msg, "…");
	/* a text of err_set added to a keyed message is kept as it is */
	err_set(&one, MM_EIO, "disk %d", 3);
	assert_null(one.key);
	err_key(&e, MM_EIO, "err.locale.missing");
	err_add(&e, "dir", &one);
	assert_string_equal(err_text(&e, LANG_EN), "There are no UI strings under disk 3");
}

static void
test_err_long_value_cut(void **state)
{
	struct err e;
	char big[8000];
	size_t i;

	(void)state;
	for (i = 0; i + 3 < sizeof(big); i += 3)
		memcpy(big + i, "あ", 3);
	big[i] = '\0';
	err_keyf(&e, MM_EINVAL, "err.locale.missing", "{dir}%s", big);
	assert_true(strlen(e.msg) < ERR_MSG_MAX);
	assert_true(text_utf8_valid(e.msg, strlen(e.msg)));
	assert_has(e.msg, "…");
	err_clear(&e);
	assert_int_equal(e.code, MM_OK);
	assert_null(e.key);
	assert_string_equal(e.msg, "");
}

static void
test_err_msg_kept(void **state)
{
	struct err *e = malloc(sizeof(*e));
	struct err_msg *m, *n, *t;
	struct buf b;

	(void)state;
	assert_non_null(e);
	/* a message with a nested one, kept and shown in either language */
	err_key(e, MM_EINVAL, "err.locale.missing");
	err_addf(e, "dir", "err.locale.duplicate", "{file}%s{key}%s", "a.json", "k");
	assert_non_null(m = err_msg_save(e));
	err_clear(e);
	buf_init(&b, 0);
	assert_true(err_msg_render(m, LANG_JA, &b));
	assert_string_equal(buf_cstr(&b), "画面の文言 画面の文言 a.json の \"k\" は"
	    "ほかのファイルにもあります がありません");
	buf_reset(&b);
	assert_true(err_msg_render(m, LANG_EN, &b));
	assert_has(buf_cstr(&b), "There are no UI strings under The UI strings a.json define \"k\"");
	/* made directly */
	assert_non_null(n = err_msg_new("err.locale.missing", "{@dir}%s", "err.nomem"));
	buf_reset(&b);
	assert_true(err_msg_render(n, LANG_EN, &b));
	assert_string_equal(buf_cstr(&b), "There are no UI strings under Out of memory");
	/* a text of err_set is kept as it is */
	err_set(e, MM_EIO, "disk %d", 3);
	assert_non_null(t = err_msg_save(e));
	buf_reset(&b);
	assert_true(err_msg_render(t, LANG_EN, &b));
	assert_string_equal(buf_cstr(&b), "disk 3");
	buf_free(&b);
	err_msg_free(m);
	err_msg_free(n);
	err_msg_free(t);
	err_msg_free(NULL);
	free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_params_substituted),
		cmocka_unit_test(test_values_are_plain_text),
		cmocka_unit_test(test_missing_parameter_kept),
		cmocka_unit_test(test_missing_key_shows_key),
		cmocka_unit_test(test_english_falls_back_to_japanese),
		cmocka_unit_test(test_load_refuses),
		cmocka_unit_test(test_app_tables_load),
		cmocka_unit_test(test_err_key_both_languages),
		cmocka_unit_test(test_err_keyf_params),
		cmocka_unit_test(test_err_missing_key_and_parameter),
		cmocka_unit_test(test_err_key_parameter_and_lists),
		cmocka_unit_test(test_err_long_value_cut),
		cmocka_unit_test(test_err_msg_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
