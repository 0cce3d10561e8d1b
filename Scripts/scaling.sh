#!/usr/bin/env bash
# The growth curve of profconv's pprof paths: CPU seconds (user + sys) and
# peak RSS of one run each on the S, M, L and XL (= 4 × L) generated CPU
# profiles, as a Markdown table for the README's "Scaling" paragraph.
#
#   Scripts/scaling.sh            # builds the release binary first
#   PROFCONV=path Scripts/scaling.sh
#
# Inputs are made by the hidden `profconv generate` command into
# $BENCH_DIR/inputs (default bench/inputs, shared with bench.sh); XL takes
# about 30 s to generate and 190 MB of disk.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-$PWD/bench}
INPUTS=$BENCH_DIR/inputs
mkdir -p "$INPUTS"
if [[ -n ${PROFCONV:-} ]]; then
    P=$PROFCONV
else
    swift build -c release --product profconv >&2
    P=$(swift build -c release --show-bin-path)/profconv
fi

sizes=(S:small M:medium L:large XL:xlarge)
paths=("pprof → folded:convert --to folded" "pprof → pprof:convert --to pprof"
       "pprof → flame graph SVG:flamegraph" "pprof → top:top")

declare -A pb
for s in "${sizes[@]}"; do
    tag=${s%%:*} size=${s#*:}
    [[ -f $INPUTS/cpu-$tag.pb.gz ]] || "$P" generate --kind cpu --size "$size" -o "$INPUTS/cpu-$tag.pb.gz"
    pb[$tag]=$(gzip -dc "$INPUTS/cpu-$tag.pb.gz" | wc -c)
done

header="| path |" rule="|---|"
for s in "${sizes[@]}"; do
    tag=${s%%:*}
    header+=" $tag CPU s | $tag RSS MB (× pb) |"
    rule+="---:|---:|"
done
echo "$header"
echo "$rule"
for entry in "${paths[@]}"; do
    label=${entry%%:*} args=${entry#*:}
    row="| $label |"
    for s in "${sizes[@]}"; do
        tag=${s%%:*}
        # shellcheck disable=SC2086 # args is a word list
        /usr/bin/time -f '%U %S %M' -o /tmp/scaling.$$ "$P" $args "$INPUTS/cpu-$tag.pb.gz" >/dev/null
        read -r user sys kb < /tmp/scaling.$$
        row+=$(awk -v u="$user" -v s="$sys" -v k="$kb" -v b="${pb[$tag]}" \
            'BEGIN { printf " %.2f | %d (%.1f×) |", u + s, k / 1024, k * 1024 / b }')
    done
    echo "$row"
done
rm -f /tmp/scaling.$$
echo
for s in "${sizes[@]}"; do
    tag=${s%%:*}
    printf '%s: %.1f MB of protobuf; ' "$tag" "$(awk -v b="${pb[$tag]}" 'BEGIN { print b / 1e6 }')"
done
echo
