#!/usr/bin/env python3
"""A large callgrind file from a real one, for Scripts/bench.sh: the body of
SOURCE repeated until OUT holds about MEGABYTES MB, each copy's functions
renamed (`name~K`) and renumbered, so the reader meets ever new functions and
calls as in a big program, not the same few again.

usage: callgrind-repeat.py SOURCE OUT MEGABYTES
"""
import re
import sys

source, out, megabytes = sys.argv[1], sys.argv[2], float(sys.argv[3])
lines = open(source, encoding="utf-8", errors="surrogateescape").read().split("\n")
start = next(i for i, l in enumerate(lines) if l.startswith("events:")) + 1
header, body = lines[:start], [l for l in lines[start:] if not l.startswith(("totals:", "summary:"))]
ids = [int(m.group(1)) for l in body for m in [re.match(r"c?fn=\((\d+)\)", l)] if m]
stride = max(ids) + 1
name = re.compile(r"^(c?fn)=\((\d+)\)( (.*))?$")
with open(out, "w", encoding="utf-8", errors="surrogateescape") as f:
    f.write("\n".join(header) + "\n")
    target, k, written = megabytes * 1e6, 0, 0
    while written < target:
        chunk = []
        for l in body:
            m = name.match(l)
            if m:
                n = int(m.group(2)) + k * stride
                l = f"{m.group(1)}=({n})" + (f" {m.group(4)}~{k}" if m.group(3) else "")
            chunk.append(l)
        text = "\n".join(chunk) + "\n"
        f.write(text)
        written += len(text)
        k += 1
