#!/usr/bin/env bash
# Compares profconv's call-graph layout (`--to callgraph`) with Graphviz's
# `dot` drawing of profconv's own `--to dot` (same nodes, same edges) on every
# CPU, heap and goroutine pprof fixture with more than 20 nodes and on the 9
# pprof test profiles of Scripts/lib/pprof-inputs.sh. Measures area, crossings and edge length (see
# Scripts/lib/layout_quality.py) and prints a Markdown table of the ratios
# profconv/dot. Fails when any input exceeds 1.5× on any measure, or the
# sums over all inputs exceed 1.2×; crossing counts of 5 or fewer pass as
# counts and stay out of the sum (see FEW_CROSSINGS in layout_quality.py).
# Usage: Scripts/layout-quality.sh [outdir]   (keeps both SVGs per input there)
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/interop-common.sh
source Scripts/lib/pprof-inputs.sh
out=${1:-$tmp/drawings}
mkdir -p "$out"
per_input=1.5 summed=1.2

rows=()
for f in "${inputs[@]}"; do
    name=$(basename "$f" .pb.gz)
    fixture=0
    if [[ $f == Fixtures/* ]]; then
        fixture=1
        name=$(basename "$(dirname "$f")")/$name
        case $name in *cpu*|*heap*|*allocs*|*goroutine*) ;; *) continue ;; esac
    fi
    stem=$out/${name//\//-}
    "$PROFCONV" convert "$f" --to dot -o "$stem.dot"
    nodes=$(grep -c '^N[0-9]* \[' "$stem.dot" || true)
    # Fixtures only when they have more than 20 nodes; pprof's test profiles always.
    (( fixture == 0 || nodes > 20 )) || continue
    "$PROFCONV" convert "$f" --to callgraph -o "$stem.profconv.svg"
    dot -Tsvg "$stem.dot" -o "$stem.dot.svg"
    measured=$(python3 Scripts/lib/layout_quality.py "$stem.profconv.svg" "$stem.dot.svg")
    mapfile -t m <<<"$measured"
    rows+=("$name ${m[0]} ${m[1]}")
done
(( ${#rows[@]} > 0 )) || { bad "no inputs"; exit 1; }

printf '%s\n' "${rows[@]}" | python3 Scripts/lib/layout_quality.py --table "$per_input" "$summed"
