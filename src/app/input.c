/* input.c — checks of text given by users. */
#include "app/input.h"

#include <stdio.h>
#include <string.h>

#include "util/text.h"

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

enum mm_err
input_text(const char *field, const char *s, bool required, size_t maxchars,
    char *out, size_t outsz, struct err *e)
{
	size_t n, i;

	/* S may be OUT itself (re-checking a stored value): leave it be */
	if (s != out)
		out[0] = '\0';
	if (s == NULL || *s == '\0') {
		if (required)
			return err_keyf(e, MM_EINVAL, "err.input.required", "{@field}%s", field);
		return MM_OK;
	}
	n = strlen(s);
	if (!text_utf8_valid(s, n))
		return err_keyf(e, MM_EINVAL, "err.input.utf8", "{@field}%s", field);
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return err_keyf(e, MM_EINVAL, "err.input.control", "{@field}%s", field);
	if (utf8_chars(s) > maxchars)
		return err_keyf(e, MM_EINVAL, "err.input.too_many_chars", "{@field}%s{max}%zu",
		    field, maxchars);
	if (n >= outsz)
		return err_keyf(e, MM_EINVAL, "err.input.too_long", "{@field}%s{max}%zu",
		    field, maxchars);
	if (s != out)
		snprintf(out, outsz, "%s", s);
	/* trim in place: leading spaces move the text */
	memmove(out, text_trim(out), strlen(text_trim(out)) + 1);
	if (required && out[0] == '\0')
		return err_keyf(e, MM_EINVAL, "err.input.required", "{@field}%s", field);
	return MM_OK;
}
