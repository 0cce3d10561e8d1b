#!/usr/bin/env bash
# speedscope JSON: for every pprof fixture, the file we write holds the
# essentials of speedscope's file-format schema (checked by Python's json
# module: required keys, units, frame indices in range, one weight per
# sample, endValue = sum of weights = the sample type's total), and reading
# it back gives the same folded stacks for every sample index.
# One line per check; non-zero on any mismatch.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Scripts/lib/interop-common.sh

check() {
    python3 - "$@" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
types = int(sys.argv[2])
def need(cond, what):
    if not cond:
        print(what); sys.exit()
need(doc.get("$schema") == "https://www.speedscope.app/file-format-schema.json", "$schema")
need(doc.get("exporter") == "profconv", "exporter")
frames = doc["shared"]["frames"]
need(all(isinstance(f.get("name"), str) for f in frames), "a frame without a name")
need(all(isinstance(f.get("line", 1), int) and isinstance(f.get("file", ""), str) for f in frames), "a frame with a bad file or line")
profiles = doc["profiles"]
need(len(profiles) == types, f"{len(profiles)} profiles for {types} sample types")
need(0 <= doc["activeProfileIndex"] < len(profiles), "activeProfileIndex")
for p in profiles:
    need(p["type"] == "sampled", "type")
    need(p["unit"] in ("none", "nanoseconds", "microseconds", "milliseconds", "seconds", "bytes"), "unit " + p["unit"])
    need(isinstance(p["name"], str) and p["startValue"] == 0, "name/startValue")
    need(len(p["weights"]) == len(p["samples"]), f"{len(p['weights'])} weights for {len(p['samples'])} samples")
    need(all(isinstance(i, int) and 0 <= i < len(frames) for s in p["samples"] for i in s), "a frame index out of range")
    need(sum(p["weights"]) == p["endValue"], "endValue is not the sum of the weights")
PY
}

for f in Fixtures/go1.19/*/*.pb.gz; do
    [ -e "$f" ] || continue
    "$PROFCONV" convert "$f" --to speedscope -o "$tmp/p.speedscope.json"
    n=$(go tool pprof -raw "$f" 2>/dev/null | sed -n '/^Samples:/{n;p;q}' | wc -w)
    problem=$(check "$tmp/p.speedscope.json" "$n")
    if [ -z "$problem" ]; then ok "speedscope schema $f ($n profiles)"; else bad "speedscope schema $f: $problem"; fi
    for ((i = 0; i < n; i++)); do
        "$PROFCONV" convert "$f" --to folded --sample-index "$i" >"$tmp/want"
        "$PROFCONV" convert "$tmp/p.speedscope.json" --to folded --sample-index "$i" >"$tmp/got"
        if cmp -s "$tmp/want" "$tmp/got"; then ok "speedscope round trip $f index=$i"; else bad "speedscope round trip $f index=$i: $(diff "$tmp/want" "$tmp/got" | head -3 | tr '\n' ' ')"; fi
    done
done
exit $fail
