/* input.h — checks of text given by users, shared by the services. */
#ifndef MM_INPUT_H
#define MM_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

/* input_text — check the text S for the field FIELD (the message key of
 * its name, "err.field.…", for the message) and copy it, trimmed, into OUT (size OUTSZ); S may be OUT
 * itself (the value is checked and trimmed in place). S may be NULL
 * when not REQUIRED (OUT becomes ""). Refused with MM_EINVAL: missing or
 * blank when required, invalid UTF-8, control characters, more than
 * MAXCHARS characters or more bytes than OUT holds. */
enum mm_err input_text(const char *field, const char *s, bool required,
    size_t maxchars, char *out, size_t outsz, struct err *e);

#endif
