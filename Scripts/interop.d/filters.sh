#!/usr/bin/env bash
# The transform stage against go tool pprof: each filter gives the same
# samples as pprof's `-proto -FILTER=…` of the same file, in every output.
#   folded:  profconv convert F --FILTER X --to folded
#            = profconv convert (go tool pprof -proto -FILTER=X F) --to folded
#   pprof:   the folded stacks of `go tool pprof -raw` of our --to pprof output
#            = those of `go tool pprof -raw` of pprof's -proto output
#   top:     profconv top F --FILTER X = go tool pprof -top -FILTER=X F, byte for
#            byte (percentages of the total before filtering, "Active filters:")
set -euo pipefail
cd "$(dirname "$0")/../.."
source Scripts/lib/interop-common.sh
export TZ=UTC
source Scripts/lib/pprof-inputs.sh  # fills `inputs`

# filter name (pprof's) | our option | pattern
filters=(
    "focus|--focus|main\\.|sha256|Fragment"
    "focus|--focus|(?i)^MAIN\\.\\pL+$|\\bsha256\\b|\\Qstd::\\E"
    "ignore|--ignore|runtime|Rep"
    "hide|--hide|^runtime\\.|string"
    "show|--show|main\\.|bench"
    "show_from|--show-from|main\\.|Bench"
    "prune_from|--prune-from|runtime\\.|std::"
)
raw_folded() { go tool pprof -raw "$1" 2>/dev/null | python3 Scripts/lib/pprof_raw_to_folded.py "$2"; }

for f in "${inputs[@]}"; do
    case "$f" in *cpu*|*heap*|*goroutine*) ;; *) continue ;; esac
    for spec in "${filters[@]}"; do
        IFS='|' read -r name option pattern <<<"$spec"
        label="$name=$pattern $f"
        if ! go tool pprof -proto "-$name=$pattern" "$f" >"$tmp/want.pb.gz" 2>/dev/null; then
            bad "pprof -proto -$name failed on $f"; continue
        fi
        # pprof's -proto output drops samples without locations (even with no
        # filter), which profconv keeps as `[no stack]`: compared without them.
        "$PROFCONV" convert "$tmp/want.pb.gz" --to folded | grep -v '^\[no stack\] ' >"$tmp/want.folded" || true
        "$PROFCONV" convert "$f" "$option" "$pattern" --to folded 2>/dev/null | grep -v '^\[no stack\] ' >"$tmp/got.folded" || true
        if cmp -s "$tmp/want.folded" "$tmp/got.folded"; then ok "folded $label"; else bad "folded $label: $(diff "$tmp/want.folded" "$tmp/got.folded" | head -3 | tr '\n' ' ')"; fi

        "$PROFCONV" convert "$f" "$option" "$pattern" -o "$tmp/got.pb.gz" 2>/dev/null || { bad "pprof output $label"; continue; }
        n=$(go tool pprof -raw "$f" 2>/dev/null | sed -n '/^Samples:/{n;p;q}' | wc -w)
        same=1
        for ((i = 0; i < n; i++)); do
            cmp -s <(raw_folded "$tmp/want.pb.gz" "$i") <(raw_folded "$tmp/got.pb.gz" "$i") || same=0
        done
        if [ "$same" = 1 ]; then ok "pprof samples $label"; else bad "pprof samples $label"; fi

        go tool pprof -top "-$name=$pattern" "$f" >"$tmp/want.top" 2>/dev/null || true
        "$PROFCONV" top "$option" "$pattern" "$f" >"$tmp/got.top" 2>/dev/null || true
        if cmp -s "$tmp/want.top" "$tmp/got.top"; then ok "top $label"; else bad "top $label: $(diff "$tmp/want.top" "$tmp/got.top" | head -3 | tr '\n' ' ')"; fi
    done
done
exit $fail
