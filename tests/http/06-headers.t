#!/bin/sh
# Security headers on every response (QUALITY.md S8), static files
# (ETag, 304, gzip), and errors that tell nothing about the insides
# (S12). Every GET of the API description is fetched as nobody and as an
# owner, as a page and as JSON; the final check of lib.sh then goes over
# every response of this script.
. "$(dirname "$0")/lib.sh"

"$MAMORI" --db "$DB" init --org "テスト株式会社" --slug a >/dev/null 2>&1 || bail "init failed"
start_server
first_login adm admin@mamori.local "$ADMIN_OTP"
add_token adm

# --- every GET route, anonymous and logged in, page and JSON
as_anon
get /api/openapi.json
is_status 200 "GET /api/openapi.json answers"
cp "$BODY" "$T/openapi.json"
"$PYTHON" - "$T/openapi.json" >"$T/gets" <<'EOF'
import json, re, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
for path, item in doc["paths"].items():
    if "get" in item:
        web = re.sub(r"\{[^}]+\}", "1", path)[4:] or "/"
        org = any(p.get("name") == "org" for p in item["get"].get("parameters", []))
        print("%s %s" % ("org" if org else "-", web))
EOF
n=0
while read -r scope path; do
	if [ "$scope" = org ]; then
		web="/o/a$path"
		api="/api$path?org=a"
	else
		web=$path
		api="/api$path"
	fi
	for who in anon adm; do
		if [ "$who" = anon ]; then as_anon; else as_user adm; fi
		get "$web"
		get "$api"
		get "$web" -H "Accept: application/json"
		http HEAD "$web"
		n=$((n + 4))
	done
	as_token adm
	get "$api"
	n=$((n + 1))
done <"$T/gets"
[ "$n" -ge 50 ]
ok $? "$n responses to every GET route (anonymous, logged in, page, JSON, HEAD, token)"

# --- the headers, one by one, on a page
as_user adm
get /o/a/
is_status 200 "the dashboard opens"
csp=$(hdr Content-Security-Policy)
case $csp in
*"script-src 'nonce-"*) pass "the page has a CSP with a script nonce (S8)" ;;
*) fail "the page has a CSP with a script nonce (S8)"; diag "$csp" ;;
esac
case $csp in
*"frame-ancestors 'none'"*) pass "… frame-ancestors 'none'" ;;
*) fail "… frame-ancestors 'none'"; diag "$csp" ;;
esac
case $csp in
*"default-src 'none'"* | *"default-src 'self'"*) pass "… and a restrictive default-src" ;;
*) fail "… and a restrictive default-src"; diag "$csp" ;;
esac
case $csp in
*"object-src"* | *"default-src 'none'"*) pass "… that leaves out plugins (object-src)" ;;
*) fail "… that leaves out plugins (object-src)"; diag "$csp" ;;
esac
nonce1=$(printf '%s' "$csp" | sed -n "s/.*'nonce-\([^']*\)'.*/\1/p")
is "$(hdr X-Content-Type-Options)" nosniff "X-Content-Type-Options: nosniff"
case $(hdr Referrer-Policy) in
no-referrer | same-origin | strict-origin | strict-origin-when-cross-origin)
	pass "Referrer-Policy: $(hdr Referrer-Policy)" ;;
*) fail "a Referrer-Policy that keeps URLs on this site"; diag "$(hdr Referrer-Policy)" ;;
esac
is "$(hdr X-Frame-Options)" DENY "X-Frame-Options: DENY (for old browsers)"
is "$(hdr Content-Type)" "text/html; charset=utf-8" "Content-Type with charset=utf-8"
case $(hdr Cache-Control) in
*no-store*) pass "an authenticated page is Cache-Control: no-store" ;;
*) fail "an authenticated page is Cache-Control: no-store"; diag "$(hdr Cache-Control)" ;;
esac
get /o/a/
nonce2=$(hdr Content-Security-Policy | sed -n "s/.*'nonce-\([^']*\)'.*/\1/p")
if [ -n "$nonce1" ] && [ "$nonce1" != "$nonce2" ]; then
	pass "the nonce is new in every response"
else
	fail "the nonce is new in every response"
	diag "'$nonce1' then '$nonce2'"
fi
printf '%s' "$nonce1" | "$PYTHON" -c 'import base64, sys; sys.exit(0 if len(base64.b64decode(sys.stdin.read())) >= 16 else 1)'
ok $? "… of 128 bits at least"
get /api/dashboard?org=a
is "$(hdr Content-Type)" "application/json; charset=utf-8" "JSON is application/json; charset=utf-8"
case $(hdr Cache-Control) in
*no-store*) pass "… and no-store" ;;
*) fail "… and no-store"; diag "$(hdr Cache-Control)" ;;
esac
[ -n "$(hdr Content-Security-Policy)" ]
ok $? "… and carries the CSP too"
http HEAD /o/a/
is_status 200 "HEAD works on a page"
[ ! -s "$BODY" ] && [ -n "$(hdr Content-Security-Policy)" ]
ok $? "… with the headers and no body"
as_anon
get /o/a/
is_status 303 "a redirect …"
[ -n "$(hdr Content-Security-Policy)" ] && [ "$(hdr X-Content-Type-Options)" = nosniff ]
ok $? "… carries the headers too"

# --- static files: ETag, 304, gzip
get /static/app.css
is_status 200 "GET /static/app.css"
is "$(hdr Content-Type)" "text/css; charset=utf-8" "… as text/css; charset=utf-8"
etag=$(hdr ETag)
case $etag in
\"?*\") pass "… with an ETag ($etag)" ;;
*) fail "… with an ETag"; diag_file "$HDR" ;;
esac
case $(hdr Cache-Control) in
*max-age=[1-9]*) pass "… and a cache lifetime ($(hdr Cache-Control))" ;;
*) fail "… and a cache lifetime"; diag "$(hdr Cache-Control)" ;;
esac
# the pages link the stylesheet with its version: that URL is cached for a year
as_anon
get /login
css=$(grep -o '/static/app.css?v=[0-9a-f]*' "$BODY" | head -n 1)
case $css in
/static/app.css\?v=????????????????) pass "pages link the stylesheet with its version ($css)" ;;
*) fail "pages link the stylesheet with its version"; diag "$css" ;;
esac
get "$css"
case $(hdr Cache-Control) in
*max-age=31536000*immutable*) pass "… and that URL is cached for a year, immutable" ;;
*) fail "… and that URL is cached for a year, immutable"; diag "$(hdr Cache-Control)" ;;
esac
get '/static/app.css?v=0000000000000000'
case $(hdr Cache-Control) in
*immutable*) fail "a stale version is not cached for a year"; diag "$(hdr Cache-Control)" ;;
*) pass "a stale version is not cached for a year" ;;
esac
get /static/app.css
cp "$BODY" "$T/app.css"
size=$(wc -c <"$T/app.css")
[ "$size" -gt 1024 ]
ok $? "… of $size bytes"
get /static/app.css -H "If-None-Match: $etag"
is_status 304 "If-None-Match with that ETag: 304"
[ ! -s "$BODY" ]
ok $? "… without a body"
is "$(hdr ETag)" "$etag" "… and the same ETag"
get /static/app.css -H 'If-None-Match: "0000000000000000"'
is_status 200 "another ETag: the file again (200)"
get /static/app.css -H "Accept-Encoding: gzip"
is_status 200 "Accept-Encoding: gzip …"
is "$(hdr Content-Encoding)" gzip "… Content-Encoding: gzip"
case $(hdr Vary) in
*Accept-Encoding*) pass "… Vary: Accept-Encoding" ;;
*) fail "… Vary: Accept-Encoding"; diag "$(hdr Vary)" ;;
esac
gz=$(wc -c <"$BODY")
[ "$gz" -lt "$size" ]
ok $? "… smaller ($gz bytes for $size)"
gzip -dc <"$BODY" >"$T/app.css.gunzip" 2>/dev/null && cmp -s "$T/app.css" "$T/app.css.gunzip"
ok $? "… and unzips to the same bytes"
get /static/app.css -H "Accept-Encoding: gzip;q=0, identity"
is "$(hdr Content-Encoding)" "" "gzip;q=0: not compressed"
get /static/app.css -H "Accept-Encoding: br"
is "$(hdr Content-Encoding)" "" "no gzip asked for: not compressed"
get /login -H "Accept-Encoding: gzip"
is "$(hdr Content-Encoding)" gzip "pages are compressed too when asked"
http HEAD /static/app.css
is_status 200 "HEAD /static/app.css"
is "$(hdr ETag)" "$etag" "… with the ETag"
get /static/icon.svg
is_status 200 "GET /static/icon.svg"
case $(hdr Content-Type) in
image/svg+xml*) pass "… as image/svg+xml" ;;
*) fail "… as image/svg+xml"; diag "$(hdr Content-Type)" ;;
esac
get /favicon.ico
is_status 200 "GET /favicon.ico answers"
get /static/nope.css
is_status 404 "a missing static file: 404"
http GET /static/../migrations/001_initial.sql --path-as-is
status_in "400 404" "/static/../migrations/… is refused"
hasnt "$BODY" "CREATE TABLE" "… without the file"
http GET /static/..%2fmigrations%2f001_initial.sql --path-as-is
status_in "400 404" "/static/..%2f… is refused"
hasnt "$BODY" "CREATE TABLE" "… without the file"
http GET "/static/%2e%2e/Makefile" --path-as-is
status_in "400 404" "/static/%2e%2e/… is refused"

# --- S12: errors say nothing about the insides
: >"$T/errors"
note_error() {
	printf '%s %s\n' "$STATUS" "$LAST_REQ" >>"$T/errors"
	cat "$BODY" >>"$T/errors"
	echo >>"$T/errors"
}
as_user adm
get /o/a/diagnosis/rounds/999999
note_error
get /o/a/diagnosis/rounds/abc
note_error
get "/o/a/diagnosis/rounds/1%00"
note_error
get "/o/a/diagnosis/compare?a=1&b=x'%20OR%201=1--"
note_error
status_in "400 404" "a compare with SQL in its input is refused"
post "/o/a/pledges/pledge-1" --data-urlencode "status=';DROP TABLE org;--"
note_error
status_in "400" "a 5か条 status with SQL in it is refused (400)"
is "$(sql "SELECT count(*) FROM org")" 1 "… and did nothing"
http POST "/api/diagnosis/rounds?org=a" -H "X-CSRF-Token: $CSRF" -H "Origin: $BASE" \
    -H "Content-Type: application/json" --data '{"answers": {"1": "yes",'
note_error
is_status 400 "broken JSON is a 400"
http POST "/api/diagnosis/rounds?org=a" -H "X-CSRF-Token: $CSRF" -H "Origin: $BASE" \
    -H "Content-Type: application/json" --data '{"answers": {"1": "yes", "1": "no"}}'
note_error
status_in "400 422" "JSON with a duplicate key is refused"
http POST "/api/diagnosis/rounds?org=a" -H "X-CSRF-Token: $CSRF" -H "Origin: $BASE" \
    -H "Content-Type: application/json" --data '[1, 2, 3]'
note_error
status_in "400 422" "a JSON array where an object is expected is refused"
http POST /o/a/profile -H "Origin: $BASE" -H "Content-Type: application/x-www-form-urlencoded" \
    --data-binary "_csrf=$CSRF&name=%ff%fe%00bad&industry=%zz"
note_error
status_in "303 400" "a form with broken UTF-8 and percent signs is handled"
http POST /o/a/profile -H "Origin: $BASE" -H "Content-Type: multipart/form-data; boundary=x" \
    --data-binary "garbage without boundaries"
note_error
status_in "400 403" "a broken multipart body is refused"
http POST /login -H "Origin: $BASE" -H "Content-Length: abc" --data-binary "x"
exempt_last "libmicrohttpd's own answer"
note_error
status_in "400" "Content-Length: abc is a 400"
[ -n "$(hdr Content-Security-Policy)" ] && grep -q '<html lang="ja">' "$BODY"
todo $? "… on the Japanese error page with the security headers" \
    "libmicrohttpd answers a malformed Content-Length itself, in English and without mamori's headers"
get "/o/a/$(head -c 3000 /dev/zero | tr '\0' 'x')"
note_error
is_status 404 "a long unknown path is a 404"
as_anon
get /no/such/page
note_error
LEAK_I='sqlite|/work/|/home/|/tmp/|src/|\.c:[0-9]|libmicrohttpd|MHD_|jansson|traceback|backtrace|segfault|mamori [0-9]|version [0-9]'
LEAK_S='SELECT |INSERT INTO|UPDATE [a-z_]* SET|DELETE FROM|DROP TABLE|constraint failed|no such (table|column)'
if grep -qiE "$LEAK_I" "$T/errors" || grep -qE "$LEAK_S" "$T/errors"; then
	fail "error answers show no SQL, paths, versions or stacks (S12)"
	{ grep -inE "$LEAK_I" "$T/errors"; grep -nE "$LEAK_S" "$T/errors"; } | head -n 5 |
	    cut -c1-200 | sed 's/^/#   /'
else
	pass "error answers show no SQL, paths, versions or stacks (S12)"
fi
if grep -q '^5[0-9][0-9] ' "$T/errors"; then
	fail "none of the odd requests caused a server error"
	grep '^5[0-9][0-9] ' "$T/errors" | sed 's/^/#   /'
else
	pass "none of the odd requests caused a server error"
fi

stop_server_checked
done_testing
