/* xml_out.c — the streaming XML writer, see xml_out.h. */
#include "render/xml_out.h"

#include <stdint.h>
#include <string.h>

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

void
xml_out_init(struct xml_out *x, struct buf *b, bool decl)
{
	memset(x, 0, sizeof(*x));
	x->b = b;
	if (decl)
		buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
	x->failed = buf_failed(b);
}

/* the length of the valid UTF-8 sequence at S (at most N bytes) that XML
 * allows, or 0 */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	uint32_t c;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)))
		return 0; /* overlong or out of range */
	if ((c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF)
		return 0; /* surrogates and non-characters XML forbids */
	return len;
}

bool
xml_escape(struct buf *b, const char *s, size_t n, bool attr)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0, k;

	/* copy runs of plain bytes at once; handle the rest one by one */
	while (i < n) {
		unsigned char c = p[i];
		const char *rep = NULL;

		if (c >= 0x80) {
			if ((k = utf8_len(p + i, n - i)) != 0) {
				i += k;
				continue;
			}
			rep = replacement;
		} else if (c == '&') {
			rep = "&amp;";
		} else if (c == '<') {
			rep = "&lt;";
		} else if (c == '>') {
			rep = "&gt;";
		} else if (c == '"') {
			rep = "&quot;";
		} else if (c == '\'') {
			rep = "&apos;";
		} else if (c == '\t' || c == '\n') {
			if (attr)
				rep = c == '\t' ? "&#9;" : "&#10;";
		} else if (c < 0x20 || c == 0x7F) {
			rep = ""; /* dropped */
		}
		if (rep == NULL) {
			i++;
			continue;
		}
		buf_append(b, p + run, i - run);
		buf_puts(b, rep);
		i++;
		run = i;
	}
	buf_append(b, p + run, n - run);
	return !buf_failed(b);
}

static bool
usable(struct xml_out *x)
{
	if (!x->failed && buf_failed(x->b))
		x->failed = true;
	return !x->failed;
}

/* end a pending start tag */
static void
end_tag(struct xml_out *x)
{
	if (x->in_tag) {
		buf_putc(x->b, '>');
		x->in_tag = false;
	}
}

void
xml_open(struct xml_out *x, const char *name)
{
	if (!usable(x))
		return;
	if (x->depth == XML_OUT_DEPTH) {
		x->failed = true;
		return;
	}
	end_tag(x);
	buf_putc(x->b, '<');
	buf_puts(x->b, name);
	x->stack[x->depth++] = name;
	x->in_tag = true;
}

void
xml_attr(struct xml_out *x, const char *name, const char *value)
{
	if (!usable(x))
		return;
	if (!x->in_tag) {
		x->failed = true;
		return;
	}
	if (value == NULL)
		value = "";
	buf_putc(x->b, ' ');
	buf_puts(x->b, name);
	buf_puts(x->b, "=\"");
	xml_escape(x->b, value, strlen(value), true);
	buf_putc(x->b, '"');
}

void
xml_attr_long(struct xml_out *x, const char *name, long long value)
{
	if (!usable(x))
		return;
	if (!x->in_tag) {
		x->failed = true;
		return;
	}
	buf_printf(x->b, " %s=\"%lld\"", name, value);
}

void
xml_text_n(struct xml_out *x, const char *s, size_t n)
{
	if (!usable(x) || s == NULL || n == 0)
		return;
	if (x->depth == 0) {
		x->failed = true; /* text outside the root element */
		return;
	}
	end_tag(x);
	xml_escape(x->b, s, n, false);
}

void
xml_text(struct xml_out *x, const char *s)
{
	if (s != NULL)
		xml_text_n(x, s, strlen(s));
}

void
xml_close(struct xml_out *x)
{
	if (!usable(x))
		return;
	if (x->depth == 0) {
		x->failed = true;
		return;
	}
	x->depth--;
	if (x->in_tag) {
		buf_puts(x->b, "/>");
		x->in_tag = false;
	} else {
		buf_puts(x->b, "</");
		buf_puts(x->b, x->stack[x->depth]);
		buf_putc(x->b, '>');
	}
}

void
xml_leaf(struct xml_out *x, const char *name, const char *attr, const char *value)
{
	xml_open(x, name);
	if (attr != NULL)
		xml_attr(x, attr, value);
	xml_close(x);
}

void
xml_elem(struct xml_out *x, const char *name, const char *text)
{
	xml_open(x, name);
	xml_text(x, text);
	xml_close(x);
}

bool
xml_out_finish(struct xml_out *x)
{
	while (usable(x) && x->depth > 0)
		xml_close(x);
	return usable(x);
}
