#!/bin/sh
# mamori asset list|show|add|edit|copy|rm|treat and mamori risk
# list|threats|rate: the 情報資産管理台帳 and its risk analysis (付録7).
# Bad input is refused with a Japanese message and changes nothing (the
# assets, treatments, ratings and the audit log stay as they were).
. "$(dirname "$0")/lib.sh"

init_db

# state — what a refused command must not change
state() {
	sql "$DB" "SELECT * FROM asset ORDER BY id; SELECT * FROM asset_treatment ORDER BY asset_id;
	    SELECT * FROM threat_rating ORDER BY medium; SELECT count(*) FROM audit_log"
}

# unchanged DESCRIPTION RC TEXT ARGS… — refused with status RC and TEXT on
# stderr, and nothing changed
unchanged() {
	_d=$1 _rc=$2 _txt=$3
	shift 3
	_before=$(state)
	run "$@"
	if [ "$RC" -eq "$_rc" ] && grep -qF -- "$_txt" "$ERR" && [ "$(state)" = "$_before" ]; then
		pass "$_d"
	else
		fail "$_d"
		diag "exit status $RC (expected $_rc); stderr should contain: $_txt"
		[ "$(state)" = "$_before" ] || diag "the database changed"
		diag_file "$ERR" 10
	fi
}

# --- empty ledger
run asset list
is_rc 0 "asset list on an empty ledger"
has "$OUT" "情報資産はまだありません。" "… says there are none and how to add one"
run asset list --format json
is "$(cat "$OUT")" "[]" "asset list --format json of an empty ledger is []"
run asset --help
is_rc 0 "asset --help"
has "$OUT" "--my-number / --no-my-number" "… lists the item options"
run risk --help
is_rc 0 "risk --help"
run help
has "$OUT" "asset list|show|add|edit|copy|rm|treat" "mamori help lists asset"
has "$OUT" "risk list|threats|rate" "… and risk"

# --- add
n0=$(audit_count)
run asset add --name 顧客名簿 --medium 事務所PC --c 2 --i 3 --a 1 --category 営業 \
    --note "取引先の担当者と連絡先" --users 営業部 --department 営業部 --personal \
    --retention "取引終了後5年"
is_rc 0 "asset add with every common option"
has "$OUT" "情報資産 #1「顧客名簿」を登録しました: 重要度 3、リスク値 6 (大)" \
    "… says what was stored and the risk"
is "$(audit_count)" "$((n0 + 1))" "… with one audit record"
is "$(sql "$DB" "SELECT action || ' ' || object FROM audit_log ORDER BY id DESC LIMIT 1")" \
    "asset.create asset:1" "… asset.create asset:1"

run asset add --name 健康診断結果 --medium paper --c 1 --i 2 --a 1 --sensitive --department 総務部
is_rc 0 "asset add with 要配慮個人情報"
has "$OUT" "機密性は 3 です" "… says that 機密性 is 3"
is "$(sql "$DB" "SELECT confidentiality FROM asset WHERE id = 2")" "3" "… and stores 機密性 3"

run asset add --name "=HYPERLINK(\"x\")" --medium cloud --c 1 --i 1 --a 1 --note 'a,"b"' \
    --registered 2025-12-01 --threat 1 --vulnerability 1
is_rc 0 "asset add with overrides and a registration date"
is "$(sql "$DB" "SELECT threat || threat_source || vulnerability || vulnerability_source || risk_value FROM asset WHERE id = 3")" \
    "1override1override1" "… the overrides give 脅威 1, 脆弱性 1, リスク値 1"

run asset add --name マイナンバー --medium 書類 --c 1 --i 1 --a 1 --my-number --format json
is_rc 0 "asset add --format json"
json "$OUT" 'd["id"] == 4 and d["my_number"] is True and d["confidentiality"] == 3 and d["band"] == "risk-high" and d["band_label"] == "大"' \
    "… prints the new asset as JSON"

# --- refused adds
unchanged "add without a name" 1 "情報資産名称 を入力してください" \
    asset add --medium paper --c 1 --i 1 --a 1
unchanged "add with an unknown medium" 1 '媒体・保存先 "金庫" は 書類、' \
    asset add --name x --medium 金庫 --c 1 --i 1 --a 1
unchanged "add without --a" 1 "可用性 は 1、2、3 のどれかです: (空欄)" \
    asset add --name x --medium paper --c 1 --i 1
unchanged "add with --c 4" 1 "機密性 は 1、2、3 のどれかです: 4" \
    asset add --name x --medium paper --c 4 --i 1 --a 1
unchanged "add with a bad date" 1 "登録日は 2026-04-01 の形の日付です: 2026-13-01" \
    asset add --name x --medium paper --c 1 --i 1 --a 1 --registered 2026-13-01
unchanged "add with --threat 5" 1 "脅威の発生頻度 は 1、2、3 か空欄です: 5" \
    asset add --name x --medium paper --c 1 --i 1 --a 1 --threat 5
unchanged "add with a control character in the note" 1 "備考 に制御文字は使えません" \
    asset add --name x --medium paper --c 1 --i 1 --a 1 --note "$(printf 'a\tb')"
unchanged "add with --personal=yes (a flag)" 2 "--personal は値をとりません" \
    asset add --name x --medium paper --c 1 --i 1 --a 1 --personal=yes
unchanged "add with --personal and --no-personal" 2 "同時に指定できません" \
    asset add --name x --medium paper --c 1 --i 1 --a 1 --personal --no-personal
unchanged "add with an unknown option" 2 "不明なオプションです: --colour" \
    asset add --name x --medium paper --c 1 --i 1 --a 1 --colour red
unchanged "add with a positional argument" 2 "asset add は引数をとりません" \
    asset add x --medium paper --c 1 --i 1 --a 1
unchanged "add --format csv" 2 "--format が不正です: csv" \
    asset add --name x --medium paper --c 1 --i 1 --a 1 --format csv
unchanged "an option of another subcommand" 2 "--kind は asset add では使えません" \
    asset add --name x --medium paper --c 1 --i 1 --a 1 --kind reduce
unchanged "asset without a subcommand" 2 "list, show, add, edit, copy, rm, treat, import, export のどれか" asset
unchanged "an unknown subcommand" 2 "不明な指定です: delete" asset delete 1

# --- list
run asset list
is_rc 0 "asset list"
has "$OUT" "情報資産名称" "… has a header"
has "$OUT" "顧客名簿" "… lists the assets"
has "$OUT" "4 件" "… and counts them"
is "$(grep -c '^ *[0-9][0-9]*  ' "$OUT")" "4" "… one line per asset"

run asset list --format csv
is_rc 0 "asset list --format csv"
is "$(head -n 1 "$OUT")" "id,business_category,name,note,users_scope,department,medium,medium_label,personal,sensitive,my_number,confidentiality,integrity,availability,importance,retention,registered_on,threat,threat_source,vulnerability,vulnerability_source,likelihood,risk,band,treatment,treatment_status" \
    "… the CSV header"
has "$OUT" "1,営業,顧客名簿,取引先の担当者と連絡先,営業部,営業部,office-pc,事務所PC,1,0,0,2,3,1,3,取引終了後5年,2026-01-01,2,default,3,default,2,6,大,," \
    "… a full row: flags as 0/1, the band as 大/中/小"
has "$OUT" "3,,\"'=HYPERLINK(\"\"x\"\")\",\"a,\"\"b\"\"\"" \
    "… a formula is neutralised and quotes are doubled"
is "$(wc -l <"$OUT" | tr -d ' ')" "5" "… a header and four rows"

run asset list --format json
is_rc 0 "asset list --format json"
json "$OUT" 'isinstance(d, list) and [a["id"] for a in d] == [1, 2, 3, 4]' "… an array in id order"
json "$OUT" 'all(k in d[0] for k in ("id", "name", "medium", "medium_label", "confidentiality", "integrity", "availability", "importance", "threat", "threat_source", "vulnerability", "vulnerability_source", "likelihood", "risk", "band", "band_label", "treatment"))' \
    "… each asset has the ledger and risk fields"
json "$OUT" 'd[0]["medium_label"] == "事務所PC" and d[0]["personal"] is True and d[0]["treatment"] is None and d[2]["name"] == "=HYPERLINK(\"x\")"' \
    "… values as stored (JSON keeps text as it is)"

run asset list --medium 書類 --format csv
is "$(cut -d, -f1 "$OUT" | tail -n +2 | tr '\n' ' ')" "2 4 " "--medium by Japanese label"
run asset list --medium paper --format csv
is "$(cut -d, -f1 "$OUT" | tail -n +2 | tr '\n' ' ')" "2 4 " "--medium by id"
run asset list --department 営業部 --format csv
is "$(cut -d, -f1 "$OUT" | tail -n +2 | tr '\n' ' ')" "1 " "--department"
run asset list --band 大 --format csv
is "$(cut -d, -f1 "$OUT" | tail -n +2 | tr '\n' ' ')" "1 2 4 " "--band 大"
run asset list --band low --format csv
is "$(cut -d, -f1 "$OUT" | tail -n +2 | tr '\n' ' ')" "3 " "--band low"
run asset list --band risk-high --medium paper --format csv
is "$(cut -d, -f1 "$OUT" | tail -n +2 | tr '\n' ' ')" "2 4 " "--band risk-high with --medium"
run asset list --search 連絡先 --format csv
is "$(cut -d, -f1 "$OUT" | tail -n +2 | tr '\n' ' ')" "1 " "--search finds text in the note"
run asset list --search 何もない
has "$OUT" "条件に合う情報資産はありません。" "a search without results says so"
run asset list --sort name --format csv
is "$(cut -d, -f1 "$OUT" | tail -n +2 | tr '\n' ' ')" "3 4 2 1 " "--sort name"
run asset list --sort risk --desc --format csv
is "$(cut -d, -f1 "$OUT" | tail -n +2 | tr '\n' ' ')" "4 2 1 3 " "--sort risk --desc"
run asset list --limit 2 --offset 1
is_rc 0 "asset list --limit --offset"
is "$(grep -c '^ *[0-9][0-9]*  ' "$OUT")" "2" "… shows one page"
has "$OUT" "全 4 件のうち 2〜3 件目" "… and where it is"
run asset list --limit 2 --format json
json "$OUT" '[a["id"] for a in d] == [1, 2]' "--limit with JSON"

refused "list --format xml" 2 "--format が不正です: xml" asset list --format xml
refused "list --sort size" 2 "--sort は id, name" asset list --sort size
refused "list --band 特大" 2 "--band は 大、中、小" asset list --band 特大
refused "list --medium 金庫" 2 '媒体 "金庫" はありません (書類、可搬電子媒体' asset list --medium 金庫
refused "list --limit 0" 2 "--limit は 1 以上の整数です: 0" asset list --limit 0
refused "list --offset -1" 2 "--offset は 0 以上の整数です: -1" asset list --offset -1
refused "list --name" 2 "--name は asset list では使えません" asset list --name x

# --- show
run asset show 1
is_rc 0 "asset show"
has "$OUT" "情報資産 #1  顧客名簿" "… the name"
has "$OUT" "媒体・保存先:     事務所PC (office-pc)" "… the medium"
has "$OUT" "脅威の発生頻度:   2 (既定値・未評価)" "… where 脅威 comes from"
has "$OUT" "脆弱性:           3 (未評価・自社診断がまだありません)" "… where 脆弱性 comes from"
has "$OUT" "リスク値:         6 (大)" "… the risk and its band"
run asset show '#3'
has "$OUT" "脅威の発生頻度:   1 (資産ごとの指定)" "asset show '#3': an override is named"
run asset show 2 --format json
json "$OUT" 'd["id"] == 2 and d["sensitive"] is True and d["confidentiality"] == 3' "asset show --format json"
refused "show of a missing asset" 1 "情報資産 99 はこの組織にありません" asset show 99
refused "show without an id" 2 "情報資産の番号 (ID) を一つ指定してください" asset show
refused "show of a bad id" 2 "情報資産の番号 (ID) を一つ指定してください" asset show abc
refused "show --format csv" 2 "--format が不正です: csv" asset show 1 --format csv

# --- edit
n0=$(audit_count)
run asset edit 1 --name 顧客名簿 --c 1 --i 1 --department 営業一課
is_rc 0 "asset edit with --name"
has "$OUT" "情報資産 #1「顧客名簿」を更新しました: 重要度 1、リスク値 2 (小)" "… says what it is now"
is "$(audit_count)" "$((n0 + 1))" "… one audit record"
is "$(sql "$DB" "SELECT json_extract(before, '\$.c') || '→' || json_extract(after, '\$.c') FROM audit_log ORDER BY id DESC LIMIT 1")" \
    "2→1" "… holding 機密性 before and after"
is "$(sql "$DB" "SELECT department || ' ' || availability || ' ' || note FROM asset WHERE id = 1")" \
    "営業一課 1 取引先の担当者と連絡先" "… fields not given are kept"

n0=$(audit_count)
run asset edit 1 --c 3
is_rc 0 "asset edit ID --c 3: only the field given changes, the name is kept"
is "$(sql "$DB" "SELECT confidentiality FROM asset WHERE id = 1")" "3" "… stores 機密性 3"
is "$(audit_count)" "$((n0 + 1))" "… one audit record"

run asset edit 1 --name 顧客名簿 --threat none --vulnerability 2 --format json
is_rc 0 "asset edit --format json"
json "$OUT" 'd["vulnerability"] == 2 and d["vulnerability_source"] == "override" and d["threat_override"] is None' \
    "… the JSON shows the override"

unchanged "edit without fields" 2 "変更する項目を指定してください" asset edit 1
unchanged "edit without an id" 2 "変更する情報資産の番号 (ID) を指定してください" asset edit --c 1
unchanged "edit with a bad id" 2 "情報資産の番号ではありません: x" asset edit x --c 1
unchanged "edit with --i 0" 1 "完全性 は 1、2、3 のどれかです: 0" asset edit 1 --name 顧客名簿 --i 0
unchanged "edit of a missing asset" 1 "情報資産 99 はこの組織にありません" asset edit 99 --name x
unchanged "edit with an unknown medium" 1 '媒体・保存先 "USB"' asset edit 1 --name x --medium USB

# --- several at once: all or nothing
n0=$(audit_count)
run asset edit 2 4 --name 同じ名前 --retention 10年
is_rc 0 "asset edit with two ids"
has "$OUT" "2 件の情報資産を更新しました。" "… says how many"
is "$(audit_count)" "$((n0 + 2))" "… one audit record per asset"
is "$(sql "$DB" "SELECT group_concat(retention) FROM asset WHERE id IN (2, 4)")" "10年,10年" \
    "… both changed"
unchanged "edit of several with a missing one changes none" 1 "情報資産 99 はこの組織にありません" \
    asset edit 2 4 99 --name 別の名前
unchanged "edit of several with bad input changes none" 1 "可用性" \
    asset edit 2 4 --name 別の名前 --a 9
n0=$(audit_count)
run asset edit 2 4 --department 総務課
is_rc 0 "asset edit of two ids with one field and no name"
is "$(sql "$DB" "SELECT group_concat(department) FROM asset WHERE id IN (2, 4)")" "総務課,総務課" \
    "… both changed"

# --- copy
n0=$(audit_count)
run asset copy 1
is_rc 0 "asset copy"
has "$OUT" "情報資産 #1 を複製しました: #5「顧客名簿 (コピー)」" "… names the copy"
is "$(sql "$DB" "SELECT medium || department FROM asset WHERE id = 5")" \
    "$(sql "$DB" "SELECT medium || department FROM asset WHERE id = 1")" "… with the same fields"
is "$(audit_count)" "$((n0 + 1))" "… one audit record"
refused "copy of a missing asset" 1 "情報資産 99 はこの組織にありません" asset copy 99

# --- treat
n0=$(audit_count)
run asset treat 2 --kind 低減 --measure "鍵付き書庫で保管" --owner 総務部長 --due 2026-03-31 --residual 3
is_rc 0 "asset treat"
has "$OUT" "の対応を記録しました: 低減 (予定)" "… planned by default"
is "$(audit_count)" "$((n0 + 1))" "… one audit record"
run asset treat 2 --status 完了
is_rc 0 "asset treat --status only"
is "$(sql "$DB" "SELECT kind || ' ' || measure || ' ' || owner || ' ' || due || ' ' || status || ' ' || residual FROM asset_treatment WHERE asset_id = 2")" \
    "reduce 鍵付き書庫で保管 総務部長 2026-03-31 done 3" "… keeps what was not given"
run asset show 2
has "$OUT" "対応:             低減 (完了)" "asset show shows the treatment"
has "$OUT" "対応後のリスク値: 3" "… and the residual risk"
run asset show 2 --format json
json "$OUT" 'd["treatment"]["kind"] == "reduce" and d["treatment"]["residual"] == 3 and d["treatment"]["due"] == "2026-03-31"' \
    "… and in JSON"
run asset treat 2 --due none --residual none
is "$(sql "$DB" "SELECT coalesce(due, 'NULL') || ' ' || coalesce(residual, 'NULL') FROM asset_treatment WHERE asset_id = 2")" \
    "NULL NULL" "none clears the due date and the residual risk"
unchanged "treat with a bad kind" 2 "--kind は reduce (低減)" asset treat 2 --kind ignore
unchanged "treat with a bad status" 2 "--status は planned (予定)" asset treat 2 --status someday
unchanged "treat with a bad due date" 1 "期限は 2026-04-01 の形の日付です: 2026/03/31" \
    asset treat 2 --due 2026/03/31
unchanged "treat with a residual of 5" 1 "対応後のリスク値は 1、2、3、4、6、9 のどれかです: 5" \
    asset treat 2 --residual 5
unchanged "treat without --kind on an asset without a treatment" 2 "--kind を指定してください" \
    asset treat 1 --measure x
unchanged "treat of a missing asset" 1 "情報資産 99 はこの組織にありません" asset treat 99 --kind reduce
run asset treat 2 --kind none
is_rc 0 "asset treat --kind none"
has "$OUT" "の対応を取り消しました。" "… removes the treatment"
is "$(sql "$DB" "SELECT count(*) FROM asset_treatment")" "0" "… from the database"
run asset treat 4 --kind transfer --status in_progress --owner 保険会社
is_rc 0 "a treatment for the risk list"

# --- rm
unchanged "rm without --yes from a pipe" 2 "情報資産 #5「顧客名簿 (コピー)」を削除します。確認のため --yes を付けて実行してください" \
    asset rm 5
unchanged "rm of a missing asset" 1 "情報資産 99 はこの組織にありません" asset rm 99 --yes
unchanged "rm without an id" 2 "削除する情報資産の番号 (ID) を一つ指定してください" asset rm --yes
if [ -x "${PTYDRIVE:-}" ]; then
	{
		echo "timeout 5"
		echo "expect 情報資産 #5「顧客名簿 (コピー)」を削除します。よろしいですか? [y/N]"
		echo "send n"
		echo "expect 中止しました。何も変更していません。"
		echo "wait 0"
	} >"$T/no.pty"
	before=$(state)
	"$PTYDRIVE" "$T/no.pty" -- "$MAMORI" --db "$DB" asset rm 5 >"$OUT" 2>"$ERR" </dev/null
	ok $? "rm on a terminal asks, and n keeps the asset"
	is "$(state)" "$before" "… nothing changed"
	{
		echo "timeout 5"
		echo "expect よろしいですか? [y/N]"
		echo "send y"
		echo "expect 情報資産 #5「顧客名簿 (コピー)」を削除しました。"
		echo "wait 0"
	} >"$T/yes.pty"
	n0=$(audit_count)
	"$PTYDRIVE" "$T/yes.pty" -- "$MAMORI" --db "$DB" asset rm 5 >"$OUT" 2>"$ERR" </dev/null
	ok $? "rm on a terminal, y removes the asset"
	is "$(sql "$DB" "SELECT count(*) FROM asset WHERE id = 5")" "0" "… it is gone"
	is "$(audit_count)" "$((n0 + 1))" "… one audit record"
else
	skip "rm on a terminal (PTYDRIVE not built)"
	run asset rm 5 --yes
fi
n0=$(audit_count)
run asset rm 3 --yes
is_rc 0 "rm --yes"
has "$OUT" "情報資産 #3「=HYPERLINK(\"x\")」を削除しました。" "… says what it removed"
is "$(audit_count)" "$((n0 + 1))" "… one audit record"
is "$(sql "$DB" "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1")" "asset.delete" "… asset.delete"

# --- risk list
run asset add --name 見積書 --medium 書類 --c 2 --i 1 --a 1
run asset add --name 社内規程 --medium 社内サーバー --c 1 --i 1 --a 1
run risk list
is_rc 0 "risk list"
has "$OUT" "重要度 脅威 脆弱性 可能性 リスク値" "… the risk columns"
has "$OUT" "? 未評価 (既定値)" "… explains the marks"
has "$OUT" "大 2 件 (うち対応未定 1 件)、中 1 件、小 2 件、計 5 件" "… counts per band and the 大 without a treatment"
run risk list --format json
is_rc 0 "risk list --format json"
json "$OUT" 'all(k in a for a in d for k in ("id", "name", "medium", "importance", "threat", "vulnerability", "vulnerability_source", "likelihood", "risk", "band"))' \
    "… every asset has id, name, medium, importance, threat, vulnerability, vulnerability_source, likelihood, risk, band"
json "$OUT" '[a["risk"] for a in d] == sorted([a["risk"] for a in d], reverse=True)' \
    "… sorted by risk value, highest first"
json "$OUT" 'set(a["band"] for a in d) <= {"大", "中", "小"} and d[0]["band"] == "大" and d[-1]["band"] == "小"' \
    "… band is 大/中/小"
json "$OUT" '[a["treatment"]["kind"] for a in d if a["id"] == 4] == ["transfer"]' "… with the treatment"
run risk list --format csv
is_rc 0 "risk list --format csv"
is "$(head -n 1 "$OUT")" "id,name,medium,medium_label,department,importance,threat,threat_source,vulnerability,vulnerability_source,likelihood,risk,band,treatment,treatment_status" \
    "… the CSV header"
grep -qE '^4,同じ名前,paper,書類,[^,]*,3,2,default,3,default,2,6,大,transfer,in_progress$' "$OUT"
ok $? "… a row"
is "$(wc -l <"$OUT" | tr -d ' ')" "6" "… a header and five rows"
run risk list --band 小 --format csv
is "$(cut -d, -f13 "$OUT" | tail -n +2 | sort -u | tr '\n' ' ')" "小 " "risk list --band 小"
run risk list --importance 3 --likelihood 2 --format csv
is "$(cut -d, -f1 "$OUT" | tail -n +2 | tr '\n' ' ')" "4 2 " "risk list --importance --likelihood: one cell of the heat map"
run risk list --untreated --band 大 --format csv
is "$(cut -d, -f1 "$OUT" | tail -n +2 | tr '\n' ' ')" "2 " "risk list --untreated"
run risk list --limit 1 --format csv
is "$(wc -l <"$OUT" | tr -d ' ')" "2" "risk list --limit"
refused "risk list --band 特大" 2 "--band は 大、中、小" risk list --band 特大
refused "risk list --importance 4" 2 "--importance は 1、2、3 のどれかです: 4" risk list --importance 4
refused "risk list --format xml" 2 "--format が不正です: xml" risk list --format xml
refused "risk without a subcommand" 2 "list, threats, rate のどれか" risk
refused "risk threats --band" 2 "絞り込みのオプションは risk list でだけ使えます" risk threats --band 大

# --- threats and ratings
run risk threats
is_rc 0 "risk threats"
has "$OUT" "自社診断: まだありません" "… says there is no diagnosis yet"
has "$OUT" "脅威の発生頻度 2 (既定値・未評価)  脆弱性 3 (未評価)" "… the defaults"
has "$OUT" "主な脅威: 盗難" "… the threats of each medium"
run risk threats --format json
json "$OUT" 'd["has_diagnosis"] is False and len(d["media"]) == 6 and all(m["threat_source"] == "default" for m in d["media"])' \
    "risk threats --format json"
run risk threats --format csv
is "$(head -n 1 "$OUT")" "medium,label,rating,default_threat,threat,threat_source,vulnerability,vulnerability_source,threats" \
    "risk threats --format csv header"
is "$(wc -l <"$OUT" | tr -d ' ')" "7" "… one row per medium"

n0=$(audit_count)
run risk rate 書類 3
is_rc 0 "risk rate 書類 3"
has "$OUT" "「書類」の脅威の発生頻度を 3 にしました。この媒体の情報資産 3 件のリスク値を計算し直しました。" \
    "… says how many assets were recomputed"
is "$(audit_count)" "$((n0 + 1))" "… one audit record"
is "$(sql "$DB" "SELECT group_concat(threat || threat_source || risk_value) FROM asset WHERE medium = 'paper' ORDER BY id")" \
    "3rated9,3rated9,3rated6" "… the paper assets now have 脅威 3 (rated) and their new risk"
is "$(sql "$DB" "SELECT threat_source FROM asset WHERE medium = 'office-pc'")" "default" \
    "… other media keep the default"
run risk threats --format csv
has "$OUT" "paper,書類,3,2,3,rated,3,default," "risk threats shows the rating"
run risk rate paper none
is_rc 0 "risk rate paper none"
is "$(sql "$DB" "SELECT group_concat(threat || threat_source) FROM asset WHERE medium = 'paper'")" \
    "2default,2default,2default" "… back to the default"
unchanged "risk rate of an unknown medium" 2 '媒体 "金庫" はありません' risk rate 金庫 2
unchanged "risk rate 4" 2 "脅威の発生頻度は 1、2、3 か none です: 4" risk rate 書類 4
unchanged "risk rate without a level" 2 "媒体と評価" risk rate 書類
unchanged "risk rate --format json" 2 "risk rate は --format をとりません" risk rate 書類 2 --format json

# --- a completed 自社診断 recomputes 脆弱性
answers_csv "$T/yes.csv"
run diagnose --answers "$T/yes.csv"
is_rc 0 "a diagnosis with every item implemented"
run risk list --format json
json "$OUT" 'all(a["vulnerability"] == 1 and a["vulnerability_source"] == "rated" for a in d if a["id"] != 1)' \
    "… gives 脆弱性 1 from the diagnosis"
json "$OUT" '[(a["vulnerability"], a["vulnerability_source"]) for a in d if a["id"] == 1] == [(2, "override")]' \
    "… but an override stays"
run risk threats
has "$OUT" "自社診断: 記録あり" "risk threats says there is a diagnosis"

# --- import and export are handed to cmd_asset_io (tested on their own)
run asset export --format csv -o "$T/ledger.csv"
is_rc 0 "asset export reaches cmd_asset_io"
has "$T/ledger.csv" "情報資産名称" "… and writes the ledger"
run asset --format json export -o "$T/ledger.json"
is_rc 0 "an option before the subcommand: asset --format json export"
json "$T/ledger.json" 'True' "… writes JSON"
before=$(state)
run asset import "$T/ledger.csv" --dry-run
is_rc 0 "asset import --dry-run of the export"
is "$(state)" "$before" "… changes nothing"
run asset import --help
is_rc 0 "asset import --help"

# --- several organisations
run org add "B社" --slug b
refused "asset list with two organisations needs --org" 1 "組織が複数あります" asset list
run asset list --org b
is_rc 0 "asset list --org b"
has "$OUT" "情報資産はまだありません。" "… the other organisation's ledger is empty"
unchanged "show of another organisation's asset" 1 "情報資産 1 はこの組織にありません" \
    asset show 1 --org b
unchanged "edit of another organisation's asset" 1 "情報資産 1 はこの組織にありません" \
    asset edit 1 --org b --name x
unchanged "rm of another organisation's asset" 1 "情報資産 1 はこの組織にありません" \
    asset rm 1 --org b --yes
run risk list --org b --format csv
is "$(wc -l <"$OUT" | tr -d ' ')" "1" "risk list --org b: only the header"

run audit verify
is_rc 0 "the audit log verifies"

done_testing
