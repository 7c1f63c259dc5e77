/* catalog.c — load and validate the guideline catalog. See catalog.h. */
#include "core/catalog.h"
#include "core/catalog_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/embed.h"
#include "util/fileio.h"

/* state of one load */
struct loader {
	const struct catalog_source *src;
	struct catalog *c;
	json_t *refs; /* array of [file, entry id, key, target] */
	struct err *e;
};

enum mm_err
catalog_fail(struct err *e, const char *label, const char *file,
    const char *id, const char *fmt, ...)
{
	char what[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	/* the details are for the catalog's authors: a parameter */
	if (id == NULL || *id == '\0')
		return err_keyf(e, MM_ECATALOG, "err.catalog.invalid_file",
		    "{label}%s{file}%s{what}%s", label, file, what);
	return err_keyf(e, MM_ECATALOG, "err.catalog.invalid",
	    "{label}%s{file}%s{id}%s{what}%s", label, file, id, what);
}

#define fail(l, file, id, ...) \
	catalog_fail((l)->e, (l)->src->label, (file), (id), __VA_ARGS__)

static bool
id_valid(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 64)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool
nonempty_string(json_t *v)
{
	return json_is_string(v) && json_string_length(v) > 0;
}

static enum mm_err
check_text(struct loader *l, const char *file, const char *id,
    const char *key, json_t *obj)
{
	if (json_object_size(obj) != 2 ||
	    !nonempty_string(json_object_get(obj, "ja")) ||
	    !nonempty_string(json_object_get(obj, "en")))
		return fail(l, file, id,
		    "\"%s\" の文は ja と en の両方を空でない文字列で持つ必要があります",
		    key);
	return MM_OK;
}

static enum mm_err
add_ref(struct loader *l, const char *file, const char *id, const char *key,
    json_t *target)
{
	if (!json_is_string(target))
		return fail(l, file, id, "\"%s\" は id の文字列でなければなりません", key);
	if (json_array_append_new(l->refs, json_pack("[ssss]", file, id ? id : "",
	    key, json_string_value(target))) != 0)
		return err_key(l->e, MM_ENOMEM, "err.nomem");
	return MM_OK;
}

/* walk NODE (found under KEY) of FILE inside the entry ID */
static enum mm_err
walk(struct loader *l, const char *file, const char *id, const char *key,
    json_t *node)
{
	const char *k;
	json_t *v, *idv;
	size_t i;
	enum mm_err rc;

	if (json_is_array(node)) {
		json_array_foreach(node, i, v)
			if ((rc = walk(l, file, id, key, v)) != MM_OK)
				return rc;
		return MM_OK;
	}
	if (!json_is_object(node))
		return MM_OK;
	if (json_object_get(node, "ja") != NULL || json_object_get(node, "en") != NULL)
		return check_text(l, file, id, key, node);
	idv = json_object_get(node, "id");
	if (idv != NULL) {
		if (!json_is_string(idv) || !id_valid(json_string_value(idv)))
			return fail(l, file, id != NULL || !json_is_string(idv) ? id :
			    json_string_value(idv),
			    "id は [a-z0-9-] で 64 文字までの文字列でなければなりません (\"%s\" の中)",
			    key);
		id = json_string_value(idv);
		if (json_object_get(l->c->ids, id) != NULL)
			return fail(l, file, id, "id が重複しています");
		if (json_object_set(l->c->ids, id, node) != 0)
			return err_key(l->e, MM_ENOMEM, "err.nomem");
	}
	json_object_foreach(node, k, v) {
		if (ends_with(k, "_ref")) {
			if (json_is_null(v))
				continue;
			rc = add_ref(l, file, id, k, v);
		} else if (ends_with(k, "_refs")) {
			if (!json_is_array(v))
				return fail(l, file, id, "\"%s\" は id の配列でなければなりません", k);
			json_array_foreach(v, i, idv)
				if ((rc = add_ref(l, file, id, k, idv)) != MM_OK)
					return rc;
			rc = MM_OK;
		} else {
			rc = walk(l, file, id, k, v);
		}
		if (rc != MM_OK)
			return rc;
	}
	return MM_OK;
}

static enum mm_err
load_file(struct loader *l, const char *file, json_t **out)
{
	const char *data;
	size_t len;
	json_error_t je;

	if (l->src->read(l->src->ctx, file, &data, &len) != 0)
		return fail(l, file, NULL, "ファイルがありません");
	*out = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (*out == NULL)
		return fail(l, file, NULL, "JSON として読めません (%d 行 %d 列: %s)",
		    je.line, je.column, je.text);
	if (!json_is_object(*out)) {
		json_decref(*out);
		*out = NULL;
		return fail(l, file, NULL, "最上位は JSON オブジェクトでなければなりません");
	}
	return MM_OK;
}

static enum mm_err
add_lists(struct loader *l, const char *file, json_t *doc)
{
	json_t *lists = json_object_get(doc, "lists"), *list, *items, *item;
	const char *name;
	size_t i;
	struct catalog_list *cl;
	enum mm_err rc;

	if (!json_is_object(lists) || json_object_size(doc) != 1)
		return fail(l, file, NULL, "{\"lists\": {...}} の形でなければなりません");
	json_object_foreach(lists, name, list) {
		if (catalog_list(l->c, name) != NULL)
			return fail(l, file, name, "同じ名前のリストが既にあります");
		if (l->c->nlists == CATALOG_MAX_LISTS)
			return fail(l, file, name, "リストが多すぎます");
		items = json_object_get(list, "items");
		if (!json_is_object(list) || !json_is_array(items) ||
		    !json_is_object(json_object_get(list, "title")))
			return fail(l, file, name,
			    "リストには \"title\" と \"items\" の配列が必要です");
		if ((rc = check_text(l, file, name, "title", json_object_get(list, "title"))) != MM_OK)
			return rc;
		json_array_foreach(items, i, item)
			if (!json_is_object(item) || !json_is_string(json_object_get(item, "id")))
				return fail(l, file, name, "%zu 番目の項目に id がありません", i + 1);
		cl = &l->c->lists[l->c->nlists++];
		cl->name = name;
		cl->file = file;
		cl->title = catalog_text(list, "title");
		cl->items = items;
	}
	return MM_OK;
}

static enum mm_err
resolve_refs(struct loader *l)
{
	size_t i;
	json_t *r;

	json_array_foreach(l->refs, i, r) {
		const char *target = json_string_value(json_array_get(r, 3));
		if (json_object_get(l->c->ids, target) == NULL)
			return fail(l, json_string_value(json_array_get(r, 0)),
			    json_string_value(json_array_get(r, 1)),
			    "\"%s\" の参照先 \"%s\" がありません",
			    json_string_value(json_array_get(r, 2)), target);
	}
	return MM_OK;
}

struct ltext
catalog_text(json_t *obj, const char *key)
{
	struct ltext t = { "", "" };
	json_t *v = json_object_get(obj, key);

	if (json_is_object(v)) {
		const char *ja = json_string_value(json_object_get(v, "ja"));
		const char *en = json_string_value(json_object_get(v, "en"));
		t.ja = ja ? ja : "";
		t.en = en ? en : "";
	}
	return t;
}

const struct catalog_list *
catalog_list(const struct catalog *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nlists; i++)
		if (strcmp(c->lists[i].name, name) == 0)
			return &c->lists[i];
	return NULL;
}

json_t *
catalog_find_id(const struct catalog *c, const char *id)
{
	return json_object_get(c->ids, id);
}


static int
source_embedded_read(void *ctx, const char *name, const char **data, size_t *len)
{
	char path[256];
	const struct embed_file *f;

	snprintf(path, sizeof(path), "catalog/%s/%s", (const char *)ctx, name);
	f = embed_find(path);
	if (f == NULL)
		return -1;
	*data = (const char *)f->data;
	*len = f->size;
	return 0;
}

enum mm_err
catalog_load_embedded(const char *edition, struct catalog **out, struct err *e)
{
	char label[128];
	struct catalog_source src;

	snprintf(label, sizeof(label), "catalog/%s", edition);
	src.read = source_embedded_read;
	src.ctx = (void *)edition;
	src.label = label;
	return catalog_load(&src, out, e);
}

/* files read from disk are kept in a JSON object name → string */
struct dir_source {
	const char *dir;
	json_t *files;
};

static int
source_dir_read(void *ctx, const char *name, const char **data, size_t *len)
{
	struct dir_source *d = ctx;
	char path[4096];
	struct buf b;
	json_t *s;

	if (strchr(name, '/') != NULL || name[0] == '.')
		return -1;
	snprintf(path, sizeof(path), "%s/%s", d->dir, name);
	buf_init(&b, 16u * 1024 * 1024);
	if (file_read_all(path, b.cap, &b, NULL) != MM_OK) {
		buf_free(&b);
		return -1;
	}
	s = json_stringn_nocheck(buf_cstr(&b), b.len);
	buf_free(&b);
	if (s == NULL || json_object_set_new(d->files, name, s) != 0)
		return -1;
	*data = json_string_value(s);
	*len = json_string_length(s);
	return 0;
}

enum mm_err
catalog_load_dir(const char *dir, struct catalog **out, struct err *e)
{
	struct dir_source d = { dir, json_object() };
	struct catalog_source src = { source_dir_read, &d, dir };
	enum mm_err rc;

	if (d.files == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	rc = catalog_load(&src, out, e);
	/* the catalog keeps the parsed trees, not the raw text */
	json_decref(d.files);
	return rc;
}

enum mm_err
catalog_load(const struct catalog_source *src, struct catalog **out,
    struct err *e)
{
	struct loader l = { src, NULL, NULL, e };
	json_t *manifest = NULL, *files, *fv, *doc, *docs;
	size_t i;
	enum mm_err rc;

	*out = NULL;
	l.c = calloc(1, sizeof(*l.c));
	l.refs = json_array();
	docs = json_object();
	if (l.c == NULL || l.refs == NULL || docs == NULL) {
		json_decref(docs);
		rc = err_key(e, MM_ENOMEM, "err.nomem");
		goto fail;
	}
	l.c->root = docs;
	l.c->ids = json_object();
	if (l.c->ids == NULL) {
		rc = err_key(e, MM_ENOMEM, "err.nomem");
		goto fail;
	}
	if ((rc = load_file(&l, "manifest.json", &manifest)) != MM_OK)
		goto fail;
	json_object_set_new(docs, "manifest.json", manifest);
	files = json_object_get(manifest, "files");
	if (!nonempty_string(json_object_get(manifest, "id")) ||
	    !json_is_array(files) || json_array_size(files) == 0) {
		rc = fail(&l, "manifest.json", NULL, "\"id\" と \"files\" が必要です");
		goto fail;
	}
	l.c->id = json_string_value(json_object_get(manifest, "id"));
	l.c->edition = json_string_value(json_object_get(manifest, "edition"));
	if (l.c->edition == NULL)
		l.c->edition = "";
	l.c->title = catalog_text(manifest, "title");
	/* the manifest's id names the edition ("ipa-sme-3.1"): not an entry id */
	if ((rc = check_text(&l, "manifest.json", NULL, "title",
	    json_object_get(manifest, "title"))) != MM_OK)
		goto fail;
	json_array_foreach(files, i, fv) {
		const char *name = json_string_value(fv);
		if (name == NULL || strchr(name, '/') != NULL ||
		    json_object_get(docs, name) != NULL || strcmp(name, "manifest.json") == 0) {
			rc = fail(&l, "manifest.json", NULL,
			    "\"files\" の %zu 番目が不正か重複しています", i + 1);
			goto fail;
		}
		if ((rc = load_file(&l, name, &doc)) != MM_OK)
			goto fail;
		json_object_set_new(docs, name, doc);
		if ((rc = add_lists(&l, name, doc)) != MM_OK ||
		    (rc = walk(&l, name, NULL, "lists", doc)) != MM_OK)
			goto fail;
	}
	if ((rc = resolve_refs(&l)) != MM_OK ||
	    (rc = catalog_build_diag(l.c, src->label, e)) != MM_OK ||
	    (rc = catalog_check_risk(l.c, src->label, e)) != MM_OK)
		goto fail;
	json_decref(l.refs);
	*out = l.c;
	return MM_OK;
fail:
	json_decref(l.refs);
	catalog_free(l.c);
	return rc;
}

void
catalog_free(struct catalog *c)
{
	if (c == NULL)
		return;
	json_decref(c->ids);
	json_decref(c->root);
	free(c);
}
