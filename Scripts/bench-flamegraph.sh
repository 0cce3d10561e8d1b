#!/usr/bin/env bash
# Measures `profconv flamegraph` (release build) on a large generated folded
# file, in MB/s of folded input, and on a large pprof file; and flamegraph.pl on
# the same folded file when FLAMEGRAPH_PL points at it (it is not shipped here).
set -euo pipefail
cd "$(dirname "$0")/.."
PROFCONV=${PROFCONV:-.build/release/profconv}
LINES=${LINES:-400000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Deterministic Go-like stacks: 20–40 frames from a vocabulary of 5,000 names.
python3 - "$tmp/big.folded" "$LINES" <<'PY'
import random, sys
rnd = random.Random(42)
names = [f"github.com/acme/svc/pkg{i % 97}.(*T{i % 13}).Method{i}" for i in range(5000)]
roots = ["runtime.goexit", "main.main", "net/http.(*conn).serve"]
with open(sys.argv[1], "w") as out:
    for _ in range(int(sys.argv[2])):
        depth = rnd.randint(20, 40)
        stack = [rnd.choice(roots)] + [names[rnd.randrange(len(names)) // (1 + d // 8)] for d in range(depth)]
        out.write(";".join(stack) + f" {rnd.randint(1, 1000)}\n")
PY
size=$(stat -c %s "$tmp/big.folded")
# Best of 3 runs: wall-clock and CPU (user+sys) seconds. CPU time is reported
# too because a shared 2-core machine often stretches wall-clock time.
measure() {
    python3 - "$@" <<'PY'
import resource, subprocess, sys, time
best = None
for _ in range(3):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    best = (wall, cpu) if best is None or wall < best[0] else best
print(f"{best[0]:.3f} {best[1]:.3f}")
PY
}
mb=$(python3 -c "print($size/1e6)")
report() { # label wall cpu
    python3 -c "print(f'$1: {$2:.3f} s wall ({$mb/$2:.0f} MB/s), {$3:.3f} s CPU ({$mb/$3:.0f} MB/s of folded input)')"
}
echo "input: $LINES folded lines, $(python3 -c "print(f'{$mb:.1f}')") MB"
read -r w c < <(measure "$PROFCONV" flamegraph "$tmp/big.folded" -o "$tmp/out.svg")
report "profconv flamegraph big.folded" "$w" "$c"
xmllint --noout --huge "$tmp/out.svg"
read -r w c < <(measure "$PROFCONV" convert "$tmp/big.folded" --to folded -o "$tmp/again.folded")
report "  of which reading the folded input (convert --to folded)" "$w" "$c"

"$PROFCONV" convert "$tmp/big.folded" -o "$tmp/big.pb.gz"
read -r w c < <(measure "$PROFCONV" flamegraph "$tmp/big.pb.gz" -o "$tmp/out2.svg")
echo "profconv flamegraph on the same stacks as pprof ($(stat -c %s "$tmp/big.pb.gz") bytes gzipped): $w s wall, $c s CPU"

if [ -n "${FLAMEGRAPH_PL:-}" ] && [ -f "$FLAMEGRAPH_PL" ]; then
    s=$(date +%s.%N); perl "$FLAMEGRAPH_PL" --hash "$tmp/big.folded" >"$tmp/pl.svg"; e=$(date +%s.%N)
    python3 -c "print(f'flamegraph.pl: {$e - $s:.2f} s = {$size/1e6/($e - $s):.1f} MB/s')"
else
    echo "flamegraph.pl: skipped (set FLAMEGRAPH_PL=/path/to/flamegraph.pl to compare)"
fi
