#!/usr/bin/env bash
# Interop of the jfr reader with the JDK and with pprof, on every recording
# of Fixtures/jfr/ and each sample type that has an expected file beside it:
# - the JDK's `jfr print --json`, summed by Scripts/jfr_json_to_folded.py,
#   still gives the committed folded stacks;
# - profconv's folded stacks for that sample type equal them;
# - converted to pprof, `go tool pprof -raw` reads the same stacks back.
# Without `jfr` (openjdk-17-jdk-headless) the JDK check is skipped, except
# under CI=true, where it fails. One line per check; non-zero on any mismatch.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Scripts/lib/interop-common.sh

jfr_tool=$(command -v jfr || true)
if [ -z "$jfr_tool" ]; then
    if [ "${CI:-}" = true ]; then bad "jfr is not installed (openjdk-17-jdk-headless)"; else echo "skip jfr print checks: no jfr"; fi
fi

declare -A events=([cpu]=jdk.ExecutionSample [wall]=jdk.NativeMethodSample [alloc]=jdk.ObjectAllocationSample
    [lock]=jdk.JavaMonitorEnter [park]=jdk.ThreadPark)

for rec in Fixtures/jfr/*.jfr; do
    base=${rec%.jfr}
    "$PROFCONV" convert "$rec" --to pprof -o "$tmp/p.pb.gz"
    go tool pprof -raw -symbolize=none "$tmp/p.pb.gz" >"$tmp/raw" 2>/dev/null
    types=$(grep -A1 '^Samples:' "$tmp/raw" | tail -1)
    for want in "$base".*.folded; do
        kind=${want#"$base".}; kind=${kind%.folded}
        if [ -n "$jfr_tool" ]; then
            "$jfr_tool" print --json --stack-depth 4096 --events "${events[$kind]}" "$rec" |
                python3 Scripts/jfr_json_to_folded.py "$kind" >"$tmp/jdk"
            if cmp -s "$tmp/jdk" "$want"; then ok "jfr print $rec $kind"; else bad "jfr print $rec $kind: $(diff "$want" "$tmp/jdk" | head -3 | tr '\n' ' ')"; fi
        fi
        "$PROFCONV" convert "$rec" --to folded --sample-index "$kind" >"$tmp/got"
        if cmp -s "$tmp/got" "$want"; then ok "profconv $rec $kind"; else bad "profconv $rec $kind: $(diff "$want" "$tmp/got" | head -3 | tr '\n' ' ')"; fi
        index=$(tr -s ' ' '\n' <<<"$types" | grep -v '^$' | grep -n "^$kind/" | cut -d: -f1)
        if [ -z "$index" ]; then bad "pprof $rec: no sample type $kind in '$types'"; continue; fi
        python3 Scripts/lib/pprof_raw_to_folded.py $((index - 1)) <"$tmp/raw" >"$tmp/pprof"
        if cmp -s "$tmp/pprof" "$want"; then ok "go tool pprof -raw $rec $kind"; else bad "go tool pprof -raw $rec $kind: $(diff "$want" "$tmp/pprof" | head -3 | tr '\n' ' ')"; fi
    done
done
exit $fail
