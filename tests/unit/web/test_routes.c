/* test_routes.c — the route table (QUALITY.md S6, S7): every route
 * declares who may use it and how a state-changing request is protected,
 * no two routes claim the same path, and every route can be reached.
 *
 * The HTTP tests (tests/http/02-matrix.t) then walk the same table, as
 * published by /api/openapi.json, with every role. */
#include "support/mm_test.h"

#include "core/access.h"
#include "util/arena.h"
#include "web/http.h"
#include "web/route.h"
#include "web/web.h"

/* the routes anyone may use without logging in: adding one must be a
 * deliberate change of this list */
static const struct {
	const char *method, *pattern;
} public_routes[] = {
	{ "GET", "/static/:file" },
	{ "GET", "/favicon.ico" },
	{ "GET", "/login" },
	{ "POST", "/login" },
	{ "GET", "/openapi.json" },
	{ "GET", "/p/:slug/policy" }, /* the published 基本方針 (★★) */
};

static const char *
describe(const struct route *rt)
{
	static char s[512];

	snprintf(s, sizeof(s), "%s %s (%s)", rt->method, rt->pattern, perm_id(rt->perm));
	return s;
}

/* PATTERN with every ":name" written as ":" so that two patterns that
 * differ only in the names of their parameters compare equal */
static void
shape(const char *pattern, char *out, size_t size)
{
	size_t n = 0;
	const char *p;

	for (p = pattern; *p != '\0' && n + 1 < size; p++) {
		out[n++] = *p;
		if (*p == ':')
			while (p[1] != '\0' && p[1] != '/')
				p++;
	}
	out[n] = '\0';
}

/* a concrete path for PATTERN: each parameter becomes "x7" */
static void
concrete(const char *pattern, char *out, size_t size)
{
	size_t n = 0;
	const char *p;

	for (p = pattern; *p != '\0' && n + 3 < size; p++) {
		if (*p == ':') {
			out[n++] = 'x';
			out[n++] = '7';
			while (p[1] != '\0' && p[1] != '/')
				p++;
			continue;
		}
		out[n++] = *p;
	}
	out[n] = '\0';
}

static void
test_table_not_empty(void **state)
{
	size_t i, n = route_count();

	(void)state;
	assert_true(n >= 10);
	for (i = 0; i < n; i++)
		assert_non_null(route_at(i));
	assert_null(route_at(n));
	assert_null(route_at(n + 100));
}

static void
test_every_route_declares_perm(void **state)
{
	size_t i, n = route_count();
	int bad = 0;

	(void)state;
	for (i = 0; i < n; i++) {
		const struct route *rt = route_at(i);
		if (rt->perm == PERM_UNSET || rt->perm >= PERM_COUNT ||
		    strcmp(perm_id(rt->perm), "unset") == 0) {
			print_error("route %zu %s %s: no permission declared\n", i, rt->method,
			    rt->pattern);
			bad++;
		}
		if (rt->handler == NULL || rt->pattern == NULL || rt->pattern[0] != '/' ||
		    rt->summary == NULL || rt->summary[0] == '\0') {
			print_error("route %zu %s: handler, pattern or summary missing\n", i,
			    describe(rt));
			bad++;
		}
		if (strcmp(rt->method, "GET") != 0 && strcmp(rt->method, "POST") != 0) {
			print_error("route %s: only GET and POST are served\n", describe(rt));
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_post_needs_csrf_get_none(void **state)
{
	size_t i, n = route_count();
	int bad = 0;

	(void)state;
	for (i = 0; i < n; i++) {
		const struct route *rt = route_at(i);
		if (strcmp(rt->method, "POST") == 0 && rt->csrf == CSRF_NONE) {
			print_error("%s: a POST without CSRF protection\n", describe(rt));
			bad++;
		}
		if (strcmp(rt->method, "GET") == 0 && rt->csrf != CSRF_NONE) {
			print_error("%s: a GET must not change anything (csrf must be CSRF_NONE)\n",
			    describe(rt));
			bad++;
		}
		/* the Origin check alone is only for the request that makes a
		 * session (login); everything behind a login needs the token */
		if (rt->csrf == CSRF_ORIGIN && rt->perm != PERM_PUBLIC) {
			print_error("%s: CSRF_ORIGIN on a route behind a login\n", describe(rt));
			bad++;
		}
		if (rt->csrf != CSRF_NONE && rt->csrf != CSRF_SESSION && rt->csrf != CSRF_ORIGIN) {
			print_error("%s: unknown csrf rule %d\n", describe(rt), (int)rt->csrf);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_patterns_unique_per_method_and_scope(void **state)
{
	size_t i, j, n = route_count();
	char a[256], b[256];
	int bad = 0;

	(void)state;
	for (i = 0; i < n; i++) {
		const struct route *ri = route_at(i);
		shape(ri->pattern, a, sizeof(a));
		for (j = i + 1; j < n; j++) {
			const struct route *rj = route_at(j);
			if (strcmp(ri->method, rj->method) != 0 ||
			    perm_is_org(ri->perm) != perm_is_org(rj->perm))
				continue;
			shape(rj->pattern, b, sizeof(b));
			if (strcmp(a, b) == 0) {
				print_error("routes %zu and %zu: %s and %s claim the same path\n", i, j,
				    describe(ri), rj->pattern);
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
}

/* /api/PATTERN serves both kinds of route (the organisation from ?org=):
 * a pattern used by an organisation route and by another route with the
 * same method is served by only one of them at /api/…, and the API
 * description (one operation per path and method) shows only one */
static void
test_api_paths_unique(void **state)
{
	size_t i, j, n = route_count();
	char a[256], b[256];
	int bad = 0;

	(void)state;
	for (i = 0; i < n; i++) {
		const struct route *ri = route_at(i);
		shape(ri->pattern, a, sizeof(a));
		for (j = i + 1; j < n; j++) {
			const struct route *rj = route_at(j);
			if (strcmp(ri->method, rj->method) != 0)
				continue;
			shape(rj->pattern, b, sizeof(b));
			if (strcmp(a, b) == 0) {
				print_error("routes %zu and %zu: %s and %s (%s) are both /api%s\n", i, j,
				    describe(ri), rj->pattern, perm_id(rj->perm), ri->pattern);
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_public_routes_listed(void **state)
{
	size_t i, k, n = route_count();
	int bad = 0;

	(void)state;
	for (i = 0; i < n; i++) {
		const struct route *rt = route_at(i);
		bool listed = false;
		if (rt->perm != PERM_PUBLIC)
			continue;
		for (k = 0; k < sizeof(public_routes) / sizeof(public_routes[0]); k++)
			if (strcmp(rt->method, public_routes[k].method) == 0 &&
			    strcmp(rt->pattern, public_routes[k].pattern) == 0)
				listed = true;
		if (!listed) {
			print_error("%s is public (no login): add it to public_routes in %s if "
			    "that is meant\n", describe(rt), __FILE__);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* every route is what route_match finds for its own pattern (with the
 * parameters filled in), HEAD finds its GET route, and the other method
 * is reported as a wrong method */
static void
test_every_route_reachable(void **state)
{
	size_t i, n = route_count();
	struct arena ar;
	struct http_req req;
	struct web_req r;
	char path[300];
	int bad = 0;

	(void)state;
	arena_init(&ar, 0);
	for (i = 0; i < n; i++) {
		const struct route *rt = route_at(i), *got;
		bool org = perm_is_org(rt->perm), wrong = false;
		memset(&req, 0, sizeof(req));
		memset(&r, 0, sizeof(r));
		req.arena = &ar;
		r.req = &req;
		concrete(rt->pattern, path, sizeof(path));
		got = route_match(rt->method, path, org, &r, &wrong);
		if (got == NULL) {
			print_error("%s: %s finds no route\n", describe(rt), path);
			bad++;
			continue;
		}
		/* an earlier route with a literal segment may take a path made
		 * from a parameter ("/pledges/declaration" before
		 * "/pledges/:id"), but never the path of this very pattern */
		if (got != rt) {
			char sg[256], sr[256];
			shape(got->pattern, sg, sizeof(sg));
			shape(rt->pattern, sr, sizeof(sr));
			if (strcmp(sg, sr) == 0 || strchr(rt->pattern, ':') == NULL) {
				print_error("%s: %s is answered by %s instead\n", describe(rt), path,
				    describe(got));
				bad++;
			}
		} else {
			size_t k, params = 0;
			const char *p;
			for (p = rt->pattern; *p; p++)
				params += *p == ':';
			if (r.nparams != params) {
				print_error("%s: %zu parameters captured, %zu expected\n",
				    describe(rt), r.nparams, params);
				bad++;
			}
			for (k = 0; k < r.nparams; k++)
				if (r.params[k] == NULL || strcmp(r.params[k], "x7") != 0) {
					print_error("%s: parameter %zu is \"%s\"\n", describe(rt), k,
					    r.params[k] ? r.params[k] : "(null)");
					bad++;
				}
		}
		if (strcmp(rt->method, "GET") == 0) {
			wrong = false;
			if (route_match("HEAD", path, org, NULL, &wrong) == NULL) {
				print_error("%s: HEAD %s finds no route\n", describe(rt), path);
				bad++;
			}
		}
		/* a method that nothing serves is a wrong method, not a match */
		wrong = false;
		if (route_match("PUT", path, org, NULL, &wrong) != NULL || !wrong) {
			print_error("%s: PUT %s is not refused as a wrong method\n", describe(rt),
			    path);
			bad++;
		}
		arena_free(&ar);
	}
	arena_free(&ar);
	assert_int_equal(bad, 0);
}

/* paths that no route serves */
static void
test_unknown_paths(void **state)
{
	static const char *const paths[] = {
		"", "/nope", "/login/", "//login", "/login/x", "/static/", "/static/a/b",
		"/account", "/users/", "/o/x/", "/api/openapi.json",
	};
	struct arena ar;
	struct http_req req;
	struct web_req r;
	size_t i;
	int scope;

	(void)state;
	arena_init(&ar, 0);
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		for (scope = 0; scope < 2; scope++) {
			bool wrong = false;
			const struct route *got;
			memset(&req, 0, sizeof(req));
			memset(&r, 0, sizeof(r));
			req.arena = &ar;
			r.req = &req;
			got = route_match("GET", paths[i], scope == 1, &r, &wrong);
			if (got != NULL)
				print_error("GET %s (%s) matched %s\n", paths[i],
				    scope ? "org" : "not org", describe(got));
			assert_null(got);
			arena_free(&ar);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_not_empty),
		cmocka_unit_test(test_every_route_declares_perm),
		cmocka_unit_test(test_post_needs_csrf_get_none),
		cmocka_unit_test(test_patterns_unique_per_method_and_scope),
		cmocka_unit_test(test_api_paths_unique),
		cmocka_unit_test(test_public_routes_listed),
		cmocka_unit_test(test_every_route_reachable),
		cmocka_unit_test(test_unknown_paths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
