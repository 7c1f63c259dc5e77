#!/bin/sh
# mamori asset export|import: the 情報資産管理台帳 to and from CSV, XLSX
# and JSON. An export imports back unchanged (CSV byte for byte); a dry
# run changes nothing; a bad file is refused whole, naming each bad row
# and column; Shift_JIS is read; LibreOffice (a real client) reads our
# XLSX back to the same values as our CSV; a progress bar on a terminal.
. "$(dirname "$0")/lib.sh"

init_db

# state — everything an import may change
state() {
	sql "$DB" "SELECT * FROM asset ORDER BY id; SELECT * FROM asset_treatment ORDER BY asset_id;
	    SELECT count(*) FROM audit_log"
}

mm asset add --name 顧客名簿 --medium 書類 --c 3 --i 2 --a 2 --personal \
    --department 営業部 >/dev/null 2>&1
mm asset add --name "=1+2" --medium 事務所PC --c 2 --i 2 --a 1 \
    --note '見積, "引用" と -記号' --threat 1 >/dev/null 2>&1
mm asset add --name 会計データ --medium 社外サーバー・クラウド --c 3 --i 3 --a 3 \
    --category 経理 --retention 7年 >/dev/null 2>&1
mm asset treat 3 --kind reduce --measure 多要素認証 --owner 山田 --due 2026-03-31 \
    >/dev/null 2>&1
is "$(sql "$DB" "SELECT count(*) FROM asset")" 3 "three assets to start with"

HEADER='ID,業務分類,情報資産名称,備考,利用者範囲,管理部署,媒体・保存先,個人情報,要配慮個人情報,特定個人情報,機密性,完全性,可用性,重要度,保存期限,登録日,脅威の発生頻度,脆弱性,被害発生可能性,リスク値,対応,対策,担当,期限'

# --- export
run asset export
is_rc 0 "asset export (CSV to standard output)"
cp "$OUT" "$T/ledger.csv"
is "$(head -n 1 "$T/ledger.csv" | tr -d '\r')" "$(printf '\357\273\277')$HEADER" \
    "CSV: BOM and the Japanese headers, ID first"
is "$(wc -l <"$T/ledger.csv" | tr -d ' ')" 4 "… and one line per asset"
has "$T/ledger.csv" "\"'=1+2\"" "… a formula-like name is neutralised with '"
has "$T/ledger.csv" "3,経理,会計データ,,,,社外サーバー・クラウド,,,,3,3,3,3,7年,2026-01-01," \
    "… values as numbers, the medium by its label"
has "$T/ledger.csv" ",低減,多要素認証,山田,2026-03-31" "… and the treatment"
run asset export -o "$T/ledger.xlsx"
is_rc 0 "asset export -o FILE.xlsx (the format from the extension)"
is "$(head -c 4 "$T/ledger.xlsx" | od -An -c | tr -d ' ')" 'PK003004' "… a zip file"
run asset export --format json
is_rc 0 "asset export --format json"
json "$OUT" 'd["count"] == 3 and d["assets"][1]["name"] == "=1+2" and d["assets"][2]["treatment"]["kind"] == "reduce"' \
    "… every asset with its risk and treatment"
run asset export --format pdf
is_rc 2 "asset export --format pdf is a usage error"
run asset export --dry-run
is_rc 2 "asset export --dry-run is a usage error"

# --- round trip: an export imports back as it is
before=$(state)
run asset import "$T/ledger.csv" --dry-run
is_rc 0 "asset import --dry-run of our own CSV"
has "$OUT" "データ 3 行: 追加 0 件、変更 0 件、変更なし 3 件" "… nothing would change"
has "$OUT" "読み込まない列: 重要度 (計算列)、被害発生可能性 (計算列)、リスク値 (計算列)" \
    "… the computed columns are named as not read"
run asset import "$T/ledger.csv"
is_rc 0 "asset import of our own CSV"
is "$(state)" "$before" "… changes nothing, not even the audit log"
run asset export
cmp -s "$OUT" "$T/ledger.csv"
ok $? "… and exports again byte for byte"
run asset import "$T/ledger.xlsx"
is_rc 0 "asset import of our own XLSX"
has "$OUT" "XLSX、シート「情報資産管理台帳」" "… reads the ledger sheet"
has "$OUT" "変更なし 3 件" "… nothing changes"
is "$(state)" "$before" "… the database is as it was"
is "$(sql "$DB" "SELECT name FROM asset WHERE id = 2")" "=1+2" \
    "… the neutralised name came back without its '"

# --- changes: a dry run shows them, the import makes them, audited
sed -e 's/^1,,顧客名簿,,,営業部,書類,○,,,3,2,2,/1,,顧客名簿,更新した備考,,営業部,書類,○,,,3,3,2,/' \
    "$T/ledger.csv" >"$T/edited.csv"
printf ',総務,入退室記録,,,,書類,,,,1,1,1,,,2026/4/1,,,,,,,,\r\n' >>"$T/edited.csv"
run asset import "$T/edited.csv" --dry-run
is_rc 0 "asset import --dry-run of an edited file"
has "$OUT" "追加 1 件、変更 1 件、変更なし 2 件" "… counts what would change"
has "$OUT" "変更 2 行目 ID 1「顧客名簿」: 備考: (空欄) → 更新した備考、完全性: 2 → 3" \
    "… names each change"
has "$OUT" "追加 5 行目「入退室記録」" "… and each addition"
is "$(state)" "$before" "… and changes nothing"
audits=$(audit_count)
run asset import "$T/edited.csv"
is_rc 0 "asset import of the edited file"
has "$OUT" "監査ログに 2 件記録しました" "… says what it recorded"
is "$(audit_count)" "$((audits + 2))" "… one audit record per asset added or changed"
is "$(sql "$DB" "SELECT integrity || '|' || note FROM asset WHERE id = 1")" "3|更新した備考" \
    "… the change is stored"
is "$(sql "$DB" "SELECT registered_on FROM asset WHERE name = '入退室記録'")" "2026-04-01" \
    "… the new asset with its date read from 2026/4/1"

# --- a bad file is refused whole
{
	echo "情報資産名称,媒体・保存先,機密性,完全性,可用性,個人情報"
	echo "新しい資産,書類,1,1,1,"
	echo "評価が悪い,書類,4,1,1,"
	echo "媒体が悪い,紙,1,1,1,"
	echo "印が悪い,書類,1,1,1,たぶん"
} >"$T/bad.csv"
before=$(state)
run asset import "$T/bad.csv"
is_rc 1 "asset import of a file with bad rows fails"
has "$ERR" "3 件の誤りがあります。何も変更していません。" "… says nothing changed"
has "$ERR" "3 行目 機密性 (C 列): 機密性 は 1、2、3 のどれかです: 4" "… names row, column and why"
has "$ERR" "4 行目 媒体・保存先 (B 列): 媒体・保存先 \"紙\" は" "… every bad row"
has "$ERR" "5 行目 個人情報 (F 列):" "… to the last"
is "$(state)" "$before" "… and the good row was not added either"
run asset import "$T/bad.csv" --dry-run --format json
is_rc 1 "asset import --dry-run --format json of the bad file"
json "$OUT" 'd["dry_run"] and d["added"] == 1 and d["problems_total"] == 3 and d["problems"][0] == {"row": 3, "column": "機密性 (C 列)", "message": "機密性 は 1、2、3 のどれかです: 4"}' \
    "… the report as JSON"
run asset import "$T/missing.csv"
is_rc 1 "asset import of a missing file"
run asset import
is_rc 2 "asset import without a file is a usage error"
printf 'これは台帳ではありません\n' >"$T/nothing.csv"
run asset import "$T/nothing.csv" --dry-run
is_rc 1 "a file without a header row is refused"
has "$ERR" "見出しの行が見つかりません" "… saying so"

# --- Shift_JIS, as Excel in Japan saves CSV
printf '情報資産名称,媒体・保存先,機密性,完全性,可用性,備考\r\n従業員名簿,書類,3,2,2,髙橋①\r\n' |
    iconv -f UTF-8 -t CP932 >"$T/sjis.csv"
run asset import "$T/sjis.csv"
is_rc 0 "asset import of a Shift_JIS CSV"
has "$OUT" "CSV、Shift_JIS" "… found by its content"
is "$(sql "$DB" "SELECT note FROM asset WHERE name = '従業員名簿'")" "髙橋①" \
    "… and read as Japanese text"

# --- LibreOffice reads our XLSX to the values of our CSV
if command -v soffice >/dev/null 2>&1; then
	mm asset export -o "$T/lo.xlsx" >/dev/null 2>&1
	mm asset export -o "$T/lo.csv" >/dev/null 2>&1
	mkdir -p "$T/lo"
	# UTF-8, every sheet (LibreOffice ≥ 7.2), a private profile
	timeout 180 soffice --headless -env:UserInstallation="file://$T/lo-profile" \
	    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
	    --outdir "$T/lo" "$T/lo.xlsx" >"$T/lo.out" 2>&1
	if [ -f "$T/lo/lo-情報資産管理台帳.csv" ]; then
		pass "LibreOffice converts our XLSX to CSV"
		"$PYTHON" - "$T/lo.csv" "$T/lo/lo-情報資産管理台帳.csv" >"$T/lo.cmp" 2>&1 <<'EOF'
import csv, sys
ours = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
lo = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
if ours != lo:
    for i, (a, b) in enumerate(zip(ours, lo)):
        if a != b:
            print("row %d: ours %r, LibreOffice %r" % (i + 1, a, b))
    print("rows: ours %d, LibreOffice %d" % (len(ours), len(lo)))
    sys.exit(1)
EOF
		ok $? "… the ledger sheet has exactly the values of our CSV"
		[ $? -eq 0 ] || diag_file "$T/lo.cmp"
		has "$T/lo/lo-脅威の状況.csv" "書類,盗難" "… the sheet 脅威の状況 is there"
		has "$T/lo/lo-リスク一覧.csv" "ID,情報資産名称,媒体・保存先,重要度" "… and リスク一覧"
	else
		fail "LibreOffice converts our XLSX to CSV"
		diag_file "$T/lo.out"
	fi
else
	skip "LibreOffice round trip: soffice is not installed (apt-get install libreoffice-calc)"
fi

# --- a progress bar on a terminal
if [ -x "${PTYDRIVE:-}" ]; then
	{
		echo "情報資産名称,媒体・保存先,機密性,完全性,可用性"
		i=1
		while [ $i -le 3000 ]; do
			echo "進捗確認 $i,書類,1,1,1"
			i=$((i + 1))
		done
	} >"$T/many.csv"
	{
		echo "timeout 60"
		echo "expect 確認 ["
		echo "expect 100%"
		echo "expect 追加 3000 件"
		echo "wait 0"
	} >"$T/progress.script"
	"$PTYDRIVE" "$T/progress.script" -- "$MAMORI" --db "$DB" asset import "$T/many.csv" \
	    --dry-run >"$T/pty.out" 2>&1
	ok $? "asset import on a terminal draws a progress bar"
	run asset import "$T/many.csv" --dry-run
	hasnt "$ERR" "確認 [" "… and none when stderr is not a terminal"
else
	skip "progress bar: PTYDRIVE is not built"
fi

done_testing
