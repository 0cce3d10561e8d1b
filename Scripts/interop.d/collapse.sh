#!/usr/bin/env bash
# Stack-collapse conformance: every case of the shared conformance folder's
# cases.tsv (inferno's collapse test inputs, the options its tests pass, its
# expected results/ file), read by content (no --from, except for an empty
# input, which no content can name), must give profconv's folded output
# equal to the expected one as a multiset of lines. Every row of errors.tsv
# must fail with one error line naming the file (an "error" row), or warn
# naming a line and exit 0 (a "warning" row). Each input our readers take
# must also survive pprof (go tool pprof -raw reads back the same stacks)
# and draw a flame graph xmllint accepts.
# Under CI=true a missing conformance folder is a failure, not a skip.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Scripts/lib/interop-common.sh

dir=""
for d in ../shared/conformance/collapse /work/shared/conformance/collapse; do
    if [ -f "$d/cases.tsv" ]; then dir=$d; break; fi
done
if [ -z "$dir" ]; then
    if [ "${CI:-}" = true ]; then bad "collapse conformance folder missing (../shared/conformance/collapse)"; exit 1; fi
    echo "skip collapse conformance: no ../shared/conformance/collapse"
    exit 0
fi

# The reader an empty input is named as: its folder's (collapse-perf → perf).
from_for() {
    local folder=${1%%/*}
    echo "${folder#collapse-}"
}

# inferno's results hold CRLF line ends (vsprof) and stacks of count 0 (GHC's
# cost centres that cost nothing); profconv writes no stack without a value.
multiset() { tr -d '\r' <"$1" | grep -v -e '^[[:space:]]*$' -e ' 0$' | LC_ALL=C sort || true; }

# inferno's collapse-sample and collapse-vsprof keep the LAST count of a stack
# that occurs at several places of the tree (Occurrences::insert replaces
# where its other collapsers add), so their totals fall short of the tree's
# (sample.txt: 1,411 of 1,429 samples). For these inputs the stacks must be
# the same, and each of our counts at least inferno's.
keeps_last_count() {
    case $1 in collapse-sample/sample.txt | collapse-vsprof/CallTreeSummary.csv) return 0 ;; esac
    return 1
}

same_stacks_counts_at_least() {  # $1 ours, $2 inferno's: prints the stacks whose counts differ
    python3 - "$1" "$2" <<'PY'
import sys
def load(path):
    counts = {}
    for line in open(path, encoding="utf-8", newline=""):
        line = line.rstrip("\r\n")
        stack, _, count = line.rpartition(" ")
        if stack and int(count):
            counts[stack] = counts.get(stack, 0) + int(count)
    return counts
ours, theirs = load(sys.argv[1]), load(sys.argv[2])
if set(ours) != set(theirs) or any(ours[k] < v for k, v in theirs.items()):
    sys.exit(1)
print(sum(1 for k in theirs if ours[k] != theirs[k]))
PY
}

round_trip() {  # $1 input, $2 options: pprof and flame graph of what we read
    local in=$1 opts=$2
    # shellcheck disable=SC2086
    "$PROFCONV" convert "$in" $opts -o "$tmp/p.pb.gz" 2>/dev/null || { bad "pprof of $in"; return; }
    local n
    go tool pprof -raw -symbolize=none "$tmp/p.pb.gz" >"$tmp/raw.txt" 2>/dev/null || { bad "go tool pprof -raw of $in"; return; }
    n=$(sed -n '/^Samples:/{n;p;q}' "$tmp/raw.txt" | wc -w)
    [ "$n" -gt 0 ] || { ok "pprof of $in (no samples)"; return; }
    # Every sample type: pprof's column i against our folded output of index i.
    local i same=1
    for ((i = 0; i < n; i++)); do
        python3 Scripts/lib/pprof_raw_to_folded.py "$i" <"$tmp/raw.txt" | LC_ALL=C sort >"$tmp/raw"
        # shellcheck disable=SC2086
        "$PROFCONV" convert "$in" $opts --sample-index "$i" --to folded -o - 2>/dev/null | LC_ALL=C sort >"$tmp/ours"
        if ! cmp -s "$tmp/raw" "$tmp/ours"; then
            same=0
            bad "go tool pprof -raw of $in $opts, sample type $i: $(diff "$tmp/raw" "$tmp/ours" | head -3 | tr '\n' ' ')"
        fi
    done
    [ $same = 0 ] || ok "go tool pprof -raw reads the stacks of $in $opts, all $n sample types"
    # shellcheck disable=SC2086
    if "$PROFCONV" flamegraph "$in" $opts -o "$tmp/f.svg" 2>/dev/null && xmllint --noout "$tmp/f.svg" 2>/dev/null; then
        ok "flame graph of $in $opts is valid XML"
    else
        bad "flame graph of $in $opts"
    fi
}

passed=0 failed=0
while IFS= read -r row; do
    case $row in '#'* | '') continue ;; esac
    in=$(cut -f1 <<<"$row"); opts=$(cut -f2 <<<"$row"); want=$(cut -f3 <<<"$row")
    from=()
    if [ "$(gzip -dcf "$dir/$in" | head -c 1 | wc -c)" -eq 0 ]; then from=(--from "$(from_for "$in")"); fi
    # shellcheck disable=SC2086
    if "$PROFCONV" convert "$dir/$in" "${from[@]}" $opts --to folded -o "$tmp/got" 2>"$tmp/err"; then
        if diff <(multiset "$tmp/got") <(multiset "$dir/$want") >"$tmp/diff"; then
            ok "collapse $in $opts"; passed=$((passed + 1))
            if [ ${#from[@]} -eq 0 ]; then round_trip "$dir/$in" "$opts"; fi
        elif keeps_last_count "$in" && n=$(same_stacks_counts_at_least "$tmp/got" "$dir/$want"); then
            ok "collapse $in $opts: inferno's stacks; $n counts higher, where inferno kept a repeated stack's last count"
            passed=$((passed + 1))
            round_trip "$dir/$in" "$opts"
        else
            bad "collapse $in $opts: $(head -4 "$tmp/diff" | cut -c1-160 | tr '\n' ' ')"; failed=$((failed + 1))
        fi
    elif [ ${#from[@]} -gt 0 ] && [ ! -s "$dir/$want" ] && grep -q "the input is empty" "$tmp/err"; then
        # inferno prints nothing for an empty input; profconv refuses every empty input, by policy.
        ok "collapse $in $opts: empty input refused (inferno: empty output)"; passed=$((passed + 1))
    else
        bad "collapse $in $opts: $(head -1 "$tmp/err" | cut -c1-200)"; failed=$((failed + 1))
    fi
done <"$dir/cases.tsv"

while IFS= read -r row; do
    case $row in '#'* | '') continue ;; esac
    in=$(cut -f1 <<<"$row"); outcome=$(cut -f2 <<<"$row")
    # inferno's tests give each bad input to its own collapser; collapse-guess's to the guesser.
    from=()
    case $in in collapse-guess/*) ;; *) from=(--from "$(from_for "$in")") ;; esac
    set +e
    "$PROFCONV" convert "$dir/$in" "${from[@]}" --to folded -o "$tmp/got" 2>"$tmp/err"
    rc=$?
    set -e
    lines=$(grep -c . "$tmp/err" || true)
    name=$(basename "$in")
    if [ "$outcome" = error ]; then
        if [ $rc -eq 1 ] && [ "$lines" -eq 1 ] && grep -q "$name" "$tmp/err"; then
            ok "error row $in: $(cut -c1-150 "$tmp/err")"; passed=$((passed + 1))
        else
            bad "error row $in: exit $rc, $lines stderr lines: $(head -2 "$tmp/err" | cut -c1-150 | tr '\n' ' ')"; failed=$((failed + 1))
        fi
    else
        # A warning names its line, or says the input ended before what it lacks.
        if [ $rc -eq 0 ] && grep -qiE "warning: .*$name: .*(line [0-9]|input ended)" "$tmp/err"; then
            ok "warning row $in: $(grep -i warning "$tmp/err" | head -1 | cut -c1-150)"; passed=$((passed + 1))
        elif [ ! -s "$dir/$in" ] && [ $rc -eq 1 ] && grep -q "the input is empty" "$tmp/err"; then
            # inferno warns and prints nothing; profconv refuses every empty input, by policy.
            ok "warning row $in: empty input refused (inferno: a warning, empty output)"; passed=$((passed + 1))
        else
            bad "warning row $in: exit $rc: $(head -2 "$tmp/err" | cut -c1-150 | tr '\n' ' ')"; failed=$((failed + 1))
        fi
    fi
done <"$dir/errors.tsv"
echo "collapse conformance: $passed passed, $failed failed"
exit $fail
