/* cmd_doc.c — mamori doc: the policy documents (基本方針, ハンドブック,
 * 関連規程) — generated from the organisation's data, edited, compared,
 * approved by an owner, published, read by the members, and written as
 * Markdown, HTML, PDF or DOCX. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/doc_generate.h"
#include "app/document_service.h"
#include "app/org_service.h"
#include "app/role_holder_service.h"
#include "cli/asset_print.h"
#include "cli/cli.h"
#include "cli/doc_write.h"
#include "cli/opt.h"
#include "util/clock.h"
#include "util/fileio.h"
#include "util/text.h"

#define DOC_SYNOPSIS \
	"mamori doc list [--format text|json]\n" \
	"       mamori doc generate policy|handbook|regulations [--as EMAIL] [--lang ja|en]\n" \
	"       mamori doc show ID [--version N] [--format text|json]\n" \
	"       mamori doc render ID [--version N] --format md|html|pdf|docx [-o FILE]\n" \
	"       mamori doc edit ID --file FILE [--note 説明] [--as EMAIL]\n" \
	"       mamori doc diff ID FROM TO\n" \
	"       mamori doc approve ID --as EMAIL [--version N]\n" \
	"       mamori doc publish ID [--version N]\n" \
	"       mamori doc readers ID [--format text|json]\n" \
	"       mamori doc preview policy|handbook|regulations [--format md|html|pdf|docx] [-o FILE]\n" \
	"       (どれも [--org SLUG] で組織を指定できます)"

/* What one run of mamori doc was given. */
struct doc_args {
	const char *slug, *format, *file, *lang_s, *as, *version_s, *note, *input;
	const char *pos[OPT_MAX_POS];
	int npos;
	enum lang lang;
	int version;
};

static const char *const status_names[][2] = {
	{ "none", "未作成" }, { "draft", "下書き" }, { "approved", "承認済み" },
	{ "published", "公開中" },
};

static const char *
status_label(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(status_names) / sizeof(status_names[0]); i++)
		if (s != NULL && strcmp(status_names[i][0], s) == 0)
			return status_names[i][1];
	return s ? s : "";
}

/* the positional argument I as a positive id into *OUT */
static bool
pos_id(const struct doc_args *d, int i, long long *out)
{
	long v;

	if (d->npos <= i || !text_parse_long(d->pos[i], &v) || v <= 0)
		return false;
	*out = v;
	return true;
}

/* the account of O with e-mail EMAIL into *ID (0 when EMAIL is NULL);
 * refused when it is not a user of O */
static enum mm_err
account_of(struct app *a, const struct org *o, const char *email, long long *id,
    struct err *e)
{
	*id = 0;
	return email == NULL ? MM_OK : role_holder_member(a, o, email, id, e);
}

/* the message KEY as the error E, printed */
static int
cli_error_key(struct err *e, const char *key)
{
	err_key(e, MM_EINVAL, key);
	return cli_error(e);
}

/* BYTES to FILE, or to standard output when FILE is NULL */
static int
write_out(const struct buf *b, const char *file, const char *what)
{
	FILE *f;

	if (file == NULL) {
		fwrite(buf_cstr(b), 1, b->len, stdout);
		return CLI_OK;
	}
	if ((f = fopen(file, "wb")) == NULL || fwrite(buf_cstr(b), 1, b->len, f) != b->len ||
	    fclose(f) != 0) {
		fprintf(stderr, "mamori: %s に書き込めません\n", file);
		return CLI_FAIL;
	}
	fprintf(stderr, "%s を %s に書き出しました。\n", what, file);
	return CLI_OK;
}

static void
print_left_out(json_t *left)
{
	json_t *it;
	size_t i;

	json_array_foreach(left, i, it)
		fprintf(stderr, "省いた部分: %s — %s\n",
		    json_string_value(json_object_get(it, "label")),
		    json_string_value(json_object_get(it, "why")));
}

static int
doc_preview(struct app *a, const struct org *o, struct doc_args *d)
{
	struct doc_generated g;
	struct buf b;
	struct err e;
	char now[CLOCK_ISO_LEN];
	int rc;

	err_clear(&e);
	if (doc_generate(a, o, d->pos[1], d->lang, &g, &e) != MM_OK)
		return cli_error(&e);
	print_left_out(g.left_out);
	clock_now_iso(now);
	buf_init(&b, 64u * 1024 * 1024);
	if (document_output(g.title, o->name, now, d->lang, g.markdown, d->format, &b, &e) != MM_OK)
		rc = cli_error(&e);
	else
		rc = write_out(&b, d->file, g.title);
	buf_free(&b);
	doc_generated_free(&g);
	return rc;
}

static int
doc_list(struct app *a, const struct org *o, struct doc_args *d)
{
	struct err e;
	json_t *v, *it;
	size_t i;

	err_clear(&e);
	if ((v = document_list_view(a, o, d->lang, 0, &e)) == NULL)
		return cli_error(&e);
	if (strcmp(d->format, "json") == 0)
		return cli_print_json(v);
	ap_col(stdout, "ID", 5);
	ap_col(stdout, "種類", 13);
	ap_col(stdout, "文書", 30);
	ap_col(stdout, "状態", 10);
	printf("版 (最新/承認/公開)\n");
	json_array_foreach(json_object_get(v, "documents"), i, it) {
		char id[24] = "-";
		if (json_object_get(it, "id"))
			snprintf(id, sizeof(id), "%lld",
			    (long long)json_integer_value(json_object_get(it, "id")));
		ap_col(stdout, id, 5);
		ap_col(stdout, json_string_value(json_object_get(it, "kind")), 13);
		ap_col(stdout, json_string_value(json_object_get(it, "title")), 30);
		ap_col(stdout, status_label(json_string_value(json_object_get(it, "status"))), 10);
		printf("%lld/%lld/%lld\n", (long long)json_integer_value(json_object_get(it, "versions")),
		    (long long)json_integer_value(json_object_get(it, "approved")),
		    (long long)json_integer_value(json_object_get(it, "published")));
	}
	json_decref(v);
	return CLI_OK;
}

static int
doc_generate_cmd(struct app *a, const struct org *o, struct doc_args *d)
{
	long long id = 0, account = 0;
	int number = 0;
	json_t *left = NULL;
	struct err e;

	err_clear(&e);
	if (account_of(a, o, d->as, &account, &e) != MM_OK ||
	    document_generate(a, o, d->pos[1], d->lang, account, &id, &number, &left, &e) != MM_OK)
		return cli_error(&e);
	print_left_out(left);
	json_decref(left);
	fprintf(stderr, "%s の第%d版 (下書き) を作りました。承認は mamori doc approve %lld --as 経営者のメール\n",
	    document_kind_title(a, d->pos[1], LANG_JA), number, id);
	printf("%lld\n", id);
	return CLI_OK;
}

static int
doc_show(struct app *a, const struct org *o, struct doc_args *d, long long id)
{
	struct err e;
	json_t *v, *it;
	size_t i;

	err_clear(&e);
	if ((v = document_view(a, o, id, d->version, d->lang, 0, true, &e)) == NULL)
		return cli_error(&e);
	if (strcmp(d->format, "json") == 0)
		return cli_print_json(v);
	printf("%s 第%lld版 (%s)\n", json_string_value(json_object_get(v, "title")),
	    (long long)json_integer_value(json_object_get(v, "number")),
	    status_label(json_string_value(json_object_get(v, "status"))));
	json_array_foreach(json_object_get(v, "versions"), i, it) {
		const char *ap = json_string_value(json_object_get(it, "approved_at"));
		const char *pub = json_string_value(json_object_get(it, "published_at"));
		const char *note = json_string_value(json_object_get(it, "note"));
		printf("  第%lld版  %s  %s %s%s%s%s%s%s%s\n",
		    (long long)json_integer_value(json_object_get(it, "number")),
		    json_string_value(json_object_get(it, "created_at")),
		    strcmp(json_string_value(json_object_get(it, "origin")), "generated") == 0 ?
		    "生成" : "編集", json_string_value(json_object_get(it, "created_by")),
		    ap ? "  承認: " : "", ap ? json_string_value(json_object_get(it, "approved_by")) : "",
		    pub ? "  公開: " : "", pub ? pub : "", note && *note ? "  " : "", note ? note : "");
	}
	json_decref(v);
	return CLI_OK;
}

static int
doc_render(struct app *a, const struct org *o, struct doc_args *d, long long id)
{
	char title[DOCUMENT_TITLE_MAX];
	struct buf b;
	struct err e;
	int rc;

	err_clear(&e);
	buf_init(&b, 64u * 1024 * 1024);
	if (document_render(a, o, id, d->version, d->format, d->lang, &b, title, &e) != MM_OK)
		rc = cli_error(&e);
	else
		rc = write_out(&b, d->file, title);
	buf_free(&b);
	return rc;
}

static int
doc_edit(struct app *a, const struct org *o, struct doc_args *d, long long id)
{
	long long account = 0;
	int number = 0;
	struct buf b;
	struct err e;
	int rc = CLI_OK;

	err_clear(&e);
	buf_init(&b, DOCUMENT_MARKDOWN_MAX + 1);
	if (file_read_all(d->input, DOCUMENT_MARKDOWN_MAX, &b, &e) != MM_OK)
		rc = cli_error(&e);
	else if (memchr(buf_cstr(&b), '\0', b.len) != NULL)
		rc = cli_error_key(&e, "err.document.nul");
	else if (account_of(a, o, d->as, &account, &e) != MM_OK ||
	    document_save(a, o, id, buf_cstr(&b), d->note, 0, account, &number, &e) != MM_OK)
		rc = cli_error(&e);
	else
		fprintf(stderr, "第%d版 (下書き) として保存しました。\n", number);
	buf_free(&b);
	return rc;
}

static int
doc_diff(struct app *a, const struct org *o, struct doc_args *d, long long id)
{
	long long from, to;
	struct err e;
	json_t *v, *l;
	size_t i;

	if (!pos_id(d, 2, &from) || !pos_id(d, 3, &to))
		return cli_usage(DOC_SYNOPSIS, "比べる二つの版の番号を指定してください");
	err_clear(&e);
	if ((v = document_diff_view(a, o, id, (int)from, (int)to, &e)) == NULL)
		return cli_error(&e);
	printf("--- 第%lld版\n+++ 第%lld版\n", from, to);
	json_array_foreach(json_object_get(v, "lines"), i, l) {
		const char *op = json_string_value(json_object_get(l, "op"));
		if (strcmp(op, "skip") == 0)
			printf("@@ 変更のない %lld 行 @@\n",
			    (long long)json_integer_value(json_object_get(l, "count")));
		else
			printf("%c%s\n", op[0] == 'a' ? '+' : op[0] == 'd' ? '-' : ' ',
			    json_string_value(json_object_get(l, "text")));
	}
	fprintf(stderr, "追加 %lld 行、削除 %lld 行\n",
	    (long long)json_integer_value(json_object_get(v, "added")),
	    (long long)json_integer_value(json_object_get(v, "removed")));
	json_decref(v);
	return CLI_OK;
}

static int
doc_approve(struct app *a, const struct org *o, struct doc_args *d, long long id)
{
	long long account = 0;
	struct err e;

	if (d->as == NULL)
		return cli_usage(DOC_SYNOPSIS, "承認する経営者 (owner) を --as EMAIL で指定してください");
	err_clear(&e);
	if (account_of(a, o, d->as, &account, &e) != MM_OK ||
	    document_approve(a, o, id, d->version, account, &e) != MM_OK)
		return cli_error(&e);
	fprintf(stderr, "承認しました。公開は mamori doc publish %lld\n", id);
	return CLI_OK;
}

static int
doc_publish(struct app *a, const struct org *o, struct doc_args *d, long long id)
{
	struct err e;

	err_clear(&e);
	if (document_publish(a, o, id, d->version, &e) != MM_OK)
		return cli_error(&e);
	fprintf(stderr, "公開しました。従業員の画面に「読むべき文書」として表示されます。\n");
	return CLI_OK;
}

static int
doc_readers(struct app *a, const struct org *o, struct doc_args *d, long long id)
{
	struct err e;
	json_t *v, *r, *p;
	size_t i;

	err_clear(&e);
	if ((v = document_view(a, o, id, 0, d->lang, 0, true, &e)) == NULL)
		return cli_error(&e);
	r = json_object_get(v, "readers");
	if (strcmp(d->format, "json") == 0) {
		json_incref(r ? r : json_null());
		json_decref(v);
		return cli_print_json(r ? r : json_null());
	}
	if (r == NULL) {
		json_decref(v);
		fprintf(stderr, "mamori: この文書はまだ公開されていません\n");
		return CLI_FAIL;
	}
	fprintf(stderr, "第%lld版を読んだ人: %lld / %lld\n",
	    (long long)json_integer_value(json_object_get(r, "number")),
	    (long long)json_integer_value(json_object_get(r, "acked")),
	    (long long)json_integer_value(json_object_get(r, "total")));
	json_array_foreach(json_object_get(r, "pending"), i, p)
		printf("%s\n", json_string_value(json_object_get(p, "email")));
	json_decref(v);
	return CLI_OK;
}

/* the subcommand D->pos[0] on organisation O */
static int
run(struct app *a, const struct org *o, struct doc_args *d)
{
	const char *sub = d->pos[0];
	long long id = 0;

	if (strcmp(sub, "list") == 0)
		return doc_list(a, o, d);
	if (strcmp(sub, "preview") == 0)
		return doc_preview(a, o, d);
	if (strcmp(sub, "generate") == 0)
		return doc_generate_cmd(a, o, d);
	if (!pos_id(d, 1, &id))
		return cli_usage(DOC_SYNOPSIS, "文書の ID (mamori doc list で表示) を指定してください");
	if (strcmp(sub, "show") == 0)
		return doc_show(a, o, d, id);
	if (strcmp(sub, "render") == 0)
		return doc_render(a, o, d, id);
	if (strcmp(sub, "edit") == 0)
		return doc_edit(a, o, d, id);
	if (strcmp(sub, "diff") == 0)
		return doc_diff(a, o, d, id);
	if (strcmp(sub, "approve") == 0)
		return doc_approve(a, o, d, id);
	if (strcmp(sub, "publish") == 0)
		return doc_publish(a, o, d, id);
	return doc_readers(a, o, d, id);
}

/* the arguments checked before the database is opened */
static int
check_args(struct doc_args *d)
{
	static const char *const subs[] = {
		"list", "generate", "show", "render", "edit", "diff", "approve", "publish",
		"readers", "preview"
	};
	const char *sub = d->npos > 0 ? d->pos[0] : "";
	bool known = false, text_fmt, file_fmt;
	size_t i;
	long v;

	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		known |= strcmp(sub, subs[i]) == 0;
	if (!known)
		return cli_usage(DOC_SYNOPSIS, "list, generate, show, render, edit, diff, approve,"
		    " publish, readers, preview のどれかを指定してください");
	if ((strcmp(sub, "generate") == 0 || strcmp(sub, "preview") == 0) &&
	    d->npos != 2)
		return cli_usage(DOC_SYNOPSIS,
		    "文書の種類は policy (基本方針)、handbook (ハンドブック)、regulations (関連規程) です");
	if (lang_parse(d->lang_s, &d->lang) != 0)
		return cli_usage(DOC_SYNOPSIS, "--lang は ja か en です");
	if (d->version_s != NULL) {
		if (!text_parse_long(d->version_s, &v) || v <= 0 || v > 1000000)
			return cli_usage(DOC_SYNOPSIS, "--version は 1 以上の版の番号です");
		d->version = (int)v;
	}
	text_fmt = strcmp(sub, "list") == 0 || strcmp(sub, "show") == 0 ||
	    strcmp(sub, "readers") == 0;
	file_fmt = strcmp(sub, "render") == 0 || strcmp(sub, "preview") == 0;
	if (d->format == NULL)
		d->format = text_fmt ? "text" : "md";
	if (text_fmt && strcmp(d->format, "text") != 0 && strcmp(d->format, "json") != 0)
		return cli_usage(DOC_SYNOPSIS, "--format は text か json です");
	if (file_fmt && strcmp(d->format, "md") != 0 && strcmp(d->format, "html") != 0 &&
	    strcmp(d->format, "pdf") != 0 && strcmp(d->format, "docx") != 0)
		return cli_usage(DOC_SYNOPSIS, "--format は md, html, pdf, docx のどれかです");
	if (file_fmt && d->file == NULL && (strcmp(d->format, "pdf") == 0 ||
	    strcmp(d->format, "docx") == 0) && isatty(STDOUT_FILENO))
		return cli_usage(DOC_SYNOPSIS, "PDF と DOCX は -o FILE で書き出し先を指定してください");
	if (strcmp(sub, "edit") == 0 && d->input == NULL)
		return cli_usage(DOC_SYNOPSIS, "新しい版の Markdown を --file FILE (- は標準入力) で指定してください");
	return CLI_OK;
}

int
cmd_doc(struct cli *c, int argc, char **argv)
{
	struct doc_args d;
	bool help = false;
	struct app a;
	struct org o;
	struct err e;
	size_t i;
	int rc;

	memset(&d, 0, sizeof(d));
	d.lang_s = "ja";
	{
		const struct opt opts[] = {
			{ "org", &d.slug, NULL }, { "format", &d.format, NULL },
			{ "output", &d.file, NULL }, { "lang", &d.lang_s, NULL },
			{ "as", &d.as, NULL }, { "version", &d.version_s, NULL },
			{ "note", &d.note, NULL }, { "file", &d.input, NULL },
			{ "help", NULL, &help }, { NULL, NULL, NULL }
		};
		/* "-o FILE" as well as "--output" */
		for (i = 1; i < (size_t)argc; i++)
			if (strcmp(argv[i], "-o") == 0)
				argv[i] = (char *)"--output";
		if (!opt_parse(argc, argv, opts, d.pos, &d.npos, DOC_SYNOPSIS))
			return CLI_USAGE;
	}
	if (help) {
		printf("使い方: %s\n", DOC_SYNOPSIS);
		return CLI_OK;
	}
	if ((rc = check_args(&d)) != CLI_OK)
		return rc;
	cli_doc_prepare(d.format);   /* the fonts load while the database opens */
	if (!cli_open(c, &a, false))
		return CLI_FAIL;
	err_clear(&e);
	if (org_resolve(&a, d.slug, &o, &e) != MM_OK)
		rc = cli_error(&e);
	else
		rc = run(&a, &o, &d);
	app_close(&a);
	return rc;
}
