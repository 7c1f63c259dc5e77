/* fuzz_http_form.c — urlencoded form bodies through the real server
 * (web/http.c over libmicrohttpd, see http_harness.h).
 *
 * The input is the body of a POST with Content-Type
 * application/x-www-form-urlencoded and its exact Content-Length; the
 * handler reads every field the server parsed and looks up the names of
 * the input. The request is well formed whatever the bytes, so an answer
 * (200, 400, 413) is required.
 */
#include "http_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf req;
	char head[256];

	snprintf(head, sizeof(head), "POST /form HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Content-Type: application/x-www-form-urlencoded\r\n"
	    "Content-Length: %zu\r\nConnection: close\r\n\r\n", size);
	hh_build(&req, head, data, size);
	hh_request(buf_cstr(&req), req.len, data, size, HH_ANSWER);
	buf_free(&req);
	return 0;
}
