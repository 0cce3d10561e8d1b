#!/usr/bin/env bash
# Prints "FIRST_PAINT_MS LOAD_MS drawn" for one HTML page opened in headless
# Chromium (Scripts/lib/first-paint.mjs); exit 1 when it cannot tell.
#   bash Scripts/lib/first-paint.sh page.html
set -euo pipefail
page=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
command -v chromium >/dev/null && command -v node >/dev/null || { echo "first-paint: needs chromium and node" >&2; exit 1; }
tmp=$(mktemp -d)
chrome_pid=
cleanup() { [ -n "$chrome_pid" ] && kill "$chrome_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions --disable-background-networking \
    --disable-sync --disable-component-update --user-data-dir="$tmp/profile" --remote-debugging-port=0 about:blank >/dev/null 2>&1 &
chrome_pid=$!
for _ in $(seq 100); do [ -s "$tmp/profile/DevToolsActivePort" ] && break; sleep 0.2; done
port=$(head -1 "$tmp/profile/DevToolsActivePort")
timeout 120 node --experimental-websocket --no-warnings "$here/first-paint.mjs" "$port" "file://$page"
