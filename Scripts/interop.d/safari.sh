#!/usr/bin/env bash
# Safari timeline recordings (Fixtures/safari/, written by
# Scripts/capture.d/safari.sh from the real Firefox capture, in both layouts
# Web Inspector exports): profconv's folded stacks and values, for both
# sample types, equal those of Scripts/safari_reference.py (written from
# WebKit's export test and speedscope's importer) and the expected output
# committed beside each; each converts to pprof that `go tool pprof -raw`
# reads with the same stacks; and both layouts give the same stacks.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Scripts/lib/interop-common.sh

reference() { python3 Scripts/safari_reference.py folded "$1" "$2" | sort; }
ours() { "$PROFCONV" convert "$1" --to folded --sample-index "$2" | awk '$NF != 0' | sort; }
expected() { awk -v c="$2" '{ v = $(NF - 2 + c); sub(/ [^ ]+ [^ ]+$/, ""); if (v != 0) print $0, v }' "$1" | sort; }

for layout in 13 26.4; do
    f=Fixtures/safari/page-$layout.html-recording.json.gz
    for i in 0 1; do
        if diff <(reference "$f" "$i") <(ours "$f" "$i") >"$tmp/d"; then ok "$f index=$i equals the reference ($(ours "$f" "$i" | wc -l) stacks)"
        else bad "$f index=$i differs from the reference: $(head -4 "$tmp/d" | tr '\n' ' ')"; fi
        if diff <(expected "${f%.json.gz}.folded" $((i + 1))) <(ours "$f" "$i") >"$tmp/d"; then ok "$f index=$i equals the committed expected output"
        else bad "$f index=$i differs from the committed expected output: $(head -4 "$tmp/d" | tr '\n' ' ')"; fi
        "$PROFCONV" convert "$f" --to pprof -o "$tmp/p.pb.gz"
        go tool pprof -raw -symbolize=none "$tmp/p.pb.gz" 2>/dev/null | python3 Scripts/lib/pprof_raw_to_folded.py "$i" | sort >"$tmp/pprof"
        if diff "$tmp/pprof" <(ours "$f" "$i") >"$tmp/d"; then ok "$f index=$i through go tool pprof -raw"
        else bad "$f index=$i through go tool pprof -raw: $(head -4 "$tmp/d" | tr '\n' ' ')"; fi
    done
done
for i in 0 1; do
    if diff <(ours Fixtures/safari/page-13.html-recording.json.gz $i) <(ours Fixtures/safari/page-26.4.html-recording.json.gz $i) >"$tmp/d"; then ok "both layouts of one recording: the same stacks, index=$i"
    else bad "the two layouts differ, index=$i: $(head -4 "$tmp/d" | tr '\n' ' ')"; fi
done
exit $fail
