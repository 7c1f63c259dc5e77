#!/bin/sh
# mamori org list|show|add|set, and --org when there are several.
. "$(dirname "$0")/lib.sh"

init_db a "A社"
answers_csv "$T/all-yes.csv"

run org list
is_rc 0 "org list works with one organisation"
has "$OUT" "A社" "… and shows it"
run org show
is_rc 0 "org show needs no --org when there is one organisation"
has "$OUT" "識別名:       a" "org show shows the slug"
has "$OUT" "満点として数える (full、既定)" "the 該当なし rule is full by default"
run diagnose list
is_rc 0 "diagnose needs no --org when there is one organisation"

# --- a second organisation
run org add "=HYPERLINK(\"x\")" --employees 5 --industry jsic-g
is_rc 0 "org add registers a second organisation"
has "$OUT" "識別名 hyperlink-x" "the slug is derived from the name"
run org add "B社" --slug b --industry E --employees 0
is_rc 0 "org add with --slug, a JSIC code for --industry and 0 employees"
n=$(audit_count)
run org add "B社" --slug b
is_rc 0 "adding the same organisation again is harmless"
is "$(audit_count)" "$n" "… and writes no audit record"
refused "org add with a slug used by another name is refused" 1 "別の組織「B社」が使っています" \
    org add "C社" --slug b

run org list --format csv
is_rc 0 "org list --format csv"
is "$(head -n 1 "$OUT")" "slug,name,industry,employees" "the CSV header"
has "$OUT" "b,B社,jsic-e,0" "a CSV row with the industry id and 0 employees"
has "$OUT" "hyperlink-x,\"'=HYPERLINK(\"\"x\"\")\",jsic-g,5" \
    "a name that looks like a formula is quoted and neutralised in CSV"
is "$(wc -l <"$OUT" | tr -d ' ')" "4" "the CSV has a header and three rows"

run org list --format json
is_rc 0 "org list --format json"
json "$OUT" 'isinstance(d, list) and sorted(o["slug"] for o in d) == ["a", "b", "hyperlink-x"]' \
    "the JSON list has the three organisations"
json "$OUT" '[(o["name"], o["industry"], o["employees"]) for o in d if o["slug"] == "b"] == [("B社", "jsic-e", 0)]' \
    "the JSON has name, industry and employees"
json "$OUT" '[o["name"] for o in d if o["slug"] == "hyperlink-x"] == ["=HYPERLINK(\"x\")"]' \
    "JSON keeps the name as it is"
json "$OUT" '[(o.get("industry"), o.get("employees"), o["created_at"]) for o in d if o["slug"] == "a"] == [(None, None, "2026-01-01T00:00:00Z")]' \
    "unset fields are null or absent in JSON; created_at follows MAMORI_FAKE_NOW"
refused "org show --format csv is a usage error" 2 "--format が不正です: csv" org show b --format csv
refused "org list --format xml is a usage error" 2 "--format が不正です: xml" org list --format xml

# --- --org is needed now
refused "diagnose list without --org fails naming the slugs" 1 "--org で指定してください: a, b, hyperlink-x" \
    diagnose list
refused "diagnose --answers without --org fails" 1 "組織が複数あります" diagnose --answers "$T/all-yes.csv"
refused "org show without a slug fails" 1 "組織が複数あります" org show
refused "org set without --org fails" 1 "組織が複数あります" org set employees 3
refused "an unknown --org fails naming it" 1 '組織 "zz" はありません' diagnose list --org zz
run diagnose list --org b
is_rc 0 "diagnose list --org b works"
has "$OUT" "診断はまだありません" "… and there is no diagnosis yet"
is "$(round_count)" "0" "nothing was recorded without --org"

# --- org show
run org show b
is_rc 0 "org show SLUG"
has "$OUT" "業種:         製造業" "org show names the industry in Japanese"
has "$OUT" "従業員数:     0 人" "org show shows the employees"
run org show --org a --format json
is_rc 0 "org show --org SLUG --format json"
json "$OUT" 'd["slug"] == "a" and d["name"] == "A社" and d["na_rule"] == "full" and d["completed_rounds"] == 0' \
    "org show JSON has slug, name, na_rule and completed_rounds"
run diagnose --org a --answers "$T/all-yes.csv"
run org show a --format json
json "$OUT" 'd["completed_rounds"] == 1 and d["latest_diagnosis"]["total"] == 100 and d["latest_diagnosis"]["band"] == "complete"' \
    "org show JSON has the latest diagnosis after one is recorded"

# --- org set
n=$(audit_count)
run org set --org b employees 30
is_rc 0 "org set employees"
run org set --org b industry jsic-g
is_rc 0 "org set industry"
run org set --org b name "B株式会社"
is_rc 0 "org set name"
run org set --org b representative "佐藤花子"
is_rc 0 "org set representative"
run org set --org b representative-title "代表取締役"
is_rc 0 "org set representative-title"
run org show b --format json
json "$OUT" 'd["name"] == "B株式会社" and d["employees"] == 30 and d["industry"] == "jsic-g" and d["representative"] == "佐藤花子" and d["representative_title"] == "代表取締役" and d["slug"] == "b"' \
    "org show reflects every org set"
is "$(audit_count)" "$((n + 5))" "each org set wrote one audit record"
before=$(dump)
refused "org set of an unknown key is refused naming it" 1 "設定できる項目は" org set --org b color red
refused "org set employees -5 is refused" 1 "従業員数は 0 以上の整数です" org set --org b employees -5
refused "org set industry zz is refused" 1 '業種 (--industry) "zz"' org set --org b industry zz
refused "org set na-rule bogus is refused" 1 "full (満点として数える) か exclude" org set --org b na-rule bogus
refused "org set name '' is refused" 1 "組織名 (--org) を入力してください" org set --org b name ""
refused "org set with a missing value is a usage error" 2 "引数が正しくありません" org set --org b name
is "$(dump)" "$before" "refused org set leave the database unchanged"
run org set --org b na-rule exclude
is_rc 0 "org set na-rule exclude"
run org show b --format json
json "$OUT" 'd["na_rule"] == "exclude"' "org show shows the na rule"
run org show b
has "$OUT" "除外して100点に換算 (exclude)" "org show text shows the na rule"
run audit verify
is_rc 0 "the audit log verifies after the changes"

done_testing
