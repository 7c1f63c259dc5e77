/* fuzz_http_query.c — query strings through the real server (web/http.c
 * over libmicrohttpd, see http_harness.h).
 *
 * The input is sent as is after "GET /x?", followed by " HTTP/1.1" and a
 * few headers. Bytes that break the request line (space, CR, LF, NUL)
 * are sent too: the server must refuse or serve such a request, not
 * crash or stall, and what follows a line break is read as headers or as
 * a further request, so the header parser is fuzzed as well. No answer
 * is required (a broken request may be dropped), only the end of the
 * connection.
 *
 * Inputs of more than MAX_ARGS arguments are not sent: libmicrohttpd
 * 0.9.75 keeps a record per argument in the connection's memory pool,
 * and when the pool runs out while it splits the request line (about
 * 2,200 empty arguments, "GET /x?&&&…" of 2.3 KB, with the pool of
 * http.c) it logs that it answers 431 and closes, but sends nothing and,
 * depending on how the bytes arrived, leaves the connection open until
 * the idle timeout (30 s). That is in the library, before web/http.c
 * sees the request, and is not what this target looks for.
 */
#include "http_harness.h"

#define MAX_ARGS 512

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char tail[] = " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
	struct buf req;
	size_t args = 1;

	for (size_t i = 0; i < size; i++)
		args += data[i] == '&';
	if (args > MAX_ARGS)
		return 0;
	hh_build(&req, "GET /x?", data, size);
	buf_append(&req, tail, sizeof(tail) - 1);
	hh_check(!buf_failed(&req), "out of memory building a request");
	hh_request(buf_cstr(&req), req.len, data, size, 0);
	buf_free(&req);
	return 0;
}
