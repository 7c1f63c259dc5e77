/* web_api.c — the description of the JSON API (OpenAPI 3.0), made from
 * the route table so that it can not drift from what is served. */
#include <string.h>

#include "web/pages.h"

static void page_openapi(struct web_req *r);

const struct route api_routes[] = {
	{ "GET", "/openapi.json", page_openapi, PERM_PUBLIC, CSRF_NONE,
	    "この API の説明 (OpenAPI 3.0)" },
};
const size_t api_route_count = sizeof(api_routes) / sizeof(api_routes[0]);

/* "/diagnosis/rounds/:id" → "/api/diagnosis/rounds/{id}", with the
 * parameters' names appended to PARAMS */
static const char *
api_path(struct web_req *r, const char *pattern, json_t *params)
{
	struct buf b;
	const char *p, *out;

	buf_init(&b, 1024);
	buf_puts(&b, "/api");
	for (p = pattern; *p; p++) {
		if (*p == ':') {
			const char *end = strchr(p, '/');
			size_t n = end ? (size_t)(end - p - 1) : strlen(p + 1);
			buf_putc(&b, '{');
			buf_append(&b, p + 1, n);
			buf_putc(&b, '}');
			json_array_append_new(params, json_pack("{ss#sssbs{ss}}", "name", p + 1,
			    (int)n, "in", "path", "required", 1, "schema", "type", "string"));
			p += n;
		} else {
			buf_putc(&b, *p);
		}
	}
	out = arena_strdup(r->req->arena, buf_cstr(&b));
	buf_free(&b);
	return out;
}

static json_t *
schemas(void)
{
	return json_pack("{s{ss s[sss] s{s{ss} s{ss} s{ss}}}"
	    " s{ss s[ssss] s{s{ss} s{ss} s{ss s{s{ss}s{ss}}} s{ss} s{ss}}}}",
	    "DiagnosisResult", "type", "object", "required", "total", "max", "band",
	    "properties", "total", "type", "integer", "max", "type", "integer",
	    "band", "type", "object",
	    "Dashboard", "type", "object", "required", "step", "security_action",
	    "latest_diagnosis", "next_actions",
	    "properties", "step", "type", "integer", "security_action", "type", "object",
	    "latest_diagnosis", "type", "object", "properties", "total", "type", "integer",
	    "band", "type", "string", "steps", "type", "array", "next_actions", "type", "array");
}

static void
page_openapi(struct web_req *r)
{
	json_t *doc, *paths, *op, *item, *params;
	size_t i, n = route_count();
	const char *path;

	paths = json_object();
	for (i = 0; i < n; i++) {
		const struct route *rt = route_at(i);
		char method[8];
		size_t k;
		if (strncmp(rt->pattern, "/static/", 8) == 0 || strcmp(rt->pattern, "/favicon.ico") == 0)
			continue;
		params = json_array();
		path = api_path(r, rt->pattern, params);
		if (perm_is_org(rt->perm))
			json_array_append_new(params, json_pack("{sssssss{ss}}", "name", "org", "in",
			    "query", "description", "組織の識別名 (一つの組織だけに属するときは省略可)",
			    "schema", "type", "string"));
		for (k = 0; rt->method[k] && k + 1 < sizeof(method); k++)
			method[k] = (char)(rt->method[k] - 'A' + 'a');
		method[k] = '\0';
		op = json_pack("{sssss[s]s{s{ss}s{ss}s{ss}}}", "summary", rt->summary,
		    "operationId", arena_printf(r->req->arena, "%s%s", method, path),
		    "tags", perm_id(rt->perm),
		    "responses", "200", "description", "成功", "401", "description",
		    "ログインしていない", "403", "description", "権限がない");
		if (json_array_size(params) > 0)
			json_object_set(op, "parameters", params);
		json_decref(params);
		if (rt->perm == PERM_PUBLIC)
			json_object_set_new(op, "security", json_array());
		if (strcmp(rt->method, "POST") == 0)
			json_object_set_new(op, "requestBody", json_pack("{s{s{s{ss}}s{s{ss}}}}",
			    "content", "application/json", "schema", "type", "object",
			    "application/x-www-form-urlencoded", "schema", "type", "object"));
		item = json_object_get(paths, path);
		if (item == NULL) {
			item = json_object();
			json_object_set_new(paths, path, item);
		}
		json_object_set_new(item, method, op);
	}
	doc = json_pack("{sss{ssssss}so s{s{s{ssss}s{ssssss}}so}s[{s[]}{s[]}]}",
	    "openapi", "3.0.3",
	    "info", "title", "mamori API", "version", "0.1",
	    "description", "中小企業の情報セキュリティ対策ガイドライン 第3.1版 に沿った情報セキュリティ管理の API。"
	    "画面と同じ処理が JSON で答えます。",
	    "paths", paths,
	    "components", "securitySchemes", "bearer", "type", "http", "scheme", "bearer",
	    "session", "type", "apiKey", "in", "cookie", "name", "mamori_session",
	    "schemas", schemas(),
	    "security", "bearer", "session");
	web_json(r, 200, doc);
}
