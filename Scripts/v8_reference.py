#!/usr/bin/env python3
"""Reference reader for V8's profiles and Chrome's Trace Event format,
written from their documentation (Chrome DevTools Protocol: Profiler.Profile,
Profiler.ProfileNode, HeapProfiler.SamplingHeapProfile; the Trace Event
Format document), not from profconv's code. Test code.

    v8_reference.py KIND FILE [INDEX]   with INDEX: "stack value" of that column only

    v8_reference.py cpuprofile FILE     folded stacks: "stack samples cpu_ns"
    v8_reference.py heapprofile FILE    "stack bytes objects"
    v8_reference.py chrome-trace FILE   "stack samples cpu_ns" or, with no
                                        samples, "stack self_ns"

Stacks are root first, ';'-joined, frames named functionName or
"(anonymous)", "(root)" left out; lines sorted.
"""
import collections, gzip, json, sys


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return json.loads(data)


def frame_name(call_frame):
    return call_frame.get("functionName") or "(anonymous)"


class Tree:
    """Nodes by id: name and parent id."""

    def __init__(self):
        self.name, self.parent = {}, {}

    def add_flat(self, node):
        self.name[node["id"]] = frame_name(node["callFrame"])
        for c in node.get("children", []):
            self.parent[c] = node["id"]
        if "parent" in node:
            self.parent[node["id"]] = node["parent"]

    def add_nested(self, head):
        todo = [(head, None)]
        while todo:
            node, parent = todo.pop()
            frame = node.get("callFrame", node)
            self.name[node["id"]] = frame_name(frame)
            if parent is not None:
                self.parent[node["id"]] = parent
            todo.extend((c, node["id"]) for c in node.get("children", []))

    def stack(self, node_id):
        frames = []
        while node_id is not None:
            if self.name[node_id] != "(root)":
                frames.append(self.name[node_id])
            node_id = self.parent.get(node_id)
        return ";".join(reversed(frames))


def sample_times(samples, times, end):
    """DevTools: samples in time order; each lasts until the next, the last until end."""
    order = sorted(range(len(samples)), key=lambda i: (times[i], i))
    samples = [samples[i] for i in order]
    times = [times[i] for i in order]
    out = []
    for i, t in enumerate(times):
        nxt = times[i + 1] if i + 1 < len(times) else max(end if end is not None else t, t)
        out.append((samples[i], (nxt - t) * 1000))
    return out


def add_cpu(totals, tree, samples, times, end):
    for node, ns in sample_times(samples, times, end):
        stack = tree.stack(node)
        if stack:
            totals[stack][0] += 1
            totals[stack][1] += ns


def cpuprofile(doc, totals):
    tree = Tree()
    if "nodes" in doc:
        for n in doc["nodes"]:
            tree.add_flat(n)
        start, end = doc["startTime"], doc.get("endTime")
        times, t = [], start
        for d in doc["timeDeltas"]:
            t += d
            times.append(t)
    else:  # nested: start and end in seconds, timestamps in microseconds
        tree.add_nested(doc["head"])
        end = round(doc["endTime"] * 1e6) if "endTime" in doc else None
        times = doc["timestamps"]
    add_cpu(totals, tree, doc["samples"], times, end)


def heapprofile(doc, totals):
    tree = Tree()
    tree.add_nested(doc["head"])
    size, objects = collections.Counter(), collections.Counter()
    todo = [doc["head"]]
    while todo:
        n = todo.pop()
        size[n["id"]] += n.get("selfSize", 0)
        todo.extend(n.get("children", []))
    for s in doc.get("samples", []):
        objects[s["nodeId"]] += 1
    for node in set(size) | set(objects):
        if size[node] or objects[node]:
            stack = tree.stack(node)
            if stack:
                totals[stack][0] += size[node]
                totals[stack][1] += objects[node]


def chrome_trace(doc, totals):
    events = doc["traceEvents"] if isinstance(doc, dict) else doc
    profiles = {}
    for e in events:
        if e.get("ph") != "P" or e.get("name") not in ("Profile", "ProfileChunk"):
            continue
        p = profiles.setdefault((e["pid"], e.get("id")), {"tree": Tree(), "samples": [], "times": [], "clock": 0, "end": None})
        data = e.get("args", {}).get("data", {})
        if e["name"] == "Profile":
            p["clock"] = data.get("startTime", 0)
            continue
        cpu = data.get("cpuProfile", {})
        for n in cpu.get("nodes", []):
            p["tree"].add_flat(n)
        deltas = data.get("timeDeltas", cpu.get("timeDeltas", []))
        for s, d in zip(cpu.get("samples", []), deltas):
            p["clock"] += d
            p["samples"].append(s)
            p["times"].append(p["clock"])
        if "endTime" in data or "endTime" in cpu:
            p["end"] = data.get("endTime", cpu.get("endTime"))
    if any(p["samples"] for p in profiles.values()):
        for p in profiles.values():
            add_cpu(totals, p["tree"], p["samples"], p["times"], p["end"])
        return
    # Durations: per thread, enclosing events form the stack; self time.
    threads = collections.defaultdict(list)
    open_b = collections.defaultdict(list)
    for e in events:
        ph, key = e.get("ph"), (e.get("pid"), e.get("tid"))
        if ph == "X":
            start = round(e["ts"] * 1000)
            threads[key].append((start, start + max(0, round(e.get("dur", 0) * 1000)), e.get("name", ""), len(threads[key])))
        elif ph == "B":
            open_b[key].append((round(e["ts"] * 1000), e.get("name", "")))
        elif ph == "E" and open_b[key]:
            start, name = open_b[key].pop()
            threads[key].append((start, max(start, round(e["ts"] * 1000)), name, len(threads[key])))
    for intervals in threads.values():
        intervals.sort(key=lambda iv: (iv[0], -iv[1], iv[3]))
        stack = []  # (end, names, index into selfs)
        selfs = []
        for start, end, name, _ in intervals:
            while stack and stack[-1][0] <= start:
                stack.pop()
            if stack:
                end = min(end, stack[-1][0])
            names = (stack[-1][1] + ";" if stack else "") + name
            selfs.append([names, end - start])
            if stack:
                selfs[stack[-1][2]][1] -= end - start
            stack.append((end, names, len(selfs) - 1))
        for names, ns in selfs:
            totals[names][0] += ns


def main():
    kind, path = sys.argv[1], sys.argv[2]
    index = int(sys.argv[3]) if len(sys.argv) > 3 else None
    totals = collections.defaultdict(lambda: [0, 0])
    {"cpuprofile": cpuprofile, "heapprofile": heapprofile, "chrome-trace": chrome_trace}[kind](load(path), totals)
    columns = 1 if kind == "chrome-trace" and all(v[1] == 0 for v in totals.values()) else 2
    for stack in sorted(totals):
        values = totals[stack][:columns]
        if index is not None:
            if values[index]:
                print(f"{stack} {values[index]}")
        elif any(values):
            print(stack, *values)


main()
