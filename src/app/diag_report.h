/* diag_report.h — the printed documents of the 自社診断 and the 5か条,
 * built as documents (render/docmodel.h) for the PDF, DOCX and Markdown
 * writers: the result report of a round (total and band with its meaning
 * and next step, radar and trend charts, subtotals by part, the わからない
 * items, advice for every item below full points, the change since the
 * previous round), the answer sheet (blank or filled for a round) and the
 * pledge sheet (the five principles with their status and measures and a
 * line for the representative's signature).
 *
 * Every label comes from LABELS, the "report" object of the UI strings
 * (locale/LANG/report.json); the texts of the guideline come from the
 * catalog. A missing label prints as "".
 */
#ifndef MM_DIAG_REPORT_H
#define MM_DIAG_REPORT_H

#include <jansson.h>

#include "app/diag_service.h"
#include "render/docmodel.h"

/* report_labels — the "report" labels of the program's UI strings in LANG
 * (locale_app; new reference), or NULL when they are missing. For callers
 * that have no locale of their own (the command line). */
json_t *report_labels(enum lang lang);

/* What a result report is made of. */
struct diag_report_in {
	const struct diag_model *m;
	const char *org_name;
	const struct diag_round_view *v;    /* a completed round */
	const struct diag_round_view *prev; /* the respondent's previous round, or NULL */
	const struct chart_point *trend;    /* totals of the respondent's rounds up to V */
	size_t ntrend;                      /* 0..64; the chart needs 2 */
	enum lang lang;
	const json_t *labels;
};

/* diag_report_doc — the result report of IN (a new doc, free with
 * doc_free), or NULL when out of memory. Pure. */
struct doc *diag_report_doc(const struct diag_report_in *in);

/* diag_sheet_doc — the answer sheet of M for ORG_NAME: blank when V is
 * NULL, else filled with V's answers and notes. DATE goes on the title
 * page. NULL when out of memory. Pure. */
struct doc *diag_sheet_doc(const struct diag_model *m, const char *org_name,
    const struct diag_round_view *v, const char *date, enum lang lang,
    const json_t *labels);

/* pledge_sheet_doc — the pledge sheet of organisation O from VIEW (the
 * object of pledge_view). DATE goes on the title page. NULL when out of
 * memory. Pure. */
struct doc *pledge_sheet_doc(const struct org *o, const json_t *view,
    const char *date, enum lang lang, const json_t *labels);

/* diag_report_build — the result report of round ROUND_ID of O, loaded
 * with its previous round and the trend of its respondent, into *OUT.
 * MM_ENOTFOUND for no such round; MM_EINVAL for a draft. */
enum mm_err diag_report_build(struct app *a, const struct org *o, long long round_id,
    enum lang lang, const json_t *labels, struct doc **out, struct err *e);

/* diag_sheet_build — the answer sheet of O: blank when ROUND_ID is 0,
 * else filled with that round (a draft too). */
enum mm_err diag_sheet_build(struct app *a, const struct org *o, long long round_id,
    enum lang lang, const json_t *labels, struct doc **out, struct err *e);

/* pledge_sheet_build — the pledge sheet of O in LANG. */
enum mm_err pledge_sheet_build(struct app *a, const struct org *o, enum lang lang,
    const json_t *labels, struct doc **out, struct err *e);

#endif
