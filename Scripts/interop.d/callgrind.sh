#!/usr/bin/env bash
# callgrind output against valgrind's callgrind_annotate: for every pprof
# fixture (and pprof's own test profiles), every sample index and granularity,
# callgrind_annotate's per-function self totals must equal `profconv top`'s
# flat, and its --inclusive=yes totals `top`'s cum. One line per check;
# non-zero on any mismatch.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Scripts/lib/interop-common.sh
run_in() { local dir=$1; shift; (cd "$dir" && "$@"); }

source Scripts/lib/pprof-inputs.sh  # fills `inputs`

# compare TOP_CSV SELF_LISTING INCLUSIVE_LISTING: prints the first difference, or nothing.
compare() {
    python3 - "$@" <<'PY'
import csv, re, sys
top = {}
for r in csv.DictReader(open(sys.argv[1], newline="")):
    top[r["name"]] = (int(r["flat"]), int(r["cum"]))
line = re.compile(r"^\s*(-?[\d,]+)\s+\(\s*-?[\d.]+%\)\s+(.*)$")
def listing(path):
    out, body = {}, False
    for l in open(path, errors="replace"):
        if "file:function" in l:
            body = True
            continue
        m = line.match(l) if body else None
        if m and m.group(2) != "PROGRAM TOTALS":
            name = m.group(2).split(":", 1)[1]
            out[name] = out.get(name, 0) + int(m.group(1).replace(",", ""))
    return out
selfs, incl = listing(sys.argv[2]), listing(sys.argv[3])
for name, (flat, cum) in top.items():
    if selfs.get(name, 0) != flat:
        print(f"{name}: self {selfs.get(name, 0)} != flat {flat}"); sys.exit()
    if incl.get(name, 0) != cum:
        print(f"{name}: inclusive {incl.get(name, 0)} != cum {cum}"); sys.exit()
for name, v in list(selfs.items()) + list(incl.items()):
    if name not in top and name != "(below main)" and v != 0:
        print(f"{name}: {v} in callgrind_annotate, not in top"); sys.exit()
PY
}

for f in "${inputs[@]}"; do
    n=$(go tool pprof -raw "$f" 2>/dev/null | sed -n '/^Samples:/{n;p;q}' | wc -w)
    for ((i = 0; i < n; i++)); do
        for g in functions files lines; do
            "$PROFCONV" convert "$f" --to callgrind --sample-index "$i" --granularity "$g" -o "$tmp/out.callgrind"
            event=$(sed -n 's/^events: \([^ ]*\).*/\1/p' "$tmp/out.callgrind")
            "$PROFCONV" top --format csv --nodefraction 0 --sample-index "$i" --granularity "$g" "$f" >"$tmp/top.csv"
            # Run from $tmp: when the working directory is a prefix of a source
            # path, callgrind_annotate lists the function twice (relative and
            # absolute) in --inclusive=yes mode and the sums double.
            annotate=(run_in "$tmp" callgrind_annotate --auto=no --threshold=100 "--show=$event")
            if ! "${annotate[@]}" "$tmp/out.callgrind" >"$tmp/self" 2>"$tmp/err" \
                || ! "${annotate[@]}" --inclusive=yes "$tmp/out.callgrind" >"$tmp/incl" 2>>"$tmp/err" \
                || [ -s "$tmp/err" ]; then
                bad "callgrind_annotate $f index=$i $g: $(head -1 "$tmp/err")"
                continue
            fi
            diff=$(compare "$tmp/top.csv" "$tmp/self" "$tmp/incl")
            if [ -z "$diff" ]; then
                ok "callgrind_annotate = top $f index=$i $g ($(($(wc -l <"$tmp/top.csv") - 1)) functions)"
            else
                bad "callgrind_annotate vs top $f index=$i $g: $diff"
            fi
        done
    done
done
exit $fail
