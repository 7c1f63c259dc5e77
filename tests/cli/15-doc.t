#!/bin/sh
# mamori doc preview: the 基本方針, ハンドブック and 関連規程 written from the
# organisation's data — its name and role holders in the text, the
# parameters' defaults, optional sections left out with the reason (no
# in-house development, no personal data in the ledger), and the four
# formats (Markdown, HTML, PDF read back with pdftotext, DOCX as a zip).
. "$(dirname "$0")/lib.sh"

init_db t "文書テスト株式会社"
mm org set --org t representative "山田 太郎" >/dev/null 2>&1
mm user add taro@example.jp --org t --role owner >/dev/null 2>&1
mm org role --org t role-ciso --name "代表取締役 山田" >/dev/null 2>&1

run doc preview policy --org t
is_rc 0 "the policy is written"
has "$OUT" "文書テスト株式会社" "… with the organisation's name"
has "$OUT" "山田 太郎" "… and its representative"
hasnt "$OUT" "{{" "… and no template tag left"

run doc preview regulations --org t
is_rc 0 "the regulations are written"
has "$OUT" "#### " "… as articles"
has "$OUT" "代表取締役 山田" "… naming the holder of a role"
has "$OUT" "12" "… with the default minimum password length"
has "$ERR" "システム開発及び保守" "the development chapter is left out …"
has "$ERR" "開発・保守を行っていない" "… and the reason is given"
has "$ERR" "個人情報" "personal data articles are left out while the ledger has none"

mm asset add --org t --name 顧客名簿 --medium 事務所PC --c 3 --i 2 --a 2 --personal >/dev/null 2>&1
run doc preview regulations --org t
hasnt "$ERR" "個人情報が登録されていない" "with personal data in the ledger its articles stay"

run doc preview handbook --org t --format html
is_rc 0 "the handbook as HTML"
has "$OUT" "<h2>" "… with headings"
hasnt "$OUT" "<script" "… and no script"

if command -v pdftotext >/dev/null 2>&1; then
	run doc preview regulations --org t --format pdf -o "$T/reg.pdf"
	is_rc 0 "the regulations as PDF"
	pdftotext "$T/reg.pdf" - | tr -d ' \n' >"$T/reg.txt"
	has "$T/reg.txt" "文書テスト株式会社" "… with the organisation's name"
	has "$T/reg.txt" "第1条" "… and numbered articles"
else
	skip "pdftotext is not installed (poppler-utils)"
fi

run doc preview policy --org t --format docx -o "$T/policy.docx"
is_rc 0 "the policy as DOCX"
is "$(head -c 2 "$T/policy.docx")" "PK" "… a zip file"

run doc preview nothing --org t
is_rc 1 "an unknown kind is refused"
has "$ERR" "policy" "… naming the kinds"
run doc preview policy --org t --format rtf
is_rc 2 "an unknown format is a usage error"

done_testing
