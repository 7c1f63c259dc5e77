/* web_asset.h — what the ledger pages (web_asset.c, web_asset_edit.c,
 * web_asset_view.c) and the risk pages (web_risk.c) share: reading input
 * given as a form or as JSON, a ledger row as the templates show it, page
 * links, sentences with a number, and the ledger's handlers. */
#ifndef MM_WEB_ASSET_H
#define MM_WEB_ASSET_H

#include "core/risk.h"
#include "store/asset_store.h"
#include "web/web.h"

#define ASSET_PAGE_SIZE 50

/* web_asset_input — request value NAME: a form field, or the JSON body's
 * member NAME as text (a string as is, an integer in decimal, true "1",
 * false "0", null ""); NULL when absent. In the request's arena. */
const char *web_asset_input(struct web_req *r, const char *name);

/* The values many rows share, made once per response, so that a list of
 * 10,000 rows allocates little beyond each row's own name: the levels and
 * the risk of each (重要度, 脅威, 脆弱性) (rv), the bands (band: id,
 * label), the media, the C/I/A triples, the sources of T and V (src), the
 * personal-data flags (pi), the treatments and a few repeated texts
 * (departments, business categories). One per response and thread. */
#define ASSET_ROWS_TEXTS 64
struct asset_rows {
	struct web_req *r;
	json_t *rv[3][3][3];                     /* [imp-1][T-1][V-1] */
	json_t *band[RISK_MAX_BANDS];            /* {"id","label"} */
	json_t *medium[RISK_MAX_MEDIA];          /* label */
	json_t *cia[27];                         /* "c/i/a" */
	json_t *src[3][3];                       /* [T source][V source] */
	json_t *pi[8];                           /* {"p","s","mn"} */
	json_t *treat[RISK_MAX_TREATMENTS][3];   /* "kind (status)" */
	json_t *text[ASSET_ROWS_TEXTS];          /* repeated texts, as met */
	size_t ntext;
};

/* web_asset_rows_init / web_asset_rows_free — the shared values of the
 * rows of one response (free them when the page is rendered). */
void web_asset_rows_init(struct asset_rows *c, struct web_req *r);
void web_asset_rows_free(struct asset_rows *c);

/* web_asset_row — asset AS as one row of the ledger table (template
 * "asset_rows"): id, name, category, dept, medium, cia ("c/i/a"),
 * rv {imp, th, vu, l, risk}, band {id, label}, src {t_def, t_ovr, v_def,
 * v_ovr}, pi {p, s, mn}, treat ("低減 (予定)") and gap (大 without a
 * treatment). Keys that would be false or empty are left out; the values
 * are the stored ones. A new object (NULL when out of memory). */
json_t *web_asset_row(struct asset_rows *c, const struct asset *as);

/* web_asset_band_label — the label of band id BAND in the request's
 * language ("" when unknown). */
const char *web_asset_band_label(struct web_req *r, const char *band);

/* web_asset_status_label — 予定 / 実施中 / 完了 for a treatment status. */
const char *web_asset_status_label(struct web_req *r, const char *status);

/* web_asset_pager — the links to the pages of a list: PAGE of PAGES, each
 * link PREFIX followed by the page number (PREFIX ends with "page=").
 * {"prev","next","links":[{"n","href","current","gap"}]}, or NULL when
 * there is one page. */
json_t *web_asset_pager(struct web_req *r, const char *prefix, long long page,
    long long pages);

/* web_asset_subst — TEXT with "{{NAME}}" replaced by VALUE (in the
 * request's arena; TEXT itself when it has no such tag). */
const char *web_asset_subst(struct web_req *r, const char *text, const char *name,
    const char *value);

/* web_asset_tn — the UI string KEY with "{{n}}" replaced by N (in the
 * request's arena). */
const char *web_asset_tn(struct web_req *r, const char *key, long long n);

/* web_asset_url_add — append "&NAME=VALUE" (or "?…" when B has no "?"
 * yet) to B, VALUE percent-encoded; nothing when VALUE is NULL or "". */
void web_asset_url_add(struct buf *b, const char *name, const char *value);

/* Helpers of the ledger pages (web_asset*.c). */

/* web_asset_can_edit — may the request's role change the ledger? */
bool web_asset_can_edit(const struct web_req *r);

/* web_asset_path_id — the :id of the path into *ID; false when it is not a
 * positive number. */
bool web_asset_path_id(struct web_req *r, long long *id);

/* web_asset_fail — answer a failed service call: 404 for MM_ENOTFOUND,
 * 400 with the service's Japanese message for MM_EINVAL, else 500. */
void web_asset_fail(struct web_req *r, enum mm_err code, const struct err *e);

/* web_asset_load — the asset of the path's :id of the request's
 * organisation into *AS; on false the answer (404/500) is given. */
bool web_asset_load(struct web_req *r, struct asset *as);

/* web_asset_path — "/o/SLUG/assets/ID" followed by REST (arena). */
const char *web_asset_path(struct web_req *r, long long id, const char *rest);

/* web_asset_pick — GIVEN when it is not NULL, else STORED. */
const char *web_asset_pick(const char *given, const char *stored);

/* web_asset_level — level V as text ("" for 0), in the arena. */
const char *web_asset_level(struct web_req *r, int v);

/* The handlers of the route table in web_asset.c. The asset pages and
 * their forms answer HTML or JSON (the API) alike. */

/* web_asset_edit.c: GET /assets/new, POST /assets, GET /assets/:id/edit,
 * POST /assets/:id, POST /assets/:id/duplicate, GET and POST
 * /assets/:id/delete, POST /assets/bulk */
void page_asset_new(struct web_req *r);
void page_asset_create(struct web_req *r);
void page_asset_edit(struct web_req *r);
void page_asset_update(struct web_req *r);
void page_asset_duplicate(struct web_req *r);
void page_asset_delete(struct web_req *r);
void page_asset_delete_post(struct web_req *r);
void page_asset_bulk(struct web_req *r);

/* web_asset_view.c: GET /assets/:id, POST /assets/:id/treatment */
void page_asset(struct web_req *r);
void page_asset_treatment(struct web_req *r);

#endif
