/* fuzz_answers.c — libFuzzer target for the 自社診断 answer files
 * (diag_input_parse over CSV, JSON and the automatic choice).
 *
 * The input is parsed three times: as DIAG_INPUT_AUTO, DIAG_INPUT_CSV and
 * DIAG_INPUT_JSON. Besides memory errors (ASan/UBSan), the contract of
 * diag_input_parse is checked: on success every item is answered with an
 * allowed answer (so the sheet can be scored under both 該当なし rules),
 * on failure there is a message and nothing to free.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/diag_input.h"
#include "core/catalog.h"
#include "core/diag.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct catalog *cat;

static void
check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_answers: contract broken: %s\n", what);
		abort();
	}
}

static void
free_catalog(void)
{
	catalog_free(cat);
	cat = NULL;
}

static const struct diag_model *
model(void)
{
	struct err e;

	if (cat == NULL) {
		err_clear(&e);
		if (catalog_load_embedded(CATALOG_DEFAULT, &cat, &e) != MM_OK) {
			fprintf(stderr, "fuzz_answers: the embedded catalog does not load: %s\n",
			    e.msg);
			abort();
		}
		atexit(free_catalog);
	}
	return &cat->diag;
}

static void
parse_as(const struct diag_model *m, const char *text, size_t len,
    enum diag_input_format fmt)
{
	struct diag_input in;
	struct diag_result r;
	struct err e;
	enum mm_err code;
	size_t i;

	err_clear(&e);
	code = diag_input_parse(m, text, len, fmt, &in, &e);
	if (code != MM_OK) {
		check(code == MM_EINVAL || code == MM_ENOMEM, "an unexpected error code");
		check(e.msg[0] != '\0', "a refusal without a message");
		for (i = 0; i < DIAG_MAX_ITEMS; i++)
			check(in.notes.notes[i] == NULL, "notes left after a refusal");
		return;
	}
	check(diag_sheet_missing(m, &in.sheet) == 0, "an accepted file with an item missing");
	for (i = 0; i < m->nitems; i++) {
		check(diag_answer_allowed(m, (int)i + 1, in.sheet.answers[i]),
		    "an accepted file with an answer the item does not allow");
		if (in.notes.notes[i] != NULL)
			check(strlen(in.notes.notes[i]) <= DIAG_NOTE_MAX, "an overlong note accepted");
	}
	check(diag_score(m, &in.sheet, DIAG_NA_FULL, &r) == 0, "an accepted sheet does not score");
	check(r.total >= -(int)m->nitems && r.total <= r.max, "a total out of range");
	check(diag_score(m, &in.sheet, DIAG_NA_EXCLUDE, &r) == 0,
	    "an accepted sheet does not score with 該当なし excluded");
	check(r.total >= -(int)m->nitems && r.total <= r.max, "a rescaled total out of range");
	diag_input_free(&in);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct diag_model *m = model();
	char *text;

	if (size > DIAG_INPUT_MAX_BYTES + 1)
		return 0;
	/* the command line hands the parser a NUL-terminated buffer; keep an
	 * exact-size copy so that reads past LEN are caught */
	text = malloc(size ? size : 1);
	if (text == NULL)
		return 0;
	if (size > 0)
		memcpy(text, data, size);
	parse_as(m, text, size, DIAG_INPUT_AUTO);
	parse_as(m, text, size, DIAG_INPUT_CSV);
	parse_as(m, text, size, DIAG_INPUT_JSON);
	free(text);
	return 0;
}
