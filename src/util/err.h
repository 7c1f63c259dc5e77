/* err.h — error codes and a message for the user.
 *
 * Functions that can fail return an enum mm_err (0 on success, negative
 * on failure) and, when given a struct err, record in it what to tell
 * the user, in no particular language:
 *
 *  - a message KEY of the locale tables, "err.AREA.WHAT" (the texts are
 *    in locale/ja/errors.json and locale/en/errors.json, under "err"),
 *  - named parameters that the text shows as "{{name}}". A parameter is
 *    plain text (a value the user gave, a number, a path, an SQLite or
 *    errno message: technical details are parameters, never part of the
 *    sentence), or a locale key whose text is shown (a field's name), or
 *    another message (the reason of a failure, the problems of a list;
 *    several messages under one name are joined with the text of
 *    "KEY_sep" when the tables have one for the message's KEY, else of
 *    "err.sep").
 *
 * The message is written in a language only when shown: err_text and
 * err_render (the web, in the request's language). For the callers that
 * show an error as is, msg always holds the message in Japanese (the
 * language of the command line), rendered whenever the error changes.
 *
 * Rules for keys and texts: KEY and parameter names are string literals
 * (they are kept as pointers, not copied); every key used in src/ exists
 * in both errors.json files (scripts/checksrc checks it); a text shows
 * its parameters as plain text and the page escapes them as usual.
 *
 * err_set, the older form, records a text that is shown as it is in
 * every language. It stays for technical messages that are not meant
 * for the user's language (and for code not yet converted).
 */
#ifndef MM_ERR_H
#define MM_ERR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/lang.h"

enum mm_err {
	MM_OK = 0,
	MM_ENOMEM = -1,     /* out of memory */
	MM_EINVAL = -2,     /* bad input from the user or a file */
	MM_ENOTFOUND = -3,  /* the object asked for does not exist */
	MM_EDB = -4,        /* the database failed */
	MM_ECONFLICT = -5,  /* already exists, or not in a state that allows it */
	MM_EIO = -6,        /* a file could not be read or written */
	MM_ECATALOG = -7,   /* the guideline catalog is broken */
	MM_EIMMUTABLE = -8, /* a completed record can not be changed */
	MM_ESCHEMA = -9,    /* the database schema is newer, older or broken */
	MM_EINTEGRITY = -10 /* a check of stored data failed */
};

#define ERR_MSG_MAX 4096
#define ERR_PARAMS_MAX 3072 /* bytes of parameters, names included */
#define ERR_SUB_MAX 40      /* nested messages (problems of a list) */

struct err {
	enum mm_err code;
	const char *key;     /* the message key; NULL for err_set and MM_OK */
	/* internal: nested messages and the parameters of every message */
	const char *sub[ERR_SUB_MAX];
	unsigned nsub;
	unsigned plen;
	bool cut;            /* a parameter or message did not fit */
	char params[ERR_PARAMS_MAX];
	char msg[ERR_MSG_MAX]; /* the message in Japanese */
};

/* err_key — record CODE and message KEY without parameters in E (E may
 * be NULL), replacing what E held. Returns CODE, so that callers can
 * write `return err_key(e, …)`. */
enum mm_err err_key(struct err *e, enum mm_err code, const char *key);

/* err_keyf — err_key with parameters. PARAMS lists them as "{name}"
 * followed by exactly one printf conversion for its value:
 *     err_keyf(e, MM_EINVAL, "err.csv.cols", "{row}%ld{max}%zu", row, max)
 * The conversions are d, i, u, x or s (length modifiers hh h l ll z j t,
 * a precision for s); nothing else may stand in PARAMS. A name written
 * "{@name}" takes a locale key, %s, whose text is shown; "{~name}%s%s"
 * takes a text in Japanese and in English (a catalog text: struct ltext),
 * shown in the message's language (Japanese when the English is empty).
 * A value that does not fit is cut (at a character) and marked with "…".
 * PARAMS may be NULL: no parameters. */
enum mm_err err_keyf(struct err *e, enum mm_err code, const char *key,
    const char *params, ...) __attribute__((format(printf, 4, 5)));

/* err_vkeyf — err_keyf with the values in AP. */
enum mm_err err_vkeyf(struct err *e, enum mm_err code, const char *key,
    const char *params, va_list ap) __attribute__((format(printf, 4, 0)));

/* err_add — add the message of SUB (with its parameters and nested
 * messages) to E's message as parameter NAME. Adding several under one
 * NAME makes a list. E keeps its code and key. A message that does not
 * fit is left out and the list ends with "…". E may be NULL. */
void err_add(struct err *e, const char *name, const struct err *sub);

/* err_addf — err_add of the message KEY with PARAMS (as err_keyf). */
void err_addf(struct err *e, const char *name, const char *key,
    const char *params, ...) __attribute__((format(printf, 4, 5)));

/* err_vaddf — err_addf with the values in AP. */
void err_vaddf(struct err *e, const char *name, const char *key, const char *params,
    va_list ap) __attribute__((format(printf, 4, 0)));

/* err_set — the older form: record CODE and a printf-style text that is
 * shown as it is, in every language (see above). Returns CODE. */
enum mm_err err_set(struct err *e, enum mm_err code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* err_clear — reset E to MM_OK with an empty message. */
void err_clear(struct err *e);

/* err_text — the message of E in LANG, written into E->msg and returned
 * (so msg is in LANG afterwards; call err_text(e, LANG_JA) to go back).
 * Cut at ERR_MSG_MAX bytes. E must not be NULL. */
const char *err_text(struct err *e, enum lang lang);

/* err_render — append the message of E in LANG to OUT (see buf.h for a
 * full buffer); E is not changed. Returns false when OUT failed. */
bool err_render(const struct err *e, enum lang lang, struct buf *out);

/* struct err_msg — a message kept apart from a struct err, in the
 * memory it needs (a struct err is some 7 kB): for reports that hold many
 * messages, such as the problems and changes of an import, each shown
 * later in the reader's language. Read-only once made. */
struct err_msg;

/* err_msg_save — a copy of the message of E (key, parameters, nested
 * messages; the text of err_set as it is), NULL when out of memory.
 * Free with err_msg_free. */
struct err_msg *err_msg_save(const struct err *e);

/* err_msg_new — a message KEY with PARAMS (as err_keyf) made directly,
 * NULL when out of memory. Free with err_msg_free. */
struct err_msg *err_msg_new(const char *key, const char *params, ...)
	__attribute__((format(printf, 2, 3)));

/* err_msg_render — append message M in LANG to OUT, as err_render does.
 * Returns false when OUT failed. */
bool err_msg_render(const struct err_msg *m, enum lang lang, struct buf *out);

/* err_msg_free — release M (NULL is fine). */
void err_msg_free(struct err_msg *m);

/* err_code_name — a short stable name for CODE, for logs and JSON. */
const char *err_code_name(enum mm_err code);

#endif
