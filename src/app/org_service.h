/* org_service.h — creating, changing and choosing organisations. */
#ifndef MM_ORG_SERVICE_H
#define MM_ORG_SERVICE_H

#include "app/app.h"
#include "core/diag.h"
#include "store/org_store.h"

/* What a user gives to create or change an organisation. NULL fields
 * are not given (employees: −1). */
struct org_input {
	const char *name;
	const char *slug;     /* derived from the name when NULL */
	const char *industry; /* catalog id ("jsic-e") or code ("E") */
	long long employees;
	const char *representative;
	const char *representative_title;
};

/* org_create — validate IN and create the organisation, with its audit
 * record, into *OUT. When an organisation of the same name (or the slug
 * given) already exists, nothing changes, *OUT is that one and *EXISTED
 * is true. Bad input: MM_EINVAL with a message naming the field. */
enum mm_err org_create(struct app *a, const struct org_input *in,
    struct org *out, bool *existed, struct err *e);

/* org_resolve — the organisation named SLUG, or when SLUG is NULL the
 * only one there is; MM_ENOTFOUND / MM_EINVAL with advice otherwise. */
enum mm_err org_resolve(struct app *a, const char *slug, struct org *out,
    struct err *e);

/* org_na_rule — how 該当なし is scored for ORG_ID (default full points). */
enum mm_err org_na_rule(struct app *a, long long org_id,
    enum diag_na_rule *out, struct err *e);

/* org_set_na_rule — choose how 該当なし is scored for ORG_ID: "full" or
 * "exclude"; audited. */
enum mm_err org_set_na_rule(struct app *a, long long org_id,
    const char *value, struct err *e);

/* org_change — set one field of organisation O: KEY is "name",
 * "industry", "employees", "representative", "representative-title",
 * "address", "policy-url" or "na-rule"; VALUE is checked as by
 * org_update_profile. Audited with before and after; *O is updated. */
enum mm_err org_change(struct app *a, struct org *o, const char *key,
    const char *value, struct err *e);

/* The organisation profile as a user edits it (NULL: not given, keep). */
struct org_profile_input {
	const char *name;
	const char *industry;       /* "" clears */
	const char *employees;      /* text, "" clears */
	const char *representative;
	const char *representative_title;
	const char *address;
	const char *sa_level;       /* "", "star1", "star2" */
	const char *sa_id;
	const char *sa_date;        /* YYYY-MM-DD or "" */
	const char *policy_url;     /* http(s)://… or "" */
	bool finish_setup;          /* mark the first-login setup done */
};

/* org_update_profile — check IN and write the profile of *O, audited
 * with before and after; *O is updated. Bad input: MM_EINVAL naming the
 * field, nothing changed. */
enum mm_err org_update_profile(struct app *a, struct org *o,
    const struct org_profile_input *in, struct err *e);

/* org_json — O as JSON (new reference). */
json_t *org_json(const struct org *o);

#endif
