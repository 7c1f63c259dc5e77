# lib.sh — shared helpers of the CLI tests (POSIX sh, sourced by each .t).
#
# Environment: MAMORI (absolute path of the mamori binary; default
# ./mamori), PTYDRIVE (build/tools/ptydrive), PYTHON (default
# /usr/bin/python3, else python3 on the PATH).
#
# Each script gets its own temporary folder $T (removed on exit) and a
# database path $DB inside it. Output is TAP: call the checks below, then
# done_testing, which prints the plan "1..N" and exits non-zero when a
# check failed.

set -u

: "${MAMORI:=$(pwd)/mamori}"
: "${PTYDRIVE:=$(pwd)/build/tools/ptydrive}"
if [ -z "${PYTHON:-}" ]; then
	if [ -x /usr/bin/python3 ]; then
		PYTHON=/usr/bin/python3
	else
		PYTHON=$(command -v python3 2>/dev/null || true)
	fi
fi

unset MAMORI_DB
MAMORI_FAKE_NOW=2026-01-01T00:00:00Z
export MAMORI_FAKE_NOW
LC_ALL=C.UTF-8
export LC_ALL

T=$(mktemp -d "${TMPDIR:-/tmp}/mamori-cli.XXXXXX") || {
	echo "Bail out! mktemp failed"
	exit 1
}
trap 'rm -rf "$T"' EXIT
trap 'rm -rf "$T"; exit 1' INT TERM HUP
DB=$T/mamori.db
OUT=$T/out
ERR=$T/err
RC=0

_n=0
_failed=0

if [ ! -x "$MAMORI" ]; then
	echo "Bail out! MAMORI=$MAMORI is not an executable (run make check-cli)"
	exit 1
fi
# the checks of what is stored read the database with sqlite3(1)
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "1..0 # SKIP the sqlite3 command line tool is missing (make deps installs it)"
	exit 0
fi

# diag TEXT… — a TAP comment
diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

# diag_file FILE [LINES] — the first LINES lines of FILE as TAP comments
diag_file() {
	if [ -s "$1" ]; then
		echo "# --- $(basename "$1"):"
		head -n "${2:-30}" "$1" | sed 's/^/#   /'
	fi
}

pass() {
	_n=$((_n + 1))
	echo "ok $_n - $1"
}

fail() {
	_n=$((_n + 1))
	_failed=$((_failed + 1))
	echo "not ok $_n - $1"
}

skip() {
	_n=$((_n + 1))
	echo "ok $_n # skip $1"
}

# ok STATUS DESCRIPTION — pass when STATUS is 0 (use: ok $? "…")
ok() {
	if [ "$1" -eq 0 ]; then
		pass "$2"
	else
		fail "$2"
		diag_file "$OUT" 15
		diag_file "$ERR" 15
	fi
}

# run ARGS… — mamori --db $DB ARGS…, stdout in $OUT, stderr in $ERR,
# status in $RC (standard input from /dev/null)
run() {
	"$MAMORI" --db "$DB" "$@" >"$OUT" 2>"$ERR" </dev/null
	RC=$?
}

# mm ARGS… — mamori --db $DB ARGS… (output not captured)
mm() {
	"$MAMORI" --db "$DB" "$@"
}

# is_rc EXPECTED DESCRIPTION — the status of the last run
is_rc() {
	if [ "$RC" -eq "$1" ]; then
		pass "$2"
	else
		fail "$2"
		diag "exit status $RC, expected $1"
		diag_file "$OUT" 15
		diag_file "$ERR" 15
	fi
}

# is GOT EXPECTED DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		pass "$3"
	else
		fail "$3"
		diag "got:      '$1'" "expected: '$2'"
	fi
}

# has FILE TEXT DESCRIPTION — FILE contains the fixed string TEXT
has() {
	if grep -qF -- "$2" "$1"; then
		pass "$3"
	else
		fail "$3"
		diag "$(basename "$1") does not contain: $2"
		diag_file "$1" 20
	fi
}

# hasnt FILE TEXT DESCRIPTION
hasnt() {
	if grep -qF -- "$2" "$1"; then
		fail "$3"
		diag "$(basename "$1") contains: $2"
		diag_file "$1" 20
	else
		pass "$3"
	fi
}

# refused DESCRIPTION EXPECTED_RC TEXT_IN_STDERR ARGS… — one check:
# status and a message naming what is wrong
refused() {
	_d=$1 _rc=$2 _txt=$3
	shift 3
	run "$@"
	if [ "$RC" -eq "$_rc" ] && grep -qF -- "$_txt" "$ERR"; then
		pass "$_d"
	else
		fail "$_d"
		diag "exit status $RC (expected $_rc); stderr should contain: $_txt"
		diag_file "$ERR" 15
	fi
}

have_python() {
	[ -n "$PYTHON" ] && [ -x "$PYTHON" ]
}

# json FILE EXPR DESCRIPTION — the Python expression EXPR is true of the
# JSON document in FILE (bound to d)
json() {
	if ! have_python; then
		skip "$3 (no python3 to read JSON)"
		return
	fi
	if _jerr=$("$PYTHON" -c '
import json, sys
try:
    d = json.load(open(sys.argv[1], encoding="utf-8"))
except Exception as x:
    print("not JSON: %s" % x)
    sys.exit(1)
try:
    r = eval(sys.argv[2])
except Exception as x:
    print("%s: %s" % (type(x).__name__, x))
    sys.exit(1)
sys.exit(0 if r else 1)
' "$1" "$2" 2>&1); then
		pass "$3"
	else
		fail "$3"
		diag "JSON check failed: $2"
		[ -n "$_jerr" ] && diag "$_jerr"
		diag_file "$1" 20
		[ "$1" = "$OUT" ] && diag_file "$ERR" 5
	fi
}

# pyval FILE EXPR — print the value of EXPR for the JSON in FILE ("" on error)
pyval() {
	have_python || return 0
	"$PYTHON" -c '
import json, sys
try:
    d = json.load(open(sys.argv[1], encoding="utf-8"))
    print(eval(sys.argv[2]))
except Exception:
    pass
' "$1" "$2" 2>/dev/null
}

# sql DBFILE SQL — run SQL with the sqlite3 command line tool
sql() {
	sqlite3 -batch "$1" "$2"
}

have_sqlite3() {
	command -v sqlite3 >/dev/null 2>&1
}

# audit_count [DBFILE] — records in the audit log
audit_count() {
	sql "${1:-$DB}" "SELECT count(*) FROM audit_log" 2>/dev/null
}

# round_count [DBFILE] — diagnosis rounds (drafts included)
round_count() {
	sql "${1:-$DB}" "SELECT count(*) FROM diag_round" 2>/dev/null
}

# dump [DBFILE] — the whole database as SQL text, for before/after checks
dump() {
	sql "${1:-$DB}" ".dump" 2>/dev/null
}

# answers_csv FILE [NO=ANSWER …] — a CSV of all 25 items answered
# "yes", except the items given
answers_csv() {
	_f=$1
	shift
	{
		echo "no,answer,note"
		_i=1
		while [ "$_i" -le 25 ]; do
			_a=yes
			for _kv in "$@"; do
				[ "${_kv%%=*}" = "$_i" ] && _a=${_kv#*=}
			done
			echo "$_i,$_a"
			_i=$((_i + 1))
		done
	} >"$_f"
}

# answers_json FILE [NO=ANSWER …] — the same as JSON
answers_json() {
	_f=$1
	shift
	{
		printf '{"answers": {'
		_i=1
		while [ "$_i" -le 25 ]; do
			_a=yes
			for _kv in "$@"; do
				[ "${_kv%%=*}" = "$_i" ] && _a=${_kv#*=}
			done
			[ "$_i" -gt 1 ] && printf ', '
			printf '"%s": "%s"' "$_i" "$_a"
			_i=$((_i + 1))
		done
		printf '}}\n'
	} >"$_f"
}

# init_db [SLUG] [NAME] — a database with one organisation
init_db() {
	"$MAMORI" --db "$DB" init --org "${2:-テスト株式会社}" --slug "${1:-test}" \
	    >/dev/null 2>&1
}

done_testing() {
	echo "1..$_n"
	if [ "$_failed" -ne 0 ]; then
		diag "$_failed of $_n checks failed"
		exit 1
	fi
	exit 0
}
