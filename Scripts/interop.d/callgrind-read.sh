#!/usr/bin/env bash
# The callgrind READER against valgrind's own tools (Scripts/interop.d/callgrind.sh
# checks the writer). For every capture in Fixtures/callgrind/ (and, when
# valgrind is here, a fresh one of Scripts/fixture-programs/calls-c):
# - `profconv top` flat per function and EVENT equals callgrind_annotate's
#   self cost (summed over a function's files, since top lists names), both
#   the committed FILE.annotate.txt and callgrind_annotate run now;
# - converted to pprof, `go tool pprof -raw` gives the stacks and values of
#   profconv's own folded output, for every event;
# - written back with --to callgrind and read again, the self costs stay.
# One line per check; non-zero on any mismatch. With CI=true, valgrind,
# callgrind_annotate and go must be present.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Scripts/lib/interop-common.sh

for tool in callgrind_annotate go; do
    if ! command -v "$tool" >/dev/null; then
        if [ "${CI:-}" = true ]; then bad "$tool is missing"; exit 1; fi
        echo "skip $tool is missing"; exit 0
    fi
done

inputs=(Fixtures/callgrind/*.callgrind.out)
cc=$(command -v gcc || command -v clang || true)
if command -v valgrind >/dev/null && [ -n "$cc" ]; then
    "$cc" -g -O0 -fno-inline -o "$tmp/calls" Scripts/fixture-programs/calls-c/calls.c
    (cd "$tmp" && valgrind --tool=callgrind --cache-sim=yes --callgrind-out-file=live.callgrind.out ./calls >/dev/null 2>&1)
    inputs+=("$tmp/live.callgrind.out")
elif [ "${CI:-}" = true ]; then
    bad "valgrind or a C compiler (gcc, clang) is missing"
fi

# compare_self ANNOTATE_LISTING EVENT_COLUMN TOP_CSV: the first difference, or nothing.
compare_self() {
    python3 - "$@" <<'PY'
import csv, re, sys
listing, column, top_csv = sys.argv[1], int(sys.argv[2]), sys.argv[3]
top = {r["name"]: int(r["flat"]) for r in csv.DictReader(open(top_csv, newline=""))}
want, body = {}, False
for l in open(listing, errors="replace"):
    if "file:function" in l:
        body = True
        continue
    if not body or l.startswith("-") or not l.strip():
        continue
    # Each event's cell: `1,234 (12.34%)`, `0` or `.`; then `file:function [object]`.
    cells = re.findall(r"(?:([\d,]+)(?: \(\s*[\d.]+%\))?|(\.))\s+", l)
    rest = re.sub(r"^\s*(?:(?:[\d,]+(?: \(\s*[\d.]+%\))?|\.)\s+)+", "", l).rstrip("\n")
    rest = re.sub(r" \[[^\]]*\]$", "", rest)
    name = rest.split(":", 1)[1] if ":" in rest else rest
    v = cells[column][0]
    want[name] = want.get(name, 0) + (int(v.replace(",", "")) if v else 0)
for name in sorted(set(want) | set(top)):
    if want.get(name, 0) != top.get(name, 0):
        print(f"{name}: callgrind_annotate {want.get(name, 0)}, top {top.get(name, 0)}")
        break
PY
}

for f in "${inputs[@]}"; do
    name=$(basename "$f")
    events=$(sed -n 's/^events: //p' "$f" | head -1)
    (cd "$(dirname "$f")" && callgrind_annotate --auto=no --threshold=100 "$name") >"$tmp/live.annotate"
    "$PROFCONV" convert "$f" --to pprof -o "$tmp/out.pb.gz"
    "$PROFCONV" convert "$f" --to callgrind -o "$tmp/back.callgrind"
    i=0
    for event in $events; do
        "$PROFCONV" top --format csv --nodefraction 0 --sample-index "$event" "$f" >"$tmp/top.csv"
        for ref in "$f.annotate.txt" "$tmp/live.annotate"; do
            [ -f "$ref" ] || continue
            diff=$(compare_self "$ref" "$i" "$tmp/top.csv")
            if [ -n "$diff" ]; then bad "$name $event vs $(basename "$ref"): $diff"; else ok "$name $event: self costs equal $(basename "$ref")"; fi
        done
        "$PROFCONV" convert "$f" --to folded --sample-index "$event" | LC_ALL=C sort >"$tmp/ours.folded"
        go tool pprof -raw -symbolize=none "$tmp/out.pb.gz" 2>/dev/null | python3 Scripts/lib/pprof_raw_to_folded.py "$i" >"$tmp/raw.folded"
        if cmp -s "$tmp/ours.folded" "$tmp/raw.folded"; then ok "$name $event: go tool pprof -raw has our stacks"
        else bad "$name $event: go tool pprof -raw differs: $(diff "$tmp/ours.folded" "$tmp/raw.folded" | head -2 | tr '\n' ' ')"; fi
        "$PROFCONV" top --format csv --nodefraction 0 --sample-index "$event" "$tmp/back.callgrind" | cut -d, -f1,7 | grep -v '^0,' | LC_ALL=C sort >"$tmp/back.csv"
        # Functions with self cost (the others are there or not by the stacks).
        cut -d, -f1,7 "$tmp/top.csv" | grep -v '^0,' | LC_ALL=C sort >"$tmp/first.csv"
        if cmp -s "$tmp/first.csv" "$tmp/back.csv"; then ok "$name $event: our callgrind output reads back with the same self costs"
        else bad "$name $event: read back from --to callgrind: $(diff "$tmp/first.csv" "$tmp/back.csv" | head -2 | tr '\n' ' ')"; fi
        i=$((i + 1))
    done
done
exit $fail
