/* document_service.h — the organisation's policy documents (基本方針,
 * ハンドブック, 関連規程) kept alive: generated from the organisation's
 * data (doc_generate.h) as a draft, edited in Markdown, every version
 * kept and comparable, approved by an owner, published, and acknowledged
 * ("読みました") by the members.
 *
 * A document has numbered versions; a version is never changed. The
 * newest version is a draft until an owner approves it; an approved
 * version can be published; the newest published version is the one the
 * members read and acknowledge (the current version). Every change is
 * one transaction with one audit record.
 */
#ifndef MM_DOCUMENT_SERVICE_H
#define MM_DOCUMENT_SERVICE_H

#include <jansson.h>
#include <stdbool.h>

#include "app/app.h"
#include "store/document_store.h"
#include "store/org_store.h"
#include "util/buf.h"

/* The largest Markdown text of a version, in bytes. */
#define DOCUMENT_MARKDOWN_MAX (512u * 1024)

/* document_kind_title — the title of document KIND (catalog list
 * "documents") in LANG, or NULL when KIND is not a kind of document. */
const char *document_kind_title(struct app *a, const char *kind, enum lang lang);

/* document_generate — write document KIND of O from its data (in LANG)
 * as a new draft version, creating the document the first time, by
 * ACCOUNT_ID (0: the command line). The document's id into *DOC_ID and
 * the version's number into *NUMBER; *LEFT_OUT (may be NULL) receives a
 * new reference to the sections left out [{"id","label","why"}]. */
enum mm_err document_generate(struct app *a, const struct org *o,
    const char *kind, enum lang lang, long long account_id, long long *doc_id,
    int *number, json_t **left_out, struct err *e);

/* document_save — MARKDOWN as a new draft version of document DOC_ID of
 * O by ACCOUNT_ID with an optional NOTE (what changed). BASE is the
 * version the edit started from: when a newer version exists meanwhile
 * the save is refused with MM_ECONFLICT (0 skips the check). Refused with
 * MM_EINVAL: empty, over DOCUMENT_MARKDOWN_MAX, not UTF-8, control
 * characters, or the same text as the newest version. */
enum mm_err document_save(struct app *a, const struct org *o, long long doc_id,
    const char *markdown, const char *note, int base, long long account_id,
    int *number, struct err *e);

/* document_approve — the newest version of DOC_ID approved by ACCOUNT_ID,
 * who must be an owner of O and not disabled (MM_EINVAL otherwise).
 * NUMBER (0: the newest) must be the newest version and a draft
 * (MM_ECONFLICT otherwise; MM_ENOTFOUND for a number that does not
 * exist). */
enum mm_err document_approve(struct app *a, const struct org *o, long long doc_id,
    int number, long long account_id, struct err *e);

/* document_publish — the approved version NUMBER (0: the newest approved)
 * of DOC_ID published: it becomes the current version. MM_ECONFLICT when
 * it is not approved, already published, or older than the published
 * one. */
enum mm_err document_publish(struct app *a, const struct org *o, long long doc_id,
    int number, struct err *e);

/* document_acknowledge — ACCOUNT_ID has read the current version of
 * DOC_ID ("読みました"); its number into *NUMBER (may be NULL). Nothing
 * changes when already recorded. MM_EINVAL when ACCOUNT_ID is not a
 * member of O (supporters included), MM_ECONFLICT when nothing is
 * published. */
enum mm_err document_acknowledge(struct app *a, const struct org *o,
    long long doc_id, long long account_id, int *number, struct err *e);

/* document_state — the policy (基本方針) of O approved (*ESTABLISHED) and
 * published (*PUBLISHED), the handbook published (*HANDBOOK); any may be
 * NULL. */
enum mm_err document_state(struct app *a, const struct org *o, bool *established,
    bool *published, bool *handbook, struct err *e);

/* document_to_read — how many published documents of O ACCOUNT_ID has
 * not read yet (the current version), into *N. */
enum mm_err document_to_read(struct app *a, const struct org *o, long long account_id,
    long long *n, struct err *e);

/* document_list_view — every kind of document of O in catalog order in
 * LANG (new reference, NULL on error): {"documents":[{"kind","title",
 * "id"?,"versions","approved","published","status","updated_at"?,
 * "published_at"?,"acked"?,"acked_at"?}],"to_read":N}. "status" is
 * "none", "draft", "approved" or "published" (of the newest version);
 * "acked" is whether ACCOUNT_ID (0: nobody) has read the current version,
 * and "to_read" counts the published documents not yet read. */
json_t *document_list_view(struct app *a, const struct org *o, enum lang lang,
    long long account_id, struct err *e);

/* The number of a document's current version, the one its readers read
 * (document_view: MM_ENOTFOUND when nothing is published). */
#define DOCUMENT_CURRENT (-1)

/* document_outline — DOC_ID of O without any text (new reference, NULL
 * on error; MM_ENOTFOUND for a document that does not exist):
 * {"id","kind","newest","current","versions":[{"number","title",…}]},
 * the versions as in document_view. */
json_t *document_outline(struct app *a, const struct org *o, long long doc_id,
    struct err *e);

/* document_view — version NUMBER (0: the newest; DOCUMENT_CURRENT: the
 * published one) of DOC_ID of O (new reference, NULL on error;
 * MM_ENOTFOUND in E for a document or version that does not exist): {"id","kind","title","number","newest","current"
 * (the published number, 0 when none),"status","markdown","html" (safe
 * HTML of the text),"version":{…},"versions":[{"number","title","origin",
 * "note","created_by","created_at","approved_by"?,"approved_at"?,
 * "published_at"?,"bytes"}],"left_out":[…],"acked","acked_at"?}. With
 * READERS, also "readers":{"number","total","acked","pending":[{"email",
 * "name","role"}],"done":[{…,"acked_at"}]} for the current version. */
json_t *document_view(struct app *a, const struct org *o, long long doc_id,
    int number, enum lang lang, long long account_id, bool readers,
    struct err *e);

/* document_diff_view — versions FROM and TO of DOC_ID compared line by
 * line (new reference, NULL on error): {"id","title","from","to",
 * "added","removed","lines":[{"op":"same"|"del"|"add","text","old"?,
 * "new"?}]}. Unchanged lines more than three lines away from a change
 * are folded into {"op":"skip","count":N} when that hides two lines or
 * more. */
json_t *document_diff_view(struct app *a, const struct org *o, long long doc_id,
    int from, int to, struct err *e);

/* document_public_policy — the published 基本方針 of O for its public
 * page (new reference, NULL with MM_ENOTFOUND in E when none is
 * published): {"title","org","number","approved_at","published_at",
 * "html" (safe HTML)}. */
json_t *document_public_policy(struct app *a, const struct org *o, struct err *e);

/* document_render — version NUMBER (0: the current version if there is
 * one, else the newest) of DOC_ID as FORMAT ("md", "html", "pdf" or
 * "docx") appended to OUT; the title into TITLE (may be NULL). */
enum mm_err document_render(struct app *a, const struct org *o, long long doc_id,
    int number, const char *format, enum lang lang, struct buf *out,
    char title[DOCUMENT_TITLE_MAX], struct err *e);

/* document_output — MARKDOWN (a document of O called TITLE, dated DATE,
 * "YYYY-MM-DD" or "") as FORMAT ("md", "html", "pdf", "docx") appended
 * to OUT. MM_EINVAL for another format. */
enum mm_err document_output(const char *title, const char *org_name,
    const char *date, enum lang lang, const char *markdown, const char *format,
    struct buf *out, struct err *e);

#endif
