/* test_catalog.c — loading and validating the guideline catalog.
 *
 * The real files are read from $MAMORI_SRC/catalog/ipa-sme-3.1 with
 * jansson; each broken case changes one thing and serves the files through
 * a custom struct catalog_source. Every broken catalog must be refused
 * with MM_ECATALOG, no catalog, and a message naming the file and the id.
 */
#include "support/mm_test.h"

#include <jansson.h>

#include "core/catalog.h"

#define LABEL "testcat/ipa-sme-3.1"

static json_t *orig;     /* file name → parsed tree */
static json_t *orig_raw; /* file name → original text */

/* read DIR/NAME into orig (parsed) and orig_raw (text) */
static int
load_one(const char *dir, const char *name)
{
	char path[1200];
	json_error_t je;
	json_t *doc;
	FILE *fp;
	char *text;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je)) == NULL) {
		print_error("%s: %s\n", path, je.text);
		return -1;
	}
	json_object_set_new(orig, name, doc);
	if ((fp = fopen(path, "rb")) == NULL)
		return -1;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	text = calloc(1, (size_t)n + 1);
	if (text == NULL || fread(text, 1, (size_t)n, fp) != (size_t)n) {
		free(text);
		fclose(fp);
		return -1;
	}
	fclose(fp);
	json_object_set_new(orig_raw, name, json_stringn_nocheck(text, (size_t)n));
	free(text);
	return 0;
}

static int
group_setup(void **state)
{
	char dir[1024];
	json_t *f;
	size_t i;

	(void)state;
	mmt_src_path("catalog/ipa-sme-3.1", dir, sizeof(dir));
	orig = json_object();
	orig_raw = json_object();
	if (load_one(dir, "manifest.json") != 0)
		return -1;
	json_array_foreach(json_object_get(json_object_get(orig, "manifest.json"), "files"), i, f)
		if (load_one(dir, json_string_value(f)) != 0)
			return -1;
	/* the manifest and every file it lists */
	return json_object_size(orig) ==
	    json_array_size(json_object_get(json_object_get(orig, "manifest.json"), "files")) + 1 ?
	    0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	json_decref(orig);
	json_decref(orig_raw);
	return 0;
}

/* the source: file name → JSON string of its text */
static int
src_read(void *ctx, const char *name, const char **data, size_t *len)
{
	json_t *s = json_object_get((json_t *)ctx, name);

	if (!json_is_string(s))
		return -1;
	*data = json_string_value(s);
	*len = json_string_length(s);
	return 0;
}

/* load DOCS (trees), with RAW (name → text, may be NULL) taking
 * precedence; DOCS and RAW are consumed */
static enum mm_err
load(json_t *docs, json_t *raw, struct catalog **out, struct err *e)
{
	json_t *texts = json_object(), *v;
	struct catalog_source src;
	const char *name;
	enum mm_err rc;

	json_object_foreach(docs, name, v) {
		char *s = json_dumps(v, JSON_INDENT(1));
		json_object_set_new(texts, name, json_string(s));
		free(s);
	}
	if (raw != NULL)
		json_object_update(texts, raw);
	src.read = src_read;
	src.ctx = texts;
	src.label = LABEL;
	rc = catalog_load(&src, out, e);
	json_decref(texts);
	json_decref(docs);
	json_decref(raw);
	return rc;
}

static json_t *
fresh(void)
{
	return json_deep_copy(orig);
}

static json_t *
items_of(json_t *docs, const char *file, const char *list)
{
	json_t *it = json_object_get(json_object_get(json_object_get(json_object_get(docs,
	    file), "lists"), list), "items");
	assert_non_null(it);
	return it;
}

static size_t
entry_index(json_t *items, const char *id)
{
	json_t *v;
	size_t i;

	json_array_foreach(items, i, v)
		if (strcmp(json_string_value(json_object_get(v, "id")), id) == 0)
			return i;
	print_error("no entry %s\n", id);
	fail();
	return 0;
}

/* One change. FILE, LIST (NULL: the document), ENTRY (NULL: the list
 * object itself), PATH ("a.b", NULL: the entry itself) and VALUE: NULL
 * deletes, "+json" appends to an array, else set to the JSON text. */
struct edit {
	const char *file, *list, *entry, *path, *value;
};

static void
apply(json_t *docs, const struct edit *ed)
{
	json_t *node = json_object_get(docs, ed->file), *items = NULL, *v;
	char path[128], *key, *dot;
	size_t idx = 0;

	if (ed->list != NULL) {
		node = json_object_get(json_object_get(node, "lists"), ed->list);
		if (ed->entry != NULL) {
			items = items_of(docs, ed->file, ed->list);
			idx = entry_index(items, ed->entry);
			node = json_array_get(items, idx);
		}
	}
	assert_non_null(node);
	if (ed->path == NULL) {
		assert_non_null(items);
		json_array_remove(items, idx);
		return;
	}
	snprintf(path, sizeof(path), "%s", ed->path);
	key = path;
	while ((dot = strchr(key, '.')) != NULL) {
		*dot = '\0';
		node = json_object_get(node, key);
		assert_non_null(node);
		key = dot + 1;
	}
	if (ed->value == NULL) {
		assert_int_equal(json_object_del(node, key), 0);
		return;
	}
	v = json_loads(ed->value + (ed->value[0] == '+'), JSON_DECODE_ANY, NULL);
	assert_non_null(v);
	if (ed->value[0] == '+')
		json_array_append_new(json_object_get(node, key), v);
	else
		json_object_set_new(node, key, v);
}

/* load DOCS/RAW (consumed) and check that it is refused as it should be;
 * returns false (after printing why) when it is not */
static bool
refused(json_t *docs, json_t *raw, const char *what, const char *file,
    const char *id, const char *also)
{
	struct catalog *c = (struct catalog *)&c;
	struct err e;
	char where[256];
	enum mm_err rc;

	memset(&e, 0, sizeof(e));
	rc = load(docs, raw, &c, &e);
	if (rc != MM_ECATALOG) {
		print_error("%s: loaded (%d) instead of MM_ECATALOG: %s\n", what, rc, e.msg);
		catalog_free(rc == MM_OK ? c : NULL);
		return false;
	}
	if (c != NULL) {
		print_error("%s: *out not NULL after a failure\n", what);
		return false;
	}
	snprintf(where, sizeof(where), "%s/%s: %s:", LABEL, file, id);
	if (strstr(e.msg, where) == NULL ||
	    (also != NULL && strstr(e.msg, also) == NULL)) {
		print_error("%s: message should hold \"%s\"%s%s: %s\n", what, where,
		    also ? " and " : "", also ? also : "", e.msg);
		return false;
	}
	return true;
}

static void
expect_refused(json_t *docs, json_t *raw, const char *what, const char *file,
    const char *id, const char *also)
{
	if (!refused(docs, raw, what, file, id, also))
		fail();
}

static void
test_embedded_loads(void **state)
{
	struct catalog *c = mmt_catalog();
	static const char *const lists[] = { "parts", "answers", "bands", "items",
		"importance", "threat-levels", "vulnerability-levels", "likelihood",
		"risk-bands", "media", "diagnosis-media", "industries", "pledges", "steps" };
	size_t i;

	(void)state;
	assert_string_equal(c->id, "ipa-sme-3.1");
	assert_string_equal(c->edition, "3.1");
	assert_true(strlen(c->title.ja) > 0 && strlen(c->title.en) > 0);
	assert_int_equal(c->diag.nitems, 25);
	assert_int_equal(c->diag.nbands, 4);
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		assert_non_null(catalog_list(c, lists[i]));
	assert_null(catalog_list(c, "no-such-list"));
	assert_non_null(catalog_find_id(c, "diag-25"));
	assert_non_null(catalog_find_id(c, "step-1-action-1")); /* nested */
	assert_null(catalog_find_id(c, "diag-26"));
	assert_string_equal(catalog_text(catalog_find_id(c, "diag-1"), "nope").ja, "");
	assert_string_equal(catalog_text(catalog_find_id(c, "diag-1"), "nope").en, "");
	assert_string_equal(c->diag.items[0].id, "diag-1");
	assert_string_equal(ltext_get(&c->diag.answers[DIAG_UNKNOWN].label, LANG_JA),
	    "わからない");
	assert_true(strlen(c->diag.items[24].advice[DIAG_UNKNOWN].en) > 0);
	catalog_free(c);
	catalog_free(NULL);
}

static void
test_dir_and_custom_source_match_embedded(void **state)
{
	struct catalog *emb = mmt_catalog(), *dir = NULL, *cus = NULL;
	char path[1024];
	struct err e;
	size_t i;

	(void)state;
	memset(&e, 0, sizeof(e));
	mmt_src_path("catalog/ipa-sme-3.1", path, sizeof(path));
	assert_ok(catalog_load_dir(path, &dir, &e), e);
	assert_ok(load(fresh(), NULL, &cus, &e), e);
	for (i = 0; i < emb->diag.nitems; i++) {
		assert_string_equal(emb->diag.items[i].question.ja, dir->diag.items[i].question.ja);
		assert_string_equal(emb->diag.items[i].title.en, cus->diag.items[i].title.en);
		assert_int_equal(emb->diag.items[i].na_allowed, cus->diag.items[i].na_allowed);
	}
	assert_int_equal(emb->nlists, dir->nlists);
	assert_int_equal(emb->nlists, cus->nlists);
	catalog_free(emb);
	catalog_free(dir);
	catalog_free(cus);
}

static void
test_missing_sources(void **state)
{
	struct catalog *c = NULL;
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_int_equal(catalog_load_dir("no/such/dir", &c, &e), MM_ECATALOG);
	assert_null(c);
	assert_has(e.msg, "no/such/dir/manifest.json");
	assert_int_equal(catalog_load_embedded("ipa-sme-0.0", &c, &e), MM_ECATALOG);
	assert_null(c);
	assert_has(e.msg, "catalog/ipa-sme-0.0/manifest.json");
}

struct broken {
	const char *what;
	struct edit ed[4];
	const char *file, *id, *also;
};

#define D "diagnosis.json"
static const struct broken cases[] = {
	/* generic rules */
	{ "duplicate id", { { D, "items", "diag-2", "id", "\"diag-1\"" } }, D, "diag-1", NULL },
	{ "id not a string", { { D, "items", "diag-3", "id", "3" } }, D, "items", NULL },
	{ "dangling _ref", { { D, "items", "diag-1", "part_ref", "\"nowhere\"" } }, D, "diag-1", "nowhere" },
	{ "_ref not a string", { { D, "items", "diag-1", "pledge_ref", "5" } }, D, "diag-1", "pledge_ref" },
	{ "_refs not an array", { { "media.json", "media", "paper", "threat_refs", "\"threat-theft\"" } },
	  "media.json", "paper", "threat_refs" },
	{ "dangling _refs", { { "media.json", "diagnosis-media", "map-cloud", "item_refs", "+\"diag-99\"" } },
	  "media.json", "map-cloud", "diag-99" },
	{ "text without en", { { D, "items", "diag-3", "title.en", NULL } }, D, "diag-3", "title" },
	{ "empty ja", { { D, "items", "diag-4", "question.ja", "\"\"" } }, D, "diag-4", "question" },
	{ "text with a third key", { { D, "items", "diag-5", "explanation.fr", "\"x\"" } }, D, "diag-5", NULL },
	{ "en not a string", { { D, "items", "diag-6", "title.en", "6" } }, D, "diag-6", NULL },
	{ "nested text", { { "steps.json", "steps", "step-1", "actions", "+{\"id\":\"step-1-x\",\"title\":{\"ja\":\"a\",\"en\":\"\"}}" } },
	  "steps.json", "step-1-x", NULL },
	/* 自社診断 items */
	{ "item no twice", { { D, "items", "diag-2", "no", "1" } }, D, "diag-2", NULL },
	{ "item no 26", { { D, "items", "diag-25", "no", "26" } }, D, "diag-25", NULL },
	{ "item no as text", { { D, "items", "diag-5", "no", "\"5\"" } }, D, "diag-5", NULL },
	{ "na_allowed missing", { { D, "items", "diag-9", "na_allowed", NULL } }, D, "diag-9", "na_allowed" },
	{ "na_allowed as text", { { D, "items", "diag-13", "na_allowed", "\"true\"" } }, D, "diag-13", "na_allowed" },
	{ "advice for unknown missing", { { D, "items", "diag-7", "advice.unknown", NULL } }, D, "diag-7", "unknown" },
	{ "item in the wrong part", { { D, "items", "diag-1", "part_ref", "\"employee\"" } }, D, "diag-1", "part_ref" },
	{ "question missing", { { D, "items", "diag-8", "question", NULL } }, D, "diag-8", "question" },
	{ "an item removed", { { D, "items", "diag-25", NULL, NULL } }, D, "organization", "25" },
	/* parts */
	{ "gap between parts", { { D, "parts", "employee", "first", "7" } }, D, "employee", "6" },
	{ "overlapping parts", { { D, "parts", "basic", "last", "6" } }, D, "employee", NULL },
	{ "part first > last", { { D, "parts", "basic", "first", "6" } }, D, "basic", NULL },
	{ "last part short", { { D, "parts", "organization", "last", "24" } }, D, "organization", "24" },
	{ "part without label", { { D, "parts", "basic", "label", NULL } }, D, "basic", "label" },
	/* answers */
	{ "points not decreasing", { { D, "answers", "partial", "points", "5" } }, D, "partial", NULL },
	{ "points as text", { { D, "answers", "yes", "points", "\"4\"" } }, D, "yes", "points" },
	{ "answer na missing", { { D, "answers", "na", NULL, NULL } }, D, "na", NULL },
	{ "unknown answer id", { { D, "answers", "na", "id", "\"maybe\"" } }, D, "maybe", NULL },
	{ "yes not positive", { { D, "answers", "yes", "points", "0" },
	  { D, "answers", "partial", "points", "-1" }, { D, "answers", "no", "points", "-2" },
	  { D, "answers", "unknown", "points", "-3" } }, D, "yes", NULL },
	{ "answer without label", { { D, "answers", "no", "label", NULL } }, D, "no", "label" },
	/* bands */
	{ "gap between bands", { { D, "bands", "mostly", "min", "71" } }, D, "bands", "70" },
	{ "overlapping bands", { { D, "bands", "insufficient", "max", "70" } }, D, "bands", "70" },
	{ "lowest total uncovered", { { D, "bands", "urgent", "min", "-24" } }, D, "bands", "-25" },
	{ "band without next_step", { { D, "bands", "mostly", "next_step", NULL } }, D, "mostly", "next_step" },
	{ "band min > max", { { D, "bands", "complete", "min", "101" } }, D, "complete", NULL },
	{ "no bands list", { { D, NULL, NULL, "lists.bands", NULL } }, "manifest.json", "bands", NULL },
	/* 付録7 risk tables and media */
	{ "likelihood combination missing", { { "risk.json", "likelihood", "likelihood-t2-v2", NULL, NULL } },
	  "risk.json", "likelihood", "2" },
	{ "likelihood combination twice", { { "risk.json", "likelihood", "likelihood-t1-v1", "threat", "2" },
	  { "risk.json", "likelihood", "likelihood-t1-v1", "vulnerability", "2" } },
	  "risk.json", "likelihood-t1-v1", NULL },
	{ "risk bands overlap", { { "risk.json", "risk-bands", "risk-medium", "min", "3" } },
	  "risk.json", "risk-bands", "3" },
	{ "importance level twice", { { "risk.json", "importance", "importance-2", "level", "1" } },
	  "risk.json", "importance-2", "level" },
	{ "threat level 4", { { "risk.json", "threat-levels", "threat-level-3", "level", "4" } },
	  "risk.json", "threat-level-3", NULL },
	{ "medium threat level 4", { { "media.json", "media", "cloud", "default_threat_level", "4" } },
	  "media.json", "cloud", NULL },
	{ "medium without threats", { { "media.json", "media", "cloud", "threat_refs", "[]" } },
	  "media.json", "cloud", NULL },
	{ "mapping to a non-item", { { "media.json", "diagnosis-media", "map-cloud", "item_refs", "[\"paper\"]" } },
	  "media.json", "map-cloud", "paper" },
	{ "medium without mapping", { { "media.json", "diagnosis-media", "map-office-pc", NULL, NULL } },
	  "media.json", "office-pc", NULL },
	{ "mapping without items", { { "media.json", "diagnosis-media", "map-cloud", "item_refs", "[]" } },
	  "media.json", "map-cloud", NULL },
	/* files and lists */
	{ "file listed but missing", { { "manifest.json", NULL, NULL, "files", "+\"missing.json\"" } },
	  "missing.json", "(全体)", NULL },
	{ "file listed twice", { { "manifest.json", NULL, NULL, "files", "+\"risk.json\"" } },
	  "manifest.json", "(全体)", "files" },
	{ "file in another folder", { { "manifest.json", NULL, NULL, "files", "+\"../x.json\"" } },
	  "manifest.json", "(全体)", "files" },
	{ "manifest without id", { { "manifest.json", NULL, NULL, "id", NULL } }, "manifest.json", "(全体)", "\"id\"" },
	{ "manifest title without en", { { "manifest.json", NULL, NULL, "title.en", NULL } },
	  "manifest.json", "(全体)", "title" },
	{ "extra top-level key", { { "cloud.json", NULL, NULL, "extra", "1" } }, "cloud.json", "(全体)", "lists" },
	{ "list without title", { { "cloud.json", "cloud-groups", NULL, "title", NULL } },
	  "cloud.json", "cloud-groups", "title" },
	{ "list name used twice", { { "cloud.json", NULL, NULL, "lists.items", "{\"title\":{\"ja\":\"a\",\"en\":\"b\"},\"items\":[]}" } },
	  "cloud.json", "items", NULL },
	{ "entry without id", { { "industries.json", "industries", "jsic-a", "id", NULL } },
	  "industries.json", "industries", "1" },
};
#undef D

static bool
run_case(const struct broken *b)
{
	json_t *docs = fresh();
	size_t k;

	for (k = 0; k < 4 && b->ed[k].file != NULL; k++)
		apply(docs, &b->ed[k]);
	return refused(docs, NULL, b->what, b->file, b->id, b->also);
}

/* every case is tried, so that one problem does not hide the others */
static void
test_broken_catalogs(void **state)
{
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		bad += !run_case(&cases[i]);
	assert_int_equal(bad, 0);
}

/* an entry whose id is not [a-z0-9-]: the message must name an id that
 * finds it (the entry's own id at the top level of a list; the enclosing
 * entry for a nested one) */
static void
test_bad_id_is_named(void **state)
{
	static const struct broken top = { "id with capitals",
		{ { "diagnosis.json", "items", "diag-3", "id", "\"Diag-3\"" } },
		"diagnosis.json", "Diag-3", NULL };
	static const struct broken nested = { "nested id with a space",
		{ { "steps.json", "steps", "step-1", "actions", "+{\"id\":\"bad id\"}" } },
		"steps.json", "step-1", "actions" };
	bool ok = run_case(&top);

	(void)state;
	ok &= run_case(&nested);
	assert_true(ok);
}

/* a broken text in a list's own title: the message must name the list */
static void
test_list_title_is_named(void **state)
{
	static const struct broken b = { "list title without ja",
		{ { "cloud.json", "cloud-groups", NULL, "title.ja", NULL } },
		"cloud.json", "cloud-groups", "title" };

	(void)state;
	assert_true(run_case(&b));
}

/* na_allowed on every item */
static void
test_all_items_allow_na(void **state)
{
	json_t *docs = fresh(), *v;
	size_t i;

	(void)state;
	json_array_foreach(items_of(docs, "diagnosis.json", "items"), i, v)
		json_object_set_new(v, "na_allowed", json_true());
	expect_refused(docs, NULL, "all na", "diagnosis.json", "items", "該当なし");
}

static json_t *
raw_replace(const char *file, const char *from, const char *to)
{
	const char *text = json_string_value(json_object_get(orig_raw, file));
	const char *at = strstr(text, from);
	json_t *raw;
	char *s;

	assert_non_null(at);
	s = calloc(1, strlen(text) + strlen(to) + 1);
	assert_non_null(s);
	snprintf(s, strlen(text) + strlen(to) + 1, "%.*s%s%s", (int)(at - text), text, to,
	    at + strlen(from));
	raw = json_object();
	json_object_set_new(raw, file, json_stringn_nocheck(s, strlen(s)));
	free(s);
	return raw;
}

static void
test_broken_json_text(void **state)
{
	(void)state;
	/* a duplicate key inside an entry (jansson refuses it on request) */
	expect_refused(fresh(), raw_replace("diagnosis.json", "\"id\": \"basic\"",
	    "\"id\": \"basic\", \"id\": \"basic\""), "duplicate key", "diagnosis.json",
	    "(全体)", "JSON");
	/* cut short */
	expect_refused(fresh(), json_pack("{ss}", "risk.json", "{\"lists\": {"),
	    "truncated", "risk.json", "(全体)", "JSON");
	expect_refused(fresh(), json_pack("{ss}", "cloud.json", "[]"),
	    "not an object", "cloud.json", "(全体)", NULL);
	expect_refused(fresh(), json_pack("{ss}", "manifest.json", ""),
	    "empty manifest", "manifest.json", "(全体)", NULL);
	/* invalid UTF-8 in a text */
	expect_refused(fresh(), raw_replace("diagnosis.json", "基本的対策",
	    "\xff\xfe"), "invalid UTF-8", "diagnosis.json", "(全体)", NULL);
}

static void
test_manifest_missing(void **state)
{
	json_t *docs = fresh();

	(void)state;
	json_object_del(docs, "manifest.json");
	expect_refused(docs, NULL, "no manifest", "manifest.json", "(全体)", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_embedded_loads),
		cmocka_unit_test(test_dir_and_custom_source_match_embedded),
		cmocka_unit_test(test_missing_sources),
		cmocka_unit_test(test_broken_catalogs),
		cmocka_unit_test(test_bad_id_is_named),
		cmocka_unit_test(test_list_title_is_named),
		cmocka_unit_test(test_all_items_allow_na),
		cmocka_unit_test(test_broken_json_text),
		cmocka_unit_test(test_manifest_missing),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
