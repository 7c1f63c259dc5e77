/* test_http_server.c — the request parsing of the real server (web/http.c
 * over libmicrohttpd) on a loopback socket: the server listens on
 * 127.0.0.1 with a port the kernel picks, a handler writes down the form
 * fields and files it was given, and raw requests are sent over a new
 * connection each. A multipart body with a file and fields gives both;
 * parts without a name (RFC 7578 requires one) are skipped, not a crash;
 * a form of 300,000 fields is parsed in time linear in their number (an
 * answer within 5 s, where the list walked at each field took minutes).
 */
#include "support/mm_test.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "util/buf.h"
#include "web/http.h"

static struct http_server *server;
/* what the handler saw, one line per field or file */
static char seen[4096];
static size_t seen_fields;

static void
handler(void *ctx, struct http_req *req, struct http_resp *resp)
{
	const struct http_kv *kv;
	const struct http_file *f;
	size_t n = 0;

	(void)ctx;
	seen[0] = '\0';
	seen_fields = 0;
	for (kv = req->form; kv != NULL; kv = kv->next, seen_fields++)
		if (n < sizeof(seen))
			n += (size_t)snprintf(seen + n, sizeof(seen) - n, "field %s=%s\n",
			    kv->key, kv->value);
	for (f = req->files; f != NULL && n < sizeof(seen); f = f->next)
		n += (size_t)snprintf(seen + n, sizeof(seen) - n, "file %s %s %s %zu:%s\n",
		    f->field, f->filename, f->content_type, f->size, f->data);
	resp->content_type = "text/plain; charset=utf-8";
	buf_puts(&resp->body, "ok");
}

static void
error_page(void *ctx, int status, struct http_req *req, struct http_resp *resp)
{
	(void)ctx;
	(void)req;
	resp->content_type = "text/plain; charset=utf-8";
	buf_printf(&resp->body, "error %d", status);
}

static int
setup(void **state)
{
	struct http_config cfg;
	struct err e;

	(void)state;
	http_config_defaults(&cfg);
	cfg.listen = "127.0.0.1:0";
	assert_int_equal(http_server_start(&cfg, handler, error_page, NULL, &server, &e), MM_OK);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	http_server_stop(server);
	server = NULL;
	return 0;
}

/* sends REQ on a new connection, half-closes, returns the status of the
 * answer read until the server closes (5 s at most per read) */
static int
send_request(const char *req, size_t len)
{
	struct sockaddr_in sin;
	struct timeval tv = { 5, 0 };
	char answer[4096];
	size_t got = 0;
	ssize_t n;
	int fd, status = -1;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(http_server_port(server));
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)), 0);
	assert_int_equal(send(fd, req, len, MSG_NOSIGNAL), (ssize_t)len);
	shutdown(fd, SHUT_WR);
	while (got < sizeof(answer) - 1 &&
	    (n = recv(fd, answer + got, sizeof(answer) - 1 - got, 0)) > 0)
		got += (size_t)n;
	close(fd);
	answer[got] = '\0';
	if (sscanf(answer, "HTTP/1.%*c %d", &status) != 1)
		print_error("no status line in: %s\n", answer);
	return status;
}

/* a multipart POST of BODY */
static int
post_multipart(const char *body, size_t len)
{
	struct buf req;
	int status;

	buf_init(&req, 0);
	buf_printf(&req, "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Content-Type: multipart/form-data; boundary=XyZ\r\n"
	    "Content-Length: %zu\r\nConnection: close\r\n\r\n", len);
	buf_append(&req, body, len);
	assert_false(buf_failed(&req));
	status = send_request(buf_cstr(&req), req.len);
	buf_free(&req);
	return status;
}

static void
test_form_many_fields(void **state)
{
	struct buf body, req;
	size_t i, n = 300000;

	(void)state;
	buf_init(&body, 0);
	for (i = 0; i < n; i++)
		buf_printf(&body, "f%zu=%zu&", i % 1000, i);
	buf_init(&req, 0);
	buf_printf(&req, "POST /form HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Content-Type: application/x-www-form-urlencoded\r\n"
	    "Content-Length: %zu\r\nConnection: close\r\n\r\n", body.len);
	buf_append(&req, body.data, body.len);
	assert_false(buf_failed(&req));
	assert_true(body.len < 8 * 1024 * 1024);
	assert_int_equal(send_request(buf_cstr(&req), req.len), 200);
	assert_int_equal(seen_fields, n);
	assert_has(seen, "field f0=0\nfield f1=1\n");
	buf_free(&body);
	buf_free(&req);
}

static void
test_multipart_file_and_fields(void **state)
{
	static const char body[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
		"Asset list\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
		"Content-Type: text/csv\r\n\r\nname,owner\r\nPC-01,Alice\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\nx\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\ny\r\n"
		"--XyZ--\r\n";

	(void)state;
	assert_int_equal(post_multipart(body, sizeof(body) - 1), 200);
	assert_string_equal(seen,
	    "field title=Asset list\n"
	    "field tag=x\n"
	    "field tag=y\n"
	    "file file a.csv text/csv 23:name,owner\r\nPC-01,Alice\n");
}

static void
test_multipart_part_without_name(void **state)
{
	static const char body[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
		"--XyZ\r\nContent-Disposition: form-data\r\n\r\nno name\r\n"
		"--XyZ\r\nContent-Disposition: form-data; filename=\"n.txt\"\r\n\r\nno name either\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n"
		"--XyZ\r\nContent-Disposition: form-data\r\n\r\nlast, no name\r\n"
		"--XyZ--\r\n";
	static const char only[] =
		"--XyZ\r\nContent-Disposition: form-data\r\n\r\nv\r\n--XyZ--\r\n";

	(void)state;
	assert_int_equal(post_multipart(body, sizeof(body) - 1), 200);
	assert_string_equal(seen, "field a=1\nfield b=2\n");
	assert_int_equal(post_multipart(only, sizeof(only) - 1), 200);
	assert_string_equal(seen, "");
	/* and the server goes on serving */
	assert_int_equal(post_multipart(body, sizeof(body) - 1), 200);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_form_many_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_file_and_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_part_without_name, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
