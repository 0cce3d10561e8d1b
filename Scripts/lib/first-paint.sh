#!/usr/bin/env bash
# Prints "FIRST_PAINT_MS LOAD_MS drawn" for one HTML page opened in headless
# Chromium (Scripts/lib/first-paint.mjs); exit 1 when it cannot tell.
#   bash Scripts/lib/first-paint.sh page.html
set -euo pipefail
page=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
command -v chromium >/dev/null && command -v node >/dev/null || { echo "first-paint: needs chromium and node" >&2; exit 1; }
timeout 120 node --experimental-websocket --no-warnings "$here/first-paint.mjs" "file://$page"
