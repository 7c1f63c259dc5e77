/* xml_out.h — a small streaming XML writer: elements, attributes and
 * text, escaped, appended to a struct buf. Used by docx_out and meant for
 * the other writers of XML parts (XLSX/ODF/SVG later).
 *
 * Escaping: & < > " ' become entities in text and attributes; tab and
 * newline are kept in text (written as &#9; &#10; in attributes, which
 * XML would otherwise normalise to spaces); every other control
 * character (and DEL) is dropped, and a byte sequence that is not UTF-8
 * (or is U+FFFE/U+FFFF) becomes U+FFFD, so the output is always
 * well-formed whatever the input.
 *
 * Element and attribute names are the caller's (string literals in
 * practice): they are written as given and must stay alive until the
 * element is closed. Errors are sticky: a failed append, a too deep
 * nesting or an attribute outside a start tag marks the writer failed and
 * further calls do nothing; check once with xml_out_finish().
 *
 * Not thread-safe per writer; separate writers are independent.
 */
#ifndef MM_XML_OUT_H
#define MM_XML_OUT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

#define XML_OUT_DEPTH 64

struct xml_out {
	struct buf *b;                       /* not owned */
	const char *stack[XML_OUT_DEPTH];    /* open elements, innermost last */
	size_t depth;
	bool in_tag;                         /* "<name …" written, not yet '>' */
	bool failed;
};

/* xml_out_init — a writer appending to B (B is not owned). When DECL is
 * true the XML declaration (UTF-8, standalone) is written first. */
void xml_out_init(struct xml_out *x, struct buf *b, bool decl);

/* xml_open — start element NAME (its attributes may follow). */
void xml_open(struct xml_out *x, const char *name);

/* xml_attr — an attribute of the element just opened; VALUE is escaped
 * (NULL is written as ""). */
void xml_attr(struct xml_out *x, const char *name, const char *value);

/* xml_attr_long — an attribute with an integer value. */
void xml_attr_long(struct xml_out *x, const char *name, long long value);

/* xml_text — escaped character data (S may be NULL). */
void xml_text(struct xml_out *x, const char *s);

/* xml_text_n — escaped character data: N bytes of S. */
void xml_text_n(struct xml_out *x, const char *s, size_t n);

/* xml_close — end the innermost open element ("<a/>" when it is empty). */
void xml_close(struct xml_out *x);

/* xml_leaf — an empty element with at most one attribute:
 * <NAME ATTR="VALUE"/>, or <NAME/> when ATTR is NULL. */
void xml_leaf(struct xml_out *x, const char *name, const char *attr, const char *value);

/* xml_elem — <NAME>escaped TEXT</NAME>. */
void xml_elem(struct xml_out *x, const char *name, const char *text);

/* xml_out_finish — close what is still open; true when nothing failed. */
bool xml_out_finish(struct xml_out *x);

/* xml_escape — append N bytes of S to B, escaped as described above;
 * ATTR selects attribute escaping (tab and newline as references).
 * Returns false when B has failed. */
bool xml_escape(struct buf *b, const char *s, size_t n, bool attr);

#endif
