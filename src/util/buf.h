/* buf.h — a growable byte buffer with a hard cap.
 *
 * The contents are always NUL-terminated (the NUL is not counted in len),
 * so a buffer of text can be passed to C string functions. A buffer that
 * would grow past its cap, or fails to allocate, enters a sticky error
 * state: further appends do nothing and buf_failed() reports it, so a
 * caller can append many pieces and check once.
 */
#ifndef MM_BUF_H
#define MM_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define BUF_DEFAULT_CAP (64u * 1024 * 1024)

struct buf {
	char *data;   /* owned; NULL until the first append */
	size_t len;   /* bytes used, excluding the terminating NUL */
	size_t alloc; /* bytes allocated */
	size_t cap;   /* maximum len; 0 means BUF_DEFAULT_CAP */
	bool failed;  /* an append failed (cap or memory) */
};

/* buf_init — an empty buffer that may hold at most CAP bytes (0: default). */
void buf_init(struct buf *b, size_t cap);

/* buf_free — release the memory; B is empty and usable again. */
void buf_free(struct buf *b);

/* buf_reset — make B empty, keeping its memory and clearing the error. */
void buf_reset(struct buf *b);

/* buf_cut — B cut back to its first LEN bytes, its error cleared (a LEN
 * beyond its length keeps the length). */
void buf_cut(struct buf *b, size_t len);

/* buf_append — append N bytes from P. Returns false when B has failed. */
bool buf_append(struct buf *b, const void *p, size_t n);

/* buf_puts — append the C string S. */
bool buf_puts(struct buf *b, const char *s);

/* buf_putc — append one byte. */
bool buf_putc(struct buf *b, char c);

/* buf_printf — append printf-style formatted text. */
bool buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* buf_vprintf — the va_list form of buf_printf. */
bool buf_vprintf(struct buf *b, const char *fmt, va_list ap);

/* buf_put_dec1 — append V with one decimal, the same text as
 * buf_printf(B, "%.1f", V) (rounded from V's exact value, ties to even)
 * but without printf's exact floating-point conversion, which is slow:
 * for the many coordinates of a chart. */
bool buf_put_dec1(struct buf *b, double v);

/* buf_failed — true once an append has failed. */
bool buf_failed(const struct buf *b);

/* buf_cstr — the contents as a C string ("" when empty); owned by B. */
const char *buf_cstr(const struct buf *b);

/* buf_steal — hand the contents to the caller (free() them) and leave B
 * empty. Returns NULL when B has failed; "" is returned as an allocated
 * empty string. */
char *buf_steal(struct buf *b);

#endif
