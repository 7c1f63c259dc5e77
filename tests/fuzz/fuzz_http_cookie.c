/* fuzz_http_cookie.c — Cookie headers through the real server (web/http.c
 * over libmicrohttpd, see http_harness.h).
 *
 * The input is the value of one Cookie header of a GET. CR and LF are
 * left out, so that the input stays one header and the cookie parser is
 * what gets fuzzed (breaking the request into further lines and headers
 * is what fuzz_http_query does); every other byte, NUL included, is sent.
 * The request is then well formed apart from the bytes of the value, so
 * an answer is required (200, or 400 for a value the server refuses,
 * 431 over the header limit).
 */
#include "http_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char tail[] = "\r\nConnection: close\r\n\r\n";
	struct buf req;

	buf_init(&req, 0);
	buf_puts(&req, "GET /c HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ");
	for (size_t i = 0; i < size; i++)
		if (data[i] != '\r' && data[i] != '\n')
			buf_putc(&req, (char)data[i]);
	buf_append(&req, tail, sizeof(tail) - 1);
	hh_check(!buf_failed(&req), "out of memory building a request");
	hh_request(buf_cstr(&req), req.len, data, size, HH_ANSWER);
	buf_free(&req);
	return 0;
}
