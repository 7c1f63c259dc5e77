/* pdf_layout.c — the pango layouts a PDF is drawn from. See pdf_layout.h. */
#include "render/pdf_layout.h"

#include <string.h>

#include <glib.h>

/* a layout made by the measuring pass, and what it was made of: the
 * drawing pass makes the same calls in the same order and takes it
 * instead of shaping the text again */
struct kept {
	PangoLayout *lay;
	char *text;
	enum doc_face face;
	double pt, width;
	bool rich;
};

/* TEXT (NULL: empty) as the text of LAY; when RICH, without its "**"
 * markers and with the bold spans as attributes (an unpaired "**" stays
 * as it is). Bold is set in the sans-serif face, as headings are: the
 * document then embeds three faces instead of four, and subsetting and
 * compressing a CJK face is most of the time a PDF takes. Invalid UTF-8
 * is replaced by U+FFFD. */
static void
set_rich_text(PangoLayout *lay, const char *text, bool rich)
{
	GString *s;
	PangoAttrList *al;
	const char *p, *q;
	char *valid = NULL;

	if (text == NULL)
		text = "";
	if (!g_utf8_validate(text, -1, NULL))
		text = valid = g_utf8_make_valid(text, -1);
	if (!rich || strstr(text, "**") == NULL) {
		pango_layout_set_text(lay, text, -1);
		pango_layout_set_attributes(lay, NULL);
		g_free(valid);
		return;
	}
	s = g_string_sized_new(strlen(text));
	al = pango_attr_list_new();
	for (p = text; *p != '\0';) {
		if (p[0] == '*' && p[1] == '*' && (q = strstr(p + 2, "**")) != NULL) {
			PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
			PangoAttribute *f = pango_attr_family_new(FONT_SANS);

			a->start_index = f->start_index = (guint)s->len;
			g_string_append_len(s, p + 2, q - (p + 2));
			a->end_index = f->end_index = (guint)s->len;
			pango_attr_list_insert(al, a);
			pango_attr_list_insert(al, f);
			p = q + 2;
		} else {
			g_string_append_c(s, *p);
			p++;
		}
	}
	pango_layout_set_text(lay, s->str, (int)s->len);
	pango_layout_set_attributes(lay, al);
	pango_attr_list_unref(al);
	g_string_free(s, TRUE);
	g_free(valid);
}

/* the face a layout asked for (and 0x100 when bold spans may use BOLD,
 * 0x200 once checked), kept on the layout for check() */
static GQuark
face_quark(void)
{
	static gsize q;

	if (g_once_init_enter(&q))
		g_once_init_leave(&q, g_quark_from_static_string("mamori-face"));
	return (GQuark)q;
}


/* count what LAY sets without a glyph and, with the cut faces, what it
 * sets in a face other than the one asked for (the cut face lacked the
 * character and pango took another): the layout's face, and BOLD in its
 * bold spans. A layout is checked once (the drawing pass takes the
 * measuring pass's layouts). */
void
pdf_layout_check(struct pdf_layouts *l, PangoLayout *lay)
{
	int want = GPOINTER_TO_INT(g_object_get_qdata(G_OBJECT(lay), face_quark()));

	if (want & 0x200)
		return;
	g_object_set_qdata(G_OBJECT(lay), face_quark(), GINT_TO_POINTER(want | 0x200));
	l->unknown += l->cut ? doc_fonts_misses(lay, (enum doc_face)(want & 0xFF), want & 0x100) :
	    pango_layout_get_unknown_glyphs_count(lay);
}

static void
free_kept(void *v)
{
	struct kept *k = v;

	g_object_unref(k->lay);
	g_free(k->text);
	g_free(k);
}


/* the measuring pass's layout for this call of the drawing pass, or NULL
 * (from the first call that differs on, none is taken) */
static PangoLayout *
take_kept(struct pdf_layouts *l, enum doc_face face, double pt, const char *text,
    double width, bool rich)
{
	struct kept *k;

	if (!l->drawing || l->decor || l->next >= l->kept->len)
		return NULL;
	k = g_ptr_array_index(l->kept, l->next);
	if (k->face != face || k->pt != pt || k->width != width || k->rich != rich || strcmp(k->text, text != NULL ? text : "") != 0) {
		l->next = l->kept->len;
		return NULL;
	}
	l->next++;
	return g_object_ref(k->lay);
}

static void
keep(struct pdf_layouts *l, PangoLayout *lay, enum doc_face face, double pt,
    const char *text, double width, bool rich)
{
	struct kept *k;

	if (l->drawing || l->decor)
		return;
	k = g_new0(struct kept, 1);
	k->lay = g_object_ref(lay);
	k->text = g_strdup(text != NULL ? text : "");
	k->face = face;
	k->pt = pt;
	k->width = width;
	k->rich = rich;
	g_ptr_array_add(l->kept, k);
}

PangoLayout *
pdf_layout(struct pdf_layouts *l, enum doc_face face, double pt, const char *text,
    double width, bool rich)
{
	PangoLayout *lay;
	PangoFontDescription *fd;
	char *key = NULL;

	/* a layout without a width (a header, a page number, a list marker,
	 * a table cell measured for its natural width) is never changed by
	 * its caller: one serves every use of the same text */
	if (width <= 0) {
		key = g_strdup_printf("%d %g %d %s", (int)face, pt, (int)rich, text != NULL ? text : "");
		lay = g_hash_table_lookup(l->shared, key);
		if (lay != NULL) {
			g_free(key);
			return g_object_ref(lay);
		}
	} else if ((lay = take_kept(l, face, pt, text, width, rich)) != NULL) {
		return lay;
	}
	lay = pango_layout_new(l->pc);
	fd = pango_font_description_new();
	pango_font_description_set_family(fd, face == DOC_FACE_SERIF ? FONT_SERIF : FONT_SANS);
	pango_font_description_set_size(fd, (gint)(pt * PANGO_SCALE));
	pango_font_description_set_weight(fd, face == DOC_FACE_SANS_BOLD ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(lay, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(lay, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_line_spacing(lay, 1.5f);
	set_rich_text(lay, text, rich);
	g_object_set_qdata(G_OBJECT(lay), face_quark(), GINT_TO_POINTER(face + (rich ? 0x100 : 0)));
	if (key != NULL)
		g_hash_table_insert(l->shared, key, g_object_ref(lay));
	else
		keep(l, lay, face, pt, text, width, rich);
	return lay;
}

void
pdf_layouts_init(struct pdf_layouts *l)
{
	memset(l, 0, sizeof(*l));
	l->kept = g_ptr_array_new_with_free_func(free_kept);
	l->shared = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
}

void
pdf_layouts_drop(struct pdf_layouts *l)
{
	g_ptr_array_set_size(l->kept, 0);
	l->next = 0;
	g_hash_table_remove_all(l->shared);
	if (l->pc != NULL)
		g_object_unref(l->pc);
	l->pc = NULL;
}

void
pdf_layouts_fini(struct pdf_layouts *l)
{
	pdf_layouts_drop(l);
	g_ptr_array_free(l->kept, TRUE);
	g_hash_table_destroy(l->shared);
	l->kept = NULL;
	l->shared = NULL;
}

void
pdf_layouts_use(struct pdf_layouts *l, PangoContext *pc, bool cut)
{
	pdf_layouts_drop(l);
	l->pc = pc;
	l->cut = cut;
}

void
pdf_layouts_pass(struct pdf_layouts *l, bool drawing)
{
	l->drawing = drawing;
	l->unknown = 0;
	l->next = 0;
}
