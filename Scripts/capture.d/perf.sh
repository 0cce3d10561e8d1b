#!/usr/bin/env bash
# perf: real `perf script` captures of a Go, a C and a Node program
# (Scripts/fixture-programs/perfspin*), each with `perf record -g` (frame
# pointers) and `--call-graph dwarf` (Node with --perf-basic-prof, so its JIT
# frames come from /tmp/perf-PID.map), into Fixtures/perf/NAME.perf; beside
# each, what stackcollapse-perf.pl makes of it with every option set
# (NAME.OPTION.folded; "none" for none). The programs are built and run
# under /opt/profconv-fixtures/perf, so no path of this machine lands in a
# fixture. stackcollapse-perf.pl comes from a clone of brendangregg/FlameGraph
# (or $FLAMEGRAPH, a checkout of it) and is run here, never committed.
set -euo pipefail
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
OUT=$ROOT/Fixtures/perf
PREFIX=/opt/profconv-fixtures/perf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

command -v perf >/dev/null || apt-get install -y linux-perf
# Sampling needs perf_event_open; a software clock event works where the PMU is hidden (VMs).
sysctl -q kernel.perf_event_paranoid=-1 2>/dev/null || true

if [ -n "${FLAMEGRAPH:-}" ]; then fg=$FLAMEGRAPH; else
    git clone -q --depth 1 https://github.com/brendangregg/FlameGraph "$tmp/FlameGraph"
    fg=$tmp/FlameGraph
fi
collapse=$fg/stackcollapse-perf.pl

mkdir -p "$PREFIX" "$OUT"
progs=$ROOT/Scripts/fixture-programs
(cd "$progs/perfspin" && GOFLAGS=-trimpath go build -o "$PREFIX/gospin" .)
cp "$progs/perfspin-c/spin.c" "$PREFIX/spin.c"
(cd "$PREFIX" && gcc -O2 -g -fno-omit-frame-pointer -o cspin spin.c)
cp "$progs/perfspin-node/fib.js" "$PREFIX/fib.js"

record() {  # NAME, then perf record's options and the command
    local name=$1; shift
    (cd "$PREFIX" && perf record -q -e cpu-clock -F 499 -o "$tmp/$name.data" "$@" >/dev/null)
    perf script -i "$tmp/$name.data" 2>/dev/null >"$OUT/$name.perf"
    echo "$name: $(grep -c 'cpu-clock' "$OUT/$name.perf") events"
}
record go-fp -g -- ./gospin
record go-dwarf --call-graph dwarf,16384 -- ./gospin
record c-fp -g -- ./cspin
record c-dwarf --call-graph dwarf,16384 -- ./cspin
record node-fp -g -- node --perf-basic-prof fib.js
rm -f /tmp/perf-*.map

for f in "$OUT"/*.perf; do
    base=${f%.perf}
    for opt in none pid tid kernel jit all addrs; do
        args=()
        [ "$opt" = none ] || args=("--$opt")
        perl "$collapse" "${args[@]}" "$f" >"$base.$opt.folded" 2>/dev/null
    done
done
echo "wrote $OUT"
