#!/usr/bin/env bash
# Reports against the real tools: `profconv top` vs `go tool pprof -top` for every
# pprof fixture, sample index and granularity; Graphviz, xmllint, networkx and
# callgrind_annotate on the graph outputs. One line per check; non-zero on any mismatch.
set -euo pipefail
cd "$(dirname "$0")/../.."
PROFCONV=${PROFCONV:-.build/release/profconv}
export TZ=UTC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

# Inputs: the Go fixtures plus pprof's own test profiles, re-encoded by pprof.
inputs=()
for f in Fixtures/go1.19/*/*.pb.gz; do [ -e "$f" ] && inputs+=("$f"); done
testdata=/usr/share/gocode/src/github.com/google/pprof/profile/testdata
for t in cppbench.cpu cppbench.heap cppbench.contention go.crc32.cpu gobench.cpu gobench.heap java.cpu java.heap java.contention; do
    if [ -e "$testdata/$t" ] && go tool pprof -proto "$testdata/$t" >"$tmp/$t.pb.gz" 2>/dev/null; then
        inputs+=("$tmp/$t.pb.gz")
    fi
done

sample_types() { go tool pprof -raw "$1" 2>/dev/null | sed -n 's/^PeriodType.*//; /^Samples:/{n;p;q}' | wc -w; }

for f in "${inputs[@]}"; do
    n=$(sample_types "$f")
    for ((i = 0; i < n; i++)); do
        for g in functions filefunctions files lines addresses; do
            for count in 0 10; do
                pflags=(-top "-$g" "-sample_index=$i")
                cflags=(top --granularity "$g" --sample-index "$i")
                if [ "$count" != 0 ]; then pflags+=("-nodecount=$count"); cflags+=(--nodecount "$count"); fi
                go tool pprof "${pflags[@]}" "$f" >"$tmp/want" 2>/dev/null || { bad "pprof failed on $f ${pflags[*]}"; continue; }
                "$PROFCONV" "${cflags[@]}" "$f" >"$tmp/got" 2>"$tmp/err" || { bad "profconv failed on $f ${cflags[*]}: $(head -1 "$tmp/err")"; continue; }
                if cmp -s "$tmp/want" "$tmp/got"; then
                    ok "top $f index=$i $g nodecount=$count"
                else
                    bad "top $f index=$i $g nodecount=$count: $(diff "$tmp/want" "$tmp/got" | head -3 | tr '\n' ' ')"
                fi
            done
        done
    done
done
