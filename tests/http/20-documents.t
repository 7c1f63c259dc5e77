#!/bin/sh
# The policy documents over HTTP: the list (state per kind, what a member
# still has to read), generation by an editor (a draft version with the
# sections left out and why), the Markdown editor with a preview that
# neutralises script and javascript: links, versions and their
# comparison, a stale edit refused, approval only by an owner with the
# confirmation, publication, the public page of the 基本方針 without
# login filling ★★ on the dashboard, drafts hidden from members,
# "読みました" and who has not read it (the list to copy), downloads as
# PDF/DOCX/Markdown/HTML, the document settings used by the next
# generation, another organisation's documents never reachable, the JSON
# API, and every refusal leaving the database unchanged.
. "$(dirname "$0")/lib.sh"

"$MAMORI" --db "$DB" init --org "文書テスト株式会社" --slug a --representative "山田 太郎" >/dev/null 2>&1 ||
    bail "init failed"
"$MAMORI" --db "$DB" org add "別会社 $SECRET_B" --slug b >/dev/null 2>&1 || bail "org add failed"
start_server
first_login adm admin@mamori.local "$ADMIN_OTP"
add_user owner owner@a.example.jp a owner
add_user admin admin@a.example.jp a admin
add_user editor editor@a.example.jp a editor
add_user member member@a.example.jp a member
add_user member2 member2@a.example.jp a member
add_user supporter supporter@a.example.jp a supporter
add_user bowner owner@b.example.jp b owner
# sql_has QUERY TEXT DESCRIPTION — the result of QUERY contains TEXT
sql_has() {
	sql "$1" >"$T/sql.out"
	has "$T/sql.out" "$2" "$3"
}
versions() {
	sql "SELECT count(*) FROM document_version"
}

# --- empty state
as_user editor
get /o/a/documents
is_status 200 "an editor opens the documents"
has "$BODY" "$(locale_ja documents.none_editor)" "… each kind says how to create it"
has "$BODY" "情報セキュリティ基本方針" "… the policy"
has "$BODY" "情報セキュリティハンドブック" "… the handbook"
has "$BODY" "情報セキュリティ関連規程" "… the regulations"
get /o/a/
has "$BODY" 'href="/o/a/documents"' "the dashboard's action for the policy leads to the documents"

as_user member
get /o/a/documents
is_status 200 "a member opens the documents"
has "$BODY" "$(locale_ja documents.none_member)" "… nothing is published yet"
hasnt "$BODY" 'name="kind"' "… and a member can not create one"
post /o/a/documents -d kind=policy
is_status 403 "a member may not generate"
as_user supporter
get /o/a/documents
is_status 403 "a supporter may not see the documents"
is "$(versions)" 0 "nothing was written"

# --- generation
as_user editor
post /o/a/documents -d kind=nonsense
is_status 400 "an unknown kind is refused"
is "$(versions)" 0 "… and writes nothing"
post /o/a/documents -d kind=regulations
is_status 303 "the editor generates the regulations"
REG=$(sql "SELECT id FROM document WHERE kind = 'regulations'")
is "$(hdr Location)" "/o/a/documents/$REG" "… and is sent to the document"
get "/o/a/documents/$REG"
is_status 200 "the draft opens"
has "$BODY" "$(locale_ja documents.left_out)" "… with the sections left out"
has "$BODY" "テレワーク" "… naming one"
has "$BODY" "<h4>" "… the articles are headings of their own (numbered by the page's style)"
has "$BODY" "$(locale_ja documents.approval_pending)" "… waiting for the owner"
hasnt "$BODY" 'action="/o/a/documents/'"$REG"'/approve"' "… an editor can not approve"

post /o/a/documents -d kind=policy
POL=$(sql "SELECT id FROM document WHERE kind = 'policy'")
get /o/a/documents
hasnt "$BODY" "$(locale_ja documents.published_version) 第0版" "the list names no published version before there is one"
is "$(sql "SELECT number || origin FROM document_version WHERE document_id = $POL")" "1generated" \
    "the policy's first version is generated"
sql_has "SELECT markdown FROM document_version WHERE document_id = $POL" "文書テスト株式会社" \
    "… with the company's name"

# --- members do not see drafts
as_user member
get "/o/a/documents/$POL"
is_status 404 "a member can not open a draft"
get "/o/a/documents/$POL/download?format=md"
is_status 404 "… nor download it"

# --- the editor: preview and save
as_user editor
get "/o/a/documents/$POL/edit"
is_status 200 "the editor opens"
has "$BODY" 'name="markdown"' "… with the Markdown text"
has "$BODY" 'name="base" value="1"' "… started from version 1"
MD=$T/policy.md
sql "SELECT markdown FROM document_version WHERE document_id = $POL AND number = 1" >"$MD"
printf '\n## 6. 追記\n\n<script>alert(1)</script>\n\n[危険](javascript:alert(2)) と [IPA](https://www.ipa.go.jp/) と <img src=x onerror=alert(3)>\n' >>"$MD"
post "/o/a/documents/$POL/edit" --data-urlencode "markdown@$MD" -d action=preview -d base=1
is_status 200 "the preview answers"
has "$BODY" '<h2>6. 追記</h2>' "… rendered as HTML"
hasnt "$BODY" '<script>alert(1)' "… without the script"
hasnt "$BODY" 'href="javascript:' "… nor the javascript: link"
hasnt "$BODY" '<img src=x' "… nor raw HTML"
has "$BODY" 'href="https://www.ipa.go.jp/"' "… keeping the https link"
is "$(versions)" 2 "… and saves nothing"
post "/o/a/documents/$POL/edit" --data-urlencode "markdown@$MD" -d action=save -d base=1 \
    --data-urlencode "note=追記を加えた"
is_status 303 "saving makes a version"
is "$(sql "SELECT number || origin || note FROM document_version WHERE document_id = $POL ORDER BY number DESC LIMIT 1")" \
    "2edited追記を加えた" "… version 2, edited, with the note"
post "/o/a/documents/$POL/edit" --data-urlencode "markdown@$MD" -d action=save -d base=1
is_status 409 "an edit started from version 1 is refused once version 2 exists"
has "$BODY" "第2版" "… naming the newer version"
post "/o/a/documents/$POL/edit" --data-urlencode "markdown@$MD" -d action=save -d base=2
is_status 400 "the same text again is refused"
post "/o/a/documents/$POL/edit" -d "markdown=" -d action=save -d base=2
is_status 400 "an empty text is refused"
has "$BODY" "文書が空です" "… saying so"
post "/o/a/documents/$POL/edit?lang=en" -d "markdown=" -d action=save -d base=2
is_status 400 "… and in English for an English page"
has "$BODY" "The document is empty" "… in English"
get "/o/a/?lang=ja"
is "$(versions)" 3 "… none of them wrote a version"
get "/o/a/documents/$POL"
hasnt "$BODY" '<script>alert(1)' "the stored text is shown without the script"
hasnt "$BODY" 'href="javascript:' "… and without the javascript: link"

# --- comparison
get "/o/a/documents/$POL/diff?from=1&to=2"
is_status 200 "the comparison opens"
has "$BODY" 'class="diff-add"' "… with added lines"
has "$BODY" '6. 追記' "… showing the addition"
has "$BODY" "$(locale_ja documents.unchanged_prefix)" "… unchanged lines folded"
get "/o/a/documents/$POL/diff?from=1&to=9"
is_status 404 "a version that does not exist"
get "/o/a/documents/$POL/diff?from=x"
is_status 400 "a version that is not a number"

# --- approval
BEFORE=$(db_sum)
post "/o/a/documents/$POL/approve" -d version=2 -d confirm=yes
is_status 403 "an editor may not approve"
as_user admin
post "/o/a/documents/$POL/approve" -d version=2 -d confirm=yes
is_status 403 "an admin may not approve"
as_user owner
post "/o/a/documents/$POL/approve" -d version=2
is_status 400 "the owner must tick the confirmation"
post "/o/a/documents/$POL/approve" -d version=1 -d confirm=yes
is_status 409 "an older version can not be approved"
post "/o/a/documents/$POL/publish" -d version=2
is_status 409 "a draft can not be published"
is "$(db_sum)" "$BEFORE" "the refusals changed nothing"
get "/o/a/documents/$POL"
has "$BODY" 'action="/o/a/documents/'"$POL"'/approve"' "the owner sees the approval form"
post "/o/a/documents/$POL/approve" -d version=2 -d confirm=yes
is_status 303 "the owner approves version 2"
OWNER=$(sql "SELECT id FROM account WHERE email = 'owner@a.example.jp'")
is "$(sql "SELECT approved_by FROM document_version WHERE document_id = $POL AND number = 2")" "$OWNER" \
    "… recorded with who"
ok "$([ -n "$(sql "SELECT approved_at FROM document_version WHERE document_id = $POL AND number = 2")" ]; echo $?)" \
    "… and when"
post "/o/a/documents/$POL/approve" -d version=2 -d confirm=yes
is_status 409 "approving twice is refused"

# ★★ needs publication
as_token owner
get "/api/dashboard?org=a"
json "$BODY" "d['security_action']['star2_ready'] is False" "★★ is not ready before publication"

# --- the public page
as_anon
get /p/a/policy
is_status 404 "no public policy before publication"
as_user admin
post "/o/a/documents/$POL/publish" -d version=2
is_status 303 "an admin publishes"
as_anon
get /p/a/policy
is_status 200 "the public page answers without login"
has "$BODY" "文書テスト株式会社" "… with the company"
has "$BODY" "6. 追記" "… the published text"
hasnt "$BODY" '<script>alert(1)' "… without the script"
hasnt "$BODY" 'main-nav' "… and nothing of the organisation's pages"
get /p/b/policy
is_status 404 "an organisation without a published policy has no public page"
get /p/nonexistent/policy
is_status 404 "an unknown organisation neither"
as_token owner
get "/api/dashboard?org=a"
json "$BODY" "d['security_action']['star2_ready'] is False" "★★ still needs a completed diagnosis"
answers_json "$T/answers.json"
cli diagnose --org a --answers "$T/answers.json" || diag_file "$ERR"
get "/api/dashboard?org=a"
json "$BODY" "d['security_action']['star2_ready'] is True" "… then ★★ is ready"

# --- members read and acknowledge
as_user member
get /o/a/
has "$BODY" 'id="documents-to-read"' "the member's dashboard says there is a document to read"
get /o/a/documents
has "$BODY" "$(locale_ja documents.to_read)" "a member sees what to read"
get "/o/a/documents/$POL"
is_status 200 "a member opens the published policy"
has "$BODY" "$(locale_ja documents.ack)" "… with the button to acknowledge"
hasnt "$BODY" 'name="markdown"' "… and no editor"
get "/o/a/documents/$POL?version=1"
is_status 404 "a member can not open another version"
get "/o/a/documents/$POL/download?format=pdf"
is_status 200 "a member downloads the PDF"
is "$(hdr Content-Type)" "application/pdf" "… as a PDF"
ok "$(head -c 5 "$BODY" | grep -c '%PDF-' | grep -q 1; echo $?)" "… that is one"
pdftotext "$BODY" "$T/pol.txt" 2>/dev/null
has "$T/pol.txt" "文書テスト株式会社" "… with the company's name"
post "/o/a/documents/$POL/ack"
is_status 303 "the member acknowledges"
post "/o/a/documents/$POL/ack"
is_status 303 "… twice"
is "$(sql "SELECT count(*) FROM document_ack")" 1 "… recorded once"
is "$(sql "SELECT count(*) FROM audit_log WHERE action = 'document.acknowledge'")" 1 "… with one audit record"
get "/o/a/documents/$POL"
has "$BODY" "$(locale_ja documents.acked)" "… and the page says it is read"
get /o/a/
hasnt "$BODY" 'id="documents-to-read"' "… and the dashboard no longer asks"

as_user admin
get "/o/a/documents/$POL/readers"
is_status 200 "the admin sees who has read it"
has "$BODY" "member2@a.example.jp" "… the member who has not"
has "$BODY" 'id="pending-list"' "… in a list to copy"
hasnt "$BODY" "supporter@a.example.jp" "… without the supporter"
as_token admin
get "/api/documents/$POL/readers?org=a"
json "$BODY" "d['acked'] == 1 and d['total'] == 5" "the API counts one reader of the five members (not the supporter)"
json "$BODY" "'member2@a.example.jp' in [p['email'] for p in d['pending']]" "… and lists who has not read"
as_user member
get "/o/a/documents/$POL/readers"
is_status 403 "a member may not see the readers"

# --- downloads
as_user editor
get "/o/a/documents/$POL/download?format=docx&version=2"
is_status 200 "DOCX"
is "$(hdr Content-Type)" "application/vnd.openxmlformats-officedocument.wordprocessingml.document" "… its type"
case $(hdr Content-Disposition) in attachment\;*) pass "… as an attachment" ;; *) fail "… as an attachment" ;; esac
get "/o/a/documents/$POL/download?format=md&version=1"
is_status 200 "Markdown of version 1"
hasnt "$BODY" "6. 追記" "… which is version 1"
get "/o/a/documents/$POL/download?format=exe"
is_status 400 "an unknown format"
get "/o/a/documents/$POL/download?format=md&version=99"
is_status 404 "a version that does not exist"

# --- settings used by the next generation
as_user editor
get /o/a/documents/parameters
is_status 200 "the settings open"
has "$BODY" 'name="password_min_length"' "… with the password length"
BEFORE=$(db_sum)
post /o/a/documents/parameters -d password_min_length=3
is_status 400 "a value out of range is refused"
is "$(db_sum)" "$BEFORE" "… and changes nothing"
post /o/a/documents/parameters -d password_min_length=16 -d telework_allowed_present=1
is_status 303 "the settings are saved"
is "$(sql "SELECT value FROM org_setting WHERE key = 'doc.password_min_length'")" 16 "… the length"
post /o/a/documents -d kind=regulations
sql_has "SELECT markdown FROM document_version WHERE document_id = $REG ORDER BY number DESC LIMIT 1" \
    "16" "the next generation uses the new length"
sql_has "SELECT left_out FROM document_version WHERE document_id = $REG ORDER BY number DESC LIMIT 1" \
    "telework" "… and records what it left out"

# --- the API
as_token editor
get "/api/documents?org=a"
is_status 200 "GET /api/documents"
json "$BODY" "d['documents'][0]['kind'] == 'policy' and d['documents'][0]['status'] == 'published'" "… lists the published policy first"
http POST "/api/documents?org=a" -H 'Content-Type: application/json' -d '{"kind":"handbook"}'
is_status 201 "POST /api/documents generates"
HB=$(pyval "$BODY" "d['id']")
json "$BODY" "d['number'] == 1" "… version 1"
http POST "/api/documents/$HB/edit?org=a" -H 'Content-Type: application/json' \
    -d '{"markdown":"# 手引き\n\n本文\n","note":"API","base":"1"}'
is_status 201 "a new version through the API"
json "$BODY" "d['number'] == 2" "… version 2"
as_token owner
http POST "/api/documents/$HB/approve?org=a" -H 'Content-Type: application/json' -d '{}'
is_status 200 "the owner approves through the API"
http POST "/api/documents/$HB/publish?org=a" -H 'Content-Type: application/json' -d '{}'
is_status 200 "… and publishes"
json "$BODY" "d['current'] == 2" "… version 2 is current"

# --- another organisation
as_user bowner
get "/o/b/documents/$POL"
is_status 404 "another organisation's owner can not open A's document through B"
get "/o/a/documents/$POL"
is_status 404 "… nor through A"
post "/o/b/documents/$POL/approve" -d confirm=yes
is_status 404 "… nor approve it"
as_token bowner
get "/api/documents/$POL?org=b"
is_status 404 "… nor through the API"

"$MAMORI" --db "$DB" audit verify >/dev/null 2>&1
ok $? "the audit log is sound"
done_testing
