/* asset_io_int.h — what asset_io.c (columns, export, reports) and
 * asset_import.c share. Not for other modules. */
#ifndef MM_ASSET_IO_INT_H
#define MM_ASSET_IO_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/asset_io.h"

/* The ledger columns, in the order mamori writes them. */
enum asset_col {
	ACOL_ID = 0,
	ACOL_CATEGORY,
	ACOL_NAME,
	ACOL_NOTE,
	ACOL_USERS,
	ACOL_DEPARTMENT,
	ACOL_MEDIUM,
	ACOL_PERSONAL,
	ACOL_SENSITIVE,
	ACOL_MY_NUMBER,
	ACOL_C,
	ACOL_I,
	ACOL_A,
	ACOL_IMPORTANCE,
	ACOL_RETENTION,
	ACOL_REGISTERED,
	ACOL_THREAT,
	ACOL_VULNERABILITY,
	ACOL_LIKELIHOOD,
	ACOL_RISK,
	ACOL_T_KIND,
	ACOL_T_MEASURE,
	ACOL_T_OWNER,
	ACOL_T_DUE,
	ACOL_COUNT
};

#define ASSET_IO_MAX_ALIASES 6

struct asset_io_col {
	const char *header;   /* exactly as in the IPA sheet (ID is ours) */
	const char *field;    /* asset_apply's field key, NULL when none */
	bool computed;        /* derived by mamori: never read */
	double width;         /* in the XLSX, characters */
	const char *aliases[ASSET_IO_MAX_ALIASES]; /* other names read on import */
	const char *label;    /* the key of its name in messages (err.field.…);
	                       * NULL for ID and the computed columns */
};

extern const struct asset_io_col asset_io_cols[ACOL_COUNT];

/* asset_io_col_of_field — the column of asset_apply's field key FIELD,
 * or -1. */
int asset_io_col_of_field(const char *field);

/* asset_io_treatment_label — the Japanese label of treatment kind ID
 * ("reduce" → 低減), ID itself when unknown. */
const char *asset_io_treatment_label(const struct risk_model *m, const char *id);

/* asset_io_medium_label — the Japanese label of medium ID. */
const char *asset_io_medium_label(const struct risk_model *m, const char *id);

/* --- asset_io_text.c: small hash tables of the organisation's assets
 * by name and by id (open addressing; the importer's only index) */

struct name_slot {
	char *name;       /* owned; NULL: free slot */
	uint64_t h;
	long long id;     /* one asset of that name */
	int count;        /* assets of that name */
	long row;         /* the file row that took it, 0 */
};

struct id_slot {
	long long id;     /* 0: free slot */
	bool exists;      /* an asset of the organisation */
	long row;         /* the file row that took it, 0 */
};

struct names {
	struct name_slot *s;
	size_t cap, n;
};

struct ids {
	struct id_slot *s;
	size_t cap, n;
};

/* asset_io_names_get / asset_io_ids_get — the slot of NAME / ID (> 0),
 * created when absent; NULL when out of memory. asset_io_*_grow — make
 * room (also the first table); false when out of memory. */
struct name_slot *asset_io_names_get(struct names *t, const char *name);
bool asset_io_names_grow(struct names *t);
void asset_io_names_free(struct names *t);
struct id_slot *asset_io_ids_get(struct ids *t, long long id);
bool asset_io_ids_grow(struct ids *t);

/* --- asset_io_text.c: values as people write them in sheets */

/* asset_io_norm_header — a column name as compared: no spaces or line
 * breaks, no ・ / ※ *, full-width ASCII folded, letters in lower case, a
 * trailing (…) dropped. IN is valid UTF-8. */
void asset_io_norm_header(const char *in, char *out, size_t outsz);

/* asset_io_fold — a short value as compared: full-width ASCII folded to
 * ASCII, the ideographic space to a space, spaces trimmed. */
void asset_io_fold(const char *in, char *out, size_t outsz);

/* asset_io_whole_number — "3.0" (as Excel may write 3) to "3", in place. */
void asset_io_whole_number(char *s);

/* asset_io_norm_date — YYYY-M-D, YYYY/M/D, YYYY.M.D, YYYY年M月D日 (a time
 * after it ignored) or an Excel date serial (1900 system, from 61 =
 * 1900-03-01) as YYYY-MM-DD in OUT; anything else is copied folded, for
 * the caller's check to refuse. */
void asset_io_norm_date(const char *in, char *out, size_t outsz);

/* asset_io_shorten — the first N characters of S (UTF-8) with … when cut. */
void asset_io_shorten(const char *s, size_t n, char *out, size_t outsz);

/* asset_io_treatment_differs — the treatments of B and A differ. */
bool asset_io_treatment_differs(const struct asset *b, const struct asset *a);

/* The changes of one row being described: one message each. */
struct asset_io_changes {
	struct err_msg **v;
	size_t n, alloc;
	bool failed;      /* out of memory: the list is not complete */
};

/* asset_io_describe — what changes from B to A, one message per column
 * (err.import.change), in D (cleared first; empty when nothing changes),
 * with the labels of model M. D->failed when out of memory. */
void asset_io_describe(const struct risk_model *m, const struct asset *b,
    const struct asset *a, struct asset_io_changes *d);

/* asset_io_changes_clear — free the messages of D, keeping its array;
 * asset_io_changes_free — free all of D. */
void asset_io_changes_clear(struct asset_io_changes *d);
void asset_io_changes_free(struct asset_io_changes *d);

#endif
