/* diag.c — scoring of the 自社診断. See diag.h. */
#include "core/diag.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static const char *const answer_ids[DIAG_ANSWER_KINDS] = {
	"", "yes", "partial", "no", "unknown", "na"
};

const char *
diag_answer_id(enum diag_answer a)
{
	if ((int)a < 0 || a >= DIAG_ANSWER_KINDS)
		return "";
	return answer_ids[a];
}

enum diag_answer
diag_answer_from_id(const char *s)
{
	int i;

	for (i = 1; i < DIAG_ANSWER_KINDS; i++)
		if (strcmp(s, answer_ids[i]) == 0)
			return (enum diag_answer)i;
	return DIAG_UNANSWERED;
}

static bool
ascii_caseeq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return *a == *b;
}

enum diag_answer
diag_answer_parse(const struct diag_model *m, const char *s)
{
	static const char *const minus[] = { "-", "\xe2\x88\x92", "\xef\xbc\x8d" };
	char num[8];
	size_t i, k;
	int a;

	for (a = DIAG_YES; a < DIAG_ANSWER_KINDS; a++) {
		const struct diag_answer_kind *ak = &m->answers[a];
		if (ascii_caseeq(s, diag_answer_id((enum diag_answer)a)) ||
		    (ak->label.ja != NULL && strcmp(s, ak->label.ja) == 0) ||
		    (ak->label.en != NULL && ascii_caseeq(s, ak->label.en)))
			return (enum diag_answer)a;
	}
	/* points, with any of the minus signs */
	for (k = 0; k < sizeof(minus) / sizeof(minus[0]); k++) {
		size_t ml = strlen(minus[k]);
		if (strncmp(s, minus[k], ml) == 0) {
			if (strlen(s + ml) + 2 > sizeof(num))
				return DIAG_UNANSWERED;
			num[0] = '-';
			memcpy(num + 1, s + ml, strlen(s + ml) + 1);
			break;
		}
	}
	if (k == sizeof(minus) / sizeof(minus[0])) {
		if (strlen(s) + 1 > sizeof(num))
			return DIAG_UNANSWERED;
		memcpy(num, s, strlen(s) + 1);
	}
	if (num[0] == '\0' || (num[0] == '-' && num[1] == '\0'))
		return DIAG_UNANSWERED;
	for (i = num[0] == '-' ? 1 : 0; num[i]; i++)
		if (num[i] < '0' || num[i] > '9')
			return DIAG_UNANSWERED;
	for (a = DIAG_YES; a < DIAG_NA; a++) {
		char p[8];
		snprintf(p, sizeof(p), "%d", m->answers[a].points);
		if (strcmp(num, p) == 0)
			return (enum diag_answer)a;
	}
	return DIAG_UNANSWERED;
}

int
diag_points(const struct diag_model *m, enum diag_answer a,
    enum diag_na_rule rule, bool *counted)
{
	if (counted != NULL)
		*counted = true;
	if (a == DIAG_NA) {
		if (rule == DIAG_NA_EXCLUDE) {
			if (counted != NULL)
				*counted = false;
			return 0;
		}
		return m->full_points;
	}
	if (a <= DIAG_UNANSWERED || a >= DIAG_ANSWER_KINDS)
		return 0;
	return m->answers[a].points;
}

const struct diag_band *
diag_band_for(const struct diag_model *m, int total)
{
	const struct diag_band *lo = NULL, *hi = NULL;
	size_t i;

	for (i = 0; i < m->nbands; i++) {
		const struct diag_band *b = &m->bands[i];
		if (total >= b->min && total <= b->max)
			return b;
		if (lo == NULL || b->min < lo->min)
			lo = b;
		if (hi == NULL || b->max > hi->max)
			hi = b;
	}
	if (lo != NULL && total < lo->min)
		return lo;
	return hi;
}

int
diag_sheet_missing(const struct diag_model *m, const struct diag_sheet *s)
{
	size_t i;

	for (i = 0; i < m->nitems; i++)
		if (s->answers[i] == DIAG_UNANSWERED)
			return (int)i + 1;
	return 0;
}

bool
diag_answer_allowed(const struct diag_model *m, int no, enum diag_answer a)
{
	if (no < 1 || (size_t)no > m->nitems)
		return false;
	if (a <= DIAG_UNANSWERED || a >= DIAG_ANSWER_KINDS)
		return false;
	if (a == DIAG_NA && !m->items[no - 1].na_allowed)
		return false;
	return true;
}

int
diag_rescale(int sum, int max, int target)
{
	long num = (long)target * sum;

	assert(max > 0);
	if (num >= 0)
		return (int)((2 * num + max) / (2L * max));
	return -(int)((-2 * num + max) / (2L * max));
}

int
diag_score(const struct diag_model *m, const struct diag_sheet *s,
    enum diag_na_rule rule, struct diag_result *r)
{
	size_t i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < m->nitems; i++) {
		const struct diag_item *it = &m->items[i];
		enum diag_answer a = s->answers[i];
		bool counted;
		int p;

		if (!diag_answer_allowed(m, it->no, a))
			return -1;
		p = diag_points(m, a, rule, &counted);
		r->points[i] = p;
		r->counted[i] = counted;
		if (counted) {
			r->raw += p;
			r->raw_max += m->full_points;
			r->parts[it->part].score += p;
			r->parts[it->part].max += m->full_points;
		}
		if (a == DIAG_UNKNOWN)
			r->unknown[r->nunknown++] = it->no;
		if (a == DIAG_PARTIAL || a == DIAG_NO || a == DIAG_UNKNOWN)
			r->weak[r->nweak++] = it->no;
		if (!counted)
			r->rescaled = true;
	}
	r->max = (int)m->nitems * m->full_points;
	if (r->rescaled && r->raw_max > 0)
		r->total = diag_rescale(r->raw, r->raw_max, r->max);
	else
		r->total = r->raw;
	r->band = diag_band_for(m, r->total);
	return 0;
}

size_t
diag_compare(const struct diag_model *m, const struct diag_sheet *a,
    const struct diag_sheet *b, enum diag_na_rule rule,
    struct diag_change *out)
{
	size_t i, changed = 0;

	for (i = 0; i < m->nitems; i++) {
		out[i].no = (int)i + 1;
		out[i].before = a->answers[i];
		out[i].after = b->answers[i];
		out[i].delta = diag_points(m, b->answers[i], rule, NULL) -
		    diag_points(m, a->answers[i], rule, NULL);
		if (a->answers[i] != b->answers[i])
			changed++;
	}
	return changed;
}

/* weakness rank: lower is weaker */
static int
answer_rank(enum diag_answer a)
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

void
diag_aggregate(const struct diag_model *m, const struct diag_sheet *sheets,
    size_t n, struct diag_sheet *out)
{
	size_t i, k;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < m->nitems; i++) {
		enum diag_answer w = DIAG_UNANSWERED;
		for (k = 0; k < n; k++) {
			enum diag_answer a = sheets[k].answers[i];
			if (a == DIAG_UNANSWERED)
				continue;
			if (w == DIAG_UNANSWERED || answer_rank(a) < answer_rank(w))
				w = a;
		}
		out->answers[i] = w;
	}
}
