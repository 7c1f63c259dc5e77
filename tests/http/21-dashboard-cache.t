#!/bin/sh
# The dashboard's body is kept in the page cache per organisation,
# language and kind of role until the data changes (the audit log's head):
# a change from the web and one from the command line (another process)
# both show on the next page; a member never gets the body rendered for
# an owner (links into the ledger) nor the reverse; English and Japanese
# are kept apart; the unread-documents notice is per account; another
# organisation's dashboard is its own.
. "$(dirname "$0")/lib.sh"

"$MAMORI" --db "$DB" init --org "キャッシュ株式会社" --slug a >/dev/null 2>&1 || bail "init failed"
"$MAMORI" --db "$DB" org add "別会社 $SECRET_B" --slug b >/dev/null 2>&1 || bail "org add failed"
start_server
first_login adm admin@mamori.local "$ADMIN_OTP"
add_user owner owner@a.example.jp a owner
add_user member member@a.example.jp a member
add_user member2 member2@a.example.jp a member
add_user bowner owner@b.example.jp b owner
NO_DIAG=$(locale_ja dashboard.no_diagnosis)
RISK_LINK=$(locale_ja dashboard.risk_link)

as_user owner
get /o/a/
is_status 200 "the owner's dashboard"
has "$BODY" "$NO_DIAG" "… no diagnosis yet"
has "$BODY" "$RISK_LINK" "… with the links into the ledger for an owner"
get /o/a/
has "$BODY" "$NO_DIAG" "the same page again (from the cache)"

as_user member
get /o/a/
is_status 200 "a member's dashboard"
hasnt "$BODY" "$RISK_LINK" "… never the owner's body with the ledger links"

# a change from the command line: another process, same database
answers_json "$T/answers.json"
cli diagnose --org a --answers "$T/answers.json" || diag_file "$ERR"
as_user owner
get /o/a/
hasnt "$BODY" "$NO_DIAG" "a diagnosis recorded by the command line shows at once"
has "$BODY" '<span class="total">100</span>' "… with its score (all yes: 100)"
as_user member
get /o/a/
hasnt "$BODY" "$NO_DIAG" "… for the member too"

# a change from the web
as_user owner
post /o/a/pledges/declaration -d pledge=yes
status_in "303 200" "the owner declares the 5か条"
get /o/a/
has "$BODY" "$(locale_ja dashboard.pledged)" "the declaration shows on the next page"

# a page is kept per session: a second session of the same account gets
# its own CSRF token, never the first one's
get /o/a/
FIRST=$(body_csrf)
login owner2 owner@a.example.jp "$(cat "$T/pw.owner")"
is_status 303 "the owner logs in a second time"
get /o/a/
SECOND=$(body_csrf)
isnt "$SECOND" "$FIRST" "… and the second session's page has its own CSRF token"
is "$SECOND" "$(cat "$T/csrf.owner2")" "… the token of that session"
as_user owner
get /o/a/
is "$(body_csrf)" "$FIRST" "the first session still gets its own"

# languages are kept apart
get "/o/a/?lang=en"
has "$BODY" "<title>Dashboard" "the English dashboard"
hasnt "$BODY" "$RISK_LINK" "… without a Japanese body"
get "/o/a/?lang=ja"
has "$BODY" "$RISK_LINK" "and back in Japanese"

# the other organisation
as_user bowner
get /o/b/
has "$BODY" "$NO_DIAG" "another organisation's dashboard is its own"
hasnt "$BODY" "キャッシュ株式会社" "… without a word of the first"

# the unread notice is per account
as_user owner
"$MAMORI" --db "$DB" doc generate policy --org a >"$OUT" 2>"$ERR" || diag_file "$ERR"
POL=$(cat "$OUT")
"$MAMORI" --db "$DB" doc approve "$POL" --org a --as owner@a.example.jp >/dev/null 2>&1
"$MAMORI" --db "$DB" doc publish "$POL" --org a >/dev/null 2>&1
as_user member
post "/o/a/documents/$POL/ack"
is_status 303 "a member reads the policy"
get /o/a/
hasnt "$BODY" 'id="documents-to-read"' "… and its dashboard has nothing to read"
as_user member2
get /o/a/
has "$BODY" 'id="documents-to-read"' "while the other member's still asks"
done_testing
