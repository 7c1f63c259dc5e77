/* pages.h — the handlers of the route table, one file per page family. */
#ifndef MM_PAGES_H
#define MM_PAGES_H

#include "web/route.h"
#include "web/web.h"

/* The route tables of the page families (see route.c). */
extern const struct route diag_routes[];
extern const size_t diag_route_count;
extern const struct route pledge_routes[];
extern const size_t pledge_route_count;
extern const struct route org_routes[];
extern const size_t org_route_count;
extern const struct route users_routes[];
extern const size_t users_route_count;
extern const struct route asset_routes[];
extern const size_t asset_route_count;
extern const struct route risk_routes[];
extern const size_t risk_route_count;
extern const struct route asset_io_routes[];
extern const size_t asset_io_route_count;
extern const struct route roles_routes[];
extern const size_t roles_route_count;
extern const struct route documents_routes[];
extern const size_t documents_route_count;
extern const struct route public_routes[];
extern const size_t public_route_count;
extern const struct route api_routes[];
extern const size_t api_route_count;

/* web_static.c */
void page_static(struct web_req *r);
/* web_asset_version — the version of static file NAME for its URL
 * (/static/NAME?v=VERSION), 16 hex digits ("" when there is no file) */
void web_asset_version(const char *name, char out[17]);
void page_favicon(struct web_req *r);

/* web_auth.c: logging in and out, the account's password, the start page */
void page_home(struct web_req *r);
void page_login(struct web_req *r);
void page_login_post(struct web_req *r);
void page_logout_post(struct web_req *r);
void page_password(struct web_req *r);
void page_password_post(struct web_req *r);

/* web_dashboard.c */
void page_dashboard(struct web_req *r);

#endif
