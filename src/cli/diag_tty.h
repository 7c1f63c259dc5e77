/* diag_tty.h — the 自社診断 as a questionnaire in the terminal. */
#ifndef MM_DIAG_TTY_H
#define MM_DIAG_TTY_H

#include <stdio.h>

#include "app/app.h"
#include "store/org_store.h"

/* diag_tty_run — ask the items of the draft of RESPONDENT (KIND "person"
 * or "department") of O one at a time, reading answers from the file
 * descriptor IN and
 * writing to OUT. Each answer is saved at once, so stopping (q, end of
 * input, Ctrl-C) keeps the draft and the next run resumes it. At the end
 * the round is completed and its result shown. Returns a CLI exit
 * status (130 when interrupted by Ctrl-C). */
int diag_tty_run(struct app *a, const struct org *o, const char *respondent,
    const char *kind, int in, FILE *out);

#endif
