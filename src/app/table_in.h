/* table_in.h — rows of text read from a spreadsheet file, the shape
 * shared by the CSV reader (csv_in.h) and the XLSX reader (xlsx_in.h).
 *
 * A reader calls the consumer once per row that holds at least one cell
 * (blank rows are skipped, but counted in the row numbers), in file
 * order, and never keeps a row after the call returns.
 */
#ifndef MM_TABLE_IN_H
#define MM_TABLE_IN_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

/* One row, borrowed for the duration of the call. */
struct table_row {
	long row;                 /* the row number a spreadsheet shows, from 1 */
	size_t ncells;            /* ≥ 1; cells past the last one given are empty */
	const char *const *cells; /* NUL-terminated valid UTF-8 without NUL bytes;
	                           * "" for an empty cell */
};

/* What a reader reports to. */
struct table_sink {
	/* ROW: called per row; return MM_OK to go on, anything else stops the
	 * reader, which then returns that code (the message is the one ROW put
	 * in E). */
	enum mm_err (*row)(void *ctx, const struct table_row *r, struct err *e);
	/* PROGRESS (may be NULL): DONE of TOTAL steps of the reading. */
	void (*progress)(void *ctx, int done, int total);
	void *ctx;
};

/* table_col_name — the spreadsheet name of column COL (0 → "A", 26 →
 * "AA") in OUT (at least 8 bytes). */
void table_col_name(size_t col, char *out, size_t outsz);

/* table_serial_date — the Excel date serial SERIAL (days since 1899-12-30
 * in the 1900 date system, whose day 60 is the fictitious 1900-02-29; in
 * the 1904 system when DATE1904) as "YYYY-MM-DD" in OUT (at least 11
 * bytes); the time of day is dropped. False (OUT untouched) for serials
 * before 1900-03-01 or after 9999-12-31. */
bool table_serial_date(double serial, bool date1904, char *out, size_t outsz);

#endif
