/* csv_out.h — writing CSV for spreadsheets (RFC 4180, CRLF line ends),
 * safe to open in Excel: a field that a spreadsheet would run as a
 * formula is neutralised (QUALITY.md S11).
 *
 * The same rule as cli_csv_field (src/cli/cli.c), for output built in
 * memory (a struct buf) rather than written to a FILE.
 */
#ifndef MM_CSV_OUT_H
#define MM_CSV_OUT_H

#include "util/buf.h"

/* csv_bom — append the UTF-8 byte order mark, so that Excel reads the
 * file as UTF-8. */
void csv_bom(struct buf *out);

/* csv_field — append S (NULL is "") to OUT as one field: quoted when it
 * holds a comma, quote, CR or LF; text starting with = + - @ (or a tab or
 * CR) that is not a plain integer such as -1 is quoted and prefixed with
 * ' so that a spreadsheet shows it as text instead of running it. */
void csv_field(struct buf *out, const char *s);

/* csv_int — append the integer V as one field. */
void csv_int(struct buf *out, long long v);

/* csv_sep / csv_end — append the field separator / the end of a record
 * (CRLF). */
void csv_sep(struct buf *out);
void csv_end(struct buf *out);

#endif
