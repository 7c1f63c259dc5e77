/* doc_fonts.c — the faces a PDF is drawn with, cut down to the document's
 * characters. See doc_fonts.h.
 *
 * Why: to embed a subset of a face, cairo reads the face's whole CFF table
 * (about 16 MB for a Noto CJK face) into memory, twice per document, and
 * keeps every subroutine the table has; a four-page report then carried
 * 1 MB of font program, which cairo compresses with zlib at its default
 * level. Most of a document's time went there. HarfBuzz's subsetter
 * (hb-subset) cuts a face down to a few hundred characters in a few
 * milliseconds, without subroutines; cairo then reads and embeds the
 * small face.
 *
 * The text is shaped the same: a cut face keeps, for its characters, the
 * glyphs, their metrics and the glyphs its layout features may substitute.
 * Only the vertical features are left out (pango lays out horizontal
 * text); 'locl' stays although its Chinese and Korean forms nearly
 * double the glyphs kept (and the time to cut the faces): in Japanese
 * runs it gives quotes and dashes their Japanese forms, and pango shapes
 * a Latin run of a Japanese text as English, where it changes digits. The
 * 'BASE' table (baselines: pango aligns runs of different faces by it)
 * is kept as it is. The unit tests shape kana, kanji and Latin both
 * ways, and compare whole pages drawn both ways.
 *
 * Each cut face is a file (pango and cairo open fonts by file name) in a
 * directory of the document's own, under a name used once in the
 * process's life: cairo keeps fonts it has seen in a cache keyed by file
 * name, which must never hand an old face to a new document.
 */
#include "render/doc_fonts.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <hb-subset.h>
#include <hb.h>
#include <pango/pangofc-fontmap.h>

#define NFACES DOC_NFACES

/* the faces, found once per process with the system's fontconfig */
static struct face {
	const char *family;
	int weight;           /* FC_WEIGHT_… */
	const char *tag;      /* in the cut face's file name */
	hb_face_t *hb;        /* the whole face, NULL when not installed */
} faces[NFACES] = {
	[DOC_FACE_SERIF] = { FONT_SERIF, FC_WEIGHT_REGULAR, "serif", NULL },
	[DOC_FACE_SANS] = { FONT_SANS, FC_WEIGHT_REGULAR, "sans", NULL },
	[DOC_FACE_SANS_BOLD] = { FONT_SANS, FC_WEIGHT_BOLD, "sans-bold", NULL },
};
static pthread_once_t faces_once = PTHREAD_ONCE_INIT;
static atomic_ulong serial;
static atomic_flag preparing = ATOMIC_FLAG_INIT;
static GThread *preparer;   /* joined at exit, before libraries unload */
static GMutex drawing;      /* doc_fonts_lock */

/* the features that are not kept (see the top of the file) */
static const char *const dropped_features[] = {
	"vert", "vrt2", "valt", "vkrn", "vpal", "vhal", "vchw",
};

/* extra characters: ASCII is always there (numbers in footers, list
 * markers), pango may add a hyphen where it breaks a word, and repairs
 * invalid UTF-8 with U+FFFD */
static const hb_codepoint_t always[] = { 0x00AD, 0x2010, 0x2011, 0x2026, 0xFFFD };

struct doc_fonts {
	hb_set_t *chars[NFACES];
	char *dir;                 /* NULL until doc_fonts_map */
	char *files[NFACES];
};

/* true when fontconfig's value V is WEIGHT */
static bool
weight_is(const FcValue *v, int weight)
{
	if (v->type == FcTypeInteger)
		return v->u.i == weight;
	if (v->type == FcTypeDouble)
		return (int)v->u.d == weight;
	return false;
}

/* the installed file of face F, opened for harfbuzz; F->hb stays NULL
 * when fontconfig's best match is another family or weight */
static void
find_face(struct face *f)
{
	FcPattern *pat = FcPatternCreate(), *m = NULL;
	FcResult res;
	FcChar8 *file, *fam;
	FcValue w;
	int index = 0, i;
	bool family_ok = false;
	hb_blob_t *blob;

	if (pat == NULL)
		return;
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)f->family);
	FcPatternAddInteger(pat, FC_WEIGHT, f->weight);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	m = FcFontMatch(NULL, pat, &res);
	if (m == NULL || FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch)
		goto done;
	for (i = 0; FcPatternGetString(m, FC_FAMILY, i, &fam) == FcResultMatch; i++)
		family_ok = family_ok || strcmp((const char *)fam, f->family) == 0;
	if (!family_ok || FcPatternGet(m, FC_WEIGHT, 0, &w) != FcResultMatch ||
	    !weight_is(&w, f->weight))
		goto done;
	FcPatternGetInteger(m, FC_INDEX, 0, &index);
	blob = hb_blob_create_from_file_or_fail((const char *)file);
	if (blob == NULL)
		goto done;
	/* the low 16 bits are the face in a collection */
	f->hb = hb_face_create(blob, (unsigned)index & 0xFFFFu);
	hb_blob_destroy(blob);
	if (hb_face_get_glyph_count(f->hb) == 0) {
		hb_face_destroy(f->hb);
		f->hb = NULL;
	}
done:
	if (m != NULL)
		FcPatternDestroy(m);
	FcPatternDestroy(pat);
}

static void
find_faces(void)
{
	int i;

	for (i = 0; i < NFACES; i++)
		find_face(&faces[i]);
}

void
doc_fonts_lock(void)
{
	g_mutex_lock(&drawing);
}

void
doc_fonts_unlock(void)
{
	g_mutex_unlock(&drawing);
}

static gpointer
prepare_thread(gpointer unused)
{
	(void)unused;
	pthread_once(&faces_once, find_faces);
	return NULL;
}

static void
join_preparer(void)
{
	if (preparer != NULL)
		g_thread_join(preparer);
	preparer = NULL;
}

/* The thread is joined by an exit handler: a command that fails before it
 * draws anything must not unload the libraries under a running thread. */
void
doc_fonts_prepare(void)
{
	if (atomic_flag_test_and_set(&preparing))
		return;
	preparer = g_thread_try_new("mamori-fonts", prepare_thread, NULL, NULL);
	if (preparer != NULL && atexit(join_preparer) != 0) {
		g_thread_join(preparer);
		preparer = NULL;
	}
}

struct doc_fonts *
doc_fonts_new(void)
{
	struct doc_fonts *f = calloc(1, sizeof(*f));
	hb_codepoint_t c;
	size_t i;
	int k;

	if (f == NULL)
		return NULL;
	for (k = 0; k < NFACES; k++) {
		f->chars[k] = hb_set_create();
		for (c = 0x20; c < 0x7F; c++)
			hb_set_add(f->chars[k], c);
		for (i = 0; i < sizeof(always) / sizeof(always[0]); i++)
			hb_set_add(f->chars[k], always[i]);
		if (!hb_set_allocation_successful(f->chars[k])) {
			doc_fonts_free(f);
			return NULL;
		}
	}
	return f;
}

void
doc_fonts_add(struct doc_fonts *f, enum doc_face face, const char *text)
{
	const char *q;
	char *valid = NULL;

	if (f == NULL || text == NULL || (unsigned)face >= NFACES)
		return;
	if (!g_utf8_validate(text, -1, NULL))
		text = valid = g_utf8_make_valid(text, -1);
	for (q = text; *q != '\0'; q = g_utf8_next_char(q))
		hb_set_add(f->chars[face], g_utf8_get_char(q));
	g_free(valid);
}

enum doc_face
doc_fonts_face(PangoFont *font)
{
	static gsize quark;
	PangoFontDescription *fd;
	const char *fam;
	bool bold;
	int k = NFACES;
	gpointer known;

	if (font == NULL)
		return DOC_NFACES;
	if (g_once_init_enter(&quark))
		g_once_init_leave(&quark, g_quark_from_static_string("mamori-doc-face"));
	/* kept on the font: a font object is asked for every run it sets */
	known = g_object_get_qdata(G_OBJECT(font), (GQuark)quark);
	if (known != NULL)
		return (enum doc_face)(GPOINTER_TO_INT(known) - 1);
	fd = pango_font_describe(font);
	fam = pango_font_description_get_family(fd);
	bold = pango_font_description_get_weight(fd) >= PANGO_WEIGHT_BOLD;
	if (fam != NULL && strcmp(fam, FONT_SERIF) == 0 && !bold)
		k = DOC_FACE_SERIF;
	else if (fam != NULL && strcmp(fam, FONT_SANS) == 0)
		k = bold ? DOC_FACE_SANS_BOLD : DOC_FACE_SANS;
	pango_font_description_free(fd);
	g_object_set_qdata(G_OBJECT(font), (GQuark)quark, GINT_TO_POINTER(k + 1));
	return (enum doc_face)k;
}

/* face K cut down to its characters in F, written to PATH */
static enum mm_err
cut_face(const struct doc_fonts *f, int k, const char *path, struct err *e)
{
	hb_face_t *face = faces[k].hb;
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_face_t *cut = NULL;
	hb_blob_t *blob = NULL;
	const char *data;
	unsigned int len;
	FILE *fp = NULL;
	enum mm_err rc;
	size_t i;

	if (in == NULL) {
		rc = err_set(e, MM_ENOMEM, "フォントを切り出せません（メモリ不足）");
		goto done;
	}
	hb_set_union(hb_subset_input_unicode_set(in), f->chars[k]);
	for (i = 0; i < sizeof(dropped_features) / sizeof(dropped_features[0]); i++)
		hb_set_del(hb_subset_input_set(in, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG),
		    hb_tag_from_string(dropped_features[i], 4));
	/* the BASE table (baselines: pango aligns runs of different faces by
	 * it) refers to no glyph; this harfbuzz can not cut it and drops it
	 * unless told to pass it through as it is */
	hb_set_del(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG), HB_TAG('B', 'A', 'S', 'E'));
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE |
	    HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED);
	cut = hb_subset_or_fail(face, in);
	if (cut != NULL)
		blob = hb_face_reference_blob(cut);
	data = blob != NULL ? hb_blob_get_data(blob, &len) : NULL;
	if (data == NULL || len == 0) {
		rc = err_set(e, MM_EIO, "フォントを切り出せません");
		goto done;
	}
	fp = fopen(path, "wbx");
	if (fp == NULL || fwrite(data, 1, len, fp) != len) {
		rc = err_set(e, MM_EIO, "フォントを書き出せません: %s", strerror(errno));
		goto done;
	}
	rc = MM_OK;
done:
	if (fp != NULL && fclose(fp) != 0 && rc == MM_OK)
		rc = err_set(e, MM_EIO, "フォントを書き出せません: %s", strerror(errno));
	hb_blob_destroy(blob);
	hb_face_destroy(cut);
	hb_subset_input_destroy(in);
	return rc;
}

struct cut_job {
	const struct doc_fonts *f;
	int first, last;      /* the faces, first..last */
	enum mm_err rc;
	struct err e;
};

static void *
cut_some(void *v)
{
	struct cut_job *j = v;
	int k;

	j->rc = MM_OK;
	for (k = j->first; k <= j->last && j->rc == MM_OK; k++)
		j->rc = cut_face(j->f, k, j->f->files[k], &j->e);
	return NULL;
}

/* every face of F cut and written: the body text's face (the largest)
 * here, the two others meanwhile on a thread of their own */
static enum mm_err
cut_faces(const struct doc_fonts *f, struct err *e)
{
	struct cut_job *side = calloc(1, sizeof(*side));
	GThread *t = NULL;
	enum mm_err rc;

	if (side == NULL)
		return err_set(e, MM_ENOMEM, "フォントを切り出せません（メモリ不足）");
	*side = (struct cut_job){ .f = f, .first = DOC_FACE_SANS, .last = DOC_FACE_SANS_BOLD };
	t = g_thread_try_new("mamori-fonts", cut_some, side, NULL);
	if (t == NULL)
		cut_some(side);
	rc = cut_face(f, DOC_FACE_SERIF, f->files[DOC_FACE_SERIF], e);
	if (t != NULL)
		g_thread_join(t);
	if (rc == MM_OK && side->rc != MM_OK) {
		err_set(e, side->rc, "%s", side->e.msg);
		rc = side->rc;
	}
	free(side);
	return rc;
}

PangoFontMap *
doc_fonts_map(struct doc_fonts *f, struct err *e)
{
	FcConfig *cfg = NULL;
	PangoFontMap *map = NULL;
	char tmpl[] = "mamori-fonts-XXXXXX";
	unsigned long n;
	int i;

	pthread_once(&faces_once, find_faces);
	for (i = 0; i < NFACES; i++)
		if (faces[i].hb == NULL) {
			err_set(e, MM_ENOTFOUND, "フォントがありません: %s", faces[i].family);
			goto done;
		}
	if (f->dir == NULL) {
		const char *tmp = getenv("TMPDIR");
		char *dir = g_build_filename(tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp", tmpl, NULL);

		if (mkdtemp(dir) == NULL) {
			err_set(e, MM_EIO, "一時ディレクトリを作れません: %s", strerror(errno));
			g_free(dir);
			goto done;
		}
		f->dir = dir;
	}
	cfg = FcConfigCreate();
	if (cfg == NULL) {
		err_set(e, MM_ENOMEM, "フォントの設定を作れません（メモリ不足）");
		goto done;
	}
	n = atomic_fetch_add(&serial, 1);
	for (i = 0; i < NFACES; i++) {
		char name[64];

		g_snprintf(name, sizeof(name), "%ld-%lu-%s.otf", (long)getpid(), n, faces[i].tag);
		if (f->files[i] != NULL)
			unlink(f->files[i]);
		g_free(f->files[i]);
		f->files[i] = g_build_filename(f->dir, name, NULL);
	}
	if (cut_faces(f, e) != MM_OK)
		goto done;
	for (i = 0; i < NFACES; i++) {
		if (!FcConfigAppFontAddFile(cfg, (const FcChar8 *)f->files[i])) {
			err_set(e, MM_EIO, "切り出したフォントを読めません: %s", faces[i].family);
			goto done;
		}
	}
	map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (map == NULL) {
		err_set(e, MM_ENOMEM, "フォントマップを作れません");
		goto done;
	}
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), cfg);
done:
	if (cfg != NULL)
		FcConfigDestroy(cfg);
	return map;
}

/* whether byte OFFSET of LAY's text is in a bold span */
static bool
in_bold_span(PangoLayout *lay, int offset)
{
	PangoAttrList *al = pango_layout_get_attributes(lay);
	PangoAttrIterator *it;
	bool bold = false;
	int start, end;

	if (al == NULL)
		return false;
	it = pango_attr_list_get_iterator(al);
	do {
		pango_attr_iterator_range(it, &start, &end);
		if (offset >= start && offset < end) {
			bold = pango_attr_iterator_get(it, PANGO_ATTR_WEIGHT) != NULL;
			break;
		}
	} while (pango_attr_iterator_next(it));
	pango_attr_iterator_destroy(it);
	return bold;
}

int
doc_fonts_misses(PangoLayout *lay, enum doc_face face, bool bold_spans)
{
	int n = pango_layout_get_unknown_glyphs_count(lay);
	GSList *line, *r;

	for (line = pango_layout_get_lines_readonly(lay); line != NULL; line = line->next)
		for (r = ((PangoLayoutLine *)line->data)->runs; r != NULL; r = r->next) {
			PangoGlyphItem *run = r->data;
			enum doc_face want = face;

			if (bold_spans && in_bold_span(lay, run->item->offset))
				want = DOC_FACE_SANS_BOLD;
			if (doc_fonts_face(run->item->analysis.font) != want)
				n++;
		}
	return n;
}

void
doc_fonts_map_free(PangoFontMap *map)
{
	if (map == NULL)
		return;
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), NULL);
	g_object_unref(map);
}

void
doc_fonts_free(struct doc_fonts *f)
{
	int i;

	if (f == NULL)
		return;
	for (i = 0; i < NFACES; i++) {
		if (f->files[i] != NULL)
			unlink(f->files[i]);
		g_free(f->files[i]);
	}
	if (f->dir != NULL)
		rmdir(f->dir);
	g_free(f->dir);
	for (i = 0; i < NFACES; i++)
		hb_set_destroy(f->chars[i]);
	free(f);
}
