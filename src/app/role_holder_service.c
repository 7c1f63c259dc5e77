/* role_holder_service.c — the holders of the duties of 表8 and 表9. */
#include "app/role_holder_service.h"

#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "store/account_store.h"
#include "store/role_holder_store.h"

static const char *const role_lists[] = { "roles-normal", "roles-emergency" };
#define NLISTS (sizeof(role_lists) / sizeof(role_lists[0]))

static const char *
item_id(json_t *it)
{
	const char *s = json_string_value(json_object_get(it, "id"));

	return s ? s : "";
}

bool
role_holder_is_role(struct app *a, const char *role_id)
{
	const struct catalog_list *l;
	json_t *it;
	size_t k, i;

	if (role_id == NULL)
		return false;
	for (k = 0; k < NLISTS; k++) {
		if ((l = catalog_list(a->cat, role_lists[k])) == NULL)
			continue;
		json_array_foreach(l->items, i, it)
			if (strcmp(item_id(it), role_id) == 0)
				return true;
	}
	return false;
}

static const struct role_holder_row *
find(const struct role_holder_row *rows, size_t n, const char *role_id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(rows[i].role_id, role_id) == 0)
			return &rows[i];
	return NULL;
}

/* the holder R as JSON for the audit log (NULL: none) */
static json_t *
holder_json(const struct role_holder_row *r)
{
	if (r == NULL)
		return NULL;
	return json_pack("{sIssss}", "account_id", (json_int_t)r->account_id,
	    "name", r->name, "note", r->note);
}

/* the holder R counts: a member's account or a name */
static bool
held(const struct role_holder_row *r)
{
	return r != NULL && ((r->account_id > 0 && r->account_member) || r->name[0] != '\0');
}

/* one role of a save, checked; inside the transaction */
static enum mm_err
save_one(struct app *a, const struct org *o, const struct role_holder_input *in,
    const struct role_holder_row *rows, size_t n, const char *now, struct err *e)
{
	const struct role_holder_row *old;
	char name[ROLE_HOLDER_NAME_MAX], note[ROLE_HOLDER_NOTE_MAX], obj[128];
	enum role role = ROLE_NONE;
	enum mm_err code;
	json_t *before, *after;
	bool clear = in->clear;

	if (!role_holder_is_role(a, in->role_id))
		return err_keyf(e, MM_EINVAL, "err.roles.no_such", "{value}%s",
		    in->role_id ? in->role_id : "");
	if ((code = input_text("err.field.holder_name", clear ? NULL : in->name, false,
	    ROLE_HOLDER_NAME_CHARS, name, sizeof(name), e)) != MM_OK)
		return code;
	if ((code = input_text("err.field.memo", clear ? NULL : in->note, false,
	    ROLE_HOLDER_NOTE_CHARS, note, sizeof(note), e)) != MM_OK)
		return code;
	if (in->account_id < 0)
		return err_key(e, MM_EINVAL, "err.roles.bad_account");
	if (!clear && in->account_id > 0) {
		if ((code = membership_role(a->db, in->account_id, o->id, &role, e)) != MM_OK)
			return code;
		if (role == ROLE_NONE)
			return err_keyf(e, MM_EINVAL, "err.roles.account_not_member", "{id}%lld",
			    in->account_id);
	}
	if (!clear && in->account_id == 0 && name[0] == '\0')
		clear = true;
	old = find(rows, n, in->role_id);
	if (clear && old == NULL)
		return MM_OK;
	if (!clear && old != NULL && old->account_id == in->account_id &&
	    strcmp(old->name, name) == 0 && strcmp(old->note, note) == 0)
		return MM_OK;
	snprintf(obj, sizeof(obj), "role_holder:%s", in->role_id);
	before = holder_json(old);
	after = clear ? NULL : json_pack("{sIssss}", "account_id", (json_int_t)in->account_id,
	    "name", name, "note", note);
	code = clear ? role_holder_delete(a->db, o->id, in->role_id, e) :
	    role_holder_put(a->db, o->id, in->role_id, in->account_id, name, note, now, e);
	if (code == MM_OK)
		code = audit_record(a, o->id, clear ? "role_holder.clear" : "role_holder.set",
		    obj, before, after, e);
	json_decref(before);
	json_decref(after);
	return code;
}

enum mm_err
role_holder_save(struct app *a, const struct org *o,
    const struct role_holder_input *in, size_t n, struct err *e)
{
	struct role_holder_row *rows = NULL;
	size_t nrows = 0, i;
	char now[CLOCK_ISO_LEN];
	enum mm_err code;

	clock_now_iso(now);
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = role_holder_list(a->db, o->id, &rows, &nrows, e)) != MM_OK)
		goto fail;
	for (i = 0; i < n; i++)
		if ((code = save_one(a, o, &in[i], rows, nrows, now, e)) != MM_OK)
			goto fail;
	if ((code = app_commit(a, e)) != MM_OK)
		goto fail;
	free(rows);
	return MM_OK;
fail:
	free(rows);
	app_rollback(a);
	return code;
}

enum mm_err
role_holder_set(struct app *a, const struct org *o, const char *role_id,
    long long account_id, const char *name, const char *note, struct err *e)
{
	struct role_holder_input in = { role_id, account_id, name, note, false };
	char clean[ROLE_HOLDER_NAME_MAX];
	enum mm_err code;

	if ((code = input_text("err.field.holder_name", name, false, ROLE_HOLDER_NAME_CHARS, clean,
	    sizeof(clean), e)) != MM_OK)
		return code;
	if (account_id == 0 && clean[0] == '\0')
		return err_key(e, MM_EINVAL, "err.roles.who");
	return role_holder_save(a, o, &in, 1, e);
}

enum mm_err
role_holder_clear(struct app *a, const struct org *o, const char *role_id,
    struct err *e)
{
	struct role_holder_input in = { role_id, 0, NULL, NULL, true };

	return role_holder_save(a, o, &in, 1, e);
}

enum mm_err
role_holder_member(struct app *a, const struct org *o, const char *email,
    long long *id, struct err *e)
{
	struct account acc;
	enum role role = ROLE_NONE;
	enum mm_err code;

	*id = 0;
	code = account_get_by_email(a->db, email ? email : "", &acc, e);
	if (code == MM_ENOTFOUND)
		return err_keyf(e, MM_EINVAL, "err.roles.no_user", "{email}%s", email ? email : "");
	if (code != MM_OK)
		return code;
	if ((code = membership_role(a->db, acc.id, o->id, &role, e)) != MM_OK)
		return code;
	if (role == ROLE_NONE)
		return err_keyf(e, MM_EINVAL, "err.roles.user_not_member", "{email}%s", email);
	*id = acc.id;
	return MM_OK;
}

enum mm_err
role_holder_complete(struct app *a, const struct org *o, bool *done, struct err *e)
{
	const struct catalog_list *l = catalog_list(a->cat, "roles-normal");
	struct role_holder_row *rows = NULL;
	size_t n = 0, i;
	enum mm_err code;
	json_t *it;

	*done = false;
	if ((code = role_holder_list(a->db, o->id, &rows, &n, e)) != MM_OK)
		return code;
	if (l != NULL && json_array_size(l->items) > 0) {
		*done = true;
		json_array_foreach(l->items, i, it)
			if (!held(find(rows, n, item_id(it))))
				*done = false;
	}
	free(rows);
	return MM_OK;
}

/* what to show for holder R: the account's name (or e-mail) and the name */
static char *
display(const struct role_holder_row *r)
{
	const char *acc = NULL;
	size_t len;
	char *s;

	if (r->account_id > 0 && r->account_member)
		acc = r->account_name[0] ? r->account_name : r->account_email;
	len = (acc ? strlen(acc) : 0) + strlen(r->name) + 8;
	if ((s = malloc(len)) == NULL)
		return NULL;
	if (acc != NULL && r->name[0] != '\0')
		snprintf(s, len, "%s（%s）", acc, r->name);
	else
		snprintf(s, len, "%s", acc ? acc : r->name);
	return s;
}

static json_t *
options(const struct membership *m, size_t nm, long long selected)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < nm; i++) {
		const char *label = m[i].account_name[0] ? m[i].account_name : m[i].email;
		json_array_append_new(arr, json_pack("{sIsssssb}", "id", (json_int_t)m[i].account_id,
		    "label", label, "email", m[i].email, "selected", m[i].account_id == selected));
	}
	return arr;
}

static json_t *
item_json(json_t *it, const struct role_holder_row *rows, size_t n, enum lang lang,
    const struct membership *m, size_t nm, bool with_members)
{
	struct ltext t = catalog_text(it, "title"), duty = catalog_text(it, "duty");
	struct ltext ext = catalog_text(it, "example_holder");
	const char *ex = ltext_get(&ext, lang);
	const char *ref = json_string_value(json_object_get(it, "role_ref"));
	const struct role_holder_row *r = find(rows, n, item_id(it)), *shown = r;
	bool inherited = false;
	char *disp = NULL;
	json_t *j;

	if (!held(r) && ref != NULL && held(find(rows, n, ref))) {
		shown = find(rows, n, ref);
		inherited = true;
	}
	if (held(shown))
		disp = display(shown);
	j = json_pack("{ssssssss?ss?sbss?sbsb}", "id", item_id(it), "title", ltext_get(&t, lang),
	    "duty", ltext_get(&duty, lang),
	    "example_holder", *ex ? ex : NULL, "role_ref", ref,
	    "held", held(r), "display", disp, "inherited", inherited,
	    "account_former", r != NULL && r->account_id > 0 && !r->account_member);
	free(disp);
	if (j == NULL)
		return NULL;
	if (r != NULL) {
		if (r->account_id > 0)
			json_object_set_new(j, "account", json_pack("{sIssss}", "id",
			    (json_int_t)r->account_id, "email", r->account_email,
			    "name", r->account_name));
		json_object_set_new(j, "account_id", json_integer(r->account_id));
		json_object_set_new(j, "name", json_string(r->name));
		json_object_set_new(j, "note", json_string(r->note));
		json_object_set_new(j, "updated_at", json_string(r->updated_at));
	}
	if (with_members)
		json_object_set_new(j, "options", options(m, nm, r ? r->account_id : 0));
	return j;
}

json_t *
role_holder_view(struct app *a, const struct org *o, enum lang lang,
    bool with_members, struct err *e)
{
	struct role_holder_row *rows = NULL;
	struct membership *m = NULL;
	size_t n = 0, nm = 0, k, i;
	json_t *out = NULL, *lists, *items, *it, *members;
	int held_n = 0, total = 0;

	if (role_holder_list(a->db, o->id, &rows, &n, e) != MM_OK)
		return NULL;
	if (with_members && membership_of_org(a->db, o->id, &m, &nm, e) != MM_OK)
		goto done;
	lists = json_array();
	for (k = 0; k < NLISTS; k++) {
		const struct catalog_list *l = catalog_list(a->cat, role_lists[k]);
		if (l == NULL)
			continue;
		items = json_array();
		json_array_foreach(l->items, i, it) {
			json_array_append_new(items, item_json(it, rows, n, lang, m, nm,
			    with_members));
			if (k == 0) {
				total++;
				held_n += held(find(rows, n, item_id(it)));
			}
		}
		json_array_append_new(lists, json_pack("{sssssssbso}", "id", role_lists[k],
		    "title", ltext_get(&l->title, lang), "no", k == 0 ? "8" : "9",
		    "emergency", k == 1, "items", items));
	}
	out = json_pack("{sbsisiso}", "complete", total > 0 && held_n == total,
	    "held", held_n, "total", total, "lists", lists);
	if (out != NULL && with_members) {
		members = json_array();
		for (i = 0; i < nm; i++)
			json_array_append_new(members, json_pack("{sIssss}", "id",
			    (json_int_t)m[i].account_id, "email", m[i].email,
			    "name", m[i].account_name));
		json_object_set_new(out, "members", members);
	}
done:
	free(m);
	free(rows);
	return out;
}
