/* pledge_service.h — the 5か条 (付録1) as use cases: the status of each
 * principle and the pledge that makes an organisation ready for
 * SECURITY ACTION ★ (a self-declaration, not a certification). */
#ifndef MM_PLEDGE_SERVICE_H
#define MM_PLEDGE_SERVICE_H

#include <jansson.h>

#include "app/app.h"
#include "store/org_store.h"

/* pledge_set_status — set principle PLEDGE_ID (a catalog id of the list
 * "pledges") of O to STATUS ("todo", "doing", "done") with NOTE. */
enum mm_err pledge_set_status(struct app *a, const struct org *o,
    const char *pledge_id, const char *status, const char *note, struct err *e);

/* pledge_declare — O pledges the 5か条 (DECLARE) or withdraws it. */
enum mm_err pledge_declare(struct app *a, const struct org *o, bool declare,
    struct err *e);

/* pledge_view — the 5か条 of O: {"pledged":bool,"pledged_at":…,
 * "pledged_by":…,"done":N,"total":5,"items":[{"id","no","title","why",
 * "measures":[…],"status","note","updated_at"}]} in LANG (new reference). */
json_t *pledge_view(struct app *a, const struct org *o, enum lang lang,
    struct err *e);

#endif
