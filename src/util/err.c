/* err.c — error codes and messages for the user. */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum mm_err
err_set(struct err *e, enum mm_err code, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (e == NULL)
		return code;
	e->code = code;
	va_start(ap, fmt);
	n = vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(e->msg)) {
		/* cut before a partial UTF-8 character and say that it was cut */
		size_t end = sizeof(e->msg) - 4;
		while (end > 0 && ((unsigned char)e->msg[end] & 0xC0) == 0x80)
			end--;
		memcpy(e->msg + end, "…", 4);
	}
	return code;
}

void
err_clear(struct err *e)
{
	if (e == NULL)
		return;
	e->code = MM_OK;
	e->msg[0] = '\0';
}

const char *
err_code_name(enum mm_err code)
{
	switch (code) {
	case MM_OK: return "ok";
	case MM_ENOMEM: return "no_memory";
	case MM_EINVAL: return "invalid";
	case MM_ENOTFOUND: return "not_found";
	case MM_EDB: return "database";
	case MM_ECONFLICT: return "conflict";
	case MM_EIO: return "io";
	case MM_ECATALOG: return "catalog";
	case MM_EIMMUTABLE: return "immutable";
	case MM_ESCHEMA: return "schema";
	case MM_EINTEGRITY: return "integrity";
	}
	return "unknown";
}
