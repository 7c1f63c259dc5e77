/* csv_in.h — reading CSV files as spreadsheets write them (libcsv).
 *
 * Accepted: RFC 4180 (quoted fields with commas, doubled quotes and line
 * breaks; CRLF, LF or CR line ends; no line end after the last record),
 * plus what spreadsheets and people do: a quote inside an unquoted field
 * is taken literally, spaces and tabs around an unquoted field are
 * dropped. Refused with the row named: a quoted field followed by other
 * text ("ab"c), a quote that is never closed.
 *
 * The encoding is found by content: UTF-8 with or without a byte order
 * mark, else Shift_JIS as Excel in Japan writes it (CP932, converted with
 * iconv). UTF-16 and binary files (NUL bytes) are refused.
 *
 * Row numbers count records as a spreadsheet shows them: a blank line is a
 * row, a line break inside a quoted field is not a new row.
 */
#ifndef MM_CSV_IN_H
#define MM_CSV_IN_H

#include <stddef.h>

#include "app/table_in.h"

#define CSV_IN_MAX_BYTES (32u * 1024 * 1024) /* default file size limit */
#define CSV_IN_MAX_ROWS 100000
#define CSV_IN_MAX_COLS 256
#define CSV_IN_MAX_CELL 32767                /* bytes, Excel's cell limit in characters */

struct csv_in_limits {
	size_t max_bytes; /* of the file as given */
	size_t max_rows;  /* records, blank ones included */
	size_t max_cols;  /* fields of one record */
	size_t max_cell;  /* bytes of one field (UTF-8) */
};

enum csv_in_encoding {
	CSV_IN_UTF8 = 0,
	CSV_IN_UTF8_BOM,
	CSV_IN_CP932
};

/* csv_in_limits_default — the CSV_IN_MAX_* limits in *L. */
void csv_in_limits_default(struct csv_in_limits *l);

/* csv_in_encoding_name — "UTF-8", "UTF-8 (BOM 付き)", "Shift_JIS". */
const char *csv_in_encoding_name(enum csv_in_encoding enc);

/* csv_in_read — parse the LEN bytes at DATA (need not be NUL-terminated)
 * within LIM (NULL: the defaults) and hand each row to SINK. *ENC (may be
 * NULL) gets the encoding found. Returns MM_OK; MM_EINVAL with a Japanese
 * message naming the row when the file is not readable CSV or breaks a
 * limit; MM_ENOMEM; or the code with which SINK stopped. Rows already
 * handed over stay handed over: a consumer that wants all or nothing
 * must wait for MM_OK. Thread-safe (no shared state). */
enum mm_err csv_in_read(const char *data, size_t len, const struct csv_in_limits *lim,
    const struct table_sink *sink, enum csv_in_encoding *enc, struct err *e);

#endif
