/* dashboard.h — where an organisation stands: the current step of the
 * journey with the progress of each step, SECURITY ACTION readiness, the
 * latest 自社診断 and its trend, the 5か条 status, the risk analysis of the
 * 情報資産管理台帳 (counts per band, the 大 risks without a treatment) and
 * the next actions. */
#ifndef MM_DASHBOARD_H
#define MM_DASHBOARD_H

#include <jansson.h>

#include "app/app.h"
#include "store/org_store.h"

/* dashboard_view — the dashboard of O in LANG as a new JSON object:
 *   {"step":N,"steps":[{"no","title","done","total","percent","current"}],
 *    "security_action":{"star1_ready":b,"star2_ready":b,"level":…,"id":…,"date":…},
 *    "latest_diagnosis":{"id","total","max","band","band_label","rescaled",
 *        "completed_at","parts":[…],"unknown":n,"weak":n}|null,
 *    "trend":[{"id","date","total"}],
 *    "pledges":{"done":n,"total":n,"pledged":b},
 *    "next_actions":[{"id":…,"item":n|null}],
 *    "risk":{"total","high","medium","low","untreated_high","media_unrated",
 *        "analysed":b,"gaps":[asset_json…]}}   (the first 5 gaps)
 * NULL with E set on failure. */
json_t *dashboard_view(struct app *a, const struct org *o, enum lang lang,
    struct err *e);

#endif
