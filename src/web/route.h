/* route.h — the route table: every URL of mamori with the permission it
 * needs and how a state-changing request is protected.
 *
 * Routes about one organisation (perm_is_org) are written without their
 * prefix and are served at /o/SLUG/… for the browser and at /api/… for
 * the API (the organisation then comes from ?org=SLUG, or is the only
 * one of the account). Other routes are served as written, and their
 * /api/… form too.
 */
#ifndef MM_ROUTE_H
#define MM_ROUTE_H

#include "core/access.h"
#include "web/web.h"

enum csrf_rule {
	CSRF_NONE = 0,  /* GET: must not change anything */
	CSRF_SESSION,   /* POST: the session's token + same Origin */
	CSRF_ORIGIN     /* POST before a session exists (login): same Origin */
};

struct route {
	const char *method;
	const char *pattern; /* "/diagnosis/rounds/:id"; ":x" matches one segment */
	void (*handler)(struct web_req *r);
	enum perm perm;
	enum csrf_rule csrf;
	const char *summary; /* for the API description */
};

/* A page family's routes (each web_*.c file defines one). */
struct route_table {
	const struct route *routes;
	const size_t *count;
};

/* route_count — the number of routes of all families; route_at — route
 * I of them (0 ≤ I < route_count()), for tests and the API description. */
size_t route_count(void);
const struct route *route_at(size_t i);

/* route_match — the route for METHOD and PATH among routes that are
 * (ORG_SCOPED) or are not about an organisation; fills R->params.
 * *WRONG_METHOD is set when the path exists with another method. */
const struct route *route_match(const char *method, const char *path,
    bool org_scoped, struct web_req *r, bool *wrong_method);

#endif
