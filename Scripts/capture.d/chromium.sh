#!/usr/bin/env bash
# Headless Chromium traces of Scripts/fixture-programs/chrome/page.html,
# served as a file under /opt/profconv-fixtures/chrome (no path of the
# repository or of the machine lands in the trace):
#   Fixtures/chrome/startup.trace.json.gz  with V8's sampling profiler
#     (--trace-startup=disabled-by-default-v8.cpu_profiler,v8,devtools.timeline):
#     {"traceEvents": […]} with Profile/ProfileChunk events;
#   Fixtures/chrome/durations.trace.json.gz  without it: only X and B/E
#     duration events, rewritten as the bare JSON array form and cut to the
#     renderer that ran the page.
# The trace's "metadata" (command line, hardware) is dropped. Beside each,
# Scripts/v8_reference.py writes the expected folded stacks.
set -euo pipefail
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
command -v chromium >/dev/null || apt-get install -y chromium
dir=/opt/profconv-fixtures/chrome
out=$ROOT/Fixtures/chrome
mkdir -p "$dir" "$out"
cp "$ROOT/Scripts/fixture-programs/chrome/page.html" "$dir/page.html"
profile_dir=$(mktemp -d)
trap 'rm -rf "$profile_dir"' EXIT

trace() { # categories, output
    rm -f "$2"
    timeout 120 chromium --headless=new --no-sandbox --disable-gpu --user-data-dir="$profile_dir" \
        --trace-startup="$1" --trace-startup-format=json --trace-startup-file="$2" \
        --trace-startup-duration=4 --virtual-time-budget=3000 --dump-dom "file://$dir/page.html" >/dev/null 2>&1 || true
    [ -s "$2" ] || { echo "chromium wrote no trace $2" >&2; exit 1; }
}
trace disabled-by-default-v8.cpu_profiler,v8,devtools.timeline "$dir/startup.json"
trace devtools.timeline,v8 "$dir/durations.json"

python3 - "$dir/startup.json" "$dir/durations.json" "$out" <<'PY'
import gzip, json, sys
startup, durations, out = sys.argv[1:]
def save(doc, path):
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as f:
        f.write(json.dumps(doc, separators=(",", ":")).encode())
doc = json.load(open(startup))
save({"traceEvents": doc["traceEvents"]}, out + "/startup.trace.json.gz")
events = json.load(open(durations))["traceEvents"]
page = {e["pid"] for e in events if "page.html" in json.dumps(e.get("args", {}))}
kept = [e for e in events if e.get("pid") in page and (e.get("ph") in ("X", "B", "E") or
        (e.get("ph") == "M" and e.get("name") in ("thread_name", "process_name")))]
save(kept, out + "/durations.trace.json.gz")
PY
for f in startup durations; do
    python3 "$ROOT/Scripts/v8_reference.py" chrome-trace "$out/$f.trace.json.gz" >"$out/$f.trace.folded"
done
ls -l "$out"
