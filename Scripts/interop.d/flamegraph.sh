#!/usr/bin/env bash
# Flame graph interop: every SVG profconv draws parses with xmllint; reading
# one back gives the folded input again; and, when the shared conformance data
# is present, the frames match flamegraph.pl's (Scripts/flamegraph-conformance.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
PROFCONV=${PROFCONV:-.build/release/profconv}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
inputs=(Fixtures/flamegraph/*.folded)
for f in Fixtures/go1.19/*/goroutine.debug1.txt Fixtures/go1.19/busy/cpu.pb.gz Fixtures/go1.19/*/heap.debug0.pb.gz; do
    [ -f "$f" ] && inputs+=("$f")
done
for f in "${inputs[@]}"; do
    if ! "$PROFCONV" info "$f" >/dev/null 2>&1; then
        echo "skip $f: this build has no reader for it"; continue
    fi
    for opts in "" "--inverted --colors go" "--width fluid --sort-by-weight" "--reverse --flamechart"; do
        # shellcheck disable=SC2086
        "$PROFCONV" flamegraph $opts "$f" -o "$tmp/g.svg"
        xmllint --noout "$tmp/g.svg"
    done
    echo "ok   xmllint accepts the flame graphs of $f"
    "$PROFCONV" flamegraph --minwidth 0 "$f" -o "$tmp/g.svg"
    "$PROFCONV" convert "$tmp/g.svg" --to folded -o "$tmp/back.folded"
    "$PROFCONV" convert "$f" --to folded --sample-index "$( [[ $f == *diff* ]] && echo samples || echo '')" -o "$tmp/orig.folded"
    cmp -s "$tmp/back.folded" "$tmp/orig.folded" || { echo "FAIL reading the SVG of $f back does not give its stacks"; exit 1; }
    echo "ok   reading the SVG of $f back gives its folded stacks"
done
Scripts/flamegraph-conformance.sh
