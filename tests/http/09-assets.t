#!/bin/sh
# The 情報資産管理台帳 and the risk analysis (付録7) over HTTP: create,
# view with the risk breakdown, edit (mamori's rule: 要配慮個人情報 → 機密性
# 3), refused input with nothing changed, duplicate, delete with its
# confirmation, treatment, bulk edit with its confirmation, 脅威の状況
# (saving recomputes the risks), the risk page with its heat map and
# gaps, the list (sort, filters, search, pages, every row, the heat-map
# cell filter), the dashboard's counts and next action, the JSON API, who
# may see and change what, another organisation's assets, CSRF, and text
# that never comes back unescaped.
. "$(dirname "$0")/lib.sh"

"$MAMORI" --db "$DB" init --org "台帳テスト株式会社" --slug a >/dev/null 2>&1 || bail "init failed"
"$MAMORI" --db "$DB" org add "別会社 $SECRET_B" --slug b >/dev/null 2>&1 || bail "org add failed"
start_server
first_login adm admin@mamori.local "$ADMIN_OTP"
add_user editor editor@a.example.jp a editor
add_user auditor auditor@a.example.jp a auditor
add_user member member@a.example.jp a member
add_user supporter supporter@a.example.jp a supporter
add_user bowner owner@b.example.jp b owner
A_ORG=$(sql "SELECT id FROM org WHERE slug = 'a'")

# asset N of organisation A by name
asset_id() {
	sql "SELECT id FROM asset WHERE org_id = $A_ORG AND name = '$1'"
}
audits() {
	sql "SELECT count(*) FROM audit_log WHERE action = '$1'"
}

# --- the empty ledger
as_user editor
get /o/a/assets
is_status 200 "the ledger opens for an editor"
has "$BODY" "$(locale_ja assets.empty_title)" "… and says that there are no assets yet"
has "$BODY" "$(locale_ja assets.start_1)" "… with the steps to start"
has "$BODY" 'href="/o/a/assets/new"' "… and a link to register the first one"
get /o/a/
has "$BODY" 'href="/o/a/assets"' "the navigation has the ledger for an editor"
has "$BODY" "$(locale_ja nav.assets)" "… named $(locale_ja nav.assets)"

# --- create
get /o/a/assets/new
is_status 200 "the form to register an asset opens"
has "$BODY" "$(locale_ja assets.rule_c3)" "… and states mamori's rule for 要配慮個人情報 and 特定個人情報"
has "$BODY" "漏えいすると法的責任を問われる" "… and shows the criteria of 機密性 3 beside the input"
post /o/a/assets -d _form=asset --data-urlencode "name=顧客名簿" \
    --data-urlencode "business_category=営業" --data-urlencode "department=営業部" \
    --data-urlencode "users_scope=営業部" -d medium=paper -d c=2 -d i=2 -d a=1 -d personal=1 \
    --data-urlencode "retention=5年" -d registered_on=2026-04-01
is_status 303 "an editor registers an asset"
ID1=$(asset_id 顧客名簿)
is "$(hdr Location)" "/o/a/assets/$ID1" "… and goes to its page"
is "$(sql "SELECT importance, threat, threat_source, vulnerability, vulnerability_source," \
    " likelihood, risk_value, band, personal, registered_on FROM asset WHERE id = $ID1")" \
    "2|2|default|3|default|2|4|risk-medium|1|2026-04-01" \
    "… with importance max(C,I,A)=2, T the default 2, V 3 without a diagnosis, risk 4 (中)"
is "$(audits asset.create)" 1 "… and one audit record"

n_before=$(sql "SELECT count(*) FROM asset")
post /o/a/assets -d _form=asset --data-urlencode "name=媒体なし" -d c=1 -d i=1 -d a=1
is_status 400 "an asset without a medium is refused"
has "$BODY" "媒体・保存先" "… with a Japanese message naming the field"
has "$BODY" 'value="媒体なし"' "… and the form keeps what was typed"
post /o/a/assets -d _form=asset --data-urlencode "name=評価なし" -d medium=paper -d c=4 -d i=1 -d a=1
is_status 400 "機密性 4 is refused"
has "$BODY" "機密性 は 1、2、3 のどれかです" "… saying which values are allowed"
is "$(sql "SELECT count(*) FROM asset")" "$n_before" "… and nothing was stored"

# (no " on…=" in it: the header check of lib.sh would take even the
# escaped text in an attribute for an event handler)
XSS='<script>alert("x")</script>"><svg/onload=alert(1)>'
post /o/a/assets -d _form=asset --data-urlencode "name=$XSS" --data-urlencode "note=$XSS" \
    --data-urlencode "department=$XSS" -d medium=office-pc -d c=3 -d i=3 -d a=3
is_status 303 "an asset whose texts look like HTML is stored"
IDX=$(sql "SELECT max(id) FROM asset")
for p in /o/a/assets "/o/a/assets/$IDX" "/o/a/assets/$IDX/edit" "/o/a/assets/$IDX/delete" /o/a/risk /o/a/; do
	get "$p"
	hasnt "$BODY" '<script>alert' "$p shows the text escaped"
	hasnt "$BODY" '<svg/onload' "$p shows no injected element"
done
get "/o/a/assets/$IDX"
has "$BODY" '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' "… as text"

# --- view: the breakdown
get "/o/a/assets/$ID1"
is_status 200 "the asset page opens"
has "$BODY" "$(locale_ja assets.breakdown)" "… with the risk breakdown"
has "$BODY" "$(locale_ja assets.unrated)" "… marking the defaults as 未評価"
has "$BODY" "$(locale_ja assets.src_v_default)" "… saying why V is 3"
has "$BODY" "No.12" "… listing the 自社診断 items mapped to 書類"
has "$BODY" "$(locale_ja assets.treatment_title)" "… and the treatment form"

# --- edit: mamori's rule
post "/o/a/assets/$ID1" -d _form=asset --data-urlencode "name=顧客名簿" -d medium=paper \
    -d c=1 -d i=2 -d a=1 -d personal=1 -d sensitive=1 -d threat_override=3
is_status 303 "the asset is edited"
is "$(sql "SELECT confidentiality, sensitive, threat, threat_source, importance, likelihood," \
    " risk_value, band FROM asset WHERE id = $ID1")" "3|1|3|override|3|3|9|risk-high" \
    "… 要配慮個人情報 makes 機密性 3; the threat override gives T 3, risk 9 (大)"
post "/o/a/assets/$ID1" -d _form=asset --data-urlencode "name=顧客名簿" -d medium=paper \
    -d c=1 -d i=2 -d a=1 -d personal=1 -d threat_override= -d vulnerability_override=
is_status 303 "an unticked box clears the flag"
is "$(sql "SELECT sensitive, threat_override IS NULL, risk_value FROM asset WHERE id = $ID1")" \
    "0|1|4" "… and an empty override goes back to the medium's rating"
before=$(db_sum)
post "/o/a/assets/$ID1" -d _form=asset --data-urlencode "name=  " -d medium=paper -d c=1 -d i=1 -d a=1
is_status 400 "a blank name is refused"
is "$(db_sum)" "$before" "… and the database is unchanged"
post /o/a/assets/999999 -d _form=asset --data-urlencode "name=x" -d medium=paper -d c=1 -d i=1 -d a=1
is_status 404 "editing an asset that does not exist: 404"

# --- duplicate and delete
post "/o/a/assets/$ID1/duplicate"
is_status 303 "an asset is duplicated"
ID2=$(asset_id "顧客名簿 (コピー)")
is "$(hdr Location)" "/o/a/assets/$ID2/edit" "… and its copy opens for editing"
get "/o/a/assets/$ID2/delete"
is_status 200 "the delete confirmation opens"
has "$BODY" "$(locale_ja assets.delete_warning)" "… warning that it can not be undone"
is "$(sql "SELECT count(*) FROM asset WHERE id = $ID2")" 1 "… and has not deleted anything"
post "/o/a/assets/$ID2/delete"
is_status 303 "the copy is deleted"
is "$(sql "SELECT count(*) FROM asset WHERE id = $ID2")" 0 "… and is gone"
is "$(audits asset.delete)" 1 "… with an audit record"

# --- treatment
post "/o/a/assets/$IDX/treatment" -d kind=reduce --data-urlencode "measure=暗号化する" \
    --data-urlencode "owner=総務 山田" -d due=2026-12-31 -d status=in_progress -d residual=3
is_status 303 "a treatment is recorded"
is "$(sql "SELECT kind, measure, owner, due, status, residual FROM asset_treatment" \
    " WHERE asset_id = $IDX")" "reduce|暗号化する|総務 山田|2026-12-31|in_progress|3" "… as given"
before=$(db_sum)
post "/o/a/assets/$IDX/treatment" -d kind=accept -d status=planned
is_status 400 "an unknown treatment is refused"
post "/o/a/assets/$IDX/treatment" -d kind=reduce -d status=planned -d residual=5
is_status 400 "a residual risk of 5 (no product gives it) is refused"
has "$BODY" "対応後のリスク値" "… with a Japanese message"
is "$(db_sum)" "$before" "… and nothing changed"

# --- more assets for the list
k=1
while [ "$k" -le 55 ]; do
	kk=$(printf '%02d' "$k")
	case $((k % 2)) in
	0) m=cloud d=経理部 ;;
	*) m=mobile d=製造部 ;;
	esac
	printf '{"name":"一覧 %s","medium":"%s","department":"%s","c":"1","i":%d,"a":"1"}' \
	    "$kk" "$m" "$d" $((k % 3 + 1)) >"$T/a.json"
	as_token editor
	http POST "/api/assets?org=a" -H "Content-Type: application/json" --data-binary "@$T/a.json"
	[ "$STATUS" = 201 ] || { diag_file "$BODY"; bail "API create answered $STATUS"; }
	k=$((k + 1))
done
pass "55 assets registered through the API (201 each)"
as_token editor
get "/api/assets?org=a"
is_status 200 "GET /api/assets answers"
json "$BODY" 'd["total"] == 57 and d["page"] == 1 and len(d["assets"]) == 50' \
    '… {"total":57,"page":1,"assets":[50 rows]}'
json "$BODY" 'all("risk" in a and "band" in a and "threat_source" in a for a in d["assets"])' \
    "… each row with its risk"
get "/api/assets?org=a&page=2"
json "$BODY" 'd["page"] == 2 and len(d["assets"]) == 7' "… page 2 has the other 7"
get "/api/assets?org=a&medium=cloud&sort=name&dir=desc"
json "$BODY" 'd["total"] == 27 and [a["name"] for a in d["assets"]][:2] == ["一覧 54", "一覧 52"]' \
    "… filtered by medium, sorted by name descending"
get "/api/assets?org=a&department=%E7%B5%8C%E7%90%86%E9%83%A8"
json "$BODY" 'd["total"] == 27' "… filtered by department"
get "/api/assets?org=a&q=%E4%B8%80%E8%A6%A7%2005"
json "$BODY" 'd["total"] == 1 and d["assets"][0]["name"] == "一覧 05"' "… searched by name"
get "/api/assets?org=a&all=1"
json "$BODY" 'd["total"] == 57 and len(d["assets"]) == 57' "… ?all=1 gives every row"

as_user editor
get /o/a/assets
is_status 200 "the list opens"
has "$BODY" "57 件" "… saying how many there are"
has "$BODY" "1〜50 件目" "… and which are shown"
has "$BODY" 'href="/o/a/assets?page=2"' "… with a link to page 2"
has "$BODY" 'aria-sort="ascending"' "… sorted by No. ascending"
get "/o/a/assets?page=2"
has "$BODY" "51〜57 件目" "page 2 shows the rest"
get "/o/a/assets?page=99"
has "$BODY" "51〜57 件目" "a page past the end shows the last one"
get "/o/a/assets?all=1"
is "$(grep -c 'name="id" value=' "$BODY")" 57 "?all=1 shows all 57 rows"
get "/o/a/assets?sort=risk&dir=desc&band=risk-high"
has "$BODY" 'aria-sort="descending"' "sorted by risk, descending"
get "/o/a/assets?q=%E5%AD%98%E5%9C%A8%E3%81%97%E3%81%AA%E3%81%84"
has "$BODY" "$(locale_ja assets.no_match)" "a search without result says so"
get "/o/a/assets?sort=nonsense&dir=sideways&medium=%27%3B--&page=-3"
is_status 200 "nonsense in the query is ignored"

# --- 脅威の状況
get /o/a/risk/threats
is_status 200 "脅威の状況 opens"
has "$BODY" 'name="level_paper"' "… with a rating per medium"
has "$BODY" "$(locale_ja risk.no_diagnosis)" "… and says that V is 3 without a diagnosis"
before=$(db_sum)
post /o/a/risk/threats -d level_paper=5
is_status 400 "a rating of 5 is refused"
is "$(db_sum)" "$before" "… and nothing changed"
post /o/a/risk/threats -d level_paper=1 -d level_cloud=3 -d level_mobile=0
is_status 303 "threats are rated"
is "$(sql "SELECT medium || '=' || level FROM threat_rating WHERE org_id = $A_ORG ORDER BY medium" | tr '\n' ' ')" \
    "cloud=3 paper=1 " "… and stored"
is "$(sql "SELECT threat, threat_source, likelihood, risk_value FROM asset WHERE id = $ID1")" \
    "1|rated|1|2" "… and the risk of the 書類 asset is recomputed (T 1, likelihood 1, risk 2)"
is "$(sql "SELECT count(*) FROM asset WHERE medium = 'cloud' AND threat = 3 AND threat_source = 'rated'")" \
    27 "… and so is every cloud asset"
is "$(audits risk.threat_rating)" 2 "… one audit record per medium changed"

# a diagnosis changes V
answers_json "$T/answers.json" 7=no 12=partial
cli diagnose --org a --answers "$T/answers.json" --respondent "総務" || { diag_file "$ERR"; bail "diagnose failed"; }
is "$(sql "SELECT vulnerability, vulnerability_source FROM asset WHERE id = $ID1")" "2|rated" \
    "a 自社診断 with some 書類 items missing gives V 2 from the diagnosis"
get "/o/a/assets/$ID1"
has "$BODY" "$(locale_ja assets.src_v_rated)" "… and the asset page says where V comes from"
has "$BODY" "ans-no" "… showing the answers of the mapped items"

# --- bulk edit
IDS=$(sql "SELECT id FROM asset WHERE name IN ('一覧 01', '一覧 03')" | tr '\n' ' ')
set -- $IDS
before=$(db_sum)
post /o/a/assets/bulk -d "id=$1" -d "id=$2" --data-urlencode "department=情報システム部" -d c=3 \
    -d threat_override=clear -d personal=
is_status 200 "a bulk edit first shows a confirmation"
has "$BODY" "2 件の情報資産を、次のとおり変更します" "… saying how many assets change"
has "$BODY" "情報システム部" "… and what changes"
is "$(db_sum)" "$before" "… and changes nothing yet"
post /o/a/assets/bulk -d "id=$1" -d "id=$2" --data-urlencode "department=情報システム部" -d c=3 \
    -d confirm=1
is_status 303 "the bulk edit is applied after the confirmation"
is "$(sql "SELECT count(*) FROM asset WHERE department = '情報システム部' AND confidentiality = 3")" 2 \
    "… to the two selected assets"
is "$(sql "SELECT count(*) FROM asset WHERE name = '一覧 05' AND department = '製造部'")" 1 \
    "… and not to the others"
before=$(db_sum)
post /o/a/assets/bulk -d "id=$1" -d id=999999 -d c=1 -d confirm=1
is_status 404 "a bulk edit naming a missing asset is refused"
is "$(db_sum)" "$before" "… and changes none of them"
post /o/a/assets/bulk -d c=1 -d confirm=1
is_status 400 "a bulk edit without assets is refused"
has "$BODY" "$(locale_ja assets.bulk_none)" "… saying what to do"
post /o/a/assets/bulk -d "id=$1" -d confirm=1
is_status 400 "a bulk edit without a field to change is refused"

# --- the risk page and the heat map
get /o/a/risk
is_status 200 "the risk page opens"
has "$BODY" '<svg' "… with the heat map"
has "$BODY" 'href="/o/a/assets?importance=3&amp;likelihood=3"' "… whose cells link to their assets"
has "$BODY" 'id="gaps"' "… and the list of 大 risks without a treatment"
hasnt "$BODY" "/o/a/assets/$IDX#treatment" "… which leaves out the treated one"
as_token editor
get "/api/risk?org=a"
is_status 200 "GET /api/risk answers"
json "$BODY" 'd["total"] == 57 and d["high"] + d["medium"] + d["low"] == 57' "… with counts per band"
json "$BODY" 'len(d["heatmap"]) == 9 and sum(c["count"] for c in d["heatmap"]) == 57' \
    "… a heat map of 9 cells holding every asset"
json "$BODY" 'all(c["risk"] == c["importance"] * c["likelihood"] for c in d["heatmap"])' \
    "… each cell's risk = importance × likelihood"
cell=$(pyval "$BODY" '[c for c in d["heatmap"] if c["count"] > 0][0]')
ci=$(pyval "$BODY" '[c for c in d["heatmap"] if c["count"] > 0][0]["importance"]')
cl=$(pyval "$BODY" '[c for c in d["heatmap"] if c["count"] > 0][0]["likelihood"]')
cn=$(pyval "$BODY" '[c for c in d["heatmap"] if c["count"] > 0][0]["count"]')
get "/api/assets?org=a&importance=$ci&likelihood=$cl&all=1"
json "$BODY" "d['total'] == $cn and all(a['importance'] == $ci and a['likelihood'] == $cl for a in d['assets'])" \
    "the cell filter ($cell) gives exactly the cell's $cn assets"
get "/api/assets?org=a&band=risk-high&untreated=1&all=1"
json "$BODY" 'all(a["band"] == "risk-high" and a["treatment"] is None for a in d["assets"])' \
    "?untreated=1 gives the gaps"
gaps=$(pyval "$BODY" 'd["total"]')
get "/api/risk/threats?org=a"
json "$BODY" 'd["has_diagnosis"] and [m["rating"] for m in d["media"] if m["id"] == "cloud"] == [3]' \
    "GET /api/risk/threats answers with the ratings"
http POST "/api/risk/threats?org=a" -H "Content-Type: application/json" --data-binary '{"medium":"cloud","level":2}'
is_status 200 "POST /api/risk/threats rates one medium"
is "$(sql "SELECT level FROM threat_rating WHERE org_id = $A_ORG AND medium = 'cloud'")" 2 "… stored"

# --- the dashboard
as_token editor
http POST "/api/assets?org=a" -H "Content-Type: application/json" --data-binary \
    '{"name":"大リスク","medium":"mobile","c":3,"i":1,"a":1,"threat_override":3,"vulnerability_override":"3"}'
is_status 201 "an asset at risk 9 is registered through the API"
json "$BODY" 'd["risk"] == 9 and d["band"] == "risk-high" and d["treatment"] is None' "… 大, untreated"
gaps=$((gaps + 1))
as_user editor
get /o/a/
is_status 200 "the dashboard opens"
has "$BODY" "$(locale_ja action.treat_risks)" "the dashboard asks to decide on the 大 risks"
has "$BODY" 'href="/o/a/risk#gaps"' "… linking to the gaps"
has "$BODY" "$(locale_ja dashboard.risk)" "… and shows the risk counts"
as_token editor
get "/api/dashboard?org=a"
json "$BODY" "d['risk']['untreated_high'] == $gaps and d['risk']['total'] == 58" "/api/dashboard has the counts"
json "$BODY" '"treat_risks" in [a["id"] for a in d["next_actions"]]' "… and the next action"
for id in $(sql "SELECT id FROM asset WHERE band = 'risk-high' AND id NOT IN (SELECT asset_id FROM asset_treatment)"); do
	http POST "/api/assets/$id/treatment?org=a" -H "Content-Type: application/json" \
	    --data-binary '{"kind":"retain","status":"done"}'
	[ "$STATUS" = 200 ] || { diag_file "$BODY"; fail "treatment of $id answered $STATUS"; }
done
get "/api/dashboard?org=a"
json "$BODY" 'd["risk"]["untreated_high"] == 0 and "treat_risks" not in [a["id"] for a in d["next_actions"]]' \
    "once every 大 risk has a treatment, the action is gone"

# --- who may do what
as_user auditor
get /o/a/assets
is_status 200 "an auditor reads the ledger"
hasnt "$BODY" 'href="/o/a/assets/new"' "… without the link to register"
hasnt "$BODY" 'id="bulk-form"' "… nor the bulk edit"
get "/o/a/assets/$ID1"
is_status 200 "an auditor reads an asset"
hasnt "$BODY" "/treatment\"" "… without the treatment form"
get /o/a/risk
is_status 200 "an auditor reads the risk page"
before=$(db_sum)
post /o/a/assets -d _form=asset --data-urlencode "name=監査" -d medium=paper -d c=1 -d i=1 -d a=1
is_status 403 "an auditor may not register an asset"
post /o/a/risk/threats -d level_paper=3
is_status 403 "… nor rate threats"
post "/o/a/assets/$ID1/delete"
is_status 403 "… nor delete"
is "$(db_sum)" "$before" "… and nothing changed"
for who in member supporter; do
	as_user "$who"
	get /o/a/assets
	is_status 403 "a $who may not see the ledger"
	get /o/a/risk
	is_status 403 "… nor the risk page"
	get "/o/a/assets/$ID1"
	is_status 403 "… nor an asset"
	get /o/a/
	hasnt "$BODY" 'href="/o/a/assets"' "… and the $who's navigation has no ledger"
	as_token "$who"
	get "/api/dashboard?org=a"
	json "$BODY" '"gaps" not in d["risk"]' "… and the $who's dashboard API carries no asset names"
done

# --- another organisation
as_user bowner
post /o/b/assets -d _form=asset --data-urlencode "name=$SECRET_B 資産" -d medium=paper -d c=3 -d i=3 -d a=3
is_status 303 "B's owner registers an asset in B"
BID=$(sql "SELECT id FROM asset WHERE name = '$SECRET_B 資産'")
as_user editor
for p in "/o/a/assets/$BID" "/o/a/assets/$BID/edit" "/o/a/assets/$BID/delete"; do
	get "$p"
	is_status 404 "A's editor gets 404 for B's asset at $p"
	hasnt "$BODY" "$SECRET_B" "… without B's data"
done
before=$(db_sum)
post "/o/a/assets/$BID/delete"
is_status 404 "… and can not delete it"
post /o/a/assets/bulk -d "id=$BID" -d c=1 -d confirm=1
is_status 404 "… nor bulk-edit it"
is "$(db_sum)" "$before" "… and nothing changed"
get /o/a/assets?all=1
hasnt "$BODY" "$SECRET_B" "A's ledger never shows B's assets"
get /o/b/assets
is_status 404 "A's editor can not open B's ledger"

# --- CSRF
before=$(db_sum)
http POST "/o/a/assets/$ID1/delete" -H "Origin: $BASE"
is_status 403 "a delete without the CSRF token is refused"
http POST "/o/a/assets/$ID1/delete" -H "Origin: http://evil.example" --data-urlencode "_csrf=$CSRF"
is_status 403 "… and one from another origin"
is "$(db_sum)" "$before" "… and nothing changed"

# --- the language
get "/o/a/assets?lang=en"
has "$BODY" "Information asset ledger" "the ledger in English"
get "/o/a/assets?lang=ja"

stop_server_checked
done_testing
