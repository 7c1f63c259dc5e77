#!/bin/sh
# Logging in and out (QUALITY.md S1, S3, S4): the first administrator's
# one-time password and its forced change, wrong passwords, the session
# cookie and how it is stored, a new session id at every login, logout
# ending the session on the server, the login form's Origin check, the
# JSON login, disabled accounts and API tokens.
. "$(dirname "$0")/lib.sh"

"$MAMORI" --db "$DB" init --org "テスト株式会社" --slug a >/dev/null 2>&1 || bail "init failed"
start_server

# --- S3: no default account, a one-time password printed once
case $ADMIN_OTP in
????????????*) pass "the first start prints a one-time password (S3)" ;;
*) fail "the first start prints a one-time password (S3)"; diag_file "$T/server.out" ;;
esac
has "$T/server.out" "admin@mamori.local" "… for admin@mamori.local"
is "$(sql "SELECT must_change_password FROM account WHERE email = 'admin@mamori.local'")" 1 \
    "… which must be changed at the first login"

# --- the login page and what needs a login
as_anon
get /login
is_status 200 "GET /login answers a page"
has "$BODY" '<html lang="ja">' "… in Japanese by default"
has "$BODY" "$(locale_ja login.title)" "… titled $(locale_ja login.title)"
has "$BODY" 'name="email"' "… with an e-mail field"
has "$BODY" 'type="password"' "… and a password field"
get /o/a/
is_status 303 "a page behind the login redirects an anonymous visitor"
is "$(hdr Location)" "/login?next=/o/a/" "… to the login page, remembering where to go"
get /api/dashboard?org=a
is_status 401 "the API answers 401 without a login"
json "$BODY" 'd["error"]["status"] == 401 and d["error"]["message"]' "… as JSON {error:{status,message}}"

# --- wrong passwords
login adm admin@mamori.local "wrong-password-1234"
is_status 401 "a wrong password is refused (401)"
has "$BODY" "$(locale_ja login.failed)" "… saying that the e-mail or the password is wrong"
is "$(set_cookie_value mamori_session)" "" "… without a session cookie"
cp "$BODY" "$T/bad-known.html"
login nobody nobody@example.jp "wrong-password-1234"
is_status 401 "an unknown e-mail is refused the same way (401)"
has "$BODY" "$(locale_ja login.failed)" "… with the same message (no account enumeration)"
is "$(sql "SELECT count(*) FROM session")" 0 "failed logins made no session"
is "$(sql "SELECT count(*) FROM login_failure")" 2 "… and were recorded for throttling"
login adm admin@mamori.local ""
is_status 401 "an empty password is refused"

# --- S3: the one-time password works once, and only to change it
login adm admin@mamori.local "$ADMIN_OTP"
is_status 303 "the one-time password logs in"
is "$(hdr Location)" "/account/password" "… straight to the password change"
cookie1=$(set_cookie_value mamori_session)
setc=$(tr -d '\r' <"$HDR" | grep -i '^set-cookie: mamori_session=' | tail -n 1)
case $setc in
*HttpOnly*) pass "the session cookie is HttpOnly (S4)" ;;
*) fail "the session cookie is HttpOnly (S4)"; diag "$setc" ;;
esac
case $setc in
*"SameSite=Lax"*) pass "… SameSite=Lax" ;;
*) fail "… SameSite=Lax"; diag "$setc" ;;
esac
case $setc in
*"Path=/;"* | *"Path=/") pass "… Path=/" ;;
*) fail "… Path=/"; diag "$setc" ;;
esac
case $setc in
*[Dd]omain=*) fail "… without a Domain"; diag "$setc" ;;
*) pass "… without a Domain" ;;
esac
echo "$cookie1" | grep -qE '^[A-Za-z0-9_-]{43}$'
ok $? "… and its value is 256 random bits (43 base64url characters)"
stored=$(sql "SELECT token_hash FROM session")
want=$(printf '%s' "$cookie1" | sha256sum | cut -d' ' -f1)
is "$stored" "$want" "the session id is stored only as its SHA-256 (S4)"
[ "$(sql "SELECT count(*) FROM session WHERE token_hash = '$cookie1'")" = 0 ]
ok $? "… never as such"
get /o/a/
is_status 303 "with a one-time password, pages redirect …"
is "$(hdr Location)" "/account/password" "… to the password change"
get /api/dashboard?org=a
is_status 403 "… and the API refuses (403)"
has "$BODY" "$(locale_ja error.password_change_required)" "… saying the password must be changed"
get /account/password
is_status 200 "the password change page opens"
csrf=$(body_csrf)
[ -n "$csrf" ]
ok $? "… and carries a CSRF token"
CSRF=$csrf
printf '%s' "$csrf" >"$T/csrf.adm"

# --- S1: the new password
hash0=$(sql "SELECT password_hash FROM account WHERE email = 'admin@mamori.local'")
post /account/password --data-urlencode "current=$ADMIN_OTP" \
    --data-urlencode "new=Kaisha-no-himitsu-2026" --data-urlencode "confirm=Kaisha-no-himitsu-2027"
is_status 400 "a confirmation that differs is refused (400)"
has "$BODY" "$(locale_ja password.mismatch)" "… saying so"
post /account/password --data-urlencode "current=$ADMIN_OTP" \
    --data-urlencode "new=Short-pw-11" --data-urlencode "confirm=Short-pw-11"
is_status 400 "a password of 11 characters is refused (S1: at least 12)"
has "$BODY" "12" "… naming the minimum"
common=$(grep -v '^#' "$SRC_DIR/data/common-passwords.txt" | awk 'length($0) >= 12' | sed -n 2p)
post /account/password --data-urlencode "current=$ADMIN_OTP" \
    --data-urlencode "new=$common" --data-urlencode "confirm=$common"
is_status 400 "a common password ($common) is refused (S1)"
post /account/password --data-urlencode "current=not-the-password" \
    --data-urlencode "new=Kaisha-no-himitsu-2026" --data-urlencode "confirm=Kaisha-no-himitsu-2026"
is_status 400 "a wrong current password is refused"
is "$(sql "SELECT password_hash FROM account WHERE email = 'admin@mamori.local'")" "$hash0" \
    "… and none of the refused changes touched the password"
long_pw="うちの会社の情報セキュリティはみんなで守る-Kaisha-no-himitsu-wa-nagai-hou-ga-ii-2026"
post /account/password --data-urlencode "current=$ADMIN_OTP" \
    --data-urlencode "new=$long_pw" --data-urlencode "confirm=$long_pw"
is_status 303 "a long password (64+ characters, Japanese included) is accepted (S1)"
is "$(hdr Location)" "/" "… and leads to the start page"
hash1=$(sql "SELECT password_hash FROM account WHERE email = 'admin@mamori.local'")
case $hash1 in
'$argon2id$'*) pass "the password is stored as argon2id (S1)" ;;
*) fail "the password is stored as argon2id (S1)"; diag "$hash1" ;;
esac
is "$(sql "SELECT must_change_password FROM account WHERE email = 'admin@mamori.local'")" 0 \
    "… and no longer needs changing"
get /o/a/
is_status 200 "the dashboard opens after the change"
get /
is_status 303 "the start page of an account in one organisation …"
case $(hdr Location) in
/o/a/*) pass "… leads into that organisation" ;;
*) fail "… leads into that organisation"; diag "Location: $(hdr Location)" ;;
esac

login adm admin@mamori.local "$ADMIN_OTP"
is_status 401 "the one-time password no longer works"
login adm admin@mamori.local "$long_pw"
is_status 303 "the new password logs in"
is "$(hdr Location)" "/" "… to the start page"
cookie2=$(set_cookie_value mamori_session)
isnt "$cookie2" "$cookie1" "every login gets a new session id (S4)"

# --- session fixation: a cookie chosen by someone else is never adopted
rm -f "$T/jar.fix"
printf '127.0.0.1\tFALSE\t/\tFALSE\t0\tmamori_session\tAttackerChosenValueAttackerChosenValue12345\n' \
    >"$T/jar.fix"
as_user fix
http POST /login -H "Origin: $BASE" --data-urlencode "email=admin@mamori.local" \
    --data-urlencode "password=$long_pw"
is_status 303 "a login that arrives with a cookie set by someone else succeeds …"
fixed=$(set_cookie_value mamori_session)
if [ -n "$fixed" ] && [ "$fixed" != "AttackerChosenValueAttackerChosenValue12345" ]; then
	pass "… with a new session id, not the one it arrived with"
else
	fail "… with a new session id, not the one it arrived with"
	diag "Set-Cookie gave '$fixed'"
fi

# --- where to go after the login: local paths only
as_user nx
: >"$T/jar.nx"
http POST /login -H "Origin: $BASE" --data-urlencode "email=admin@mamori.local" \
    --data-urlencode "password=$long_pw" --data-urlencode "next=/o/a/pledges"
is "$STATUS $(hdr Location)" "303 /o/a/pledges" "next=/o/a/pledges is followed after the login"
for evil in //evil.example/ https://evil.example/ '/\evil.example' javascript:alert
do
	: >"$T/jar.nx"
	http POST /login -H "Origin: $BASE" --data-urlencode "email=admin@mamori.local" \
	    --data-urlencode "password=$long_pw" --data-urlencode "next=$evil"
	is "$STATUS $(hdr Location)" "303 /" "next=$evil is not followed (no open redirect)"
done
as_anon
get "/login?next=//evil.example/"
hasnt "$BODY" "evil.example" "the login page does not carry next=//evil.example into its form"

# --- the login form's Origin check (CSRF_ORIGIN)
sessions=$(sql "SELECT count(*) FROM session")
failures=$(sql "SELECT count(*) FROM login_failure")
as_anon
http POST /login -H "Origin: http://evil.example" --data-urlencode "email=admin@mamori.local" \
    --data-urlencode "password=$long_pw"
is_status 403 "a login posted from another site (Origin) is refused (403)"
has "$BODY" "$(locale_ja error.csrf)" "… with the Japanese explanation"
is "$(set_cookie_value mamori_session)" "" "… without a session cookie"
http POST /login -H "Origin: null" --data-urlencode "email=admin@mamori.local" \
    --data-urlencode "password=$long_pw"
is_status 403 "a login with Origin: null (a sandboxed frame) is refused"
http POST /login -H "Origin: $BASE.evil.example" --data-urlencode "email=admin@mamori.local" \
    --data-urlencode "password=$long_pw"
is_status 403 "a login from $BASE.evil.example (same prefix) is refused"
http POST /login -H "Origin: ${BASE}0" --data-urlencode "email=admin@mamori.local" \
    --data-urlencode "password=$long_pw"
is_status 403 "a login from another port (${BASE}0) is refused"
is "$(sql "SELECT count(*) FROM session") $(sql "SELECT count(*) FROM login_failure")" \
    "$sessions $failures" "refused logins made no session and no failure record"
as_user plain
: >"$T/jar.plain"
http POST /login --data-urlencode "email=admin@mamori.local" --data-urlencode "password=$long_pw"
is_status 303 "a login without Origin (an old browser, a script) is accepted"

# --- the JSON login: cookie + CSRF token for the API
as_user api
: >"$T/jar.api"
http POST /api/login -H "Origin: $BASE" -H "Content-Type: application/json" \
    --data "{\"email\":\"admin@mamori.local\",\"password\":\"$long_pw\"}"
is_status 200 "POST /api/login with JSON logs in (200)"
json "$BODY" 'd["ok"] is True and len(d["csrf"]) == 43 and d["must_change_password"] is False' \
    "… and returns {ok, csrf, must_change_password}"
api_csrf=$(pyval "$BODY" 'd["csrf"]')
[ -n "$(set_cookie_value mamori_session)" ]
ok $? "… with the session cookie"
http POST "/api/pledges/declaration?org=a" -H "Origin: $BASE" -H "X-CSRF-Token: $api_csrf" \
    -H "Content-Type: application/json" --data '{"pledge":"yes"}'
is_status 200 "the CSRF token works as the X-CSRF-Token header"
json "$BODY" 'isinstance(d, dict)' "… answering JSON"
http POST /api/login -H "Origin: $BASE" -H "Content-Type: application/json" \
    --data '{"email":"admin@mamori.local","password":"wrong-password-1234"}'
is_status 401 "the JSON login with a wrong password answers 401"
json "$BODY" 'd["error"]["status"] == 401' "… as a JSON error"
get "/api/dashboard?org=a" -H "Accept: application/json"
is_status 200 "GET /api/dashboard answers"
json "$BODY" 'isinstance(d["step"], int) and 1 <= d["step"] <= 4
    and isinstance(d["security_action"]["star1_ready"], bool)
    and isinstance(d["security_action"]["star2_ready"], bool)
    and (d["latest_diagnosis"] is None or isinstance(d["latest_diagnosis"]["total"], int))' \
    "… {step, security_action:{star1_ready, star2_ready}, latest_diagnosis}"
get /o/a/ -H "Accept: application/json"
is_status 200 "Accept: application/json gets the page's view model …"
case $(hdr Content-Type) in
application/json*) pass "… as JSON" ;;
*) fail "… as JSON"; diag "Content-Type: $(hdr Content-Type)" ;;
esac

# --- logout ends the session on the server (S4)
as_user adm
cp "$T/jar.adm" "$T/jar.stolen"
before=$(sql "SELECT count(*) FROM session")
get /logout
is_status 405 "GET /logout is not a way to log out (405)"
is "$(hdr Allow)" "POST" "… Allow: POST"
post /logout
is_status 303 "POST /logout logs out"
is "$(hdr Location)" "/login" "… back to the login page"
setc=$(tr -d '\r' <"$HDR" | grep -i '^set-cookie: mamori_session=' | tail -n 1)
case $setc in
"Set-Cookie: mamori_session=;"*Max-Age=0* | "set-cookie: mamori_session=;"*Max-Age=0*)
	pass "… deleting the cookie" ;;
*) fail "… deleting the cookie"; diag "$setc" ;;
esac
is "$(sql "SELECT count(*) FROM session")" "$((before - 1))" "… and the session row"
get /login
has "$BODY" "$(locale_ja flash.logged_out)" "the login page then says so"
as_user stolen
get /o/a/
is_status 303 "the old cookie, replayed, no longer works"
is "$(hdr Location)" "/login?next=/o/a/" "… it leads to the login page"

# --- the password change ends the other sessions (S4)
login s1 admin@mamori.local "$long_pw"
login s2 admin@mamori.local "$long_pw"
as_user s2
get /o/a/
is_status 200 "a second session works"
as_user s1
new_pw="Atarashii-pasuwaado-2026-kaisha"
post /account/password --data-urlencode "current=$long_pw" --data-urlencode "new=$new_pw" \
    --data-urlencode "confirm=$new_pw"
is_status 303 "the password changes from the first session"
get /o/a/
is_status 200 "… which goes on"
has "$BODY" "$(locale_ja flash.password_changed)" "… telling that other logins ended"
as_user s2
get /o/a/
is_status 303 "… while the second session has ended"

# --- disabled accounts
cli user add ed@example.jp --org a --role editor || bail "user add failed"
first_login ed ed@example.jp "$(cat "$OUT")"
as_user ed
get /o/a/
is_status 200 "an editor logs in"
cli user disable ed@example.jp
ok $? "mamori user disable works while the server runs"
get /o/a/
is_status 303 "a disabled account's session ends at once"
login ed ed@example.jp "$(cat "$T/pw.ed")"
is_status 401 "a disabled account can not log in"
cli user enable ed@example.jp
login ed ed@example.jp "$(cat "$T/pw.ed")"
is_status 303 "enabled again, it can"

# --- API tokens (Authorization: Bearer)
add_token ed
as_token ed
get "/api/dashboard?org=a"
is_status 200 "an API token works on /api/…"
has "$HDR" "no-store" "… and its answers are not cached"
BEARER="not-a-token-not-a-token-not-a-token-0000000"
get "/api/dashboard?org=a"
is_status 401 "a wrong token answers 401"
tid=$(sql "SELECT max(id) FROM api_token WHERE account_id = (SELECT id FROM account WHERE email = 'ed@example.jp')")
as_user ed
post "/account/tokens/$tid/revoke"
is_status 303 "the token is revoked from the account page"
as_token ed
get "/api/dashboard?org=a"
is_status 401 "a revoked token no longer works"

stop_server_checked
done_testing
