#!/usr/bin/env bash
# Loads a generated flame graph in headless Chromium and uses it as a person
# would: the screenshot is not blank, a click zooms, search highlights and
# reports the right share, state survives in the URL. Offline, bounded in time,
# runs as root in CI (--no-sandbox). Installs Debian's chromium if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PROFCONV=${PROFCONV:-.build/release/profconv}
[ -x "$PROFCONV" ] || PROFCONV=.build/debug/profconv
if ! command -v chromium >/dev/null; then
    echo "installing chromium"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
command -v node >/dev/null || { echo "FAIL: node is needed for the DevTools-protocol checks"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 20 samples: main 10 (a 8: b 5, c 3; d 2), other 10.
printf 'main;a;b 5\nmain;a;c 3\nmain;d 2\nother 10\n' >"$tmp/in.folded"
"$PROFCONV" flamegraph "$tmp/in.folded" -o "$tmp/graph.svg"
xmllint --noout "$tmp/graph.svg"

flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-extensions --disable-background-networking
       --disable-sync --disable-component-update --user-data-dir="$tmp/profile")

# 1. The picture is not blank.
timeout 60 chromium "${flags[@]}" --window-size=1200,200 --screenshot="$tmp/shot.png" "file://$tmp/graph.svg" >/dev/null 2>&1 || true
python3 Scripts/png-colours.py "$tmp/shot.png" >"$tmp/colours"
read -r colours hot _ <"$tmp/colours"
if [ "$colours" -ge 8 ] && [ "$hot" -ge 2000 ]; then
    echo "ok   screenshot has $colours colours, $hot pixels in flame colours"
else
    echo "FAIL screenshot looks blank ($colours colours, $hot flame pixels)"; exit 1
fi
[ -n "${KEEP_SCREENSHOT:-}" ] && cp "$tmp/shot.png" "$KEEP_SCREENSHOT"

# A Go goroutine dump as a leak hunter draws it: default title, file:line
# tooltips, the go palette and each goroutine's state on top (--label-frames).
cp Fixtures/go1.19/leaky/goroutine.debug2.txt "$tmp/goroutine.debug2.txt"
"$PROFCONV" flamegraph "$tmp/goroutine.debug2.txt" --label-frames state -o "$tmp/go.svg"
xmllint --noout "$tmp/go.svg"
timeout 60 chromium "${flags[@]}" --window-size=1400,900 --screenshot="$tmp/go.png" "file://$tmp/go.svg" >/dev/null 2>&1 || true
[ -n "${KEEP_GO_SCREENSHOT:-}" ] && cp "$tmp/go.png" "$KEEP_GO_SCREENSHOT"
python3 Scripts/png-colours.py "$tmp/go.png" >"$tmp/go-colours"
read -r colours hot _ <"$tmp/go-colours"
if [ "$colours" -ge 8 ]; then
    echo "ok   the Go dump's screenshot has $colours colours"
else
    echo "FAIL the Go dump's screenshot looks blank ($colours colours)"; exit 1
fi

# 2. Interaction over the DevTools protocol (Chromium started by Scripts/lib/devtools.mjs).
timeout 60 node --experimental-websocket --no-warnings Scripts/browser-test.mjs "file://$tmp/graph.svg" "file://$tmp/go.svg"
