#!/bin/sh
# Error pages and limits: 404, 405, 413 (body over 8 MiB) and 431
# (headers over 16 KiB) are Japanese pages (or JSON errors under /api/)
# with the security headers; requests just under the limits are served;
# the server keeps serving after each refusal.
. "$(dirname "$0")/lib.sh"

"$MAMORI" --db "$DB" init --org "テスト株式会社" --slug a >/dev/null 2>&1 || bail "init failed"
start_server
first_login adm admin@mamori.local "$ADMIN_OTP"

# japanese_error STATUS KEY WHAT — the last answer is the Japanese error
# page for STATUS with the text of locale key KEY
japanese_error() {
	is_status "$1" "$3: $1"
	case $(hdr Content-Type) in
	text/html*charset=utf-8*) pass "… an HTML page in UTF-8" ;;
	*) fail "… an HTML page in UTF-8"; diag "Content-Type: $(hdr Content-Type)" ;;
	esac
	has "$BODY" '<html lang="ja">' "… declared Japanese (lang=\"ja\")"
	has "$BODY" "$(locale_ja "$2")" "… saying: $(locale_ja "$2")"
	has "$BODY" "<h1>$(locale_ja error.title) $1</h1>" "… under the heading $(locale_ja error.title) $1"
	case $(hdr Content-Security-Policy) in
	*"frame-ancestors 'none'"*) pass "… with a CSP of frame-ancestors 'none'" ;;
	*) fail "… with a CSP of frame-ancestors 'none'"; diag "CSP: $(hdr Content-Security-Policy)" ;;
	esac
	if [ -n "$(hdr Referrer-Policy)" ] && [ "$(hdr X-Content-Type-Options)" = nosniff ]; then
		pass "… Referrer-Policy and nosniff"
	else
		fail "… Referrer-Policy and nosniff"
		diag "Referrer-Policy: '$(hdr Referrer-Policy)'" \
		    "X-Content-Type-Options: '$(hdr X-Content-Type-Options)'"
	fi
}

# refused_with STATUS KEY WHAT — the last answer has STATUS and the text
# of locale key KEY (the page itself is checked by japanese_error once)
refused_with() {
	if [ "$STATUS" = "$1" ] && grep -qF "$(locale_ja "$2")" "$BODY"; then
		pass "$3: $1 with the Japanese message"
	else
		fail "$3: $1 with the Japanese message"
		diag "$LAST_REQ: status $STATUS"
		diag_file "$BODY" 30
	fi
}

# still_serving — the server answers a normal request
still_serving() {
	_sv_h=$HDR
	_sv_b=$BODY
	_sv_s=$STATUS
	as_anon
	http GET /login
	is_status 200 "… and the server goes on serving"
	HDR=$_sv_h
	BODY=$_sv_b
	STATUS=$_sv_s
}

# --- 404
as_anon
get /no/such/page
japanese_error 404 error.not_found "an unknown path"
as_user adm
get /o/a/no-such-page
japanese_error 404 error.not_found "an unknown page of an organisation, logged in"
get /o/zz-no-such-org/
refused_with 404 error.not_found "an organisation that does not exist"
get /api/no/such/thing
is_status 404 "an unknown API path: 404"
json "$BODY" 'd["error"]["status"] == 404 and d["error"]["message"] == "'"$(locale_ja error.not_found)"'"' \
    "… as a JSON error in Japanese"

# --- 405
as_anon
get /logout
japanese_error 405 error.method "GET on a POST-only path"
is "$(hdr Allow)" POST "… with Allow: POST"
http POST /favicon.ico -H "Origin: $BASE"
refused_with 405 error.method "POST on a GET-only path"
is "$(hdr Allow)" GET "… with Allow: GET"
http PUT /login -H "Origin: $BASE"
status_in "405 501" "PUT /login is refused"
http DELETE /login
status_in "405 501" "DELETE /login is refused"
as_user adm
get /api/logout
is_status 405 "GET /api/logout: 405"
json "$BODY" 'd["error"]["status"] == 405' "… as a JSON error"

# --- 413: bodies over 8 MiB
as_anon
head -c 8388609 /dev/zero | tr '\0' 'a' >"$T/big"
head -c 8388608 /dev/zero | tr '\0' 'a' >"$T/max"
http POST /login -H "Origin: $BASE" -H "Content-Type: application/octet-stream" \
    --data-binary @"$T/big"
japanese_error 413 error.too_large "a body of 8 MiB + 1 byte (Content-Length)"
still_serving
http POST /login -H "Origin: $BASE" -H "Content-Type: application/octet-stream" \
    -H "Transfer-Encoding: chunked" --data-binary @"$T/big"
refused_with 413 error.too_large "a chunked body of 8 MiB + 1 byte"
still_serving
{
	printf -- '--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\n'
	cat "$T/big"
	printf -- '\r\n--xyz--\r\n'
} >"$T/big.multipart"
http POST /login -H "Origin: $BASE" -H "Content-Type: multipart/form-data; boundary=xyz" \
    --data-binary @"$T/big.multipart"
refused_with 413 error.too_large "a multipart form over 8 MiB"
http POST /login -H "Origin: $BASE" -H "Content-Type: application/x-www-form-urlencoded" \
    --data-binary @"$T/big"
refused_with 413 error.too_large "an urlencoded form over 8 MiB"
as_user adm
http POST "/api/diagnosis/rounds?org=a" -H "Origin: $BASE" -H "X-CSRF-Token: $CSRF" \
    -H "Content-Type: application/json" --data-binary @"$T/big"
is_status 413 "an API request over 8 MiB: 413"
still_serving
as_anon
http POST /login -H "Origin: $BASE" -H "Content-Type: application/octet-stream" \
    --data-binary @"$T/max"
status_in "400 401" "a body of exactly 8 MiB is read (and then refused as a bad login)"

# --- 431: headers over 16 KiB
pad=$(head -c 17000 /dev/zero | tr '\0' 'h')
get /login -H "X-Padding: $pad"
japanese_error 431 error.headers_too_large "one header of 17,000 bytes"
still_serving
: >"$T/many.cfg"
i=0
while [ "$i" -lt 200 ]; do
	printf 'header = "X-Many-%03d: %s"\n' "$i" "0123456789012345678901234567890123456789012345678901234567890123456789012345678" >>"$T/many.cfg"
	i=$((i + 1))
done
get /login -K "$T/many.cfg"
refused_with 431 error.headers_too_large "200 headers of 90 bytes (18 KB)"
cookie_pad=$(head -c 17000 /dev/zero | tr '\0' 'c')
get /login -H "Cookie: big=$cookie_pad"
refused_with 431 error.headers_too_large "a cookie of 17,000 bytes"
still_serving
pad=$(head -c 14000 /dev/zero | tr '\0' 'h')
get /login -H "X-Padding: $pad"
is_status 200 "headers of 14,000 bytes are served"
long=$(head -c 17000 /dev/zero | tr '\0' 'u')
get "/login?q=$long"
status_in "414 431" "a URL of 17,000 bytes is refused (414/431)"
still_serving

stop_server_checked
done_testing
