#!/bin/sh
# diagnose --answers (recording), list, show, compare; the change since
# the last round.
. "$(dirname "$0")/lib.sh"

init_db

# round 1: CSV, 89 points (see 04-score.t)
answers_csv "$T/r1.csv" 2=partial 3=no 4=unknown 9=na
run diagnose --answers "$T/r1.csv"
is_rc 0 "record round 1 from CSV"
has "$OUT" "診断 #1 を記録しました。" "the text names the new round"
has "$OUT" "回答者: 全社" "the default respondent is 全社"
has "$OUT" "合計点: 89 / 100" "the text shows the total"
has "$OUT" "前回の診断はありません (この回答者の初めての診断です)。" "the first round of a respondent has no previous one"

# round 2: JSON with a note; item 3 no -> yes: 93 points
{
	printf '{"respondent": "全社", "notes": {"2": "残り 3 台"}, "answers": {'
	i=1
	while [ $i -le 25 ]; do
		case $i in
		2) a=一部実施している ;;
		4) a=わからない ;;
		9) a=該当なし ;;
		*) a=実施している ;;
		esac
		[ $i -gt 1 ] && printf ', '
		printf '"%s": "%s"' $i "$a"
		i=$((i + 1))
	done
	printf '}}\n'
} >"$T/r2.json"
run diagnose --answers "$T/r2.json"
is_rc 0 "record round 2 from JSON with Japanese labels"
has "$OUT" "診断 #2 を記録しました。" "… as round 2"
has "$OUT" "前回 (診断 #1、2026-01-01T00:00:00Z、89 点) からの変化: +4 点" "the change since round 1 is shown"
has "$OUT" "   3. パスワードの強化: 実施していない → 実施している (+4)" "… item by item"

# round 3: another respondent given on the command line, as JSON output
answers_csv "$T/r3.csv" 1=no 2=no
run diagnose --answers "$T/r3.csv" --respondent "営業部" --format json
is_rc 0 "record round 3 with --respondent and --format json"
json "$OUT" 'd["id"] == 3 and d["respondent"] == "営業部" and d["status"] == "completed" and d["result"]["total"] == 92 and d["change"] is None' \
    "the JSON of the recorded round has id, respondent, status, result and no change"
is "$(round_count)" "3" "three rounds are stored"

# --- list
run diagnose list
is_rc 0 "diagnose list"
has "$OUT" "#1     2026-01-01T00:00:00Z   89 点  全社" "the text lists round 1"
has "$OUT" "#2     2026-01-01T00:00:00Z   93 点  全社" "… round 2"
has "$OUT" "92 点  営業部" "… and round 3"
run diagnose list --format csv
is_rc 0 "diagnose list --format csv"
is "$(sed -n 1p "$OUT")" "id,respondent,status,started_at,completed_at,total,band" "the CSV header"
is "$(sed -n 2p "$OUT")" "1,全社,completed,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,89,mostly" "a CSV row"
is "$(wc -l <"$OUT" | tr -d ' ')" "4" "the CSV has three rows"
run diagnose list --format json
is_rc 0 "diagnose list --format json"
json "$OUT" '[(r["id"], r["respondent"], r["status"], r["total"], r["band"]["id"]) for r in d] == [(1, "全社", "completed", 89, "mostly"), (2, "全社", "completed", 93, "mostly"), (3, "営業部", "completed", 92, "mostly")]' \
    "the JSON list has id, respondent, status, total and band of each round"
json "$OUT" 'd[0]["band"]["label"] == "おおむね実施" and d[0]["completed_at"] == "2026-01-01T00:00:00Z"' \
    "… with the band's label and the time of completion"

# --- show
run diagnose show 2
is_rc 0 "diagnose show 2"
has "$OUT" "自社診断 #2  回答者: 全社  完了 2026-01-01T00:00:00Z" "show names the round"
has "$OUT" "前回 (診断 #1、2026-01-01T00:00:00Z、89 点) からの変化: +4 点" "show has the change since the last round"
run diagnose show '#2'
is_rc 0 "diagnose show '#2' works too"
run diagnose show 2 --format json
is_rc 0 "diagnose show 2 --format json"
json "$OUT" 'd["id"] == 2 and d["result"]["total"] == 93 and d["result"]["band"]["id"] == "mostly"' \
    "the JSON has the result"
json "$OUT" 'len(d["answers"]) == 25 and d["answers"][1] == {"no": 2, "answer": "partial", "note": "残り 3 台"}' \
    "the JSON has the answers with their notes"
json "$OUT" 'd["change"]["from"]["id"] == 1 and d["change"]["delta"] == 4 and d["change"]["items"] == [{"no": 3, "before": "no", "after": "yes", "delta": 4}]' \
    "the JSON has the change since round 1"
run diagnose show 2 --format csv
is_rc 0 "diagnose show 2 --format csv"
is "$(sed -n 1p "$OUT")" "no,part,question,answer,label,points,note" "the CSV header"
has "$OUT" ",partial,一部実施している,2,残り 3 台" "the CSV has answer id, label, points and note"
has "$OUT" ",na,該当なし,4," "該当なし counts 4 points under the default rule"
is "$(wc -l <"$OUT" | tr -d ' ')" "26" "the CSV has the 25 items"
run diagnose show 3
has "$OUT" "前回の診断はありません" "another respondent's round is not compared with 全社's"

refused "show of a round that does not exist fails (exit 1)" 1 "" diagnose show 99
refused "show 0 is a usage error" 2 "診断の番号を指定してください" diagnose show 0
refused "show abc is a usage error" 2 "診断の番号を指定してください" diagnose show abc
refused "show without a number is a usage error" 2 "診断の番号を指定してください" diagnose show
refused "an unknown subcommand is a usage error" 2 "不明な指定です: shwo" diagnose shwo 1

# --- compare
run diagnose compare 1 2
is_rc 0 "diagnose compare 1 2"
has "$OUT" "診断 #1 (89 点) と 診断 #2 (93 点) の比較" "the text names both rounds"
has "$OUT" "   3. パスワードの強化: 実施していない → 実施している (+4)" "… and the changed item"
run diagnose compare 1 2 --format json
is_rc 0 "diagnose compare --format json"
json "$OUT" 'd["from"] == {"id": 1, "total": 89} and d["to"] == {"id": 2, "total": 93} and d["delta"] == 4 and d["items"] == [{"no": 3, "before": "no", "after": "yes", "delta": 4}]' \
    "the JSON has from, to, delta and the changed items"
run diagnose compare 2 3 --format csv
is_rc 0 "diagnose compare --format csv"
is "$(sed -n 1p "$OUT")" "no,before,after,delta" "the CSV header"
has "$OUT" "1,yes,no,-4" "a worse item has a negative delta"
has "$OUT" "4,unknown,yes,5" "わからない to 実施している is +5"
is "$(wc -l <"$OUT" | tr -d ' ')" "26" "the CSV has every item"
run diagnose compare 2 2
has "$OUT" "回答の変わった項目はありません" "comparing a round with itself shows no change"
refused "compare with one number is a usage error" 2 "比べる二つの診断の番号を指定してください" diagnose compare 1
refused "compare with a missing round fails" 1 "" diagnose compare 1 42

# --- a draft (from the questionnaire, stopped at once with q)
printf 'q\n' | "$MAMORI" --db "$DB" diagnose --respondent "総務部" >"$OUT" 2>"$ERR"
RC=$?
is_rc 0 "the questionnaire stopped with q exits 0"
has "$OUT" "下書きを保存しました (0 / 25 項目回答済み)" "… and keeps a draft"
run diagnose list
has "$OUT" "#4     (下書き)" "diagnose list shows the draft"
run diagnose list --format csv
has "$OUT" "4,総務部,draft,2026-01-01T00:00:00Z,,," "the CSV shows the draft with empty total"
run diagnose show 4
has "$OUT" "下書き (開始 2026-01-01T00:00:00Z、0 / 25 項目回答済み)" "diagnose show of a draft"
refused "compare with a draft is refused" 2 "比べられるのは完了した診断だけです" diagnose compare 1 4

# --- CSV output neutralises what a spreadsheet would take for a formula
answers_csv "$T/f.csv"
sed 's/^2,yes$/2,yes,"=HYPERLINK(""http:\/\/x"")"/' "$T/f.csv" >"$T/f2.csv"
run diagnose --answers "$T/f2.csv" --respondent "@evil"
is_rc 0 "a round with a note and a respondent that look like formulas"
run diagnose show 5 --format csv
is "$(sed -n 3p "$OUT" | cut -d, -f4-)" "yes,実施している,4,\"'=HYPERLINK(\"\"http://x\"\")\"" \
    "the note is quoted and prefixed with ' in CSV"
run diagnose list --format csv
has "$OUT" "5,\"'@evil\",completed," "the respondent is quoted and prefixed with ' in CSV"
run diagnose show 5
has "$OUT" "回答者: @evil" "the text shows the respondent as given"

# --- the respondent of a JSON file, unless --respondent is given
sed 's/"respondent": "全社"/"respondent": "総務部"/' "$T/r2.json" >"$T/r6.json"
run diagnose --answers "$T/r6.json"
has "$OUT" "診断 #6 を記録しました。" "a JSON file with its own respondent"
has "$OUT" "回答者: 総務部" "… is recorded for that respondent"
run diagnose --answers "$T/r6.json" --respondent "経理部"
has "$OUT" "回答者: 経理部" "--respondent wins over the file's respondent"
refused "a respondent of 81 characters is refused" 1 "回答者 は 80 文字までです" \
    diagnose --answers "$T/r6.json" --respondent "$(printf '%081d' 0)"

# --- rounds belong to their organisation
run org add "B社" --slug b
refused "another organisation does not see round 1" 1 "" diagnose show 1 --org b
run diagnose list --org b
has "$OUT" "診断はまだありません" "another organisation has no rounds"

run audit verify
is_rc 0 "the audit log verifies"
is "$(sql "$DB" "SELECT group_concat(action, ' ') FROM (SELECT action FROM audit_log WHERE action LIKE 'diagnosis.%' ORDER BY id)")" \
    "diagnosis.record diagnosis.record diagnosis.record diagnosis.start diagnosis.record diagnosis.record diagnosis.record" \
    "one audit record per recorded round, one for the draft"

done_testing
