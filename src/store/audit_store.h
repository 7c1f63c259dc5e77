/* audit_store.h — the rows of the audit log. The chaining and checking of
 * hashes is done by src/app/audit.c. */
#ifndef MM_AUDIT_STORE_H
#define MM_AUDIT_STORE_H

#include "store/db.h"
#include "util/clock.h"
#include "util/sha256.h"

struct audit_row {
	long long id;
	char at[CLOCK_ISO_LEN];
	const char *actor;  /* the strings are owned by whoever filled the row */
	long long org_id;   /* 0: not about one organisation */
	const char *action; /* e.g. "org.create" */
	const char *object; /* e.g. "org:3" */
	const char *before; /* JSON or NULL */
	const char *after;  /* JSON or NULL */
	char prev_hash[SHA256_HEX_LEN];
	char hash[SHA256_HEX_LEN];
};

/* audit_store_head — the number of records and the hash of the last one
 * as recorded beside the log. */
enum mm_err audit_store_head(struct db *db, long long *count,
    char last_hash[SHA256_HEX_LEN], struct err *e);

/* audit_store_append — insert R (with R->id already the next number) and
 * move the head; call inside the transaction of the change it records. */
enum mm_err audit_store_append(struct db *db, const struct audit_row *r,
    struct err *e);

/* audit_store_each — call FN for every record in id order; its strings
 * are valid during the call only. FN returns non-zero to stop; that value
 * is returned in *STOPPED (may be NULL). */
enum mm_err audit_store_each(struct db *db,
    int (*fn)(void *ctx, const struct audit_row *r), void *ctx, int *stopped,
    struct err *e);

#endif
