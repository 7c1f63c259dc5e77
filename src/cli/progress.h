/* progress.h — a progress bar on the terminal (stderr); silent when
 * stderr is not a terminal. */
#ifndef MM_PROGRESS_H
#define MM_PROGRESS_H

#include <stdbool.h>

struct progress {
	const char *label;
	bool tty;
	int shown; /* last percentage drawn, −1 before the first */
};

void progress_start(struct progress *p, const char *label);

/* progress_update — DONE of TOTAL steps; usable as a callback (CTX is the
 * struct progress). */
void progress_update(void *ctx, int done, int total);

/* progress_end — finish the line. */
void progress_end(struct progress *p);

#endif
