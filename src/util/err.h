/* err.h — error codes and a message for the user.
 *
 * Functions that can fail return an enum mm_err (0 on success, negative
 * on failure) and, when given a struct err, fill it with a message that
 * can be shown to the user as is (Japanese on the command line).
 */
#ifndef MM_ERR_H
#define MM_ERR_H

#include <stddef.h>

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

struct err {
	enum mm_err code;
	char msg[ERR_MSG_MAX];
};

/* err_set — record CODE and a printf-style message in E (E may be NULL).
 * Returns CODE so that callers can write `return err_set(e, ...)`.
 * A message already present is replaced. */
enum mm_err err_set(struct err *e, enum mm_err code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* err_clear — reset E to MM_OK with an empty message. */
void err_clear(struct err *e);

/* err_code_name — a short stable name for CODE, for logs and JSON. */
const char *err_code_name(enum mm_err code);

#endif
