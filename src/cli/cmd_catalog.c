/* cmd_catalog.c — mamori catalog check [DIR] | show [LIST]. */
#include <string.h>

#include "cli/cli.h"
#include "cli/opt.h"
#include "core/catalog.h"

#define CATALOG_SYNOPSIS \
	"mamori catalog check [DIR] | catalog show [LIST] [--lang ja|en] [--format text|json]"

static bool
is_text(json_t *v)
{
	return json_is_object(v) && json_object_size(v) == 2 &&
	    json_is_string(json_object_get(v, "ja")) &&
	    json_is_string(json_object_get(v, "en"));
}

/* V with every text object replaced by its string in LANG (new ref) */
static json_t *
in_lang(json_t *v, enum lang lang)
{
	json_t *out, *x;
	const char *k;
	size_t i;

	if (is_text(v))
		return json_incref(json_object_get(v, lang == LANG_EN ? "en" : "ja"));
	if (json_is_object(v)) {
		out = json_object();
		json_object_foreach(v, k, x)
			json_object_set_new(out, k, in_lang(x, lang));
		return out;
	}
	if (json_is_array(v)) {
		out = json_array();
		json_array_foreach(v, i, x)
			json_array_append_new(out, in_lang(x, lang));
		return out;
	}
	return json_incref(v);
}

static void
indent(int depth)
{
	while (depth-- > 0)
		fputs("  ", stdout);
}

static void print_entry(json_t *item, int depth, enum lang lang);

static void
print_value(const char *key, json_t *v, int depth, enum lang lang)
{
	json_t *x;
	size_t i;

	if (is_text(v)) {
		indent(depth);
		printf("%s: %s\n", key, json_string_value(json_object_get(v,
		    lang == LANG_EN ? "en" : "ja")));
	} else if (json_is_array(v)) {
		indent(depth);
		printf("%s:", key);
		if (json_array_size(v) > 0 && !json_is_object(json_array_get(v, 0))) {
			json_array_foreach(v, i, x) {
				if (json_is_string(x))
					printf(" %s", json_string_value(x));
				else if (json_is_integer(x))
					printf(" %lld", (long long)json_integer_value(x));
			}
			putchar('\n');
			return;
		}
		putchar('\n');
		json_array_foreach(v, i, x)
			print_entry(x, depth + 1, lang);
	} else if (json_is_object(v)) {
		indent(depth);
		printf("%s:\n", key);
		print_entry(v, depth + 1, lang);
	} else if (json_is_string(v)) {
		indent(depth);
		printf("%s: %s\n", key, json_string_value(v));
	} else if (json_is_integer(v)) {
		indent(depth);
		printf("%s: %lld\n", key, (long long)json_integer_value(v));
	} else if (json_is_boolean(v)) {
		indent(depth);
		printf("%s: %s\n", key, json_is_true(v) ? "true" : "false");
	}
}

static void
print_entry(json_t *item, int depth, enum lang lang)
{
	const char *k;
	json_t *v, *id = json_object_get(item, "id");

	if (json_is_string(id)) {
		indent(depth);
		printf("[%s]\n", json_string_value(id));
	}
	json_object_foreach(item, k, v)
		if (strcmp(k, "id") != 0)
			print_value(k, v, depth + (json_is_string(id) ? 1 : 0), lang);
}

static int
show(const struct catalog *cat, const char *name, enum lang lang,
    enum cli_format fmt, bool lang_given)
{
	const struct catalog_list *l;
	json_t *out, *x;
	size_t i;

	if (name == NULL) {
		if (fmt == FMT_JSON) {
			out = json_array();
			for (i = 0; i < cat->nlists; i++)
				json_array_append_new(out, json_pack("{sssssssI}",
				    "name", cat->lists[i].name, "file", cat->lists[i].file,
				    "title", ltext_get(&cat->lists[i].title, lang),
				    "count", (json_int_t)json_array_size(cat->lists[i].items)));
			return cli_print_json(out);
		}
		printf("%s (%s)\n\n", ltext_get(&cat->title, lang), cat->id);
		for (i = 0; i < cat->nlists; i++)
			printf("  %-22s %4zu  %s\n", cat->lists[i].name,
			    json_array_size(cat->lists[i].items),
			    ltext_get(&cat->lists[i].title, lang));
		printf("\n%s\n", lang == LANG_EN ? "Show one list: mamori catalog show LIST" :
		    "一覧を表示するには: mamori catalog show リスト名");
		return CLI_OK;
	}
	if ((l = catalog_list(cat, name)) == NULL)
		return cli_usage(CATALOG_SYNOPSIS,
		    "リスト \"%s\" はありません (mamori catalog show で一覧できます)", name);
	if (fmt == FMT_JSON) {
		out = json_pack("{sss{ssss}sssO}", "name", l->name, "title",
		    "ja", l->title.ja, "en", l->title.en, "file", l->file, "items", l->items);
		if (lang_given) {
			x = in_lang(out, lang);
			json_decref(out);
			out = x;
		}
		return cli_print_json(out);
	}
	printf("%s (%s)\n\n", ltext_get(&l->title, lang), l->name);
	json_array_foreach(l->items, i, x)
		print_entry(x, 0, lang);
	return CLI_OK;
}

int
cmd_catalog(struct cli *c, int argc, char **argv)
{
	const char *lang_s = NULL, *format = NULL, *pos[OPT_MAX_POS];
	bool help = false;
	enum lang lang = LANG_JA;
	enum cli_format fmt;
	struct catalog *cat = NULL;
	struct err e;
	int npos, rc;
	size_t ids;
	const struct opt opts[] = {
		{ "lang", &lang_s, NULL }, { "format", &format, NULL },
		{ "help", NULL, &help }, { NULL, NULL, NULL }
	};

	(void)c;
	if (!opt_parse(argc, argv, opts, pos, &npos, CATALOG_SYNOPSIS))
		return CLI_USAGE;
	if (help) {
		printf("使い方: %s\n", CATALOG_SYNOPSIS);
		return CLI_OK;
	}
	if (lang_s != NULL && lang_parse(lang_s, &lang) != 0)
		return cli_usage(CATALOG_SYNOPSIS, "--lang は ja か en です: %s", lang_s);
	if (!cli_parse_format(format, false, &fmt))
		return cli_usage(CATALOG_SYNOPSIS, "--format は text か json です: %s", format);
	if (npos == 0)
		return cli_usage(CATALOG_SYNOPSIS, "check か show を指定してください");
	err_clear(&e);
	if (strcmp(pos[0], "check") == 0 && npos <= 2) {
		if (npos == 2)
			rc = catalog_load_dir(pos[1], &cat, &e);
		else
			rc = catalog_load_embedded(CATALOG_DEFAULT, &cat, &e);
		if (rc != MM_OK)
			return cli_error(&e);
		ids = json_object_size(cat->ids);
		printf("カタログ %s (第%s版) に誤りはありません: リスト %zu、id %zu、自社診断 %zu 項目\n",
		    cat->id, cat->edition, cat->nlists, ids, cat->diag.nitems);
		catalog_free(cat);
		return CLI_OK;
	}
	if (strcmp(pos[0], "show") == 0 && npos <= 2) {
		if (catalog_load_embedded(CATALOG_DEFAULT, &cat, &e) != MM_OK)
			return cli_error(&e);
		rc = show(cat, npos == 2 ? pos[1] : NULL, lang, fmt, lang_s != NULL);
		catalog_free(cat);
		return rc;
	}
	return cli_usage(CATALOG_SYNOPSIS, "引数が正しくありません");
}
