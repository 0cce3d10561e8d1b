#!/usr/bin/env bash
# The call-tree readers (sample, vtune, vsprof, xctrace, instruments, pmcstat):
# each fixture, converted to pprof, is read back by `go tool pprof -raw` with
# the same stacks as profconv's folded output, for every sample type; and its
# flame graph SVG is well-formed XML (xmllint). Where the fixture has the
# output of the FlameGraph script that reads the format beside it
# (*.stackcollapse-*.folded, made by running the script), profconv's folded
# output equals it as a multiset of lines (zero counts aside: profconv keeps
# no zero samples).
# One line per check; non-zero on any mismatch.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Scripts/lib/interop-common.sh

fixtures=(Fixtures/sample/*.sample.txt Fixtures/vtune/*.vtune.csv Fixtures/vsprof/CallTreeSummary.csv
          Fixtures/xctrace/*.xctrace.xml Fixtures/instruments/*.deepcopy.txt Fixtures/pmcstat/*.pmc.graph)
for f in "${fixtures[@]}"; do
    [ -e "$f" ] || { bad "missing fixture $f"; continue; }
    "$PROFCONV" convert "$f" --to pprof -o "$tmp/p.pb.gz"
    go tool pprof -raw -symbolize=none "$tmp/p.pb.gz" >"$tmp/raw" 2>"$tmp/err" || { bad "go tool pprof -raw $f: $(head -1 "$tmp/err")"; continue; }
    n=$(sed -n '/^Samples:/{n;p;q}' "$tmp/raw" | wc -w)
    for ((i = 0; i < n; i++)); do
        "$PROFCONV" convert "$f" --to folded --sample-index "$i" | LC_ALL=C sort >"$tmp/want"
        python3 Scripts/lib/pprof_raw_to_folded.py "$i" <"$tmp/raw" >"$tmp/got"
        if cmp -s "$tmp/want" "$tmp/got"; then ok "pprof -raw stacks $f index=$i"; else bad "pprof -raw stacks $f index=$i: $(diff "$tmp/want" "$tmp/got" | head -3 | tr '\n' ' ')"; fi
    done
    "$PROFCONV" flamegraph "$f" -o "$tmp/f.svg"
    if xmllint --noout "$tmp/f.svg" 2>"$tmp/err"; then ok "flame graph SVG well-formed $f"; else bad "flame graph SVG $f: $(head -1 "$tmp/err")"; fi
done

for expected in Fixtures/*/*.stackcollapse-*.folded; do
    input=$(ls "${expected%%.stackcollapse-*}".* | grep -v stackcollapse | head -1)
    "$PROFCONV" convert "$input" --to folded | LC_ALL=C sort >"$tmp/got"
    grep -v ' 0$' "$expected" | LC_ALL=C sort >"$tmp/want"
    if cmp -s "$tmp/want" "$tmp/got"; then ok "equal to $(basename "$expected" .folded | sed 's/.*\.//').pl: $input"; else bad "$input vs $expected: $(diff "$tmp/want" "$tmp/got" | head -3 | tr '\n' ' ')"; fi
done
exit $fail
