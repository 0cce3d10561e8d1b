#!/usr/bin/env bash
# Loads profconv's native call-graph SVG in headless Chromium and checks the
# page is not blank; also renders Graphviz's drawing of our DOT for comparison.
# Usage: Scripts/browser-test-callgraph.sh [profile] [outdir]
set -euo pipefail
cd "$(dirname "$0")/.."
PROFCONV=${PROFCONV:-.build/release/profconv}
input=${1:-Fixtures/go1.19/busy/cpu.pb.gz}
out=${2:-$(mktemp -d)}
mkdir -p "$out"
"$PROFCONV" convert "$input" --to callgraph -o "$out/callgraph.svg"
"$PROFCONV" convert "$input" --to dot -o "$out/callgraph.dot"
dot -Tpng "$out/callgraph.dot" -o "$out/graphviz.png"
size=$(sed -n 's/.*<svg [^>]*width="\([0-9.]*\)" height="\([0-9.]*\)".*/\1,\2/p' "$out/callgraph.svg" | head -1)
w=${size%,*}; h=${size#*,}
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size="$(printf '%.0f' "$w"),$(printf '%.0f' "$h")" \
    --screenshot="$out/callgraph.png" "file://$(realpath "$out/callgraph.svg")" >/dev/null 2>&1
# Not blank: many pixels differ from white, and there are several colours.
python3 - "$out/callgraph.png" <<'PY'
import sys, zlib, struct
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, width, height, ctype = 8, b'', 0, 0, 0
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        width, height, depth, ctype = struct.unpack('>IIBB', body[:10])
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = {2: 3, 6: 4}[ctype]
stride = width * bpp
prev = bytearray(stride)
nonwhite, colours, i = 0, set(), 0
for y in range(height):
    f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    if y % 4 == 0:
        for x in range(0, stride, bpp * 4):
            px = tuple(line[x:x + 3])
            colours.add(px)
            if px != (255, 255, 255): nonwhite += 1
sampled = (height // 4 + 1) * (width // 4 + 1)
print(f'{width}x{height}: {nonwhite}/{sampled} sampled pixels drawn, {len(colours)} colours')
if nonwhite < sampled * 0.02 or len(colours) < 8:
    sys.exit('the page looks blank')
PY
echo "ok   callgraph SVG renders in Chromium: $out/callgraph.png (Graphviz: $out/graphviz.png)"
