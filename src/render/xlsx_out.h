/* xlsx_out.h — writing Excel workbooks (.xlsx) of plain tables with
 * libxlsxwriter: one header row per sheet, frozen, with an autofilter and
 * column widths; values written as numbers, dates and text (never as
 * formulas, so that every client sees the value without recalculating).
 *
 * Text that a spreadsheet would take for a formula — starting with = + -
 * @ (or a tab or CR) and not a plain integer such as -1 — is written with
 * a leading ' (QUALITY.md S11), the same rule as csv_field().
 *
 * Use: xlsx_out_open, then per sheet xlsx_out_sheet and per row the
 * xlsx_out_* cell calls followed by xlsx_out_row_end, then
 * xlsx_out_finish (or xlsx_out_free to give up). Rows are written in
 * order and not kept in memory (libxlsxwriter's constant-memory mode).
 * One struct xlsx_out per thread.
 */
#ifndef MM_XLSX_OUT_H
#define MM_XLSX_OUT_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

struct xlsx_out;

/* A column of a sheet. */
struct xlsx_out_col {
	const char *header;
	double width;                 /* in characters; 0: the default */
	int min, max;                 /* whole numbers MIN..MAX only (data validation);
	                               * 0, 0: any */
	const char *const *choices;   /* a drop-down list (NULL-ended), or NULL */
};

/* xlsx_out_open — a new workbook in *OUT (written to a temporary file
 * under $TMPDIR or /tmp until xlsx_out_finish). */
enum mm_err xlsx_out_open(struct xlsx_out **out, struct err *e);

/* xlsx_out_sheet — start sheet NAME (≤ 31 characters, no []:*?/\) with the
 * NCOLS columns COLS (borrowed until the next sheet or the finish); the
 * header row and the first FREEZE_COLS columns stay in view. */
enum mm_err xlsx_out_sheet(struct xlsx_out *x, const char *name,
    const struct xlsx_out_col *cols, size_t ncols, size_t freeze_cols,
    struct err *e);

/* Cells of the current row of the current sheet, column COL (0-based).
 * xlsx_out_text: S as text (NULL or "" leaves the cell empty);
 * xlsx_out_number: V as a number; xlsx_out_date: YMD "YYYY-MM-DD" as a
 * date cell shown as such (anything else is written as text). Failures
 * are remembered and reported by xlsx_out_finish. */
void xlsx_out_text(struct xlsx_out *x, size_t col, const char *s);
void xlsx_out_number(struct xlsx_out *x, size_t col, double v);
void xlsx_out_date(struct xlsx_out *x, size_t col, const char *ymd);

/* xlsx_out_row_end — the current row is done. */
void xlsx_out_row_end(struct xlsx_out *x);

/* xlsx_out_finish — close the workbook and append its bytes to OUT; X is
 * freed whatever the result. MM_EIO or MM_ENOMEM with a message. */
enum mm_err xlsx_out_finish(struct xlsx_out *x, struct buf *out, struct err *e);

/* xlsx_out_free — give up X and remove its file (NULL is fine). */
void xlsx_out_free(struct xlsx_out *x);

/* xlsx_out_formula_like — S would be run as a formula by a spreadsheet
 * (the rule above); such text is written with a leading '. */
int xlsx_out_formula_like(const char *s);

#endif
