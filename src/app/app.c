/* app.c — the services' shared context. */
#include "app/app.h"

#include <string.h>

#include "store/migrate.h"

enum mm_err
app_open(struct app *a, const char *path, bool create, const char *actor,
    struct err *e)
{
	enum mm_err code;

	memset(a, 0, sizeof(*a));
	snprintf(a->actor, sizeof(a->actor), "%s", actor);
	if ((code = catalog_load_embedded(CATALOG_DEFAULT, &a->cat, e)) != MM_OK)
		goto fail;
	code = db_open(path, create ? DB_OPEN_CREATE : DB_OPEN_EXISTING, &a->db, e);
	if (code != MM_OK)
		goto fail;
	if ((code = migrate_apply(a->db, NULL, e)) != MM_OK)
		goto fail;
	return MM_OK;
fail:
	app_close(a);
	return code;
}

void
app_close(struct app *a)
{
	db_close(a->db);
	catalog_free(a->cat);
	a->db = NULL;
	a->cat = NULL;
}

enum mm_err
app_begin(struct app *a, struct err *e)
{
	return db_begin(a->db, e);
}

enum mm_err
app_commit(struct app *a, struct err *e)
{
	return db_commit(a->db, e);
}

void
app_rollback(struct app *a)
{
	db_rollback(a->db);
}
