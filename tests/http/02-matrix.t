#!/bin/sh
# The permission matrix (QUALITY.md S6): every operation of
# /api/openapi.json (so that a new route is covered without touching this
# test) × every principal (anonymous, the administrator of this mamori,
# each role of organisation A, the owner of organisation B) × both ways in
# (the API with a token: /api/PATH?org=a; the browser with a session:
# /o/a/PATH), with the ids of B's objects wherever the path takes one.
#
# Expected: a principal whose role the operation's permission (its tag)
# allows gets an answer that is not 401/403/404 (a 400 for the dummy
# input is fine), and exactly 404 when the path names one of B's objects;
# every other principal gets 401/403/404 (or, in the browser, the
# redirect to the login page). Then every role of A tries every
# organisation operation on B itself. Nobody but B's members may ever see
# B's data, GET requests change nothing, and B's rows are the same at
# the end. A server error (5xx) is a failure wherever it appears.
. "$(dirname "$0")/lib.sh"

make_world
PRINCIPALS="anon instadmin $ROLES bowner"
diag "principals, in the order of the statuses below: $PRINCIPALS"
PLEDGE_ID=pledge-1
# an asset of B (情報資産管理台帳) for the paths that name one
as_user bowner
post /o/b/assets -d _form=asset --data-urlencode "name=$SECRET_B 資産" -d medium=paper -d c=2 -d i=2 -d a=2
[ "$STATUS" = 303 ] || { diag_file "$BODY"; bail "B's asset answered $STATUS"; }
B_ASSET=$(sql "SELECT max(id) FROM asset WHERE org_id = $B_ORG")
as_anon

# --- the operations, from the API description
as_anon
get /api/openapi.json
is_status 200 "GET /api/openapi.json answers"
cp "$BODY" "$T/openapi.json"
# one line per operation: METHOD TAG API_PATH WEB_PATH OBJECT QUERY
# (tab-separated); parameters become the ids of B's objects: OBJECT is "b"
# when one of them is an object of B, "-" when the path only names catalog
# entries; QUERY names B's objects in the query string (a second line for
# the same operation)
"$PYTHON" - "$T/openapi.json" "$B_ROUND" "$B_DRAFT" "$B_USER" "$B_TOKEN" "$PLEDGE_ID" "$B_ROUND2" "$B_ASSET" \
    >"$T/ops" 2>"$T/ops.err" <<'EOF'
import json, re, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
round_id, draft_id, user_id, token_id, pledge_id, round2_id, asset_id = sys.argv[2:9]
# the segment before a parameter tells what it names (a POST on a round
# gets B's draft, which could still be changed)
objects = {"users": user_id, "accounts": user_id, "tokens": token_id,
           "rounds": round_id, "diagnosis": round_id, "compare": round_id,
           "checks": round_id, "respondents": round_id, "assets": asset_id}
catalog = {"pledges": pledge_id}
# operations that take B's objects in the query
queries = {"/api/diagnosis/compare": "a=%s&b=%s" % (round_id, round2_id)}
ops = []
for path, item in doc["paths"].items():
    for method, op in item.items():
        if method not in ("get", "post", "put", "patch", "delete"):
            continue
        objects["rounds"] = draft_id if method != "get" else round_id
        segs = path.split("/")
        obj = "-"
        out = []
        for k, s in enumerate(segs):
            m = re.fullmatch(r"\{(.+)\}", s)
            if m:
                prev = segs[k - 1]
                if re.fullmatch(r"\{.+\}", prev):
                    prev = segs[k - 2]
                if prev in catalog:
                    out.append(catalog[prev])
                else:
                    if prev not in objects:
                        print("no fixture for {%s} after /%s/ in %s: using B's round" %
                              (m.group(1), prev, path), file=sys.stderr)
                    out.append(objects.get(prev, round_id))
                    obj = "b"
            else:
                out.append(s)
        api = "/".join(out)
        web = api[4:] if api.startswith("/api/") else api
        if web == "":
            web = "/"
        tags = op.get("tags") or ["(none)"]
        ops.append((method.upper(), tags[0], api, web, obj, ""))
        if path in queries:
            ops.append((method.upper(), tags[0], api, web, "b", queries[path]))
# GETs first; among POSTs the logout last (it ends the session)
ops.sort(key=lambda o: (o[0] != "GET", o[3].endswith("/logout")))
for o in ops:
    print("\t".join(o))
EOF
ok $? "the operations are read from the API description"
[ -s "$T/ops.err" ] && diag_file "$T/ops.err"
nops=$(wc -l <"$T/ops")
[ "$nops" -ge 20 ]
ok $? "the description lists $nops operations (at least 20)"
diag "operations:" "$(cut -f1-3 "$T/ops" | tr '\t' ' ')"
bad_tags=$(cut -f2 "$T/ops" | grep -vxE 'public|login_any|login|instance_admin|org_summary|org_member|org_read|org_edit|org_admin|org_owner' | sort -u | tr '\n' ' ')
is "$bad_tags" "" "every operation is tagged with a known permission"

TAB=$(printf '\t')

# may TAG PRINCIPAL — does the permission allow the principal (as a role
# of organisation A)?
may() {
	case $1 in
	public) return 0 ;;
	login_any | login) [ "$2" != anon ] ;;
	instance_admin) [ "$2" = instadmin ] ;;
	org_summary) case $2 in owner | admin | editor | auditor | member | supporter) return 0 ;; esac; return 1 ;;
	org_member) case $2 in owner | admin | editor | auditor | member) return 0 ;; esac; return 1 ;;
	org_read) case $2 in owner | admin | editor | auditor) return 0 ;; esac; return 1 ;;
	org_edit) case $2 in owner | admin | editor) return 0 ;; esac; return 1 ;;
	org_admin) case $2 in owner | admin) return 0 ;; esac; return 1 ;;
	org_owner) [ "$2" = owner ] ;;
	*) return 1 ;;
	esac
}

# send MODE PRINCIPAL METHOD TAG API_PATH WEB_PATH ORG [QUERY] — one request;
# a POST carries input that most operations accept (or refuse with 400)
send() {
	_path=$5
	case $4 in org_*) _scoped=1 ;; *) _scoped=0 ;; esac
	if [ "$1" = api ]; then
		if [ "$2" = anon ]; then as_anon; else as_token "$2"; fi
		[ "$_scoped" = 1 ] && _path="$5?org=$7"
	else
		if [ "$2" = anon ]; then as_anon; else as_user "$2"; fi
		_path=$6
		[ "$_scoped" = 1 ] && _path="/o/$7$6"
	fi
	if [ -n "${8:-}" ]; then
		case $_path in
		*\?*) _path="$_path&$8" ;;
		*) _path="$_path?$8" ;;
		esac
	fi
	if [ "$3" = GET ]; then
		get "$_path"
	else
		post "$_path" -d role=member -d status=doing -d note=matrix -d pledge=no \
		    -d name=matrix -d "email=invitee@a.example.jp" -d current=not-the-password \
		    -d new=Matrix-no-atarashii-kagi -d confirm=Matrix-no-atarashii-kagi
	fi
}

# classify — CLASS of the last answer: deny (401/403/404 or the redirect
# to the login page), error (5xx, no answer) or allow
classify() {
	case $STATUS in
	5?? | 000) CLASS=error ;;
	401 | 403 | 404) CLASS=deny ;;
	30?)
		case $(hdr Location) in
		/login\?next=*) CLASS=deny ;;
		*) CLASS=allow ;;
		esac
		;;
	*) CLASS=allow ;;
	esac
}

unexpected=0
cells=0
: >"$T/leaks"

# leak_check PRINCIPAL — B's data in the answer to someone outside B is
# noted in $T/leaks (see leaks_none)
leak_check() {
	case $1 in bowner | bmember) return 0 ;; esac
	if grep -qF "$SECRET_B" "$BODY" "$HDR"; then
		printf '%s (%s)\n' "$LAST_REQ" "$STATUS" >>"$T/leaks"
		grep -hF "$SECRET_B" "$BODY" "$HDR" | head -n 2 | cut -c1-200 | sed 's/^/    /' \
		    >>"$T/leaks"
	fi
}

# leaks_none DESCRIPTION — no answer since the last call showed B's data
leaks_none() {
	if [ -s "$T/leaks" ]; then
		fail "$1"
		diag "$(grep -c '^[^ ]' "$T/leaks") answers showed B's data (\"$SECRET_B\"), e.g.:"
		head -n 24 "$T/leaks" | sed 's/^/#   /'
	else
		pass "$1"
	fi
	: >"$T/leaks"
}

# matrix METHOD TAG API WEB OBJ MODE [QUERY] — every principal on one
# operation of A
matrix() {
	_bad=""
	_allowed=""
	_seen=""
	for _who in $PRINCIPALS; do
		send "$6" "$_who" "$1" "$2" "$3" "$4" a "$7"
		cells=$((cells + 1))
		classify
		_seen="$_seen $STATUS"
		leak_check "$_who"
		if [ "$CLASS" = error ]; then
			_bad="$_bad
$LAST_REQ: server error $STATUS"
		elif may "$2" "$_who"; then
			_allowed="$_allowed $_who"
			if [ "$2" = public ]; then
				:
			elif [ "$5" = b ] && [ "$STATUS" != 404 ]; then
				_bad="$_bad
$LAST_REQ: $STATUS for an object of organisation B (expected 404)"
			elif [ "$5" != b ] && [ "$CLASS" != allow ]; then
				_bad="$_bad
$LAST_REQ: $STATUS, but $2 allows $_who"
			fi
		elif [ "$CLASS" != deny ]; then
			unexpected=$((unexpected + 1))
			_bad="$_bad
$LAST_REQ: UNEXPECTED ALLOW ($STATUS $(hdr Location)); $2 does not allow $_who"
		fi
	done
	_d="$1 $3${7:+?$7} ($2) [$6]: allowed only to${_allowed:- nobody}"
	[ "$5" = b ] && _d="$_d, 404 for B's objects"
	_d="$_d (got$_seen)"
	if [ -z "$_bad" ]; then
		pass "$_d"
	else
		fail "$_d"
		diag "$_bad"
	fi
}

# --- phase 1: every GET; none may change the database
db_snapshot "$T/before-get"
BOWNER=$(sql "SELECT id FROM account WHERE email = 'owner@b.example.jp'")
org_snapshot "$B_ORG" "$T/b-before" "$BOWNER"
while IFS=$TAB read -r m tag api web obj query; do
	[ "$m" = GET ] || continue
	matrix "$m" "$tag" "$api" "$web" "$obj" api "$query"
	matrix "$m" "$tag" "$api" "$web" "$obj" web "$query"
done <"$T/ops"
db_snapshot "$T/after-get"
same_files "$T/before-get" "$T/after-get" "the GET requests of every principal changed nothing in the database (S7)"
leaks_none "no GET on organisation A showed B's data to anyone outside B"

# --- phase 2: A's members (and the administrator) on organisation B
# itself: every organisation operation, with B's own ids → 404 for all
for mode in api web; do
	while IFS=$TAB read -r m tag api web obj query; do
		case $tag in org_*) ;; *) continue ;; esac
		_bad=""
		for p in instadmin $ROLES; do
			send "$mode" "$p" "$m" "$tag" "$api" "$web" b "$query"
			cells=$((cells + 1))
			classify
			leak_check "$p"
			if [ "$CLASS" = error ]; then
				_bad="$_bad
$LAST_REQ: server error $STATUS"
			elif [ "$CLASS" != deny ]; then
				unexpected=$((unexpected + 1))
				_bad="$_bad
$LAST_REQ: UNEXPECTED ALLOW ($STATUS) on organisation B"
			elif [ "$STATUS" != 404 ]; then
				_bad="$_bad
$LAST_REQ: $STATUS (expected 404: B is not theirs to know)"
			fi
		done
		if [ -z "$_bad" ]; then
			pass "$m $api${query:+?$query} ($tag) [$mode] on organisation B: 404 for A's members"
		else
			fail "$m $api${query:+?$query} ($tag) [$mode] on organisation B: 404 for A's members"
			diag "$_bad"
		fi
	done <"$T/ops"
done

leaks_none "no request of A's members on organisation B showed B's data"

# an organisation one is not in looks like one that does not exist
as_user owner
get /o/b/
st_b=$STATUS
cp "$BODY" "$T/b.html"
get /o/no-such-org/
is "$st_b" "$STATUS" "/o/b/ and /o/no-such-org/ answer alike ($STATUS) to A's owner"
sed 's/no-such-org/b/g; s/nonce-[A-Za-z0-9+\/=]*/N/g; s/value="[^"]*"/V/g' "$BODY" >"$T/none.html"
sed 's/nonce-[A-Za-z0-9+\/=]*/N/g; s/value="[^"]*"/V/g' "$T/b.html" >"$T/b2.html"
same_files "$T/b2.html" "$T/none.html" "… with the same page"

# --- phase 3: every POST (the logout last)
while IFS=$TAB read -r m tag api web obj query; do
	[ "$m" = GET ] && continue
	matrix "$m" "$tag" "$api" "$web" "$obj" api "$query"
done <"$T/ops"
while IFS=$TAB read -r m tag api web obj query; do
	[ "$m" = GET ] && continue
	matrix "$m" "$tag" "$api" "$web" "$obj" web "$query"
done <"$T/ops"

leaks_none "no POST on organisation A showed B's data to anyone outside B"

# --- B untouched
org_snapshot "$B_ORG" "$T/b-after" "$BOWNER"
same_files "$T/b-before" "$T/b-after" "organisation B's rows are unchanged after the whole matrix"
is "$(sql "SELECT count(*) FROM membership WHERE account_id = $B_USER")" 1 \
    "B's member was not added to another organisation"
is "$(sql "SELECT revoked_at IS NULL FROM api_token WHERE id = $B_TOKEN")" 1 \
    "B's member's API token was not revoked"
as_token bmember
get /api/dashboard?org=b
is_status 200 "… and still works"
is "$unexpected" 0 "0 unexpected allows in $cells requests (S6)"

stop_server_checked
done_testing
