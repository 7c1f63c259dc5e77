/* test_xml_out.c — the XML writer (render/xml_out.h): escaping of text
 * and attributes (the five special characters, tab and newline, control
 * characters dropped, bad UTF-8 replaced), element nesting, empty
 * elements, and the sticky failures (misuse, depth, buffer cap). */
#include "support/mm_test.h"

#include "render/xml_out.h"
#include "util/buf.h"

static void
escape_text(const char *in, size_t n, bool attr, const char *want)
{
	struct buf b;

	buf_init(&b, 0);
	assert_true(xml_escape(&b, in, n, attr));
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_escape(void **state)
{
	(void)state;
	escape_text("", 0, false, "");
	escape_text("plain 日本語", strlen("plain 日本語"), false, "plain 日本語");
	escape_text("<a href=\"x\">&'</a>", 19, false,
	    "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
	/* tab and newline kept in text, references in attributes */
	escape_text("a\tb\nc", 5, false, "a\tb\nc");
	escape_text("a\tb\nc", 5, true, "a&#9;b&#10;c");
	/* other control characters (CR, NUL, ESC, DEL) dropped */
	escape_text("a\rb\0c\x1b[0m\x7f" "d", 11, false, "abc[0md");
	/* bad UTF-8: a lone continuation byte, a truncated sequence, an
	 * overlong '/', a surrogate, U+FFFF */
	escape_text("x\x80y", 3, false, "x\xEF\xBF\xBDy");
	escape_text("x\xE3\x81", 3, false, "x\xEF\xBF\xBD\xEF\xBF\xBD");
	escape_text("\xC0\xAF", 2, false, "\xEF\xBF\xBD\xEF\xBF\xBD");
	escape_text("\xED\xA0\x80", 3, false, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	escape_text("\xEF\xBF\xBF", 3, false, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	/* 4-byte characters pass */
	escape_text("\xF0\x9F\x94\x92", 4, false, "\xF0\x9F\x94\x92");
}

static void
test_elements(void **state)
{
	struct xml_out x;
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	xml_out_init(&x, &b, true);
	xml_open(&x, "w:p");
	xml_attr(&x, "a", "1 < 2 & \"3\"");
	xml_attr_long(&x, "n", -42);
	xml_leaf(&x, "w:b", NULL, NULL);
	xml_leaf(&x, "w:jc", "w:val", "center");
	xml_elem(&x, "w:t", "x'y");
	xml_open(&x, "empty");
	xml_close(&x);
	xml_text(&x, NULL);
	xml_text(&x, "tail");
	xml_close(&x);
	assert_true(xml_out_finish(&x));
	assert_string_equal(buf_cstr(&b),
	    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	    "<w:p a=\"1 &lt; 2 &amp; &quot;3&quot;\" n=\"-42\"><w:b/><w:jc w:val=\"center\"/>"
	    "<w:t>x&apos;y</w:t><empty/>tail</w:p>");
	buf_free(&b);
}

static void
test_finish_closes(void **state)
{
	struct xml_out x;
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	xml_out_init(&x, &b, false);
	xml_open(&x, "a");
	xml_open(&x, "b");
	xml_text(&x, "t");
	xml_open(&x, "c");
	assert_true(xml_out_finish(&x));
	assert_string_equal(buf_cstr(&b), "<a><b>t<c/></b></a>");
	buf_free(&b);
}

static void
test_misuse(void **state)
{
	struct xml_out x;
	struct buf b;
	int i;

	(void)state;
	/* an attribute after content */
	buf_init(&b, 0);
	xml_out_init(&x, &b, false);
	xml_open(&x, "a");
	xml_text(&x, "t");
	xml_attr(&x, "late", "1");
	assert_false(xml_out_finish(&x));
	buf_free(&b);

	/* text outside the root, closing too much */
	buf_init(&b, 0);
	xml_out_init(&x, &b, false);
	xml_text(&x, "t");
	assert_false(xml_out_finish(&x));
	buf_free(&b);
	buf_init(&b, 0);
	xml_out_init(&x, &b, false);
	xml_close(&x);
	assert_false(xml_out_finish(&x));
	buf_free(&b);

	/* nesting deeper than XML_OUT_DEPTH */
	buf_init(&b, 0);
	xml_out_init(&x, &b, false);
	for (i = 0; i <= XML_OUT_DEPTH; i++)
		xml_open(&x, "d");
	assert_true(x.failed);
	assert_false(xml_out_finish(&x));
	buf_free(&b);

	/* the buffer's cap */
	buf_init(&b, 64);
	xml_out_init(&x, &b, true);
	xml_open(&x, "a");
	for (i = 0; i < 100; i++)
		xml_text(&x, "0123456789");
	assert_false(xml_out_finish(&x));
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_elements),
		cmocka_unit_test(test_finish_closes),
		cmocka_unit_test(test_misuse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
