/* progress.c — a progress bar on the terminal. */
#include "cli/progress.h"

#include <stdio.h>
#include <unistd.h>

#define BAR 30

void
progress_start(struct progress *p, const char *label)
{
	p->label = label;
	p->tty = isatty(STDERR_FILENO) == 1;
	p->shown = -1;
}

void
progress_update(void *ctx, int done, int total)
{
	struct progress *p = ctx;
	int pct, i, fill;

	if (!p->tty || total <= 0)
		return;
	pct = (int)(100L * done / total);
	if (pct == p->shown)
		return;
	p->shown = pct;
	fill = pct * BAR / 100;
	fprintf(stderr, "\r%s [", p->label);
	for (i = 0; i < BAR; i++)
		fputc(i < fill ? '#' : '.', stderr);
	fprintf(stderr, "] %3d%%", pct);
	fflush(stderr);
}

void
progress_end(struct progress *p)
{
	if (p->tty && p->shown >= 0)
		fputc('\n', stderr);
}
