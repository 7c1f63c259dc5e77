#!/bin/sh
# The 情報資産管理台帳 to and from files over HTTP: export as CSV, XLSX and
# JSON (page and API); import with a dry run that changes nothing, the
# confirmation that must send the reviewed file, a bad file refused whole
# with each bad row named, the API's raw-body upload; who may export and
# import; another organisation; text from the file never unescaped.
. "$(dirname "$0")/lib.sh"

SECRET_B=秘密の乙社
"$MAMORI" --db "$DB" init --org "台帳テスト株式会社" --slug a >/dev/null 2>&1 || bail "init failed"
"$MAMORI" --db "$DB" org add "別会社 $SECRET_B" --slug b >/dev/null 2>&1 || bail "org add failed"
"$MAMORI" --db "$DB" asset add --org b --name "$SECRET_B の顧客名簿" --medium 書類 --c 3 --i 3 \
    --a 3 >/dev/null 2>&1 || bail "asset add for b failed"
start_server
first_login adm admin@mamori.local "$ADMIN_OTP"
add_user editor editor@a.example.jp a editor
add_user auditor auditor@a.example.jp a auditor
add_user member member@a.example.jp a member
A_ORG=$(sql "SELECT id FROM org WHERE slug = 'a'")

assets_of_a() {
	sql "SELECT count(*) FROM asset WHERE org_id = $A_ORG"
}
state() {
	sql "SELECT * FROM asset ORDER BY id; SELECT count(*) FROM audit_log"
}
# POST a multipart form to the import page as the current user
import_form() {
	http POST "/o/a/assets/import" -H "Origin: $BASE" -F "_csrf=$CSRF" "$@"
}

printf '情報資産名称,媒体・保存先,機密性,完全性,可用性,備考\r\n顧客名簿,書類,3,2,2,\r\n見積書,事務所PC,2,2,1,"=HYPERLINK(""x"")"\r\n' \
    >"$T/two.csv"

# --- the import page and the dry run
as_user editor
get /o/a/assets/import
is_status 200 "the import page"
has "$BODY" 'enctype="multipart/form-data"' "… a file upload form"
has "$BODY" 'name="dry_run" value="1" checked' "… with the dry run chosen by default"
before=$(state)
import_form -F "file=@$T/two.csv;filename=two.csv" -F dry_run=1
is_status 200 "a dry run of a good file"
has "$BODY" "確認の結果 (まだ何も変更していません)" "… says nothing changed yet"
has "$BODY" "<td>顧客名簿</td>" "… lists what would be added"
has "$BODY" 'name="reviewed" value="' "… and offers to import the reviewed file"
is "$(state)" "$before" "… and changes nothing"
reviewed=$(sed -n 's/.*name="reviewed" value="\([0-9a-f]*\)".*/\1/p' "$BODY" | head -n 1)
is "$reviewed" "$(sha256sum "$T/two.csv" | cut -c1-64)" "… the reviewed file is named by its SHA-256"

# --- the confirmation must send that file
printf '情報資産名称,媒体・保存先,機密性,完全性,可用性\r\n別の資産,書類,1,1,1\r\n' >"$T/other.csv"
import_form -F "file=@$T/other.csv" -F "reviewed=$reviewed"
is_status 200 "confirming with another file"
has "$BODY" "確認したものと違うため、読み込まずにもう一度確認しました" "… imports nothing and says why"
is "$(state)" "$before" "… nothing changed"
import_form -F "file=@$T/two.csv" -F "reviewed=$reviewed"
is_status 200 "confirming with the reviewed file"
has "$BODY" "読み込みました" "… imports it"
is "$(assets_of_a)" 2 "… two assets added"
is "$(sql "SELECT count(*) FROM audit_log WHERE action = 'asset.create' AND actor = 'web:editor@a.example.jp'")" 2 \
    "… one audit record per asset, by the user"
is "$(sql "SELECT note FROM asset WHERE name = '見積書'")" '=HYPERLINK("x")' "… text as written"

# --- export
get /o/a/assets/export.csv
is_status 200 "export.csv"
is "$(hdr Content-Type)" "text/csv; charset=utf-8" "… as CSV"
has "$HDR" 'attachment; filename="mamori-assets-a.csv"' "… as a download"
has "$BODY" "\"'=HYPERLINK(\"\"x\"\")\"" "… formulas neutralised"
get /o/a/assets/export.xlsx
is_status 200 "export.xlsx"
is "$(hdr Content-Type)" "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" "… as XLSX"
is "$(head -c 2 "$BODY")" "PK" "… a zip"
cp "$BODY" "$T/a.xlsx"
get /o/a/assets/export.json
is_status 200 "export.json"
json "$BODY" 'd["count"] == 2 and d["org"] == "a"' "… the ledger as JSON"
hasnt "$BODY" "$SECRET_B" "… without another organisation's assets"

# --- a bad file: refused whole, every bad row named, escaped
printf '情報資産名称,媒体・保存先,機密性,完全性,可用性\r\n良い資産,書類,1,1,1\r\n<script>alert(1)</script>,紙,1,1,1\r\n悪い評価,書類,9,1,1\r\n' \
    >"$T/bad.csv"
before=$(state)
import_form -F "file=@$T/bad.csv;filename=<img src=x onerror=alert(2)>.csv"
is_status 422 "a file with bad rows"
has "$BODY" "2 件の誤りがあります。何も変更していません。" "… refused whole"
has "$BODY" '<td class="num">3</td><td>媒体・保存先 (B 列)</td>' "… names the row and column"
has "$BODY" '<td class="num">4</td><td>機密性 (C 列)</td><td>機密性 は 1、2、3 のどれかです: 9</td>' "… and why"
hasnt "$BODY" "<script>alert(1)" "… never unescaped (cell text)"
hasnt "$BODY" "<img src=x" "… never unescaped (file name)"
is "$(state)" "$before" "… and the good row was not added"
import_form -F dry_run=1
is_status 400 "no file"
has "$BODY" "読み込むファイルを選んでください。" "… says so"

# --- the report in the page's language: English, then Japanese again
printf '情報資産名称,媒体・保存先,機密性,完全性,可用性,対応,期限\r\n顧客名簿,書類,3,3,2,,\r\n悪い評価,書類,9,1,1,,\r\n期限だけ,書類,1,1,1,低減,明日\r\n' \
    >"$T/mixed.csv"
before=$(state)
get "/o/a/assets/import?lang=en"
is_status 200 "the import page in English"
import_form -F "file=@$T/mixed.csv" -F dry_run=1
is_status 422 "a dry run of a file with bad rows, in English"
has "$BODY" "2 mistakes found. The file cannot be imported as it is." "… the summary in English"
has "$BODY" "CSV (UTF-8), header in row 1</p>" "… what was read, in English"
has "$BODY" '<td class="num">3</td><td>機密性 (column C)</td><td>Confidentiality must be 1, 2 or 3: 9</td>' \
    "… a row refused by the asset's rules, in English"
has "$BODY" '<td class="num">4</td><td>期限 (column G)</td><td>The due date must be a date like 2026-04-01: 明日</td>' \
    "… a row refused by the importer, in English"
has "$BODY" "<td>Integrity: 2 → 3</td>" "… what would change, in English"
hasnt "$BODY" "の形の日付です" "… no Japanese sentence built in C"
hasnt "$BODY" "列)" "… nor a Japanese column label"
get "/o/a/assets/import?lang=ja"
is_status 200 "the import page in Japanese again"
import_form -F "file=@$T/mixed.csv" -F dry_run=1
is_status 422 "the same dry run in Japanese"
has "$BODY" "2 件の誤りがあります。このままでは読み込めません。" "… the summary in Japanese"
has "$BODY" "CSV (UTF-8)、見出しは行 1</p>" "… what was read, in Japanese"
has "$BODY" '<td class="num">3</td><td>機密性 (C 列)</td><td>機密性 は 1、2、3 のどれかです: 9</td>' \
    "… the asset's rule in Japanese"
has "$BODY" '<td class="num">4</td><td>期限 (G 列)</td><td>期限は 2026-04-01 の形の日付です: 明日</td>' \
    "… the importer's rule in Japanese"
has "$BODY" "<td>完全性: 2 → 3</td>" "… what would change, in Japanese"
is "$(state)" "$before" "… and neither changed anything"

# --- the API
as_token editor
http POST "/api/assets/import?org=a&dry_run=1" -H "Content-Type: text/csv" --data-binary "@$T/bad.csv"
is_status 422 "API: a dry run of the bad file as the raw body"
json "$BODY" 'd["dry_run"] and d["problems_total"] == 2 and d["problems"][0]["row"] == 3 and d["error"]["status"] == 422' \
    "… the report with every bad row"
http POST "/api/assets/import?org=a&dry_run=1" -F "file=@$T/a.xlsx"
is_status 200 "API: a dry run of our own XLSX"
json "$BODY" 'd["format"] == "xlsx" and d["sheet"] == "情報資産管理台帳" and d["unchanged"] == 2 and d["added"] == 0' \
    "… nothing would change"
printf '情報資産名称,媒体・保存先,機密性,完全性,可用性\r\nAPI の資産,モバイル機器,2,2,2\r\n' >"$T/api.csv"
http POST "/api/assets/import?org=a" -F "file=@$T/api.csv"
is_status 200 "API: an import"
json "$BODY" 'd["committed"] and d["added"] == 1 and d["items"][0]["id"] > 0' "… reports the new asset"
http GET "/api/assets/export.csv?org=a"
is_status 200 "API: export.csv"
has "$BODY" "API の資産" "… with the imported asset"
http POST "/api/assets/import?org=a"
is_status 400 "API: an import without a file"

# --- who may
as_user auditor
get /o/a/assets/export.xlsx
is_status 200 "an auditor may export"
before=$(state)
import_form -F "file=@$T/api.csv"
is_status 403 "an auditor may not import"
is "$(state)" "$before" "… nothing changed"
as_user member
get /o/a/assets/export.csv
is_status 403 "a member may not export the ledger"
as_user editor
get /o/b/assets/export.csv
is_status 404 "another organisation's export is not there"
http POST "/o/a/assets/import" -H "Origin: $BASE" -F "file=@$T/api.csv"
is_status 403 "an import without the CSRF token is refused"

done_testing
