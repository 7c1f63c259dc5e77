/* row.h — helpers for the store modules to read columns into structs and
 * run one-shot statements. Internal to src/store. */
#ifndef MM_ROW_H
#define MM_ROW_H

#include <stdbool.h>
#include <stdio.h>

#include "store/db.h"

/* row_text — column COL of ST into the array DST ("" for NULL). */
#define row_text(dst, st, col) \
	snprintf((dst), sizeof(dst), "%s", \
	    db_col_text((st), (col)) ? db_col_text((st), (col)) : "")

/* row_step_done — step ST once expecting no row (an INSERT/UPDATE),
 * finalize it, and return MM_OK or the error. */
enum mm_err row_step_done(struct db_stmt *st, struct err *e);

/* row_step_one — step ST once; MM_OK when a row is there (ST stays open
 * for reading), MM_ENOTFOUND (with message KEY, or a general one when KEY
 * is NULL) when none, or the error. */
enum mm_err row_step_one(struct db_stmt *st, const char *key, struct err *e);

/* row_step_maybe — step ST once: MM_OK with *FOUND telling whether a row
 * is there (ST stays open for reading either way), or the error. */
enum mm_err row_step_maybe(struct db_stmt *st, bool *found, struct err *e);

/* row_collect — step ST to the end, reading each row with READ into a new
 * array of ITEM_SIZE-byte items, returned in *OUT (free() it) with its
 * length in *N; ST is finalized. */
enum mm_err row_collect(struct db_stmt *st, size_t item_size,
    void (*read)(struct db_stmt *st, void *item), void **out, size_t *n,
    struct err *e);

#endif
