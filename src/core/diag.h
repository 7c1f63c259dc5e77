/* diag.h — 5分でできる！情報セキュリティ自社診断 (付録3): the model read from
 * the catalog and the scoring rules, as pure functions.
 *
 * Answers are the five kinds of the catalog's answer scale. Their points
 * (4 / 2 / 0 / −1) come from the catalog; 該当なし (na) has no points of
 * its own and is scored by the organisation's rule: full points (the
 * default) or excluded, in which case the total is rescaled to 100.
 * Nothing here allocates or does I/O; every function is thread-safe.
 */
#ifndef MM_DIAG_H
#define MM_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/text.h"

#define DIAG_MAX_ITEMS 64
#define DIAG_MAX_PARTS 8
#define DIAG_MAX_BANDS 8

/* The answer kinds. The ids ("yes", …) are part of the JSON contract. */
enum diag_answer {
	DIAG_UNANSWERED = 0,
	DIAG_YES,     /* 実施している */
	DIAG_PARTIAL, /* 一部実施している */
	DIAG_NO,      /* 実施していない */
	DIAG_UNKNOWN, /* わからない */
	DIAG_NA,      /* 該当なし */
	DIAG_ANSWER_KINDS
};

/* How 該当なし is scored (a per-organisation setting). */
enum diag_na_rule {
	DIAG_NA_FULL = 0, /* counts as 実施している (default) */
	DIAG_NA_EXCLUDE   /* left out; the total is rescaled to 100 */
};

struct diag_answer_kind {
	const char *id;
	struct ltext label;
	struct ltext description;
	int points; /* unused for DIAG_NA */
};

struct diag_part {
	const char *id; /* "basic", "employee", "organization" */
	struct ltext label;
	int first, last; /* item numbers, inclusive */
};

struct diag_band {
	const char *id;
	int min, max; /* inclusive */
	struct ltext label, meaning, next_step;
};

struct diag_item {
	const char *id;
	int no;       /* 1-based; items[no - 1] */
	size_t part;  /* index into parts */
	struct ltext question, title, explanation;
	bool na_allowed;
	struct ltext advice[DIAG_ANSWER_KINDS]; /* for PARTIAL, NO, UNKNOWN */
};

/* The diagnosis as the catalog defines it. Filled by catalog_load(). */
struct diag_model {
	struct diag_answer_kind answers[DIAG_ANSWER_KINDS]; /* [0] unused */
	struct diag_part parts[DIAG_MAX_PARTS];
	size_t nparts;
	struct diag_band bands[DIAG_MAX_BANDS];
	size_t nbands;
	struct diag_item items[DIAG_MAX_ITEMS];
	size_t nitems;
	int full_points; /* points of DIAG_YES */
};

/* One respondent's answers: answers[no - 1]. */
struct diag_sheet {
	enum diag_answer answers[DIAG_MAX_ITEMS];
};

struct diag_part_score {
	int score;
	int max;
};

struct diag_result {
	int total;         /* the score shown: raw, or rescaled to 100 */
	int max;           /* full points of all items (100 for 25 items) */
	bool rescaled;     /* 該当なし items were excluded and total rescaled */
	int raw;           /* sum of counted points */
	int raw_max;       /* full points of the counted items */
	const struct diag_band *band;
	struct diag_part_score parts[DIAG_MAX_PARTS];
	int points[DIAG_MAX_ITEMS];   /* per item; 0 for excluded na */
	bool counted[DIAG_MAX_ITEMS]; /* false for excluded na */
	int unknown[DIAG_MAX_ITEMS];  /* item numbers answered わからない */
	size_t nunknown;
	int weak[DIAG_MAX_ITEMS];     /* item numbers below full points */
	size_t nweak;
};

/* diag_answer_id — the stable id of A ("yes", …; "" for UNANSWERED). */
const char *diag_answer_id(enum diag_answer a);

/* diag_answer_from_id — the answer whose id is S, or DIAG_UNANSWERED. */
enum diag_answer diag_answer_from_id(const char *s);

/* diag_answer_parse — the answer written as S: an id ("yes"), a label in
 * Japanese or English ("実施している", "Implemented"; English ignoring
 * case), or the points ("4", "2", "0", "-1"; the minus may be "−" or
 * "－"). Returns DIAG_UNANSWERED when S is none of these. */
enum diag_answer diag_answer_parse(const struct diag_model *m, const char *s);

/* diag_points — points of answer A under RULE. *COUNTED (may be NULL) is
 * set to false when the answer is excluded from the total. */
int diag_points(const struct diag_model *m, enum diag_answer a,
    enum diag_na_rule rule, bool *counted);

/* diag_band_for — the band whose range holds TOTAL (the lowest band for
 * totals below every range, the highest above). */
const struct diag_band *diag_band_for(const struct diag_model *m, int total);

/* diag_sheet_missing — the number of the first item of S that has no
 * answer, or 0 when every item is answered. */
int diag_sheet_missing(const struct diag_model *m, const struct diag_sheet *s);

/* diag_answer_allowed — false when A is DIAG_NA for an item that can not
 * be 該当なし, or A is not a valid answer. */
bool diag_answer_allowed(const struct diag_model *m, int no, enum diag_answer a);

/* diag_score — score the complete sheet S under RULE into *R.
 * Returns 0, or -1 when S has an unanswered item or a 該当なし where the
 * item does not allow it (R is then unspecified). */
int diag_score(const struct diag_model *m, const struct diag_sheet *s,
    enum diag_na_rule rule, struct diag_result *r);

/* diag_rescale — SUM out of MAX points scaled to TARGET (SUM × TARGET /
 * MAX), rounded half away from zero. MAX must be positive. */
int diag_rescale(int sum, int max, int target);

/* One item of a comparison of two rounds. */
struct diag_change {
	int no;
	enum diag_answer before, after;
	int delta; /* points after − points before */
};

/* diag_compare — compare sheets A (earlier) and B (later) item by item
 * under RULE; writes every item to OUT (m->nitems entries) and returns the
 * number of items whose answer changed. */
size_t diag_compare(const struct diag_model *m, const struct diag_sheet *a,
    const struct diag_sheet *b, enum diag_na_rule rule,
    struct diag_change *out);

/* diag_aggregate — the organisation view over N sheets: per item the
 * weakest answer (わからない < 実施していない < 一部 < 実施している
 * < 該当なし; unanswered items of a sheet are ignored). Items nobody
 * answered stay unanswered in OUT. */
void diag_aggregate(const struct diag_model *m, const struct diag_sheet *sheets,
    size_t n, struct diag_sheet *out);

#endif
