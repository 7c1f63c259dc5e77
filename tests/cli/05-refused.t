#!/bin/sh
# Answer files with mistakes are refused: exit 1, the line or item named
# on stderr, and nothing stored.
. "$(dirname "$0")/lib.sh"

init_db
answers_csv "$T/good.csv" 2=partial
run diagnose --answers "$T/good.csv"
is_rc 0 "a good file is recorded first"

run diagnose list
cp "$OUT" "$T/list.before"
audit_before=$(audit_count)
rounds_before=$(round_count)

# rejected DESCRIPTION FILE TEXT… — diagnose --answers FILE fails with
# exit 1 and every TEXT on stderr; then diagnose list, the number of
# rounds and of audit records are unchanged
rejected() {
	_d=$1 _f=$2
	shift 2
	run diagnose --answers "$_f"
	_ok=0
	[ "$RC" -eq 1 ] || _ok=1
	for _t in "$@"; do
		grep -qF -- "$_t" "$ERR" || _ok=1
	done
	if [ $_ok -eq 0 ]; then
		pass "$_d: refused naming the problem"
	else
		fail "$_d: refused naming the problem"
		diag "exit status $RC (expected 1); stderr should contain: $*"
		diag_file "$ERR"
		diag_file "$OUT" 5
	fi
	run diagnose list
	if cmp -s "$OUT" "$T/list.before" && [ "$(audit_count)" = "$audit_before" ] &&
	    [ "$(round_count)" = "$rounds_before" ]; then
		pass "$_d: nothing stored"
	else
		fail "$_d: nothing stored"
		diag "audit records $(audit_count) (were $audit_before), rounds $(round_count) (were $rounds_before)"
		diag_file "$OUT"
	fi
}

answers_csv "$T/missing.csv"
grep -v '^17,' "$T/missing.csv" >"$T/m.csv"
rejected "CSV without item 17" "$T/m.csv" "何も記録していません" "項目 17 の回答がありません"

{ cat "$T/good.csv"; echo "5,no"; } >"$T/dup.csv"
rejected "CSV answering item 5 twice" "$T/dup.csv" "27 行目: 項目 5 の回答が重複しています"

answers_csv "$T/bad.csv" 7=maybe
rejected "CSV with the answer 'maybe'" "$T/bad.csv" "8 行目: 項目 7 の回答 \"maybe\" が読めません"

answers_csv "$T/badpts.csv" 7=3
rejected "CSV with 3 points (not a valid score)" "$T/badpts.csv" "8 行目: 項目 7 の回答 \"3\" が読めません"

answers_csv "$T/na.csv" 1=na
rejected "CSV with 該当なし for item 1 (not allowed)" "$T/na.csv" "2 行目: 項目 1 は「該当なし」にできません"

answers_csv "$T/na2.csv" 9=na 10=該当なし
rejected "CSV with 該当なし for item 10 (not allowed) after an allowed one" "$T/na2.csv" \
    "11 行目: 項目 10 は「該当なし」にできません"

answers_csv "$T/range.csv" 
echo "26,yes" >>"$T/range.csv"
rejected "CSV with item 26" "$T/range.csv" "27 行目: 項目番号 \"26\" は 1〜25 の数字ではありません"

answers_csv "$T/cols.csv"
sed 's/^3,yes$/3,yes,memo,extra/' "$T/cols.csv" >"$T/cols2.csv"
rejected "CSV with four columns" "$T/cols2.csv" "4 行目: 列が多すぎます"

answers_csv "$T/quote.csv"
printf '%s\n' '26,"yes' >>"$T/quote.csv"
rejected "CSV with an unterminated quote" "$T/quote.csv" "CSV として読めません"

answers_csv "$T/ctrl.csv"
sed 's/^3,yes$/3,yes,"two\nlines"/' "$T/ctrl.csv" >"$T/ctrl2.csv"
rejected "CSV with a line break inside a note" "$T/ctrl2.csv" "項目 3: メモ に制御文字は使えません"

answers_csv "$T/long.csv"
long=$(i=0; while [ $i -lt 70 ]; do printf 'メモメモメモメモメモ'; i=$((i + 1)); done)
sed "s/^3,yes\$/3,yes,$long/" "$T/long.csv" >"$T/long2.csv"
rejected "CSV with a note of 700 characters" "$T/long2.csv" "項目 3: メモ は 666 文字までです"

answers_csv "$T/latin1.csv"
printf '4,\351\n' >>"$T/latin1.csv"
rejected "a file that is not UTF-8" "$T/latin1.csv" "UTF-8 ではありません"

: >"$T/empty.csv"
rejected "an empty file" "$T/empty.csv" "項目 1 の回答がありません"

answers_json "$T/m.json" 
sed 's/"17": "yes", //' "$T/m.json" >"$T/m2.json"
rejected "JSON without item 17" "$T/m2.json" "項目 17 の回答がありません"

sed 's/"2": "yes"/"2": "yes", "2": "no"/' "$T/m.json" >"$T/dup.json"
rejected "JSON answering item 2 twice" "$T/dup.json" "JSON として読めません" "duplicate object key"

sed 's/"4": "yes"/"4": "often"/' "$T/m.json" >"$T/bad.json"
rejected "JSON with the answer 'often'" "$T/bad.json" "answers の \"4\": 項目 4 の回答 \"often\" が読めません"

sed 's/"4": "yes"/"4": true/' "$T/m.json" >"$T/bool.json"
rejected "JSON with a boolean answer" "$T/bool.json" "answers の \"4\": 回答は文字列か点数で書いてください"

sed 's/"24": "yes"/"24": "na"/' "$T/m.json" >"$T/na.json"
rejected "JSON with 該当なし for item 24 (not allowed)" "$T/na.json" "answers の \"24\": 項目 24 は「該当なし」にできません"

sed 's/"5": "yes"/"five": "yes"/' "$T/m.json" >"$T/key.json"
rejected "JSON with an item key that is not a number" "$T/key.json" "answers の \"five\": 項目番号 \"five\""

printf '[{"1": "yes"}]\n' >"$T/array.json"
rejected "JSON that is an array" "$T/array.json" "JSON には {\"answers\": {\"1\": \"yes\", …}} の形で"

printf '{"answer": {"1": "yes"}}\n' >"$T/wrongkey.json"
rejected "JSON without an answers object" "$T/wrongkey.json" "JSON には {\"answers\":"

sed 's/}}$/}, "notes": {"30": "x"}}/' "$T/m.json" >"$T/notes.json"
rejected "JSON with a note for an item without answer" "$T/notes.json" "notes の \"30\""

sed 's/}}$/}, "respondent": 7}/' "$T/m.json" >"$T/resp.json"
rejected "JSON with a respondent that is not a string" "$T/resp.json" "JSON の \"respondent\": 文字列で書いてください"

printf '{"answers": {"1": "yes",\n "2": }}\n' >"$T/syntax.json"
rejected "JSON with a syntax error on line 2" "$T/syntax.json" "2 行目: JSON として読めません"

answers_csv "$T/many.csv" 1=x 2=x 3=x 4=x 5=x 6=x 7=x 8=x 9=x 10=x
rejected "ten bad lines" "$T/many.csv" "2 行目: 項目 1 の回答 \"x\" が読めません"
run diagnose --answers "$T/many.csv"
has "$ERR" "ほか 2 件" "ten bad lines: the message ends saying how many more there are"
if iconv -f UTF-8 -t UTF-8 "$ERR" >/dev/null 2>&1; then
	pass "ten bad lines: the message is valid UTF-8 (not cut inside a character)"
else
	fail "ten bad lines: the message is valid UTF-8 (not cut inside a character)"
	diag "stderr has $(wc -c <"$ERR") bytes and ends with: $(tail -c 16 "$ERR" | od -An -tx1)"
fi

{ cat "$T/good.csv"; head -c 1100000 /dev/zero | tr '\0' ' '; } >"$T/big.csv"
rejected "a file over 1 MiB" "$T/big.csv" "ファイルが大きすぎます" "上限 1048576 バイト"

run diagnose --answers "$T/good.csv" --respondent "$(printf 'a\tb')"
is_rc 1 "a respondent with a control character is refused"
run diagnose list
cmp -s "$OUT" "$T/list.before" && [ "$(audit_count)" = "$audit_before" ]
ok $? "… and nothing is stored"

run diagnose score --answers "$T/dup.csv"
is_rc 1 "diagnose score refuses the same files (exit 1)"
has "$ERR" "項目 5 の回答が重複しています" "… naming the problem"

run audit verify
is_rc 0 "the audit log still verifies"

done_testing
