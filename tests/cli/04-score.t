#!/bin/sh
# mamori diagnose score --answers FILE: the scoring and the answer files.
. "$(dirname "$0")/lib.sh"

# 1 yes, 2 partial, 3 no, 4 unknown, 9 na, the rest yes:
#   basic 4+2+0-1+4 = 9 / 20, employee 52 / 52, organization 28 / 28 = 89
answers_csv "$T/a.csv" 2=partial 3=no 4=unknown 9=na

run diagnose score --answers "$T/a.csv"
is_rc 0 "diagnose score of a CSV"
has "$OUT" "合計点: 89 / 100" "the text shows the total"
has "$OUT" "評価:   おおむね実施" "… the band"
has "$OUT" "基本的対策              9 / 20" "… the score of each part"
has "$OUT" "   4. アクセス制限" "… the items answered わからない"
has "$OUT" "   3. パスワードの強化 [実施していない]" "… and advice for the weak items"
[ ! -e "$DB" ]
ok $? "diagnose score needs and creates no database"

run diagnose score --answers "$T/a.csv" --format json
is_rc 0 "diagnose score --format json"
cp "$OUT" "$T/a.json.out"
J=$T/a.json.out
json "$J" 'd["total"] == 89 and d["max"] == 100' "JSON: total and max"
json "$J" 'd["band"]["id"] == "mostly" and d["band"]["label"] == "おおむね実施"' "JSON: band.id and band.label"
json "$J" '[(p["id"], p["score"], p["max"]) for p in d["parts"]] == [("basic", 9, 20), ("employee", 52, 52), ("organization", 28, 28)]' \
    "JSON: parts[].id/score/max"
json "$J" 'd["unknown"] == [4]' "JSON: unknown lists the items answered わからない"
json "$J" 'len(d["items"]) == 25 and [i["no"] for i in d["items"]] == list(range(1, 26))' "JSON: items[] has the 25 items in order"
json "$J" '[(i["answer"], i["points"]) for i in d["items"][:5]] == [("yes", 4), ("partial", 2), ("no", 0), ("unknown", -1), ("yes", 4)]' \
    "JSON: items[].answer and points"
json "$J" 'd["items"][8]["answer"] == "na" and d["items"][8]["points"] == 4 and not d["rescaled"] and d["na_rule"] == "full"' \
    "JSON: 該当なし counts as full points by default"
json "$J" '[w["no"] for w in d["weak"]] == [2, 3, 4] and d["weak"][1]["answer"] == "no" and d["weak"][1]["advice"] != ""' \
    "JSON: weak lists the items below full points with advice (as the text does)"

# --- the same answers written in every accepted way give the same result
same() {
	_d=$1
	run diagnose score --answers "$2" --format json
	if [ "$RC" -eq 0 ] && [ "$(pyval "$OUT" 'json.dumps(d["items"]) + str(d["total"])')" = \
	    "$(pyval "$J" 'json.dumps(d["items"]) + str(d["total"])')" ]; then
		pass "$_d"
	else
		fail "$_d"
		diag "exit status $RC"
		diag_file "$ERR"
		diag_file "$OUT" 10
	fi
}

{
	echo "番号,回答,メモ"
	echo "1,実施している"
	echo "2,一部実施している,\"半分, くらい\""
	echo "3,実施していない"
	echo "4,わからない"
	i=5
	while [ $i -le 25 ]; do
		if [ $i -eq 9 ]; then echo "9,該当なし"; else echo "$i,実施している"; fi
		i=$((i + 1))
	done
} >"$T/labels.csv"
same "Japanese labels (with a Japanese header and a quoted note) score the same" "$T/labels.csv"

{
	i=1
	while [ $i -le 25 ]; do
		case $i in
		2) echo "2,Partly Implemented" ;;
		3) echo "3,NOT IMPLEMENTED" ;;
		4) echo "4,don't know" ;;
		9) echo "9,Not applicable" ;;
		*) echo "$i,implemented" ;;
		esac
		i=$((i + 1))
	done
} >"$T/english.csv"
same "English labels in any case, without a header, score the same" "$T/english.csv"

{
	printf '\357\273\277no,answer\r\n'
	i=25
	while [ $i -ge 1 ]; do
		case $i in
		2) printf '2,2\r\n' ;;
		3) printf ' 3 , 0 \r\n' ;;
		4) printf '4,\342\210\2221\r\n' ;;
		9) printf '9,na\r\n\r\n' ;;
		*) printf '%s,4\r\n' $i ;;
		esac
		i=$((i - 1))
	done
} >"$T/points.csv"
same "points (with a BOM, CRLF, spaces, blank lines, any order, U+2212 minus) score the same" "$T/points.csv"

sed 's/^4,−1/4,－1/' "$T/points.csv" >"$T/points2.csv"
same "a full-width minus (U+FF0D) is read as -1" "$T/points2.csv"

answers_json "$T/a.json" 2=partial 3=no 4=unknown 9=na
same "a JSON file with ids scores the same" "$T/a.json"

{
	printf '  {"respondent": "総務部", "notes": {"2": "半分"}, "answers": {'
	printf '"1": 4, "2": "一部実施している", "3": 0, "4": -1, "9": "Not applicable"'
	i=5
	while [ $i -le 25 ]; do
		[ $i -ne 9 ] && printf ', "%s": "yes"' $i
		i=$((i + 1))
	done
	printf '}}'
} >"$T/mixed.txt"
same "JSON with numbers and labels, detected by content (.txt), scores the same" "$T/mixed.txt"

cat "$T/a.csv" | "$MAMORI" diagnose score --answers - --format json >"$OUT" 2>"$ERR"
RC=$?
json "$OUT" 'd["total"] == 89' "--answers - reads standard input"

# --- the extremes
answers_csv "$T/all-yes.csv"
run diagnose score --answers "$T/all-yes.csv" --format json
json "$OUT" 'd["total"] == 100 and d["band"]["id"] == "complete" and d["weak"] == [] and d["unknown"] == []' \
    "all 実施している: 100 points, band complete"
answers_csv "$T/all-unknown.csv" $(i=1; while [ $i -le 25 ]; do printf '%s=unknown ' $i; i=$((i + 1)); done)
run diagnose score --answers "$T/all-unknown.csv" --format json
json "$OUT" 'd["total"] == -25 and d["band"]["id"] == "urgent" and len(d["unknown"]) == 25' \
    "all わからない: -25 points, band urgent"
answers_csv "$T/band50.csv" $(i=1; while [ $i -le 12 ]; do printf '%s=partial ' $i; i=$((i + 1)); done) 13=no
# 12 x 2 + 0 + 12 x 4 = 72
run diagnose score --answers "$T/band50.csv"
has "$OUT" "合計点: 72 / 100" "twelve 一部実施している and one 実施していない: 72"

# --- the 該当なし rule
answers_csv "$T/na.csv" 3=no 4=unknown 9=na 13=na 21=na 22=na 23=na
run diagnose score --answers "$T/na.csv" --format json
json "$OUT" 'd["total"] == 91 and not d["rescaled"]' "five 該当なし count as full points by default (91)"
run diagnose score --answers "$T/na.csv" --na-rule exclude --format json
is_rc 0 "diagnose score --na-rule exclude"
# counted: 18 yes + no + unknown = 71 of 80 -> 88.75 -> 89
json "$OUT" 'd["total"] == 89 and d["rescaled"] and d["na_rule"] == "exclude"' \
    "with exclude the total is rescaled to 100 (71 / 80 -> 89)"
json "$OUT" 'd["items"][8].get("excluded") is True and d["items"][8]["points"] == 0 and "excluded" not in d["items"][0]' \
    "excluded items are marked and get 0 points"
json "$OUT" '[(p["score"], p["max"]) for p in d["parts"]] == [(11, 20), (44, 44), (16, 16)]' \
    "excluded items leave the parts' maximum"
run diagnose score --answers "$T/na.csv" --na-rule exclude
has "$OUT" "(該当なしの項目を除いて 71 / 80 点を 100 点に換算)" "the text explains the rescaling"

# --- usage errors
refused "score without --answers is a usage error" 2 "--answers FILE を指定してください" diagnose score
refused "score --na-rule other is a usage error" 2 "--na-rule は full か exclude です" \
    diagnose score --answers "$T/a.csv" --na-rule half
refused "score --format csv is a usage error" 2 "--format が不正です: csv" \
    diagnose score --answers "$T/a.csv" --format csv
refused "score of a missing file fails (exit 1)" 1 "nope.csv" diagnose score --answers "$T/nope.csv"

done_testing
