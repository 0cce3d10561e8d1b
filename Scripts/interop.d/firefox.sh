#!/usr/bin/env bash
# Firefox captures (Fixtures/firefox/, made by Scripts/capture.d/firefox.sh):
# for the Gecko profile Firefox wrote and the processed profile made of it,
# profconv's folded stacks and values, for both sample types, equal those of
# Scripts/firefox_reference.py (written from the Firefox Profiler's format
# documentation) and the expected output committed beside each capture;
# each converts to pprof that `go tool pprof -raw` reads with the same
# stacks; and the two formats of one capture give the same stacks.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Scripts/lib/interop-common.sh

reference() { python3 Scripts/firefox_reference.py "$1" "$2" "$3" | sort; }
ours() { "$PROFCONV" convert "$1" --to folded --sample-index "$2" | awk '$NF != 0' | sort; }
# The committed expected output's column I (1: samples, 2: cpu_ns).
expected() { gzip -dc "$1" | awk -v c="$2" '{ v = $(NF - 2 + c); sub(/ [^ ]+ [^ ]+$/, ""); if (v != 0) print $0, v }' | sort; }

for kind in gecko processed; do
    f=Fixtures/firefox/page.$kind.json.gz
    for i in 0 1; do
        if diff <(reference "$kind" "$f" "$i") <(ours "$f" "$i") >"$tmp/d"; then ok "$f index=$i equals the reference ($(ours "$f" "$i" | wc -l) stacks)"
        else bad "$f index=$i differs from the reference: $(head -4 "$tmp/d" | tr '\n' ' ')"; fi
        if diff <(expected "Fixtures/firefox/page.$kind.folded.gz" $((i + 1))) <(ours "$f" "$i") >"$tmp/d"; then ok "$f index=$i equals the committed expected output"
        else bad "$f index=$i differs from the committed expected output: $(head -4 "$tmp/d" | tr '\n' ' ')"; fi
        "$PROFCONV" convert "$f" --to pprof -o "$tmp/p.pb.gz"
        go tool pprof -raw -symbolize=none "$tmp/p.pb.gz" 2>/dev/null | python3 Scripts/lib/pprof_raw_to_folded.py "$i" | sort >"$tmp/pprof"
        if diff "$tmp/pprof" <(ours "$f" "$i") >"$tmp/d"; then ok "$f index=$i through go tool pprof -raw"
        else bad "$f index=$i through go tool pprof -raw: $(head -4 "$tmp/d" | tr '\n' ' ')"; fi
    done
done
for i in 0 1; do
    if diff <(ours Fixtures/firefox/page.gecko.json.gz $i) <(ours Fixtures/firefox/page.processed.json.gz $i) >"$tmp/d"; then ok "Gecko and processed profiles of one capture: the same stacks, index=$i"
    else bad "Gecko and processed profiles differ, index=$i: $(head -4 "$tmp/d" | tr '\n' ' ')"; fi
done
exit $fail
