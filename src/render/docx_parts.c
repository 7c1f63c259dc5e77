/* docx_parts.c — the fixed parts of a DOCX package: content types,
 * relationships, metadata, styles, numbering definitions, settings, font
 * table, header and footer. See docx_int.h. */
#include "render/docx_int.h"

#include <stdio.h>
#include <string.h>

#define MINCHO "游明朝"
#define GOTHIC "游ゴシック"

static const char *const ct_over[][2] = {
	{ "/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" },
	{ "/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml" },
	{ "/word/numbering.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml" },
	{ "/word/settings.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml" },
	{ "/word/fontTable.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml" },
	{ "/word/header1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml" },
	{ "/word/footer1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml" },
	{ "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml" },
	{ "/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml" },
};

void
docx_content_types(struct xml_out *x)
{
	size_t i;

	xml_open(x, "Types");
	xml_attr(x, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
	xml_open(x, "Default");
	xml_attr(x, "Extension", "rels");
	xml_attr(x, "ContentType", "application/vnd.openxmlformats-package.relationships+xml");
	xml_close(x);
	xml_open(x, "Default");
	xml_attr(x, "Extension", "png");
	xml_attr(x, "ContentType", "image/png");
	xml_close(x);
	xml_open(x, "Default");
	xml_attr(x, "Extension", "xml");
	xml_attr(x, "ContentType", "application/xml");
	xml_close(x);
	for (i = 0; i < sizeof(ct_over) / sizeof(ct_over[0]); i++) {
		xml_open(x, "Override");
		xml_attr(x, "PartName", ct_over[i][0]);
		xml_attr(x, "ContentType", ct_over[i][1]);
		xml_close(x);
	}
	xml_close(x);
}

static void
rel(struct xml_out *x, const char *id, const char *type, const char *target)
{
	xml_open(x, "Relationship");
	xml_attr(x, "Id", id);
	xml_attr(x, "Type", type);
	xml_attr(x, "Target", target);
	xml_close(x);
}

#define REL_OD "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

void
docx_package_rels(struct xml_out *x)
{
	xml_open(x, "Relationships");
	xml_attr(x, "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships");
	rel(x, "rId1", REL_OD "officeDocument", "word/document.xml");
	rel(x, "rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
	    "docProps/core.xml");
	rel(x, "rId3", REL_OD "extended-properties", "docProps/app.xml");
	xml_close(x);
}

void
docx_document_rels(struct xml_out *x, size_t ncharts)
{
	char id[32], target[64];
	size_t i;

	xml_open(x, "Relationships");
	xml_attr(x, "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships");
	rel(x, "rId1", REL_OD "styles", "styles.xml");
	rel(x, "rId2", REL_OD "numbering", "numbering.xml");
	rel(x, "rId3", REL_OD "settings", "settings.xml");
	rel(x, "rId4", REL_OD "fontTable", "fontTable.xml");
	rel(x, "rId5", REL_OD "header", "header1.xml");
	rel(x, "rId6", REL_OD "footer", "footer1.xml");
	for (i = 1; i <= ncharts; i++) {
		snprintf(id, sizeof(id), "rId%zu", (size_t)DOCX_REL_CHART + i - 1);
		snprintf(target, sizeof(target), "media/chart%zu.png", i);
		rel(x, id, REL_OD "image", target);
	}
	xml_close(x);
}

const char *
docx_lang(const struct doc *d)
{
	return d->lang != NULL && strcmp(d->lang, "en") == 0 ? "en-US" : "ja-JP";
}

void
docx_core(struct xml_out *x, const struct doc *d)
{
	xml_open(x, "cp:coreProperties");
	xml_attr(x, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
	xml_attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	xml_attr(x, "xmlns:dcterms", "http://purl.org/dc/terms/");
	xml_attr(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
	xml_elem(x, "dc:title", d->title);
	if (d->subtitle != NULL)
		xml_elem(x, "dc:subject", d->subtitle);
	xml_elem(x, "dc:creator", d->org_name);
	xml_elem(x, "dc:language", docx_lang(d));
	xml_close(x);
}

void
docx_app(struct xml_out *x)
{
	xml_open(x, "Properties");
	xml_attr(x, "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
	xml_elem(x, "Application", "mamori");
	xml_close(x);
}

/* ---- styles ---------------------------------------------------------- */

struct style_def {
	const char *id, *name, *based, *next;
	int outline;       /* outline level 0..2, or -1 */
	bool gothic;       /* headings in a sans-serif face */
	int size;          /* half-points; 0: inherited */
	bool bold, keep_next;
	const char *jc;    /* NULL: inherited */
	int before, after; /* spacing in twips; -1: inherited */
	int ind_left, hanging;
	int num;           /* numbering of list styles; 0: none */
	int ilvl;
};

static const struct style_def styles[] = {
	{ "Title", "Title", "Normal", "Normal", -1, true, 44, true, false, "center", 2400, 480, 0, 0, 0, 0 },
	{ "Subtitle", "Subtitle", "Normal", "Normal", -1, true, 28, false, false, "center", 0, 480, 0, 0, 0, 0 },
	{ "Heading1", "heading 1", "Normal", "Normal", 0, true, 30, true, true, "left", 480, 240, 0, 0, 0, 0 },
	{ "Heading2", "heading 2", "Normal", "Normal", 1, true, 26, true, true, "left", 360, 120, 0, 0, 0, 0 },
	{ "Heading3", "heading 3", "Normal", "Normal", 2, true, 22, true, true, "left", 240, 120, 0, 0, 0, 0 },
	{ "ArticleHeading", "Article Heading", "Normal", "ArticleText", -1, false, 0, true, true, NULL, 200, 0, 0, 0, 0, 0 },
	{ "ArticleText", "Article Text", "Normal", "ArticleText", -1, false, 0, false, false, NULL, -1, 120, 210, 0, 0, 0 },
	{ "ListNumber", "List Number", "Normal", "ListNumber", -1, false, 0, false, false, NULL, -1, 60, 0, 0, DOCX_NUM_ORDERED_FIRST, 0 },
	{ "ListNumber2", "List Number 2", "Normal", "ListNumber2", -1, false, 0, false, false, NULL, -1, 60, 0, 0, DOCX_NUM_ORDERED_FIRST, 1 },
	{ "ListBullet", "List Bullet", "Normal", "ListBullet", -1, false, 0, false, false, NULL, -1, 60, 0, 0, DOCX_NUM_BULLET, 0 },
	{ "ListBullet2", "List Bullet 2", "Normal", "ListBullet2", -1, false, 0, false, false, NULL, -1, 60, 0, 0, DOCX_NUM_BULLET, 1 },
	{ "Header", "header", "Normal", "Header", -1, false, 18, false, false, "right", 0, 0, 0, 0, 0, 0 },
	{ "Footer", "footer", "Normal", "Footer", -1, false, 18, false, false, "center", 0, 0, 0, 0, 0, 0 },
	{ "TableText", "Table Text", "Normal", "TableText", -1, false, 0, false, false, "left", 0, 0, 0, 0, 0, 0 },
	{ "Caption", "caption", "Normal", "Normal", -1, true, 18, false, false, "center", 60, 240, 0, 0, 0, 0 },
};

static void
fonts(struct xml_out *x, const char *face)
{
	xml_open(x, "w:rFonts");
	xml_attr(x, "w:ascii", face);
	xml_attr(x, "w:eastAsia", face);
	xml_attr(x, "w:hAnsi", face);
	xml_attr(x, "w:cs", face);
	xml_close(x);
}

static void
size(struct xml_out *x, int half_points)
{
	xml_open(x, "w:sz");
	xml_attr_long(x, "w:val", half_points);
	xml_close(x);
	xml_open(x, "w:szCs");
	xml_attr_long(x, "w:val", half_points);
	xml_close(x);
}

static void
spacing(struct xml_out *x, int before, int after)
{
	xml_open(x, "w:spacing");
	if (before >= 0)
		xml_attr_long(x, "w:before", before);
	if (after >= 0)
		xml_attr_long(x, "w:after", after);
	xml_close(x);
}

static void
numpr(struct xml_out *x, int num, int ilvl)
{
	xml_open(x, "w:numPr");
	xml_open(x, "w:ilvl");
	xml_attr_long(x, "w:val", ilvl);
	xml_close(x);
	xml_open(x, "w:numId");
	xml_attr_long(x, "w:val", num);
	xml_close(x);
	xml_close(x);
}

static void
para_style(struct xml_out *x, const struct style_def *s)
{
	xml_open(x, "w:style");
	xml_attr(x, "w:type", "paragraph");
	xml_attr(x, "w:styleId", s->id);
	xml_leaf(x, "w:name", "w:val", s->name);
	xml_leaf(x, "w:basedOn", "w:val", s->based);
	xml_leaf(x, "w:next", "w:val", s->next);
	xml_leaf(x, "w:qFormat", NULL, NULL);
	xml_open(x, "w:pPr");
	if (s->keep_next)
		xml_leaf(x, "w:keepNext", NULL, NULL);
	if (s->num != 0)
		numpr(x, s->num, s->ilvl);
	if (s->before >= 0 || s->after >= 0)
		spacing(x, s->before, s->after);
	if (s->ind_left != 0) {
		xml_open(x, "w:ind");
		xml_attr_long(x, "w:left", s->ind_left);
		xml_close(x);
	}
	if (s->jc != NULL)
		xml_leaf(x, "w:jc", "w:val", s->jc);
	if (s->outline >= 0) {
		xml_open(x, "w:outlineLvl");
		xml_attr_long(x, "w:val", s->outline);
		xml_close(x);
	}
	xml_close(x);
	xml_open(x, "w:rPr");
	if (s->gothic)
		fonts(x, GOTHIC);
	if (s->bold) {
		xml_leaf(x, "w:b", NULL, NULL);
		xml_leaf(x, "w:bCs", NULL, NULL);
	}
	if (s->size != 0)
		size(x, s->size);
	xml_close(x);
	xml_close(x);
}

static void
border(struct xml_out *x, const char *side)
{
	xml_open(x, side);
	xml_attr(x, "w:val", "single");
	xml_attr(x, "w:sz", "4");
	xml_attr(x, "w:space", "0");
	xml_attr(x, "w:color", "auto");
	xml_close(x);
}

static void
table_styles(struct xml_out *x)
{
	static const char *const sides[] = {
		"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"
	};
	size_t i;

	xml_open(x, "w:style");
	xml_attr(x, "w:type", "table");
	xml_attr(x, "w:default", "1");
	xml_attr(x, "w:styleId", "TableNormal");
	xml_leaf(x, "w:name", "w:val", "Normal Table");
	xml_leaf(x, "w:uiPriority", "w:val", "99");
	xml_leaf(x, "w:semiHidden", NULL, NULL);
	xml_open(x, "w:tblPr");
	xml_open(x, "w:tblInd");
	xml_attr(x, "w:w", "0");
	xml_attr(x, "w:type", "dxa");
	xml_close(x);
	xml_open(x, "w:tblCellMar");
	xml_open(x, "w:top"); xml_attr(x, "w:w", "0"); xml_attr(x, "w:type", "dxa"); xml_close(x);
	xml_open(x, "w:left"); xml_attr(x, "w:w", "108"); xml_attr(x, "w:type", "dxa"); xml_close(x);
	xml_open(x, "w:bottom"); xml_attr(x, "w:w", "0"); xml_attr(x, "w:type", "dxa"); xml_close(x);
	xml_open(x, "w:right"); xml_attr(x, "w:w", "108"); xml_attr(x, "w:type", "dxa"); xml_close(x);
	xml_close(x);
	xml_close(x);
	xml_close(x);

	xml_open(x, "w:style");
	xml_attr(x, "w:type", "table");
	xml_attr(x, "w:styleId", "TableGrid");
	xml_leaf(x, "w:name", "w:val", "Table Grid");
	xml_leaf(x, "w:basedOn", "w:val", "TableNormal");
	xml_leaf(x, "w:uiPriority", "w:val", "39");
	xml_open(x, "w:pPr");
	spacing(x, 0, 0);
	xml_close(x);
	xml_open(x, "w:tblPr");
	xml_open(x, "w:tblBorders");
	for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++)
		border(x, sides[i]);
	xml_close(x);
	xml_close(x);
	xml_close(x);
}

void
docx_styles(struct xml_out *x, const struct doc *d)
{
	size_t i;

	xml_open(x, "w:styles");
	xml_attr(x, "xmlns:w", DOCX_NS_W);
	xml_open(x, "w:docDefaults");
	xml_open(x, "w:rPrDefault");
	xml_open(x, "w:rPr");
	fonts(x, MINCHO);
	size(x, 21);
	xml_open(x, "w:lang");
	xml_attr(x, "w:val", docx_lang(d));
	xml_attr(x, "w:eastAsia", "ja-JP");
	xml_attr(x, "w:bidi", "ar-SA");
	xml_close(x);
	xml_close(x);
	xml_close(x);
	xml_open(x, "w:pPrDefault");
	xml_open(x, "w:pPr");
	xml_open(x, "w:spacing");
	xml_attr(x, "w:after", "0");
	xml_attr(x, "w:line", "300");
	xml_attr(x, "w:lineRule", "auto");
	xml_close(x);
	xml_close(x);
	xml_close(x);
	xml_close(x);

	xml_open(x, "w:style");
	xml_attr(x, "w:type", "paragraph");
	xml_attr(x, "w:default", "1");
	xml_attr(x, "w:styleId", "Normal");
	xml_leaf(x, "w:name", "w:val", "Normal");
	xml_leaf(x, "w:qFormat", NULL, NULL);
	xml_open(x, "w:pPr");
	xml_leaf(x, "w:widowControl", "w:val", "0");
	xml_leaf(x, "w:jc", "w:val", "both");
	xml_close(x);
	xml_close(x);

	xml_open(x, "w:style");
	xml_attr(x, "w:type", "character");
	xml_attr(x, "w:default", "1");
	xml_attr(x, "w:styleId", "DefaultParagraphFont");
	xml_leaf(x, "w:name", "w:val", "Default Paragraph Font");
	xml_leaf(x, "w:uiPriority", "w:val", "1");
	xml_leaf(x, "w:semiHidden", NULL, NULL);
	xml_close(x);

	for (i = 0; i < sizeof(styles) / sizeof(styles[0]); i++)
		para_style(x, &styles[i]);
	table_styles(x);
	xml_close(x);
}

/* ---- numbering ------------------------------------------------------- */

static void
level(struct xml_out *x, int ilvl, const char *fmt, const char *text)
{
	xml_open(x, "w:lvl");
	xml_attr_long(x, "w:ilvl", ilvl);
	xml_leaf(x, "w:start", "w:val", "1");
	xml_leaf(x, "w:numFmt", "w:val", fmt);
	xml_leaf(x, "w:lvlText", "w:val", text);
	xml_leaf(x, "w:lvlJc", "w:val", "left");
	xml_open(x, "w:pPr");
	xml_open(x, "w:ind");
	xml_attr_long(x, "w:left", 420 * (ilvl + 1) + 210);
	xml_attr_long(x, "w:hanging", 420);
	xml_close(x);
	xml_close(x);
	xml_close(x);
}

void
docx_numbering(struct xml_out *x, size_t nordered)
{
	size_t i;

	xml_open(x, "w:numbering");
	xml_attr(x, "xmlns:w", DOCX_NS_W);
	xml_open(x, "w:abstractNum");
	xml_attr(x, "w:abstractNumId", "0");
	xml_leaf(x, "w:multiLevelType", "w:val", "hybridMultilevel");
	level(x, 0, "bullet", "●");
	level(x, 1, "bullet", "○");
	xml_close(x);
	xml_open(x, "w:abstractNum");
	xml_attr(x, "w:abstractNumId", "1");
	xml_leaf(x, "w:multiLevelType", "w:val", "hybridMultilevel");
	level(x, 0, "decimal", "%1.");
	level(x, 1, "decimal", "(%2)");
	xml_close(x);

	xml_open(x, "w:num");
	xml_attr_long(x, "w:numId", DOCX_NUM_BULLET);
	xml_leaf(x, "w:abstractNumId", "w:val", "0");
	xml_close(x);
	/* at least one ordered num: the List Number styles refer to it */
	for (i = 0; i < (nordered ? nordered : 1); i++) {
		xml_open(x, "w:num");
		xml_attr_long(x, "w:numId", (long long)(DOCX_NUM_ORDERED_FIRST + i));
		xml_leaf(x, "w:abstractNumId", "w:val", "1");
		xml_open(x, "w:lvlOverride");
		xml_attr(x, "w:ilvl", "0");
		xml_leaf(x, "w:startOverride", "w:val", "1");
		xml_close(x);
		xml_close(x);
	}
	xml_close(x);
}

void
docx_settings(struct xml_out *x)
{
	xml_open(x, "w:settings");
	xml_attr(x, "xmlns:w", DOCX_NS_W);
	xml_leaf(x, "w:zoom", "w:percent", "100");
	xml_leaf(x, "w:defaultTabStop", "w:val", "840");
	xml_leaf(x, "w:characterSpacingControl", "w:val", "compressPunctuation");
	xml_open(x, "w:compat");
	xml_open(x, "w:compatSetting");
	xml_attr(x, "w:name", "compatibilityMode");
	xml_attr(x, "w:uri", "http://schemas.microsoft.com/office/word");
	xml_attr(x, "w:val", "15");
	xml_close(x);
	xml_close(x);
	xml_open(x, "w:themeFontLang");
	xml_attr(x, "w:val", "en-US");
	xml_attr(x, "w:eastAsia", "ja-JP");
	xml_close(x);
	xml_close(x);
}

/* a font of the font table: NAME, its other name, a serif (roman) or
 * sans-serif (swiss) face of the Shift_JIS character set; Word falls back
 * on a face of the same character set and family when NAME is missing */
static void
font(struct xml_out *x, const char *name, const char *alt, const char *panose, bool serif)
{
	xml_open(x, "w:font");
	xml_attr(x, "w:name", name);
	xml_leaf(x, "w:altName", "w:val", alt);
	xml_leaf(x, "w:panose1", "w:val", panose);
	xml_leaf(x, "w:charset", "w:val", "80");
	xml_leaf(x, "w:family", "w:val", serif ? "roman" : "swiss");
	xml_leaf(x, "w:pitch", "w:val", "variable");
	xml_close(x);
}

void
docx_font_table(struct xml_out *x)
{
	xml_open(x, "w:fonts");
	xml_attr(x, "xmlns:w", DOCX_NS_W);
	font(x, MINCHO, "Yu Mincho", "02020400000000000000", true);
	font(x, "ＭＳ 明朝", "MS Mincho", "02020609040205080304", true);
	font(x, GOTHIC, "Yu Gothic", "020B0400000000000000", false);
	font(x, "ＭＳ ゴシック", "MS Gothic", "020B0609070205080204", false);
	xml_close(x);
}

void
docx_header(struct xml_out *x, const struct doc *d)
{
	xml_open(x, "w:hdr");
	xml_attr(x, "xmlns:w", DOCX_NS_W);
	xml_attr(x, "xmlns:r", DOCX_NS_R);
	xml_open(x, "w:p");
	xml_open(x, "w:pPr");
	xml_leaf(x, "w:pStyle", "w:val", "Header");
	xml_close(x);
	xml_open(x, "w:r");
	xml_open(x, "w:t");
	xml_attr(x, "xml:space", "preserve");
	xml_text(x, d->org_name);
	xml_close(x);
	xml_close(x);
	xml_close(x);
	xml_close(x);
}

static void
field_char(struct xml_out *x, const char *type)
{
	xml_open(x, "w:r");
	xml_leaf(x, "w:fldChar", "w:fldCharType", type);
	xml_close(x);
}

void
docx_footer(struct xml_out *x)
{
	xml_open(x, "w:ftr");
	xml_attr(x, "xmlns:w", DOCX_NS_W);
	xml_attr(x, "xmlns:r", DOCX_NS_R);
	xml_open(x, "w:p");
	xml_open(x, "w:pPr");
	xml_leaf(x, "w:pStyle", "w:val", "Footer");
	xml_close(x);
	field_char(x, "begin");
	xml_open(x, "w:r");
	xml_open(x, "w:instrText");
	xml_attr(x, "xml:space", "preserve");
	xml_text(x, " PAGE ");
	xml_close(x);
	xml_close(x);
	field_char(x, "separate");
	xml_open(x, "w:r");
	xml_elem(x, "w:t", "1");
	xml_close(x);
	field_char(x, "end");
	xml_close(x);
	xml_close(x);
}
