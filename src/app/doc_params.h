/* doc_params.h — the organisation's choices for its policy documents: the
 * catalog's "document-parameters" (minimum password length, screen lock,
 * backups, personal devices, telework, …), each with a default and an
 * explanation; a choice is stored as the organisation's setting
 * "doc.NAME" and used by the next generation (doc_generate.h). */
#ifndef MM_DOC_PARAMS_H
#define MM_DOC_PARAMS_H

#include <jansson.h>

#include "app/app.h"
#include "store/org_store.h"

/* One value of a save: NAME (a parameter's name) and VALUE as text
 * ("true"/"false" for yes/no parameters). Strings are borrowed. */
struct doc_param_input {
	const char *name;
	const char *value;
};

/* doc_params_view — every parameter in catalog order in LANG (new
 * reference, NULL on error): {"params":[{"name","type","label",
 * "explanation","default","value","is_default":bool,"min"?,"max"?,
 * "choices"?:[{"value","selected"}]}],"changed":N}. */
json_t *doc_params_view(struct app *a, const struct org *o, enum lang lang,
    struct err *e);

/* doc_params_save — record the N values IN for O in one transaction with
 * one audit record ("document.parameters") listing what changed; values
 * equal to the stored one change nothing. Refused with MM_EINVAL and
 * nothing written: an unknown name, an integer outside its range, a
 * choice not in its list, a yes/no other than "true"/"false", a text
 * over 100 characters or with control characters. */
enum mm_err doc_params_save(struct app *a, const struct org *o,
    const struct doc_param_input *in, size_t n, struct err *e);

#endif
