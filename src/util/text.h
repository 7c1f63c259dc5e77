/* text.h — small string helpers: strict number parsing, trimming,
 * UTF-8 checks and display width. */
#ifndef MM_TEXT_H
#define MM_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* text_parse_long — parse S (optional sign, decimal digits, nothing else,
 * no surrounding space) into *OUT. Returns false on anything else or on
 * overflow; *OUT is left unchanged then. */
bool text_parse_long(const char *s, long *out);

/* text_trim — strip ASCII spaces, tabs, CR, LF and the ideographic space
 * U+3000 from both ends of S in place; returns S (advanced past leading
 * space). */
char *text_trim(char *s);

/* text_utf8_valid — true when the N bytes at S are valid UTF-8 without
 * NUL bytes or overlong forms. */
bool text_utf8_valid(const char *s, size_t n);

/* text_width — columns S takes on a terminal: CJK wide and fullwidth
 * characters count 2, other characters 1. S must be valid UTF-8. */
size_t text_width(const char *s);

/* text_is_slug — true when S is 1–63 characters of [a-z0-9-], not
 * starting or ending with '-'. */
bool text_is_slug(const char *s);

/* text_slugify — derive a slug from NAME into OUT (size OUTSZ ≥ 2): ASCII
 * letters lower-cased, digits kept, runs of anything else become one '-'.
 * When nothing ASCII remains (a Japanese name), OUT is "org". */
void text_slugify(const char *name, char *out, size_t outsz);

/* text_date_valid — S is a calendar date written YYYY-MM-DD (years
 * 1900..2999, leap years counted). */
bool text_date_valid(const char *s);

/* text_has_prefix — true when S starts with PREFIX. */
bool text_has_prefix(const char *s, const char *prefix);

#endif
