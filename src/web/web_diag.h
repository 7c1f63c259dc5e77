/* web_diag.h — what the pages of the 自社診断 share (web_diag.c: rounds,
 * answering, the employees' own check; web_diag_result.c: results,
 * comparison, organisation view, exports, answer sheets). Internal to
 * src/web. */
#ifndef MM_WEB_DIAG_H
#define MM_WEB_DIAG_H

#include <jansson.h>
#include <stdbool.h>

#include "app/diag_service.h"
#include "web/pages.h"

/* diag_web_id — S (may be NULL) as a round id, a positive integer, in
 * *ID; false when it is not one. */
bool diag_web_id(const char *s, long long *id);

/* diag_web_round — round ID (path parameter 0) of the request's
 * organisation, loaded into *V (free with diag_round_view_free); when it
 * is not one, answers (404) and returns false. */
bool diag_web_round(struct web_req *r, struct diag_round_view *v);

/* diag_web_fail — answer with the error E of a service: 400 for bad
 * input, 404 for an unknown object, 409 for a completed round, else 500
 * (the detail goes to the log, the user gets the generic text). */
void diag_web_fail(struct web_req *r, const struct err *e);

/* diag_web_options — add the radio choices to every item of PARTS (made
 * by diag_parts_json): "options":[{"id","label","checked"}] with 該当なし
 * only where the item allows it, and "unanswered" when it has no answer. */
void diag_web_options(struct web_req *r, json_t *parts);

/* diag_web_item_options — diag_web_options for one list of ITEMS. */
void diag_web_item_options(struct web_req *r, json_t *items);

/* diag_web_item_input — the value sent for item NO: the form field
 * PREFIX + NO ("a6"), or the member "NO" of the JSON body's object FIELD
 * (a string, or a number as text); NULL when not sent. */
const char *diag_web_item_input(struct web_req *r, const char *prefix,
    const char *field, int no);

/* diag_web_numbers — "3, 7, 12" of the N numbers NOS (arena). */
const char *diag_web_numbers(struct web_req *r, const int *nos, size_t n);

/* diag_web_scale — the answer scale of the catalog for the page:
 * [{"id","label","points","description","is_na","short"}] (new
 * reference). */
json_t *diag_web_scale(struct web_req *r);

/* diag_web_radar — the radar chart of PARTS (the "parts" of
 * diag_result_json) as safe HTML (new reference), or NULL. */
json_t *diag_web_radar(struct web_req *r, json_t *parts);

/* diag_web_short — the one-sign form of answer A for tables ("○", …). */
const char *diag_web_short(struct web_req *r, enum diag_answer a);

/* diag_web_text — the UI string KEY with "{{NAME}}" replaced by VALUE
 * (arena memory of the request). */
const char *diag_web_text(struct web_req *r, const char *key, const char *name,
    const char *value);

/* diag_web_href — "BASE/diagnosis" + the formatted rest (arena). */
const char *diag_web_href(struct web_req *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The pages of web_diag_mine.c. */
void page_diag_mine(struct web_req *r);
void page_diag_mine_post(struct web_req *r);

/* The pages of web_diag_result.c. */
void page_diag_round(struct web_req *r);
void page_diag_compare(struct web_req *r);
void page_diag_org(struct web_req *r);
void page_diag_export_csv(struct web_req *r);
void page_diag_export_json(struct web_req *r);
void page_diag_sheet(struct web_req *r);
void page_diag_round_sheet(struct web_req *r);

#endif
