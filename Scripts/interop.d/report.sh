#!/usr/bin/env bash
# The report page's numbers against `profconv top` (itself checked against
# `go tool pprof -top` in reports.sh) and the d3-flamegraph root against the
# profile's total: for every pprof fixture and pprof test profile, every sample
# type embedded in one page must give top's flat and cum for every function,
# and every page must be byte-identical when written twice. One line per
# check; non-zero on any mismatch.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Scripts/lib/interop-common.sh
source Scripts/lib/pprof-inputs.sh  # fills `inputs`

for f in "${inputs[@]}"; do
    "$PROFCONV" report "$f" --nodefraction 0 -o "$tmp/page.html"
    "$PROFCONV" report "$f" --nodefraction 0 -o "$tmp/again.html"
    cmp -s "$tmp/page.html" "$tmp/again.html" && ok "report $f is byte-identical written twice" || bad "report $f differs between two runs"
    n=$(go tool pprof -raw "$f" 2>/dev/null | sed -n '/^Samples:/{n;p;q}' | wc -w)
    for ((i = 0; i < n; i++)); do
        "$PROFCONV" top --format csv --nodefraction 0 --sample-index "$i" "$f" >"$tmp/top.csv"
        "$PROFCONV" convert "$f" --to d3-flamegraph --sample-index "$i" -o "$tmp/tree.d3.json"
        diff=$(python3 - "$tmp/page.html" "$tmp/top.csv" "$tmp/tree.d3.json" "$i" <<'PY'
import csv, json, sys
html = open(sys.argv[1], encoding="utf-8").read()
start = html.index('id="profile-data">') + len('id="profile-data">')
data = json.loads(html[start:html.index("</script>", start)])
c, top = int(sys.argv[4]), data["top"]
page = {data["names"][n]: (top["flat"][c][k], top["cum"][c][k]) for k, n in enumerate(top["name"])}
want = {r["name"]: (int(r["flat"]), int(r["cum"])) for r in csv.DictReader(open(sys.argv[2], newline=""))}
for name, v in want.items():
    if v != (0, 0) and page.get(name) != v:
        print(f"{name}: page {page.get(name)} != top {v}"); sys.exit()
for name, v in page.items():
    if name not in want and v != (0, 0):
        print(f"{name}: {v} on the page, not in top"); sys.exit()
root = json.load(open(sys.argv[3]))
if root["value"] != data["columns"][c]["total"] or root["value"] != data["tree"]["values"][c][0]:
    print(f"d3 root {root['value']} != page total {data['columns'][c]['total']}")
PY
)
        if [ -z "$diff" ]; then
            ok "report = top, d3 root = total: $f index=$i ($(($(wc -l <"$tmp/top.csv") - 1)) functions)"
        else
            bad "report vs top $f index=$i: $diff"
        fi
    done
done
exit $fail
