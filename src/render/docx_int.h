/* docx_int.h — internals shared by docx_out.c (the body and the zip) and
 * docx_parts.c (the fixed parts: styles, numbering, settings, package
 * metadata, header and footer). Not for other modules. */
#ifndef MM_DOCX_INT_H
#define MM_DOCX_INT_H

#include "render/docmodel.h"
#include "render/xml_out.h"

#define DOCX_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* A4 in twentieths of a point, 20 mm margins */
#define DOCX_PAGE_W 11906
#define DOCX_PAGE_H 16838
#define DOCX_MARGIN 1134
#define DOCX_TEXT_W (DOCX_PAGE_W - 2 * DOCX_MARGIN)

/* numbering: num 1 is the bullet list; ordered lists get nums 2, 3, …
 * (one per run of list items, so that each list starts again at 1) */
#define DOCX_NUM_BULLET 1
#define DOCX_NUM_ORDERED_FIRST 2

/* the relationship of chart N (from 1) of word/document.xml is
 * rId(DOCX_REL_CHART + N - 1), its part word/media/chartN.png */
#define DOCX_REL_CHART 100

/* Each writes one whole part to X (declaration included). NORDERED is the
 * number of ordered lists of the document. */
void docx_content_types(struct xml_out *x);
void docx_package_rels(struct xml_out *x);
void docx_document_rels(struct xml_out *x, size_t ncharts);
void docx_core(struct xml_out *x, const struct doc *d);
void docx_app(struct xml_out *x);
void docx_styles(struct xml_out *x, const struct doc *d);
void docx_numbering(struct xml_out *x, size_t nordered);
void docx_settings(struct xml_out *x);
void docx_font_table(struct xml_out *x);
void docx_header(struct xml_out *x, const struct doc *d);
void docx_footer(struct xml_out *x);

/* docx_lang — the w:lang value of the document's language */
const char *docx_lang(const struct doc *d);

#endif
