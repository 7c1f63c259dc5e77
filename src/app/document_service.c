/* document_service.c — policy documents: versions, approval, publication,
 * acknowledgements. */
#include "app/document_service.h"

#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/doc_generate.h"
#include "app/input.h"
#include "core/line_diff.h"
#include "store/account_store.h"
#include "render/docx_out.h"
#include "render/markdown.h"
#include "render/pdf_out.h"
#include "render/svg_chart.h"
#include "util/text.h"

/* unchanged lines around a change that the comparison shows */
#define DIFF_CONTEXT 3

const char *
document_kind_title(struct app *a, const char *kind, enum lang lang)
{
	const struct catalog_list *docs = catalog_list(a->cat, "documents");
	const char *k;
	json_t *it;
	size_t i;

	if (kind == NULL)
		return NULL;
	json_array_foreach(docs ? docs->items : NULL, i, it) {
		k = json_string_value(json_object_get(it, "kind"));
		if (k != NULL && strcmp(k, kind) == 0) {
			struct ltext t = catalog_text(it, "title");
			return ltext_get(&t, lang);
		}
	}
	return NULL;
}

/* the audit object of document ID */
static const char *
object(char *buf, size_t n, long long id)
{
	snprintf(buf, n, "document:%lld", id);
	return buf;
}

/* a new version V of D, inside the transaction, with its audit record */
static enum mm_err
add_version(struct app *a, const struct org *o, const struct document_row *d,
    struct document_version *v, const char *action, struct err *e)
{
	char obj[64];
	json_t *after;
	enum mm_err code;

	if ((code = document_version_insert(a->db, v, e)) != MM_OK)
		return code;
	after = json_pack("{sssisssssI}", "kind", d->kind, "number", v->number,
	    "origin", v->origin, "note", v->note, "bytes", (json_int_t)strlen(v->markdown));
	code = audit_record(a, o->id, action, object(obj, sizeof(obj), v->document_id), NULL,
	    after, e);
	json_decref(after);
	return code;
}

enum mm_err
document_generate(struct app *a, const struct org *o, const char *kind,
    enum lang lang, long long account_id, long long *doc_id, int *number,
    json_t **left_out, struct err *e)
{
	struct doc_generated g;
	struct document_row d;
	struct document_version v;
	char now[CLOCK_ISO_LEN];
	enum mm_err code;
	bool found = false;

	if (left_out)
		*left_out = NULL;
	if ((code = doc_generate(a, o, kind, lang, &g, e)) != MM_OK)
		return code;
	clock_now_iso(now);
	memset(&v, 0, sizeof(v));
	if ((code = app_begin(a, e)) != MM_OK)
		goto done;
	if ((code = document_find(a->db, o->id, kind, &d, &found, e)) != MM_OK)
		goto fail;
	if (!found) {
		memset(&d, 0, sizeof(d));
		snprintf(d.kind, sizeof(d.kind), "%s", kind);
		if ((code = document_insert(a->db, o->id, kind, now, &d.id, e)) != MM_OK)
			goto fail;
	}
	v.document_id = d.id;
	snprintf(v.title, sizeof(v.title), "%s", g.title);
	snprintf(v.origin, sizeof(v.origin), "generated");
	v.created_by = account_id;
	snprintf(v.created_at, sizeof(v.created_at), "%s", now);
	v.markdown = g.markdown;
	v.left_out = json_dumps(g.left_out, JSON_COMPACT);
	if (v.left_out == NULL) {
		code = err_key(e, MM_ENOMEM, "err.nomem");
		goto fail;
	}
	if ((code = add_version(a, o, &d, &v, "document.generate", e)) != MM_OK ||
	    (code = app_commit(a, e)) != MM_OK)
		goto fail;
	*doc_id = d.id;
	*number = v.number;
	if (left_out)
		*left_out = json_incref(g.left_out);
	goto done;
fail:
	app_rollback(a);
done:
	free(v.left_out);
	doc_generated_free(&g);
	return code;
}

/* MARKDOWN checked and normalised (line ends "\n", one final line end)
 * into a new string *OUT */
static enum mm_err
clean_markdown(const char *markdown, char **out, struct err *e)
{
	size_t n = markdown ? strlen(markdown) : 0, i, k = 0;
	const unsigned char *s = (const unsigned char *)markdown;
	char *c;

	*out = NULL;
	if (n > DOCUMENT_MARKDOWN_MAX)
		return err_keyf(e, MM_EINVAL, "err.document.too_long", "{max}%u",
		    DOCUMENT_MARKDOWN_MAX / 1024);
	if (!text_utf8_valid(markdown ? markdown : "", n))
		return err_key(e, MM_EINVAL, "err.document.utf8");
	if ((c = malloc(n + 2)) == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	for (i = 0; i < n; i++) {
		if (s[i] == '\r') {
			if (i + 1 < n && s[i + 1] == '\n')
				continue;
			c[k++] = '\n';
			continue;
		}
		if ((s[i] < 0x20 && s[i] != '\n' && s[i] != '\t') || s[i] == 0x7f) {
			free(c);
			return err_keyf(e, MM_EINVAL, "err.document.control", "{at}%zu", i + 1);
		}
		c[k++] = (char)s[i];
	}
	while (k > 0 && (c[k - 1] == '\n' || c[k - 1] == ' ' || c[k - 1] == '\t'))
		k--;
	if (k == 0) {
		free(c);
		return err_key(e, MM_EINVAL, "err.document.empty");
	}
	c[k++] = '\n';
	c[k] = '\0';
	*out = c;
	return MM_OK;
}

enum mm_err
document_save(struct app *a, const struct org *o, long long doc_id,
    const char *markdown, const char *note, int base, long long account_id,
    int *number, struct err *e)
{
	struct document_row d;
	struct document_version v, newest;
	char now[CLOCK_ISO_LEN], *text = NULL;
	enum mm_err code;

	memset(&v, 0, sizeof(v));
	memset(&newest, 0, sizeof(newest));
	clock_now_iso(now);
	if ((code = app_begin(a, e)) != MM_OK)
		goto done;
	/* a document of another organisation is not found before anything
	 * about the text is said */
	if ((code = document_get(a->db, o->id, doc_id, &d, e)) != MM_OK ||
	    (code = input_text("err.field.change_note", note, false, 200, v.note, sizeof(v.note), e)) != MM_OK ||
	    (code = clean_markdown(markdown, &text, e)) != MM_OK)
		goto fail;
	if (base > 0 && d.versions != base) {
		code = err_keyf(e, MM_ECONFLICT, "err.document.stale", "{newest}%d", d.versions);
		goto fail;
	}
	if (d.versions > 0) {
		if ((code = document_version_get(a->db, doc_id, d.versions, &newest, e)) != MM_OK)
			goto fail;
		if (strcmp(newest.markdown, text) == 0) {
			code = err_keyf(e, MM_EINVAL, "err.document.unchanged", "{number}%d", d.versions);
			goto fail;
		}
	}
	v.document_id = d.id;
	snprintf(v.title, sizeof(v.title), "%s", d.title);
	snprintf(v.origin, sizeof(v.origin), "edited");
	v.created_by = account_id;
	snprintf(v.created_at, sizeof(v.created_at), "%s", now);
	v.markdown = text;
	if ((code = add_version(a, o, &d, &v, "document.edit", e)) != MM_OK ||
	    (code = app_commit(a, e)) != MM_OK)
		goto fail;
	if (number)
		*number = v.number;
	goto done;
fail:
	app_rollback(a);
done:
	document_version_free(&newest);
	free(text);
	return code;
}

/* ACCOUNT_ID exists and is not disabled */
static bool
account_active(struct app *a, long long account_id)
{
	struct account acc;

	return account_get(a->db, account_id, &acc, NULL) == MM_OK && !acc.disabled;
}

/* a change of state of version NUMBER of D, with its audit record */
static enum mm_err
audit_state(struct app *a, const struct org *o, const struct document_row *d,
    const char *action, int number, long long account_id, struct err *e)
{
	char obj[64];
	json_t *after = json_pack("{sssisI}", "kind", d->kind, "number", number,
	    "account_id", (json_int_t)account_id);
	enum mm_err code;

	code = audit_record(a, o->id, action, object(obj, sizeof(obj), d->id), NULL, after, e);
	json_decref(after);
	return code;
}

enum mm_err
document_approve(struct app *a, const struct org *o, long long doc_id, int number,
    long long account_id, struct err *e)
{
	struct document_row d;
	struct document_version v;
	char now[CLOCK_ISO_LEN];
	enum role role = ROLE_NONE;
	enum mm_err code;

	memset(&v, 0, sizeof(v));
	clock_now_iso(now);
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = membership_role(a->db, account_id, o->id, &role, e)) != MM_OK ||
	    (code = document_get(a->db, o->id, doc_id, &d, e)) != MM_OK)
		goto fail;
	if (role != ROLE_OWNER || !account_active(a, account_id)) {
		code = err_key(e, MM_EINVAL, "err.document.not_owner");
		goto fail;
	}
	if (number == 0)
		number = d.versions;
	if (number < 1 || number > d.versions) {
		code = err_key(e, MM_ENOTFOUND, "err.document.no_version");
		goto fail;
	}
	if (number != d.versions) {
		code = err_keyf(e, MM_ECONFLICT, "err.document.not_newest", "{newest}%d", d.versions);
		goto fail;
	}
	if (d.approved == d.versions) {
		code = err_keyf(e, MM_ECONFLICT, "err.document.already_approved", "{number}%d", number);
		goto fail;
	}
	if ((code = document_version_get(a->db, doc_id, number, &v, e)) != MM_OK ||
	    (code = document_version_approve(a->db, v.id, account_id, now, e)) != MM_OK ||
	    (code = audit_state(a, o, &d, "document.approve", number, account_id, e)) != MM_OK ||
	    (code = app_commit(a, e)) != MM_OK)
		goto fail;
	document_version_free(&v);
	return MM_OK;
fail:
	document_version_free(&v);
	app_rollback(a);
	return code;
}

enum mm_err
document_publish(struct app *a, const struct org *o, long long doc_id, int number,
    struct err *e)
{
	struct document_row d;
	struct document_version v;
	char now[CLOCK_ISO_LEN];
	enum mm_err code;

	memset(&v, 0, sizeof(v));
	clock_now_iso(now);
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = document_get(a->db, o->id, doc_id, &d, e)) != MM_OK)
		goto fail;
	if (number == 0)
		number = d.approved;
	if (number == 0) {
		code = err_key(e, MM_ECONFLICT, "err.document.none_approved");
		goto fail;
	}
	if ((code = document_version_get(a->db, doc_id, number, &v, e)) != MM_OK)
		goto fail;
	if (v.approved_at[0] == '\0' || v.published_at[0] != '\0' || number < d.published) {
		code = err_keyf(e, MM_ECONFLICT, v.approved_at[0] == '\0' ?
		    "err.document.not_approved" : v.published_at[0] != '\0' ?
		    "err.document.already_published" : "err.document.newer_published",
		    "{number}%d", number);
		goto fail;
	}
	if ((code = document_version_publish(a->db, v.id, now, e)) != MM_OK ||
	    (code = audit_state(a, o, &d, "document.publish", number, 0, e)) != MM_OK ||
	    (code = app_commit(a, e)) != MM_OK)
		goto fail;
	document_version_free(&v);
	return MM_OK;
fail:
	document_version_free(&v);
	app_rollback(a);
	return code;
}

enum mm_err
document_acknowledge(struct app *a, const struct org *o, long long doc_id,
    long long account_id, int *number, struct err *e)
{
	struct document_row d;
	enum role role = ROLE_NONE;
	char now[CLOCK_ISO_LEN];
	enum mm_err code;
	bool added = false;

	clock_now_iso(now);
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = document_get(a->db, o->id, doc_id, &d, e)) != MM_OK ||
	    (code = membership_role(a->db, account_id, o->id, &role, e)) != MM_OK)
		goto fail;
	if (role == ROLE_NONE || role == ROLE_SUPPORTER) {
		code = err_key(e, MM_EINVAL, "err.document.ack_not_member");
		goto fail;
	}
	if (d.published == 0) {
		code = err_key(e, MM_ECONFLICT, "err.document.not_published");
		goto fail;
	}
	if ((code = document_ack_insert(a->db, d.published_id, account_id, now, &added,
	    e)) != MM_OK)
		goto fail;
	if (added && (code = audit_state(a, o, &d, "document.acknowledge", d.published,
	    account_id, e)) != MM_OK)
		goto fail;
	if ((code = app_commit(a, e)) != MM_OK)
		goto fail;
	if (number)
		*number = d.published;
	return MM_OK;
fail:
	app_rollback(a);
	return code;
}

enum mm_err
document_state(struct app *a, const struct org *o, bool *established,
    bool *published, bool *handbook, struct err *e)
{
	struct document_row d;
	bool found = false;
	enum mm_err code;

	if (established)
		*established = false;
	if (published)
		*published = false;
	if (handbook)
		*handbook = false;
	if ((code = document_find(a->db, o->id, "policy", &d, &found, e)) != MM_OK)
		return code;
	if (found && established)
		*established = d.approved > 0;
	if (found && published)
		*published = d.published > 0;
	if ((code = document_find(a->db, o->id, "handbook", &d, &found, e)) != MM_OK)
		return code;
	if (found && handbook)
		*handbook = d.published > 0;
	return MM_OK;
}

static const char *
status_of(const struct document_row *d)
{
	if (d->versions == 0)
		return "none";
	if (d->published == d->versions)
		return "published";
	if (d->approved == d->versions)
		return "approved";
	return "draft";
}

/* when ACCOUNT_ID read the current version of D into AT ("" when not, or
 * nothing is published) */
static enum mm_err
acked_at(struct app *a, const struct document_row *d, long long account_id,
    char at[CLOCK_ISO_LEN], struct err *e)
{
	at[0] = '\0';
	if (d->published_id == 0 || account_id == 0)
		return MM_OK;
	return document_acked(a->db, d->published_id, account_id, at, e);
}

enum mm_err
document_to_read(struct app *a, const struct org *o, long long account_id, long long *n,
    struct err *e)
{
	return document_unread(a->db, o->id, account_id, n, e);
}

json_t *
document_list_view(struct app *a, const struct org *o, enum lang lang,
    long long account_id, struct err *e)
{
	const struct catalog_list *kinds = catalog_list(a->cat, "documents");
	struct document_row *rows = NULL;
	size_t n = 0, i, k;
	json_t *out = NULL, *arr, *it, *item;
	char at[CLOCK_ISO_LEN];
	int to_read = 0;

	if (document_list(a->db, o->id, &rows, &n, e) != MM_OK)
		return NULL;
	arr = json_array();
	json_array_foreach(kinds ? kinds->items : NULL, k, it) {
		const char *kind = json_string_value(json_object_get(it, "kind"));
		const struct document_row *d = NULL;
		for (i = 0; i < n; i++)
			if (strcmp(rows[i].kind, kind) == 0)
				d = &rows[i];
		item = json_pack("{sssssssisisi}", "kind", kind, "title",
		    document_kind_title(a, kind, lang), "status", d ? status_of(d) : "none",
		    "versions", d ? d->versions : 0, "approved", d ? d->approved : 0,
		    "published", d ? d->published : 0);
		if (d != NULL) {
			if (acked_at(a, d, account_id, at, e) != MM_OK) {
				json_decref(item);
				json_decref(arr);
				goto done;
			}
			json_object_set_new(item, "id", json_integer(d->id));
			json_object_set_new(item, "updated_at", json_string(d->updated_at));
			if (d->published > 0) {
				json_object_set_new(item, "published_at", json_string(d->published_at));
				json_object_set_new(item, "acked", json_boolean(at[0] != '\0'));
				if (at[0])
					json_object_set_new(item, "acked_at", json_string(at));
				to_read += at[0] == '\0';
			}
		}
		json_array_append_new(arr, item);
	}
	out = json_pack("{sosi}", "documents", arr, "to_read", to_read);
done:
	free(rows);
	return out;
}

static json_t *
version_json(const struct document_version *v)
{
	json_t *j = json_pack("{sisssssssssssI}", "number", v->number, "title", v->title,
	    "origin", v->origin, "note", v->note, "created_by", v->created_by_name,
	    "created_at", v->created_at, "bytes", (json_int_t)v->bytes);

	if (v->approved_at[0]) {
		json_object_set_new(j, "approved_by", json_string(v->approved_by_name));
		json_object_set_new(j, "approved_at", json_string(v->approved_at));
	}
	if (v->published_at[0])
		json_object_set_new(j, "published_at", json_string(v->published_at));
	return j;
}

/* the readers of version NUMBER of D: who has acknowledged it and who not */
static json_t *
readers_json(struct app *a, const struct org *o, const struct document_row *d,
    struct err *e)
{
	struct document_reader *r = NULL;
	size_t n = 0, i;
	json_t *pending, *done;

	if (document_readers(a->db, o->id, d->published_id, &r, &n, e) != MM_OK)
		return NULL;
	pending = json_array();
	done = json_array();
	for (i = 0; i < n; i++) {
		json_t *p = json_pack("{ssssss}", "email", r[i].email, "name", r[i].name,
		    "role", r[i].role);
		if (r[i].acked_at[0]) {
			json_object_set_new(p, "acked_at", json_string(r[i].acked_at));
			json_array_append_new(done, p);
		} else {
			json_array_append_new(pending, p);
		}
	}
	free(r);
	return json_pack("{sisisisoso}", "number", d->published, "total", (int)n,
	    "acked", (int)json_array_size(done), "pending", pending, "done", done);
}

/* the versions of DOC_ID as JSON, newest first (NULL on error) */
static json_t *
versions_json(struct app *a, long long doc_id, struct err *e)
{
	struct document_version *list = NULL;
	size_t n = 0, i;
	json_t *versions;

	if (document_version_list(a->db, doc_id, &list, &n, e) != MM_OK)
		return NULL;
	versions = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(versions, version_json(&list[i]));
	free(list);
	return versions;
}

json_t *
document_outline(struct app *a, const struct org *o, long long doc_id, struct err *e)
{
	struct document_row d;
	json_t *versions;

	if (document_get(a->db, o->id, doc_id, &d, e) != MM_OK ||
	    (versions = versions_json(a, doc_id, e)) == NULL)
		return NULL;
	return json_pack("{sIsssisiso}", "id", (json_int_t)d.id, "kind", d.kind,
	    "newest", d.versions, "current", d.published, "versions", versions);
}

json_t *
document_view(struct app *a, const struct org *o, long long doc_id, int number,
    enum lang lang, long long account_id, bool readers, struct err *e)
{
	struct document_row d;
	struct document_version v;
	struct buf html;
	json_t *out = NULL, *versions, *left, *rj;
	json_error_t je;
	char at[CLOCK_ISO_LEN];

	memset(&v, 0, sizeof(v));
	buf_init(&html, 8u * 1024 * 1024);
	if (document_get(a->db, o->id, doc_id, &d, e) != MM_OK)
		goto done;
	if (number == 0)
		number = d.versions;
	if (number == DOCUMENT_CURRENT && (number = d.published) == 0) {
		err_key(e, MM_ENOTFOUND, "err.document.not_published");
		goto done;
	}
	if (document_version_get(a->db, doc_id, number, &v, e) != MM_OK ||
	    markdown_html(v.markdown, strlen(v.markdown), &html, e) != MM_OK ||
	    acked_at(a, &d, account_id, at, e) != MM_OK ||
	    (versions = versions_json(a, doc_id, e)) == NULL)
		goto done;
	left = json_loads(v.left_out, 0, &je);
	if (!json_is_array(left)) {
		json_decref(left);
		left = json_array();
	}
	out = json_pack("{sIsssssisisisssssosososOsb}", "id", (json_int_t)d.id, "kind", d.kind,
	    "title", v.title, "number", v.number, "newest", d.versions, "current", d.published,
	    "status", v.published_at[0] ? "published" : v.approved_at[0] ? "approved" : "draft",
	    "markdown", v.markdown, "html", json_string(buf_cstr(&html)),
	    "version", version_json(&v), "versions", versions,
	    "left_out", left, "acked", at[0] != '\0');
	json_decref(left);
	if (out == NULL)
		goto done;
	json_object_set_new(out, "kind_title", json_string(document_kind_title(a, d.kind, lang)));
	if (at[0])
		json_object_set_new(out, "acked_at", json_string(at));
	if (readers && d.published > 0) {
		if ((rj = readers_json(a, o, &d, e)) == NULL) {
			json_decref(out);
			out = NULL;
			goto done;
		}
		json_object_set_new(out, "readers", rj);
	}
done:
	buf_free(&html);
	document_version_free(&v);
	return out;
}

static const char *const op_names[] = { "same", "del", "add" };

static json_t *
diff_line_json(const struct diff_line *l)
{
	json_t *j = json_pack("{ssss#}", "op", op_names[l->op], "text", l->text, (int)l->len);

	if (l->old_no)
		json_object_set_new(j, "old", json_integer((json_int_t)l->old_no));
	if (l->new_no)
		json_object_set_new(j, "new", json_integer((json_int_t)l->new_no));
	return j;
}

json_t *
document_diff_view(struct app *a, const struct org *o, long long doc_id, int from,
    int to, struct err *e)
{
	struct document_row d;
	struct document_version va, vb;
	struct diff_line *lines = NULL;
	size_t n = 0, i, j, added = 0, removed = 0;
	json_t *out = NULL, *arr;

	memset(&va, 0, sizeof(va));
	memset(&vb, 0, sizeof(vb));
	if (document_get(a->db, o->id, doc_id, &d, e) != MM_OK ||
	    document_version_get(a->db, doc_id, from, &va, e) != MM_OK ||
	    document_version_get(a->db, doc_id, to, &vb, e) != MM_OK)
		goto done;
	if (!line_diff(va.markdown, vb.markdown, &lines, &n, &added, &removed)) {
		err_key(e, MM_ENOMEM, "err.nomem");
		goto done;
	}
	arr = json_array();
	i = 0;
	while (i < n) {
		size_t head, tail, k;
		if (lines[i].op != DIFF_SAME) {
			json_array_append_new(arr, diff_line_json(&lines[i]));
			i++;
			continue;
		}
		/* a run of unchanged lines: keep DIFF_CONTEXT next to each change */
		for (j = i; j < n && lines[j].op == DIFF_SAME; j++)
			;
		head = i == 0 ? 0 : DIFF_CONTEXT;
		tail = j == n ? 0 : DIFF_CONTEXT;
		if (j - i > head + tail + 1) {
			for (k = i; k < i + head; k++)
				json_array_append_new(arr, diff_line_json(&lines[k]));
			json_array_append_new(arr, json_pack("{sssI}", "op", "skip", "count",
			    (json_int_t)(j - i - head - tail)));
			i = j - tail;
		}
		for (; i < j; i++)
			json_array_append_new(arr, diff_line_json(&lines[i]));
	}
	out = json_pack("{sIsssisisIsIso}", "id", (json_int_t)d.id, "title", vb.title,
	    "from", from, "to", to, "added", (json_int_t)added, "removed", (json_int_t)removed,
	    "lines", arr);
done:
	free(lines);
	document_version_free(&va);
	document_version_free(&vb);
	return out;
}

json_t *
document_public_policy(struct app *a, const struct org *o, struct err *e)
{
	struct document_row d;
	struct document_version v;
	struct buf html;
	json_t *out = NULL;
	bool found = false;

	memset(&v, 0, sizeof(v));
	buf_init(&html, 8u * 1024 * 1024);
	if (document_find(a->db, o->id, "policy", &d, &found, e) != MM_OK)
		goto done;
	if (!found || d.published == 0) {
		err_key(e, MM_ENOTFOUND, "err.document.no_public_policy");
		goto done;
	}
	if (document_version_get(a->db, d.id, d.published, &v, e) != MM_OK ||
	    markdown_html(v.markdown, strlen(v.markdown), &html, e) != MM_OK)
		goto done;
	out = json_pack("{sssssissssss}", "title", v.title, "org", o->name, "number", v.number,
	    "approved_at", v.approved_at, "published_at", v.published_at, "html",
	    buf_cstr(&html));
done:
	buf_free(&html);
	document_version_free(&v);
	return out;
}

/* the style of a document as a standalone page: articles numbered as in
 * the PDF */
static const char html_style[] =
	"body{font-family:sans-serif;max-width:46em;margin:2em auto;padding:0 1em;"
	"line-height:1.8;counter-reset:article}"
	"h4::before{counter-increment:article;content:\"第\" counter(article) \"条　\"}"
	"html[lang=en] h4::before{content:\"Article \" counter(article) \". \"}"
	"table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px}";

/* MARKDOWN as a whole HTML page with TITLE and ORG_NAME (escaped) */
static enum mm_err
html_page(const char *title, const char *org_name, enum lang lang,
    const char *markdown, struct buf *out, struct err *e)
{
	buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<title>", lang == LANG_EN ? "en" : "ja");
	svg_escape(out, title);
	buf_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<p>", html_style);
	svg_escape(out, org_name);
	buf_puts(out, "</p>\n<h1>");
	svg_escape(out, title);
	buf_puts(out, "</h1>\n");
	if (markdown_html(markdown, strlen(markdown), out, e) != MM_OK)
		return e ? e->code : MM_EINVAL;
	buf_puts(out, "</body>\n</html>\n");
	return buf_failed(out) ? err_key(e, MM_ENOMEM, "err.nomem") : MM_OK;
}

enum mm_err
document_output(const char *title, const char *org_name, const char *date,
    enum lang lang, const char *markdown, const char *format, struct buf *out,
    struct err *e)
{
	struct doc *d;
	char shown[64];
	enum mm_err code;

	if (strcmp(format, "md") == 0)
		return buf_puts(out, markdown) ? MM_OK : err_key(e, MM_ENOMEM, "err.nomem");
	if (strcmp(format, "html") == 0)
		return html_page(title, org_name, lang, markdown, out, e);
	if (strcmp(format, "pdf") != 0 && strcmp(format, "docx") != 0)
		return err_keyf(e, MM_EINVAL, "err.document.format", "{value}%s", format);
	shown[0] = '\0';
	if (date != NULL && strlen(date) >= 10 && lang == LANG_JA)
		snprintf(shown, sizeof(shown), "%.4s年%d月%d日", date,
		    (date[5] - '0') * 10 + (date[6] - '0'), (date[8] - '0') * 10 + (date[9] - '0'));
	else if (date != NULL)
		snprintf(shown, sizeof(shown), "%.10s", date);
	if ((d = doc_new(title, org_name, shown, lang == LANG_EN ? "en" : "ja")) == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	code = markdown_doc(markdown, strlen(markdown), d, e);
	if (code == MM_OK)
		code = strcmp(format, "pdf") == 0 ? pdf_out(d, out, e) : docx_out(d, out, e);
	doc_free(d);
	return code;
}

enum mm_err
document_render(struct app *a, const struct org *o, long long doc_id, int number,
    const char *format, enum lang lang, struct buf *out,
    char title[DOCUMENT_TITLE_MAX], struct err *e)
{
	struct document_row d;
	struct document_version v;
	enum mm_err code;

	memset(&v, 0, sizeof(v));
	if ((code = document_get(a->db, o->id, doc_id, &d, e)) != MM_OK)
		return code;
	if (number == 0)
		number = d.published ? d.published : d.versions;
	if ((code = document_version_get(a->db, doc_id, number, &v, e)) != MM_OK)
		return code;
	if (title != NULL)
		snprintf(title, DOCUMENT_TITLE_MAX, "%s", v.title);
	code = document_output(v.title, o->name, v.approved_at[0] ? v.approved_at : v.created_at,
	    lang, v.markdown, format, out, e);
	document_version_free(&v);
	return code;
}
