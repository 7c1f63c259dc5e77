/* test_svg_chart.c — radar and trend charts (render/svg_chart.h): the
 * output is well-formed XML (checked by a small parser below: balanced
 * tags, quoted attributes, only the five entities and numeric ones, no
 * raw '<' or '&' in text), starts with <svg, ends with </svg>, has a
 * <title>; labels and titles are escaped, never raw; no script and no
 * external reference; the number of axes and points is checked. The
 * heat map of the risk analysis: nine cells, the highest row on top,
 * links only where given, every text and link escaped. */
#include "support/mm_test.h"

#include <math.h>

#include "render/svg_chart.h"
#include "util/buf.h"

#define EVIL "<script>&'\""
#define EVIL_ESC "&lt;script&gt;&amp;&#39;&quot;"

/* ---- a small XML well-formedness check ---------------------------- */

static bool
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '-' || c == '_' || c == ':' || c == '.';
}

/* an entity at P ("&…;"); its length or 0 */
static size_t
entity(const char *p)
{
	static const char *const named[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;" };
	size_t i, n;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strncmp(p, named[i], strlen(named[i])) == 0)
			return strlen(named[i]);
	if (p[1] != '#')
		return 0;
	for (n = 2; p[n] >= '0' && p[n] <= '9'; n++)
		;
	return n > 2 && p[n] == ';' ? n + 1 : 0;
}

/* true when S is one well-formed element; the reason in WHY */
static bool
well_formed(const char *s, char *why, size_t whysz)
{
	char stack[64][32];
	int depth = 0, roots = 0;
	const char *p = s;
	size_t n, k;

#define BAD(...) do { snprintf(why, whysz, __VA_ARGS__); return false; } while (0)
	while (*p) {
		if (*p == '&') {
			if ((k = entity(p)) == 0)
				BAD("bad entity at %td", p - s);
			p += k;
		} else if (*p == '>') {
			BAD("raw '>' in text at %td", p - s);
		} else if (*p != '<') {
			if (depth == 0)
				BAD("text outside the root at %td", p - s);
			p++;
		} else if (p[1] == '/') {
			p += 2;
			for (n = 0; name_char(p[n]); n++)
				;
			if (depth == 0 || n != strlen(stack[depth - 1]) ||
			    strncmp(p, stack[depth - 1], n) != 0)
				BAD("unbalanced </%.*s> at %td", (int)n, p, p - s);
			depth--;
			p += n;
			if (*p++ != '>')
				BAD("bad end tag at %td", p - s);
		} else {
			p++;
			for (n = 0; name_char(p[n]); n++)
				;
			if (n == 0 || n >= sizeof(stack[0]) || depth == 64)
				BAD("bad tag name at %td", p - s);
			if (depth == 0 && roots++ > 0)
				BAD("second root at %td", p - s);
			memcpy(stack[depth], p, n);
			stack[depth][n] = '\0';
			p += n;
			for (;;) {
				while (*p == ' ')
					p++;
				if (*p == '>') {
					depth++;
					p++;
					break;
				}
				if (p[0] == '/' && p[1] == '>') {
					p += 2;
					break;
				}
				for (n = 0; name_char(p[n]); n++)
					;
				if (n == 0 || p[n] != '=' || p[n + 1] != '"')
					BAD("bad attribute at %td", p - s);
				p += n + 2;
				while (*p != '"') {
					if (*p == '\0' || *p == '<')
						BAD("bad attribute value at %td", p - s);
					if (*p == '&') {
						if ((k = entity(p)) == 0)
							BAD("bad entity in attribute at %td", p - s);
						p += k;
					} else {
						p++;
					}
				}
				p++;
				if (*p != ' ' && *p != '>' && *p != '/')
					BAD("no space after attribute at %td", p - s);
			}
		}
	}
	if (depth != 0)
		BAD("%d element(s) not closed", depth);
	if (roots != 1)
		BAD("no root");
#undef BAD
	return true;
}

static void
assert_svg(const char *s, const char *title_esc)
{
	char why[128];
	size_t n = strlen(s);

	assert_true(strncmp(s, "<svg", 4) == 0);
	assert_true(n > 6 && strcmp(s + n - 6, "</svg>") == 0);
	assert_has(s, "xmlns=\"http://www.w3.org/2000/svg\"");
	if (!well_formed(s, why, sizeof(why))) {
		print_error("not well-formed: %s\n%s\n", why, s);
		fail();
	}
	if (title_esc != NULL) {
		char t[256];
		snprintf(t, sizeof(t), "<title>%s</title>", title_esc);
		assert_has(s, t);
	}
	assert_lacks(s, "<script");
	assert_lacks(s, "href");
	assert_lacks(s, "nan");
	assert_lacks(s, "inf");
	assert_lacks(s, " on"); /* no event handler attributes */
}

static const struct chart_axis axes3[3] = {
	{ "基本的対策", 16, 20 }, { "従業員としての対策", 30, 40 }, { "組織としての対策", 20, 40 },
};

static void
test_checker_itself(void **state)
{
	char why[128];

	(void)state;
	assert_true(well_formed("<svg a=\"1\"><title>x &amp; y</title><g/></svg>", why,
	    sizeof(why)));
	assert_false(well_formed("<svg><title>x & y</title></svg>", why, sizeof(why)));
	assert_false(well_formed("<svg><title><script></title></svg>", why, sizeof(why)));
	assert_false(well_formed("<svg a='1'></svg>", why, sizeof(why)));
	assert_false(well_formed("<svg a=\"<\"></svg>", why, sizeof(why)));
	assert_false(well_formed("<svg><g></svg>", why, sizeof(why)));
	assert_false(well_formed("<svg></svg><svg></svg>", why, sizeof(why)));
	assert_false(well_formed("<svg>a > b</svg>", why, sizeof(why)));
}

static void
test_radar(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_true(svg_radar(&b, "自社診断の結果", axes3, 3));
	assert_svg(buf_cstr(&b), "自社診断の結果");
	assert_has(buf_cstr(&b), "基本的対策");
	assert_has(buf_cstr(&b), "組織としての対策");
	assert_has(buf_cstr(&b), "16 / 20");
	assert_has(buf_cstr(&b), "aria-label=\"自社診断の結果\"");
	assert_has(buf_cstr(&b), "role=\"img\"");
	buf_free(&b);
}

static void
test_radar_axes_range(void **state)
{
	struct chart_axis ax[13];
	struct buf b;
	size_t n;

	(void)state;
	for (n = 0; n < 13; n++) {
		ax[n].label = "軸";
		ax[n].value = (double)n;
		ax[n].max = 12;
	}
	for (n = 0; n <= 13; n++) {
		bool ok;
		buf_init(&b, 0);
		ok = svg_radar(&b, "t", ax, n);
		if (n >= 3 && n <= 12) {
			assert_true(ok);
			assert_svg(buf_cstr(&b), "t");
		} else {
			assert_false(ok);
			assert_int_equal(b.len, 0); /* nothing appended */
		}
		buf_free(&b);
	}
	/* a NULL axis array with a count out of range is not read */
	buf_init(&b, 0);
	assert_false(svg_radar(&b, "t", NULL, 0));
	assert_false(svg_radar(&b, "t", NULL, 2));
	assert_false(svg_radar(&b, "t", NULL, 13));
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* values outside 0..max and a max of 0 give no NaN and stay in the box */
static void
test_radar_odd_values(void **state)
{
	const struct chart_axis ax[4] = {
		{ "over", 50, 20 }, { "negative", -5, 20 }, { "zero max", 3, 0 }, { "ok", 10, 20 },
	};
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_true(svg_radar(&b, "odd", ax, 4));
	assert_svg(buf_cstr(&b), "odd");
	buf_free(&b);
}

static void
test_escaping(void **state)
{
	struct chart_axis ax[3];
	struct chart_point pts[2] = { { EVIL, 50 }, { "2026-04-01", 70 } };
	struct buf b;
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		ax[i].label = EVIL;
		ax[i].value = 1;
		ax[i].max = 2;
	}
	buf_init(&b, 0);
	assert_true(svg_radar(&b, EVIL, ax, 3));
	assert_svg(buf_cstr(&b), EVIL_ESC);
	assert_has(buf_cstr(&b), ">" EVIL_ESC "</text>");
	assert_has(buf_cstr(&b), "aria-label=\"" EVIL_ESC "\"");
	assert_lacks(buf_cstr(&b), EVIL);
	assert_lacks(buf_cstr(&b), "<script>");
	buf_free(&b);
	buf_init(&b, 0);
	assert_true(svg_trend(&b, EVIL, pts, 2, 0, 100, NULL, 0));
	assert_svg(buf_cstr(&b), EVIL_ESC);
	assert_has(buf_cstr(&b), ">" EVIL_ESC "</text>");
	assert_lacks(buf_cstr(&b), EVIL);
	buf_free(&b);
	/* svg_escape on its own */
	buf_init(&b, 0);
	svg_escape(&b, "a<b>c&d\"e'f 日本");
	assert_string_equal(buf_cstr(&b), "a&lt;b&gt;c&amp;d&quot;e&#39;f 日本");
	svg_escape(&b, NULL);
	svg_escape(&b, "");
	assert_string_equal(buf_cstr(&b), "a&lt;b&gt;c&amp;d&quot;e&#39;f 日本");
	buf_free(&b);
	/* an entity in a label is escaped again, not passed through */
	buf_init(&b, 0);
	svg_escape(&b, "&lt;");
	assert_string_equal(buf_cstr(&b), "&amp;lt;");
	buf_free(&b);
}

static void
test_trend(void **state)
{
	const struct chart_point pts[3] = {
		{ "2025-10-01", 55 }, { "2026-01-15", 72 }, { "2026-04-01", 100 },
	};
	const double guides[3] = { 50, 70, 100 };
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_true(svg_trend(&b, "推移", pts, 3, 0, 100, guides, 3));
	assert_svg(buf_cstr(&b), "推移");
	assert_has(buf_cstr(&b), "2025-10-01");
	assert_has(buf_cstr(&b), "2026-04-01");
	assert_has(buf_cstr(&b), "<polyline");
	assert_has(buf_cstr(&b), "class=\"guide\"");
	buf_free(&b);
	/* one point */
	buf_init(&b, 0);
	assert_true(svg_trend(&b, "一回", pts, 1, 0, 100, NULL, 0));
	assert_svg(buf_cstr(&b), "一回");
	assert_lacks(buf_cstr(&b), "class=\"guide\"");
	buf_free(&b);
	/* many points: still well-formed */
	{
		struct chart_point many[40];
		size_t i;
		for (i = 0; i < 40; i++) {
			many[i].label = "2026-01-01";
			many[i].value = (double)(i * 7 % 101);
		}
		buf_init(&b, 0);
		assert_true(svg_trend(&b, "多数", many, 40, 0, 100, guides, 3));
		assert_svg(buf_cstr(&b), "多数");
		buf_free(&b);
	}
}

static void
test_trend_refused(void **state)
{
	const struct chart_point pts[1] = { { "x", 1 } };
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_false(svg_trend(&b, "t", pts, 0, 0, 100, NULL, 0));
	assert_false(svg_trend(&b, "t", NULL, 0, 0, 100, NULL, 0));
	/* an empty or inverted range */
	assert_false(svg_trend(&b, "t", pts, 1, 100, 100, NULL, 0));
	assert_false(svg_trend(&b, "t", pts, 1, 100, 0, NULL, 0));
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* ---- the heat map ------------------------------------------------- */

static size_t
count_of(const char *s, const char *needle)
{
	size_t n = 0;

	for (s = strstr(s, needle); s != NULL; s = strstr(s + 1, needle))
		n++;
	return n;
}

static void
heat_fill(struct heat_map *m, const char *text, bool links)
{
	static char href[HEAT_N][HEAT_N][64];
	int r, c;

	memset(m, 0, sizeof(*m));
	m->title = text;
	m->row_title = text;
	m->col_title = text;
	for (r = 0; r < HEAT_N; r++) {
		m->row_ticks[r] = text;
		m->col_ticks[r] = text;
		for (c = 0; c < HEAT_N; c++) {
			struct heat_cell *cell = &m->cells[r][c];
			snprintf(href[r][c], sizeof(href[r][c]), "/o/a/assets?importance=%d&likelihood=%d",
			    r + 1, c + 1);
			cell->cls = (r + 1) * (c + 1) >= 6 ? "risk-high" : (r + 1) * (c + 1) == 4 ?
			    "risk-medium" : "risk-low";
			cell->value = text;
			cell->count = text;
			cell->label = text;
			cell->href = links ? href[r][c] : NULL;
		}
	}
}

static void
test_heatmap(void **state)
{
	struct heat_map m;
	struct buf b;
	char why[128];
	const char *s, *top, *bottom;

	(void)state;
	heat_fill(&m, "重要度", true);
	m.cells[2][2].label = "重要度 3・被害発生可能性 3: リスク値 9";
	m.cells[0][0].label = "重要度 1・被害発生可能性 1: リスク値 1";
	buf_init(&b, 0);
	assert_true(svg_heatmap(&b, &m));
	s = buf_cstr(&b);
	assert_true(strncmp(s, "<svg", 4) == 0);
	if (!well_formed(s, why, sizeof(why))) {
		print_error("not well-formed: %s\n%s\n", why, s);
		fail();
	}
	assert_has(s, "<title>重要度</title>");
	assert_int_equal(count_of(s, "<rect "), 9);
	assert_int_equal(count_of(s, "<a href="), 9);
	assert_has(s, "href=\"/o/a/assets?importance=3&amp;likelihood=2\"");
	assert_int_equal(count_of(s, "class=\"cell risk-high\""), 3);
	assert_int_equal(count_of(s, "class=\"cell risk-medium\""), 1);
	assert_int_equal(count_of(s, "class=\"cell risk-low\""), 5);
	/* the highest importance is on top, and comes first */
	top = strstr(s, "リスク値 9");
	bottom = strstr(s, "リスク値 1\"");
	assert_non_null(top);
	assert_non_null(bottom);
	assert_true(top < bottom);
	assert_lacks(s, "<script");
	assert_lacks(s, " on");
	buf_free(&b);
	/* without links: a group per cell, no <a> */
	heat_fill(&m, "t", false);
	buf_init(&b, 0);
	assert_true(svg_heatmap(&b, &m));
	assert_lacks(buf_cstr(&b), "<a ");
	assert_lacks(buf_cstr(&b), "href");
	assert_int_equal(count_of(buf_cstr(&b), "<g role=\"img\""), 9);
	assert_true(well_formed(buf_cstr(&b), why, sizeof(why)));
	buf_free(&b);
}

static void
test_heatmap_escaping(void **state)
{
	struct heat_map m;
	struct buf b;
	char why[128];
	int r, c;

	(void)state;
	heat_fill(&m, EVIL, true);
	for (r = 0; r < HEAT_N; r++)
		for (c = 0; c < HEAT_N; c++) {
			m.cells[r][c].href = "/x?a=\"><script>&b='";
			m.cells[r][c].cls = EVIL;
		}
	buf_init(&b, 0);
	assert_true(svg_heatmap(&b, &m));
	if (!well_formed(buf_cstr(&b), why, sizeof(why))) {
		print_error("not well-formed: %s\n%s\n", why, buf_cstr(&b));
		fail();
	}
	assert_has(buf_cstr(&b), "<title>" EVIL_ESC "</title>");
	assert_has(buf_cstr(&b), ">" EVIL_ESC "</text>");
	assert_has(buf_cstr(&b), "aria-label=\"" EVIL_ESC "\"");
	assert_has(buf_cstr(&b), "href=\"/x?a=&quot;&gt;&lt;script&gt;&amp;b=&#39;\"");
	assert_lacks(buf_cstr(&b), EVIL);
	assert_lacks(buf_cstr(&b), "<script");
	buf_free(&b);
	/* a buffer too small: false */
	buf_init(&b, 128);
	assert_false(svg_heatmap(&b, &m));
	assert_true(buf_failed(&b));
	buf_free(&b);
}

/* a buffer that can not hold the chart: false, never a partial success */
static void
test_buffer_full(void **state)
{
	const struct chart_point pts[2] = { { "a", 1 }, { "b", 2 } };
	struct buf b;

	(void)state;
	buf_init(&b, 64);
	assert_false(svg_radar(&b, "title", axes3, 3));
	assert_true(buf_failed(&b));
	buf_free(&b);
	buf_init(&b, 64);
	assert_false(svg_trend(&b, "title", pts, 2, 0, 10, NULL, 0));
	buf_free(&b);
}

/* appended, not replacing */
static void
test_appends(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	buf_puts(&b, "<div>");
	assert_true(svg_radar(&b, "t", axes3, 3));
	buf_puts(&b, "</div>");
	assert_true(strncmp(buf_cstr(&b), "<div><svg", 9) == 0);
	assert_has(buf_cstr(&b), "</svg></div>");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checker_itself),
		cmocka_unit_test(test_radar),
		cmocka_unit_test(test_radar_axes_range),
		cmocka_unit_test(test_radar_odd_values),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_trend),
		cmocka_unit_test(test_trend_refused),
		cmocka_unit_test(test_buffer_full),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_heatmap),
		cmocka_unit_test(test_heatmap_escaping),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
