/* locale.c — the UI strings of both languages: loading, lookup and
 * placeholders. */
#include "util/locale.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct locale {
	json_t *tree[2]; /* ja, en */
};

static const char *const lang_dir[2] = { "locale/ja/", "locale/en/" };

/* the files of FILES under DIR, merged into *TREE; a top-level key
 * defined twice is an error naming the second file */
static enum mm_err
load_lang(const struct embed_file *files, const char *dir, json_t **tree,
    struct err *e)
{
	const struct embed_file *f;
	json_error_t je;
	json_t *part, *v;
	const char *key;
	size_t n = strlen(dir);

	if ((*tree = json_object()) == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	for (f = files; f->name != NULL; f++) {
		if (strncmp(f->name, dir, n) != 0)
			continue;
		part = json_loadb((const char *)f->data, f->size, JSON_REJECT_DUPLICATES, &je);
		if (!json_is_object(part)) {
			json_decref(part);
			return err_keyf(e, MM_EINVAL, "err.locale.parse",
			    "{file}%s{line}%d{reason}%s", f->name, je.line, je.text);
		}
		json_object_foreach(part, key, v)
			if (json_object_get(*tree, key) != NULL) {
				err_keyf(e, MM_EINVAL, "err.locale.duplicate", "{file}%s{key}%s",
				    f->name, key);
				json_decref(part);
				return MM_EINVAL;
			}
		if (json_object_update(*tree, part) != 0) {
			json_decref(part);
			return err_key(e, MM_ENOMEM, "err.nomem");
		}
		json_decref(part);
	}
	if (json_object_size(*tree) == 0)
		return err_keyf(e, MM_ENOTFOUND, "err.locale.missing", "{dir}%s", dir);
	return MM_OK;
}

enum mm_err
locale_load(const struct embed_file *files, struct locale **out, struct err *e)
{
	struct locale *l;
	enum mm_err code;

	*out = NULL;
	if ((l = calloc(1, sizeof(*l))) == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	if ((code = load_lang(files, lang_dir[LANG_JA], &l->tree[LANG_JA], e)) != MM_OK ||
	    (code = load_lang(files, lang_dir[LANG_EN], &l->tree[LANG_EN], e)) != MM_OK) {
		locale_free(l);
		return code;
	}
	*out = l;
	return MM_OK;
}

void
locale_free(struct locale *l)
{
	if (l == NULL)
		return;
	json_decref(l->tree[LANG_JA]);
	json_decref(l->tree[LANG_EN]);
	free(l);
}

/* --- the program's tables */

static pthread_once_t app_once = PTHREAD_ONCE_INIT;
static struct locale *app_locale;
static struct locale app_empty;
static struct err app_err;
static _Thread_local bool app_loading; /* messages of the loading itself */

static void
app_load(void)
{
	app_loading = true;
	err_clear(&app_err);
	if (locale_load(embed_files, &app_locale, &app_err) != MM_OK)
		app_locale = NULL;
	app_loading = false;
}

const struct locale *
locale_app(void)
{
	if (app_loading)
		return &app_empty;
	pthread_once(&app_once, app_load);
	return app_locale != NULL ? app_locale : &app_empty;
}

enum mm_err
locale_app_check(struct err *e)
{
	locale_app();
	if (app_locale != NULL)
		return MM_OK;
	if (e != NULL)
		*e = app_err;
	return app_err.code != MM_OK ? app_err.code : MM_EINVAL;
}

/* --- lookup and placeholders */

/* the value at dotted KEY of the nested object ROOT */
static json_t *
lookup(json_t *root, const char *key)
{
	char part[64];
	const char *p = key, *dot;
	json_t *v = root;
	size_t n;

	while (v != NULL && *p) {
		dot = strchr(p, '.');
		n = dot ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof(part))
			return NULL;
		memcpy(part, p, n);
		part[n] = '\0';
		v = json_object_get(v, part);
		p += n + (dot ? 1 : 0);
	}
	return v;
}

const char *
locale_text(const struct locale *l, enum lang lang, const char *key)
{
	const char *s = NULL;

	if (l == NULL || key == NULL)
		return NULL;
	if (lang == LANG_EN)
		s = json_string_value(lookup(l->tree[LANG_EN], key));
	if (s == NULL)
		s = json_string_value(lookup(l->tree[LANG_JA], key));
	return s;
}

json_t *
locale_tree(const struct locale *l, enum lang lang)
{
	return l->tree[lang == LANG_EN ? LANG_EN : LANG_JA];
}

bool
locale_render(const struct locale *l, enum lang lang, const char *key,
    locale_param_fn param, void *ctx, struct buf *out)
{
	const char *s = locale_text(l, lang, key), *open, *name, *end;
	size_t n;

	if (s == NULL)
		return buf_puts(out, key);
	while ((open = strstr(s, "{{")) != NULL) {
		buf_append(out, s, (size_t)(open - s));
		name = open + 2;
		n = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_");
		end = name + n;
		if (n == 0 || strncmp(end, "}}", 2) != 0) {
			buf_append(out, open, 2); /* not a placeholder */
			s = name;
			continue;
		}
		if (param == NULL || !param(ctx, name, n, out))
			buf_append(out, open, (size_t)(end + 2 - open));
		s = end + 2;
	}
	buf_puts(out, s);
	return !buf_failed(out);
}

struct list_ctx {
	const char *const *params;
};

static bool
list_param(void *ctx, const char *name, size_t namelen, struct buf *out)
{
	const char *const *p = ((struct list_ctx *)ctx)->params;

	for (; p != NULL && p[0] != NULL && p[1] != NULL; p += 2)
		if (strlen(p[0]) == namelen && memcmp(p[0], name, namelen) == 0) {
			buf_puts(out, p[1]);
			return true;
		}
	return false;
}

bool
locale_format(const struct locale *l, enum lang lang, const char *key,
    const char *const *params, struct buf *out)
{
	struct list_ctx c = { params };

	return locale_render(l, lang, key, list_param, &c, out);
}
