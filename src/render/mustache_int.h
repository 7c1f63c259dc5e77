/* mustache_int.h — the compiled template, shared by mustache_parse.c (which
 * builds it) and mustache.c (which renders it). Not for other modules. */
#ifndef MM_MUSTACHE_INT_H
#define MM_MUSTACHE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "render/mustache.h"

enum mustache_kind {
	MUSTACHE_TEXT,     /* literal bytes */
	MUSTACHE_VAR,      /* {{x}} {{{x}}} {{& x}} */
	MUSTACHE_SECTION,  /* {{#x}} … {{/x}} */
	MUSTACHE_INVERTED, /* {{^x}} … {{/x}} */
	MUSTACHE_PARTIAL   /* {{>name}} {{>*name}} */
};

/* node flags */
#define MUSTACHE_BOL 0x01     /* starts a line: write the indentation first */
#define MUSTACHE_RAW 0x02     /* variable: {{{x}}} or {{& x}} */
#define MUSTACHE_DYNAMIC 0x04 /* partial: the name is looked up in the data */
#define MUSTACHE_INDENT 0x08  /* partial: standalone, indent by ind_off/len */

/*
 * The tree is a flat array in template order: the children of a section
 * are the nodes that follow it, up to (not including) the node at index
 * `end`. Offsets point into the template's copy of its source text.
 */
struct mustache_node {
	unsigned char kind;  /* enum mustache_kind */
	unsigned char flags; /* MUSTACHE_BOL | … */
	size_t tag;          /* offset of the tag's opening delimiter */
	size_t off, len;     /* text, or the name inside the tag */
	size_t ind_off;      /* partial: standalone indentation */
	size_t ind_len;
	size_t end;          /* section: index just past its children */
};

struct mustache_tpl {
	char *name;                  /* owned, NUL-terminated */
	char *src;                   /* owned copy of the text (+ NUL) */
	size_t src_len;
	struct mustache_node *nodes; /* owned */
	size_t nnodes;
};

/* mustache_parse — compile the LEN bytes at TEXT into a new template called
 * NAME. Returns MM_OK and *OUT (free with mustache_tpl_free()), or MM_EINVAL
 * / MM_ENOMEM with a message naming NAME, line and column. */
enum mm_err mustache_parse(const char *name, const char *text, size_t len,
    struct mustache_tpl **out, struct err *e);

/* mustache_tpl_free — free TPL (NULL is fine). */
void mustache_tpl_free(struct mustache_tpl *tpl);

/* mustache_where — write "NAME:LINE:COL" for byte offset OFF of TPL into
 * BUF (size N); columns count UTF-8 characters, both start at 1. */
void mustache_where(const struct mustache_tpl *tpl, size_t off, char *buf,
    size_t n);

#endif
