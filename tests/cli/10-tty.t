#!/bin/sh
# The interactive questionnaire (mamori diagnose) and the confirmation of
# restore, driven through a pseudo-terminal by ptydrive.
. "$(dirname "$0")/lib.sh"

if [ ! -x "${PTYDRIVE:-}" ]; then
	echo "1..0 # SKIP PTYDRIVE=${PTYDRIVE:-} is not built (make build/tools/ptydrive)"
	exit 0
fi

# drive DESCRIPTION SCRIPT ARGS… — run mamori --db $DB ARGS… under
# ptydrive with SCRIPT
drive() {
	_d=$1 _s=$2
	shift 2
	"$PTYDRIVE" "$_s" -- "$MAMORI" --db "$DB" "$@" >"$OUT" 2>"$ERR" </dev/null
	RC=$?
	if [ "$RC" -eq 0 ]; then
		pass "$_d"
	else
		fail "$_d"
		diag_file "$ERR" 60
	fi
}

init_db

# --- first session: items 1-10, then Ctrl-C
{
	echo "timeout 5"
	echo "expect 5分でできる！情報セキュリティ自社診断 — テスト株式会社 (回答者: 全社)"
	echo "expect 数字で答えてください。答えはその都度保存されます。"
	echo "expect ] 項目 1 / 25 (回答済み 0)"
	echo "expect 1:実施している 2:一部実施している 3:実施していない 4:わからない"
	echo "expect 回答>"
	echo "send 5"
	echo "expect この項目は「該当なし」にできません。"
	echo "expect 回答>"
	echo "send x"
	echo "expect 数字 (1〜5) か b / s / m / g 番号 / q で答えてください。"
	echo "expect 回答>"
	echo "send m"
	echo "expect メモは回答を選んでから付けてください。"
	echo "expect 回答>"
	echo "send 1"
	i=2
	while [ $i -le 10 ]; do
		echo "expect ] 項目 $i / 25 (回答済み $((i - 1)))"
		[ $i -eq 9 ] && echo "expect 5:該当なし"
		echo "expect 回答>"
		case $i in
		9) echo "send 5" ;;
		10) echo "send 2" ;;
		*) echo "send 1" ;;
		esac
		i=$((i + 1))
	done
	echo "expect ] 項目 11 / 25 (回答済み 10)"
	echo "expect 回答>"
	# let the questionnaire block in its read before the interrupt
	echo "sleep 0.3"
	echo 'sendraw \x03'
	echo "expect 下書きを保存しました (10 / 25 項目回答済み)。mamori diagnose で続きから再開できます。"
	echo "wait 130"
} >"$T/first.pty"
drive "answer items 1-10, Ctrl-C keeps a draft (exit 130)" "$T/first.pty" diagnose

run diagnose show 1
has "$OUT" "下書き (開始 2026-01-01T00:00:00Z、10 / 25 項目回答済み)" "the draft holds the ten answers"
run diagnose show 1 --format csv
has "$OUT" ",na,該当なし,," "… item 9 is 該当なし"
has "$OUT" ",partial,一部実施している,," "… item 10 is 一部実施している"
is "$(grep -c ',yes,実施している,' "$OUT")" "8" "… items 1-8 are 実施している"
run audit verify
is_rc 0 "the audit log verifies after the interrupted session"

# --- second session: resume, answer the rest with b, s, m and g
{
	echo "timeout 5"
	echo "expect 前回の下書きを再開します (10 / 25 項目回答済み)。"
	echo "expect ] 項目 11 / 25 (回答済み 10)"
	echo "expect 回答>"
	echo "send 2"
	echo "expect ] 項目 12 / 25 (回答済み 11)"
	echo "expect 回答>"
	echo "# b goes back to item 11, which shows its answer"
	echo "send b"
	echo "expect ] 項目 11 / 25 (回答済み 11)"
	echo "expect 現在の回答: 一部実施している"
	echo "expect 回答>"
	echo "send 3"
	echo "expect ] 項目 12 / 25 (回答済み 11)"
	echo "expect 回答>"
	echo "# s skips item 12"
	echo "send s"
	echo "expect ] 項目 13 / 25 (回答済み 11)"
	echo "expect 5:該当なし"
	echo "expect 回答>"
	echo "send 5"
	echo "expect ] 項目 14 / 25 (回答済み 12)"
	echo "expect 回答>"
	echo "send 1"
	echo "expect ] 項目 15 / 25 (回答済み 13)"
	echo "expect 回答>"
	echo "# g 14 and m: a memo for item 14"
	echo "send g 14"
	echo "expect ] 項目 14 / 25 (回答済み 13)"
	echo "expect 現在の回答: 実施している"
	echo "expect 回答>"
	echo "send m"
	echo "expect メモ (空で削除)>"
	echo "send 机の施錠は月1回確認"
	echo "expect ] 項目 14 / 25 (回答済み 13)"
	echo "expect メモ: 机の施錠は月1回確認"
	echo "expect 回答>"
	echo "send g 15"
	i=15
	while [ $i -le 24 ]; do
		echo "expect ] 項目 $i / 25 (回答済み $((i - 2)))"
		echo "expect 回答>"
		if [ $i -eq 24 ]; then echo "send 4"; else echo "send 1"; fi
		i=$((i + 1))
	done
	echo "expect ] 項目 25 / 25 (回答済み 23)"
	echo "expect 回答>"
	echo "# g 12 returns to the skipped item"
	echo "send g 12"
	echo "expect ] 項目 12 / 25 (回答済み 23)"
	echo "expect 回答>"
	echo "send 1"
	echo "expect ] 項目 13 / 25 (回答済み 24)"
	echo "expect 現在の回答: 該当なし"
	echo "expect 回答>"
	echo "send g 25"
	echo "expect ] 項目 25 / 25 (回答済み 24)"
	echo "expect 回答>"
	echo "send 1"
	echo "expect 25 項目すべてに回答しました。診断を完了しますか? 完了した診断は変更できません。"
	echo "expect y:完了して結果を見る  n:見直す>"
	echo "send y"
	echo "expect 自社診断 #1  回答者: 全社  完了 2026-01-01T00:00:00Z"
	echo "expect 合計点: 89 / 100"
	echo "expect 評価:   おおむね実施"
	echo "expect 前回の診断はありません"
	echo "wait 0"
} >"$T/second.pty"
drive "resume the draft, answer the rest using b, s, g and m, confirm with y" "$T/second.pty" diagnose

# 1-8 yes 32, 9 na 4, 10 partial 2, 11 no 0, 12 yes 4, 13 na 4,
# 14-23 yes 40, 24 unknown -1, 25 yes 4: 89
run diagnose show 1 --format json
is_rc 0 "diagnose show 1 --format json"
json "$OUT" 'd["status"] == "completed" and d["respondent"] == "全社" and d["result"]["total"] == 89' \
    "the stored round is completed with 89 points"
json "$OUT" '[(a["no"], a["answer"]) for a in d["answers"] if a["answer"] != "yes"] == [(9, "na"), (10, "partial"), (11, "no"), (13, "na"), (24, "unknown")]' \
    "the stored answers are those given (11 changed after going back)"
json "$OUT" '[(a["no"], a.get("note")) for a in d["answers"] if a.get("note")] == [(14, "机の施錠は月1回確認")]' \
    "the memo of item 14 is stored"
run diagnose show 1 --format csv
has "$OUT" "11,employee," "the CSV has item 11"
is "$(grep '^11,' "$OUT" | cut -d, -f4)" "no" "the CSV has item 11 as 実施していない"
is "$(grep '^12,' "$OUT" | cut -d, -f4)" "yes" "the CSV has the skipped item 12 answered later"
is "$(grep '^14,' "$OUT" | cut -d, -f4,7)" "yes,机の施錠は月1回確認" "the CSV has the memo of item 14"
is "$(grep -c ",yes,実施している,4," "$OUT")" "20" "the CSV has 20 items 実施している"
run diagnose list
has "$OUT" "#1     2026-01-01T00:00:00Z   89 点  全社" "diagnose list shows the completed round"
is "$(sql "$DB" "SELECT count(*) FROM audit_log WHERE action = 'diagnosis.answer'")" "27" \
    "one audit record per answer or memo saved (10 + 17)"
is "$(sql "$DB" "SELECT count(*) FROM audit_log WHERE action = 'diagnosis.complete'")" "1" \
    "one audit record for the completion"
run audit verify
is_rc 0 "the audit log verifies"

# --- a new session starts a new draft; q stops it
{
	echo "timeout 5"
	echo "expect 数字で答えてください。"
	echo "expect ] 項目 1 / 25 (回答済み 0)"
	echo "expect 回答>"
	echo "send q"
	echo "expect 下書きを保存しました (0 / 25 項目回答済み)。"
	echo "wait 0"
} >"$T/third.pty"
drive "after completion diagnose starts a new draft; q stops (exit 0)" "$T/third.pty" diagnose
run diagnose show 2
has "$OUT" "下書き" "the new draft is round 2"

# --- restore asks before replacing a database on a terminal
"$MAMORI" --db "$DB" backup "$T/b.db" >/dev/null 2>&1
answers_csv "$T/a.csv"
"$MAMORI" --db "$DB" diagnose --answers "$T/a.csv" >/dev/null 2>&1
before=$(dump)
{
	echo "timeout 5"
	echo "expect 現在のデータベースの内容をすべて置き換えます。よろしいですか? [y/N]"
	echo "send n"
	echo "expect 中止しました。何も変更していません。"
	echo "wait 0"
} >"$T/no.pty"
drive "restore on a terminal asks; n cancels (exit 0)" "$T/no.pty" restore "$T/b.db"
is "$(dump)" "$before" "… and the database is unchanged"
{
	echo "timeout 5"
	echo "expect よろしいですか? [y/N]"
	echo "send y"
	echo "expect に復元しました。"
	echo "wait 0"
} >"$T/yes.pty"
drive "restore on a terminal asks; y restores" "$T/yes.pty" restore "$T/b.db"
is "$(round_count)" "2" "the database has the backup's rounds"
run audit verify
is_rc 0 "the audit log verifies after the restore"

# --- ptydrive itself reports failures
printf 'timeout 1\nexpect no such text\n' >"$T/fail.pty"
"$PTYDRIVE" "$T/fail.pty" -- "$MAMORI" help >"$OUT" 2>"$ERR"
RC=$?
is_rc 1 "ptydrive fails when the expected text does not come"
has "$ERR" "使い方: mamori" "… and shows the output it saw"
printf 'wait 3\n' >"$T/status.pty"
"$PTYDRIVE" "$T/status.pty" -- "$MAMORI" >"$OUT" 2>"$ERR"
RC=$?
is_rc 1 "ptydrive fails on an unexpected exit status"
has "$ERR" "exited with status 2" "… naming the status"

done_testing
