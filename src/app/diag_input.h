/* diag_input.h — the 自社診断 answers given as a file.
 *
 * CSV: one line per item, "no,answer[,note]", an optional header line,
 * UTF-8 with or without BOM. JSON: {"answers":{"1":"yes",…},
 * "notes":{"1":"…"}, "respondent":"…"} ("notes" and "respondent" are
 * optional). An answer may be an id, a Japanese or English label or the
 * points (see diag_answer_parse). Every item must be answered once;
 * 該当なし only where the item allows it.
 */
#ifndef MM_DIAG_INPUT_H
#define MM_DIAG_INPUT_H

#include "core/diag.h"
#include "store/diag_store.h"
#include "util/err.h"

#define DIAG_INPUT_MAX_BYTES (1024u * 1024)

enum diag_input_format {
	DIAG_INPUT_AUTO = 0, /* JSON when the first non-space byte is '{' */
	DIAG_INPUT_CSV,
	DIAG_INPUT_JSON
};

struct diag_input {
	struct diag_sheet sheet;
	struct diag_notes notes;                 /* free with diag_input_free */
	char respondent[RESPONDENT_NAME_MAX];    /* from JSON, or "" */
};

/* diag_input_parse — parse the LEN bytes at DATA into *OUT. On any
 * problem returns MM_EINVAL with every problem found (up to a few),
 * each naming the line (CSV) or the item (JSON); *OUT then holds
 * nothing to free. */
enum mm_err diag_input_parse(const struct diag_model *m, const char *data,
    size_t len, enum diag_input_format fmt, struct diag_input *out,
    struct err *e);

/* diag_input_free — release the notes of IN. */
void diag_input_free(struct diag_input *in);

#endif
