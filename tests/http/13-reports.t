#!/bin/sh
# The printed documents as PDF downloads: the result report of a round
# (with its charts), the answer sheet (blank and filled) and the 5か条
# pledge sheet; application/pdf as an attachment with an ASCII file name
# and its UTF-8 form; read back with pdftotext and pdffonts; a member may
# download, an anonymous visitor may not, another organisation's round is
# not found, a draft has no report.
. "$(dirname "$0")/lib.sh"

for _tool in pdftotext pdffonts; do
	if ! command -v "$_tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $_tool is missing (make deps installs it)"
		exit 0
	fi
done

"$MAMORI" --db "$DB" init --org "報告書テスト株式会社" --slug a >/dev/null 2>&1 || bail "init failed"
"$MAMORI" --db "$DB" org add "別会社" --slug b >/dev/null 2>&1 || bail "org add failed"
answers_json "$T/r1.json" 2=partial 3=no 4=unknown
answers_json "$T/r2.json" 2=partial 4=unknown
"$MAMORI" --db "$DB" diagnose --org a --answers "$T/r1.json" --respondent 総務部 >/dev/null 2>&1 ||
    bail "diagnose r1 failed"
"$MAMORI" --db "$DB" diagnose --org a --answers "$T/r2.json" --respondent 総務部 >/dev/null 2>&1 ||
    bail "diagnose r2 failed"
"$MAMORI" --db "$DB" diagnose --org b --answers "$T/r1.json" >/dev/null 2>&1 || bail "diagnose b failed"
R2=$(sql "SELECT max(id) FROM diag_round WHERE org_id = (SELECT id FROM org WHERE slug = 'a')")
RB=$(sql "SELECT max(id) FROM diag_round WHERE org_id = (SELECT id FROM org WHERE slug = 'b')")
TOTAL=$(sql "SELECT total FROM diag_round WHERE id = $R2")
start_server
first_login adm admin@mamori.local "$ADMIN_OTP"
add_user member member@a.example.jp a member

# --- the result report
as_user member
get "/o/a/diagnosis/rounds/$R2/report.pdf"
is_status 200 "a member downloads the result report"
is "$(hdr Content-Type)" "application/pdf" "… as application/pdf"
cd_value=$(hdr Content-Disposition)
has_cd() {
	case "$cd_value" in *"$1"*) pass "$2" ;; *) fail "$2"; diag "Content-Disposition: $cd_value" ;; esac
}
has_cd "attachment; filename=\"mamori-report-a-$R2.pdf\"" "… an attachment with an ASCII file name"
has_cd "filename*=UTF-8''%E8%87%AA%E7%A4%BE" "… and its UTF-8 name (自社…) percent-encoded"
pdftotext "$BODY" "$T/report.txt" 2>/dev/null
ok $? "… pdftotext reads it"
has "$T/report.txt" "報告書テスト株式会社" "… it names the company"
has "$T/report.txt" "$TOTAL 点 / 100 点" "… gives the total score"
has "$T/report.txt" "区分別の点数" "… has the radar chart's caption"
has "$T/report.txt" "合計点の推移" "… and the trend chart's (two rounds)"
has "$T/report.txt" "前回との比較" "… compares with the previous round"
if pdffonts "$BODY" 2>/dev/null | grep -q "NotoSansCJK"; then
	pass "… the CJK font is embedded"
else
	fail "… the CJK font is embedded"
fi

# the page and the sheet link to the PDFs
get "/o/a/diagnosis/rounds/$R2"
has "$BODY" "/o/a/diagnosis/rounds/$R2/report.pdf" "the results page links to the report PDF"
get "/o/a/diagnosis/sheet"
has "$BODY" "/o/a/diagnosis/sheet.pdf" "the printable blank sheet links to its PDF"
get "/o/a/pledges"
has "$BODY" "/o/a/pledges/sheet.pdf" "the pledge page links to the pledge sheet PDF"

# --- the answer sheets and the pledge sheet
get "/o/a/diagnosis/sheet.pdf"
is_status 200 "the blank answer sheet as PDF"
is "$(hdr Content-Type)" "application/pdf" "… as application/pdf"
pdftotext "$BODY" "$T/sheet.txt" 2>/dev/null
has "$T/sheet.txt" "回答用紙" "… it is the answer sheet"
get "/o/a/diagnosis/rounds/$R2/sheet.pdf"
is_status 200 "the filled answer sheet as PDF"
pdftotext "$BODY" "$T/sheet2.txt" 2>/dev/null
has "$T/sheet2.txt" "総務部" "… it names the respondent"
get "/o/a/pledges/sheet.pdf"
is_status 200 "the pledge sheet as PDF"
pdftotext "$BODY" "$T/pledge.txt" 2>/dev/null
has "$T/pledge.txt" "5か条" "… it is the pledge sheet"
has "$T/pledge.txt" "署名" "… with a line for the signature"

# --- English
get "/o/a/diagnosis/rounds/$R2/report.pdf" -H "Accept-Language: en"
is_status 200 "the report in English"

# --- who and what
get "/o/a/diagnosis/rounds/$RB/report.pdf"
is_status 404 "another organisation's round is not found"
get "/o/a/diagnosis/rounds/999999/report.pdf"
is_status 404 "no such round"
as_anon
get "/o/a/diagnosis/rounds/$R2/report.pdf"
status_in "303 401" "an anonymous visitor gets no report"
hasnt "$BODY" "%PDF" "… and no PDF"

done_testing
