#!/bin/sh
# mamori help, usage errors, and mamori init.
. "$(dirname "$0")/lib.sh"

# --- the command line itself
"$MAMORI" help >"$OUT" 2>"$ERR"
RC=$?
is_rc 0 "help exits 0"
has "$OUT" "使い方: mamori" "help prints the usage on stdout"
"$MAMORI" >"$OUT" 2>"$ERR"
RC=$?
is_rc 2 "no command is a usage error (exit 2)"
has "$ERR" "使い方: mamori" "usage goes to stderr without a command"
refused "an unknown command is a usage error" 2 "不明なコマンドです: frobnicate" frobnicate
refused "an unknown option is a usage error" 2 "不明なオプションです: --bogus" init --org X --bogus
refused "--db without a value is a usage error" 2 "--db には値が必要です" --db
for c in init org catalog diagnose audit backup restore; do
	run "$c" --help
	if [ "$RC" -eq 0 ] && grep -qF "使い方: mamori $c" "$OUT"; then
		pass "$c --help prints its synopsis"
	else
		fail "$c --help prints its synopsis"
		diag_file "$OUT"
		diag_file "$ERR"
	fi
done
[ ! -e "$DB" ]
ok $? "--help and usage errors create no database"

# --- init refuses bad values before creating anything
refused "init without --org is a usage error" 2 "会社名を指定してください" init
refused "init --employees -3 is a usage error" 2 "--employees は 0 以上の整数です" \
    init --org "テスト株式会社" --employees -3
refused "init --employees abc is a usage error" 2 "--employees は 0 以上の整数です" \
    init --org "テスト株式会社" --employees abc
refused "init with an extra argument is a usage error" 2 "余分な引数があります" \
    init --org "テスト株式会社" extra
[ ! -e "$DB" ]
ok $? "usage errors of init create no database"
refused "init --industry unknown fails (exit 1) naming the value" 1 '"zz"' \
    init --org "テスト株式会社" --industry zz
run org list
if [ ! -e "$DB" ] || grep -qF "組織はまだありません" "$OUT"; then
	pass "a refused init on a new path registers no organisation"
else
	fail "a refused init on a new path registers no organisation"
	diag_file "$OUT"
fi

# --- init creates the database and the organisation
run init --org "テスト株式会社" --slug test --industry D --employees 12 \
    --representative "山田太郎" --representative-title "代表取締役"
is_rc 0 "init creates the database"
has "$OUT" "組織「テスト株式会社」を登録しました (識別名 test" "init says what it created"
[ -s "$DB" ]
ok $? "the database file exists"
run audit verify
is_rc 0 "the new database's audit log verifies"
has "$OUT" "1 件" "init wrote one audit record"
before=$(dump)
run init --org "テスト株式会社" --slug test --industry D --employees 12
is_rc 0 "a second init is harmless (exit 0)"
has "$OUT" "既に登録されています。変更はありません" "the second init says nothing changed"
is "$(dump)" "$before" "the second init changes nothing in the database"
run init --org "テスト株式会社"
is_rc 0 "init with the same name and no slug is harmless too"
is "$(dump)" "$before" "… and changes nothing"

# --- bad values are refused and leave the database as it was
refused "init --industry zz is refused (exit 1)" 1 "業種 (--industry) \"zz\"" \
    init --org "別会社" --industry zz
refused "init --slug Bad_Slug is refused (exit 1)" 1 "識別名 (--slug)" \
    init --org "別会社" --slug Bad_Slug
refused "init --slug taken by another organisation is refused" 1 "別の組織「テスト株式会社」が使っています" \
    init --org "別会社" --slug test
refused "init --employees 99999999 is refused" 1 "従業員数 (--employees) が大きすぎます" \
    init --org "別会社" --employees 99999999
refused "init with a control character in the name is refused" 1 "制御文字" \
    init --org "$(printf 'a\tb')"
refused "init --employees -1 stays a usage error on an existing database" 2 \
    "--employees は 0 以上の整数です" init --org "別会社" --employees -1
is "$(dump)" "$before" "refused inits leave the database unchanged"

# --- MAMORI_DB and --db=PATH
MAMORI_DB=$DB "$MAMORI" org list >"$OUT" 2>"$ERR"
RC=$?
is_rc 0 "MAMORI_DB selects the database"
has "$OUT" "test" "… and org list shows the organisation"
"$MAMORI" org list --db="$DB" >"$OUT" 2>"$ERR"
RC=$?
has "$OUT" "テスト株式会社" "--db=PATH works after the command too"
"$MAMORI" --db "$T/none.db" org list >"$OUT" 2>"$ERR"
RC=$?
is_rc 1 "a missing database is an error (exit 1)"
has "$ERR" "先に mamori init を実行してください" "… telling to run init first"
[ ! -e "$T/none.db" ]
ok $? "… and is not created by org list"

done_testing
