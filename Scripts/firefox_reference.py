#!/usr/bin/env python3
"""Reference reader for the Firefox Profiler's formats, written from their
documentation (firefox-devtools/profiler: docs-developer/gecko-profile-format.md,
src/types/gecko-profile.ts, src/types/profile.ts, docs-developer/CHANGELOG-formats.md),
not from profconv's code. Test code.

    firefox_reference.py gecko FILE [INDEX]       folded "stack samples cpu_ns"
    firefox_reference.py processed FILE [INDEX]   the same, of a processed profile
    firefox_reference.py to-processed GECKO OUT   writes GECKO as a processed
                                                  profile (version 70), gzipped

With INDEX, "stack value" of that column only. Stacks are root first,
';'-joined; samples without a stack are left out; cpu_ns is the sum of the
samples' threadCPUDelta in nanoseconds (meta.sampleUnits.threadCPUDelta "ns"
or "µs"; 0 otherwise).

A Gecko frame's function is derived from its location string as the
profiler's processing does (src/profile-logic/process-profile.ts): "0x…"
addresses and unknown strings stand as they are, "name (in lib)" C++ frames
are their name, JS frames "name (url:line:col)[source]" their name, or
"(root scope) url" without one.
"""
import collections, gzip, json, re, sys

CPP = [re.compile(r"^(.*) \(in ([^)]*)\) (\+ [0-9]+)$"), re.compile(r"^(.*) \(in ([^)]*)\) (\(.*:.*\))$"),
       re.compile(r"^(.*) \(in ([^)]*)\)$")]
JS = [re.compile(r"^(.*) \((.+?):([0-9]+)(?::([0-9]+))?\)(?:\[(\d+)\])?$"),
      re.compile(r"^()(.+?):([0-9]+)(?::([0-9]+))?(?:\[(\d+)\])?$")]


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return json.loads(data)


def function_of(location):
    """(name, file or None, line or None, column or None) of a location string."""
    if location.startswith("0x"):
        return location, None, None, None
    for r in CPP:
        m = r.match(location)
        if m:
            name = m.group(1)
            if name.startswith("non-virtual thunk to "):
                name = name[len("non-virtual thunk to "):]
            return name, None, None, None
    for r in JS:
        m = r.match(location)
        if m:
            url = m.group(2).split(" -> ")[-1]
            name = m.group(1) or "(root scope) " + url
            return name, url, int(m.group(3)), int(m.group(4)) if m.group(4) else None
    return location, None, None, None


def columns(table):
    """A Gecko schema+data table as struct of arrays (missing cells None)."""
    out = {}
    for field, i in table["schema"].items():
        out[field] = [row[i] if i < len(row) else None for row in table["data"]]
    return out


def cpu_scale(meta):
    unit = (meta.get("sampleUnits") or {}).get("threadCPUDelta")
    return {"ns": 1, "µs": 1000}.get(unit, 0)


def gecko_profiles(doc):
    """Every (meta, thread) of a Gecko profile and its subprocess profiles."""
    todo = [(doc, doc["meta"])]
    while todo:
        p, parent_meta = todo.pop(0)
        meta = p.get("meta", parent_meta)
        for t in p["threads"]:
            yield meta if "sampleUnits" in meta else parent_meta, t
        todo.extend((q, meta) for q in p.get("processes", []))


def gecko(doc):
    folded = collections.defaultdict(lambda: [0, 0])
    for meta, t in gecko_profiles(doc):
        strings = t["stringTable"]
        frames = columns(t["frameTable"])
        stacks = columns(t["stackTable"])
        samples = columns(t["samples"])
        scale = cpu_scale(meta)
        names = [function_of(strings[loc])[0] for loc in frames["location"]]
        cpu = samples.get("threadCPUDelta") or [None] * len(samples["stack"])
        for stack, delta in zip(samples["stack"], cpu):
            if stack is None:
                continue
            frames_of = []
            while stack is not None:
                frames_of.append(names[stacks["frame"][stack]])
                stack = stacks["prefix"][stack]
            v = folded[";".join(reversed(frames_of))]
            v[0] += 1
            v[1] += round((delta or 0) * scale)
    return folded


def processed(doc):
    """Reads versions 56 to 70: shared strings; tables shared from 60."""
    version = doc["meta"]["preprocessedProfileVersion"]
    assert 56 <= version <= 70, version
    shared = doc["shared"]
    strings = shared["stringArray"]
    scale = cpu_scale(doc["meta"])
    folded = collections.defaultdict(lambda: [0, 0])
    for t in doc["threads"]:
        tables = shared if version >= 60 else t
        st, ft, fn = tables["stackTable"], tables["frameTable"], tables["funcTable"]
        if "prefixOffset" in st:
            prefix = [None if o == 0 else i - o for i, o in enumerate(st["prefixOffset"])]
        else:
            prefix = st["prefix"]
        s = t["samples"]
        weights = s.get("weight") or [1] * s["length"]
        cpu = s.get("threadCPUDelta") or [None] * s["length"]
        for stack, w, delta in zip(s["stack"], weights, cpu):
            if stack is None:
                continue
            frames_of = []
            while stack is not None:
                frames_of.append(strings[fn["name"][ft["func"][st["frame"][stack]]]])
                stack = prefix[stack]
            v = folded[";".join(reversed(frames_of))]
            v[0] += w
            v[1] += round((delta or 0) * scale)
    return folded


def to_processed(doc):
    """The Gecko profile as processed format version 70 (src/types/profile.ts)."""
    strings, string_index = [], {}

    def intern(s):
        if s not in string_index:
            string_index[s] = len(strings)
            strings.append(s)
        return string_index[s]

    stack_t = {"frame": [], "prefixOffset": []}
    frame_t = {k: [] for k in ("address", "inlineDepth", "category", "subcategory", "func", "nativeSymbol",
                               "innerWindowID", "line", "column", "originalLocation", "lib")}
    func_t = {k: [] for k in ("name", "isJS", "relevantForJS", "resource", "source", "lineNumber",
                              "columnNumber", "originalLocation")}
    sources = {k: [] for k in ("id", "filename", "startLine", "startColumn", "sourceMapURL", "content")}
    funcs, source_of = {}, {}
    threads = []
    for meta, t in gecko_profiles(doc):
        gs = t["stringTable"]
        frames, stacks, samples = columns(t["frameTable"]), columns(t["stackTable"]), columns(t["samples"])
        frame_base = len(frame_t["func"])
        for i, loc in enumerate(frames["location"]):
            name, url, line, col = function_of(gs[loc])
            source = None
            if url is not None:
                if url not in source_of:
                    source_of[url] = len(sources["id"])
                    for k, v in (("id", None), ("filename", intern(url)), ("startLine", 1), ("startColumn", 1),
                                 ("sourceMapURL", None), ("content", None)):
                        sources[k].append(v)
                source = source_of[url]
            key = (name, source, line, col)
            if key not in funcs:
                funcs[key] = len(func_t["name"])
                for k, v in (("name", intern(name)), ("isJS", url is not None), ("relevantForJS", False),
                             ("resource", -1), ("source", source), ("lineNumber", line), ("columnNumber", col),
                             ("originalLocation", None)):
                    func_t[k].append(v)
            for k, v in (("address", -1), ("inlineDepth", 0), ("category", frames["category"][i]),
                         ("subcategory", frames["subcategory"][i]), ("func", funcs[key]), ("nativeSymbol", None),
                         ("innerWindowID", frames["innerWindowID"][i]), ("line", frames["line"][i]),
                         ("column", frames["column"][i]), ("originalLocation", None), ("lib", -1)):
                frame_t[k].append(v)
        stack_base = len(stack_t["frame"])
        for i, (frame, prefix) in enumerate(zip(stacks["frame"], stacks["prefix"])):
            assert prefix is None or prefix < i, "a Gecko stack before its prefix"
            stack_t["frame"].append(frame_base + frame)
            stack_t["prefixOffset"].append(0 if prefix is None else i - prefix)
        times = samples["time"]
        s = {"stack": [None if x is None else stack_base + x for x in samples["stack"]],
             "timeDeltas": [b - a for a, b in zip([0] + times, times)],
             "weight": None, "weightType": "samples", "length": len(times)}
        if any(x is not None for x in samples.get("threadCPUDelta") or []):
            s["threadCPUDelta"] = samples["threadCPUDelta"]
        threads.append({"processType": t.get("processType", "default"), "processStartupTime": 0,
                        "processShutdownTime": None, "registerTime": t.get("registerTime", 0),
                        "unregisterTime": t.get("unregisterTime"), "pausedRanges": [], "name": t["name"],
                        "isMainThread": t["name"] == "GeckoMain", "processName": t.get("processName"),
                        "pid": str(t["pid"]), "tid": t["tid"], "samples": s,
                        "markers": {"data": [], "name": [], "startTime": [], "endTime": [], "phase": [],
                                    "category": [], "length": 0}})
    for table in (stack_t, frame_t, func_t, sources):
        table["length"] = len(next(iter(table.values())))
    meta = {k: doc["meta"][k] for k in ("interval", "startTime", "categories", "sampleUnits", "version")
            if k in doc["meta"]}
    meta.update({"preprocessedProfileVersion": 70, "markerSchema": [], "product": "Firefox", "processType": 0})
    return {"meta": meta, "libs": [], "threads": threads,
            "shared": {"stackTable": stack_t, "frameTable": frame_t, "funcTable": func_t,
                       "resourceTable": {"length": 0, "name": [], "host": [], "type": []},
                       "nativeSymbols": {"length": 0, "libIndex": [], "address": [], "name": [], "functionSize": []},
                       "stringArray": strings, "sources": sources,
                       "sourceLocationTable": {"length": 0, "source": [], "line": [], "column": []}}}


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "to-processed":
        with gzip.GzipFile(sys.argv[3], "wb", compresslevel=9, mtime=0) as f:
            f.write(json.dumps(to_processed(load(path)), separators=(",", ":")).encode())
        return
    folded = {"gecko": gecko, "processed": processed}[kind](load(path))
    index = int(sys.argv[3]) if len(sys.argv) > 3 else None
    for stack, values in sorted(folded.items()):
        if index is None:
            print(stack, *values)
        elif values[index] != 0:
            print(stack, values[index])


if __name__ == "__main__":
    main()
