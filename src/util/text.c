/* text.c — small string helpers. */
#include "util/text.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool
text_parse_long(const char *s, long *out)
{
	char *end;
	long v;
	const char *p = s;

	if (s == NULL || *s == '\0')
		return false;
	if (*p == '-' || *p == '+')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return false;
	*out = v;
	return true;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* the ideographic space U+3000, which Japanese input methods type */
static bool
is_wide_space(const char *p)
{
	return (unsigned char)p[0] == 0xE3 && (unsigned char)p[1] == 0x80 &&
	    (unsigned char)p[2] == 0x80;
}

char *
text_trim(char *s)
{
	size_t n;

	for (;;) {
		if (is_space(*s))
			s++;
		else if (is_wide_space(s))
			s += 3;
		else
			break;
	}
	n = strlen(s);
	for (;;) {
		if (n > 0 && is_space(s[n - 1]))
			s[--n] = '\0';
		else if (n >= 3 && is_wide_space(s + n - 3))
			s[n -= 3] = '\0';
		else
			break;
	}
	return s;
}

/* decode one UTF-8 sequence at S (N bytes left); returns its length and
 * stores the code point, or 0 when invalid. */
static size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	size_t len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		len = 2;
		c = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3;
		c = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
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
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	    (len == 4 && c < 0x10000) || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

bool
text_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t k;

	while (n > 0) {
		k = utf8_decode(p, n, &cp);
		if (k == 0 || cp == 0)
			return false;
		p += k;
		n -= k;
	}
	return true;
}

static bool
is_wide(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
	    (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
	    (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
	    (c >= 0x20000 && c <= 0x3FFFD);
}

size_t
text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), w = 0, k;
	uint32_t cp;

	while (n > 0) {
		k = utf8_decode(p, n, &cp);
		if (k == 0)
			k = 1, cp = '?';
		w += is_wide(cp) ? 2 : 1;
		p += k;
		n -= k;
	}
	return w;
}

bool
text_is_slug(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return false;
	}
	return true;
}

void
text_slugify(const char *name, char *out, size_t outsz)
{
	size_t o = 0;
	bool dash = false;
	const char *p;

	for (p = name; *p != '\0'; p++) {
		char c = *p;
		size_t need;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			dash = true;
			continue;
		}
		need = dash && o > 0 ? 2 : 1;
		if (o + need > 63 || o + need + 1 > outsz)
			break;
		if (need == 2)
			out[o++] = '-';
		dash = false;
		out[o++] = c;
	}
	out[o] = '\0';
	if (o == 0)
		snprintf(out, outsz, "%s", "org");
}

bool
text_has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool
text_date_valid(const char *s)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int i, y, m, d, max;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
		return false;
	max = days[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}
