#!/usr/bin/env python3
"""Writes a Gecko profile of about BYTES: the Firefox capture's subprocess
profiles repeated (each copy a process of its own pid) until it is that big.

    big-gecko-profile.py Fixtures/firefox/page.gecko.json.gz BYTES OUT
"""
import copy, gzip, json, sys

src, target, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
doc = json.loads(gzip.open(src).read())
process = doc["processes"][0]
one = len(json.dumps(process, separators=(",", ":")))
copies = max(1, target // one)
procs = []
for i in range(copies):
    p = copy.deepcopy(process) if i == 0 else json.loads(json.dumps(process))
    for t in p["threads"]:
        t["pid"] = t["pid"] + 1000 * i
    procs.append(p)
doc["processes"] = procs
with open(out, "w") as f:
    json.dump(doc, f, separators=(",", ":"))
