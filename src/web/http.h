/* http.h — the HTTP server as the rest of mamori sees it.
 *
 * libmicrohttpd is used only in http.c. Handlers get a struct http_req
 * (method, path, headers, cookies, query, form fields, uploaded files or
 * the raw body) and fill a struct http_resp; everything they allocate
 * comes from the request's arena, freed when the response is sent. A
 * request and its response can be built by hand, so handlers can be
 * tested without a socket.
 *
 * The server enforces limits before a handler runs: header bytes (431),
 * body bytes (413), slow clients (the connection times out), and it
 * compresses text responses with gzip when the client accepts it.
 */
#ifndef MM_HTTP_H
#define MM_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

/* A name and value (header, cookie, query or form field), listed in the
 * order received. */
struct http_kv {
	const char *key;
	const char *value;
	size_t len; /* bytes of value (form values may hold NUL) */
	struct http_kv *next;
};

struct http_file {
	const char *field;
	const char *filename;
	const char *content_type;
	const char *data;
	size_t size;
	struct http_file *next;
};

struct http_req {
	const char *method;   /* "GET", "POST", … */
	const char *path;     /* the URL path, percent-decoded, no query */
	const char *remote;   /* the client's address as text */
	struct http_kv *headers;
	struct http_kv *cookies;
	struct http_kv *query;
	struct http_kv *form;   /* urlencoded or multipart fields */
	struct http_file *files;
	const char *body;       /* the raw body when it is not a form */
	size_t body_len;
	struct arena *arena;
};

struct http_resp {
	int status;
	const char *content_type; /* with charset for text */
	struct buf body;
	struct http_kv *headers;  /* extra headers, arena-allocated */
	struct arena *arena;
};

/* http_kv_get — the value of the first entry named NAME in LIST (header
 * names compare without case when NOCASE), or NULL. */
const char *http_kv_get(const struct http_kv *list, const char *name, bool nocase);

/* Lookups on a request; NULL when absent. */
const char *http_header(const struct http_req *r, const char *name);
const char *http_cookie(const struct http_req *r, const char *name);
const char *http_query(const struct http_req *r, const char *name);
const char *http_form(const struct http_req *r, const char *name);

/* http_kv_add — append NAME=VALUE to *LIST in ARENA (used
 * by the server and by tests building requests). Returns false when the
 * arena is full. */
bool http_kv_add(struct arena *a, struct http_kv **list, const char *name,
    const char *value, size_t len);

/* http_resp_init — an empty 200 response using arena A. */
void http_resp_init(struct http_resp *resp, struct arena *a);

/* http_resp_header — add a response header (copied into the arena). */
void http_resp_header(struct http_resp *resp, const char *name,
    const char *value);

/* http_resp_free — release the body buffer. */
void http_resp_free(struct http_resp *resp);

/* The function that answers every request; CTX is the one given to
 * http_server_start. It runs on one of the server's threads. */
typedef void (*http_handler_fn)(void *ctx, struct http_req *req,
    struct http_resp *resp);

/* The function that fills an error response (status 400, 405, 413, 431,
 * 500 …) produced by the server itself, so that it is a proper page. */
typedef void (*http_error_fn)(void *ctx, int status, struct http_req *req,
    struct http_resp *resp);

struct http_config {
	const char *listen;        /* "127.0.0.1:8080"; port 0 picks one */
	unsigned threads;          /* worker threads (epoll each) */
	unsigned max_connections;
	unsigned timeout_seconds;  /* idle connection timeout */
	size_t max_header_bytes;
	size_t max_body_bytes;
	size_t max_arena_bytes;    /* per request */
};

/* http_config_defaults — sensible limits: 2 threads, 512 connections,
 * 30 s, 16 KiB of headers, 8 MiB of body. */
void http_config_defaults(struct http_config *c);

struct http_server;

/* http_server_start — listen on CFG->listen and serve with HANDLER and
 * ERROR_PAGE (both get CTX). Returns MM_OK and the server in *OUT, or
 * MM_EINVAL (bad address) / MM_EIO (can not listen) with a message. */
enum mm_err http_server_start(const struct http_config *cfg,
    http_handler_fn handler, http_error_fn error_page, void *ctx,
    struct http_server **out, struct err *e);

/* http_server_port — the port the server listens on. */
uint16_t http_server_port(const struct http_server *s);

/* http_server_stop — stop accepting, finish, and free S (NULL is fine). */
void http_server_stop(struct http_server *s);

/* http_gzip_wanted — true when the request accepts gzip. */
bool http_gzip_wanted(const struct http_req *r);

#endif
