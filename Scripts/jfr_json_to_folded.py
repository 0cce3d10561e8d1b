#!/usr/bin/env python3
"""Folded stacks computed from `jfr print --json` output: the JDK's own
reading of a recording, which profconv's `--to folded --sample-index KIND`
must equal.

usage: jfr print --json --stack-depth 4096 --events EVENT rec.jfr | jfr_json_to_folded.py KIND

KIND is cpu or wall (each event counts 1), alloc (an allocation sample's
`weight`, a TLAB event's `tlabSize`, an outside-TLAB event's
`allocationSize`) or lock/park (the event's duration, in nanoseconds).
Frames are `package.Class.method`, root first, class names with `/` as `.`;
inlined frames are frames like any other. An event without a stack trace is
`[no stack]`, as profconv names it. Zero stacks are dropped, identical stacks
merged, lines sorted bytewise.
"""
import json
import re
import sys

DURATION = re.compile(r"^(-)?PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d+))?S)?$")


def nanoseconds(text):
    """A java.time.Duration as Duration.toString() writes it (a plain number
    when the field has no @Timespan)."""
    if isinstance(text, int):
        return text
    m = DURATION.match(text)
    if not m:
        raise SystemExit("cannot parse duration %r" % text)
    sign, h, mi, s, frac = m.groups()
    ns = (int(h or 0) * 3600 + int(mi or 0) * 60 + int(s or 0)) * 1_000_000_000
    ns += int(((frac or "") + "000000000")[:9])
    return -ns if sign else ns


def value(kind, event):
    v = event["values"]
    if kind in ("cpu", "wall"):
        return 1
    if kind == "alloc":
        name = event["type"]
        if name == "jdk.ObjectAllocationSample":
            return int(v["weight"])
        if name == "jdk.ObjectAllocationInNewTLAB":
            return int(v["tlabSize"])
        return int(v["allocationSize"])
    return nanoseconds(v["duration"])


def main():
    kind = sys.argv[1]
    doc = json.load(sys.stdin)
    stacks = {}
    for event in doc["recording"]["events"]:
        trace = event["values"].get("stackTrace")
        frames = []
        if trace:
            for frame in reversed(trace["frames"]):
                method = frame["method"]
                cls = (method.get("type") or {}).get("name") or ""
                name = method["name"]
                frames.append(cls.replace("/", ".") + "." + name if cls else name)
        key = ";".join(frames) if frames else "[no stack]"
        stacks[key] = stacks.get(key, 0) + value(kind, event)
    out = sys.stdout.buffer
    for line in sorted((k + " " + str(v)).encode() for k, v in stacks.items() if v != 0):
        out.write(line + b"\n")


if __name__ == "__main__":
    main()
