#!/usr/bin/env bash
# Checks profconv against the tools people trust (go tool pprof, Graphviz,
# xmllint, …). Every check prints one line; any mismatch fails the script.
#
#   Scripts/interop.sh            # builds release first
#   PROFCONV=path Scripts/interop.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

need_apt() {  # need_apt COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "installing $2 (for $1)"
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq || true) >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    echo "interop: $1 is missing and we are not root; install $2" >&2
    exit 1
  fi
}
need_apt go golang-go
need_apt python3 python3

if [ -z "${PROFCONV:-}" ]; then
  swift build -c release --product profconv >/dev/null
  PROFCONV=$root/.build/release/profconv
fi
export PROFCONV
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GOFLAGS=-mod=mod GOTOOLCHAIN=local
export GOCACHE=${GOCACHE:-$work/gocache}

failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# pprof fixtures: every *.pb.gz under Fixtures/ except deliberately bad ones.
mapfile -t pprofs < <(find Fixtures -name '*.pb.gz' -not -path 'Fixtures/bad/*' | sort)
echo "== pprof fixtures: folded output and round trip against go tool pprof (${#pprofs[@]} files)"
for f in "${pprofs[@]}"; do
  # -symbolize=none: names as stored (pprof would simplify C++-like names;
  # folded output and pprof output keep them).
  go tool pprof -raw -symbolize=none "$f" > "$work/raw" 2>/dev/null || { fail "$f: go tool pprof cannot read the fixture"; continue; }
  ntypes=$(awk '/^Samples:/{getline; print NF; exit}' "$work/raw")
  for ((i = 0; i < ntypes; i++)); do
    python3 Scripts/lib/pprof_raw_to_folded.py "$i" < "$work/raw" > "$work/ref.folded"
    "$PROFCONV" convert "$f" --to folded --sample-index "$i" > "$work/our.folded"
    # -raw lists no sample without locations; profconv writes them as `[no stack] N`.
    if cmp -s "$work/ref.folded" <(grep -v '^\[no stack\] ' "$work/our.folded"); then
      pass "$f: folded, sample index $i ($(wc -l < "$work/our.folded") stacks)"
    else
      fail "$f: folded, sample index $i differs from go tool pprof -raw"
      diff "$work/ref.folded" "$work/our.folded" | head -5
    fi
    # ... so the folded total, [no stack] included, must equal -top's total.
    unit=$(awk '/^Samples:/{getline; print $('"$i"' + 1); exit}' "$work/raw"); unit=${unit##*/}; unit=${unit%%\[*}
    case "$unit" in nanoseconds) uflag=-unit=ns ;; bytes) uflag=-unit=b ;; *) uflag= ;; esac
    want=$(go tool pprof -top -sample_index="$i" $uflag "$f" 2>/dev/null | sed -n 's/.* of \(-\{0,1\}[0-9]*\)[a-zA-Z]* total.*/\1/p' | head -1)
    got=$(python3 -c 'import sys; print(sum(int(l.split()[-1]) for l in sys.stdin))' < "$work/our.folded")
    if [ -n "$want" ] && [ "$want" = "$got" ]; then
      pass "$f: folded total, sample index $i, equals go tool pprof -top's ($got)"
    else
      fail "$f: folded total, sample index $i: $got, go tool pprof -top says ${want:-nothing}"
    fi
  done
  "$PROFCONV" convert "$f" -o "$work/re.pb.gz"
  go tool pprof -raw -symbolize=none "$work/re.pb.gz" > "$work/raw2" 2>/dev/null || true
  if cmp -s "$work/raw" "$work/raw2"; then
    pass "$f: re-encoded pprof reads back identically in go tool pprof -raw"
  else
    fail "$f: re-encoded pprof differs in go tool pprof -raw"
    diff "$work/raw" "$work/raw2" | head -5
  fi
done

for script in Scripts/interop.d/*.sh; do
  [ -e "$script" ] || continue
  echo "== $script"
  if ! bash "$script"; then fail "$script"; fi
done

if [ "$failures" -ne 0 ]; then
  echo "interop: $failures check(s) failed"
  exit 1
fi
echo "interop: all checks passed"
