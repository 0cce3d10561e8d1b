#!/usr/bin/env python3
"""A large Chrome trace for Scripts/bench.sh: the events of a real capture
(Fixtures/chrome/startup.trace.json.gz) repeated until the output reaches
TARGET bytes, each repetition's profiles under fresh ids (so every
repetition is profiles of its own, as a long trace has) and its times moved
past the previous one's.

usage: big-chrome-trace.py CAPTURE TARGET_BYTES OUT
"""
import gzip, json, sys

capture, target, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
events = json.loads(gzip.open(capture).read())["traceEvents"]
span = max(e.get("ts", 0) for e in events) - min(e.get("ts", 0) for e in events) + 1
texts = []
with open(out, "w") as f:
    f.write('{"traceEvents":[\n')
    written, k, first = 0, 0, True
    while written < target:
        for e in events:
            e = dict(e)
            if "ts" in e:
                e["ts"] = e["ts"] + k * span
            if e.get("name") in ("Profile", "ProfileChunk"):
                e["id"] = "0x%x%s" % (k + 1, e["id"][2:])
                if e["name"] == "Profile":
                    e["args"] = {"data": dict(e["args"]["data"], startTime=e["args"]["data"]["startTime"] + k * span)}
            elif e.get("ph") == "M" and k > 0:
                continue
            line = ("" if first else ",\n") + json.dumps(e, separators=(",", ":"))
            first = False
            f.write(line)
            written += len(line)
        k += 1
    f.write("\n]}\n")
