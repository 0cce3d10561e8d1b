#!/usr/bin/env bash
# Loads profconv's native call-graph SVG in headless Chromium and checks the
# page is not blank; also renders Graphviz's drawing of our DOT for comparison.
# Then, over the DevTools protocol (Scripts/browser-test-callgraph.mjs): no
# box overlaps another, no edge label lies on a box, hovering works.
# Usage: Scripts/browser-test-callgraph.sh [profile] [outdir]
set -euo pipefail
cd "$(dirname "$0")/.."
PROFCONV=${PROFCONV:-.build/release/profconv}
input=${1:-Fixtures/go1.19/busy/cpu.pb.gz}
out=${2:-$(mktemp -d)}
mkdir -p "$out"
"$PROFCONV" convert "$input" --to callgraph -o "$out/callgraph.svg"
"$PROFCONV" convert "$input" --to dot -o "$out/callgraph.dot"
dot -Tpng "$out/callgraph.dot" -o "$out/graphviz.png"
size=$(sed -n 's/.*<svg [^>]*width="\([0-9.]*\)" height="\([0-9.]*\)".*/\1,\2/p' "$out/callgraph.svg" | head -1)
w=${size%,*}; h=${size#*,}
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size="$(printf '%.0f' "$w"),$(printf '%.0f' "$h")" \
    --screenshot="$out/callgraph.png" "file://$(realpath "$out/callgraph.svg")" >/dev/null 2>&1
# Not blank: many pixels differ from white, and there are several colours.
read -r colours _ drawn total < <(python3 Scripts/png-colours.py "$out/callgraph.png")
echo "${w}x${h}: $drawn/$total pixels drawn, $colours colours"
if [ "$drawn" -lt $((total / 50)) ] || [ "$colours" -lt 8 ]; then
    echo "FAIL the call-graph page looks blank"; exit 1
fi
echo "ok   callgraph SVG renders in Chromium: $out/callgraph.png (Graphviz: $out/graphviz.png)"

command -v node >/dev/null || { echo "FAIL: node is needed for the DevTools-protocol checks"; exit 1; }
timeout 60 node --experimental-websocket --no-warnings Scripts/browser-test-callgraph.mjs "file://$(realpath "$out/callgraph.svg")"
