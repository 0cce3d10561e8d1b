#!/usr/bin/env bash
# V8 and Chrome captures (Fixtures/v8/, Fixtures/chrome/, made by
# Scripts/capture.d/node.sh and chromium.sh): profconv's folded stacks and
# values, for every sample type, equal those of Scripts/v8_reference.py
# (written from the formats' documentation); each converts to pprof that
# `go tool pprof -raw` reads with the same stacks; and the V8 CPU profiles
# profconv writes pass the schema test (Scripts/cpuprofile_schema.py) and
# read back to the same stacks, through profconv and through the reference.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Scripts/lib/interop-common.sh

# Folded stacks of KIND FILE for sample index I, zero ones left out, sorted.
reference() { python3 Scripts/v8_reference.py "$1" "$2" "$3" | sort; }
ours() { "$PROFCONV" convert "$1" --to folded --sample-index "$2" | awk '$NF != 0' | sort; }

check() { # kind file sample-types
    local kind=$1 f=$2 types=$3
    for ((i = 0; i < types; i++)); do
        if diff <(reference "$kind" "$f" "$i") <(ours "$f" "$i") >"$tmp/d"; then ok "$f index=$i equals the reference ($(ours "$f" "$i" | wc -l) stacks)"
        else bad "$f index=$i differs from the reference: $(head -4 "$tmp/d" | tr '\n' ' ')"; fi
        "$PROFCONV" convert "$f" --to pprof -o "$tmp/p.pb.gz"
        go tool pprof -raw -symbolize=none "$tmp/p.pb.gz" 2>/dev/null | python3 Scripts/lib/pprof_raw_to_folded.py "$i" | sort >"$tmp/pprof"
        if diff "$tmp/pprof" <(ours "$f" "$i") >"$tmp/d"; then ok "$f index=$i through go tool pprof -raw"
        else bad "$f index=$i through go tool pprof -raw: $(head -4 "$tmp/d" | tr '\n' ' ')"; fi
    done
}

check cpuprofile Fixtures/v8/app.cpuprofile 2
check heapprofile Fixtures/v8/app.heapprofile 2
check chrome-trace Fixtures/chrome/startup.trace.json.gz 2
check chrome-trace Fixtures/chrome/durations.trace.json.gz 1

# The way back: node's own files and ours pass the same schema test; ours
# read back to the same stacks.
for f in Fixtures/v8/app.cpuprofile; do
    problem=$(python3 Scripts/cpuprofile_schema.py --theirs "$f")
    if [ -z "$problem" ]; then ok "schema: node's $f"; else bad "schema: node's $f: $problem"; fi
done
for f in Fixtures/go1.19/*/cpu*.pb.gz Fixtures/v8/app.cpuprofile Fixtures/chrome/startup.trace.json.gz; do
    [ -e "$f" ] || continue
    "$PROFCONV" convert "$f" --to cpuprofile -o "$tmp/out.cpuprofile"
    problem=$(python3 Scripts/cpuprofile_schema.py "$tmp/out.cpuprofile")
    if [ -z "$problem" ]; then ok "schema: --to cpuprofile of $f"; else bad "schema: --to cpuprofile of $f: $problem"; fi
    for i in 0 1; do
        "$PROFCONV" convert "$f" --to folded --sample-index $i | awk '$NF != 0' | sort >"$tmp/want"
        if diff "$tmp/want" <(ours "$tmp/out.cpuprofile" $i) >"$tmp/d"; then ok "read back through profconv: $f index=$i"
        else bad "read back through profconv: $f index=$i: $(head -4 "$tmp/d" | tr '\n' ' ')"; fi
        if diff "$tmp/want" <(reference cpuprofile "$tmp/out.cpuprofile" $i) >"$tmp/d"; then ok "read back through the reference: $f index=$i"
        else bad "read back through the reference: $f index=$i: $(head -4 "$tmp/d" | tr '\n' ' ')"; fi
    done
done
exit $fail
