/* xlsx_in.h — reading one sheet of an Excel workbook (.xlsx) as rows of
 * text (libzip + expat).
 *
 * What is read: the sheet named as asked (else the first visible sheet),
 * found through the package's relationships; cell values of every type
 * (shared strings without their furigana runs, inline and rich strings,
 * numbers as written, booleans as TRUE/FALSE, formula cells by their cached
 * value, error values as text). A number in a cell whose format shows a
 * date (Excel's built-in date formats, those of the Japanese locale, or a
 * custom format with y or d; both date systems, 1900 and 1904) is given
 * as YYYY-MM-DD, without its time of day; other numbers as written.
 *
 * What is refused (MM_EINVAL, Japanese message): a file that is not a zip
 * by its content, a package that breaks a limit of struct xlsx_in_limits
 * (file size, number of entries, uncompressed bytes of a part and in all,
 * compression ratio: zip bombs), XML with a document type declaration
 * (DTDs, and with them every entity expansion and external entity), XML
 * that is not well-formed, too many rows, columns or characters in a cell.
 * Limits are checked against the bytes actually inflated, not the sizes
 * the zip claims.
 */
#ifndef MM_XLSX_IN_H
#define MM_XLSX_IN_H

#include <stdbool.h>
#include <stddef.h>

#include "app/table_in.h"

#define XLSX_IN_MAX_FILE (32u * 1024 * 1024)
#define XLSX_IN_MAX_ENTRIES 1000
#define XLSX_IN_MAX_PART (256u * 1024 * 1024)
#define XLSX_IN_MAX_TOTAL (512u * 1024 * 1024)
#define XLSX_IN_MAX_RATIO 100          /* as Apache POI's ZipSecureFile */
#define XLSX_IN_RATIO_GRACE (1024u * 1024) /* parts smaller are not ratio-checked */
#define XLSX_IN_MAX_STRINGS 1000000
#define XLSX_IN_MAX_STRING_BYTES (64u * 1024 * 1024)
#define XLSX_IN_MAX_ROWS 100000
#define XLSX_IN_MAX_COLS 256
#define XLSX_IN_MAX_CELL (32767u * 3)  /* Excel's 32,767 characters in UTF-8 */

struct xlsx_in_limits {
	size_t max_file;         /* bytes of the .xlsx */
	size_t max_entries;      /* entries in the zip directory */
	size_t max_part;         /* inflated bytes of one part */
	size_t max_total;        /* inflated bytes of all parts read */
	size_t max_ratio;        /* inflated : compressed of one part, past the grace */
	size_t ratio_grace;      /* inflated bytes before the ratio is checked */
	size_t max_strings;      /* shared strings */
	size_t max_string_bytes; /* bytes of all shared strings */
	size_t max_rows;         /* rows with a value */
	size_t max_cols;         /* columns A.. that may hold a value */
	size_t max_cell;         /* bytes of one cell's text */
};

/* xlsx_in_limits_default — the XLSX_IN_MAX_* limits in *L. */
void xlsx_in_limits_default(struct xlsx_in_limits *l);

/* xlsx_in_is_zip — the LEN bytes at DATA start as a zip file does (the
 * type is decided by content, never by the file's name). */
bool xlsx_in_is_zip(const char *data, size_t len);

/* xlsx_in_read — read the sheet named SHEET (NULL or not found: the first
 * visible sheet) of the workbook in the LEN bytes at DATA within LIM
 * (NULL: the defaults), and hand each row with a value to SINK.
 * SHEET_OUT (may be NULL, OUTSZ bytes) gets the name of the sheet read.
 * Returns MM_OK, MM_EINVAL with a Japanese message (naming the cell where
 * one is at fault), MM_ENOMEM, or the code with which SINK stopped.
 * Thread-safe (no shared state). */
enum mm_err xlsx_in_read(const char *data, size_t len, const char *sheet,
    const struct xlsx_in_limits *lim, const struct table_sink *sink,
    char *sheet_out, size_t outsz, struct err *e);

#endif
