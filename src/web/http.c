/* http.c — the HTTP server over libmicrohttpd (the only file that sees
 * it). See http.h. */
#include "web/http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <zlib.h>

#include "util/text.h"

#define GZIP_MIN_BYTES 1024
#define POST_BUFFER 16384

struct http_server {
	struct MHD_Daemon *d;
	struct http_config cfg;
	http_handler_fn handler;
	http_error_fn error_page;
	void *ctx;
	uint16_t port;
};

/* the state of one request while it is read */
struct conn {
	struct arena arena;
	struct http_req req;
	struct MHD_PostProcessor *pp;
	struct buf raw;     /* body that is not a form */
	struct buf field;   /* the form field being received */
	char *field_key;
	char *field_filename;
	char *field_type;
	struct http_kv **form_tail;    /* where the next field goes */
	struct http_file **files_tail; /* where the next file goes */
	size_t body_seen;
	int error;          /* a status to answer with instead of the handler */
};

const char *
http_kv_get(const struct http_kv *list, const char *name, bool nocase)
{
	for (; list != NULL; list = list->next)
		if (nocase ? strcasecmp(list->key, name) == 0 : strcmp(list->key, name) == 0)
			return list->value;
	return NULL;
}

const char *
http_header(const struct http_req *r, const char *name)
{
	return http_kv_get(r->headers, name, true);
}

const char *
http_cookie(const struct http_req *r, const char *name)
{
	return http_kv_get(r->cookies, name, false);
}

const char *
http_query(const struct http_req *r, const char *name)
{
	return http_kv_get(r->query, name, false);
}

const char *
http_form(const struct http_req *r, const char *name)
{
	return http_kv_get(r->form, name, false);
}

bool
http_kv_add(struct arena *a, struct http_kv **list, const char *name,
    const char *value, size_t len)
{
	struct http_kv *kv = arena_alloc(a, sizeof(*kv)), **tail;

	if (kv == NULL || (kv->key = arena_strdup(a, name)) == NULL ||
	    (kv->value = arena_strndup(a, value ? value : "", value ? len : 0)) == NULL)
		return false;
	kv->len = value ? len : 0;
	for (tail = list; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = kv;
	return true;
}

void
http_resp_init(struct http_resp *resp, struct arena *a)
{
	memset(resp, 0, sizeof(*resp));
	resp->status = 200;
	resp->content_type = "text/html; charset=utf-8";
	resp->arena = a;
	buf_init(&resp->body, 0);
}

void
http_resp_header(struct http_resp *resp, const char *name, const char *value)
{
	http_kv_add(resp->arena, &resp->headers, name, value, strlen(value));
}

void
http_resp_free(struct http_resp *resp)
{
	buf_free(&resp->body);
}

void
http_config_defaults(struct http_config *c)
{
	memset(c, 0, sizeof(*c));
	c->listen = "127.0.0.1:8080";
	c->threads = 2;
	c->max_connections = 512;
	c->timeout_seconds = 30;
	c->max_header_bytes = 16 * 1024;
	c->max_body_bytes = 8 * 1024 * 1024;
	c->max_arena_bytes = 64 * 1024 * 1024;
}

bool
http_gzip_wanted(const struct http_req *r)
{
	const char *ae = http_header(r, "Accept-Encoding");

	return ae != NULL && strstr(ae, "gzip") != NULL && strstr(ae, "gzip;q=0") == NULL;
}

/* http_kv_add at *TAIL, the end of a list being built, which moves on:
 * a list of N entries is built in O(N), not O(N^2) (a form body can hold
 * hundreds of thousands of fields) */
static bool
kv_append(struct arena *a, struct http_kv ***tail, const char *name,
    const char *value, size_t len)
{
	if (!http_kv_add(a, *tail, name, value, len))
		return false;
	*tail = &(**tail)->next;
	return true;
}

/* collect header/cookie/query values from MHD into a list */
struct collect {
	struct conn *c;
	struct http_kv **tail;
	size_t bytes;
	bool failed;
};

static enum MHD_Result
collect_kv(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
    const char *value, size_t value_size)
{
	struct collect *k = cls;

	(void)kind;
	k->bytes += key_size + value_size + 4;
	if (!kv_append(&k->c->arena, &k->tail, key, value, value ? value_size : 0))
		k->failed = true;
	return MHD_YES;
}

static bool
collect(struct MHD_Connection *con, struct conn *c, enum MHD_ValueKind kind,
    struct http_kv **list, size_t *bytes)
{
	struct collect k = { c, list, 0, false };

	MHD_get_connection_values_n(con, kind, collect_kv, &k);
	if (bytes != NULL)
		*bytes = k.bytes;
	return !k.failed;
}

static bool
field_flush(struct conn *c)
{
	struct http_file *f;
	bool ok = true;

	if (c->field_key == NULL)
		return true;
	if (c->field_filename != NULL) {
		f = arena_alloc(&c->arena, sizeof(*f));
		if (f == NULL || (f->data = arena_strndup(&c->arena, buf_cstr(&c->field),
		    c->field.len)) == NULL) {
			ok = false;
		} else {
			f->field = arena_strdup(&c->arena, c->field_key);
			f->filename = arena_strdup(&c->arena, c->field_filename);
			f->content_type = arena_strdup(&c->arena,
			    c->field_type ? c->field_type : "application/octet-stream");
			f->size = c->field.len;
			*c->files_tail = f;
			c->files_tail = &f->next;
		}
	} else {
		ok = kv_append(&c->arena, &c->form_tail, c->field_key, buf_cstr(&c->field),
		    c->field.len);
	}
	free(c->field_key);
	free(c->field_filename);
	free(c->field_type);
	c->field_key = c->field_filename = c->field_type = NULL;
	buf_reset(&c->field);
	return ok;
}

static char *
dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static enum MHD_Result
post_iter(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *filename, const char *content_type, const char *transfer_encoding,
    const char *data, uint64_t off, size_t size)
{
	struct conn *c = cls;

	(void)kind;
	(void)transfer_encoding;
	/* a multipart part without a name (RFC 7578 requires one) can not be
	 * looked up: skipped, as the field before it stays pending */
	if (key == NULL)
		return MHD_YES;
	if (off == 0 || c->field_key == NULL || strcmp(c->field_key, key) != 0) {
		if (!field_flush(c))
			return MHD_NO;
		c->field_key = strdup(key);
		c->field_filename = dup_or_null(filename);
		c->field_type = dup_or_null(content_type);
		if (c->field_key == NULL)
			return MHD_NO;
	}
	if (size > 0 && !buf_append(&c->field, data, size)) {
		c->error = 413;
		return MHD_NO;
	}
	return MHD_YES;
}

static void
conn_free(struct conn *c)
{
	if (c == NULL)
		return;
	if (c->pp != NULL)
		MHD_destroy_post_processor(c->pp);
	buf_free(&c->raw);
	buf_free(&c->field);
	free(c->field_key);
	free(c->field_filename);
	free(c->field_type);
	arena_free(&c->arena);
	free(c);
}

static void
on_completed(void *cls, struct MHD_Connection *con, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)con;
	(void)toe;
	conn_free(*con_cls);
	*con_cls = NULL;
}

static bool
compressible(const char *type)
{
	return type != NULL && (strncmp(type, "text/", 5) == 0 ||
	    strncmp(type, "application/json", 16) == 0 ||
	    strncmp(type, "image/svg+xml", 13) == 0 ||
	    strncmp(type, "application/javascript", 22) == 0);
}

/* gzip SRC into OUT; false on failure */
static bool
gzip_buf(const struct buf *src, struct buf *out)
{
	z_stream z;
	unsigned char chunk[16384];
	int rc;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return false;
	z.next_in = (unsigned char *)(uintptr_t)buf_cstr(src);
	z.avail_in = (uInt)src->len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		rc = deflate(&z, Z_FINISH);
		if (rc == Z_STREAM_ERROR ||
		    !buf_append(out, chunk, sizeof(chunk) - z.avail_out)) {
			deflateEnd(&z);
			return false;
		}
	} while (rc != Z_STREAM_END);
	deflateEnd(&z);
	return true;
}

static enum MHD_Result
send_resp(struct MHD_Connection *con, struct http_req *req, struct http_resp *resp)
{
	struct MHD_Response *r;
	struct http_kv *h;
	struct buf gz;
	enum MHD_Result ret;
	bool zipped = false;
	size_t len;
	char *data;

	buf_init(&gz, 0);
	if (resp->body.len >= GZIP_MIN_BYTES && compressible(resp->content_type) &&
	    http_gzip_wanted(req) && http_kv_get(resp->headers, "Content-Encoding", true) == NULL)
		zipped = gzip_buf(&resp->body, &gz);
	if (zipped) {
		len = gz.len;
		data = buf_steal(&gz);
	} else {
		buf_free(&gz);
		len = resp->body.len;
		data = buf_steal(&resp->body);
	}
	if (data == NULL)
		return MHD_NO;
	r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	if (r == NULL) {
		free(data);
		return MHD_NO;
	}
	if (resp->content_type != NULL)
		MHD_add_response_header(r, "Content-Type", resp->content_type);
	if (zipped)
		MHD_add_response_header(r, "Content-Encoding", "gzip");
	if (compressible(resp->content_type))
		MHD_add_response_header(r, "Vary", "Accept-Encoding");
	for (h = resp->headers; h != NULL; h = h->next)
		MHD_add_response_header(r, h->key, h->value);
	ret = MHD_queue_response(con, (unsigned)resp->status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
answer(struct http_server *s, struct MHD_Connection *con, struct conn *c)
{
	struct http_resp resp;
	enum MHD_Result ret;

	http_resp_init(&resp, &c->arena);
	if (c->error != 0) {
		resp.status = c->error;
		s->error_page(s->ctx, c->error, &c->req, &resp);
		http_resp_header(&resp, "Connection", "close");
	} else {
		if (c->raw.len > 0 || buf_failed(&c->raw)) {
			c->req.body = buf_cstr(&c->raw);
			c->req.body_len = c->raw.len;
		}
		s->handler(s->ctx, &c->req, &resp);
	}
	ret = send_resp(con, &c->req, &resp);
	http_resp_free(&resp);
	return ret;
}

/* set up the state of a new request; returns false when out of memory */
static bool
conn_start(struct http_server *s, struct MHD_Connection *con, struct conn *c,
    const char *url, const char *method)
{
	const union MHD_ConnectionInfo *ci;
	const char *len_s, *type;
	char addr[INET6_ADDRSTRLEN] = "";
	size_t header_bytes, query_bytes;
	long clen;

	arena_init(&c->arena, s->cfg.max_arena_bytes);
	buf_init(&c->raw, s->cfg.max_body_bytes);
	buf_init(&c->field, s->cfg.max_body_bytes);
	c->req.arena = &c->arena;
	c->form_tail = &c->req.form;
	c->files_tail = &c->req.files;
	c->req.method = arena_strdup(&c->arena, method);
	c->req.path = arena_strdup(&c->arena, url);
	ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci != NULL && ci->client_addr != NULL) {
		if (ci->client_addr->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)
			    ci->client_addr)->sin_addr, addr, sizeof(addr));
		else if (ci->client_addr->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)
			    ci->client_addr)->sin6_addr, addr, sizeof(addr));
	}
	c->req.remote = arena_strdup(&c->arena, addr);
	if (c->req.method == NULL || c->req.path == NULL || c->req.remote == NULL ||
	    !collect(con, c, MHD_HEADER_KIND, &c->req.headers, &header_bytes) ||
	    !collect(con, c, MHD_COOKIE_KIND, &c->req.cookies, NULL) ||
	    !collect(con, c, MHD_GET_ARGUMENT_KIND, &c->req.query, &query_bytes))
		return false;
	if (header_bytes + query_bytes + strlen(url) > s->cfg.max_header_bytes) {
		c->error = 431;
		return true;
	}
	len_s = http_header(&c->req, "Content-Length");
	if (len_s != NULL && (!text_parse_long(len_s, &clen) || clen < 0)) {
		c->error = 400;
		return true;
	}
	if (len_s != NULL && (size_t)clen > s->cfg.max_body_bytes) {
		c->error = 413;
		return true;
	}
	type = http_header(&c->req, "Content-Type");
	if (type != NULL && (strncasecmp(type, "application/x-www-form-urlencoded", 33) == 0 ||
	    strncasecmp(type, "multipart/form-data", 19) == 0)) {
		c->pp = MHD_create_post_processor(con, POST_BUFFER, post_iter, c);
		if (c->pp == NULL)
			c->error = 400;
	}
	return true;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *con, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_size, void **con_cls)
{
	struct http_server *s = cls;
	struct conn *c = *con_cls;

	(void)version;
	if (c == NULL) {
		c = calloc(1, sizeof(*c));
		if (c == NULL)
			return MHD_NO;
		*con_cls = c;
		if (!conn_start(s, con, c, url, method))
			return MHD_NO;
		if (c->error != 0)
			return answer(s, con, c); /* refuse before reading the body */
		return MHD_YES;
	}
	if (*upload_size > 0) {
		c->body_seen += *upload_size;
		if (c->error == 0 && c->body_seen > s->cfg.max_body_bytes)
			c->error = 413;
		if (c->error == 0 && c->pp != NULL) {
			if (MHD_post_process(c->pp, upload_data, *upload_size) != MHD_YES &&
			    c->error == 0)
				c->error = 400;
		} else if (c->error == 0 && !buf_append(&c->raw, upload_data, *upload_size)) {
			c->error = 413;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (c->pp != NULL) {
		/* the processor hands over the last value only when destroyed */
		if (MHD_destroy_post_processor(c->pp) != MHD_YES && c->error == 0)
			c->error = 400;
		c->pp = NULL;
		if (c->error == 0 && !field_flush(c))
			c->error = 413;
	}
	return answer(s, con, c);
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fputs("mamori: http: ", stderr);
	vfprintf(stderr, fmt, ap);
}

enum mm_err
http_server_start(const struct http_config *cfg, http_handler_fn handler,
    http_error_fn error_page, void *ctx, struct http_server **out, struct err *e)
{
	struct http_server *s;
	struct sockaddr_in sin;
	char host[64];
	const char *colon;
	long port;
	const union MHD_DaemonInfo *di;

	*out = NULL;
	colon = strrchr(cfg->listen, ':');
	if (colon == NULL || (size_t)(colon - cfg->listen) >= sizeof(host) ||
	    !text_parse_long(colon + 1, &port) || port < 0 || port > 65535)
		return err_keyf(e, MM_EINVAL, "err.web.listen_form", "{listen}%s",
		    cfg->listen);
	memcpy(host, cfg->listen, (size_t)(colon - cfg->listen));
	host[colon - cfg->listen] = '\0';
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &sin.sin_addr) != 1)
		return err_keyf(e, MM_EINVAL, "err.web.listen_ipv4", "{host}%s", host);
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	s->cfg = *cfg;
	s->handler = handler;
	s->error_page = error_page;
	s->ctx = ctx;
	s->d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG, 0,
	    NULL, NULL, on_request, s,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)(cfg->threads ? cfg->threads : 1),
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)cfg->max_connections,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)cfg->timeout_seconds,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(cfg->max_header_bytes * 4 + 65536),
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	    MHD_OPTION_END);
	if (s->d == NULL) {
		free(s);
		return err_keyf(e, MM_EIO, "err.web.listen_busy", "{listen}%s",
		    cfg->listen);
	}
	di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : (uint16_t)port;
	*out = s;
	return MM_OK;
}

uint16_t
http_server_port(const struct http_server *s)
{
	return s->port;
}

void
http_server_stop(struct http_server *s)
{
	if (s == NULL)
		return;
	MHD_stop_daemon(s->d);
	free(s);
}
