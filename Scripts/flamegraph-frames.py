#!/usr/bin/env python3
"""Lists the frames of a flame graph SVG as `depth<TAB>name<TAB>samples`, sorted,
the form of the conformance data's flamegraph-pl-frames/*.tsv.

Depth is the frame's row counted from the root `all` (bottom row of a flame
graph, top row of an icicle graph); name and samples come from the title
`NAME (1,234 samples, 12.34%)`."""
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
TITLE = re.compile(r"^(.*) \(([\d,]+(?:\.\d+)?) [^,]*, [^)]*\)$", re.S)


def frames(path):
    rows = []
    for g in ET.parse(path).getroot().iter(SVG + "g"):
        title, rect = g.find(SVG + "title"), g.find(SVG + "rect")
        if title is None or rect is None:
            continue
        m = TITLE.match(title.text or "")
        if not m:
            continue
        rows.append((float(rect.get("y")), m.group(1), int(round(float(m.group(2).replace(",", ""))))))
    if not rows:
        return []
    root_y = next(y for y, name, _ in rows if name == "all")
    ys = sorted({y for y, _, _ in rows}, reverse=(root_y == max(y for y, _, _ in rows)))
    rank = {y: i for i, y in enumerate(ys)}
    return sorted(f"{rank[y]}\t{name}\t{n}" for y, name, n in rows)


if __name__ == "__main__":
    for line in frames(sys.argv[1]):
        print(line)
