#!/usr/bin/env python3
"""Folded stacks computed from `go tool pprof -raw` output: the reference that
profconv's folded writer must equal.

usage: pprof_raw_to_folded.py SAMPLE_INDEX < raw.txt

Frames are function names, root first; a location's inlined lines are
expanded (the raw listing gives them innermost first); a location with no
lines, or a line with no function, is named by its address (0x...), as
profconv names unsymbolized frames; a function with no name by its system
name. Run pprof with -symbolize=none so names are as stored. Zero stacks are dropped, identical stacks
merged, lines sorted bytewise.
"""
import re
import sys

LOCATION = re.compile(r"^\s*(\d+): (0x[0-9a-f]+) (?:M=\d+ )?(?:\[F\] )?(.*)$")
CONTINUATION = re.compile(r"^ {13}(\S.*)$")
LINE = re.compile(r"^(.*) (.*):(-?\d+) s=(-?\d+)(?:\((.*)\))?$")


def frame_name(text, address):
    if text.strip() == "" or text.strip() == "??":
        return address
    m = LINE.match(text)
    if not m:
        raise SystemExit("cannot parse location line: %r" % text)
    # An empty name is shown by its system name (the `s=N(...)` suffix), as
    # profconv and pprof's reports show it.
    return m.group(1) or m.group(5) or address


def main():
    index = int(sys.argv[1])
    section = None
    samples = []
    locations = {}
    current = None
    # Invalid UTF-8 becomes U+FFFD, as in profconv's folded output.
    for raw in sys.stdin.buffer.read().decode("utf-8", "replace").split("\n"):
        if raw in ("Samples:", "Locations", "Mappings"):
            section = raw
            header_seen = False
            continue
        if section == "Samples:":
            if not header_seen:
                header_seen = True
                continue
            values, sep, ids = raw.partition(":")
            try:
                parsed = ([int(v) for v in values.split()], [int(i) for i in ids.split()])
            except ValueError:
                continue  # a label line
            if sep and parsed[0]:
                samples.append(parsed)
        elif section == "Locations":
            m = LOCATION.match(raw)
            if m:
                current = int(m.group(1))
                locations[current] = [frame_name(m.group(3).rstrip(), m.group(2))]
                continue
            m = CONTINUATION.match(raw)
            if m and current is not None:
                locations[current].append(frame_name(m.group(1).strip(), "??"))
    stacks = {}
    for values, ids in samples:
        v = values[index]
        if v == 0:
            continue
        frames = []
        for loc in reversed(ids):
            frames.extend(reversed(locations[loc]))
        # A sample without locations: profconv's documented synthetic frame.
        key = ";".join(frames) if frames else "[no stack]"
        stacks[key] = stacks.get(key, 0) + v
    out = sys.stdout.buffer
    for line in sorted((k + " " + str(v)).encode() for k, v in stacks.items() if v != 0):
        out.write(line + b"\n")


if __name__ == "__main__":
    main()
