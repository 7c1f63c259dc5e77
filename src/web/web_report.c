/* web_report.c — the printed documents as PDF downloads. See
 * web_report.h. */
#include "web/web_report.h"

#include <stdio.h>
#include <string.h>

#include "app/diag_report.h"
#include "render/pdf_out.h"
#include "web/web_diag.h"

/* the "report" labels of the request's language (borrowed) */
static const json_t *
labels(struct web_req *r)
{
	return json_object_get(locale_tree(r->w->locale, r->lang), "report");
}

/* NAME percent-encoded for filename*=UTF-8''… (RFC 8187: attr-chars
 * stay, every other byte is %XX), in the request's arena */
static const char *
ext_value(struct web_req *r, const char *name)
{
	static const char attr[] = "!#$&+-.^_`|~";
	struct buf b;
	const char *s;
	const unsigned char *p;

	buf_init(&b, 4096);
	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr(attr, *p) != NULL)
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	s = arena_strdup(r->req->arena, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* D (consumed) as a PDF attachment called ASCII_NAME, or TITLE-SUFFIX.pdf
 * for clients that read filename*; a NULL D answers 500 */
static void
send_pdf(struct web_req *r, struct doc *d, const char *ascii_name, const char *suffix)
{
	struct buf b;
	struct err e;

	if (d == NULL) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	buf_init(&b, 64u * 1024 * 1024);
	err_clear(&e);
	if (pdf_out(d, &b, &e) != MM_OK) {
		fprintf(stderr, "mamori: %s %s: %s\n", r->req->method, r->req->path, e.msg);
		web_error(r, 500, "error.internal", NULL);
	} else {
		r->resp->status = 200;
		r->resp->content_type = "application/pdf";
		http_resp_header(r->resp, "Content-Disposition", arena_printf(r->req->arena,
		    "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii_name,
		    ext_value(r, arena_printf(r->req->arena, "%s-%s.pdf", d->title, suffix))));
		buf_append(&r->resp->body, b.data ? b.data : "", b.len);
	}
	buf_free(&b);
	doc_free(d);
}

void
page_diag_report_pdf(struct web_req *r)
{
	struct doc *d = NULL;
	struct err e;
	long long id;

	if (!diag_web_id(web_param(r, 0), &id)) {
		web_error(r, 404, "error.not_found", NULL);
		return;
	}
	err_clear(&e);
	if (diag_report_build(&r->app, &r->org, id, r->lang, labels(r), &d, &e) != MM_OK) {
		diag_web_fail(r, &e);
		return;
	}
	send_pdf(r, d, arena_printf(r->req->arena, "mamori-report-%s-%lld.pdf", r->org.slug, id),
	    arena_printf(r->req->arena, "%s-%lld", r->org.slug, id));
}

static void
sheet_pdf(struct web_req *r, long long id)
{
	struct doc *d = NULL;
	struct err e;

	err_clear(&e);
	if (diag_sheet_build(&r->app, &r->org, id, r->lang, labels(r), &d, &e) != MM_OK) {
		diag_web_fail(r, &e);
		return;
	}
	if (id > 0)
		send_pdf(r, d, arena_printf(r->req->arena, "mamori-sheet-%s-%lld.pdf",
		    r->org.slug, id), arena_printf(r->req->arena, "%s-%lld", r->org.slug, id));
	else
		send_pdf(r, d, arena_printf(r->req->arena, "mamori-sheet-%s.pdf", r->org.slug),
		    r->org.slug);
}

void
page_diag_round_sheet_pdf(struct web_req *r)
{
	long long id;

	if (!diag_web_id(web_param(r, 0), &id)) {
		web_error(r, 404, "error.not_found", NULL);
		return;
	}
	sheet_pdf(r, id);
}

void
page_diag_sheet_pdf(struct web_req *r)
{
	sheet_pdf(r, 0);
}

void
page_pledge_sheet_pdf(struct web_req *r)
{
	struct doc *d = NULL;
	struct err e;

	err_clear(&e);
	if (pledge_sheet_build(&r->app, &r->org, r->lang, labels(r), &d, &e) != MM_OK) {
		fprintf(stderr, "mamori: %s %s: %s\n", r->req->method, r->req->path, e.msg);
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	send_pdf(r, d, arena_printf(r->req->arena, "mamori-pledge-%s.pdf", r->org.slug),
	    r->org.slug);
}
