/* pledge_store.h — the 5か条 (付録1): how far each principle is carried
 * out in an organisation, and its pledge (SECURITY ACTION ★). */
#ifndef MM_PLEDGE_STORE_H
#define MM_PLEDGE_STORE_H

#include "store/db.h"
#include "util/clock.h"

#define PLEDGE_NOTE_MAX 2404 /* 600 characters in any UTF-8 */

struct pledge_status_row {
	char pledge_id[64];
	char status[8];   /* "todo", "doing", "done" */
	char note[PLEDGE_NOTE_MAX];
	char updated_at[CLOCK_ISO_LEN];
};

struct pledge_declaration_row {
	char pledged_at[CLOCK_ISO_LEN];
	char pledged_by[256];
};

/* pledge_status_list — the statuses recorded for ORG_ID (free()). */
enum mm_err pledge_status_list(struct db *db, long long org_id,
    struct pledge_status_row **out, size_t *n, struct err *e);

/* pledge_status_set — record STATUS and NOTE (may be NULL) of PLEDGE_ID. */
enum mm_err pledge_status_set(struct db *db, long long org_id,
    const char *pledge_id, const char *status, const char *note, const char *now,
    struct err *e);

/* pledge_declaration_get — the pledge of ORG_ID; MM_ENOTFOUND if none. */
enum mm_err pledge_declaration_get(struct db *db, long long org_id,
    struct pledge_declaration_row *out, struct err *e);

/* pledge_declaration_set — ORG_ID pledges at NOW, by BY (who). */
enum mm_err pledge_declaration_set(struct db *db, long long org_id,
    const char *now, const char *by, struct err *e);

/* pledge_declaration_clear — withdraw the pledge of ORG_ID. */
enum mm_err pledge_declaration_clear(struct db *db, long long org_id,
    struct err *e);

#endif
