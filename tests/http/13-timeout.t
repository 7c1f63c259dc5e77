#!/bin/sh
# Slow clients (issue 3, HTTP layer): with `mamori serve --timeout 2` a
# connection that sends only part of its request header, one that sends
# 10 of the 100 bytes of body it announced, and an idle keep-alive
# connection after a complete request are each closed by the server
# within a few seconds — and the server goes on serving new connections.
# Every wait is bounded: a server that keeps the connection open fails
# the check after WAIT_MAX seconds instead of hanging. --timeout accepts
# only whole seconds 1..3600.
. "$(dirname "$0")/lib.sh"

TIMEOUT=2
# the server may close a little after the timeout (its timer granularity);
# it must not close before it (that would be some other refusal)
WAIT_MIN=1.5
WAIT_MAX=8

# --- the option is validated
for _bad in 0 3601 -1 1.5 abc ""; do
	"$MAMORI" --db "$DB" serve --listen 127.0.0.1:0 --timeout "$_bad" >"$OUT" 2>"$ERR" </dev/null
	_rc=$?
	if [ "$_rc" = 2 ] && grep -qF -- "--timeout は 1〜3600 (秒) の整数です" "$ERR"; then
		pass "--timeout '$_bad' is refused (exit 2, Japanese message)"
	else
		fail "--timeout '$_bad' is refused (exit 2, Japanese message)"
		diag "exit $_rc"
		diag_file "$ERR"
	fi
done
[ -f "$DB" ] && rm -f "$DB" "$DB-wal" "$DB-shm"

"$MAMORI" --db "$DB" init --org "テスト株式会社" --slug a >/dev/null 2>&1 || bail "init failed"
start_server --timeout "$TIMEOUT"

# raw NAME — send the bytes of $T/NAME.req on a new TCP connection to the
# server, then read until the server closes it (or WAIT_MAX seconds pass).
# Writes "eof SECONDS" (seconds from the last byte sent to the close) or
# "open SECONDS" to $T/NAME.res and what the server sent to $T/NAME.got.
raw() {
	"$PYTHON" - "$PORT" "$T/$1.req" "$T/$1.res" "$T/$1.got" "$WAIT_MAX" <<'EOF'
import socket, sys, time
port, req, res, got, wait_max = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])
data = open(req, "rb").read()
s = socket.create_connection(("127.0.0.1", port), timeout=5)
s.sendall(data)
t0 = time.monotonic()
received = b""
state = "open"
while True:
    left = wait_max - (time.monotonic() - t0)
    if left <= 0:
        break
    s.settimeout(left)
    try:
        chunk = s.recv(65536)
    except socket.timeout:
        break
    except (ConnectionResetError, BrokenPipeError):
        state = "eof"
        break
    if not chunk:
        state = "eof"
        break
    received += chunk
elapsed = time.monotonic() - t0
s.close()
open(got, "wb").write(received)
open(res, "w").write("%s %.2f\n" % (state, elapsed))
EOF
}

# closed_in_time NAME WHAT — the connection NAME was closed by the server
# between WAIT_MIN and WAIT_MAX seconds after the last byte was sent
closed_in_time() {
	read -r _st _sec <"$T/$1.res" || { _st=none; _sec=0; }
	if [ "$_st" = eof ] && awk -v s="$_sec" -v lo="$WAIT_MIN" 'BEGIN { exit !(s >= lo) }'; then
		pass "$2: closed by the server after ${_sec} s (--timeout $TIMEOUT)"
	else
		fail "$2: closed by the server within $WAIT_MIN..$WAIT_MAX s (--timeout $TIMEOUT)"
		diag "state: $_st after $_sec s"
		diag_file "$T/$1.got" 5
	fi
}

# still_serving WHAT — a normal request on a fresh connection is answered
still_serving() {
	as_anon
	get /login
	is_status 200 "$1: the server still answers a new connection"
}

# --- part of a request header, without the final empty line
printf 'GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n' >"$T/header.req"
raw header
closed_in_time header "an incomplete request header"
if [ -s "$T/header.got" ]; then
	# a 408 page would be fine too, but nothing else
	has "$T/header.got" "HTTP/1.1 408" "… and anything it sent was a 408"
fi
still_serving "after the incomplete header"

# --- a slow body: 10 of the 100 bytes announced
printf 'POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=a%%40' \
    "$BASE" >"$T/body.req"
raw body
closed_in_time body "a POST body that stalls after 10 of 100 bytes"
if [ -s "$T/body.got" ]; then
	hasnt "$T/body.got" "HTTP/1.1 303" "… and the incomplete login was not processed"
fi
still_serving "after the slow body"

# --- an idle keep-alive connection after a complete request
printf 'GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' >"$T/idle.req"
raw idle
if head -n 1 "$T/idle.got" | grep -q '^HTTP/1\.1 200'; then
	pass "a complete request on a keep-alive connection is answered (200)"
else
	fail "a complete request on a keep-alive connection is answered (200)"
	diag_file "$T/idle.got" 5
fi
if grep -qi '^connection: *close' "$T/idle.got"; then
	fail "… the answer keeps the connection alive (no Connection: close)"
else
	pass "… the answer keeps the connection alive (no Connection: close)"
fi
closed_in_time idle "an idle keep-alive connection after a complete request"
still_serving "after the idle connection"

# --- several slow clients at once do not block a normal client
for _k in 1 2 3 4 5; do
	cp "$T/header.req" "$T/many$_k.req"
	raw "many$_k" &
	eval "_pid$_k=\$!"
done
sleep 0.3
_t0=$(now_ms)
still_serving "while 5 slow clients hold connections"
_t1=$(now_ms)
if [ $((_t1 - _t0)) -lt 1500 ]; then
	pass "… answered at once ($((_t1 - _t0)) ms)"
else
	fail "… answered at once"
	diag "took $((_t1 - _t0)) ms"
fi
for _k in 1 2 3 4 5; do
	eval "wait \$_pid$_k"
	closed_in_time "many$_k" "slow client $_k of 5"
done

stop_server_checked
done_testing
