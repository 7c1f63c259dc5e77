#!/bin/sh
# Documents read back by real readers. The sample document of
# tests/tools/docrender (title page, chapters, numbered articles, lists, a
# table) is written as DOCX and converted by LibreOffice (headless, a
# private profile) to text and to PDF, whose text must match: the
# organisation name (in the body and in the page header), 第1条, the last
# article, a table cell and a list item; the page is A4. Then the same
# document as PDF (pdf_out): the Noto CJK fonts are embedded and
# pdftotext reads the organisation name and 第1条.
. "$(dirname "$0")/lib.sh"

: "${DOCRENDER:=$(pwd)/build/tools/docrender}"
if [ ! -x "$DOCRENDER" ]; then
	echo "Bail out! DOCRENDER=$DOCRENDER is not an executable (run make check-cli)"
	exit 1
fi

# an organisation name with characters XML must escape
ORG='株式会社テスト＆サンプル <R&D>'

# --- DOCX
"$DOCRENDER" docx "$T/sample.docx" "$ORG" >"$OUT" 2>"$ERR"
ok $? "docrender docx writes the sample document"
is "$(head -c 4 "$T/sample.docx" | od -An -c | tr -d ' ')" 'PK003004' "… a zip file"

# lo FORMAT — convert the DOCX with LibreOffice into $T/lo (status)
lo() {
	mkdir -p "$T/lo"
	timeout 180 soffice --headless -env:UserInstallation="file://$T/lo-profile" \
	    --convert-to "$1" --outdir "$T/lo" "$T/sample.docx" >>"$T/lo.out" 2>&1
}

if command -v soffice >/dev/null 2>&1; then
	lo 'txt:Text'
	if [ -f "$T/lo/sample.txt" ]; then
		pass "LibreOffice converts our DOCX to text"
		has "$T/lo/sample.txt" "$ORG" "… the organisation name (escaped and read back)"
		has "$T/lo/sample.txt" "情報セキュリティ関連規程" "… the title"
		has "$T/lo/sample.txt" "第1条（目的）" "… 第1条 with its title"
		has "$T/lo/sample.txt" "第42条（教育）" "… the articles numbered across the document"
		hasnt "$T/lo/sample.txt" "第43条" "… and no more"
		has "$T/lo/sample.txt" "代表取締役 山田 太郎" "… a table cell"
		has "$T/lo/sample.txt" "パスワードは 12 文字以上とする。" "… a list item"
		has "$T/lo/sample.txt" "全ての役員及び従業員に適用します。" "… a paragraph with a bold span, no markup"
		hasnt "$T/lo/sample.txt" "**" "… no ** left"
	else
		fail "LibreOffice converts our DOCX to text"
		diag_file "$T/lo.out" 20
	fi
	lo pdf
	if [ -f "$T/lo/sample.pdf" ] && command -v pdftotext >/dev/null 2>&1; then
		pass "LibreOffice converts our DOCX to PDF"
		pdftotext -f 2 -l 2 "$T/lo/sample.pdf" "$T/lo/page2.txt" 2>/dev/null
		has "$T/lo/page2.txt" "$ORG" "… the organisation name in the page header"
		# pdftotext puts spaces around digits among kanji ("第 1 条")
		tr -d ' ' <"$T/lo/page2.txt" >"$T/lo/page2-nospace.txt"
		has "$T/lo/page2-nospace.txt" "第1条（目的）" "… the body starts on page 2, after the title page"
		pdfinfo "$T/lo/sample.pdf" >"$T/lo/info.txt" 2>&1
		has "$T/lo/info.txt" "(A4)" "… A4 pages"
	elif [ -f "$T/lo/sample.pdf" ]; then
		pass "LibreOffice converts our DOCX to PDF"
		skip "PDF of the DOCX: pdftotext is missing (apt-get install poppler-utils)"
	else
		fail "LibreOffice converts our DOCX to PDF"
		diag_file "$T/lo.out" 20
	fi
else
	skip "DOCX read by LibreOffice: soffice is not installed (apt-get install libreoffice-writer)"
fi

# --- PDF (pdf_out)
if ! command -v pdffonts >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
	skip "PDF checks: pdffonts/pdftotext are missing (apt-get install poppler-utils)"
elif ! "$DOCRENDER" pdf "$T/sample.pdf" "$ORG" >"$OUT" 2>"$ERR"; then
	skip "PDF checks: docrender pdf fails (pdf_out not ready?): $(head -n 1 "$ERR")"
else
	pass "docrender pdf writes the sample document"
	pdffonts "$T/sample.pdf" >"$T/fonts.txt" 2>&1
	# columns from the end: emb sub uni object-id generation
	awk 'NR > 2 && $1 ~ /Noto(Sans|Serif)CJK/ && $(NF - 4) == "yes" { n++ } END { exit !n }' \
	    "$T/fonts.txt"
	ok $? "… Noto CJK fonts embedded"
	awk 'NR > 2 && $(NF - 4) != "yes" { bad++ } END { exit bad }' "$T/fonts.txt"
	ok $? "… every font embedded"
	pdftotext "$T/sample.pdf" "$T/pdf.txt" 2>/dev/null
	has "$T/pdf.txt" "$ORG" "… pdftotext reads the organisation name"
	has "$T/pdf.txt" "第1条" "… and 第1条"
fi

done_testing
