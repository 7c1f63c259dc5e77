/* audit.h — the audit log: one record per change, chained by hash.
 *
 * Each record holds when (UTC), who, which organisation, what (action and
 * object) and the state before and after (JSON). Its hash covers all of
 * that and the previous record's hash, so editing, removing or inserting
 * a record breaks the chain; the head (count and last hash, kept beside
 * the log) catches a removed tail.
 */
#ifndef MM_AUDIT_H
#define MM_AUDIT_H

#include <jansson.h>

#include "app/app.h"
#include "util/sha256.h"

/* audit_record — append a record for a change made by A->actor. Call it
 * inside the transaction of the change. BEFORE and AFTER (may be NULL)
 * are borrowed. */
enum mm_err audit_record(struct app *a, long long org_id, const char *action,
    const char *object, json_t *before, json_t *after, struct err *e);

struct audit_verify_result {
	long long records;   /* records checked */
	long long broken_id; /* the first bad record, 0 when the log is sound */
	char reason[256];    /* why it is bad, Japanese */
};

/* audit_verify — check the whole chain. Returns MM_OK with
 * R->broken_id == 0 when sound; MM_OK with broken_id and reason set when
 * a record is edited, missing or out of order; an error only when the
 * log could not be read. */
enum mm_err audit_verify(struct db *db, struct audit_verify_result *r,
    struct err *e);

#endif
