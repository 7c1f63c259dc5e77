#!/bin/sh
# audit verify and audit list; tampering with the database behind
# mamori's back (sqlite3 command line tool) is detected.
. "$(dirname "$0")/lib.sh"

if ! have_sqlite3; then
	echo "1..0 # SKIP the sqlite3 command line tool is not installed"
	exit 0
fi

answers_csv "$T/a.csv" 2=partial 9=na

# mkdb PATH — a database with 4 audit records:
#   1 org.create, 2 diagnosis.record, 3 org.update, 4 diagnosis.record
mkdb() {
	rm -f "$1" "$1-wal" "$1-shm"
	"$MAMORI" --db "$1" init --org "テスト株式会社" --slug test >/dev/null &&
	"$MAMORI" --db "$1" diagnose --answers "$T/a.csv" >/dev/null &&
	"$MAMORI" --db "$1" org set employees 12 >/dev/null &&
	"$MAMORI" --db "$1" diagnose --answers "$T/a.csv" --respondent "営業部" >/dev/null
}

mkdb "$DB"
ok $? "a database with four audit records"
run audit verify
is_rc 0 "audit verify of an untouched log exits 0"
has "$OUT" "監査ログは正常です: 4 件の記録のつながりを確認しました。" "… and counts the records"
run audit verify --format json
json "$OUT" 'd == {"ok": True, "records": 4, "broken_id": 0, "reason": ""}' "audit verify --format json"
run audit list
is_rc 0 "audit list"
has "$OUT" "org.create" "audit list shows the creation"
has "$OUT" "diagnosis.record     diagnosis_round:2" "… and the recorded rounds"
is "$(wc -l <"$OUT" | tr -d ' ')" "4" "… one line per record"
run audit list --format json
is_rc 0 "audit list --format json"
json "$OUT" '[r["id"] for r in d] == [1, 2, 3, 4] and [r["action"] for r in d] == ["org.create", "diagnosis.record", "org.update", "diagnosis.record"]' \
    "the JSON lists every record with its action"
json "$OUT" 'd[0]["at"] == "2026-01-01T00:00:00Z" and d[0]["actor"].startswith("cli:") and d[0]["before"] is None and len(d[0]["hash"]) == 64' \
    "a JSON record has at, actor, before and the hash"
json "$OUT" 'json.loads(d[2]["after"])["employees"] == 12 and json.loads(d[2]["before"]).get("employees") is None' \
    "the update's record holds before and after"
refused "audit without a subcommand is a usage error" 2 "verify か list を指定してください" audit
refused "audit verify --format csv is a usage error" 2 "--format は text か json です" audit verify --format csv

# the triggers refuse edits through SQL
sql "$DB" "UPDATE audit_log SET actor = 'x' WHERE id = 1" >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "the database refuses an UPDATE of the audit log"
sql "$DB" "DELETE FROM audit_log WHERE id = 4" >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "the database refuses a DELETE from the audit log"
sql "$DB" "UPDATE diag_answer SET answer = 'yes' WHERE round_id = 1 AND item_no = 2" >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "the database refuses to change an answer of a completed round"
run audit verify
is_rc 0 "… and the log still verifies"

# broken DESCRIPTION TEXT — audit verify exits 1 with TEXT on stderr
broken() {
	run audit verify
	if [ "$RC" -eq 1 ] && grep -qF -- "$2" "$ERR"; then
		pass "$1"
	else
		fail "$1"
		diag "exit status $RC (expected 1); stderr should contain: $2"
		diag_file "$OUT"
		diag_file "$ERR"
	fi
}

# --- a record rewritten
mkdb "$DB"
sql "$DB" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'cli:mallory' WHERE id = 2"
broken "a rewritten record is detected, naming it" "記録 2 の内容がハッシュと一致しません"
run audit verify --format json
json "$OUT" 'd["ok"] is False and d["broken_id"] == 2 and d["records"] == 1' "the JSON names the broken record"

mkdb "$DB"
sql "$DB" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after = replace(after, '12', '13') WHERE id = 3"
broken "a changed value in a record is detected" "記録 3 の内容がハッシュと一致しません"

# --- a record rewritten with its hash recomputed: the next record's link breaks
mkdb "$DB"
if have_python; then
	"$PYTHON" - "$DB" <<'EOF'
import hashlib, json, re, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DROP TRIGGER audit_log_no_update")
r = db.execute("SELECT id, at, actor, org_id, action, object, before, after, prev_hash"
               " FROM audit_log WHERE id = 2").fetchone()
r = list(r)
r[2] = "cli:mallory"
# as mamori does: compact JSON, \uXXXX escapes in upper case (jansson)
text = json.dumps(r, separators=(",", ":"), ensure_ascii=True)
text = re.sub(r"\\u([0-9a-f]{4})", lambda m: "\\u" + m.group(1).upper(), text)
h = hashlib.sha256(text.encode()).hexdigest()
db.execute("UPDATE audit_log SET actor = ?, hash = ? WHERE id = 2", (r[2], h))
db.commit()
EOF
	broken "a rewritten record with a recomputed hash breaks the chain at the next record" \
	    "記録 3 の前の記録のハッシュが一致しません"
else
	skip "a rewritten record with a recomputed hash (no python3)"
fi

# --- records deleted
mkdb "$DB"
sql "$DB" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)"
broken "a deleted last record is detected" "記録 4 以降が欠けています"
run audit verify --format json
json "$OUT" 'd["ok"] is False and d["broken_id"] == 4 and d["records"] == 3' "the JSON names the missing record"

mkdb "$DB"
sql "$DB" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2"
broken "a deleted record in the middle is detected" "記録 2 が欠けています"

mkdb "$DB"
sql "$DB" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id >= 3"
broken "two deleted records at the end are detected" "記録 3 以降が欠けています"

mkdb "$DB"
sql "$DB" "DELETE FROM audit_head"
broken "a deleted head of the log is detected" "監査ログの先頭情報が削除されています"

# --- a record inserted at the end without going through mamori
mkdb "$DB"
sql "$DB" "INSERT INTO audit_log (id, at, actor, org_id, action, object, before, after, prev_hash, hash)
    SELECT 5, at, actor, org_id, action, object, before, after, hash, hash FROM audit_log WHERE id = 4;
    UPDATE audit_head SET count = 5, last_hash = (SELECT hash FROM audit_log WHERE id = 5)"
broken "a forged record appended at the end is detected" "記録 5 の内容がハッシュと一致しません"

# --- nothing was changed by verify itself; mamori keeps refusing
mkdb "$DB"
sql "$DB" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'cli:mallory' WHERE id = 2"
before=$(dump)
run audit verify
is "$(dump)" "$before" "audit verify changes nothing"

done_testing
