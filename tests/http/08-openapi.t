#!/bin/sh
# GET /api/openapi.json: a valid OpenAPI 3.0 document (checked by
# @apidevtools/swagger-parser from npm, see openapi-check.mjs) that is
# the same for everyone and lists only operations the server serves.
. "$(dirname "$0")/lib.sh"

"$MAMORI" --db "$DB" init --org "テスト株式会社" --slug a >/dev/null 2>&1 || bail "init failed"
start_server
first_login adm admin@mamori.local "$ADMIN_OTP"

as_anon
get /api/openapi.json
is_status 200 "GET /api/openapi.json answers without a login"
is "$(hdr Content-Type)" "application/json; charset=utf-8" "… as application/json; charset=utf-8"
cp "$BODY" "$T/openapi.json"
json "$T/openapi.json" 'd["openapi"].startswith("3.0.") and len(d["paths"]) >= 10' \
    "… an OpenAPI 3.0 document with paths"

# --- the validator from npm
if ! command -v node >/dev/null 2>&1; then
	skip "the document passes the OpenAPI validator (node is missing: make deps)"
elif [ ! -d "$HTTP_DIR/../node_modules/@apidevtools/swagger-parser" ]; then
	skip "the document passes the OpenAPI validator (tests/node_modules is missing: make deps)"
else
	if node "$HTTP_DIR/openapi-check.mjs" "$T/openapi.json" >"$OUT" 2>&1; then
		pass "the document passes the OpenAPI validator and mamori's own rules ($(cat "$OUT"))"
	else
		fail "the document passes the OpenAPI validator and mamori's own rules"
		diag_file "$OUT" 40
	fi
	# the check itself finds faults (a validator that passes everything
	# would make the check above worthless)
	"$PYTHON" - "$T/openapi.json" "$T/broken.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
path, item = next((p, i) for p, i in d["paths"].items() if "get" in i)
del item["get"]["responses"]
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"))
EOF
	node "$HTTP_DIR/openapi-check.mjs" "$T/broken.json" >"$OUT" 2>&1
	is "$?" 1 "… and the same check refuses a document with an operation without responses"
fi

# --- the same for everyone
as_user adm
get /api/openapi.json
cmp -s "$BODY" "$T/openapi.json"
ok $? "a logged-in account gets the same document"
get /openapi.json
is_status 200 "it is served at /openapi.json too"

# --- every documented operation is served (an anonymous request is
# refused for its login, not as an unknown path or method)
"$PYTHON" - "$T/openapi.json" >"$T/ops" <<'EOF'
import json, re, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for path, item in d["paths"].items():
    for method, op in item.items():
        print(method.upper(), re.sub(r"\{[^}]+\}", "1", path), op["tags"][0])
EOF
bad=""
count=0
NOT_FOUND=$(locale_ja error.not_found)
as_anon
while read -r m path tag; do
	count=$((count + 1))
	http "$m" "$path" -H "Origin: $BASE"
	if [ "$tag" = public ]; then
		# a public page about one object (/p/{slug}/policy) may answer 404
		# for an object that does not exist, but not as an unknown path
		case $STATUS in 404)
			grep -qF "$NOT_FOUND" "$BODY" && bad="$bad
$m $path ($tag): $STATUS as an unknown path" ;;
		405 | 5?? | 000) bad="$bad
$m $path ($tag): $STATUS" ;; esac
	elif [ "$STATUS" != 401 ]; then
		bad="$bad
$m $path ($tag): $STATUS, expected 401 for an anonymous request"
	fi
done <"$T/ops"
if [ -z "$bad" ]; then
	pass "all $count documented operations exist (anonymous: 401, or served when public)"
else
	fail "all $count documented operations exist (anonymous: 401, or served when public)"
	diag "$bad"
fi

# --- the permission of GET /api/ as documented matches the route that
# answers it (the dashboard needs a role in the organisation; the start
# page of an account does not)
doc_perm=$(pyval "$T/openapi.json" 'd["paths"]["/api/"]["get"]["tags"][0]')
as_user adm
get /api/ -H "Accept: application/json"
if [ "$doc_perm" = org_summary ]; then
	json "$BODY" '"step" in d' "GET /api/ is documented as the dashboard ($doc_perm) and answers the dashboard"
else
	json "$BODY" '"orgs" in d' "GET /api/ is documented as the start page ($doc_perm) and answers it"
fi

stop_server_checked
done_testing
