/* fuzz_catalog.c — libFuzzer target for the catalog loader (catalog_load).
 *
 * The first byte of the input chooses one of the catalog's files (its
 * value modulo the number of files: 'A' is manifest.json, 'B' the first
 * file of the manifest, …; see FILES below); the rest of the input is that
 * file's content. Every other file comes from the catalog embedded in the
 * binary, through a custom struct catalog_source. An input of one byte or
 * none gives the file an empty content.
 *
 * Besides memory errors (ASan/UBSan), the contract is checked: a refusal
 * is MM_ECATALOG (or MM_ENOMEM) with a message that names the source's
 * label; an accepted catalog has a 自社診断 model that the scoring code
 * can use (items numbered 1..n in existing parts, every sheet of allowed
 * answers scores into a band).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "util/embed.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define LABEL "fuzz/" CATALOG_DEFAULT

/* the files of catalog/ipa-sme-3.1, manifest.json first, then in the
 * manifest's order */
static const char *const FILES[] = {
	"manifest.json",
	"principles.json",
	"steps.json",
	"pledges.json",
	"diagnosis.json",
	"cloud.json",
	"risk.json",
	"media.json",
	"incident.json",
	"contacts.json",
	"roles.json",
	"industries.json",
	"regulations.json",
};
#define NFILES (sizeof(FILES) / sizeof(FILES[0]))

struct fuzz_source {
	const char *name;  /* the file replaced by the input */
	const char *data;  /* NUL-terminated copy of the input */
	size_t len;
};

static int
fuzz_read(void *ctx, const char *name, const char **data, size_t *len)
{
	const struct fuzz_source *f = ctx;
	const struct embed_file *ef;
	char path[256];

	if (strcmp(name, f->name) == 0) {
		*data = f->data;
		*len = f->len;
		return 0;
	}
	if (snprintf(path, sizeof(path), "catalog/%s/%s", CATALOG_DEFAULT, name) >=
	    (int)sizeof(path))
		return -1;
	if ((ef = embed_find(path)) == NULL)
		return -1;
	*data = (const char *)ef->data;
	*len = ef->size;
	return 0;
}

/* a distinct function per chosen file, so that libFuzzer sees the inputs
 * of each file as different coverage and keeps a valid seed of every file
 * (the loads of valid catalogs all take the same path otherwise) */
static volatile unsigned chosen_sink;

#define CHOICE(n) \
	__attribute__((noinline)) static void choice_##n(void) { chosen_sink = n; }
CHOICE(0) CHOICE(1) CHOICE(2) CHOICE(3) CHOICE(4) CHOICE(5) CHOICE(6)
CHOICE(7) CHOICE(8) CHOICE(9) CHOICE(10) CHOICE(11) CHOICE(12)

static void (*const choices[])(void) = {
	choice_0, choice_1, choice_2, choice_3, choice_4, choice_5, choice_6,
	choice_7, choice_8, choice_9, choice_10, choice_11, choice_12,
};

static void
note_choice(size_t idx)
{
	if (idx < sizeof(choices) / sizeof(choices[0]))
		choices[idx]();
}

static void
check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_catalog: contract broken: %s\n", what);
		abort();
	}
}

/* what the scoring code relies on holds for an accepted catalog: every
 * sheet of allowed answers scores and falls in a band */
static void
check_model(const struct diag_model *m)
{
	static const enum diag_answer fill[] = { DIAG_YES, DIAG_PARTIAL, DIAG_NO, DIAG_UNKNOWN };
	struct diag_sheet sheet;
	struct diag_result r;
	size_t i, k;

	check(m->nitems > 0 && m->nitems <= DIAG_MAX_ITEMS, "a catalog without 自社診断 items");
	check(m->nbands > 0 && m->nparts > 0, "a catalog without bands or parts");
	for (i = 0; i < m->nitems; i++) {
		check(m->items[i].no == (int)i + 1, "items not numbered 1..n");
		check(m->items[i].part < m->nparts, "an item outside every part");
	}
	for (k = 0; k < sizeof(fill) / sizeof(fill[0]); k++) {
		for (i = 0; i < m->nitems; i++)
			sheet.answers[i] = fill[k];
		check(diag_score(m, &sheet, DIAG_NA_FULL, &r) == 0, "a full sheet does not score");
		check(r.band != NULL, "a total without a band");
	}
	for (i = 0; i < m->nitems; i++)
		sheet.answers[i] = m->items[i].na_allowed ? DIAG_NA : DIAG_UNKNOWN;
	check(diag_score(m, &sheet, DIAG_NA_EXCLUDE, &r) == 0, "該当なし where allowed does not score");
	check(r.band != NULL, "a rescaled total without a band");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_source f;
	struct catalog_source src;
	struct catalog *cat = NULL;
	struct err e;
	enum mm_err code;
	char *copy;
	size_t len = size > 0 ? size - 1 : 0, idx;

	idx = size > 0 ? data[0] % NFILES : 0;
	f.name = FILES[idx];
	/* the source's contract: contents are NUL-terminated */
	copy = malloc(len + 1);
	if (copy == NULL)
		return 0;
	if (len > 0)
		memcpy(copy, data + 1, len);
	copy[len] = '\0';
	f.data = copy;
	f.len = len;
	src.read = fuzz_read;
	src.ctx = &f;
	src.label = LABEL;
	err_clear(&e);
	code = catalog_load(&src, &cat, &e);
	if (code == MM_OK) {
		note_choice(idx);
		check(cat != NULL, "MM_OK without a catalog");
		check(catalog_list(cat, "items") != NULL, "a catalog without the items list");
		check_model(&cat->diag);
		catalog_free(cat);
	} else {
		check(cat == NULL, "a refusal that leaves a catalog");
		check(code == MM_ECATALOG || code == MM_ENOMEM, "an unexpected error code");
		check(code != MM_ECATALOG || strstr(e.msg, LABEL "/") != NULL,
		    "a catalog error that does not name the file");
	}
	free(copy);
	return 0;
}
