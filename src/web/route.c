/* route.c — the route table and the matching of paths. */
#include "web/route.h"

#include <string.h>

#include "web/pages.h"

static const struct route core_routes[] = {
	/* public */
	{ "GET", "/static/:file", page_static, PERM_PUBLIC, CSRF_NONE, "静的ファイル" },
	{ "GET", "/favicon.ico", page_favicon, PERM_PUBLIC, CSRF_NONE, "アイコン" },
	{ "GET", "/login", page_login, PERM_PUBLIC, CSRF_NONE, "ログイン画面" },
	{ "POST", "/login", page_login_post, PERM_PUBLIC, CSRF_ORIGIN, "ログイン" },
	/* any logged-in account */
	{ "GET", "/", page_home, PERM_LOGIN, CSRF_NONE, "組織の選択" },
	{ "POST", "/logout", page_logout_post, PERM_LOGIN_ANY, CSRF_SESSION, "ログアウト" },
	{ "GET", "/account/password", page_password, PERM_LOGIN_ANY, CSRF_NONE,
	    "パスワードの変更画面" },
	{ "POST", "/account/password", page_password_post, PERM_LOGIN_ANY, CSRF_SESSION,
	    "パスワードの変更" },
	/* one organisation */
	{ "GET", "/dashboard", page_dashboard, PERM_ORG_SUMMARY, CSRF_NONE, "ダッシュボード" },
};

static const size_t core_route_count = sizeof(core_routes) / sizeof(core_routes[0]);

static const struct route_table tables[] = {
	{ core_routes, &core_route_count },
	{ diag_routes, &diag_route_count },
	{ pledge_routes, &pledge_route_count },
	{ org_routes, &org_route_count },
	{ users_routes, &users_route_count },
	/* the file exchange before /assets/:id, which would take its paths */
	{ asset_io_routes, &asset_io_route_count },
	{ asset_routes, &asset_route_count },
	{ risk_routes, &risk_route_count },
	{ roles_routes, &roles_route_count },
	{ documents_routes, &documents_route_count },
	{ public_routes, &public_route_count },
	{ api_routes, &api_route_count },
};

size_t
route_count(void)
{
	size_t i, n = 0;

	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		n += *tables[i].count;
	return n;
}

const struct route *
route_at(size_t i)
{
	size_t t;

	for (t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		if (i < *tables[t].count)
			return &tables[t].routes[i];
		i -= *tables[t].count;
	}
	return NULL;
}

/* match PATH against PATTERN; captures go to R->params */
static bool
match(const char *pattern, const char *path, struct web_req *r)
{
	const char *p = pattern, *s = path;
	size_t n = 0;

	while (*p != '\0' && *s != '\0') {
		if (*p == ':') {
			const char *end = strchr(s, '/');
			size_t len = end ? (size_t)(end - s) : strlen(s);
			if (len == 0 || n == WEB_MAX_PARAMS)
				return false;
			if (r != NULL)
				r->params[n] = arena_strndup(r->req->arena, s, len);
			n++;
			s += len;
			while (*p != '\0' && *p != '/')
				p++;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	if (*p != '\0' || *s != '\0')
		return false;
	if (r != NULL)
		r->nparams = n;
	return true;
}

const struct route *
route_match(const char *method, const char *path, bool org_scoped,
    struct web_req *r, bool *wrong_method)
{
	size_t i, n = route_count();

	for (i = 0; i < n; i++) {
		const struct route *rt = route_at(i);
		if (perm_is_org(rt->perm) != org_scoped || !match(rt->pattern, path, NULL))
			continue;
		if (strcmp(rt->method, method) != 0 &&
		    !(strcmp(method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0)) {
			*wrong_method = true;
			continue;
		}
		match(rt->pattern, path, r);
		return rt;
	}
	return NULL;
}
