/* fuzz_mustache.c — parse and render arbitrary templates.
 *
 * The input is split at the first NUL byte: before it the template, after
 * it a partial called "p" (so {{>p}} and recursion get exercised). Both
 * are rendered against a small fixed view model, in the safe mode and in
 * the spec mode, into a buffer with a small cap. Parse errors and limits
 * are fine; crashes, leaks and sanitizer reports are not.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "render/mustache.h"
#include "util/buf.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char model[] =
	"{\"name\":\"<b>O'Neil & co</b>\",\"n\":85,\"x\":1.5,\"t\":true,"
	"\"f\":false,\"z\":null,\"e\":\"\",\"p\":\"p\",\"q\":\"nope\","
	"\"list\":[1,\"two\",{\"name\":\"three\",\"list\":[]},[4,5],null],"
	"\"a\":{\"b\":{\"c\":\"deep\"},\"list\":[{\"a\":1}]},"
	"\"svg\":{\"$safe_html\":\"<svg/>\"}}";

static json_t *view;

static void
render_with(struct mustache_set *set, unsigned flags)
{
	struct buf out;
	struct err e;

	mustache_set_flags(set, flags);
	buf_init(&out, 1u << 20);
	mustache_render_name(set, "t", view, &out, &e);
	buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nul = memchr(data, '\0', size);
	size_t tlen = nul ? (size_t)(nul - text) : size;
	struct mustache_set *set;
	struct err e;

	if (view == NULL) {
		view = json_loads(model, 0, NULL);
		if (view == NULL)
			return 0;
	}
	set = mustache_set_new();
	if (set == NULL)
		return 0;
	if (nul != NULL)
		mustache_set_add(set, "p", nul + 1, size - tlen - 1, &e);
	if (mustache_set_add(set, "t", text, tlen, &e) == MM_OK) {
		render_with(set, 0);
		render_with(set, MUSTACHE_SPEC);
	}
	mustache_set_free(set);
	return 0;
}
