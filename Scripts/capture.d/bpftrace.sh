#!/usr/bin/env bash
# bpftrace: a real `@[kstack, ustack] = count()` map of the C program of
# Scripts/fixture-programs/perfspin-c, built without PIE under
# /opt/profconv-fixtures/bpftrace (so no path of this machine lands in the
# fixture) and run long enough that bpftrace names its user frames while it
# still runs, into Fixtures/dtrace/cspin.bpftrace. No reference reader reads
# this two-stack key (FlameGraph's stackcollapse-bpftrace.pl takes one stack
# and keeps offsets), so the unit test checks the stacks against the map's own counts.
set -euo pipefail
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
OUT=$ROOT/Fixtures/dtrace
PREFIX=/opt/profconv-fixtures/bpftrace
command -v bpftrace >/dev/null || apt-get install -y bpftrace
mkdir -p "$PREFIX" "$OUT"
cp "$ROOT/Scripts/fixture-programs/perfspin-c/spin.c" "$PREFIX/spin.c"
(cd "$PREFIX" && gcc -O2 -g -fno-omit-frame-pointer -no-pie -DROUNDS=60 -o cspin spin.c)
ulimit -l 8192 2>/dev/null || true
"$PREFIX/cspin" >/dev/null &
prog=$!
bpftrace -e 'profile:hz:199 /comm == "cspin"/ { @[kstack, ustack] = count(); } interval:s:2 { exit(); }' \
    2>/dev/null >"$OUT/cspin.bpftrace"
kill "$prog" 2>/dev/null || true
echo "cspin.bpftrace: $(grep -c ']:' "$OUT/cspin.bpftrace") stacks"
