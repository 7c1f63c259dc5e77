/* mm_web.h — helpers for the tests of accounts, sessions, pledges, the
 * dashboard and the organisation profile (header only, static inline).
 *
 *   mmw_sql_text        the text of the first column of the first row of
 *                       SQL, on a second raw connection ("" when NULL)
 *   mmw_audit_last      the newest audit record (action, object, org,
 *                       before and after as JSON text)
 *   mmw_audit_actions   how many audit records have ACTION
 *   mmw_audit_mentions  true when any audit record holds NEEDLE in any of
 *                       its fields (a secret must never be there)
 *   mmw_sha256_hex      SHA-256 of a C string as lower-case hex, computed
 *                       with libsodium (independent of src/util/sha256.c)
 */
#ifndef MM_TEST_WEB_H
#define MM_TEST_WEB_H

#include "support/mm_test.h"

#include <sodium.h>

#include "store/audit_store.h"

#define MMW_JSON_MAX 8192

/* the first column of the first row of SQL on PATH into OUT (asserted:
 * there is a row) */
static inline void
mmw_sql_text(const char *path, const char *sql, char *out, size_t outsz)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	const unsigned char *t;

	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		print_error("SQL failed: %s: %s\n", sql, sqlite3_errmsg(h));
		sqlite3_close(h);
		fail();
	}
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		sqlite3_close(h);
		print_error("SQL gave no row: %s\n", sql);
		fail();
	}
	t = sqlite3_column_text(st, 0);
	snprintf(out, outsz, "%s", t ? (const char *)t : "");
	sqlite3_finalize(st);
	sqlite3_close(h);
}

struct mmw_audit {
	long long id;
	long long org_id;
	char action[128];
	char object[128];
	char actor[128];
	bool has_before, has_after;
	char before[MMW_JSON_MAX];
	char after[MMW_JSON_MAX];
};

static inline int
mmw_audit_keep(void *ctx, const struct audit_row *r)
{
	struct mmw_audit *w = ctx;

	w->id = r->id;
	w->org_id = r->org_id;
	snprintf(w->action, sizeof(w->action), "%s", r->action ? r->action : "");
	snprintf(w->object, sizeof(w->object), "%s", r->object ? r->object : "");
	snprintf(w->actor, sizeof(w->actor), "%s", r->actor ? r->actor : "");
	w->has_before = r->before != NULL;
	w->has_after = r->after != NULL;
	snprintf(w->before, sizeof(w->before), "%s", r->before ? r->before : "");
	snprintf(w->after, sizeof(w->after), "%s", r->after ? r->after : "");
	return 0;
}

/* the newest audit record into *OUT (asserted: there is one) */
static inline void
mmw_audit_last(struct db *db, struct mmw_audit *out)
{
	struct err e;

	memset(&e, 0, sizeof(e));
	memset(out, 0, sizeof(*out));
	assert_ok(audit_store_each(db, mmw_audit_keep, out, NULL, &e), e);
	assert_true(out->id > 0);
}

struct mmw_audit_scan {
	const char *action; /* count records with this action (may be NULL) */
	const char *needle; /* look for this text (may be NULL) */
	long long count;
	bool found;
};

static inline int
mmw_audit_scan_row(void *ctx, const struct audit_row *r)
{
	struct mmw_audit_scan *s = ctx;
	const char *f[5];
	size_t i;

	f[0] = r->action;
	f[1] = r->object;
	f[2] = r->actor;
	f[3] = r->before;
	f[4] = r->after;
	if (s->action != NULL && r->action != NULL && strcmp(r->action, s->action) == 0)
		s->count++;
	if (s->needle != NULL && *s->needle != '\0')
		for (i = 0; i < 5; i++)
			if (f[i] != NULL && strstr(f[i], s->needle) != NULL)
				s->found = true;
	return 0;
}

/* the number of audit records with ACTION */
static inline long long
mmw_audit_actions(struct db *db, const char *action)
{
	struct mmw_audit_scan s = { action, NULL, 0, false };
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(audit_store_each(db, mmw_audit_scan_row, &s, NULL, &e), e);
	return s.count;
}

/* true when NEEDLE appears in any field of any audit record */
static inline bool
mmw_audit_mentions(struct db *db, const char *needle)
{
	struct mmw_audit_scan s = { NULL, needle, 0, false };
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(audit_store_each(db, mmw_audit_scan_row, &s, NULL, &e), e);
	return s.found;
}

/* SHA-256 of S as 64 lower-case hex digits into OUT (65 bytes) */
static inline void
mmw_sha256_hex(const char *s, char out[65])
{
	unsigned char d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(d, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(out, 65, d, sizeof(d));
}

#endif
