#!/usr/bin/env bash
# valgrind's callgrind on Scripts/fixture-programs/calls-c, into Fixtures/callgrind/:
#   calls.callgrind.out        --tool=callgrind (event Ir; --separate-recs default: fib'2)
#   calls-instr.callgrind.out  --dump-instr=yes (positions: instr line; addresses)
#   calls-cache.callgrind.out  --cache-sim=yes --branch-sim=yes (Ir Dr Dw I1mr … Bc Bcm Bi Bim)
# and beside each FILE.annotate.txt, what `callgrind_annotate --auto=no
# --threshold=100` says of it: the expected self costs per function and event.
#
# The program is built and run under /opt/profconv-fixtures/callgrind, so the
# files name that path, not this machine's checkout; `pid:` lines (a number)
# are set to 1 so re-captures differ only where the counts do. The `cmd:`
# line is `./calls`, no path.
set -euo pipefail
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
OUT="$ROOT/Fixtures/callgrind"
WORK=/opt/profconv-fixtures/callgrind

need() { # need COMMAND DEBIAN_PACKAGE
  if ! command -v "$1" >/dev/null 2>&1; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "$2"
  fi
}
need valgrind valgrind
need gcc gcc

mkdir -p "$WORK" "$OUT"
cp "$ROOT/Scripts/fixture-programs/calls-c/calls.c" "$WORK/calls.c"
cd "$WORK"
gcc -g -O0 -fno-inline -o calls calls.c

capture() { # capture NAME VALGRIND-OPTIONS...
  local name=$1; shift
  rm -f "$name"
  valgrind --tool=callgrind "$@" --callgrind-out-file="$name" ./calls >/dev/null 2>&1
  sed -i 's/^pid: .*/pid: 1/' "$name"
  if grep -q "$ROOT" "$name"; then echo "callgrind.sh: $name names $ROOT" >&2; exit 1; fi
  cp "$name" "$OUT/$name"
  # From the output folder, with the bare name: the report names no path of ours.
  (cd "$OUT" && callgrind_annotate --auto=no --threshold=100 "$name") >"$OUT/$name.annotate.txt"
}
capture calls.callgrind.out
capture calls-instr.callgrind.out --dump-instr=yes
capture calls-cache.callgrind.out --cache-sim=yes --branch-sim=yes
ls -l "$OUT"
