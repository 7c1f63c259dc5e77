/* route.c — the route table and the matching of paths. */
#include "web/route.h"

#include <string.h>

#include "web/pages.h"

const struct route web_routes[] = {
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
	{ "GET", "/", page_dashboard, PERM_ORG_SUMMARY, CSRF_NONE, "ダッシュボード" },
	{ "GET", "/dashboard", page_dashboard, PERM_ORG_SUMMARY, CSRF_NONE, "ダッシュボード" },
};

const size_t web_route_count = sizeof(web_routes) / sizeof(web_routes[0]);

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
	size_t i;

	for (i = 0; i < web_route_count; i++) {
		const struct route *rt = &web_routes[i];
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
