/* web_static.c — the embedded static files (CSS, icons), with an ETag
 * and a cache lifetime of a day. The files never change while mamori
 * runs: each one's version (the start of its SHA-256) is computed once. */
#include <pthread.h>
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

#define STATIC_MAX 64

/* the static files and their versions, filled once */
static struct {
	const struct embed_file *f;
	char version[17];
} statics[STATIC_MAX];
static size_t nstatics;
static pthread_once_t statics_once = PTHREAD_ONCE_INIT;

static void
statics_load(void)
{
	const struct embed_file *f;
	char hash[SHA256_HEX_LEN];

	for (f = embed_files; f->name != NULL && nstatics < STATIC_MAX; f++) {
		if (strncmp(f->name, "static/", 7) != 0)
			continue;
		sha256_hex(f->data, f->size, hash);
		statics[nstatics].f = f;
		memcpy(statics[nstatics].version, hash, 16);
		statics[nstatics].version[16] = '\0';
		nstatics++;
	}
}

/* the static file NAME ("app.css") and its version, or NULL */
static const struct embed_file *
static_find(const char *name, const char **version)
{
	size_t i;

	pthread_once(&statics_once, statics_load);
	for (i = 0; i < nstatics; i++)
		if (strcmp(statics[i].f->name + 7, name) == 0) {
			*version = statics[i].version;
			return statics[i].f;
		}
	return NULL;
}

static void
serve_file(struct web_req *r, const char *name)
{
	const struct embed_file *f;
	const char *inm, *v, *hash = NULL;
	char etag[24];

	if (strstr(name, "..") != NULL || strchr(name, '/') != NULL ||
	    (f = static_find(name, &hash)) == NULL) {
		web_error(r, 404, "error.not_found", NULL);
		return;
	}
	snprintf(etag, sizeof(etag), "\"%s\"", hash);
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
	const char *version = "";

	static_find(name, &version);
	snprintf(out, 17, "%s", version);
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
