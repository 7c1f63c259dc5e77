/* app.h — the services' shared context: the database, the catalog and
 * who is acting. Every write goes through a service in src/app, which
 * runs it in one transaction together with its audit record.
 */
#ifndef MM_APP_H
#define MM_APP_H

#include <stdbool.h>

#include "core/catalog.h"
#include "store/db.h"

#define APP_ACTOR_MAX 300

struct app {
	struct db *db;
	struct catalog *cat;
	char actor[APP_ACTOR_MAX]; /* e.g. "cli:taro" */
};

/* app_open — load the embedded catalog, open the database at PATH
 * (creating it when CREATE) and bring its schema up to date. ACTOR names
 * who acts in the audit log. On failure nothing stays open. */
enum mm_err app_open(struct app *a, const char *path, bool create,
    const char *actor, struct err *e);

/* app_close — close what app_open opened (safe on a zeroed app). */
void app_close(struct app *a);

/* app_begin / app_commit / app_rollback — a write transaction. */
enum mm_err app_begin(struct app *a, struct err *e);
enum mm_err app_commit(struct app *a, struct err *e);
void app_rollback(struct app *a);

#endif
