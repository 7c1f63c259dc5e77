/* mm_test.h — small helpers shared by the cmocka unit tests (header only).
 *
 * Include after <cmocka.h>'s prerequisites; this header includes them
 * itself. Every helper is static inline so that a test that does not use
 * one gets no warning.
 *
 *   mmt_rand / mmt_below   a fixed-seed xorshift64 PRNG (rand() is banned)
 *   assert_has / assert_lacks   substring checks that print the haystack
 *   mmt_catalog            the embedded catalog (asserts it loads)
 *   mmt_src_path           a path under $MAMORI_SRC
 *   mmt_sql / mmt_sql_rc / mmt_sql_int   raw SQL on a second connection,
 *                          as an attacker with file access would do it
 *   mmt_app_open / mmt_org / mmt_audit_count   service-level fixtures
 *   mmt_account / mmt_member   an account (no usable password) and its role
 */
#ifndef MM_TEST_H
#define MM_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "app/audit.h"
#include "app/org_service.h"
#include "store/account_store.h"
#include "core/catalog.h"

/* xorshift64: deterministic, never returns 0 for a non-zero seed */
static inline uint64_t
mmt_rand(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

/* a number in [0, n) */
static inline unsigned
mmt_below(uint64_t *s, unsigned n)
{
	return (unsigned)(mmt_rand(s) % n);
}

#define assert_has(hay, needle) do { \
	const char *h_ = (hay), *n_ = (needle); \
	if (h_ == NULL || strstr(h_, n_) == NULL) { \
		print_error("expected \"%s\" in: %s\n", n_, h_ ? h_ : "(null)"); \
		fail(); \
	} \
} while (0)

#define assert_lacks(hay, needle) do { \
	const char *h_ = (hay), *n_ = (needle); \
	if (h_ != NULL && strstr(h_, n_) != NULL) { \
		print_error("did not expect \"%s\" in: %s\n", n_, h_); \
		fail(); \
	} \
} while (0)

/* assert that CALL returns MM_OK, printing the message of E otherwise */
#define assert_ok(call, e) do { \
	enum mm_err rc_ = (call); \
	if (rc_ != MM_OK) { \
		print_error("%s: %s (%s)\n", #call, err_code_name(rc_), (e).msg); \
		fail(); \
	} \
} while (0)

static inline struct catalog *
mmt_catalog(void)
{
	struct catalog *c = NULL;
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(catalog_load_embedded(CATALOG_DEFAULT, &c, &e), e);
	assert_non_null(c);
	return c;
}

/* $MAMORI_SRC/REL into OUT (the repository root when run by run-unit) */
static inline void
mmt_src_path(const char *rel, char *out, size_t outsz)
{
	const char *root = getenv("MAMORI_SRC");

	snprintf(out, outsz, "%s/%s", root && *root ? root : ".", rel);
}

/* run SQL on a second, raw connection to PATH; the sqlite3 result code,
 * with the message in MSG (may be NULL) */
static inline int
mmt_sql_rc(const char *path, const char *sql, char *msg, size_t msgsz)
{
	sqlite3 *h = NULL;
	char *m = NULL;
	int rc;

	rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(h, 5000);
		rc = sqlite3_exec(h, sql, NULL, NULL, &m);
	}
	if (msg != NULL)
		snprintf(msg, msgsz, "%s", m ? m : sqlite3_errstr(rc));
	sqlite3_free(m);
	sqlite3_close(h);
	return rc;
}

static inline void
mmt_sql(const char *path, const char *sql)
{
	char msg[512];

	if (mmt_sql_rc(path, sql, msg, sizeof(msg)) != SQLITE_OK) {
		print_error("SQL failed: %s: %s\n", sql, msg);
		fail();
	}
}

/* the integer of the first column of the first row of SQL (asserted) */
static inline long long
mmt_sql_int(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	long long v = 0;

	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		print_error("SQL failed: %s: %s\n", sql, sqlite3_errmsg(h));
		sqlite3_close(h);
		fail();
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* a fresh database at PATH (removed first) opened as a service context */
static inline void
mmt_app_open(struct app *a, const char *path)
{
	char side[512];
	struct err e;

	memset(&e, 0, sizeof(e));
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	assert_ok(app_open(a, path, true, "test:unit", &e), e);
}

/* create organisation NAME (asserted) */
static inline void
mmt_org(struct app *a, const char *name, struct org *o)
{
	struct org_input in;
	struct err e;
	bool existed = true;

	memset(&in, 0, sizeof(in));
	memset(&e, 0, sizeof(e));
	in.name = name;
	in.employees = -1;
	assert_ok(org_create(a, &in, o, &existed, &e), e);
	assert_false(existed);
}

/* the number of audit records; asserts that the chain is sound */
static inline long long
mmt_audit_count(struct db *db)
{
	struct audit_verify_result r;
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(audit_verify(db, &r, &e), e);
	if (r.broken_id != 0) {
		print_error("audit log broken at %lld: %s\n", r.broken_id, r.reason);
		fail();
	}
	return r.records;
}

/* a new account EMAIL called NAME (created at CREATED_AT; its password
 * hash is not one anybody can log in with); its id */
static inline long long
mmt_account(struct app *a, const char *email, const char *name, const char *created_at)
{
	struct account acc;
	struct err e;

	memset(&acc, 0, sizeof(acc));
	memset(&e, 0, sizeof(e));
	snprintf(acc.email, sizeof(acc.email), "%s", email);
	snprintf(acc.name, sizeof(acc.name), "%s", name);
	snprintf(acc.password_hash, sizeof(acc.password_hash), "x");
	snprintf(acc.created_at, sizeof(acc.created_at), "%s", created_at);
	assert_ok(account_insert(a->db, &acc, &e), e);
	return acc.id;
}

/* ACCOUNT gets ROLE in organisation O */
static inline void
mmt_member(struct app *a, long long account, const struct org *o, enum role role,
    const char *at)
{
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(membership_set(a->db, account, o->id, role, at, &e), e);
}

#endif
