#!/usr/bin/env python3
"""Reference reader for Safari's Web Inspector timeline recordings, written
from what documents them: WebKit's export test
(LayoutTests/inspector/timeline/timeline-recording-expected.txt: the
recording's keys), speedscope's importer and its Safari 13.1 sample
(sampleStackTraces with sampleDurations; frames leaf first; a frame without
a name is "(anonymous FILE:LINE)", FILE the url's last component, or
"(anonymous)"), and speedscope's Safari 26.4 change (the pair moved into
recording.samples: [{"stackTraces", "durations"}]). Not from profconv's
code. Test code.

    safari_reference.py folded FILE [INDEX]     "stack samples cpu_ns", root first
    safari_reference.py from-gecko GECKO OUT LAYOUT
        writes the JS frames of the Gecko capture's page thread as a
        recording in LAYOUT "13" (sampleStackTraces) or "26.4" (samples),
        gzipped

cpu_ns is each sample's duration in nanoseconds, rounded, summed per stack;
samples without frames are left out.
"""
import collections, gzip, json, os, sys

sys.path.insert(0, os.path.dirname(__file__))
from firefox_reference import columns, function_of, gecko_profiles, load  # noqa: E402


def frame_name(f):
    if f.get("name"):
        return f["name"]
    url = f.get("url") or ""
    return "(anonymous %s:%s)" % (url.split("/")[-1], f.get("line")) if url else "(anonymous)"


def folded(doc):
    assert doc["version"] == 1, doc["version"]
    r = doc["recording"]
    groups = [(r["sampleStackTraces"], r["sampleDurations"])] if "sampleStackTraces" in r else []
    groups += [(g["stackTraces"], g["durations"]) for g in r.get("samples", [])]
    out = collections.defaultdict(lambda: [0, 0])
    for traces, durations in groups:
        assert len(traces) == len(durations)
        for trace, d in zip(traces, durations):
            if not trace["stackFrames"]:
                continue
            v = out[";".join(frame_name(f) for f in reversed(trace["stackFrames"]))]
            v[0] += 1
            v[1] += round(d * 1e9)
    return out


def from_gecko(doc, layout):
    """The page thread's samples, JS frames only, as Web Inspector's samples."""
    meta, thread = next((m, t) for m, t in gecko_profiles(doc)
                        if any(s.startswith("fib (file://") for s in t["stringTable"]))
    strings = thread["stringTable"]
    frames, stacks, samples = columns(thread["frameTable"]), columns(thread["stackTable"]), columns(thread["samples"])
    traces, durations = [], []
    times = samples["time"]
    for i, stack in enumerate(samples["stack"]):
        trace = []
        while stack is not None:
            f = stacks["frame"][stack]
            name, url, line, column = function_of(strings[frames["location"][f]])
            if url is not None:
                if name.startswith("(root scope) "):
                    name = "(program)"
                trace.append({"sourceID": "1", "name": name, "line": line, "column": column or 0, "url": url})
            stack = stacks["prefix"][stack]
        # Samples outside JS (most of them) are kept only at the start.
        if not trace and len(traces) >= 5:
            continue
        traces.append({"timestamp": round(times[i] / 1000, 6), "stackFrames": trace})
        nxt = times[i + 1] if i + 1 < len(times) else times[i] + meta["interval"]
        durations.append(round((nxt - times[i]) / 1000, 9))
    recording = {"displayName": "Timeline Recording 1", "startTime": traces[0]["timestamp"],
                 "endTime": traces[-1]["timestamp"], "discontinuities": [],
                 "instrumentTypes": ["timeline-record-type-script", "timeline-record-type-cpu"],
                 "records": [{"type": "timeline-record-type-script", "eventType": "script-evaluated",
                              "startTime": traces[0]["timestamp"], "endTime": traces[-1]["timestamp"],
                              "details": "", "extraDetails": None}],
                 "markers": [], "memoryPressureEvents": []}
    if layout == "13":
        recording.update({"sampleStackTraces": traces, "sampleDurations": durations})
    else:
        half = len(traces) // 2
        recording["samples"] = [{"stackTraces": traces[:half], "durations": durations[:half]},
                                {"stackTraces": traces[half:], "durations": durations[half:]}]
    return {"version": 1, "recording": recording,
            "overview": {"secondsPerPixel": 0.001, "scrollStartTime": 0, "selectionStartTime": 0, "selectionDuration": 1}}


def main():
    if sys.argv[1] == "from-gecko":
        with gzip.GzipFile(sys.argv[3], "wb", compresslevel=9, mtime=0) as f:
            f.write(json.dumps(from_gecko(load(sys.argv[2]), sys.argv[4]), separators=(",", ":")).encode() + b"\n")
        return
    out = folded(load(sys.argv[2]))
    index = int(sys.argv[3]) if len(sys.argv) > 3 else None
    for stack, values in sorted(out.items()):
        if index is None:
            print(stack, *values)
        elif values[index] != 0:
            print(stack, values[index])


if __name__ == "__main__":
    main()
