#!/bin/sh
# The printed documents of the 自社診断 and the 5か条 on the command line:
# mamori diagnose report (PDF read back with pdftotext and pdffonts, the
# chart page rendered with pdftoppm and not blank, DOCX with the charts
# as picture parts, Markdown), mamori diagnose sheet (blank and filled),
# mamori org pledge sheet; a draft has no report; bad options refused.
# The fonts cut down to the document's characters are written under
# $TMPDIR and removed afterwards; with no usable $TMPDIR the document is
# drawn with the installed fonts and is just as complete.
. "$(dirname "$0")/lib.sh"

init_db t "報告テスト株式会社"
mm org set --org t representative "山田 太郎" >/dev/null 2>&1
answers_csv "$T/a1.csv" 2=partial 3=no 4=unknown
answers_csv "$T/a2.csv" 2=partial 4=unknown 19=unknown
mm diagnose --org t --answers "$T/a1.csv" --respondent 総務部 >/dev/null 2>&1
mm diagnose --org t --answers "$T/a2.csv" --respondent 総務部 >/dev/null 2>&1
R2=$(sql "$DB" "SELECT max(id) FROM diag_round")
TOTAL=$(sql "$DB" "SELECT total FROM diag_round WHERE id = $R2")

run diagnose report "$R2" --org t --format md
is_rc 0 "the result report as Markdown"
has "$OUT" "報告テスト株式会社" "… names the company"
has "$OUT" "$TOTAL 点 / 100 点" "… gives the total score"
has "$OUT" "| 基本的対策 |" "… the subtotals by part"
has "$OUT" "19. " "… lists the わからない items"
has "$OUT" "前回との比較" "… and compares with the previous round"

run diagnose report "$R2" --org t --format md --lang en
is_rc 0 "… in English"
has "$OUT" "Self-diagnosis result report" "… with English labels"

if command -v pdftotext >/dev/null 2>&1 && command -v pdffonts >/dev/null 2>&1; then
	run diagnose report "$R2" --org t -o "$T/report.pdf"
	is_rc 0 "the result report as PDF (the default format)"
	pdftotext "$T/report.pdf" "$T/report.txt" 2>/dev/null
	has "$T/report.txt" "報告テスト株式会社" "… pdftotext finds the company"
	has "$T/report.txt" "$TOTAL 点 / 100 点" "… the total score"
	band=$(mm diagnose show "$R2" --org t --format json | "$PYTHON" -c \
	    'import json,sys; print(json.load(sys.stdin)["result"]["band"]["label"])' 2>/dev/null)
	has "$T/report.txt" "$band" "… the band ($band)"
	advice=$(mm diagnose show "$R2" --org t --format json | "$PYTHON" -c \
	    'import json,sys; print(json.load(sys.stdin)["result"]["weak"][0]["advice"][:12])' 2>/dev/null)
	has "$T/report.txt" "$advice" "… an advice text"
	pdffonts "$T/report.pdf" >"$T/fonts.txt" 2>&1
	has "$T/fonts.txt" "NotoSansCJK" "… the CJK font is embedded"
	if grep "NotoSansCJK" "$T/fonts.txt" | grep -q " yes "; then
		pass "… as a subset"
	else
		fail "… as a subset"
	fi
	# page 2 holds the radar: its filled value polygon is blue
	if command -v pdftoppm >/dev/null 2>&1 && have_python; then
		pdftoppm -r 30 -f 2 -l 2 "$T/report.pdf" "$T/page" 2>/dev/null
		blue=$("$PYTHON" - "$T"/page*.ppm <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
# P6 header: magic, width, height, maxval, then RGB bytes
parts = data.split(maxsplit=4)
px = parts[4]
print(sum(1 for i in range(0, len(px) - 2, 3) if px[i + 2] > px[i] + 40))
PY
)
		if [ "${blue:-0}" -gt 50 ]; then
			pass "… the chart page is drawn ($blue blue pixels at 30 dpi)"
		else
			fail "… the chart page is drawn (${blue:-0} blue pixels)"
		fi
	else
		skip "chart page: pdftoppm or python3 is missing"
	fi

	mkdir "$T/tmp"
	(TMPDIR="$T/tmp"; export TMPDIR; mm diagnose report "$R2" --org t -o "$T/cut.pdf") \
	    >"$OUT" 2>"$ERR" </dev/null
	ok $? "the report with the cut fonts under \$TMPDIR"
	is "$(ls -A "$T/tmp")" "" "… which are removed afterwards"
	(TMPDIR="$T/none/such"; export TMPDIR; mm diagnose report "$R2" --org t -o "$T/sys.pdf") \
	    >"$OUT" 2>"$ERR" </dev/null
	ok $? "the report when \$TMPDIR can not be written"
	pdftotext "$T/sys.pdf" "$T/sys.txt" 2>/dev/null
	has "$T/sys.txt" "$TOTAL 点 / 100 点" "… is complete"
	pdffonts "$T/sys.pdf" >"$T/sysfonts.txt" 2>&1
	has "$T/sysfonts.txt" "NotoSerifCJK" "… with the installed fonts embedded"
	cut=$(wc -c <"$T/cut.pdf")
	sys=$(wc -c <"$T/sys.pdf")
	if [ "$((cut * 3))" -lt "$sys" ]; then
		pass "… which weigh more than three times the cut ones ($sys against $cut bytes)"
	else
		fail "… which weigh more than three times the cut ones ($sys against $cut bytes)"
	fi

	run diagnose sheet --org t -o "$T/sheet.pdf"
	is_rc 0 "the blank answer sheet as PDF"
	pdftotext "$T/sheet.pdf" "$T/sheet.txt" 2>/dev/null
	has "$T/sheet.txt" "回答用紙" "… is the answer sheet"
	has "$T/sheet.txt" "一部実施している" "… with the answer choices"
	run diagnose sheet "$R2" --org t -o "$T/sheet2.pdf"
	is_rc 0 "the filled answer sheet"
	pdftotext "$T/sheet2.pdf" "$T/sheet2.txt" 2>/dev/null
	has "$T/sheet2.txt" "■" "… with the answers marked"

	run org pledge sheet --org t -o "$T/pledge.pdf"
	is_rc 0 "the pledge sheet as PDF"
	pdftotext "$T/pledge.pdf" "$T/pledge.txt" 2>/dev/null
	has "$T/pledge.txt" "情報セキュリティ5か条" "… is the pledge sheet"
	has "$T/pledge.txt" "山田 太郎" "… names the representative"
	has "$T/pledge.txt" "署名" "… with a line for the signature"
else
	skip "PDF checks: pdftotext/pdffonts are missing (apt-get install poppler-utils)"
fi

run diagnose report "$R2" --org t --format docx -o "$T/report.docx"
is_rc 0 "the result report as DOCX"
if command -v unzip >/dev/null 2>&1; then
	unzip -l "$T/report.docx" >"$T/docx.txt" 2>&1
	has "$T/docx.txt" "word/media/chart1.png" "… the radar as a picture part"
	has "$T/docx.txt" "word/media/chart2.png" "… and the trend"
	unzip -p "$T/report.docx" word/_rels/document.xml.rels >"$T/rels.xml" 2>/dev/null
	has "$T/rels.xml" 'Target="media/chart1.png"' "… each with its relationship"
	unzip -p "$T/report.docx" word/media/chart1.png | head -c 8 | od -c >"$T/png.txt"
	has "$T/png.txt" "P   N   G" "… a real PNG"
else
	skip "DOCX parts: unzip is missing"
fi

# --- refusals
mm diagnose --org t --respondent 下書き中 </dev/null >/dev/null 2>&1
DRAFT=$(sql "$DB" "SELECT max(id) FROM diag_round WHERE completed_at IS NULL OR completed_at = ''")
if [ -n "$DRAFT" ]; then
	refused "a draft has no report" 1 "まだ完了していない" diagnose report "$DRAFT" --org t --format md
else
	skip "no draft to ask a report of"
fi
run diagnose report --org t --format md
is_rc 2 "report without a round is a usage error"
run diagnose report "$R2" --org t --format html
is_rc 2 "report --format html is refused"
refused "no such round" 1 "99999" diagnose report 99999 --org t --format md
run diagnose list --org t -o "$T/x"
is_rc 2 "-o only with report and sheet"

done_testing
