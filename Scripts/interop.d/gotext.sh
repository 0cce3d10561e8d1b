#!/usr/bin/env bash
# Interop of the Go text formats with `go tool pprof`:
# - every debug=0 capture converted to debug=1 text parses in `go tool pprof -raw`,
#   with the same sample types and, for count profiles, the same total;
# - `profconv info` on a converted goroutine file lists real function names.
set -euo pipefail
cd "$(dirname "$0")/../.."
PROFCONV=${PROFCONV:-.build/release/profconv}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

total() {  # the sum of the first value column of `pprof -raw`'s samples
    awk '/^Samples:/{s=1; getline; next} /^Locations/{s=0} s && /^ *-?[0-9]+.*:/{sub(/:.*/, ""); split($0, v, " "); t += v[1]} END{print t+0}'
}

for f in Fixtures/go1.19/*/*.debug0.pb.gz; do
    name=${f#Fixtures/go1.19/}
    out="$tmp/${name//\//_}.debug1.txt"
    "$PROFCONV" convert "$f" --to debug1 -o "$out"
    if ! go tool pprof -raw "$out" >"$tmp/raw1" 2>"$tmp/err"; then
        echo "FAIL $name: go tool pprof cannot parse the debug=1 text: $(head -1 "$tmp/err")"; fail=1; continue
    fi
    go tool pprof -raw "$f" >"$tmp/raw0" 2>/dev/null
    # The text cannot say heap from allocs, so allocs' `[dflt]` marker is not compared.
    types0=$(grep -A1 '^Samples:' "$tmp/raw0" | tail -1 | tr -s ' ' | sed 's/\[dflt\]//')
    types1=$(grep -A1 '^Samples:' "$tmp/raw1" | tail -1 | tr -s ' ')
    if [[ "$types0" != "$types1" ]]; then
        echo "FAIL $name: sample types '$types1', debug=0 has '$types0'"; fail=1; continue
    fi
    case "$name" in
    *goroutine*|*threadcreate*)
        # pprof -raw leaves out debug=0's empty stacks; profconv's own total is the reference.
        t0=$("$PROFCONV" info "$f" | sed -n 's/.*total \([0-9]*\).*/\1/p' | head -1)
        t1=$(total <"$tmp/raw1")
        if [[ "$t0" != "$t1" ]]; then echo "FAIL $name: total $t1, debug=0 has $t0"; fail=1; continue; fi
        echo "ok   $name: go tool pprof reads the debug=1 text, $types1, total $t1";;
    *)
        echo "ok   $name: go tool pprof reads the debug=1 text, $types1";;
    esac
done

"$PROFCONV" convert Fixtures/go1.19/leaky/goroutine.debug0.pb.gz --to debug1 -o "$tmp/g.debug1.txt"
"$PROFCONV" info "$tmp/g.debug1.txt" >"$tmp/info"
if grep -q "top functions: *2018 *runtime.gopark" "$tmp/info" && ! sed -n '/^top functions/,$p' "$tmp/info" | grep -q " 0x" \
   && "$PROFCONV" convert "$tmp/g.debug1.txt" --to folded | grep -q "^main.leakForever;runtime.block;runtime.gopark 1000$"; then
    echo "ok   profconv info on a converted debug=1 goroutine file lists real function names (runtime.gopark 2018; main.leakForever 1000 in folded)"
else
    echo "FAIL profconv info/convert on a converted debug=1 file does not show real function names"; cat "$tmp/info"; fail=1
fi
exit $fail
