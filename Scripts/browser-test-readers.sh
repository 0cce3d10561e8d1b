#!/usr/bin/env bash
# Every reader's own fixture drawn as a flame graph and used in headless
# Chromium as a person would: the page runs without a script error, draws
# its frames, and a click on the widest frame under the root zooms it to the
# full width. One real capture per format of the other profilers.
#
#   PROFCONV=.build/release/profconv bash Scripts/browser-test-readers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PROFCONV=${PROFCONV:-$PWD/.build/release/profconv}
if ! command -v chromium >/dev/null; then
    echo "installing chromium"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
inputs=(
    perf/c-fp.perf perf/go-dwarf.perf dtrace/cspin.bpftrace sample/busy.sample.txt vtune/busy.vtune.csv
    vsprof/CallTreeSummary.csv xctrace/busy.xctrace.xml instruments/busy.deepcopy.txt pmcstat/kernel.pmc.graph
    ghcprof/sieve.prof callgrind/calls.callgrind.out v8/app.cpuprofile v8/app.heapprofile chrome/startup.trace.json.gz
    jfr/jdk17-burn.jfr otlp/go-heap.otlp.pb otlp/python.otlp.json firefox/page.gecko.json.gz
    firefox/page.processed.json.gz safari/page-13.html-recording.json.gz
)
urls=()
for input in "${inputs[@]}"; do
    [ -f "Fixtures/$input" ] || { echo "FAIL no fixture Fixtures/$input"; exit 1; }
    out="$tmp/$(echo "$input" | tr / _).svg"
    "$PROFCONV" flamegraph "Fixtures/$input" -o "$out"
    xmllint --noout "$out"
    urls+=("file://$out")
done
timeout 300 node --experimental-websocket --no-warnings Scripts/browser-test-readers.mjs "${urls[@]}"
