/* audit.c — the hash-chained audit log. */
#include "app/audit.h"

#include <stdlib.h>
#include <string.h>

#include "store/audit_store.h"

/* the hash of R: SHA-256 over a JSON array of every field but the hash */
static enum mm_err
audit_hash(const struct audit_row *r, char out[SHA256_HEX_LEN])
{
	json_t *v;
	char *s;

	v = json_pack("[Isso?sss?s?s]", (json_int_t)r->id, r->at, r->actor,
	    r->org_id > 0 ? json_integer(r->org_id) : NULL,
	    r->action, r->object, r->before, r->after, r->prev_hash);
	if (v == NULL)
		return MM_ENOMEM;
	s = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(v);
	if (s == NULL)
		return MM_ENOMEM;
	sha256_hex(s, strlen(s), out);
	free(s);
	return MM_OK;
}

enum mm_err
audit_record(struct app *a, long long org_id, const char *action,
    const char *object, json_t *before, json_t *after, struct err *e)
{
	struct audit_row r;
	long long count;
	char *b = NULL, *af = NULL;
	enum mm_err code;

	memset(&r, 0, sizeof(r));
	if ((code = audit_store_head(a->db, &count, r.prev_hash, e)) != MM_OK)
		return code;
	if (before != NULL && (b = json_dumps(before,
	    JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY)) == NULL)
		goto nomem;
	if (after != NULL && (af = json_dumps(after,
	    JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY)) == NULL)
		goto nomem;
	r.id = count + 1;
	clock_now_iso(r.at);
	r.actor = a->actor;
	r.org_id = org_id;
	r.action = action;
	r.object = object;
	r.before = b;
	r.after = af;
	if (audit_hash(&r, r.hash) != MM_OK)
		goto nomem;
	code = audit_store_append(a->db, &r, e);
	free(b);
	free(af);
	return code;
nomem:
	free(b);
	free(af);
	return err_key(e, MM_ENOMEM, "err.nomem");
}

struct verify_walk {
	struct audit_verify_result *r;
	char prev[SHA256_HEX_LEN];
};

static int
verify_one(void *ctx, const struct audit_row *row)
{
	struct verify_walk *w = ctx;
	struct audit_verify_result *r = w->r;
	char h[SHA256_HEX_LEN];
	long long expect = r->records + 1;

	if (row->id != expect) {
		r->broken_id = expect;
		snprintf(r->reason, sizeof(r->reason),
		    "記録 %lld が欠けています (次は記録 %lld)", expect, row->id);
		return 1;
	}
	if (strcmp(row->prev_hash, w->prev) != 0) {
		r->broken_id = row->id;
		snprintf(r->reason, sizeof(r->reason),
		    "記録 %lld の前の記録のハッシュが一致しません (前の記録が変更または削除されています)",
		    row->id);
		return 1;
	}
	if (audit_hash(row, h) != MM_OK || strcmp(h, row->hash) != 0) {
		r->broken_id = row->id;
		snprintf(r->reason, sizeof(r->reason),
		    "記録 %lld の内容がハッシュと一致しません (記録が書き換えられています)", row->id);
		return 1;
	}
	memcpy(w->prev, row->hash, sizeof(w->prev));
	r->records++;
	return 0;
}

enum mm_err
audit_verify(struct db *db, struct audit_verify_result *r, struct err *e)
{
	struct verify_walk w;
	long long count;
	char last[SHA256_HEX_LEN];
	enum mm_err code;
	int stopped;

	memset(r, 0, sizeof(*r));
	memset(&w, 0, sizeof(w));
	w.r = r;
	if ((code = audit_store_head(db, &count, last, e)) != MM_OK) {
		if (code != MM_EINTEGRITY)
			return code;
		r->broken_id = 1;
		snprintf(r->reason, sizeof(r->reason), "監査ログの先頭情報が削除されています");
		return MM_OK;
	}
	if ((code = audit_store_each(db, verify_one, &w, &stopped, e)) != MM_OK)
		return code;
	if (stopped)
		return MM_OK;
	if (r->records != count || strcmp(w.prev, last) != 0) {
		r->broken_id = r->records + 1;
		snprintf(r->reason, sizeof(r->reason),
		    "記録 %lld 以降が欠けています (記録数 %lld、先頭情報では %lld)",
		    r->records + 1, r->records, count);
	}
	return MM_OK;
}
