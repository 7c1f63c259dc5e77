/* test_doc_fonts.c — the faces cut down to a document's characters
 * (render/doc_fonts.h). For a text of every kana, full-width form and
 * Japanese punctuation and a block of common kanji, and a Latin text
 * with digits, ligatures and kerning pairs (shaped as a Latin run, as
 * pango does), each cut face shapes them (harfbuzz through pango's
 * fonts, in Japanese and in English) into glyphs of the same advances, offsets and outline
 * extents as the installed face, and never into .notdef; a
 * character set in one face only is in that face's cut alone;
 * doc_fonts_face tells the three faces apart; the cut files live in a
 * directory of their own under TMPDIR that doc_fonts_free removes; making
 * and freeing font maps does not grow the heap (pango kept each map's
 * fontconfig configuration unless told to drop it). */
#include "support/mm_test.h"

#include <dirent.h>
#include <hb.h>
#include <malloc.h>

#include "render/doc_fonts.h"

static char tmpdir[] = "/tmp/mamori-fonts-test-XXXXXX";

/* the sample text as UTF-8, into B */
static void
sample_text(struct buf *b)
{
	static const gunichar ranges[][2] = {
		{ 0x3041, 0x3096 }, { 0x30A1, 0x30FA }, { 0x30FC, 0x30FE },  /* kana */
		{ 0xFF01, 0xFF5E },                                          /* full-width */
		{ 0x3001, 0x3003 }, { 0x3008, 0x3011 },                      /* 、。〃 「」… */
		{ 0x4E00, 0x4FFF },                                          /* kanji */
	};
	char u[8];
	size_t i;
	gunichar c;

	buf_init(b, 0);
	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		for (c = ranges[i][0]; c <= ranges[i][1]; c++)
			buf_append(b, u, (size_t)g_unichar_to_utf8(c, u));
	buf_puts(b, "情報セキュリティ基本方針");
}

#define LATIN "26 November 2026: AVATAR Type To WAVE, fi fl office affluent 12,345.67 " \
	"Test Trading Co., Ltd. (Article 1) 0123456789 %&@ The quick brown fox jumps over the lazy dog."

static PangoFont *
load(PangoFontMap *map, PangoContext *pc, enum doc_face face)
{
	PangoFontDescription *fd = pango_font_description_new();
	PangoFont *font;

	pango_font_description_set_family(fd, face == DOC_FACE_SERIF ? FONT_SERIF : FONT_SANS);
	pango_font_description_set_weight(fd, face == DOC_FACE_SANS_BOLD ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_font_description_set_size(fd, 12 * PANGO_SCALE);
	font = pango_font_map_load_font(map, pc, fd);
	pango_font_description_free(fd);
	assert_non_null(font);
	return font;
}

/* TEXT shaped with FONT in LANG, as a run of SCRIPT (HB_SCRIPT_INVALID:
 * the script of its first letter); the caller destroys it */
static hb_buffer_t *
shape(PangoFont *font, const char *text, const char *lang, hb_script_t script)
{
	hb_buffer_t *hb = hb_buffer_create();

	hb_buffer_add_utf8(hb, text, -1, 0, -1);
	hb_buffer_set_script(hb, script);
	hb_buffer_set_language(hb, hb_language_from_string(lang, -1));
	hb_buffer_guess_segment_properties(hb);
	hb_shape(pango_font_get_hb_font(font), hb, NULL, 0);
	return hb;
}

/* the same glyphs, as far as the page shows: count, clusters, advances,
 * offsets and outline extents */
static void
assert_same_shaping(PangoFont *whole, PangoFont *cut, const char *text, const char *lang,
    hb_script_t script)
{
	hb_buffer_t *a = shape(whole, text, lang, script), *b = shape(cut, text, lang, script);
	unsigned na, nb, i;
	hb_glyph_info_t *ia = hb_buffer_get_glyph_infos(a, &na), *ib = hb_buffer_get_glyph_infos(b, &nb);
	hb_glyph_position_t *pa = hb_buffer_get_glyph_positions(a, NULL);
	hb_glyph_position_t *pb = hb_buffer_get_glyph_positions(b, NULL);
	hb_font_t *fa = pango_font_get_hb_font(whole), *fb = pango_font_get_hb_font(cut);

	assert_int_equal(na, nb);
	assert_true(na > 60);
	for (i = 0; i < na; i++) {
		hb_glyph_extents_t ea, eb;

		assert_int_equal(ia[i].cluster, ib[i].cluster);
		assert_int_equal(pa[i].x_advance, pb[i].x_advance);
		assert_int_equal(pa[i].x_offset, pb[i].x_offset);
		assert_int_equal(pa[i].y_offset, pb[i].y_offset);
		assert_true(ib[i].codepoint != 0 || ia[i].codepoint == 0);
		assert_int_equal(hb_font_get_glyph_extents(fa, ia[i].codepoint, &ea),
		    hb_font_get_glyph_extents(fb, ib[i].codepoint, &eb));
		assert_int_equal(ea.x_bearing, eb.x_bearing);
		assert_int_equal(ea.y_bearing, eb.y_bearing);
		assert_int_equal(ea.width, eb.width);
		assert_int_equal(ea.height, eb.height);
	}
	hb_buffer_destroy(a);
	hb_buffer_destroy(b);
}

/* the number of entries in DIR, "." and ".." left out; -1 when it is gone */
static int
entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* the cut faces shape text in LANG as the installed ones */
static void
shape_the_same(const char *lang)
{
	struct doc_fonts *f = doc_fonts_new();
	struct buf text;
	struct err e;
	PangoFontMap *map, *sys = pango_cairo_font_map_get_default();
	PangoContext *pc, *spc;
	int k;

	assert_non_null(f);
	sample_text(&text);
	for (k = 0; k < DOC_NFACES; k++) {
		doc_fonts_add(f, (enum doc_face)k, buf_cstr(&text));
		doc_fonts_add(f, (enum doc_face)k, LATIN);
	}
	err_clear(&e);
	map = doc_fonts_map(f, &e);
	assert_non_null(map);
	pc = pango_font_map_create_context(map);
	spc = pango_font_map_create_context(sys);
	for (k = 0; k < DOC_NFACES; k++) {
		PangoFont *whole = load(sys, spc, (enum doc_face)k);
		PangoFont *cut = load(map, pc, (enum doc_face)k);

		assert_int_equal(doc_fonts_face(whole), k);
		assert_int_equal(doc_fonts_face(cut), k);
		/* the cut face is a file of the document's own */
		assert_ptr_not_equal(hb_font_get_face(pango_font_get_hb_font(whole)),
		    hb_font_get_face(pango_font_get_hb_font(cut)));
		assert_true(hb_face_get_glyph_count(hb_font_get_face(pango_font_get_hb_font(cut))) <
		    hb_face_get_glyph_count(hb_font_get_face(pango_font_get_hb_font(whole))) / 4);
		assert_same_shaping(whole, cut, buf_cstr(&text), lang, HB_SCRIPT_INVALID);
		assert_same_shaping(whole, cut, LATIN, lang, HB_SCRIPT_LATIN);
		assert_same_shaping(whole, cut, LATIN, lang, HB_SCRIPT_COMMON);
		g_object_unref(whole);
		g_object_unref(cut);
	}
	g_object_unref(pc);
	g_object_unref(spc);
	doc_fonts_map_free(map);
	/* one directory with the three faces, gone after doc_fonts_free */
	assert_int_equal(entries(tmpdir), 1);
	doc_fonts_free(f);
	assert_int_equal(entries(tmpdir), 0);
	buf_free(&text);
}

static void
test_cut_faces_shape_the_same(void **state)
{
	(void)state;
	shape_the_same("ja");
	shape_the_same("en");
}

/* a character added to one face is not in the others */
static void
test_faces_hold_their_own_characters(void **state)
{
	struct doc_fonts *f = doc_fonts_new();
	struct err e;
	PangoFontMap *map;
	PangoContext *pc;
	int k;

	(void)state;
	assert_non_null(f);
	doc_fonts_add(f, DOC_FACE_SANS_BOLD, "鬱");
	doc_fonts_add(f, DOC_FACE_SERIF, "薔薇");
	doc_fonts_add(f, DOC_FACE_SANS, NULL);
	doc_fonts_add(f, DOC_FACE_SANS, "\xff\xfe");   /* invalid: U+FFFD */
	err_clear(&e);
	map = doc_fonts_map(f, &e);
	assert_non_null(map);
	pc = pango_font_map_create_context(map);
	for (k = 0; k < DOC_NFACES; k++) {
		PangoFont *font = load(map, pc, (enum doc_face)k);
		PangoCoverage *cov = pango_font_get_coverage(font, pango_language_from_string("ja"));

		assert_int_equal(pango_coverage_get(cov, 0x9B31) != PANGO_COVERAGE_NONE,
		    k == DOC_FACE_SANS_BOLD);                       /* 鬱 */
		assert_int_equal(pango_coverage_get(cov, 0x8594) != PANGO_COVERAGE_NONE,
		    k == DOC_FACE_SERIF);                           /* 薔 */
		/* ASCII is always there */
		assert_true(pango_coverage_get(cov, 'A') != PANGO_COVERAGE_NONE);
		assert_true(pango_coverage_get(cov, '~') != PANGO_COVERAGE_NONE);
		g_object_unref(cov);
		g_object_unref(font);
	}
	g_object_unref(pc);
	doc_fonts_map_free(map);
	doc_fonts_free(f);
	assert_int_equal(entries(tmpdir), 0);
	doc_fonts_free(NULL);
}

/* bytes allocated by malloc and not freed */
static long
in_use(void)
{
	struct mallinfo2 mi = mallinfo2();

	return (long)(mi.uordblks + mi.hblkhd);
}

static void
test_maps_do_not_grow(void **state)
{
	GString *kanji;
	long before = 0, after;
	gunichar c;
	int i, k;

	(void)state;
#if defined(__SANITIZE_ADDRESS__)
	skip();   /* ASan's allocator is not malloc's */
#endif
	kanji = g_string_new(NULL);
	for (c = 0x4E00; c < 0x4E00 + 600; c++)
		g_string_append_unichar(kanji, c);
	for (i = 0; i < 120; i++) {
		struct doc_fonts *f = doc_fonts_new();
		PangoFontMap *map;
		PangoContext *pc;
		PangoFont *font;
		struct err e;

		assert_non_null(f);
		for (k = 0; k < DOC_NFACES; k++)
			doc_fonts_add(f, (enum doc_face)k, kanji->str);
		err_clear(&e);
		map = doc_fonts_map(f, &e);
		assert_non_null(map);
		pc = pango_font_map_create_context(map);
		font = load(map, pc, DOC_FACE_SERIF);
		g_object_unref(font);
		g_object_unref(pc);
		doc_fonts_map_free(map);
		doc_fonts_free(f);
		if (i == 19)
			before = in_use();
	}
	after = in_use();
	g_string_free(kanji, TRUE);
	print_message("100 font maps: %ld bytes more in use\n", after - before);
	assert_true(after - before < 100 * 1024);   /* kept: ~13 KB a map */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cut_faces_shape_the_same),
		cmocka_unit_test(test_faces_hold_their_own_characters),
		cmocka_unit_test(test_maps_do_not_grow),
	};
	int rc;

	/* the cut faces go under TMPDIR: a directory of this test's own */
	if (mkdtemp(tmpdir) == NULL || setenv("TMPDIR", tmpdir, 1) != 0)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(tmpdir);
	return rc;
}
