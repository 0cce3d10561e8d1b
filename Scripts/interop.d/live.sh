#!/usr/bin/env bash
# URL inputs against a real Go server: builds Scripts/fixture-programs/leaky,
# serves net/http/pprof on a free 127.0.0.1 port, and fetches from it with
# profconv as `go tool pprof URL` would. One line per check; exit 1 on any
# failure. Needs Go 1.19 and curl; the server is killed on exit.
#
#   PROFCONV=.build/release/profconv bash Scripts/interop.d/live.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
PROFCONV=${PROFCONV:-$root/.build/release/profconv}
source Scripts/lib/leaky-server.sh
server_scratch
unset GOTRACEBACK

failures=0
pass() { echo "ok   live: $*"; }
fail() { echo "FAIL live: $*"; failures=$((failures + 1)); }

start_leaky "$work"
base="http://127.0.0.1:$port/debug/pprof"

# The leak sites hold exactly 1000 goroutines each in every snapshot.
leak_counts() {  # leak_counts FOLDED → "leakForever leakAgain"
  awk '{n=$NF} /main\.leakForever/{a+=n} /main\.leakAgain/{b+=n} END{print a+0, b+0}' "$1"
}

for debug in 0 1 2; do
  url="$base/goroutine?debug=$debug"
  curl -fsS --max-time 30 -o "$work/curl.$debug" "$url"
  if ! "$PROFCONV" info "$work/curl.$debug" >/dev/null 2>&1; then
    echo "skip live: goroutine?debug=$debug: profconv has no reader for it yet"
    continue
  fi
  if "$PROFCONV" convert "$url" --to folded > "$work/g$debug.folded" 2>"$work/err"; then
    counts=$(leak_counts "$work/g$debug.folded")
    if [ "$counts" = "1000 1000" ]; then
      pass "goroutine?debug=$debug → folded: 1000 + 1000 goroutines at the two leak sites"
    else
      fail "goroutine?debug=$debug → folded: leak sites hold $counts, want 1000 1000"
    fi
  else
    fail "goroutine?debug=$debug → folded: $(head -1 "$work/err")"
  fi
  if "$PROFCONV" convert "$url" -o "$work/g$debug.pb.gz" 2>"$work/err" &&
     go tool pprof -raw "$work/g$debug.pb.gz" >/dev/null 2>&1; then
    "$PROFCONV" convert "$work/g$debug.pb.gz" --to folded > "$work/g$debug.back.folded"
    counts=$(leak_counts "$work/g$debug.back.folded")
    if [ "$counts" = "1000 1000" ]; then
      pass "goroutine?debug=$debug → pprof: go tool pprof reads it, leak sites intact"
    else
      fail "goroutine?debug=$debug → pprof: leak sites hold $counts after the round trip"
    fi
  else
    fail "goroutine?debug=$debug → pprof: $(head -1 "$work/err" 2>/dev/null) (or go tool pprof cannot read it)"
  fi
done

if "$PROFCONV" info "$base/heap" > "$work/info" 2>"$work/err" && grep -q '^sample types:  0: alloc_objects/count' "$work/info"; then
  pass "info on a heap URL shows its sample types"
else
  fail "info on a heap URL: $(head -1 "$work/err")"
fi

start=$(date +%s.%N)
if "$PROFCONV" convert "$base/profile" --seconds 1 -o "$work/cpu.pb.gz" 2>"$work/err"; then
  took=$(awk "BEGIN{print $(date +%s.%N) - $start}")
  if go tool pprof -raw "$work/cpu.pb.gz" 2>/dev/null | grep -q '^PeriodType: cpu nanoseconds' &&
     awk "BEGIN{exit !($took >= 1)}"; then
    pass "profile --seconds 1: a CPU profile go tool pprof reads, after ${took:0:4}s"
  else
    fail "profile --seconds 1: not a 1-second CPU profile (took ${took}s)"
  fi
else
  fail "profile --seconds 1: $(head -1 "$work/err")"
fi

# While the server samples, profconv waits in the kernel: user + system time
# stays under a tenth of the wall-clock time (FoundationNetworking spun at 83%).
if /usr/bin/time -f '%U %S %e' -o "$work/time" "$PROFCONV" convert "$base/profile" --seconds 3 --to folded \
     >"$work/cpu.folded" 2>"$work/err"; then
  read -r user sys elapsed < "$work/time"
  if awk "BEGIN{exit !(($user + $sys) < 0.1 * $elapsed)}" && grep -q "^profconv: fetching $base/profile?seconds=3 (3 s)…\$" "$work/err"; then
    pass "profile --seconds 3: ${user}s user + ${sys}s system in ${elapsed}s, with a 'fetching … (3 s)…' line"
  else
    fail "profile --seconds 3: ${user}s user + ${sys}s system in ${elapsed}s (want under 10%); stderr: $(head -2 "$work/err")"
  fi
else
  fail "profile --seconds 3: $(head -1 "$work/err")"
fi

expect_error() {  # expect_error NAME PATTERN ARGS…: exit 1 and exactly one matching stderr line
  local name=$1 pattern=$2 status=0
  shift 2
  "$PROFCONV" "$@" > "$work/out" 2>"$work/err" || status=$?
  if [ "$status" = 1 ] && [ "$(wc -l < "$work/err")" = 1 ] && grep -Eq "$pattern" "$work/err" && [ ! -s "$work/out" ]; then
    pass "$name: exit 1, one line: $(cat "$work/err")"
  else
    fail "$name: exit $status, stderr: $(head -3 "$work/err")"
  fi
}
expect_error "a 404" "^profconv: error: $base/nosuchprofile: HTTP 404 Not Found: Unknown profile\$" \
  convert "$base/nosuchprofile" --to folded
kill "$server"; wait "$server" 2>/dev/null || true; server=
expect_error "a refused connection" "^profconv: error: $base/goroutine\\?debug=0: cannot fetch: " \
  convert "$base/goroutine?debug=0" --to folded --timeout 5

if [ "$failures" -ne 0 ]; then echo "live: $failures check(s) failed"; exit 1; fi
