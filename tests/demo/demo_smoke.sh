#!/usr/bin/env bash
# Smoke test of scripts/demo, the product as a seller first meets it: it starts (PostgreSQL, the Meta
# sandbox, vendly-server, the dashboard), the dashboard answers, the printed login signs in through the
# dashboard's /api proxy, Ctrl-C (SIGINT) stops every process it started, a second run over the same data
# works (the demo seller exists already), and a port that is taken stops it before anything starts.
# Needs the built binaries and dashboard (scripts/build); uses free ports and a temporary data folder, so
# it runs beside a real demo. Exit 0 when every check passed; one line per check.
#   tests/demo/demo_smoke.sh          VENDLY_BIN_DIR as scripts/demo (default build/bin)
set -uo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"

TMP="$(mktemp -d /tmp/vendly-demo-smoke.XXXXXX)"
chmod 755 "$TMP"  # the cluster's owner (postgres, when run as root) must reach it
DATA="$TMP/data"
DASHBOARD_PORT="$(free_port)"
SERVER_PORT="$(free_port)"
SANDBOX_PORT="$(free_port)"
# Given to the demo only: every process it starts inherits them, which is how a leftover is recognised.
DEMO_ENV=(VENDLY_DEMO_DATA_DIR="$DATA" VENDLY_DEMO_DASHBOARD_PORT="$DASHBOARD_PORT"
          VENDLY_DEMO_SERVER_PORT="$SERVER_PORT" VENDLY_DEMO_SANDBOX_PORT="$SANDBOX_PORT"
          VENDLY_DEMO_PG_PORT="$(free_port)")
DASHBOARD="http://127.0.0.1:$DASHBOARD_PORT"
SERVER="http://127.0.0.1:$SERVER_PORT"
SANDBOX="http://127.0.0.1:$SANDBOX_PORT"
passed=0
failed=0
demo_pid=""

check() {  # check NAME COMMAND...: runs the command, records the result
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok    $name"; else failed=$((failed + 1)); echo "FAIL  $name"; fi
}
finish() {
  if [ -n "$demo_pid" ] && kill -0 "$demo_pid" 2>/dev/null; then
    kill -TERM "$demo_pid"; wait "$demo_pid" 2>/dev/null
  fi
  rm -rf "$TMP"
}
trap finish EXIT

# Starts scripts/demo in the background as a terminal would: SIGINT not ignored (a background job of a
# non-interactive shell inherits SIGINT ignored, and bash cannot trap a signal ignored on entry).
start_demo() {
  env "${DEMO_ENV[@]}" python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL); signal.signal(signal.SIGQUIT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' "$ROOT/scripts/demo" --no-build >"$TMP/demo-$1.out" 2>&1 &
  demo_pid=$!
}
wait_running() {  # until the banner is printed (120 s) or the demo exits
  for _ in $(seq 1200); do
    grep -q "Vendly is running" "$TMP/demo-$1.out" && return 0
    kill -0 "$demo_pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$TMP/demo-$1.out" >&2
  return 1
}
status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@"; }
dashboard_answers() { [ "$(status_of "$DASHBOARD/login")" = 200 ]; }
server_healthy() { [ "$(curl -s --max-time 5 "$SERVER/healthz")" = '{"database":"ok","status":"ok"}' ]; }
# The credentials the banner prints sign in through the dashboard's proxy, and the session sees a KES store.
printed_login_works() {
  local email password
  read -r email password < <(sed -nE 's/^ +Sign in +([^ ]+) +\/ +([^ ]+).*/\1 \2/p' "$TMP/demo-$1.out")
  [ -n "$email" ] || return 1
  [ "$(status_of -c "$TMP/jar" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$DASHBOARD/api/auth/login")" = 200 ] || return 1
  curl -s -b "$TMP/jar" "$DASHBOARD/api/me" | grep -q '"currency":"KES"'
}
banner_says_what_to_do() {
  grep -q "Open       $DASHBOARD" "$TMP/demo-$1.out" &&
    grep -q "Connect Instagram → choose Wanjiru (the 320-post Nairobi fashion account)" "$TMP/demo-$1.out" &&
    grep -q "→ Scan" "$TMP/demo-$1.out"
}
sandbox_answers() { [ "$(status_of "$SANDBOX/healthz")" = 200 ]; }
stop_with_sigint() {  # Ctrl-C: the demo exits (130) within 30 s
  kill -INT "$demo_pid"
  for _ in $(seq 300); do kill -0 "$demo_pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$demo_pid" 2>/dev/null && return 1
  wait "$demo_pid"; local status=$?
  demo_pid=""
  [ "$status" = 130 ]
}
# Nothing the demo started is left: no process carries its data folder in its environment or command line
# (PostgreSQL's -D), no port answers, no cluster is running.
nothing_left() {
  local proc left=""
  for proc in /proc/[0-9]*; do
    if grep -qaF "VENDLY_DEMO_DATA_DIR=$DATA" "$proc/environ" 2>/dev/null ||
       grep -qaF "$DATA" "$proc/cmdline" 2>/dev/null; then
      left="$left ${proc#/proc/}"
    fi
  done
  [ -z "$left" ] || { ps -o pid,args -p "${left# }" >&2; return 1; }
  for port in "$DASHBOARD_PORT" "$SERVER_PORT" "$SANDBOX_PORT"; do
    [ "$(status_of "http://127.0.0.1:$port/")" = 000 ] || return 1
  done
  [ ! -f "$DATA/pg/data/postmaster.pid" ]
}

for run in first second; do
  start_demo "$run"
  check "$run run: starts and prints the banner" wait_running "$run"
  check "$run run: the banner says where to go and what to do" banner_says_what_to_do "$run"
  check "$run run: the dashboard answers" dashboard_answers
  check "$run run: vendly-server is healthy" server_healthy
  check "$run run: the Meta sandbox answers" sandbox_answers
  check "$run run: the printed login signs in through the dashboard" printed_login_works "$run"
  check "$run run: Ctrl-C stops the demo" stop_with_sigint
  check "$run run: nothing is left running" nothing_left
done
check "the second run found the demo seller of the first" bash -c "! grep -q 'demo seller created' '$TMP/demo-second.out'"

# A taken port: a clear message, exit 1, nothing started.
python3 -c 'import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(); time.sleep(60)' "$SERVER_PORT" &
holder=$!
sleep 0.5
env "${DEMO_ENV[@]}" "$ROOT/scripts/demo" --no-build >"$TMP/demo-taken.out" 2>&1
taken_status=$?
kill "$holder"; wait "$holder" 2>/dev/null
check "a taken port stops the demo with exit 1" test "$taken_status" = 1
check "a taken port is named, with the variable that moves it" \
  grep -q "port $SERVER_PORT (vendly-server) is in use.*VENDLY_DEMO_SERVER_PORT" "$TMP/demo-taken.out"
check "a taken port starts nothing" nothing_left

echo "demo_smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
