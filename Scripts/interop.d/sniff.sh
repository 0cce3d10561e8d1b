#!/usr/bin/env bash
# The sniff matrix over other projects' files (../shared/conformance): every
# file against every reader (`profconv formats --sniff`). No two readers may
# be certain of one file, no text file may be taken for pprof, and files of
# a format profconv reads must be read as it: folded inputs and inferno's
# collapsed results as folded, GHC reports as ghcprof. Then GHC's reports
# must collapse as inferno's collapse-ghcprof does (its expected results, as
# multisets of lines; inferno also prints stacks of value 0, which a profile
# holds no sample for, so those lines are left out).
# One line per check; non-zero on any mismatch. CI=true and no conformance
# data is a failure, not a skip.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Scripts/lib/interop-common.sh
SHARED=${SHARED:-../shared}
[ -d "$SHARED/conformance" ] || SHARED=/work/shared
if [ ! -d "$SHARED/conformance/collapse" ]; then
    if [ "${CI:-}" = true ]; then bad "sniff: no conformance data at ../shared/conformance"; exit 1; fi
    echo "skip: no conformance data (set SHARED to the folder holding conformance/)"
    exit 0
fi
C=$SHARED/conformance

mapfile -t files < <(find "$C" -type f -not -name 'README*' -not -name 'LICENSE*' -not -name '*.tsv' | sort)
"$PROFCONV" formats --sniff "${files[@]}" > "$tmp/sniffed.tsv"
python3 - "$tmp/sniffed.tsv" "$C" <<'PY'
import gzip, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
root = sys.argv[2]
def text(path):
    data = open(path, "rb").read()
    if data[:2] == b"\x1f\x8b":
        try: data = gzip.decompress(data)
        except Exception: return False
    if b"\0" in data[:1 << 20]: return False
    try:
        data[:1 << 20].decode("utf-8")
        return True
    except UnicodeDecodeError as e:
        return e.start > (1 << 20) - 4
def expected(path):
    rel = path[len(root) + 1:]
    if rel.startswith("folded/") and "utf16" not in rel: return "folded"
    if "/results/" in rel: return "folded"
    if rel.endswith(".prof"): return "ghcprof"
    return None
failures = 0
for path, winner, answers in rows:
    rel = path[len(root) + 1:]
    certain = [a for a in answers.split() if a.endswith(":certainly")]
    problems = []
    if len(certain) > 1: problems.append("several readers are certain: " + " ".join(certain))
    if text(path) and "pprof:" in answers: problems.append("text taken for pprof")
    want = expected(path)
    if want and winner != want: problems.append(f"read as {winner}, not {want}")
    if problems:
        failures += 1
        print(f"FAIL sniff {rel}: {'; '.join(problems)} ({winner} {answers})")
print(f"ok   sniff: {len(rows) - failures} of {len(rows)} conformance files as expected")
sys.exit(1 if failures else 0)
PY
[ $? -eq 0 ] || fail=1

# Tab is white space to `read`, which would join the empty options column.
while IFS= read -r row; do
    input=$(cut -f1 <<<"$row") options=$(cut -f2 <<<"$row") result=$(cut -f3 <<<"$row")
    case $input in collapse-ghcprof/*) ;; *) continue ;; esac
    index=${options#--}
    "$PROFCONV" convert "$C/collapse/$input" --to folded ${index:+--sample-index $index} > "$tmp/ours.folded"
    if diff <(tr -d '\r' < "$C/collapse/$result" | grep -v ' 0$' | LC_ALL=C sort) <(LC_ALL=C sort "$tmp/ours.folded") > /dev/null; then
        ok "ghcprof $input ${options:-(percent)} = inferno's $result"
    else
        bad "ghcprof $input ${options:-(percent)} differs from inferno's $result"
    fi
done < "$C/collapse/cases.tsv"
exit $fail
