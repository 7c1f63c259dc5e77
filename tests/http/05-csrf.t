#!/bin/sh
# CSRF (QUALITY.md S7): every POST of the API description, sent by an
# account that may use it, with the session cookie but without a valid
# CSRF token or from another origin, is refused with 403 — and the
# database is exactly as before (checksum). The same requests with the
# right token from the same origin are then accepted (so that the
# refusals above were the CSRF check's doing), and an API token needs no
# CSRF token.
#
# The checksum covers the whole database (sqlite3 .dump) but for two
# columns that change on their own: session.last_seen_at (written at most
# once a minute by any request of a session, refused ones included) and
# api_token.last_used_at (no token is used before the comparison, but the
# column is volatile by nature). login_failure is included: a refused
# request must not even count as a failed login.
. "$(dirname "$0")/lib.sh"

make_world

# objects of organisation A to aim at
as_user owner
post /o/a/diagnosis/rounds/new --data-urlencode "respondent=総務部" -d kind=department
[ "$STATUS" = 303 ] || bail "a draft round for A answered $STATUS"
A_DRAFT=$(sql "SELECT max(id) FROM diag_round WHERE org_id = $A_ORG AND status = 'draft'")
A_MEMBER=$(sql "SELECT id FROM account WHERE email = 'member@a.example.jp'")
OWNER_ID=$(sql "SELECT id FROM account WHERE email = 'owner@a.example.jp'")
OWNER_TOKEN=$(sql "SELECT max(id) FROM api_token WHERE account_id = $OWNER_ID")

as_anon
get /api/openapi.json
is_status 200 "GET /api/openapi.json answers"
cp "$BODY" "$T/openapi.json"
# the POST operations: TAG API_PATH WEB_PATH, with A's ids (logout last)
"$PYTHON" - "$T/openapi.json" "$A_DRAFT" "$A_MEMBER" "$OWNER_TOKEN" >"$T/posts" <<'EOF'
import json, re, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
draft, member, token = sys.argv[2:5]
ids = {"users": member, "accounts": member, "tokens": token, "rounds": draft,
       "pledges": "pledge-1"}
ops = []
for path, item in doc["paths"].items():
    op = item.get("post")
    if op is None:
        continue
    segs = path.split("/")
    out = []
    for k, s in enumerate(segs):
        if re.fullmatch(r"\{.+\}", s):
            out.append(ids.get(segs[k - 1], draft))
        else:
            out.append(s)
    api = "/".join(out)
    web = api[4:] or "/"
    ops.append((op["tags"][0], api, web))
ops.sort(key=lambda o: o[2].endswith("/logout"))
for o in ops:
    print("\t".join(o))
EOF
nposts=$(wc -l <"$T/posts")
[ "$nposts" -ge 10 ]
ok $? "the API description lists $nposts POST operations"
TAB=$(printf '\t')

# who_for TAG — an account that may use an operation with that permission
who_for() {
	case $1 in
	instance_admin) echo instadmin ;;
	*) echo owner ;;
	esac
}

# the form sent with every POST: enough for most operations to do something
FORM="role=auditor&status=done&note=csrf&pledge=yes&name=csrf-test&email=csrf-invitee%40a.example.jp&respondent=csrf&kind=person&current=x&new=Csrf-no-atarashii-kagi-2026&confirm=Csrf-no-atarashii-kagi-2026"

# forged TAG WEB_PATH API_PATH — every way of getting CSRF wrong, each
# expected to be refused with 403 and the CSRF message
forged() {
	_who=$(who_for "$1")
	case $1 in org_*) _web="/o/a$2"; _api="$3?org=a" ;; *) _web=$2; _api=$3 ;; esac
	as_user "$_who"
	_tok=$CSRF
	_other=$(cat "$T/csrf.member")
	_bad=""
	# the login (before any session: CSRF_ORIGIN) can only check the Origin
	_ways="1 2 3 4 5 6 7 8 9 10 11"
	[ "$1" = public ] && _ways="5 7 9"
	for _k in $_ways; do
		case $_k in
		1) _what="no token"
		   http POST "$_web" -H "Origin: $BASE" --data "$FORM" ;;
		2) _what="a wrong token"
		   http POST "$_web" -H "Origin: $BASE" --data "$FORM&_csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" ;;
		3) _what="another session's token"
		   http POST "$_web" -H "Origin: $BASE" --data "$FORM&_csrf=$_other" ;;
		4) _what="an empty token"
		   http POST "$_web" -H "Origin: $BASE" -H "X-CSRF-Token: " --data "$FORM&_csrf=" ;;
		5) _what="the token, from another site (Origin)"
		   http POST "$_web" -H "Origin: http://evil.example" --data "$FORM&_csrf=$_tok" ;;
		6) _what="the token, without Origin or Referer"
		   http POST "$_web" --data "$FORM&_csrf=$_tok" ;;
		7) _what="the token, Origin: null"
		   http POST "$_web" -H "Origin: null" --data "$FORM&_csrf=$_tok" ;;
		8) _what="the token, Referer of another site"
		   http POST "$_web" -H "Referer: http://evil.example/$2" --data "$FORM&_csrf=$_tok" ;;
		9) _what="the token, Origin $BASE.evil.example"
		   http POST "$_web" -H "Origin: $BASE.evil.example" --data "$FORM&_csrf=$_tok" ;;
		10) _what="the token only in the query string"
		   http POST "$_web?_csrf=$_tok" -H "Origin: $BASE" --data "$FORM" ;;
		11) _what="the JSON API with the cookie but no X-CSRF-Token"
		   http POST "$_api" -H "Origin: $BASE" -H "Content-Type: application/json" \
		       --data '{"role":"auditor","status":"done","pledge":"yes","name":"csrf-test"}' ;;
		esac
		if [ "$STATUS" != 403 ]; then
			_bad="$_bad
$_what: $STATUS"
		elif [ "$_k" -lt 11 ] && ! grep -qF "$CSRF_MSG" "$BODY"; then
			_bad="$_bad
$_what: 403 without the CSRF message"
		elif [ "$_k" = 11 ] && ! grep -q '"status":403' "$BODY"; then
			_bad="$_bad
$_what: 403 without a JSON error"
		fi
	done
	# a GET with the same input must not change anything either
	as_user "$_who"
	http GET "$_web?$FORM&_csrf=$_tok"
	case $STATUS in
	5?? | 000) _bad="$_bad
GET with the form in the query: $STATUS" ;;
	esac
	_nw=$(echo $_ways | wc -w)
	if [ -z "$_bad" ]; then
		pass "POST $_web ($1, as $_who): $_nw forgeries refused with 403"
	else
		fail "POST $_web ($1, as $_who): $_nw forgeries refused with 403"
		diag "$_bad"
	fi
}

CSRF_MSG=$(locale_ja error.csrf)
db_snapshot "$T/before"
while IFS=$TAB read -r tag api web; do
	forged "$tag" "$web" "$api"
done <"$T/posts"
db_snapshot "$T/after"
same_files "$T/before" "$T/after" "after the forged requests the database is unchanged (checksum $(sha256sum <"$T/before" | cut -c1-16))"

# --- the controls: the right token from this site is accepted
while IFS=$TAB read -r tag api web; do
	who=$(who_for "$tag")
	case $tag in org_*) path="/o/a$web" ;; *) path=$web ;; esac
	as_user "$who"
	http POST "$path" -H "Origin: $BASE" --data "$FORM&_csrf=$CSRF"
	case $STATUS in
	403 | 5?? | 000)
		fail "POST $path ($tag, as $who) with the right token from this site is accepted"
		diag "status $STATUS"
		diag_file "$BODY" 5
		;;
	*) pass "POST $path ($tag, as $who) with the right token from this site is accepted ($STATUS)" ;;
	esac
done <"$T/posts"
db_snapshot "$T/control"
! cmp -s "$T/before" "$T/control"
ok $? "… and those requests did change the database"

as_user editor
http POST /o/a/pledges/pledge-2 -H "Referer: $BASE/o/a/pledges" --data "status=doing&_csrf=$CSRF"
is_status 303 "without Origin, a Referer of this site with the token is accepted"
http POST "/api/pledges/pledge-3?org=a" -H "Origin: $BASE" -H "X-CSRF-Token: $CSRF" \
    -H "Content-Type: application/json" --data '{"status":"doing"}'
is_status 200 "the JSON API with the cookie and X-CSRF-Token is accepted"

# --- an API token needs no CSRF token (browsers never send it by themselves)
as_token editor
http POST "/api/pledges/pledge-4?org=a" -H "Content-Type: application/json" --data '{"status":"done"}'
is_status 200 "a POST with an API token and no CSRF token or Origin is accepted"
is "$(sql "SELECT status FROM pledge_status WHERE org_id = $A_ORG AND pledge_id = 'pledge-4'")" \
    done "… and recorded"

stop_server_checked
done_testing
