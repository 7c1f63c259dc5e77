/* fuzz_csv_in.c — libFuzzer target for the CSV reader (csv_in_read).
 *
 * The input is read twice: with small limits (so that the limit checks
 * are reached) and with the defaults, the second time by a sink that
 * stops at the third row. Besides memory errors (ASan/UBSan), the contract
 * is checked: every row handed over has 1..max_cols cells, each valid
 * UTF-8 without NUL and at most max_cell bytes, row numbers rise; a
 * refusal is MM_EINVAL or MM_ENOMEM with a message; a sink's code comes
 * back unchanged.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/csv_in.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	const struct csv_in_limits *lim;
	long last_row;
	long rows;
	long stop_at; /* 0: never */
};

static void
check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_csv_in: contract broken: %s\n", what);
		abort();
	}
}

static enum mm_err
on_row(void *ctx, const struct table_row *r, struct err *e)
{
	struct seen *s = ctx;
	size_t k;

	check(r->row > s->last_row, "row numbers do not rise");
	check(r->ncells >= 1 && r->ncells <= s->lim->max_cols, "a row with a bad cell count");
	for (k = 0; k < r->ncells; k++) {
		size_t n = strlen(r->cells[k]);
		check(n <= s->lim->max_cell, "a cell over the limit");
		check(text_utf8_valid(r->cells[k], n), "a cell that is not UTF-8");
	}
	s->last_row = r->row;
	s->rows++;
	if (s->stop_at > 0 && s->rows == s->stop_at)
		return err_set(e, MM_ECONFLICT, "stop");
	return MM_OK;
}

static void
read_with(const char *text, size_t len, const struct csv_in_limits *lim, long stop_at)
{
	struct table_sink sink;
	struct seen s;
	struct err e;
	enum csv_in_encoding enc;
	enum mm_err code;

	memset(&s, 0, sizeof(s));
	s.lim = lim;
	s.stop_at = stop_at;
	memset(&sink, 0, sizeof(sink));
	sink.row = on_row;
	sink.ctx = &s;
	err_clear(&e);
	code = csv_in_read(text, len, lim, &sink, &enc, &e);
	if (code == MM_ECONFLICT) {
		check(stop_at > 0 && s.rows == stop_at, "the sink's code without the sink");
		check(strcmp(e.msg, "stop") == 0, "the sink's message replaced");
	} else if (code != MM_OK) {
		check(code == MM_EINVAL || code == MM_ENOMEM, "an unexpected error code");
		check(e.msg[0] != '\0', "a refusal without a message");
	} else {
		check(enc == CSV_IN_UTF8 || enc == CSV_IN_UTF8_BOM || enc == CSV_IN_CP932,
		    "an unknown encoding");
		check((size_t)s.rows <= lim->max_rows, "more rows than allowed");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_in_limits small, def;
	char *text;

	if (size > 1024 * 1024)
		return 0;
	/* an exact-size copy, so that reads past LEN are caught */
	text = malloc(size ? size : 1);
	if (text == NULL)
		return 0;
	if (size > 0)
		memcpy(text, data, size);
	csv_in_limits_default(&small);
	small.max_bytes = 4096;
	small.max_rows = 16;
	small.max_cols = 8;
	small.max_cell = 32;
	read_with(text, size, &small, 0);
	csv_in_limits_default(&def);
	read_with(text, size, &def, 3);
	free(text);
	return 0;
}
