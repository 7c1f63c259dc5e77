#!/bin/sh
# backup FILE (also while another process writes) and restore FILE.
. "$(dirname "$0")/lib.sh"

if ! have_sqlite3; then
	echo "1..0 # SKIP the sqlite3 command line tool is not installed"
	exit 0
fi

# writers of the background loop
WRITES=40

init_db
answers_csv "$T/a.csv" 2=partial
answers_csv "$T/b.csv" 3=no
for f in a b a; do
	"$MAMORI" --db "$DB" diagnose --answers "$T/$f.csv" >/dev/null
done
is "$(round_count)" "3" "three rounds to back up"

run backup "$T/b1.db"
is_rc 0 "backup FILE"
has "$OUT" "バックアップを作成しました: $T/b1.db" "… says where"
[ -s "$T/b1.db" ] && [ ! -e "$T/b1.db-wal" ]
ok $? "the backup is one file, without a WAL beside it"
is "$(sql "$T/b1.db" 'PRAGMA integrity_check')" "ok" "the backup passes SQLite's integrity check"
is "$(round_count "$T/b1.db")" "3" "the backup holds the three rounds"
sum=$(cksum <"$T/b1.db")
refused "backup onto an existing file is refused" 1 "は既にあります" backup "$T/b1.db"
is "$(cksum <"$T/b1.db")" "$sum" "… and leaves that file alone"
refused "backup into a missing folder fails" 1 "" backup "$T/no/such/dir/b.db"
refused "backup without a file is a usage error" 2 "バックアップ先のファイル名を一つ指定してください" backup

# --- restore into a new path
"$MAMORI" --db "$T/new.db" restore "$T/b1.db" >"$OUT" 2>"$ERR" </dev/null
RC=$?
is_rc 0 "restore into a new path needs no --yes"
has "$OUT" "スキーマ版" "restore reports what it checked"
has "$OUT" "監査記録 4 件" "… with the number of audit records"
"$MAMORI" --db "$T/new.db" audit verify >"$OUT" 2>"$ERR"
RC=$?
is_rc 0 "the restored database's audit log verifies"
has "$OUT" "5 件" "the restore added one audit record"
is "$(sql "$T/new.db" 'SELECT action FROM audit_log ORDER BY id DESC LIMIT 1')" "backup.restore" \
    "… the last one, backup.restore"
"$MAMORI" --db "$T/new.db" diagnose list >"$OUT" 2>"$ERR"
is "$(grep -c '^#' "$OUT")" "3" "the restored database lists the three rounds"

# --- backup while another process writes
(
	i=0
	while [ $i -lt $WRITES ]; do
		if "$MAMORI" --db "$DB" diagnose --answers "$T/b.csv" >/dev/null 2>>"$T/writer.err"; then
			echo ok
		else
			echo fail
		fi
		i=$((i + 1))
	done >"$T/writer.log"
) &
writer=$!
k=1
while [ $k -le 4 ]; do
	sleep 0.05 2>/dev/null || sleep 1
	"$MAMORI" --db "$DB" backup "$T/load$k.db" >"$T/backup$k.out" 2>&1
	echo $? >"$T/backup$k.rc"
	k=$((k + 1))
done
wait $writer
is "$(grep -c '^ok$' "$T/writer.log")" "$WRITES" "all $WRITES writes of the background loop succeeded"
[ -s "$T/writer.err" ] && diag_file "$T/writer.err"
final=$(round_count)
is "$final" "$((3 + WRITES))" "the live database has every round"
prev=3
k=1
while [ $k -le 4 ]; do
	b=$T/load$k.db
	r=$T/restored$k.db
	if [ "$(cat "$T/backup$k.rc")" = 0 ]; then
		pass "backup $k under load succeeded"
	else
		fail "backup $k under load succeeded"
		diag_file "$T/backup$k.out"
	fi
	n=$(round_count "$b")
	diag "backup $k holds $n rounds (of $final)"
	if [ -n "$n" ] && [ "$n" -ge "$prev" ] && [ "$n" -le "$final" ]; then
		pass "backup $k holds between $prev and $final rounds"
		prev=$n
	else
		fail "backup $k holds between $prev and $final rounds"
	fi
	a=$(audit_count "$b")
	"$MAMORI" --db "$r" restore "$b" --yes >"$OUT" 2>"$ERR"
	RC=$?
	is_rc 0 "backup $k restores into a new database"
	"$MAMORI" --db "$r" audit verify >"$OUT" 2>"$ERR"
	RC=$?
	is_rc 0 "the audit log of restored backup $k verifies"
	is "$(round_count "$r")" "$n" "restored backup $k has the rounds of the backup"
	is "$(audit_count "$r")" "$((a + 1))" "restored backup $k has the backup's audit records and one more"
	# every round and its audit record were written in one transaction
	is "$(sql "$r" "SELECT count(*) FROM audit_log WHERE action = 'diagnosis.record'")" "$n" \
	    "restored backup $k has one diagnosis.record per round (a consistent state)"
	k=$((k + 1))
done

# --- restore over an existing database
before=$(dump)
"$MAMORI" --db "$DB" restore "$T/b1.db" </dev/null >"$OUT" 2>"$ERR"
RC=$?
is_rc 2 "restore over an existing database without --yes on a non-terminal is refused (exit 2)"
has "$ERR" "確認のため --yes を付けて実行してください" "… asking for --yes"
is "$(dump)" "$before" "… and changes nothing"

# rejected DESCRIPTION FILE TEXT — restore FILE --yes over $DB fails with
# exit 1 and TEXT on stderr, and $DB is unchanged
rejected() {
	"$MAMORI" --db "$DB" restore "$2" --yes </dev/null >"$OUT" 2>"$ERR"
	RC=$?
	if [ "$RC" -eq 1 ] && grep -qF -- "$3" "$ERR" && grep -qF "何も変更していません" "$ERR"; then
		pass "$1 is refused"
	else
		fail "$1 is refused"
		diag "exit status $RC (expected 1); stderr should contain: $3 / 何も変更していません"
		diag_file "$OUT"
		diag_file "$ERR"
	fi
	if [ "$(dump)" = "$before" ]; then
		pass "$1: the database is unchanged"
	else
		fail "$1: the database is unchanged"
	fi
}

head -c 8192 /dev/urandom >"$T/garbage.db"
rejected "a garbage file" "$T/garbage.db" "mamori のデータベースではないか、壊れています"
printf 'SQLite format 3\000 but not really\n' >"$T/fake.db"
rejected "a file with an SQLite header and nothing else" "$T/fake.db" ""
rejected "a missing file" "$T/missing.db" "がありません"
sql "$T/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
rejected "an SQLite database that is not mamori's" "$T/other.db" "mamori のバックアップではありません"

cp "$T/b1.db" "$T/t1.db"
sql "$T/t1.db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'cli:mallory' WHERE id = 2"
rejected "a backup with a rewritten audit record" "$T/t1.db" "バックアップの監査ログが壊れています: 記録 2"

cp "$T/b1.db" "$T/t2.db"
sql "$T/t2.db" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)"
rejected "a backup with its last audit record deleted" "$T/t2.db" "バックアップの監査ログが壊れています"

cp "$T/b1.db" "$T/t3.db"
sql "$T/t3.db" "DROP TRIGGER diag_answer_immutable_ins; INSERT INTO diag_answer (round_id, item_no, answer) VALUES (1, 30, 'yes')"
rejected "a backup with an answer to item 30" "$T/t3.db" "知らないカタログ"

cp "$T/b1.db" "$T/t4.db"
sql "$T/t4.db" "INSERT INTO schema_migration (version, name, applied_at) VALUES (999, '999_future.sql', '2030-01-01T00:00:00Z')"
rejected "a backup from a newer mamori" "$T/t4.db" "新しい版のバックアップです"

cp "$T/b1.db" "$T/t5.db"
sql "$T/t5.db" "UPDATE org SET industry = 'jsic-zz'"
rejected "a backup with an industry not in the catalog" "$T/t5.db" "jsic-zz"

refused "restore without a file is a usage error" 2 "戻すバックアップのファイル名を一つ指定してください" restore

# --- restore over an existing database with --yes
"$MAMORI" --db "$DB" restore "$T/b1.db" --yes </dev/null >"$OUT" 2>"$ERR"
RC=$?
is_rc 0 "restore --yes over an existing database"
has "$OUT" "に復元しました。" "… says it restored"
is "$(round_count)" "3" "the database has the backup's rounds again"
run audit verify
is_rc 0 "the audit log verifies after the restore"
is "$(audit_count)" "$(($(audit_count "$T/b1.db") + 1))" "… with the backup's records and the restore's"
run diagnose --answers "$T/a.csv"
is_rc 0 "the restored database takes new rounds"
has "$OUT" "診断 #4 を記録しました。" "… numbered after the restored ones"
run audit verify
is_rc 0 "… and its audit log still verifies"

done_testing
