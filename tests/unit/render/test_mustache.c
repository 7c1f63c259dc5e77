/* test_mustache.c — the Mustache engine: the official spec (core modules and
 * dynamic names, read from $MAMORI_SRC/../shared/conformance/mustache-spec)
 * and our own rules: escaping of ', trusted HTML, limits, errors with
 * line:column, and concurrent rendering. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "render/mustache.h"
#include "util/buf.h"
#include "util/err.h"

/* ---- helpers ---- */

/* render TEXT with DATA (JSON text) and PARTIALS (JSON text or NULL) into a
 * new string (free it); NULL on failure with the error in *E */
static char *
render(const char *text, const char *data, const char *partials,
    unsigned flags, struct err *e)
{
	json_t *d, *p = NULL;
	struct buf out;
	enum mm_err rc;
	char *s;

	d = json_loads(data, JSON_DECODE_ANY, NULL);
	assert_non_null(d);
	if (partials != NULL) {
		p = json_loads(partials, 0, NULL);
		assert_non_null(p);
	}
	buf_init(&out, 0);
	err_clear(e);
	rc = mustache_render_text(text, strlen(text), p, d, flags, &out, e);
	json_decref(d);
	json_decref(p);
	if (rc != MM_OK) {
		buf_free(&out);
		return NULL;
	}
	s = buf_steal(&out);
	assert_non_null(s);
	return s;
}

static void
expect(const char *text, const char *data, unsigned flags, const char *want)
{
	struct err e;
	char *got = render(text, data, NULL, flags, &e);

	if (got == NULL)
		fail_msg("%s: %s", text, e.msg);
	assert_string_equal(got, want);
	free(got);
}

static void
expect_partials(const char *text, const char *data, const char *partials,
    const char *want)
{
	struct err e;
	char *got = render(text, data, partials, 0, &e);

	if (got == NULL)
		fail_msg("%s: %s", text, e.msg);
	assert_string_equal(got, want);
	free(got);
}

/* parsing TEXT as template "t" fails with CODE and a message containing
 * each of the NULL-terminated strings that follow */
static void
expect_parse_error(const char *text, enum mm_err code, ...)
{
	struct mustache_set *set = mustache_set_new();
	struct err e;
	const char *part;
	va_list ap;

	assert_non_null(set);
	err_clear(&e);
	assert_int_equal(mustache_set_add(set, "t", text, strlen(text), &e),
	    code);
	assert_int_equal(e.code, code);
	va_start(ap, code);
	while ((part = va_arg(ap, const char *)) != NULL) {
		if (strstr(e.msg, part) == NULL) {
			va_end(ap);
			fail_msg("message \"%s\" lacks \"%s\"", e.msg, part);
		}
	}
	va_end(ap);
	assert_null(mustache_set_get(set, "t"));
	mustache_set_free(set);
}

/* ---- the spec ---- */

static void
print_visible(const char *label, const char *s)
{
	fprintf(stderr, "    %s: \"", label);
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n", stderr);
		else if (*s == '\r')
			fputs("\\r", stderr);
		else if (*s == '\t')
			fputs("\\t", stderr);
		else
			fputc(*s, stderr);
	}
	fputs("\"\n", stderr);
}

/* run every test of the spec file FILE; report each failure by name */
static void
run_spec(const char *file)
{
	const char *root = getenv("MAMORI_SRC");
	char path[4096];
	json_t *doc, *tests, *t;
	json_error_t jerr;
	struct buf out;
	struct err e;
	size_t i, pass = 0, total;
	enum mm_err rc;
	const char *tpl, *want;

	if (root == NULL)
		root = ".";
	snprintf(path, sizeof(path), "%s/../shared/conformance/mustache-spec/%s",
	    root, file);
	doc = json_load_file(path, 0, &jerr);
	if (doc == NULL)
		fail_msg("%s: %s (set MAMORI_SRC to the repository root)", path,
		    jerr.text);
	tests = json_object_get(doc, "tests");
	total = json_array_size(tests);
	assert_true(total > 0);
	json_array_foreach(tests, i, t) {
		tpl = json_string_value(json_object_get(t, "template"));
		want = json_string_value(json_object_get(t, "expected"));
		assert_non_null(tpl);
		assert_non_null(want);
		buf_init(&out, 0);
		err_clear(&e);
		rc = mustache_render_text(tpl, strlen(tpl),
		    json_object_get(t, "partials"), json_object_get(t, "data"),
		    MUSTACHE_SPEC, &out, &e);
		if (rc == MM_OK && strcmp(buf_cstr(&out), want) == 0) {
			pass++;
		} else {
			fprintf(stderr, "  FAIL %s: %s\n", file,
			    json_string_value(json_object_get(t, "name")));
			print_visible("template", tpl);
			print_visible("expected", want);
			if (rc == MM_OK)
				print_visible("got", buf_cstr(&out));
			else
				fprintf(stderr, "    error: %s\n", e.msg);
		}
		buf_free(&out);
	}
	printf("spec %s: %zu/%zu passed\n", file, pass, total);
	json_decref(doc);
	assert_int_equal(pass, total);
}

static void test_spec_comments(void **s) { (void)s; run_spec("comments.json"); }
static void test_spec_delimiters(void **s) { (void)s; run_spec("delimiters.json"); }
static void test_spec_interpolation(void **s) { (void)s; run_spec("interpolation.json"); }
static void test_spec_inverted(void **s) { (void)s; run_spec("inverted.json"); }
static void test_spec_partials(void **s) { (void)s; run_spec("partials.json"); }
static void test_spec_sections(void **s) { (void)s; run_spec("sections.json"); }
static void test_spec_dynamic_names(void **s) { (void)s; run_spec("~dynamic-names.json"); }

/* ---- escaping and trusted HTML ---- */

static void
test_escape_default(void **state)
{
	(void)state;
	expect("{{x}}", "{\"x\":\"<a href='x'>&\\\"</a>\"}", 0,
	    "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
	/* the spec mode leaves ' alone */
	expect("{{x}}", "{\"x\":\"it's\"}", MUSTACHE_SPEC, "it's");
	expect("{{x}}", "{\"x\":\"it's\"}", 0, "it&#39;s");
	/* Japanese text passes through untouched */
	expect("{{x}}", "{\"x\":\"情報セキュリティ\"}", 0, "情報セキュリティ");
}

static void
test_triple_escapes_plain_strings(void **state)
{
	(void)state;
	expect("{{{x}}}|{{&x}}", "{\"x\":\"<b>'\"}", 0,
	    "&lt;b&gt;&#39;|&lt;b&gt;&#39;");
	expect("{{{x}}}|{{& x}}", "{\"x\":\"<b>'\"}", MUSTACHE_SPEC,
	    "<b>'|<b>'");
	/* with the spec escaping only, a triple mustache still escapes */
	expect("{{{x}}}", "{\"x\":\"<b>'\"}", MUSTACHE_SPEC_ESCAPE,
	    "&lt;b&gt;'");
}

static void
test_safe_html(void **state)
{
	const char *data = "{\"svg\":{\"$safe_html\":\"<svg a='1'>&amp;</svg>\"}}";

	(void)state;
	expect("{{svg}}", data, 0, "<svg a='1'>&amp;</svg>");
	expect("{{{svg}}}", data, 0, "<svg a='1'>&amp;</svg>");
	expect("{{&svg}}", data, 0, "<svg a='1'>&amp;</svg>");
	expect("{{svg}}", data, MUSTACHE_SPEC, "<svg a='1'>&amp;</svg>");
	/* only exactly {"$safe_html": string} is trusted */
	expect("[{{x}}]", "{\"x\":{\"$safe_html\":\"<b>\",\"y\":1}}", 0, "[]");
	expect("[{{x}}]", "{\"x\":{\"$safe_html\":1}}", 0, "[]");
	expect("[{{{x}}}]", "{\"x\":{\"other\":\"<b>\"}}", 0, "[]");
	/* a section over it sees the object */
	expect("{{#svg}}yes{{/svg}}", data, 0, "yes");
}

static void
test_safe_html_helper(void **state)
{
	json_t *data = json_object(), *h = mustache_safe_html("<i>x</i>");
	struct buf out;
	struct err e;

	(void)state;
	assert_non_null(h);
	json_object_set_new(data, "h", h);
	buf_init(&out, 0);
	assert_int_equal(mustache_render_text("{{h}}", 5, NULL, data, 0, &out,
	    &e), MM_OK);
	assert_string_equal(buf_cstr(&out), "<i>x</i>");
	assert_null(mustache_safe_html("\xff"));
	buf_free(&out);
	json_decref(data);
}

/* ---- values ---- */

static void
test_numbers(void **state)
{
	(void)state;
	expect("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}}",
	    "{\"a\":1.5,\"b\":85,\"c\":0.1,\"d\":-3,\"e\":1.0,"
	    "\"f\":0.30000000000000004,\"g\":1e300}", 0,
	    "1.5 85 0.1 -3 1 0.30000000000000004 1e+300");
	expect("{{a}}", "{\"a\":9007199254740993}", 0, "9007199254740993");
	expect("{{t}} {{f}} [{{n}}] [{{arr}}] [{{obj}}]",
	    "{\"t\":true,\"f\":false,\"n\":null,\"arr\":[1],\"obj\":{}}", 0,
	    "true false [] [] []");
}

static void
test_truthiness(void **state)
{
	(void)state;
	expect("{{#s}}S{{/s}}{{^s}}not-s{{/s}}", "{\"s\":\"\"}", 0, "not-s");
	expect("{{#s}}[{{.}}]{{/s}}", "{\"s\":\"<x>\"}", 0, "[&lt;x&gt;]");
	expect("{{#z}}zero{{/z}}", "{\"z\":0}", 0, "zero");
	expect("{{#o}}obj{{/o}}", "{\"o\":{}}", 0, "obj");
	expect("{{^a}}empty{{/a}}", "{\"a\":[]}", 0, "empty");
	expect("{{#a}}{{.}},{{/a}}", "{\"a\":[1,\"b\",null,true]}", 0,
	    "1,b,,true,");
}

static void
test_dotted_and_stack(void **state)
{
	(void)state;
	expect("{{#org}}{{name}}/{{user.name}}/{{title}}{{/org}}",
	    "{\"title\":\"T\",\"user\":{\"name\":\"U\"},\"org\":{\"name\":\"O\"}}",
	    0, "O/U/T");
	/* a name found in an inner context masks the outer one even when the
	 * rest of the dotted name does not resolve */
	expect("{{#a}}[{{b.c}}]{{/a}}",
	    "{\"a\":{\"b\":{}},\"b\":{\"c\":\"outer\"}}", 0, "[]");
}

/* ---- partials ---- */

static void
test_partial_indentation(void **state)
{
	(void)state;
	/* nested standalone partials add up their indentation */
	expect_partials("<ul>\n  {{>items}}\n</ul>\n",
	    "{\"a\":[1,2]}",
	    "{\"items\":\"{{#a}}\\n  {{>item}}\\n{{/a}}\\n\","
	    "\"item\":\"<li>\\n  {{.}}\\n</li>\\n\"}",
	    "<ul>\n    <li>\n      1\n    </li>\n    <li>\n      2\n    </li>\n"
	    "</ul>\n");
	/* a partial that is not standalone gets no indentation */
	expect_partials("  {{>p}}\n", "{}",
	    "{\"p\":\"a\\n x {{>q}}\\n\",\"q\":\"b\\nc\"}",
	    "  a\n   x b\nc\n");
	/* interpolated data is not indented */
	expect_partials(" {{>p}}\n", "{\"v\":\"1\\n2\"}",
	    "{\"p\":\"{{v}}\\n\"}", " 1\n2\n");
}

static void
test_dynamic_partials(void **state)
{
	(void)state;
	expect_partials("{{#items}}{{>*kind}};{{/items}}",
	    "{\"items\":[{\"kind\":\"text\",\"t\":\"a\"},"
	    "{\"kind\":\"img\",\"u\":\"b\"},{\"kind\":1},{\"kind\":\"none\"}]}",
	    "{\"text\":\"T:{{t}}\",\"img\":\"I:{{u}}\"}",
	    "T:a;I:b;;;");
}

static void
test_set_api(void **state)
{
	struct mustache_set *set = mustache_set_new();
	const struct mustache_tpl *t;
	json_t *data = json_pack("{s:s}", "who", "世界");
	struct buf out;
	struct err e;

	(void)state;
	assert_non_null(set);
	assert_int_equal(mustache_set_add(set, "page", "<p>{{>greet}}</p>", 17,
	    &e), MM_OK);
	/* the text need not be NUL-terminated */
	assert_int_equal(mustache_set_add(set, "greet", "Hi {{who}}!XXXX", 11,
	    &e), MM_OK);
	assert_int_equal(mustache_set_add(set, "greet", "x", 1, &e),
	    MM_ECONFLICT);
	assert_int_equal(mustache_set_add(set, "", "x", 1, &e), MM_EINVAL);
	assert_int_equal(mustache_set_add(set, "bad", "{{>missing}}", 12, &e),
	    MM_OK);
	assert_int_equal(mustache_set_check(set, &e), MM_ENOTFOUND);
	assert_non_null(strstr(e.msg, "bad:1:1"));
	assert_non_null(strstr(e.msg, "missing"));
	assert_int_equal(mustache_set_add(set, "missing", "", 0, &e), MM_OK);
	assert_int_equal(mustache_set_check(set, &e), MM_OK);
	assert_int_equal(mustache_set_add_embedded(set, "templates/", &e),
	    MM_OK);

	t = mustache_set_get(set, "page");
	assert_non_null(t);
	assert_string_equal(mustache_tpl_name(t), "page");
	assert_null(mustache_set_get(set, "nope"));

	buf_init(&out, 0);
	assert_int_equal(mustache_render(set, t, data, &out, &e), MM_OK);
	assert_string_equal(buf_cstr(&out), "<p>Hi 世界!</p>");
	buf_reset(&out);
	assert_int_equal(mustache_render_name(set, "greet", data, &out, &e),
	    MM_OK);
	assert_string_equal(buf_cstr(&out), "Hi 世界!");
	assert_int_equal(mustache_render_name(set, "nope", data, &out, &e),
	    MM_ENOTFOUND);
	/* no data at all */
	buf_reset(&out);
	assert_int_equal(mustache_render_name(set, "greet", NULL, &out, &e),
	    MM_OK);
	assert_string_equal(buf_cstr(&out), "Hi !");
	buf_free(&out);
	json_decref(data);
	mustache_set_free(set);
	mustache_set_free(NULL);
}

/* ---- errors ---- */

static void
test_parse_errors(void **state)
{
	(void)state;
	expect_parse_error("a\n  {{x", MM_EINVAL, "t:2:3", "}}", NULL);
	expect_parse_error("{{{x}}", MM_EINVAL, "t:1:1", "}}}", NULL);
	expect_parse_error("日本語{{x", MM_EINVAL, "t:1:4", NULL);
	expect_parse_error("a\n{{#items}}\nb\n", MM_EINVAL, "t:2:1", "items",
	    "閉じられていません", NULL);
	expect_parse_error("{{#a}}\n{{#b}}{{/a}}", MM_EINVAL, "t:2:7",
	    "{{/a}}", "{{#b}}", "t:2:1", NULL);
	expect_parse_error("x {{/a}}", MM_EINVAL, "t:1:3", "{{/a}}", NULL);
	expect_parse_error("{{a b}}", MM_EINVAL, "t:1:1", "a b", NULL);
	expect_parse_error("{{}}", MM_EINVAL, "t:1:1", NULL);
	expect_parse_error("{{a..b}}", MM_EINVAL, "t:1:1", NULL);
	expect_parse_error("{{#.a}}{{/.a}}", MM_EINVAL, "t:1:1", NULL);
	expect_parse_error("{{> }}", MM_EINVAL, "t:1:1", NULL);
	expect_parse_error("{{>a b}}", MM_EINVAL, "t:1:1", NULL);
	expect_parse_error("\n{{=x=}}", MM_EINVAL, "t:2:1", NULL);
	expect_parse_error("{{=a= b=}}", MM_EINVAL, "t:1:1", NULL);
	expect_parse_error("{{<layout}}{{/layout}}", MM_EINVAL, "t:1:1",
	    "継承", NULL);
	expect_parse_error("{{$block}}{{/block}}", MM_EINVAL, "t:1:1", NULL);
	/* with other delimiters, the position is still right */
	expect_parse_error("{{=<% %>=}}\n\n  <%#a%>", MM_EINVAL, "t:3:3",
	    NULL);
}

static void
test_nesting_limit(void **state)
{
	struct buf tpl;
	struct err e;
	char *got;
	int i, depth;

	(void)state;
	for (depth = MUSTACHE_MAX_NESTING; depth <= MUSTACHE_MAX_NESTING + 1;
	    depth++) {
		buf_init(&tpl, 0);
		for (i = 0; i < depth; i++)
			buf_puts(&tpl, "{{#a}}");
		buf_puts(&tpl, "x");
		for (i = 0; i < depth; i++)
			buf_puts(&tpl, "{{/a}}");
		got = render(buf_cstr(&tpl), "{\"a\":true}", NULL, 0, &e);
		if (depth == MUSTACHE_MAX_NESTING) {
			assert_non_null(got);
			assert_string_equal(got, "x");
			free(got);
		} else {
			assert_null(got);
			assert_int_equal(e.code, MM_EINVAL);
			assert_non_null(strstr(e.msg, "(template):1:385"));
		}
		buf_free(&tpl);
	}
}

static void
test_partial_recursion_limit(void **state)
{
	struct err e;
	char *got;

	(void)state;
	/* endless recursion stops with an error naming the partial tag */
	got = render("{{>p}}", "{}", "{\"p\":\"x\\n{{>p}}\"}", 0, &e);
	assert_null(got);
	assert_int_equal(e.code, MM_EINVAL);
	assert_non_null(strstr(e.msg, "p:2:1"));
	assert_non_null(strstr(e.msg, "パーシャル"));
	/* recursion through sections ends with the data… */
	got = render("{{>n}}", "{\"c\":{\"c\":{\"c\":{\"c\":false}}}}",
	    "{\"n\":\"<{{#c}}{{>n}}{{/c}}>\"}", 0, &e);
	assert_non_null(got);
	assert_string_equal(got, "<<<<>>>>");
	free(got);
	/* …or, when the data does not end it, with the limit */
	got = render("{{>n}}", "{\"c\":true}", "{\"n\":\"{{#c}}{{>n}}{{/c}}\"}",
	    0, &e);
	assert_null(got);
	assert_non_null(strstr(e.msg, "n:1:7"));
	/* the context stack has its own limit: sections in a partial that
	 * recurses with an array each time push deeper than 32 levels */
	got = render("{{>n}}", "{\"c\":[1]}",
	    "{\"n\":\"{{#c}}{{#c}}{{#c}}{{#c}}{{#c}}{{#c}}{{#c}}{{#c}}{{#c}}"
	    "{{>n}}{{/c}}{{/c}}{{/c}}{{/c}}{{/c}}{{/c}}{{/c}}{{/c}}{{/c}}\"}",
	    0, &e);
	assert_null(got);
	assert_int_equal(e.code, MM_EINVAL);
	assert_non_null(strstr(e.msg, "n:1:"));
}

static void
test_work_limit(void **state)
{
	struct err e;
	char *got;

	(void)state;
	/* 10^8 empty iterations write nothing, so the output cap does not
	 * stop them: the work limit does */
	got = render("{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}"
	    "{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}",
	    "{\"a\":[0,1,2,3,4,5,6,7,8,9]}", NULL, 0, &e);
	assert_null(got);
	assert_int_equal(e.code, MM_EINVAL);
	assert_non_null(strstr(e.msg, "処理が多すぎます"));
}

static void
test_template_size_limit(void **state)
{
	struct mustache_set *set = mustache_set_new();
	size_t n = MUSTACHE_MAX_TEMPLATE + 1;
	char *big = malloc(n);
	struct err e;

	(void)state;
	assert_non_null(big);
	memset(big, 'x', n);
	assert_int_equal(mustache_set_add(set, "big", big, n, &e), MM_EINVAL);
	assert_non_null(strstr(e.msg, "big"));
	assert_int_equal(mustache_set_add(set, "ok", big, n - 1, &e), MM_OK);
	free(big);
	mustache_set_free(set);
}

static void
test_output_cap(void **state)
{
	json_t *data = json_pack("{s:[iiiiiiiiii]}", "a", 1, 2, 3, 4, 5, 6, 7,
	    8, 9, 10);
	const char *tpl = "{{#a}}{{#a}}{{#a}}0123456789{{/a}}{{/a}}{{/a}}";
	struct buf out;
	struct err e;

	(void)state;
	buf_init(&out, 1000);
	assert_int_equal(mustache_render_text(tpl, strlen(tpl), NULL, data, 0,
	    &out, &e), MM_ENOMEM);
	assert_non_null(strstr(e.msg, "1000"));
	buf_free(&out);
	buf_init(&out, 10000);
	assert_int_equal(mustache_render_text(tpl, strlen(tpl), NULL, data, 0,
	    &out, &e), MM_OK);
	assert_int_equal(out.len, 10000);
	buf_free(&out);
	json_decref(data);
}

static void
test_odd_input(void **state)
{
	struct buf out;
	struct err e;
	const char nul[] = "a\0b{{x}}\0";

	(void)state;
	buf_init(&out, 0);
	assert_int_equal(mustache_render_text(nul, sizeof(nul) - 1, NULL,
	    NULL, 0, &out, &e), MM_OK);
	assert_int_equal(out.len, 4);
	assert_memory_equal(out.data, "a\0b\0", 4);
	buf_free(&out);
	expect("", "{}", 0, "");
	expect("}} {{! }} {", "{}", 0, "}}  {");
	expect("{{=| |=}}|x| {{x}} |={{ }}=|{{x}}", "{\"x\":1}", 0,
	    "1 {{x}} 1");
	expect("{{.}}", "[1]", 0, "");
	expect("{{#.}}{{.}}{{/.}}", "\"top\"", 0, "top");
}

/* ---- threads ---- */

struct job {
	const struct mustache_set *set;
	const json_t *data;
	const char *want;
	int failures;
};

static void *
thread_render(void *arg)
{
	struct job *j = arg;
	struct buf out;
	struct err e;
	int i;

	buf_init(&out, 0);
	for (i = 0; i < 300; i++) {
		buf_reset(&out);
		if (mustache_render_name(j->set, "list", j->data, &out, &e) !=
		    MM_OK || strcmp(buf_cstr(&out), j->want) != 0)
			j->failures++;
	}
	buf_free(&out);
	return NULL;
}

static void
test_threads(void **state)
{
	static const char list[] =
	    "<table>\n"
	    "  {{#rows}}\n"
	    "  {{>row}}\n"
	    "  {{/rows}}\n"
	    "</table>\n";
	static const char row[] =
	    "<tr><td>{{name}}</td><td>{{score}}</td><td>{{{chart}}}</td></tr>\n";
	struct mustache_set *set = mustache_set_new();
	struct job jobs[4];
	pthread_t th[4];
	json_t *data, *rows, *row_obj;
	struct buf want;
	struct err e;
	int i;

	(void)state;
	assert_int_equal(mustache_set_add(set, "list", list, strlen(list), &e),
	    MM_OK);
	assert_int_equal(mustache_set_add(set, "row", row, strlen(row), &e),
	    MM_OK);
	data = json_object();
	rows = json_array();
	for (i = 0; i < 50; i++) {
		row_obj = json_pack("{s:s, s:f, s:o}", "name", "資産 <A&B>",
		    "score", i * 0.5, "chart", mustache_safe_html("<svg/>"));
		assert_non_null(row_obj);
		json_array_append_new(rows, row_obj);
	}
	json_object_set_new(data, "rows", rows);
	buf_init(&want, 0);
	assert_int_equal(mustache_render_name(set, "list", data, &want, &e),
	    MM_OK);
	assert_non_null(strstr(buf_cstr(&want),
	    "  <tr><td>資産 &lt;A&amp;B&gt;</td><td>24.5</td><td><svg/></td>"
	    "</tr>\n</table>\n"));
	for (i = 0; i < 4; i++) {
		jobs[i].set = set;
		jobs[i].data = data;
		jobs[i].want = buf_cstr(&want);
		jobs[i].failures = 0;
		assert_int_equal(pthread_create(&th[i], NULL, thread_render,
		    &jobs[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(jobs[i].failures, 0);
	}
	buf_free(&want);
	json_decref(data);
	mustache_set_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_comments),
		cmocka_unit_test(test_spec_delimiters),
		cmocka_unit_test(test_spec_interpolation),
		cmocka_unit_test(test_spec_inverted),
		cmocka_unit_test(test_spec_partials),
		cmocka_unit_test(test_spec_sections),
		cmocka_unit_test(test_spec_dynamic_names),
		cmocka_unit_test(test_escape_default),
		cmocka_unit_test(test_triple_escapes_plain_strings),
		cmocka_unit_test(test_safe_html),
		cmocka_unit_test(test_safe_html_helper),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_truthiness),
		cmocka_unit_test(test_dotted_and_stack),
		cmocka_unit_test(test_partial_indentation),
		cmocka_unit_test(test_dynamic_partials),
		cmocka_unit_test(test_set_api),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_nesting_limit),
		cmocka_unit_test(test_partial_recursion_limit),
		cmocka_unit_test(test_work_limit),
		cmocka_unit_test(test_template_size_limit),
		cmocka_unit_test(test_output_cap),
		cmocka_unit_test(test_odd_input),
		cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
