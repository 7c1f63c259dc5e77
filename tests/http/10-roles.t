#!/bin/sh
# The role holders (表8 情報セキュリティ管理のための役割と責任分担, 表9
# 緊急時対応体制) over HTTP: the page for every member (whom to report to),
# the whole form saved by an admin (a user of the organisation and/or a
# name per role), one audit record per changed role, clearing, refused
# input with nothing changed (an unknown role, another organisation's
# account, a name over 100 characters), who may see and change, CSRF, the
# JSON API, the navigation, the dashboard's Step 3 and escaped text.
. "$(dirname "$0")/lib.sh"

"$MAMORI" --db "$DB" init --org "役割テスト株式会社" --slug a >/dev/null 2>&1 || bail "init failed"
"$MAMORI" --db "$DB" org add "別会社 $SECRET_B" --slug b >/dev/null 2>&1 || bail "org add failed"
start_server
first_login adm admin@mamori.local "$ADMIN_OTP"
add_user owner owner@a.example.jp a owner
add_user editor editor@a.example.jp a editor
add_user member member@a.example.jp a member
add_user supporter supporter@a.example.jp a supporter
add_user bowner owner@b.example.jp b owner
A_ORG=$(sql "SELECT id FROM org WHERE slug = 'a'")
EDITOR=$(sql "SELECT id FROM account WHERE email = 'editor@a.example.jp'")
OWNER=$(sql "SELECT id FROM account WHERE email = 'owner@a.example.jp'")
BOWNER=$(sql "SELECT id FROM account WHERE email = 'owner@b.example.jp'")
audits() {
	sql "SELECT count(*) FROM audit_log WHERE action LIKE 'role_holder.%'"
}
holders() {
	sql "SELECT count(*) FROM role_holder"
}

# --- the empty page
as_user member
get /o/a/roles
is_status 200 "a member sees the role holders"
has "$BODY" "情報セキュリティ管理のための役割と責任分担" "… the table 8 title"
has "$BODY" "緊急時対応体制の役割と責任" "… and the table 9 title"
has "$BODY" "点検責任者" "… with every role of table 8"
has "$BODY" "事故・異常を発見した従業員" "… and of table 9"
has "$BODY" "$(locale_ja role_holders.vacant)" "… all undecided"
hasnt "$BODY" 'name="account_role-ciso"' "… without the form for a member"
get /o/a/
has "$BODY" 'href="/o/a/roles"' "the navigation has the roles for a member"
has "$BODY" "$(locale_ja role_holders.nav)" "… named $(locale_ja role_holders.nav)"

as_user supporter
get /o/a/roles
is_status 403 "a supporter may not see the role holders"
get /o/a/
hasnt "$BODY" 'href="/o/a/roles"' "… nor has it in the navigation"

as_user owner
get /o/a/roles
is_status 200 "the owner opens the page"
has "$BODY" 'name="account_role-ciso"' "… with a select of users per role"
has "$BODY" "editor@a.example.jp" "… listing the organisation's users"
hasnt "$BODY" "owner@b.example.jp" "… and not another organisation's"

# --- save the whole form
post /o/a/roles -d "account_role-ciso=$OWNER" --data-urlencode "name_role-ciso=代表取締役" \
    -d "account_role-dept-lead=" --data-urlencode "name_role-dept-lead=管理部長 佐藤" \
    -d "account_role-sysadmin=$EDITOR" -d "name_role-sysadmin=" \
    --data-urlencode "note_role-sysadmin=副: 田中" \
    -d "account_role-education=" -d "name_role-education=" \
    -d "account_role-inspector=" -d "name_role-inspector="
is_status 303 "the owner saves the form"
is "$(hdr Location)" "/o/a/roles" "… and comes back to the page"
is "$(holders)" 3 "… three roles have a holder"
is "$(audits)" 3 "… with one audit record per changed role"
is "$(sql "SELECT account_id || '|' || name FROM role_holder WHERE role_id = 'role-ciso'")" \
    "$OWNER|代表取締役" "… a user with a title"
get /o/a/roles
has "$BODY" "代表取締役" "the page shows the holders"
has "$BODY" "管理部長 佐藤" "… a name"
has "$BODY" "副: 田中" "… and the note"

# the same form again: nothing changes, no record
post /o/a/roles -d "account_role-ciso=$OWNER" --data-urlencode "name_role-ciso=代表取締役"
is_status 303 "saving the same holder again"
is "$(audits)" 3 "… writes no audit record"

# --- refused, nothing changed
before=$(sql "SELECT group_concat(role_id || account_id || name || note || updated_at) FROM role_holder")
post /o/a/roles -d "account_role-education=$BOWNER"
is_status 400 "another organisation's account is refused"
post /o/a/roles -d "account_role-education=abc"
is_status 400 "an account that is not a number is refused"
post /o/a/roles --data-urlencode "name_role-education=$(printf '%0101d' 0)"
is_status 400 "a name over 100 characters is refused"
post /o/a/roles -d "account_role-education=$EDITOR" -d "account_role-inspector=$BOWNER"
is_status 400 "a form with one bad role is refused whole"
is "$(sql "SELECT group_concat(role_id || account_id || name || note || updated_at) FROM role_holder")" \
    "$before" "… and nothing changed"
is "$(audits)" 3 "… nor was recorded"

# --- permissions and CSRF
as_user editor
post /o/a/roles --data-urlencode "name_role-education=編集者"
is_status 403 "an editor may not save the holders"
as_user member
post /o/a/roles --data-urlencode "name_role-education=従業員"
is_status 403 "… nor a member"
as_user bowner
get /o/a/roles
is_status 404 "B's owner can not open A's roles"
post /o/a/roles --data-urlencode "name_role-education=$SECRET_B"
is_status 404 "… nor save them"
as_user owner
http POST /o/a/roles -H "Origin: $BASE" --data-urlencode "name_role-education=x"
is_status 403 "a save without the CSRF token is refused"
http POST /o/a/roles -H "Origin: http://evil.example" --data-urlencode "_csrf=$CSRF" \
    --data-urlencode "name_role-education=x"
is_status 403 "… and one from another origin"
is "$(holders)" 3 "… and nothing changed"

# --- complete table 8: the dashboard's Step 3
get /o/a/dashboard
cp "$BODY" "$T/dash-before"
as_token owner
get "/api/dashboard?org=a"
s3_before=$(pyval "$BODY" "d['steps'][2]['done']")
as_user owner
post /o/a/roles --data-urlencode "name_role-education=<script>alert(1)</script>" \
    --data-urlencode "name_role-inspector=監査役"
is_status 303 "the last two roles of table 8"
as_token owner
get "/api/dashboard?org=a"
is "$(pyval "$BODY" "d['steps'][2]['done']")" "$((s3_before + 1))" \
    "… count as the Step 3 fact 管理体制 on the dashboard"
as_user owner
get /o/a/roles
has "$BODY" "$(locale_ja role_holders.complete)" "the page says table 8 is complete"
hasnt "$BODY" "<script>alert(1)</script>" "… and never shows a name unescaped"
has "$BODY" "&lt;script&gt;" "… but escaped"
has "$BODY" "$(locale_ja role_holders.inherited)" "table 9 shows the holder of table 8 where none is set"

# --- clear
post /o/a/roles -d "account_role-inspector=" -d "name_role-inspector="
is_status 303 "emptying a role"
is "$(sql "SELECT count(*) FROM role_holder WHERE role_id = 'role-inspector'")" 0 "… makes it undecided"
is "$(sql "SELECT count(*) FROM audit_log WHERE action = 'role_holder.clear'")" 1 "… audited"

# --- the API
as_token member
get "/api/roles?org=a"
is_status 200 "GET /api/roles answers a member"
json "$BODY" "d['total'] == 5 and d['held'] == 4 and not d['complete']" "… with the count of table 8"
json "$BODY" "[l['id'] for l in d['lists']] == ['roles-normal', 'roles-emergency']" "… both tables in order"
json "$BODY" "'members' not in d" "… without the list of users for a member"
as_token owner
printf '{"name_role-inspector":"監査役 鈴木","account_emergency-finder":"%s"}' "$EDITOR" >"$T/r.json"
http POST "/api/roles?org=a" -H "Content-Type: application/json" --data-binary "@$T/r.json"
is_status 200 "POST /api/roles saves some roles"
json "$BODY" "d['complete'] and d['held'] == 5" "… and answers the view"
printf '{"name_role-nope":"x"}' >"$T/r.json"
http POST "/api/roles?org=a" -H "Content-Type: application/json" --data-binary "@$T/r.json"
is_status 200 "an unknown field is ignored"
as_token editor
http POST "/api/roles?org=a" -H "Content-Type: application/json" --data-binary "@$T/r.json"
is_status 403 "an editor's token may not save"

# --- English
as_user member
get "/o/a/roles?lang=en"
has "$BODY" "Information security roles" "the page in English"
get "/o/a/roles?lang=ja"

stop_server_checked
done_testing
