#!/usr/bin/env bash
# A Gecko profile of Scripts/fixture-programs/firefox/page.html, written by
# Firefox ESR's own profiler at shutdown (MOZ_PROFILER_STARTUP,
# MOZ_PROFILER_SHUTDOWN) while `firefox-esr --headless --screenshot` loads
# the page as a file under /opt/profconv-fixtures/firefox:
#   Fixtures/firefox/page.gecko.json.gz  the profile, cut to the content
#     process that ran the page and the parent's Compositor thread, with
#     JS, label and native (unsymbolicated 0x…) frames and threadCPUDelta;
#     its libs (the machine's paths), markers and marker schemas dropped;
#   Fixtures/firefox/page.processed.json.gz  the same profile in the
#     processed format (version 70) that profiler.firefox.com saves, made
#     by Scripts/firefox_reference.py to-processed;
# and beside each, the reference's folded stacks ("stack samples cpu_ns",
# gzipped: the native stacks are long).
set -euo pipefail
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
command -v firefox-esr >/dev/null || apt-get install -y firefox-esr
dir=/opt/profconv-fixtures/firefox
out=$ROOT/Fixtures/firefox
mkdir -p "$dir" "$out"
cp "$ROOT/Scripts/fixture-programs/firefox/page.html" "$dir/page.html"
profile_dir=$(mktemp -d)
trap 'rm -rf "$profile_dir"' EXIT
rm -f "$dir/gecko.json"
MOZ_PROFILER_STARTUP=1 MOZ_PROFILER_STARTUP_FEATURES=js,stackwalk,cpu MOZ_PROFILER_STARTUP_INTERVAL=1 \
    MOZ_PROFILER_SHUTDOWN="$dir/gecko.json" timeout 120 firefox-esr --headless --no-remote \
    -profile "$profile_dir" --screenshot "$profile_dir/shot.png" "file://$dir/page.html" >/dev/null 2>&1 || true
[ -s "$dir/gecko.json" ] || { echo "firefox-esr wrote no profile $dir/gecko.json" >&2; exit 1; }

python3 - "$dir/gecko.json" "$out/page.gecko.json.gz" <<'PY'
import gzip, json, sys
src, dst = sys.argv[1:]
doc = json.load(open(src))
def trim(p):
    p["libs"] = []
    p["meta"]["markerSchema"] = []
    p.pop("profilingLog", None)
    for t in p["threads"]:
        t["markers"]["data"] = []
ran_page = lambda t: any(s.startswith("fib (file://") for s in t["stringTable"])
doc["processes"] = [p for p in doc["processes"] if any(ran_page(t) for t in p["threads"])][:1]
doc["threads"] = [t for t in doc["threads"] if t["name"] == "Compositor"]
if not doc["processes"]: sys.exit("no process of the profile ran page.html")
for p in [doc] + doc["processes"]: trim(p)
with gzip.GzipFile(dst, "wb", compresslevel=9, mtime=0) as f:
    f.write(json.dumps(doc, separators=(",", ":")).encode())
PY
python3 "$ROOT/Scripts/firefox_reference.py" to-processed "$out/page.gecko.json.gz" "$out/page.processed.json.gz"
for f in gecko processed; do
    python3 "$ROOT/Scripts/firefox_reference.py" "$f" "$out/page.$f.json.gz" | sort | gzip -9n >"$out/page.$f.folded.gz"
done
ls -l "$out"
