/* mm_diag.h — 自社診断 sheets for tests (header only).
 *
 *   mmt_letter        'y' 'p' 'n' 'u' 'a'(na) '.'(unanswered) → answer
 *   mmt_sheet         a sheet from one letter per item
 *   mmt_random_sheet  a random sheet (na only where the item allows it)
 *   mmt_all           a sheet with every item answered A
 *   mmt_rank          weakness of an answer: わからない 0 … 該当なし 4
 *   mmt_band_id       the band the guideline gives for a total
 */
#ifndef MM_TEST_DIAG_H
#define MM_TEST_DIAG_H

#include "support/mm_test.h"

#include "core/diag.h"

static inline enum diag_answer
mmt_letter(char c)
{
	switch (c) {
	case 'y': return DIAG_YES;
	case 'p': return DIAG_PARTIAL;
	case 'n': return DIAG_NO;
	case 'u': return DIAG_UNKNOWN;
	case 'a': return DIAG_NA;
	case '.': return DIAG_UNANSWERED;
	default: fail();
	}
	return DIAG_UNANSWERED;
}

/* SPEC holds at most m->nitems letters; items beyond it stay unanswered */
static inline struct diag_sheet
mmt_sheet(const struct diag_model *m, const char *spec)
{
	struct diag_sheet s;
	size_t i;

	memset(&s, 0, sizeof(s));
	assert_true(strlen(spec) <= m->nitems);
	for (i = 0; spec[i]; i++)
		s.answers[i] = mmt_letter(spec[i]);
	return s;
}

static inline struct diag_sheet
mmt_all(const struct diag_model *m, enum diag_answer a)
{
	struct diag_sheet s;
	size_t i;

	memset(&s, 0, sizeof(s));
	for (i = 0; i < m->nitems; i++)
		s.answers[i] = a;
	return s;
}

static inline struct diag_sheet
mmt_random_sheet(const struct diag_model *m, uint64_t *seed, bool with_na,
    bool with_gaps)
{
	struct diag_sheet s;
	size_t i;

	memset(&s, 0, sizeof(s));
	for (i = 0; i < m->nitems; i++) {
		unsigned k = mmt_below(seed, with_gaps ? 6 : 5);
		enum diag_answer a = k == 5 ? DIAG_UNANSWERED : (enum diag_answer)(k + 1);
		if (a == DIAG_NA && (!with_na || !m->items[i].na_allowed))
			a = DIAG_YES;
		s.answers[i] = a;
	}
	return s;
}

static inline int
mmt_rank(enum diag_answer a)
{
	switch (a) {
	case DIAG_UNKNOWN: return 0;
	case DIAG_NO: return 1;
	case DIAG_PARTIAL: return 2;
	case DIAG_YES: return 3;
	case DIAG_NA: return 4;
	default: return 5;
	}
}

/* 100: complete, 70–99: mostly, 50–69: insufficient, below: urgent */
static inline const char *
mmt_band_id(int total)
{
	if (total >= 100)
		return "complete";
	if (total >= 70)
		return "mostly";
	if (total >= 50)
		return "insufficient";
	return "urgent";
}

#endif
