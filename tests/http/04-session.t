#!/bin/sh
# Session lifetime (QUALITY.md S4): a session ends after 30 minutes
# without a request and 12 hours after the login, whatever happens; an
# ended session is removed on the server; a forged or altered cookie is
# nobody; logging out ends only that session. The clock is moved by
# editing the session's row (its times are unix seconds).
. "$(dirname "$0")/lib.sh"

"$MAMORI" --db "$DB" init --org "テスト株式会社" --slug a >/dev/null 2>&1 || bail "init failed"
start_server
first_login adm admin@mamori.local "$ADMIN_OTP"
PW=$(cat "$T/pw.adm")

# cookie_of NAME — the session cookie in NAME's jar
cookie_of() {
	awk '$6 == "mamori_session" { v = $7 } END { print v }' "$T/jar.$1"
}

# sid NAME — the id of NAME's session row
sid() {
	sql "SELECT id FROM session WHERE token_hash = '$(printf '%s' "$(cookie_of "$1")" | sha256sum | cut -d' ' -f1)'"
}

login s admin@mamori.local "$PW"
is_status 303 "log in"
case $(tr -d '\r' <"$HDR" | grep -i '^set-cookie: mamori_session=') in
*"Max-Age=43200"*) pass "the cookie lives 12 hours at most (Max-Age=43200)" ;;
*Max-Age=*) fail "the cookie lives 12 hours at most"; diag_file "$HDR" ;;
*) pass "the cookie lives until the browser closes (no Max-Age)" ;;
esac
id=$(sid s)
[ -n "$id" ]
ok $? "the session has a row"

# --- idle: 30 minutes
as_user s
sql "UPDATE session SET last_seen_at = last_seen_at - 1740 WHERE id = $id"
get /o/a/
is_status 200 "29 minutes without a request: the session goes on"
age=$(sql "SELECT strftime('%s', 'now') - last_seen_at FROM session WHERE id = $id")
[ "${age:-999}" -lt 60 ]
ok $? "… and that request counts as activity (last seen ${age}s ago)"
sql "UPDATE session SET last_seen_at = last_seen_at - 1801 WHERE id = $id"
get /o/a/
is_status 303 "31 minutes without a request: the session has ended (S4)"
is "$(hdr Location)" "/login?next=/o/a/" "… back to the login page"
is "$(sql "SELECT count(*) FROM session WHERE id = $id")" 0 "… and its row is removed"
get /api/dashboard?org=a
is_status 401 "the API says 401 for it"

# --- absolute: 12 hours, however busy
login s admin@mamori.local "$PW"
id=$(sid s)
as_user s
sql "UPDATE session SET created_at = created_at - 43080 WHERE id = $id"
get /o/a/
is_status 200 "11 h 58 min after the login, in use: the session goes on"
sql "UPDATE session SET created_at = created_at - 121 WHERE id = $id"
get /o/a/
is_status 303 "12 h after the login: the session has ended even though it is in use (S4)"
is "$(sql "SELECT count(*) FROM session WHERE id = $id")" 0 "… and its row is removed"
login s admin@mamori.local "$PW"
is_status 303 "a new login then works"
as_user s
get /o/a/
is_status 200 "… with a working session"

# --- cookies that are not a session
cookie=$(cookie_of s)
case $cookie in
*X) tampered=$(printf '%s' "$cookie" | sed 's/.$//')Y ;;
*) tampered=$(printf '%s' "$cookie" | sed 's/.$//')X ;;
esac
as_anon
get /o/a/ -H "Cookie: mamori_session=$tampered"
is_status 303 "a session cookie with one character changed is nobody"
get /o/a/ -H "Cookie: mamori_session=$(cookie_of s)x"
is_status 303 "… and so is one with a character added"
hash=$(printf '%s' "$cookie" | sha256sum | cut -d' ' -f1)
get /o/a/ -H "Cookie: mamori_session=$hash"
is_status 303 "the stored hash itself does not work as a cookie"
get /o/a/ -H "Cookie: mamori_session=$(cat "$T/csrf.s")"
is_status 303 "nor does the CSRF token"
get /api/dashboard?org=a -H "Authorization: Bearer $cookie"
is_status 401 "nor does the session id as an API token"
get /o/a/ -H "Cookie: mamori_session=$cookie"
is_status 200 "the real cookie does (control)"

# --- logout ends that session only
login t admin@mamori.local "$PW"
as_user t
post /logout
is_status 303 "a second session logs out"
as_user s
get /o/a/
is_status 200 "the first session is not affected"
is "$(sql "SELECT count(*) FROM session WHERE id = $(sid s)")" 1 "… whose row is still there"

stop_server_checked
done_testing
