/* buf.c — a growable byte buffer with a hard cap. */
#include "util/buf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char empty[1];

void
buf_init(struct buf *b, size_t cap)
{
	memset(b, 0, sizeof(*b));
	b->cap = cap ? cap : BUF_DEFAULT_CAP;
}

void
buf_free(struct buf *b)
{
	size_t cap = b->cap;

	free(b->data);
	buf_init(b, cap);
}

void
buf_reset(struct buf *b)
{
	buf_cut(b, 0);
}

void
buf_cut(struct buf *b, size_t len)
{
	if (len < b->len)
		b->len = len;
	b->failed = false;
	if (b->data != NULL)
		b->data[b->len] = '\0';
}

static bool
buf_grow(struct buf *b, size_t need)
{
	size_t want;
	char *p;

	if (b->cap == 0)
		b->cap = BUF_DEFAULT_CAP;
	if (need > b->cap || b->len + need > b->cap) {
		b->failed = true;
		return false;
	}
	if (b->len + need + 1 <= b->alloc)
		return true;
	want = b->alloc ? b->alloc : 64;
	while (want < b->len + need + 1)
		want *= 2;
	if (want > b->cap + 1)
		want = b->cap + 1;
	p = realloc(b->data, want);
	if (p == NULL) {
		b->failed = true;
		return false;
	}
	b->data = p;
	b->alloc = want;
	return true;
}

bool
buf_append(struct buf *b, const void *p, size_t n)
{
	if (b->failed)
		return false;
	if (!buf_grow(b, n))
		return false;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return true;
}

bool
buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

bool
buf_putc(struct buf *b, char c)
{
	return buf_append(b, &c, 1);
}

bool
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	if (b->failed)
		return false;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || !buf_grow(b, (size_t)n)) {
		b->failed = true;
		return false;
	}
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return true;
}

bool
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	bool ok;

	va_start(ap, fmt);
	ok = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return ok;
}

bool
buf_put_dec1(struct buf *b, double v)
{
	char s[24], *p = s + sizeof(s);
	double a = fabs(v), t, r, fl, d;
	unsigned long long u;

	/* beyond this the tenths are not exact in a double: printf does it */
	if (!(a < 1e14))
		return buf_printf(b, "%.1f", v);
	/* a * 10 = t + r exactly; the fraction of t against one half
	 * decides, and where it is one half exactly, the sign of r (then, a
	 * tie, the even neighbour) */
	t = a * 10;
	r = fma(a, 10, -t);
	fl = floor(t);
	d = t - fl - 0.5;
	u = (unsigned long long)fl;
	if (d > 0 || (d == 0 && (r > 0 || (r == 0 && (u & 1) != 0))))
		u++;
	*--p = (char)('0' + u % 10);
	*--p = '.';
	u /= 10;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (signbit(v))
		*--p = '-';
	return buf_append(b, p, (size_t)(s + sizeof(s) - p));
}

bool
buf_failed(const struct buf *b)
{
	return b->failed;
}

const char *
buf_cstr(const struct buf *b)
{
	return b->data ? b->data : empty;
}

char *
buf_steal(struct buf *b)
{
	char *p;

	if (b->failed) {
		buf_free(b);
		return NULL;
	}
	if (b->data == NULL) {
		p = malloc(1);
		if (p != NULL)
			p[0] = '\0';
		return p;
	}
	p = b->data;
	b->data = NULL;
	b->len = b->alloc = 0;
	return p;
}
