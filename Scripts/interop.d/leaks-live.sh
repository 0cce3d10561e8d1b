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

# Ctrl-C after three of ten snapshots: the ranking of those three, and the offline rerun.
mkdir "$work/cut"
"$PROFCONV" leaks --every 1s --count 10 --save "$work/cut" "$url" >"$work/cut.table" 2>"$work/cut.err" &
watcher=$!
for _ in $(seq 100); do [ "$(ls "$work/cut" | wc -l)" -ge 3 ] && break; sleep 0.1; done
kill -INT "$watcher"
status=0
wait "$watcher" || status=$?
if [ "$status" = 130 ] && grep -q '^      at main.leakRecv' "$work/cut.table" &&
   grep -q 'interrupted after [0-9]* of 10 snapshots' "$work/cut.err" &&
   grep -qF "rerun offline with: profconv leaks $work/cut/*" "$work/cut.err"; then
  pass "SIGINT after three snapshots: exit 130, the ranking of those taken, and the offline rerun: $(grep interrupted "$work/cut.err")"
else
  fail "SIGINT mid-watch: exit $status, table $(head -c 200 "$work/cut.table"), stderr $(tail -3 "$work/cut.err")"
fi

# A bad -o is refused before the first snapshot, not after them all.
status=0
start=$(date +%s%N)
"$PROFCONV" leaks --every 3s --count 3 -o /nonexistent/x.svg "$url" >/dev/null 2>"$work/err" || status=$?
took=$(( ($(date +%s%N) - start) / 1000000 ))
if [ "$status" = 1 ] && [ "$took" -lt 2000 ] && grep -q 'the directory /nonexistent does not exist' "$work/err"; then
  pass "-o /nonexistent/x.svg refused in ${took} ms, before any snapshot: $(cat "$work/err")"
else
  fail "-o /nonexistent/x.svg: exit $status after ${took} ms: $(cat "$work/err")"
fi

if [ "$failures" -ne 0 ]; then echo "leaks-live: $failures check(s) failed"; exit 1; fi
