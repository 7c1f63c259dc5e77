/* core/text.h — a guideline text in Japanese and English. */
#ifndef MM_CORE_TEXT_H
#define MM_CORE_TEXT_H

#include <string.h>

#include "util/lang.h"

/* A text of the catalog. The strings are owned by the catalog. */
struct ltext {
	const char *ja;
	const char *en;
};

/* ltext_get — T in LANG (never NULL: "" when T is empty). */
static inline const char *
ltext_get(const struct ltext *t, enum lang lang)
{
	const char *s = lang == LANG_EN ? t->en : t->ja;
	return s ? s : "";
}

/* lang_parse — "ja" or "en" into *OUT; returns 0, or -1 for anything else. */
static inline int
lang_parse(const char *s, enum lang *out)
{
	if (strcmp(s, "ja") == 0)
		*out = LANG_JA;
	else if (strcmp(s, "en") == 0)
		*out = LANG_EN;
	else
		return -1;
	return 0;
}

#endif
