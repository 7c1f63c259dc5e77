#!/bin/sh
# mamori catalog check [DIR] and catalog show.
. "$(dirname "$0")/lib.sh"

SRC=$(cd "$(dirname "$0")/../.." && pwd)/catalog/ipa-sme-3.1

run catalog check
is_rc 0 "the embedded catalog checks"
has "$OUT" "カタログ ipa-sme-3.1 (第3.1版) に誤りはありません" "… and says so"
has "$OUT" "自社診断 25 項目" "… with the 25 items of the 自社診断"
[ ! -e "$DB" ]
ok $? "catalog commands need no database"

# fresh copy of the catalog in $T/cat
fresh() {
	rm -rf "$T/cat"
	cp -R "$SRC" "$T/cat"
}

fresh
run catalog check "$T/cat"
is_rc 0 "a copied catalog folder checks"

# replace FROM (a fixed string, exactly once) by TO in FILE of the copy
edit() {
	_file=$T/cat/$1
	if [ "$(grep -cF -- "$2" "$_file")" != "1" ]; then
		diag "edit: \"$2\" does not occur once in $1"
		return 1
	fi
	awk -v from="$2" -v to="$3" '{
		i = index($0, from)
		if (i > 0) $0 = substr($0, 1, i - 1) to substr($0, i + length(from))
		print
	}' "$_file" >"$_file.new" && mv "$_file.new" "$_file"
}

# broken DESCRIPTION TEXT… — catalog check of the copy fails (exit 1)
# with a message containing every TEXT
broken() {
	_d=$1
	shift
	run catalog check "$T/cat"
	_ok=0
	[ "$RC" -eq 1 ] || _ok=1
	for _t in "$@"; do
		grep -qF -- "$_t" "$ERR" || _ok=1
	done
	if [ $_ok -eq 0 ]; then
		pass "$_d"
	else
		fail "$_d"
		diag "exit status $RC (expected 1); stderr should contain: $*"
		diag_file "$ERR"
	fi
}

fresh
edit pledges.json '"id": "pledge-2",' '"id": "pledge-1",'
broken "a duplicate id is refused naming the file and the id" \
    "cat/pledges.json" "pledge-1" "id が重複しています"

fresh
edit pledges.json '"id": "pledge-2",' '"id": "Pledge_2",'
broken "an id with bad characters is refused naming the file" \
    "cat/pledges.json" "[a-z0-9-]"

fresh
# the _ref of the first checklist entry (cloud-1) points nowhere
awk 'done != 1 && /"group_ref": "cloud-select"/ { sub(/cloud-select/, "cloud-nowhere"); done = 1 } { print }' \
    "$T/cat/cloud.json" >"$T/cat/cloud.json.new" && mv "$T/cat/cloud.json.new" "$T/cat/cloud.json"
broken "a dangling _ref is refused naming the file, the entry and the target" \
    "cat/cloud.json" "cloud-1" "group_ref" '"cloud-nowhere"'

fresh
edit pledges.json '"en": "Keep your OS and software up to date!"' \
    '"fr": "Gardez votre OS et vos logiciels à jour !"'
broken "a text without en is refused naming the file, the id and the key" \
    "cat/pledges.json" "pledge-1" '"title"' "ja と en"

fresh
edit pledges.json '"en": "Keep your OS and software up to date!"' '"en": ""'
broken "an empty en text is refused" "cat/pledges.json" "pledge-1" '"title"'

fresh
printf '{"lists": ' >"$T/cat/roles.json"
broken "a file that is not JSON is refused naming it" "cat/roles.json" "JSON として読めません"

fresh
rm "$T/cat/contacts.json"
broken "a missing file is refused naming it" "cat/contacts.json" "ファイルがありません"

fresh
edit manifest.json '"regulations.json"' '"regulations.json", "pledges.json"'
broken "a file listed twice in the manifest is refused" "manifest.json" "重複"

fresh
edit diagnosis.json '"points": 4,' '"points": 5,'
run catalog check "$T/cat"
if [ "$RC" -eq 1 ] && grep -qF "cat/diagnosis.json" "$ERR"; then
	pass "changing the points of 実施している is refused (100 points for 25 items)"
else
	fail "changing the points of 実施している is refused (100 points for 25 items)"
	diag "exit status $RC"
	diag_file "$ERR"
	diag_file "$OUT"
fi

run catalog check "$T/nonexistent"
is_rc 1 "a missing folder is refused (exit 1)"
has "$ERR" "nonexistent/manifest.json" "… naming the manifest it looked for"

# the embedded catalog is not affected by the folder
run catalog check
is_rc 0 "the embedded catalog still checks"

# --- catalog show
run catalog show
is_rc 0 "catalog show lists the lists"
has "$OUT" "pledges" "… among them pledges"
has "$OUT" "情報セキュリティ5か条" "… with Japanese titles"
run catalog show --format json
is_rc 0 "catalog show --format json"
json "$OUT" 'any(l["name"] == "items" and l["count"] == 25 and l["file"] == "diagnosis.json" for l in d)' \
    "the JSON list of lists has name, file and count"
run catalog show pledges
is_rc 0 "catalog show pledges"
has "$OUT" "[pledge-1]" "the text shows the ids"
has "$OUT" "OSやソフトウェアは常に最新の状態にしよう！" "the text is Japanese by default"
run catalog show pledges --lang en
has "$OUT" "Keep your OS and software up to date!" "--lang en shows English"
run catalog show pledges --lang en --format json
is_rc 0 "catalog show pledges --lang en --format json"
json "$OUT" 'd["name"] == "pledges" and d["file"] == "pledges.json" and d["title"] == "The Five Principles of Information Security"' \
    "the JSON has name, file and the English title"
json "$OUT" 'len(d["items"]) == 5 and d["items"][0]["id"] == "pledge-1" and d["items"][0]["title"] == "Keep your OS and software up to date!"' \
    "the items' texts are the English strings"
json "$OUT" '"\"ja\"" not in json.dumps(d)' "no Japanese text object is left in --lang en output"
run catalog show pledges --format json
json "$OUT" 'd["items"][0]["title"]["ja"] == "OSやソフトウェアは常に最新の状態にしよう！" and "en" in d["items"][0]["title"]' \
    "without --lang the JSON keeps both languages"
refused "catalog show of an unknown list is a usage error" 2 'リスト "nope" はありません' catalog show nope
refused "catalog show --lang fr is a usage error" 2 "--lang は ja か en です" catalog show pledges --lang fr
refused "catalog show --format csv is a usage error" 2 "--format は text か json です" catalog show --format csv
refused "catalog without a subcommand is a usage error" 2 "check か show を指定してください" catalog
refused "catalog check with two folders is a usage error" 2 "引数が正しくありません" catalog check a b

done_testing
