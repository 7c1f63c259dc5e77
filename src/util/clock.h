/* clock.h — wall-clock time as UTC text. */
#ifndef MM_CLOCK_H
#define MM_CLOCK_H

#include <stddef.h>
#include <time.h>

#define CLOCK_ISO_LEN 21 /* "2026-11-26T06:12:27Z" + NUL */

/* clock_now_iso — the current UTC time as "YYYY-MM-DDTHH:MM:SSZ" in OUT.
 * When the environment variable MAMORI_FAKE_NOW holds such a string it is
 * used instead (tests set it to get repeatable output). */
void clock_now_iso(char out[CLOCK_ISO_LEN]);

/* clock_format_iso — T as UTC text in OUT. */
void clock_format_iso(time_t t, char out[CLOCK_ISO_LEN]);

#endif
