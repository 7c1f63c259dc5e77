/* org_store.h — organisations and their settings. */
#ifndef MM_ORG_STORE_H
#define MM_ORG_STORE_H

#include <stdbool.h>

#include "store/db.h"
#include "util/clock.h"

#define ORG_SLUG_MAX 64
/* sizes hold the character limits of the services in any UTF-8 (4 bytes
 * per character at most) */
#define ORG_NAME_MAX 1024  /* 200 characters */
#define ORG_FIELD_MAX 512  /* 100 characters */
#define ORG_URL_MAX 2048   /* 400 characters */

struct org {
	long long id;
	char slug[ORG_SLUG_MAX];
	char name[ORG_NAME_MAX];
	char industry[ORG_FIELD_MAX];       /* catalog id of the industry, or "" */
	long long employees;                /* −1 when not given */
	char representative[ORG_FIELD_MAX]; /* 代表者名 */
	char representative_title[ORG_FIELD_MAX];
	char created_at[CLOCK_ISO_LEN];
	char address[ORG_NAME_MAX];
	char sa_level[16];       /* SECURITY ACTION: "star1", "star2" or "" */
	char sa_id[192];         /* 自己宣言ID, 40 characters */
	char sa_date[16];        /* YYYY-MM-DD */
	char policy_url[ORG_URL_MAX]; /* where the 基本方針 is published */
	bool setup_done;         /* the first-login setup was completed */
};

/* org_insert — store O as a new organisation; sets O->id. MM_ECONFLICT
 * when the slug is taken. */
enum mm_err org_insert(struct db *db, struct org *o, struct err *e);

/* org_update — write the fields of O (found by O->id) back. */
enum mm_err org_update(struct db *db, const struct org *o, struct err *e);

/* org_get — the organisation with ID into *O; MM_ENOTFOUND if none. */
enum mm_err org_get(struct db *db, long long id, struct org *o, struct err *e);

/* org_get_by_slug — the organisation called SLUG into *O. */
enum mm_err org_get_by_slug(struct db *db, const char *slug, struct org *o,
    struct err *e);

/* org_list — every organisation, by slug, in a new array *OUT of *N
 * entries (free() it). */
enum mm_err org_list(struct db *db, struct org **out, size_t *n, struct err *e);

/* org_setting_get — the value of setting KEY of organisation ORG_ID into
 * OUT (size OUTSZ); MM_ENOTFOUND when it was never set. */
enum mm_err org_setting_get(struct db *db, long long org_id, const char *key,
    char *out, size_t outsz, struct err *e);

/* org_setting_set — set KEY of ORG_ID to VALUE. */
enum mm_err org_setting_set(struct db *db, long long org_id, const char *key,
    const char *value, struct err *e);

#endif
