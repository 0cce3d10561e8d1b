#!/usr/bin/env bash
# --binary against Go's own symbolization: builds the leaky fixture program
# with -trimpath, once with symbols and once stripped (-ldflags='-s -w'),
# serves it on 127.0.0.1, captures goroutine debug=1, goroutine debug=0 and
# heap debug=1 from the same run, and checks that the debug=1 text
# symbolized from either binary has the stacks of the debug=0 capture
# (runtime frames, inlined calls included), in profconv and in go tool pprof.
# One line per check; exit 1 on any failure; the server is killed on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
PROFCONV=${PROFCONV:-$root/.build/release/profconv}
source Scripts/lib/leaky-server.sh
server_scratch
fail=0
ok() { echo "ok   symbolize: $*"; }
bad() { echo "FAIL symbolize: $*"; fail=1; }

start_leaky "$work" -trimpath
(cd Scripts/fixture-programs/leaky && go build -trimpath -ldflags='-s -w' -o "$work/leaky-stripped" .)
base="http://127.0.0.1:$port/debug/pprof"
curl -fsS -o "$work/goroutine.debug1" "$base/goroutine?debug=1"
curl -fsS -o "$work/goroutine.pb.gz" "$base/goroutine"
curl -fsS -o "$work/heap.debug1" "$base/heap?debug=1"

# The program's goroutines: stacks rooted in package main. The ones serving
# the captures differ from one request to the next, and so does the main
# goroutine's, which is the accept loop.
program() { grep -E '^main\.' || true; }

"$PROFCONV" convert "$work/goroutine.pb.gz" --to folded | program | sort > "$work/want.folded"
[ "$(wc -l < "$work/want.folded")" -ge 8 ] || bad "the debug=0 capture has only $(wc -l < "$work/want.folded") program stacks"
# (--keep-addresses: by default debug=1's unnamed frames are left out, as Go's page shows it.)
"$PROFCONV" convert "$work/goroutine.debug1" --keep-addresses --to folded | program | sort > "$work/plain.folded"
if grep -q ';0x' "$work/plain.folded" && ! cmp -s "$work/plain.folded" "$work/want.folded"; then
  ok "without --binary, the debug=1 stacks have unnamed runtime frames"
else
  bad "the debug=1 capture has no unnamed frames, so symbolization is not tested"
fi
for b in leaky leaky-stripped; do
  "$PROFCONV" convert "$work/goroutine.debug1" --binary "$work/$b" --to folded 2>"$work/$b.err" | program | sort > "$work/$b.folded"
  if cmp -s "$work/$b.folded" "$work/want.folded" && [ ! -s "$work/$b.err" ]; then
    ok "goroutine debug=1 --binary $b --to folded equals the debug=0 capture ($(wc -l < "$work/want.folded") program stacks, runtime frames included)"
  else
    bad "goroutine debug=1 --binary $b differs from debug=0:"; diff "$work/$b.folded" "$work/want.folded" | head; cat "$work/$b.err"
  fi
  n=$("$PROFCONV" convert "$work/heap.debug1" --binary "$work/$b" --to folded | grep -c '0x' || true)
  if [ "$n" = 0 ]; then ok "heap debug=1 --binary $b: no unnamed frame"; else bad "heap debug=1 --binary $b leaves $n stacks with unnamed frames"; fi
done

# A binary that is not the profile's: refused in one line.
for p in goroutine.debug1 goroutine.pb.gz; do
  status=0
  "$PROFCONV" convert "$work/$p" --binary /bin/ls --to folded >/dev/null 2>"$work/ls.err" || status=$?
  if [ "$status" = 1 ] && [ "$(wc -l < "$work/ls.err")" = 1 ]; then
    ok "--binary /bin/ls on $p is refused in one line: $(cut -c1-90 "$work/ls.err")…"
  else
    bad "--binary /bin/ls on $p: exit $status, $(wc -l < "$work/ls.err") lines"; cat "$work/ls.err"
  fi
done

# go tool pprof reads the symbolized pprof as it reads the debug=0 capture.
raw_stacks() { go tool pprof -raw "$1" 2>/dev/null | python3 Scripts/lib/pprof_raw_to_folded.py 0 | program | sort; }
raw_stacks "$work/goroutine.pb.gz" > "$work/raw-want"
for b in leaky leaky-stripped; do
  "$PROFCONV" convert --binary "$work/$b" "$work/goroutine.debug1" --to pprof -o "$work/$b.pb.gz"
  raw_stacks "$work/$b.pb.gz" > "$work/raw-$b"
  if [ -s "$work/raw-want" ] && cmp -s "$work/raw-$b" "$work/raw-want"; then
    ok "go tool pprof -raw of convert --binary $b --to pprof names the functions of -raw of debug=0, stack for stack"
  else
    bad "go tool pprof -raw of the --binary $b pprof differs from debug=0:"; diff "$work/raw-$b" "$work/raw-want" | head
  fi
done
# Other word sizes, byte orders and instruction sizes: 386 (32-bit
# little-endian), mips (32-bit big-endian), ppc64 (64-bit big-endian, 4-byte
# instructions). Every text symbol go tool nm lists in the unstripped build
# must be named the same from the stripped one, through a debug=1 text of
# those addresses. The symbol table names assembly functions with an `.abi0`
# suffix and array types with their length where the pclntab (what the
# runtime prints) has `[...]`; runtime.text/etext are bounds, and goexit is
# dropped.
for arch in 386 mips ppc64; do
  (cd Scripts/fixture-programs/tiny && GOARCH=$arch go build -trimpath -o "$work/tiny-$arch" . &&
    GOARCH=$arch go build -trimpath -ldflags='-s -w' -o "$work/tiny-$arch-stripped" .)
  go tool nm -sort address "$work/tiny-$arch" | sed -nE 's/^ *([0-9a-f]+) [Tt] (.*)$/\1 \2/p' > "$work/nm-$arch"
  { echo "goroutine profile: total 1"
    python3 -c 'import sys
for l in open(sys.argv[1]): print("1 @ 0x%x\n" % (int(l.split()[0], 16) + 1))' "$work/nm-$arch"; } > "$work/tiny-$arch.debug1"
  normalize() { sed 's/\.abi0$//; s/\[[0-9]*\]/[...]/g' | grep -vxE 'runtime\.(text|etext|goexit)|type\.\.eq\.struct \{.*' | sort -u; }
  cut -d' ' -f2- "$work/nm-$arch" | normalize > "$work/nm-names-$arch"
  "$PROFCONV" convert "$work/tiny-$arch.debug1" --binary "$work/tiny-$arch-stripped" --to folded 2>/dev/null |
    sed 's/ [0-9]*$//; s/;.*//' | grep -v '^0x' | grep -v '^\[no stack\]' | normalize > "$work/our-names-$arch"
  if [ "$(wc -l < "$work/nm-names-$arch")" -gt 1000 ] && cmp -s "$work/nm-names-$arch" "$work/our-names-$arch"; then
    ok "GOARCH=$arch: the stripped build names all $(wc -l < "$work/nm-names-$arch") functions go tool nm lists at their entries"
  else
    bad "GOARCH=$arch: names from the stripped build differ from go tool nm:"; diff "$work/nm-names-$arch" "$work/our-names-$arch" | head
  fi
done
exit $fail
