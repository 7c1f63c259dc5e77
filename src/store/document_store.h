/* document_store.h — the organisation's policy documents: one document
 * per kind, its numbered versions (never edited; approval and
 * publication set once), and who has read which version. */
#ifndef MM_DOCUMENT_STORE_H
#define MM_DOCUMENT_STORE_H

#include <stdbool.h>

#include "store/account_store.h"
#include "store/db.h"
#include "util/clock.h"

#define DOCUMENT_KIND_MAX 32
#define DOCUMENT_TITLE_MAX 404 /* 100 characters in any UTF-8 */
#define DOCUMENT_NOTE_MAX 804  /* 200 characters in any UTF-8 */

/* A document and the state of its versions. */
struct document_row {
	long long id;
	char kind[DOCUMENT_KIND_MAX];
	char created_at[CLOCK_ISO_LEN];
	int versions;          /* the newest version's number (0: none) */
	int approved;          /* the newest approved version's number (0: none) */
	int published;         /* the newest published version's number (0: none) */
	long long published_id; /* and its id (0: none) */
	char title[DOCUMENT_TITLE_MAX];        /* of the newest version */
	char updated_at[CLOCK_ISO_LEN];        /* the newest version's creation */
	char published_at[CLOCK_ISO_LEN];      /* of version PUBLISHED */
};

/* A version; MARKDOWN and LEFT_OUT are owned (free with document_version_free)
 * and are NULL in lists. */
struct document_version {
	long long id;
	long long document_id;
	int number;
	char title[DOCUMENT_TITLE_MAX];
	char origin[16];       /* "generated" or "edited" */
	char note[DOCUMENT_NOTE_MAX];
	long long created_by;  /* 0: the command line or a deleted link */
	char created_by_name[ACCOUNT_NAME_MAX + ACCOUNT_EMAIL_MAX];
	char created_at[CLOCK_ISO_LEN];
	long long approved_by; /* 0: a draft */
	char approved_by_name[ACCOUNT_NAME_MAX + ACCOUNT_EMAIL_MAX];
	char approved_at[CLOCK_ISO_LEN];
	char published_at[CLOCK_ISO_LEN];
	long long bytes;       /* the length of the Markdown */
	char *markdown;
	char *left_out;        /* JSON array text */
};

/* One reader of a version: a member of the organisation and when they
 * acknowledged it ("" when not yet). */
struct document_reader {
	long long account_id;
	char email[ACCOUNT_EMAIL_MAX];
	char name[ACCOUNT_NAME_MAX];
	char role[16];
	char acked_at[CLOCK_ISO_LEN];
};

/* document_list — the documents of ORG_ID with their state, in a new
 * array (free() it), ordered by id. */
enum mm_err document_list(struct db *db, long long org_id,
    struct document_row **out, size_t *n, struct err *e);

/* document_get — document ID of ORG_ID into *OUT; MM_ENOTFOUND when it
 * does not exist in that organisation. */
enum mm_err document_get(struct db *db, long long org_id, long long id,
    struct document_row *out, struct err *e);

/* document_find — the document of KIND in ORG_ID into *OUT; *FOUND false
 * when there is none yet. */
enum mm_err document_find(struct db *db, long long org_id, const char *kind,
    struct document_row *out, bool *found, struct err *e);

/* document_insert — a new document of KIND in ORG_ID; its id in *ID.
 * MM_ECONFLICT when ORG_ID already has one of that kind. */
enum mm_err document_insert(struct db *db, long long org_id, const char *kind,
    const char *now, long long *id, struct err *e);

/* document_version_insert — version V (V->number and V->id are set here:
 * the next number of V->document_id) with V->markdown and V->left_out. */
enum mm_err document_version_insert(struct db *db, struct document_version *v,
    struct err *e);

/* document_version_list — every version of DOCUMENT_ID, newest first,
 * without their text, in a new array (free() it). */
enum mm_err document_version_list(struct db *db, long long document_id,
    struct document_version **out, size_t *n, struct err *e);

/* document_version_get — version NUMBER of DOCUMENT_ID with its text into
 * *OUT (free with document_version_free); MM_ENOTFOUND when absent. */
enum mm_err document_version_get(struct db *db, long long document_id,
    int number, struct document_version *out, struct err *e);

/* document_version_free — the text of V. */
void document_version_free(struct document_version *v);

/* document_version_approve — version ID approved by ACCOUNT_ID at NOW
 * (the caller checked that it is a draft). */
enum mm_err document_version_approve(struct db *db, long long id,
    long long account_id, const char *now, struct err *e);

/* document_version_publish — version ID published at NOW (the caller
 * checked that it is approved and not yet published). */
enum mm_err document_version_publish(struct db *db, long long id,
    const char *now, struct err *e);

/* document_ack_insert — ACCOUNT_ID read version VERSION_ID at NOW; *NEW
 * false when it was already recorded (nothing changes then). */
enum mm_err document_ack_insert(struct db *db, long long version_id,
    long long account_id, const char *now, bool *added, struct err *e);

/* document_readers — the members of ORG_ID (not disabled, not supporters)
 * and when each acknowledged VERSION_ID, unread first then by e-mail, in
 * a new array (free() it). */
enum mm_err document_readers(struct db *db, long long org_id,
    long long version_id, struct document_reader **out, size_t *n,
    struct err *e);

/* document_unread — how many documents of ORG_ID have a published
 * version that ACCOUNT_ID has not acknowledged, into *N. */
enum mm_err document_unread(struct db *db, long long org_id, long long account_id,
    long long *n, struct err *e);

/* document_acked — when ACCOUNT_ID acknowledged VERSION_ID into AT ("" when
 * not). */
enum mm_err document_acked(struct db *db, long long version_id,
    long long account_id, char at[CLOCK_ISO_LEN], struct err *e);

#endif
