#!/usr/bin/env bash
# `profconv leaks --every` against real Go servers on 127.0.0.1: leakgrow,
# whose three leak sites grow every second, and leaky, whose goroutines stay
# put. Checks the ranking, the saved snapshots and their offline rerun, and
# --fail-on-growth's exit status (3 on growth, 0 without). Needs Go and curl;
# the servers are killed on exit.
#
#   PROFCONV=.build/release/profconv bash Scripts/interop.d/leaks-live.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
PROFCONV=${PROFCONV:-$PWD/.build/release/profconv}
source Scripts/lib/leaky-server.sh
server_scratch
unset GOTRACEBACK

failures=0
pass() { echo "ok   leaks-live: $*"; }
fail() { echo "FAIL leaks-live: $*"; failures=$((failures + 1)); }

start_fixture_server leakgrow "$work"; growing=$port
start_fixture_server leaky "$work"; flat=$port

url="http://127.0.0.1:$growing/debug/pprof/goroutine?debug=2"
mkdir "$work/snaps"
status=0
"$PROFCONV" leaks --every 2s --count 3 --save "$work/snaps" "$url" >"$work/table" 2>"$work/err" || status=$?
sites=$(grep '^      at ' "$work/table" | head -3 | awk '{print $2}' | tr '\n' ' ')
if [ "$status" = 0 ] && [ "$sites" = "main.leakRecv main.leakSelect main.leakLock " ]; then
  pass "--every 2s --count 3 ranks the three leak sites first: $sites"
else
  fail "--every 2s --count 3: exit $status, sites '$sites', stderr: $(head -3 "$work/err")"
fi
progress=$(grep -c ' snapshot [0-9]/3: ' "$work/err" || true)
if [ "$progress" = 3 ] && grep -q 'snapshot 3/3: .* goroutines (+[0-9,]* since the first)' "$work/err"; then
  pass "one progress line per snapshot on stderr: $(grep 'snapshot 3/3' "$work/err")"
else
  fail "progress lines: $(cat "$work/err")"
fi
saved=$(ls "$work/snaps" | wc -l)
if [ "$saved" = 3 ] && ls "$work/snaps" | grep -Eq '^goroutine-[0-9]{8}T[0-9]{6}\.[0-9]{3}Z\.debug2\.txt$'; then
  pass "--save leaves 3 snapshots named by time: $(ls "$work/snaps" | head -1) …"
else
  fail "--save left $saved files: $(ls "$work/snaps" | tr '\n' ' ')"
fi
# Offline, the saved files give the same ranking, with their times from their names.
"$PROFCONV" leaks "$work/snaps"/* >"$work/offline" 2>"$work/err2" || true
if [ "$(grep '^      at ' "$work/offline" | head -3 | awk '{print $2}' | tr '\n' ' ')" = "$sites" ] &&
   grep -q 'per min' "$work/offline" && ! grep -q 'growth per minute unknown' "$work/offline"; then
  pass "leaks DIR/* reruns offline: same sites, growth per minute from the saved names' times"
else
  fail "leaks DIR/* offline: $(head -5 "$work/offline") $(cat "$work/err2")"
fi

status=0
"$PROFCONV" leaks --every 2s --count 2 --fail-on-growth 10 "$url" >/dev/null 2>"$work/err" || status=$?
if [ "$status" = 3 ] && grep -q 'at least --fail-on-growth 10: exit status 3' "$work/err"; then
  pass "--fail-on-growth 10 on the growing server: exit 3"
else
  fail "--fail-on-growth 10 on the growing server: exit $status, $(tail -1 "$work/err")"
fi
status=0
"$PROFCONV" leaks --every 2s --count 2 --fail-on-growth 10 "127.0.0.1:$flat/debug/pprof/goroutine?debug=1" >"$work/flat" 2>"$work/err" || status=$?
if [ "$status" = 0 ]; then
  pass "--fail-on-growth 10 on a server whose goroutines stay put (host:port without http://): exit 0"
else
  fail "--fail-on-growth 10 on the flat server: exit $status, $(tail -2 "$work/err")"
fi

if [ "$failures" -ne 0 ]; then echo "leaks-live: $failures check(s) failed"; exit 1; fi
