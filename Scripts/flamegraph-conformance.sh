#!/usr/bin/env bash
# Draws every folded input of the shared conformance data with
# `profconv flamegraph --width 1200 --minwidth 0.1` and compares each frame
# (depth, name, samples) with the frames flamegraph.pl draws, listed in
# flamegraph-pl-frames/*.tsv. One line per file; exits 1 on an unexpected mismatch.
#
# Deliberate difference: profconv's folded reader rounds fractional counts per
# line (flamegraph.pl sums the decimals and rounds the total when printing),
# so the fractional-samples inputs may differ by a few samples: reported as
# "differs (fractional counts)", not as a failure. Second deliberate difference:
# lines starting with `# ` are comments to profconv (as to inferno), while
# flamegraph.pl draws austin's `# interval: 100` header lines as frames.
set -euo pipefail
cd "$(dirname "$0")/.."
PROFCONV=${PROFCONV:-.build/release/profconv}
SHARED=${SHARED:-../shared}
[ -d "$SHARED/conformance/folded" ] || SHARED=/work/shared
if [ ! -d "$SHARED/conformance/folded" ]; then
    echo "skip: no conformance data (set SHARED to the folder holding conformance/)"
    exit 0
fi
C=$SHARED/conformance
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for input in "$C"/folded/*/*.txt; do
    dir=$(basename "$(dirname "$input")")
    name=${dir}_$(basename "$input" .txt)
    expected=$C/flamegraph-pl-frames/$name.tsv
    if [ ! -f "$expected" ]; then
        # flamegraph.pl refuses these (empty input): so must we, with one error line.
        if "$PROFCONV" flamegraph --width 1200 --minwidth 0.1 "$input" -o "$tmp/out.svg" 2>"$tmp/err"; then
            echo "FAIL $name: flamegraph.pl draws nothing, profconv drew a graph"; fail=1
        else
            echo "ok   $name: refused like flamegraph.pl ($(head -1 "$tmp/err"))"
        fi
        continue
    fi
    if ! "$PROFCONV" flamegraph --width 1200 --minwidth 0.1 "$input" -o "$tmp/out.svg" 2>"$tmp/err"; then
        echo "FAIL $name: $(head -1 "$tmp/err")"; fail=1; continue
    fi
    python3 Scripts/flamegraph-frames.py "$tmp/out.svg" >"$tmp/ours.tsv"
    LC_ALL=C sort "$expected" >"$tmp/theirs.tsv"
    LC_ALL=C sort "$tmp/ours.tsv" -o "$tmp/ours.tsv"
    n=$(wc -l <"$tmp/theirs.tsv")
    if cmp -s "$tmp/ours.tsv" "$tmp/theirs.tsv"; then
        echo "ok   $name: $n frames identical"
    elif [[ $name == *fractional* ]]; then
        d=$(diff "$tmp/theirs.tsv" "$tmp/ours.tsv" | grep -c '^[<>]' || true)
        echo "diff $name: differs (fractional counts rounded per line; $d of $n frame lines differ)"
    elif grep -q '^# ' "$input" && ! grep -q '^# ' <(grep -v '^# ' "$input") \
            && diff <(grep -v $'\t# ' "$tmp/theirs.tsv" | grep -v $'^0\tall\t') <(grep -v $'^0\tall\t' "$tmp/ours.tsv") >/dev/null; then
        echo "diff $name: differs only by '# ' comment lines, which flamegraph.pl draws as frames and profconv skips"
    else
        echo "FAIL $name: frames differ from flamegraph.pl's:"; { diff "$tmp/theirs.tsv" "$tmp/ours.tsv" || true; } | head -10; fail=1
    fi
done
exit $fail
