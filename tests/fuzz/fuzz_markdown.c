/* fuzz_markdown.c — arbitrary Markdown through both functions of
 * render/markdown.h: the HTML preview (which must never contain a
 * script tag, nor an href or src url with a scheme other than http,
 * https or mailto, else the target aborts) and the
 * conversion to a doc. Limits and errors are fine; crashes, leaks and
 * sanitizer reports are not.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render/docmodel.h"
#include "render/markdown.h"
#include "util/buf.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the url value at V (up to '"') is relative or http, https, mailto */
static int
url_ok(const char *v)
{
	size_t n = strcspn(v, "\":/?#");

	if (v[n] != ':')
		return 1;
	return (n == 4 && strncasecmp(v, "http", 4) == 0) ||
	    (n == 5 && strncasecmp(v, "https", 5) == 0) ||
	    (n == 6 && strncasecmp(v, "mailto", 6) == 0);
}

/* every link and image in HTML (as cmark writes them: text can not
 * hold a '<') has a harmless url */
static int
urls_ok(const char *html)
{
	static const char *const attrs[] = { "<a href=\"", "<img src=\"" };
	const char *p;

	for (size_t i = 0; i < 2; i++)
		for (p = html; (p = strstr(p, attrs[i])) != NULL; p += strlen(attrs[i]))
			if (!url_ok(p + strlen(attrs[i])))
				return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *md = (const char *)data;
	struct buf out;
	struct err e;
	struct doc *d;

	buf_init(&out, 16u << 20);
	if (markdown_html(md, size, &out, &e) == MM_OK && out.data != NULL) {
		if (strstr(out.data, "<script") != NULL || !urls_ok(out.data))
			abort();
	}
	buf_free(&out);
	d = doc_new("t", "o", "d", "ja");
	if (d != NULL) {
		markdown_doc(md, size, d, &e);
		doc_free(d);
	}
	return 0;
}
