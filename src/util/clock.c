/* clock.c — wall-clock time as UTC text. */
#include "util/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
clock_format_iso(time_t t, char out[CLOCK_ISO_LEN])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, CLOCK_ISO_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
clock_now_iso(char out[CLOCK_ISO_LEN])
{
	const char *fake = getenv("MAMORI_FAKE_NOW");

	if (fake != NULL && strlen(fake) == CLOCK_ISO_LEN - 1) {
		memcpy(out, fake, CLOCK_ISO_LEN);
		return;
	}
	clock_format_iso(time(NULL), out);
}
