#!/usr/bin/env bash
# Throughput of `profconv batch` with 1 job against 2 jobs, on a directory
# of generated files (deterministic: a seeded generator), release build.
# Not a test: prints the numbers for the notes. Best of 5 runs each, the
# 1-job and 2-job runs alternating. Other work on the machine skews it: the
# load average is printed with the numbers.
#
#   bash Scripts/bench-batch.sh            # builds release first
#   FILES=400 LINES=2000 PROFCONV=path bash Scripts/bench-batch.sh
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${FILES:-240}
LINES=${LINES:-1500}
RUNS=${RUNS:-5}
if [ -z "${PROFCONV:-}" ]; then
  swift build -c release --product profconv >/dev/null
  PROFCONV=$PWD/.build/release/profconv
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# FILES folded files of LINES stacks each, 5–40 frames deep, from a pool of
# 800 Go-like function names, so each file is a medium profile (~150 KB).
python3 - "$work/folded" "$FILES" "$LINES" <<'PY'
import os, random, sys
out, files, lines = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out)
rng = random.Random(20240601)
pkgs = ["main", "net/http", "encoding/json", "github.com/acme/store", "runtime", "sync", "bufio", "io"]
names = ["%s.%s%d" % (rng.choice(pkgs), rng.choice(["handle", "read", "write", "(*Conn).serve", "decode", "walk", "flush"]), i)
         for i in range(800)]
for f in range(files):
    with open(os.path.join(out, "p%03d.folded" % f), "w") as fh:
        for _ in range(lines):
            depth = rng.randint(5, 40)
            fh.write(";".join(rng.choice(names) for _ in range(depth)) + " %d\n" % rng.randint(1, 100000))
PY
size=$(du -sh "$work/folded" | cut -f1)
echo "inputs: $FILES folded files, $LINES stacks each ($size); $(nproc) processors; load $(cut -d' ' -f1-3 /proc/loadavg)"

once() {  # once JOBS TO INPUT: prints the wall time of one run
  rm -rf "$work/out"
  local t0
  t0=$(date +%s.%N)
  "$PROFCONV" batch "$3" -o "$work/out" --to "$2" --jobs "$1" --quiet
  awk "BEGIN{print $(date +%s.%N) - $t0}"
}

# 1-job and 2-job runs alternate, so both see the same machine load; the
# best of RUNS runs of each counts.
report() {  # report LABEL TO INPUT
  local one=999999 two=999999 t i
  for ((i = 0; i < RUNS; i++)); do
    t=$(once 1 "$2" "$3"); one=$(awk "BEGIN{print ($t < $one) ? $t : $one}")
    t=$(once 2 "$2" "$3"); two=$(awk "BEGIN{print ($t < $two) ? $t : $two}")
  done
  awk -v l="$1" -v n="$FILES" -v a="$one" -v b="$two" 'BEGIN {
    printf "%-16s 1 job: %6.2fs (%6.1f files/s)   2 jobs: %6.2fs (%6.1f files/s)   ratio %.2fx\n", l, a, n / a, b, n / b, a / b }'
}

report "folded → pprof" pprof "$work/folded"
"$PROFCONV" batch "$work/folded" -o "$work/pprof" --to pprof --quiet
report "pprof → folded" folded "$work/pprof"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
