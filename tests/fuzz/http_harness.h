/* http_harness.h — what the libFuzzer targets of the HTTP parsers share
 * (fuzz_http_form, fuzz_http_query, fuzz_http_cookie, fuzz_http_multipart;
 * header only, static functions).
 *
 * The real server (web/http.c over libmicrohttpd) is started once, on
 * 127.0.0.1 with a port the kernel picks and the limits of
 * http_config_defaults (16 KiB of headers, 8 MiB of body, 30 s idle
 * timeout, 2 threads), with a handler that reads every value the server
 * parsed: headers, cookies, query, form fields and files, and looks up
 * the names it finds in the input with http_header/http_cookie/http_query/
 * http_form. Each input is one request built around the fuzzed bytes,
 * sent over a new loopback connection; the client then half-closes
 * (shutdown SHUT_WR) and reads the answer until the server closes.
 *
 * Checked besides memory errors (ASan/UBSan in the server's threads too):
 *   - every value is NUL-terminated at its length, every name is set, a
 *     lookup finds the first entry of that name, files have their field,
 *     name, type and data;
 *   - the server never stalls: no progress for HH_WAIT_MS, or more than
 *     HH_TOTAL_MS for one request, aborts (libFuzzer reports a crash with
 *     the input);
 *   - when the request is well formed by construction (HH_ANSWER), the
 *     answer starts with a status line whose status is one the server or
 *     the handler gives (200, 400, 413, 431).
 */
#ifndef MM_FUZZ_HTTP_HARNESS_H
#define MM_FUZZ_HTTP_HARNESS_H

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "web/http.h"

#define HH_WAIT_MS 2000    /* no progress for this long: a hang */
#define HH_TOTAL_MS 10000  /* one request may take at most this long */
#define HH_MAX_NAMES 32    /* names taken from the input for lookups */
#define HH_NAME_MAX 256
#define HH_CHECK_MAX 64    /* entries of a list looked up (each one costs a walk) */

/* flags of hh_request */
#define HH_ANSWER 1u /* the request is well formed: an answer is required */

static struct http_server *hh_server;
static uint16_t hh_port;
/* the input of the request under way, read by the handler for names */
static const uint8_t *hh_input;
static size_t hh_input_len;

static void
hh_check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "http_harness: contract broken: %s\n", what);
		abort();
	}
}

/* the entries of LIST are whole, and a lookup of each of the first
 * HH_CHECK_MAX names finds the first entry of that name (all of them
 * would make long inputs quadratic); returns the number of entries */
static size_t
hh_walk(const struct http_kv *list, bool nocase)
{
	const struct http_kv *kv, *first;
	const char *got;
	size_t n = 0;

	for (kv = list; kv != NULL; kv = kv->next, n++) {
		hh_check(kv->key != NULL && kv->value != NULL, "an entry without name or value");
		hh_check(kv->value[kv->len] == '\0', "a value not terminated at its length");
		hh_check(strlen(kv->value) <= kv->len, "a value longer than its length");
		if (n >= HH_CHECK_MAX)
			continue;
		for (first = list; first != kv; first = first->next)
			if ((nocase ? strcasecmp(first->key, kv->key) :
			    strcmp(first->key, kv->key)) == 0)
				break;
		got = http_kv_get(list, kv->key, nocase);
		hh_check(got == first->value, "a lookup that does not find the first entry");
	}
	return n;
}

/* looks NAME up in every list of R (the answer is only read) */
static size_t
hh_lookup(const struct http_req *r, const char *name)
{
	const char *v[4];
	size_t n = 0;

	v[0] = http_header(r, name);
	v[1] = http_cookie(r, name);
	v[2] = http_query(r, name);
	v[3] = http_form(r, name);
	for (size_t i = 0; i < 4; i++)
		n += v[i] ? strlen(v[i]) + 1 : 0;
	return n;
}

/* the names of the input: the runs of bytes between & ; = " , space, CR,
 * LF and NUL, and the same runs with the prefix "name=\"" of a multipart
 * header removed (that is, the separators drop it) */
static size_t
hh_lookup_input_names(const struct http_req *r)
{
	static const char seps[] = "&;=\", \r\n";
	char name[HH_NAME_MAX + 1];
	size_t i = 0, start, len, names = 0, n = 0;

	while (i < hh_input_len && names < HH_MAX_NAMES) {
		while (i < hh_input_len && (hh_input[i] == '\0' ||
		    memchr(seps, hh_input[i], sizeof(seps) - 1) != NULL))
			i++;
		start = i;
		while (i < hh_input_len && hh_input[i] != '\0' &&
		    memchr(seps, hh_input[i], sizeof(seps) - 1) == NULL)
			i++;
		len = i - start;
		if (len == 0)
			break;
		if (len > HH_NAME_MAX)
			len = HH_NAME_MAX;
		memcpy(name, hh_input + start, len);
		name[len] = '\0';
		n += hh_lookup(r, name);
		names++;
	}
	return n;
}

static void
hh_handler(void *ctx, struct http_req *req, struct http_resp *resp)
{
	const struct http_file *f;
	const struct http_kv *kv;
	size_t files = 0, bytes = 0, i;

	(void)ctx;
	hh_check(req->method != NULL && req->path != NULL && req->remote != NULL,
	    "a request without method, path or address");
	hh_walk(req->headers, true);
	hh_walk(req->cookies, false);
	hh_walk(req->query, false);
	hh_walk(req->form, false);
	for (f = req->files; f != NULL; f = f->next, files++) {
		hh_check(f->field != NULL && f->filename != NULL &&
		    f->content_type != NULL && f->data != NULL, "a file without field, name, type or data");
		hh_check(f->data[f->size] == '\0', "file data not terminated at its size");
		bytes += f->size;
	}
	hh_check(req->body == NULL || req->body[req->body_len] == '\0',
	    "a body not terminated at its length");
	/* the first names received, looked up in every list */
	for (kv = req->cookies, i = 0; kv != NULL && i < HH_CHECK_MAX; kv = kv->next, i++)
		bytes += hh_lookup(req, kv->key);
	for (kv = req->query, i = 0; kv != NULL && i < HH_CHECK_MAX; kv = kv->next, i++)
		bytes += hh_lookup(req, kv->key);
	for (kv = req->form, i = 0; kv != NULL && i < HH_CHECK_MAX; kv = kv->next, i++)
		bytes += hh_lookup(req, kv->key);
	bytes += hh_lookup_input_names(req);
	resp->content_type = "text/plain; charset=utf-8";
	buf_printf(&resp->body, "ok %zu %zu\n", files, bytes);
}

static void
hh_error_page(void *ctx, int status, struct http_req *req, struct http_resp *resp)
{
	(void)ctx;
	(void)req;
	resp->content_type = "text/plain; charset=utf-8";
	buf_printf(&resp->body, "error %d\n", status);
}

/* starts the server once; aborts when it can not */
static void
hh_start(void)
{
	struct http_config cfg;
	struct err e;

	if (hh_server != NULL)
		return;
	http_config_defaults(&cfg);
	cfg.listen = "127.0.0.1:0";
	if (http_server_start(&cfg, hh_handler, hh_error_page, NULL, &hh_server, &e) != MM_OK) {
		fprintf(stderr, "http_harness: the server does not start: %s\n", e.msg);
		abort();
	}
	hh_port = http_server_port(hh_server);
}

static long
hh_ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)(t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* the status of the answer's status line, or -1 */
static int
hh_status(const char *head, size_t len)
{
	if (len < 12 || memcmp(head, "HTTP/1.", 7) != 0 || head[8] != ' ' ||
	    head[9] < '1' || head[9] > '5' || head[10] < '0' || head[10] > '9' ||
	    head[11] < '0' || head[11] > '9')
		return -1;
	return (head[9] - '0') * 100 + (head[10] - '0') * 10 + (head[11] - '0');
}

/* sends the LEN bytes of REQ over a new connection, half-closes, reads
 * the answer until the server closes; aborts on a hang or, with
 * HH_ANSWER, on a missing or unexpected status. INPUT is what the
 * handler takes names from. Returns the status (-1: none). */
static int
hh_request(const char *req, size_t len, const uint8_t *input, size_t input_len,
    unsigned flags)
{
	struct sockaddr_in sin;
	struct pollfd pfd;
	struct timespec t0;
	char head[64], chunk[16384];
	size_t sent = 0, got = 0;
	ssize_t n;
	int fd, status, soerr = 0;
	socklen_t soerr_len = sizeof(soerr);

	hh_start();
	hh_input = input;
	hh_input_len = input_len;
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	hh_check(fd >= 0, "no socket");
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(hh_port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	hh_check(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0, "no O_NONBLOCK");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* non-blocking, so that a signal (libFuzzer's timers) can not cut
	 * the connect short */
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0) {
		hh_check(errno == EINPROGRESS || errno == EINTR, "connect failed");
		pfd.fd = fd;
		pfd.events = POLLOUT;
		do
			n = poll(&pfd, 1, HH_WAIT_MS);
		while (n < 0 && errno == EINTR);
		if (n <= 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &soerr_len) != 0 ||
		    soerr != 0) {
			fprintf(stderr, "http_harness: the server does not accept a "
			    "connection: %s\n", n <= 0 ? "no answer" : strerror(soerr));
			abort();
		}
	}
	if (len == 0)
		shutdown(fd, SHUT_WR);
	for (;;) {
		pfd.fd = fd;
		pfd.events = POLLIN | (sent < len ? POLLOUT : 0);
		pfd.revents = 0;
		n = poll(&pfd, 1, HH_WAIT_MS);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0 || hh_ms_since(&t0) > HH_TOTAL_MS) {
			fprintf(stderr, "http_harness: the server hangs: %zu of %zu bytes "
			    "sent, %zu received\n", sent, len, got);
			abort();
		}
		hh_check(n > 0, "poll failed");
		if (sent < len && (pfd.revents & (POLLOUT | POLLERR | POLLHUP))) {
			n = send(fd, req + sent, len - sent, MSG_NOSIGNAL);
			if (n > 0)
				sent += (size_t)n;
			else if (n < 0 && errno != EAGAIN && errno != EINTR)
				sent = len; /* the server closed: nothing more to send */
			if (sent == len)
				shutdown(fd, SHUT_WR);
		}
		if (pfd.revents & (POLLIN | POLLERR | POLLHUP)) {
			n = recv(fd, chunk, sizeof(chunk), 0);
			if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
				break; /* closed or reset */
			if (n > 0) {
				if (got < sizeof(head))
					memcpy(head + got, chunk, (size_t)n < sizeof(head) - got ?
					    (size_t)n : sizeof(head) - got);
				got += (size_t)n;
			}
		}
	}
	/* a reset instead of TIME_WAIT: thousands of connections a second
	 * would otherwise run out of local ports */
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &(struct linger){ 1, 0 },
	    sizeof(struct linger));
	close(fd);
	status = hh_status(head, got < sizeof(head) ? got : sizeof(head));
	if (flags & HH_ANSWER) {
		if (status != 200 && status != 400 && status != 413 && status != 431) {
			fprintf(stderr, "http_harness: status %d for a well-formed request "
			    "(%zu bytes received)\n", status, got);
			abort();
		}
	}
	return status;
}

/* the request HEAD + BODY in OUT (a NUL-free copy is not needed: the
 * length is what is sent) */
static void
hh_build(struct buf *out, const char *head, const uint8_t *body, size_t len)
{
	buf_init(out, 0);
	buf_append(out, head, strlen(head));
	buf_append(out, (const char *)body, len);
	hh_check(!buf_failed(out), "out of memory building a request");
}

#endif
