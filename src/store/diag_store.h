/* diag_store.h — respondents, 自社診断 rounds and their answers.
 *
 * A round is a draft until it is completed; a completed round and its
 * answers can not be changed (the schema refuses it: MM_EIMMUTABLE).
 * Every query is scoped by organisation.
 */
#ifndef MM_DIAG_STORE_H
#define MM_DIAG_STORE_H

#include <stdbool.h>

#include "core/diag.h"
#include "store/db.h"
#include "util/clock.h"

#define RESPONDENT_NAME_MAX 512 /* 80 characters in any UTF-8 */
#define DIAG_NOTE_MAX 2000 /* bytes */

struct diag_round_row {
	long long id;
	long long org_id;
	long long respondent_id;
	char respondent[RESPONDENT_NAME_MAX];
	char respondent_kind[16]; /* "person" | "department" */
	char catalog[64];
	bool completed;
	enum diag_na_rule na_rule;
	char started_at[CLOCK_ISO_LEN];
	char completed_at[CLOCK_ISO_LEN]; /* "" for a draft */
	int total;                        /* completed rounds only */
	char band[64];                    /* completed rounds only */
};

/* Notes per item: notes[no - 1] is NULL or an allocated string. */
struct diag_notes {
	char *notes[DIAG_MAX_ITEMS];
};

/* diag_notes_free — free the strings of N (not N itself). */
void diag_notes_free(struct diag_notes *n);

/* respondent_find_or_add — the id of respondent NAME of ORG_ID in *ID,
 * adding it (of KIND "person" or "department") when missing; *CREATED
 * (may be NULL) tells which. */
enum mm_err respondent_find_or_add(struct db *db, long long org_id,
    const char *name, const char *kind, const char *now, long long *id,
    bool *created, struct err *e);

/* diag_round_insert — store R as a new round (R->id is set). */
enum mm_err diag_round_insert(struct db *db, struct diag_round_row *r,
    struct err *e);

/* diag_round_get — round ID of ORG_ID into *R; MM_ENOTFOUND if none. */
enum mm_err diag_round_get(struct db *db, long long org_id, long long id,
    struct diag_round_row *r, struct err *e);

/* diag_round_draft — the newest draft of RESPONDENT_ID into *R. */
enum mm_err diag_round_draft(struct db *db, long long org_id,
    long long respondent_id, struct diag_round_row *r, struct err *e);

/* diag_round_previous — the newest completed round of RESPONDENT_ID
 * before round BEFORE_ID (0: the newest of all) into *R. */
enum mm_err diag_round_previous(struct db *db, long long org_id,
    long long respondent_id, long long before_id, struct diag_round_row *r,
    struct err *e);

/* diag_round_list — rounds of ORG_ID in the order they were completed,
 * drafts last (included when WITH_DRAFTS), in a new array *OUT of *N
 * (free() it). */
enum mm_err diag_round_list(struct db *db, long long org_id, bool with_drafts,
    struct diag_round_row **out, size_t *n, struct err *e);

/* The part of a completed round that the score trend needs. */
struct diag_round_total {
	long long id;
	char completed_at[CLOCK_ISO_LEN];
	int total;
};

/* diag_round_totals — the completed rounds of ORG_ID in the order of
 * diag_round_list, only their id, completion time and total, in a new
 * array *OUT of *N (free() it): read from the index alone, no join, no
 * sort, for pages that show every round's score. */
enum mm_err diag_round_totals(struct db *db, long long org_id,
    struct diag_round_total **out, size_t *n, struct err *e);

/* diag_round_complete — mark round ID completed at AT, scored under
 * RULE with TOTAL and BAND. */
enum mm_err diag_round_complete(struct db *db, long long id, const char *at,
    enum diag_na_rule rule, int total, const char *band, struct err *e);

/* diag_round_delete_draft — remove draft round ID and its answers. */
enum mm_err diag_round_delete_draft(struct db *db, long long id, struct err *e);

/* diag_answers_load — the answers of round ROUND_ID into *SHEET (unanswered
 * items stay DIAG_UNANSWERED) and, when NOTES is not NULL, the notes. */
enum mm_err diag_answers_load(struct db *db, long long round_id,
    struct diag_sheet *sheet, struct diag_notes *notes, struct err *e);

/* diag_answer_put — set the answer (and NOTE, may be NULL) of item NO of
 * ROUND_ID; DIAG_UNANSWERED removes the answer. */
enum mm_err diag_answer_put(struct db *db, long long round_id, int no,
    enum diag_answer answer, const char *note, struct err *e);

/* diag_refs_check — MM_OK when every round of every organisation in DB
 * uses the catalog CATALOG_ID and every answer's item is within 1..NITEMS;
 * MM_EINTEGRITY naming the first round that does not. */
enum mm_err diag_refs_check(struct db *db, const char *catalog_id,
    size_t nitems, struct err *e);

#endif
