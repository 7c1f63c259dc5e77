/* role_holder_service.h — who holds each duty of the guideline's 表8
 * (情報セキュリティ管理のための役割と責任分担: the catalog list
 * "roles-normal") and 表9 (緊急時対応体制: "roles-emergency") as use
 * cases. A holder is a user of the organisation, a name (someone who is
 * not a user, or a title and deputies beside the user), or both; one
 * holder per role. The documents take their names from here. */
#ifndef MM_ROLE_HOLDER_SERVICE_H
#define MM_ROLE_HOLDER_SERVICE_H

#include <jansson.h>
#include <stdbool.h>

#include "app/app.h"
#include "store/org_store.h"

#define ROLE_HOLDER_NAME_CHARS 100
#define ROLE_HOLDER_NOTE_CHARS 200

/* One role of a save: CLEAR forgets the holder; otherwise ACCOUNT_ID (0:
 * no user) and NAME (may be NULL) — when both are empty the holder is
 * forgotten too. NOTE may be NULL. Strings are borrowed. */
struct role_holder_input {
	const char *role_id;
	long long account_id;
	const char *name;
	const char *note;
	bool clear;
};

/* role_holder_is_role — ROLE_ID is an id of "roles-normal" or
 * "roles-emergency" in A's catalog. */
bool role_holder_is_role(struct app *a, const char *role_id);

/* role_holder_save — record the N holders IN of O in one transaction,
 * with one audit record ("role_holder.set" / "role_holder.clear") per
 * role that changes. Refused with MM_EINVAL and nothing written: a role
 * id not in the catalog lists, an account that is not a member of O, a
 * name over 100 characters, a note over 200, control characters. */
enum mm_err role_holder_save(struct app *a, const struct org *o,
    const struct role_holder_input *in, size_t n, struct err *e);

/* role_holder_set — the holder of ROLE_ID: ACCOUNT_ID (0: none) and/or
 * NAME, with NOTE; role_holder_save for one role. */
enum mm_err role_holder_set(struct app *a, const struct org *o,
    const char *role_id, long long account_id, const char *name,
    const char *note, struct err *e);

/* role_holder_clear — forget the holder of ROLE_ID (audited when there
 * was one). */
enum mm_err role_holder_clear(struct app *a, const struct org *o,
    const char *role_id, struct err *e);

/* role_holder_member — the account of O with e-mail EMAIL into *ID;
 * MM_EINVAL when there is none or it is not a member of O. */
enum mm_err role_holder_member(struct app *a, const struct org *o,
    const char *email, long long *id, struct err *e);

/* role_holder_complete — every role of "roles-normal" (表8) has a holder
 * in O: into *DONE. */
enum mm_err role_holder_complete(struct app *a, const struct org *o, bool *done,
    struct err *e);

/* role_holder_view — every role of both tables in catalog order in LANG
 * (new reference, NULL on error): {"complete":bool,"held":N,"total":N
 * (表8 only),"lists":[{"id","title","items":[{"id","title","duty",
 * "example_holder"?,"role_ref"?,"held":bool,"display"?,"account_id"?,
 * "account_email"?,"account_name"?,"account_former":bool,"name"?,"note"?,
 * "updated_at"?,"inherited":bool,"options":[…]}]}]}. An 表9 role without
 * its own holder shows the holder of its ROLE_REF ("inherited"). With
 * WITH_MEMBERS each item has "options": the members of O
 * [{"id","label","selected"}] for a form, and the view has "members". */
json_t *role_holder_view(struct app *a, const struct org *o, enum lang lang,
    bool with_members, struct err *e);

#endif
