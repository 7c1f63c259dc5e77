/* catalog.h — the guideline as data (the JSON files in catalog/EDITION/).
 *
 * A catalog is read from a source (the files embedded in the binary, or a
 * folder on disk for people who edit the catalog), validated, and kept in
 * memory for the life of the process. Validation covers every file:
 *   - ids unique across the whole catalog and made of [a-z0-9-];
 *   - every "_ref"/"_refs" value names an existing id;
 *   - every text object has non-empty "ja" and "en" and nothing else;
 *   - the lists the code relies on (the 自社診断 parts, answers, bands and
 *     items; the 付録7 risk tables; the media) have their fields, ranges
 *     that neither overlap nor leave gaps, and the expected counts.
 * The first problem found is reported with the file and the id.
 *
 * A loaded catalog is read-only and may be shared between threads.
 */
#ifndef MM_CATALOG_H
#define MM_CATALOG_H

#include <jansson.h>

#include "core/diag.h"
#include "core/risk.h"
#include "core/text.h"
#include "util/err.h"

#define CATALOG_DEFAULT "ipa-sme-3.1"

/* Where the catalog's files come from. READ returns the NUL-terminated
 * contents of NAME ("manifest.json", "diagnosis.json", …) in *DATA and *LEN,
 * owned by the source and valid until the source is gone, or -1 when the
 * file does not exist. */
struct catalog_source {
	int (*read)(void *ctx, const char *name, const char **data, size_t *len);
	void *ctx;
	const char *label; /* prefix for messages, e.g. "catalog/ipa-sme-3.1" */
};

struct catalog_list {
	const char *name;  /* "pledges", "items", … */
	const char *file;  /* file it came from */
	struct ltext title;
	json_t *items;     /* borrowed from the catalog's tree */
};

#define CATALOG_MAX_LISTS 64

struct catalog {
	json_t *root;      /* owns every string the structs below point to */
	json_t *ids;       /* id → entry, for lookups and reference checks */
	const char *id;    /* "ipa-sme-3.1" */
	const char *edition;
	struct ltext title;
	struct catalog_list lists[CATALOG_MAX_LISTS];
	size_t nlists;
	struct diag_model diag;
	struct risk_model risk;
};

/* catalog_load — read and validate the catalog from SRC into a new
 * catalog in *OUT (free it with catalog_free). Returns MM_OK, or
 * MM_ECATALOG with a message naming the file and the id, or MM_ENOMEM. */
enum mm_err catalog_load(const struct catalog_source *src,
    struct catalog **out, struct err *e);

/* catalog_load_embedded — catalog_load() over the files embedded in the
 * binary for EDITION (e.g. CATALOG_DEFAULT). */
enum mm_err catalog_load_embedded(const char *edition, struct catalog **out,
    struct err *e);

/* catalog_load_dir — catalog_load() over the files in folder DIR. */
enum mm_err catalog_load_dir(const char *dir, struct catalog **out,
    struct err *e);

/* catalog_free — release C (NULL is fine). */
void catalog_free(struct catalog *c);

/* catalog_list — the list called NAME, or NULL. */
const struct catalog_list *catalog_list(const struct catalog *c,
    const char *name);

/* catalog_find_id — the entry (at any depth) whose id is ID, or NULL;
 * borrowed from C. */
json_t *catalog_find_id(const struct catalog *c, const char *id);

/* catalog_text — the text object KEY of OBJ as a struct ltext (empty
 * strings when absent). */
struct ltext catalog_text(json_t *obj, const char *key);

#endif
