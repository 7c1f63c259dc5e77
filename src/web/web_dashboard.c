/* web_dashboard.c — the dashboard: where the organisation stands and
 * what to do next. */
#include <string.h>

#include "app/dashboard.h"
#include "app/document_service.h"
#include "render/svg_chart.h"
#include "util/text.h"
#include "web/pages.h"

/* the page that carries out journey action ID */
static const char *
action_href(struct web_req *r, const char *id, json_int_t item, json_t *latest)
{
	const char *b = r->base;

	if (strcmp(id, "profile") == 0 || strcmp(id, "record_declaration") == 0)
		return arena_printf(r->req->arena, "%s/profile", b);
	if (strcmp(id, "policy") == 0 || strcmp(id, "handbook") == 0)
		return arena_printf(r->req->arena, "%s/documents", b);
	if (strcmp(id, "pledge_measures") == 0 || strcmp(id, "pledge") == 0)
		return arena_printf(r->req->arena, "%s/pledges", b);
	if (strcmp(id, "diagnose") == 0 || strcmp(id, "rediagnose") == 0)
		return arena_printf(r->req->arena, "%s/diagnosis/new", b);
	if (strcmp(id, "treat_risks") == 0)
		return arena_printf(r->req->arena, "%s/risk#gaps", b);
	if ((strcmp(id, "check_unknown") == 0 || strcmp(id, "improve") == 0) && latest)
		return arena_printf(r->req->arena, "%s/diagnosis/rounds/%lld#item-%lld", b,
		    (long long)json_integer_value(json_object_get(latest, "id")), (long long)item);
	return arena_printf(r->req->arena, "%s/", b);
}

/* the locale text KEY with "{{item}}" replaced by ITEM */
static const char *
action_label(struct web_req *r, const char *id, json_int_t item)
{
	const char *key = arena_printf(r->req->arena, "action.%s", id);
	const char *text = web_t(r, key), *at = strstr(text, "{{item}}");

	if (at == NULL)
		return text;
	return arena_printf(r->req->arena, "%.*s%lld%s", (int)(at - text), text,
	    (long long)item, at + 8);
}

static void
add_charts(struct web_req *r, json_t *m)
{
	json_t *latest = json_object_get(m, "latest_diagnosis"), *parts, *p, *trend;
	struct chart_axis axes[8];
	struct chart_point pts[64];
	static const double guides[] = { 50, 70, 100 };
	struct buf b;
	size_t i, n, start;

	if (!json_is_object(latest))
		return;
	parts = json_object_get(latest, "parts");
	n = json_array_size(parts);
	if (n >= 3 && n <= 8) {
		json_array_foreach(parts, i, p) {
			axes[i].label = json_string_value(json_object_get(p, "label"));
			axes[i].value = (double)json_integer_value(json_object_get(p, "score"));
			axes[i].max = (double)json_integer_value(json_object_get(p, "max"));
		}
		buf_init(&b, 65536);
		if (svg_radar(&b, web_t(r, "dashboard.radar"), axes, n))
			json_object_set_new(m, "radar_svg", mustache_safe_html(buf_cstr(&b)));
		buf_free(&b);
	}
	trend = json_object_get(m, "trend");
	n = json_array_size(trend);
	start = n > 64 ? n - 64 : 0;
	for (i = start; i < n; i++) {
		p = json_array_get(trend, i);
		pts[i - start].label = json_string_value(json_object_get(p, "date"));
		pts[i - start].value = (double)json_integer_value(json_object_get(p, "total"));
	}
	if (n >= 2) {
		double ymin = 0;
		for (i = 0; i < n - start; i++)
			if (pts[i].value < ymin)
				ymin = -25; /* the lowest total there is */
		buf_init(&b, 262144);
		if (svg_trend(&b, web_t(r, "dashboard.trend"), pts, n - start, ymin, 100,
		    guides, sizeof(guides) / sizeof(guides[0])))
			json_object_set_new(m, "trend_svg", mustache_safe_html(buf_cstr(&b)));
		buf_free(&b);
	}
}

/* the dashboard's model for this request's organisation, language and
 * kind of role (the same for every account of that kind), or NULL */
static json_t *
dashboard_model(struct web_req *r)
{
	struct err e;
	json_t *m, *a, *s, *latest, *sa;
	size_t i;

	err_clear(&e);
	if ((m = dashboard_view(&r->app, &r->org, r->lang, &e)) == NULL)
		return NULL;
	/* the ledger is for those who may read it: the others get the counts */
	if (!perm_allows(PERM_ORG_READ, r->role, false))
		json_object_del(json_object_get(m, "risk"), "gaps");
	else if (!r->api)
		json_object_set_new(m, "can_read_assets", json_true());
	if (!r->api) {
		json_t *risk = json_object_get(m, "risk");
		json_object_set_new(risk, "has_assets", json_boolean(
		    json_integer_value(json_object_get(risk, "total")) > 0));
		json_object_set_new(risk, "has_gaps", json_boolean(
		    json_integer_value(json_object_get(risk, "untreated_high")) > 0));
	}
	latest = json_object_get(m, "latest_diagnosis");
	json_array_foreach(json_object_get(m, "next_actions"), i, a) {
		const char *id = json_string_value(json_object_get(a, "id"));
		json_int_t item = json_integer_value(json_object_get(a, "item"));
		json_object_set_new(a, "label", json_string(action_label(r, id, item)));
		json_object_set_new(a, "href", json_string(action_href(r, id, item,
		    json_is_object(latest) ? latest : NULL)));
	}
	json_array_foreach(json_object_get(m, "steps"), i, s) {
		json_int_t pct = json_integer_value(json_object_get(s, "percent"));
		if (r->api)
			break;
		json_object_set_new(s, "percent_class", json_integer(pct / 10 * 10));
		if (json_is_true(json_object_get(s, "current")))
			json_object_set(m, "current_step", s);
	}
	if (!r->api)
		json_object_set_new(m, "has_next",
		    json_boolean(json_array_size(json_object_get(m, "next_actions")) > 0));
	sa = json_object_get(m, "security_action");
	if (!r->api && json_is_string(json_object_get(sa, "level")))
		json_object_set_new(sa, "level_label", json_string(
		    strcmp(json_string_value(json_object_get(sa, "level")), "star2") == 0 ?
		    "★★" : "★"));
	if (!r->api)
		add_charts(r, m);
	return m;
}

/* the dashboard's body as HTML (a new string), from the page cache when
 * the data has not changed since it was rendered for this organisation,
 * language and kind of role; NULL on error */
static char *
dashboard_body(struct web_req *r, const char *version)
{
	char *key, *body;
	struct buf b;
	struct err e;
	json_t *m;

	key = arena_printf(r->req->arena, "dashboard:%lld:%d:%d", r->org.id, (int)r->lang,
	    perm_allows(PERM_ORG_READ, r->role, false));
	if (key == NULL)
		return NULL;
	if ((body = page_cache_get(r->w->cache, key, version)) != NULL)
		return body;
	if ((m = dashboard_model(r)) == NULL)
		return NULL;
	err_clear(&e);
	buf_init(&b, 16u * 1024 * 1024);
	if (web_render_part(r, "dashboard", m, &b, &e) != MM_OK) {
		fprintf(stderr, "mamori: render dashboard: %s\n", e.msg);
		buf_free(&b);
		json_decref(m);
		return NULL;
	}
	json_decref(m);
	body = buf_steal(&b);
	/* kept only as valid UTF-8 (see mustache_safe_html_checked) */
	if (body != NULL && !text_utf8_valid(body, strlen(body))) {
		free(body);
		return NULL;
	}
	if (body != NULL)
		page_cache_put(r->w->cache, key, version, body);
	return body;
}

void
page_dashboard(struct web_req *r)
{
	char version[PAGE_CACHE_VERSION_MAX], *body, *page_key = NULL;
	json_t *m = NULL;
	long long to_read = 0;
	struct err e;

	err_clear(&e);
	if (r->api) {
		if (r->role != ROLE_SUPPORTER &&
		    document_to_read(&r->app, &r->org, r->auth.account.id, &to_read, &e) != MM_OK)
			to_read = 0;
		if ((m = dashboard_model(r)) != NULL && r->role != ROLE_SUPPORTER)
			json_object_set_new(m, "documents_to_read", json_integer(to_read));
		web_page(r, 200, "dashboard", m);
		return;
	}
	if (!page_cache_version(r->app.db, version))
		version[0] = '\0';
	/* the whole page of this session (its account, role, menu and CSRF
	 * token are the session's), unless a flash message is to be shown */
	if (r->auth.session_id > 0 && http_cookie(r->req, "flash") == NULL &&
	    (page_key = arena_printf(r->req->arena, "page:%lld:%d:%s", r->auth.session_id,
	    (int)r->lang, r->req->path)) != NULL &&
	    (body = page_cache_get(r->w->cache, page_key, version)) != NULL) {
		r->resp->status = 200;
		r->resp->content_type = "text/html; charset=utf-8";
		buf_puts(&r->resp->body, body);
		free(body);
		return;
	}
	/* the published documents this account has not read yet */
	if (r->role != ROLE_SUPPORTER &&
	    document_to_read(&r->app, &r->org, r->auth.account.id, &to_read, &e) != MM_OK)
		to_read = 0;
	if ((body = dashboard_body(r, version)) == NULL) {
		web_error(r, 500, "error.internal", NULL);
		return;
	}
	m = json_pack("{sssosIsb}", "title", web_t(r, "dashboard.title"), "body",
	    mustache_safe_html_checked(body, strlen(body)), "documents_to_read", (json_int_t)to_read,
	    "has_documents_to_read", to_read > 0);
	free(body);
	web_page(r, 200, "dashboard_page", m);
	if (page_key != NULL && r->resp->status == 200 && !buf_failed(&r->resp->body))
		page_cache_put(r->w->cache, page_key, version, buf_cstr(&r->resp->body));
}
