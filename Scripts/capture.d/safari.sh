#!/usr/bin/env bash
# Safari cannot run here: its Web Inspector timeline recordings are made of
# the real Firefox capture (Fixtures/firefox/page.gecko.json.gz, from
# firefox.sh, which runs first), its page thread's JS frames written by
# Scripts/safari_reference.py in both layouts Web Inspector exports:
#   Fixtures/safari/page-13.html-recording.json.gz    sampleStackTraces + sampleDurations
#   Fixtures/safari/page-26.4.html-recording.json.gz  samples: [{stackTraces, durations}]
# and beside each, the reference's folded stacks ("stack samples cpu_ns").
set -euo pipefail
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
out=$ROOT/Fixtures/safari
mkdir -p "$out"
for layout in 13 26.4; do
    f=$out/page-$layout.html-recording.json.gz
    python3 "$ROOT/Scripts/safari_reference.py" from-gecko "$ROOT/Fixtures/firefox/page.gecko.json.gz" "$f" "$layout"
    python3 "$ROOT/Scripts/safari_reference.py" folded "$f" | sort >"${f%.json.gz}.folded"
done
ls -l "$out"
