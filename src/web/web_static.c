/* web_static.c — the embedded static files (CSS, icons), with an ETag
 * and a cache lifetime of a day. */
#include <string.h>

#include "util/embed.h"
#include "util/sha256.h"
#include "web/pages.h"

static const char *
content_type(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot == NULL)
		return "application/octet-stream";
	if (strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (strcmp(dot, ".js") == 0)
		return "application/javascript; charset=utf-8";
	if (strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	if (strcmp(dot, ".png") == 0)
		return "image/png";
	if (strcmp(dot, ".ico") == 0)
		return "image/x-icon";
	return "application/octet-stream";
}

static void
serve_file(struct web_req *r, const char *name)
{
	const char *path = arena_printf(r->req->arena, "static/%s", name);
	const struct embed_file *f;
	const char *inm, *v;
	char hash[SHA256_HEX_LEN], etag[24];

	if (path == NULL || strstr(name, "..") != NULL || strchr(name, '/') != NULL ||
	    (f = embed_find(path)) == NULL) {
		web_error(r, 404, "error.not_found", NULL);
		return;
	}
	sha256_hex(f->data, f->size, hash);
	snprintf(etag, sizeof(etag), "\"%.16s\"", hash);
	http_resp_header(r->resp, "ETag", etag);
	/* a URL with the content's version (?v=, see web_asset_version) never
	 * changes: cache it for a year; other URLs for a day */
	v = http_query(r->req, "v");
	http_resp_header(r->resp, "Cache-Control", v != NULL && strlen(v) == 16 &&
	    strncmp(v, hash, 16) == 0 ? "public, max-age=31536000, immutable" :
	    "public, max-age=86400");
	inm = http_header(r->req, "If-None-Match");
	if (inm != NULL && strcmp(inm, etag) == 0) {
		r->resp->status = 304;
		r->resp->content_type = NULL;
		return;
	}
	r->resp->content_type = content_type(name);
	buf_append(&r->resp->body, f->data, f->size);
}

void
web_asset_version(const char *name, char out[17])
{
	const struct embed_file *f;
	char hash[SHA256_HEX_LEN], path[128];

	snprintf(path, sizeof(path), "static/%s", name);
	f = embed_find(path);
	if (f == NULL) {
		out[0] = '\0';
		return;
	}
	sha256_hex(f->data, f->size, hash);
	memcpy(out, hash, 16);
	out[16] = '\0';
}

void
page_static(struct web_req *r)
{
	serve_file(r, web_param(r, 0));
}

void
page_favicon(struct web_req *r)
{
	serve_file(r, "icon.svg");
}
