#!/usr/bin/env bash
# Node's V8 profiles: `node --cpu-prof` (a .cpuprofile, V8's flat layout) and
# `node --heap-prof` (a .heapprofile) of Scripts/fixture-programs/v8/app.js,
# run from /opt/profconv-fixtures/v8 so the files name that path, not the
# repository's. Writes Fixtures/v8/app.cpuprofile, app.heapprofile and, beside
# each, what Scripts/v8_reference.py (written from V8's Profiler and
# HeapProfiler domains) makes of it: the expected folded stacks.
set -euo pipefail
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
command -v node >/dev/null || apt-get install -y nodejs
dir=/opt/profconv-fixtures/v8
out=$ROOT/Fixtures/v8
mkdir -p "$dir" "$out"
cp "$ROOT/Scripts/fixture-programs/v8/app.js" "$dir/app.js"
rm -f "$dir"/*.cpuprofile "$dir"/*.heapprofile
(cd "$dir" && node --cpu-prof --cpu-prof-dir=. --cpu-prof-name=app.cpuprofile \
    --heap-prof --heap-prof-dir=. --heap-prof-name=app.heapprofile --heap-prof-interval=8192 app.js >/dev/null)
cp "$dir/app.cpuprofile" "$out/app.cpuprofile"
cp "$dir/app.heapprofile" "$out/app.heapprofile"
python3 "$ROOT/Scripts/v8_reference.py" cpuprofile "$out/app.cpuprofile" >"$out/app.cpuprofile.folded"
python3 "$ROOT/Scripts/v8_reference.py" heapprofile "$out/app.heapprofile" >"$out/app.heapprofile.folded"
ls -l "$out"
