#!/usr/bin/env bash
# Re-captures the real Go profiles under Fixtures/go1.19/ from the small
# programs in Scripts/fixture-programs/ (see Fixtures/README.md).
#
#   bash Scripts/capture-fixtures.sh
#
# Needs Go 1.19 (Debian 12: apt-get install -y golang-go) and curl; installs
# them with apt-get when missing. Builds offline (standard library only),
# listens on 127.0.0.1 only, kills its servers on exit. File names are fixed;
# the contents (addresses, goroutine ids, timings) differ from run to run.
# Ports can be overridden: LEAKY_PORT, BUSY_PORT, LEAKGROW_PORT.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROGS="$ROOT/Scripts/fixture-programs"
OUT="$ROOT/Fixtures/go1.19"
LEAKY_ADDR="127.0.0.1:${LEAKY_PORT:-16061}"
BUSY_ADDR="127.0.0.1:${BUSY_PORT:-16062}"
LEAKGROW_ADDR="127.0.0.1:${LEAKGROW_PORT:-16063}"

# A caller's GOTRACEBACK would change what debug=2 and runtime.Stack print.
unset GOTRACEBACK

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'capture-fixtures: %s\n' "$*" >&2; exit 1; }

need() { # need COMMAND DEBIAN_PACKAGE
  if ! command -v "$1" >/dev/null 2>&1; then
    log "installing $2"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "$2"
  fi
}
need go golang-go
need curl curl

GOVERSION="$(go env GOVERSION)"
case "$GOVERSION" in
  go1.19*) ;;
  *) die "need Go 1.19 (the fixtures live in Fixtures/go1.19), found $GOVERSION" ;;
esac

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  local p
  for p in ${PIDS[@]+"${PIDS[@]}"}; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---- build -----------------------------------------------------------------
export GOFLAGS=-mod=mod GO111MODULE=on GOPROXY=off GOCACHE="$WORK/gocache"
for prog in leaky busy leakgrow panicker; do
  log "building $prog with $GOVERSION"
  # -trimpath: captures show module paths (leaky/main.go:37), not this checkout's directory.
  (cd "$PROGS/$prog" && go build -trimpath -o "$WORK/bin/$prog" .)
done

# ---- helpers ---------------------------------------------------------------
get() { # get URL FILE
  curl -fsS --max-time 60 -o "$2" "$1" || die "GET $1 failed"
  [ -s "$2" ] || die "GET $1 returned nothing"
}

start() { # start NAME ADDR: runs the server in the background, waits for it
  local name="$1" addr="$2" i
  if curl -fsS --max-time 1 -o /dev/null "http://$addr/" 2>/dev/null; then
    die "$addr is already in use"
  fi
  "$WORK/bin/$name" -addr "$addr" 2>"$WORK/$name.log" &
  PIDS+=("$!")
  for i in $(seq 1 200); do
    if curl -fsS --max-time 1 -o /dev/null "http://$addr/debug/pprof/" 2>/dev/null; then
      return 0
    fi
    kill -0 "$!" 2>/dev/null || { cat "$WORK/$name.log" >&2; die "$name exited"; }
    sleep 0.1
  done
  die "$name did not answer on $addr"
}

stop_last() { # kills the most recently started server
  local p="${PIDS[-1]}"
  kill "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
  unset 'PIDS[-1]'
}

pb_total() { # sum of the first sample value in a .pb.gz
  go tool pprof -raw "$1" 2>/dev/null |
    awk '/^Samples:/{s=1; next} /^Locations/{s=0} s && /^ *[0-9]+:/{sub(":","",$1); t+=$1} END{print t+0}'
}

goroutines3() { # goroutines3 ADDR PREFIX: debug=0,1,2 back to back
  get "http://$1/debug/pprof/goroutine?debug=0" "$2.debug0.pb.gz"
  get "http://$1/debug/pprof/goroutine?debug=1" "$2.debug1.txt"
  get "http://$1/debug/pprof/goroutine?debug=2" "$2.debug2.txt"
}

# ---- leaky -----------------------------------------------------------------
D="$OUT/leaky"
rm -rf "$D" && mkdir -p "$D"
log "leaky on $LEAKY_ADDR"
start leaky "$LEAKY_ADDR"
# The goroutine set is static apart from the HTTP server's own goroutines;
# retry until debug=0, debug=1 and debug=2 agree on the total.
for attempt in 1 2 3 4 5; do
  t0=$(date +%s.%N)
  goroutines3 "$LEAKY_ADDR" "$D/goroutine"
  t1=$(date +%s.%N)
  n0=$(pb_total "$D/goroutine.debug0.pb.gz")
  n1=$(sed -n '1s/^goroutine profile: total //p' "$D/goroutine.debug1.txt")
  n2=$(grep -c '^goroutine ' "$D/goroutine.debug2.txt")
  log "leaky goroutines: debug0=$n0 debug1=$n1 debug2=$n2 in $(awk "BEGIN{printf \"%.3f\", $t1 - $t0}")s"
  [ "$n0" = "$n1" ] && [ "$n1" = "$n2" ] && break
  [ "$attempt" = 5 ] && log "WARNING: leaky totals still differ"
  sleep 0.5
done
for p in heap allocs block mutex threadcreate; do
  get "http://$LEAKY_ADDR/debug/pprof/$p?debug=0" "$D/$p.debug0.pb.gz"
  get "http://$LEAKY_ADDR/debug/pprof/$p?debug=1" "$D/$p.debug1.txt"
done
# The index page people save by mistake: profconv must say it is HTML.
get "http://$LEAKY_ADDR/debug/pprof/" "$D/pprof-index.html"
stop_last

# ---- busy ------------------------------------------------------------------
D="$OUT/busy"
rm -rf "$D" && mkdir -p "$D"
log "busy on $BUSY_ADDR"
start busy "$BUSY_ADDR"
sleep 2 # warm up: every hot function has run a few times
get "http://$BUSY_ADDR/debug/pprof/profile?seconds=3" "$D/cpu.pb.gz"
for p in heap allocs goroutine; do
  get "http://$BUSY_ADDR/debug/pprof/$p?debug=0" "$D/$p.debug0.pb.gz"
  get "http://$BUSY_ADDR/debug/pprof/$p?debug=1" "$D/$p.debug1.txt"
done
stop_last

# ---- leakgrow --------------------------------------------------------------
D="$OUT/leakgrow"
rm -rf "$D" && mkdir -p "$D"
log "leakgrow on $LEAKGROW_ADDR"
start leakgrow "$LEAKGROW_ADDR"
tick() { curl -fsS --max-time 5 "http://$LEAKGROW_ADDR/leaks" | sed -n 's/^tick=\([0-9]*\).*/\1/p'; }
# Snapshots right after ticks 2, 6 and 10 (4 s apart), so a snapshot's three
# files see the same number of leaked goroutines per site.
target=2
for snap in 1 2 3; do
  while :; do
    now=$(tick)
    [ "$now" -ge "$target" ] && break
    sleep 0.02
  done
  goroutines3 "$LEAKGROW_ADDR" "$D/snap$snap.goroutine"
  after=$(curl -fsS --max-time 5 "http://$LEAKGROW_ADDR/leaks")
  log "leakgrow snap$snap at tick $now, now: $after"
  [ "$(tick)" = "$now" ] || log "WARNING: a tick happened during snap$snap"
  target=$((now + 4))
done
stop_last
for snap in 1 2 3; do
  f="$D/snap$snap.goroutine.debug2.txt"
  log "snap$snap: total=$(grep -c '^goroutine ' "$f")" \
    "leakRecv=$(grep -c '^main.leakRecv(' "$f")" \
    "leakSelect=$(grep -c '^main.leakSelect(' "$f")" \
    "leakLock=$(grep -c '^main.leakLock(' "$f")" \
    "handleRequest=$(grep -c '^main.handleRequest(' "$f")"
done

# ---- panicker --------------------------------------------------------------
D="$OUT/panicker"
rm -rf "$D" && mkdir -p "$D"
log "panicker"
rc=0
GOTRACEBACK=all "$WORK/bin/panicker" -mode=crash 2>"$D/crash-gotraceback-all.txt" || rc=$?
[ "$rc" = 2 ] || die "panicker -mode=crash exited $rc, want 2"
rc=0
GOTRACEBACK=system "$WORK/bin/panicker" -mode=crash 2>"$D/crash-gotraceback-system.txt" || rc=$?
[ "$rc" = 2 ] || die "panicker -mode=crash (system) exited $rc, want 2"
rc=0
"$WORK/bin/panicker" -mode=crash 2>"$D/panic.txt" || rc=$?
[ "$rc" = 2 ] || die "panicker -mode=crash (default GOTRACEBACK) exited $rc, want 2"
rc=0
GODEBUG=tracebackancestors=5 GOTRACEBACK=all "$WORK/bin/panicker" -mode=ancestors 2>"$D/crash-tracebackancestors.txt" || rc=$?
[ "$rc" = 2 ] || die "panicker -mode=ancestors exited $rc, want 2"
grep -q '^\[originating from goroutine ' "$D/crash-tracebackancestors.txt" || die "panicker: no ancestor sections"
"$WORK/bin/panicker" -mode=stack >"$D/runtime-stack.txt"

# ---- checks ----------------------------------------------------------------
log "checking"
while IFS= read -r f; do
  [ -s "$f" ] || die "empty: $f"
  case "$f" in
    *.pb.gz)
      gzip -t "$f" || die "bad gzip: $f"
      go tool pprof -raw "$f" >/dev/null 2>&1 || die "pprof cannot read $f"
      ;;
  esac
done < <(find "$OUT" -type f | sort)
grep -q '^1000 @ ' "$OUT/leaky/goroutine.debug1.txt" || die "leaky: no 1000-goroutine record"
[ "$(grep -c '^1000 @ ' "$OUT/leaky/goroutine.debug1.txt")" = 2 ] ||
  die "leaky: want exactly two 1000-goroutine records"

du -ab "$OUT" | sort -k2 >&2
log "done: $OUT ($GOVERSION)"

# ---- other profilers -------------------------------------------------------
# Each script in Scripts/capture.d/ captures one profiler's own output into
# Fixtures/<its folder>/ (see that script's header). Each also runs alone:
# bash Scripts/capture.d/NAME.sh (ROOT defaults to the repository).
for script in "$ROOT"/Scripts/capture.d/*.sh; do
  [ -e "$script" ] || continue
  log "capture.d/$(basename "$script")"
  ROOT="$ROOT" bash "$script"
done
