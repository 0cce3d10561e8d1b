#!/usr/bin/env bash
# Leak hunting interop: `profconv diff --to pprof` reads in `go tool pprof`
# exactly as pprof's own -diff_base does, its flat values are NEW − BASE per
# function, and `profconv leaks` names the three leakgrow leak sites.
set -euo pipefail
cd "$(dirname "$0")/../.."
PROFCONV=${PROFCONV:-.build/release/profconv}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
d=Fixtures/go1.19/leakgrow
[ -f "$d/snap1.goroutine.debug0.pb.gz" ] || { echo "skip leaks: no leakgrow captures"; exit 0; }

# pprof's own -diff_base against profconv's delta profile, with and without -normalize
# (--keep-runtime: -diff_base keeps the runtime frames a goroutine diff hides by default).
for norm in "" "-normalize"; do
    "$PROFCONV" diff --keep-runtime ${norm:+--normalize} "$d/snap1.goroutine.debug0.pb.gz" "$d/snap3.goroutine.debug0.pb.gz" --to pprof -o "$tmp/delta.pb.gz"
    go tool pprof -top -nodecount 1000 "$tmp/delta.pb.gz" 2>/dev/null | sed 1,3d > "$tmp/ours.txt"
    go tool pprof -top -nodecount 1000 $norm -diff_base "$d/snap1.goroutine.debug0.pb.gz" "$d/snap3.goroutine.debug0.pb.gz" 2>/dev/null | sed 1,3d > "$tmp/theirs.txt"
    cmp -s "$tmp/ours.txt" "$tmp/theirs.txt" || { echo "FAIL go tool pprof -top of our delta${norm:+ ($norm)} differs from -diff_base"; diff "$tmp/ours.txt" "$tmp/theirs.txt" | head; exit 1; }
    echo "ok   go tool pprof -top of profconv diff --to pprof${norm:+ --normalize} equals pprof's own -diff_base${norm:+ $norm}"
done

# Flat per function = flat(NEW) − flat(BASE), from pprof's own -top of each
# input; runtime frames hidden by pprof's -hide so that the leaves differ.
flat() { go tool pprof -top -nodecount 1000 "$@" 2>/dev/null | awk '$2 ~ /%$/ && $1 ~ /^-?[0-9]/ { print $NF, $1 }' | sort; }
flat -hide '^runtime\.' "$d/snap3.goroutine.debug0.pb.gz" > "$tmp/new.txt"
flat -hide '^runtime\.' "$d/snap1.goroutine.debug0.pb.gz" > "$tmp/base.txt"
"$PROFCONV" diff --keep-runtime "$d/snap1.goroutine.debug0.pb.gz" "$d/snap3.goroutine.debug0.pb.gz" --to pprof -o "$tmp/delta.pb.gz"
# -nodefraction=0: pprof's default cutoff is 0.5% of the sum of |values|, which a
# diff makes large, so a small growth would be hidden with the shrinking nodes.
flat -hide '^runtime\.' -nodefraction=0 "$tmp/delta.pb.gz" | awk '$2 != 0' > "$tmp/delta.txt"
join -a1 -a2 -e 0 -o 0,1.2,2.2 "$tmp/new.txt" "$tmp/base.txt" | awk '$2 - $3 != 0 { print $1, $2 - $3 }' | sort > "$tmp/expected.txt"
# pprof -top hides nodes whose cum is <= 0: those must be the shrinking ones.
shown=$(join "$tmp/delta.txt" "$tmp/expected.txt" | awk '$2 == $3' | wc -l)
wrong=$(join -a1 -e X -o 0,1.2,2.2 "$tmp/delta.txt" "$tmp/expected.txt" | awk '$2 != $3' | wc -l)
hidden_growing=$(join -v2 "$tmp/delta.txt" "$tmp/expected.txt" | awk '$2 > 0' | wc -l)
if [ "$wrong" != 0 ] || [ "$hidden_growing" != 0 ] || [ "$shown" = 0 ]; then
    echo "FAIL flat values of the delta are not NEW − BASE"; diff "$tmp/delta.txt" "$tmp/expected.txt"; exit 1
fi
echo "ok   flat of the delta = NEW − BASE for the $shown functions go tool pprof -top shows (it hides the $(join -v2 "$tmp/delta.txt" "$tmp/expected.txt" | wc -l) that shrank, cum <= 0)"

# A debug=1 base against a debug=0 new: runtime frames hidden, the leaks are the leaves.
"$PROFCONV" diff "$d/snap1.goroutine.debug1.txt" "$d/snap3.goroutine.debug0.pb.gz" --to pprof -o "$tmp/mixed.pb.gz" 2>/dev/null
got=$(flat "$tmp/mixed.pb.gz" | awk '/^main.leak/ && $2 != 0' | tr '\n' ' ')
[ "$got" = "main.leakRecv 400 main.leakSelect 160 " ] || { echo "FAIL debug=1 vs debug=0 delta: $got"; exit 1; }
want=$(go tool pprof -top -nodecount 1000 "$tmp/mixed.pb.gz" 2>/dev/null | awk '$NF == "sync.runtime_SemacquireMutex" { print $1 }')
[ "$want" = 40 ] || { echo "FAIL debug=1 vs debug=0 delta: sync.runtime_SemacquireMutex flat $want, want 40"; exit 1; }
echo "ok   debug=1 against debug=0: go tool pprof -top shows leakRecv +400, leakSelect +160, the mutex wait +40"

# profconv leaks on mixed forms names the three sites first; its flame graph is valid XML.
"$PROFCONV" leaks --format json -o "$tmp/growth.svg" "$d/snap1.goroutine.debug2.txt" "$d/snap2.goroutine.debug1.txt" "$d/snap3.goroutine.debug0.pb.gz" > "$tmp/leaks.json"
python3 - "$tmp/leaks.json" <<'PY'
import json, sys
groups = json.load(open(sys.argv[1]))["groups"]
got = [(g["site"].split()[0], g["growth"], g["counts"]) for g in groups[:3]]
want = [("main.leakRecv", 400, [100, 300, 500]), ("main.leakSelect", 160, [40, 120, 200]), ("main.leakLock", 40, [10, 30, 50])]
if got != want:
    sys.exit(f"FAIL leaks ranks {got}")
if any(g["score"] >= groups[2]["score"] for g in groups[3:]):
    sys.exit("FAIL a non-leak ranks with the leaks")
PY
xmllint --noout "$tmp/growth.svg"
echo "ok   profconv leaks (debug=2, debug=1, debug=0 mixed) ranks leakRecv +400, leakSelect +160, leakLock +40 first; its SVG parses"
