/* doc_generate.h — the policy documents (基本方針, ハンドブック, 関連規程)
 * written from the organisation's own data: the catalog's templates
 * (the Markdown files in catalog/EDITION/documents, Mustache first) filled with the
 * organisation, the holders of the 表8 roles, the document parameters
 * (their defaults, or the organisation's choice stored as the setting
 * "doc.NAME") and the conditions of the optional sections; a section whose
 * condition does not hold is left out and reported with the reason. */
#ifndef MM_DOC_GENERATE_H
#define MM_DOC_GENERATE_H

#include <jansson.h>

#include "app/app.h"
#include "store/org_store.h"

struct doc_generated {
	char *kind;      /* "policy", "handbook", "regulations" */
	char *title;     /* in the language asked for */
	char *markdown;  /* the document (owned) */
	json_t *left_out; /* [{"id","label","why"}] sections left out (owned) */
};

/* doc_generate — the document KIND of O in LANG into *OUT (free with
 * doc_generated_free). MM_EINVAL for an unknown kind. */
enum mm_err doc_generate(struct app *a, const struct org *o, const char *kind,
    enum lang lang, struct doc_generated *out, struct err *e);

void doc_generated_free(struct doc_generated *g);

#endif
