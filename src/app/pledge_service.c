/* pledge_service.c — the 5か条 status and pledge. */
#include "app/pledge_service.h"

#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "store/pledge_store.h"

static bool
is_pledge(struct app *a, const char *id)
{
	const struct catalog_list *l = catalog_list(a->cat, "pledges");
	json_t *it;
	size_t i;

	if (l == NULL || id == NULL)
		return false;
	json_array_foreach(l->items, i, it)
		if (strcmp(json_string_value(json_object_get(it, "id")), id) == 0)
			return true;
	return false;
}

enum mm_err
pledge_set_status(struct app *a, const struct org *o, const char *pledge_id,
    const char *status, const char *note, struct err *e)
{
	struct pledge_status_row *rows = NULL;
	char clean[PLEDGE_NOTE_MAX], now[CLOCK_ISO_LEN], obj[128];
	const char *old = "todo";
	size_t n = 0, i;
	enum mm_err code;
	json_t *before, *after;

	if (!is_pledge(a, pledge_id))
		return err_keyf(e, MM_EINVAL, "err.pledge.no_such", "{value}%s",
		    pledge_id ? pledge_id : "");
	if (status == NULL || (strcmp(status, "todo") != 0 && strcmp(status, "doing") != 0 &&
	    strcmp(status, "done") != 0))
		return err_key(e, MM_EINVAL, "err.pledge.status");
	if ((code = input_text("err.field.memo", note, false, 600, clean, sizeof(clean), e)) != MM_OK)
		return code;
	clock_now_iso(now);
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = pledge_status_list(a->db, o->id, &rows, &n, e)) != MM_OK)
		goto fail;
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].pledge_id, pledge_id) == 0)
			old = rows[i].status;
	snprintf(obj, sizeof(obj), "pledge:%s", pledge_id);
	before = json_pack("{ss}", "status", old);
	after = json_pack("{ssss?}", "status", status, "note", clean[0] ? clean : NULL);
	if ((code = pledge_status_set(a->db, o->id, pledge_id, status, clean, now, e)) == MM_OK)
		code = audit_record(a, o->id, "pledge.status", obj, before, after, e);
	json_decref(before);
	json_decref(after);
	if (code != MM_OK || (code = app_commit(a, e)) != MM_OK)
		goto fail;
	free(rows);
	return MM_OK;
fail:
	free(rows);
	app_rollback(a);
	return code;
}

enum mm_err
pledge_declare(struct app *a, const struct org *o, bool declare, struct err *e)
{
	char now[CLOCK_ISO_LEN];
	enum mm_err code;
	json_t *after;

	clock_now_iso(now);
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	code = declare ? pledge_declaration_set(a->db, o->id, now, a->actor, e) :
	    pledge_declaration_clear(a->db, o->id, e);
	after = json_pack("{sb}", "pledged", declare);
	if (code == MM_OK)
		code = audit_record(a, o->id, declare ? "pledge.declare" : "pledge.withdraw",
		    "pledge_declaration", NULL, after, e);
	json_decref(after);
	if (code != MM_OK || (code = app_commit(a, e)) != MM_OK) {
		app_rollback(a);
		return code;
	}
	return MM_OK;
}

json_t *
pledge_view(struct app *a, const struct org *o, enum lang lang, struct err *e)
{
	const struct catalog_list *l = catalog_list(a->cat, "pledges");
	struct pledge_status_row *rows = NULL;
	struct pledge_declaration_row d;
	json_t *out, *items, *it, *m, *measures;
	size_t n = 0, i, k;
	int done = 0;
	enum mm_err code;

	if (l == NULL || pledge_status_list(a->db, o->id, &rows, &n, e) != MM_OK)
		return NULL;
	code = pledge_declaration_get(a->db, o->id, &d, e);
	if (code != MM_OK && code != MM_ENOTFOUND) {
		free(rows);
		return NULL;
	}
	err_clear(e);
	out = json_pack("{sbss?ss?so}", "pledged", code == MM_OK,
	    "pledged_at", code == MM_OK ? d.pledged_at : NULL,
	    "pledged_by", code == MM_OK ? d.pledged_by : NULL, "items", items = json_array());
	json_array_foreach(l->items, i, it) {
		const char *id = json_string_value(json_object_get(it, "id"));
		const char *status = "todo", *note = NULL, *at = NULL;
		struct ltext t = catalog_text(it, "title"), why = catalog_text(it, "why");
		for (k = 0; k < n; k++)
			if (strcmp(rows[k].pledge_id, id) == 0) {
				status = rows[k].status;
				note = rows[k].note[0] ? rows[k].note : NULL;
				at = rows[k].updated_at;
			}
		done += strcmp(status, "done") == 0;
		measures = json_array();
		json_array_foreach(json_object_get(it, "measures"), k, m) {
			struct ltext mt = catalog_text(m, "text");
			json_array_append_new(measures, json_string(ltext_get(&mt, lang)));
		}
		json_array_append_new(items, json_pack("{sssOsssssosssbsbsbss?ss?}", "id", id,
		    "no", json_object_get(it, "no"), "title", ltext_get(&t, lang),
		    "why", ltext_get(&why, lang), "measures", measures, "status", status,
		    "is_todo", strcmp(status, "todo") == 0, "is_doing", strcmp(status, "doing") == 0,
		    "is_done", strcmp(status, "done") == 0, "note", note, "updated_at", at));
	}
	json_object_set_new(out, "done", json_integer(done));
	json_object_set_new(out, "total", json_integer((json_int_t)json_array_size(l->items)));
	free(rows);
	return out;
}
