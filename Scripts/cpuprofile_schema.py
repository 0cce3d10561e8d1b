#!/usr/bin/env python3
"""The schema test of a V8 CPU profile, from the Chrome DevTools Protocol's
Profiler.Profile type: nodes (each a ProfileNode with an integer id unique in
the profile, a callFrame with functionName, scriptId, url, lineNumber and
columnNumber, children that are ids of nodes of the profile), one root (a
node that is nobody's child), each other node the child of exactly one;
startTime and endTime numbers; samples (ids of nodes) and timeDeltas of
equal length. Files profconv writes must also have no negative delta and
startTime <= endTime; node's and Chrome's own may (--theirs).

usage: cpuprofile_schema.py [--theirs] FILE   prints the first problem, or nothing
"""
import json, sys

theirs = sys.argv[1] == "--theirs"
doc = json.load(open(sys.argv[-1], encoding="utf-8"))


def need(cond, what):
    if not cond:
        print(what)
        sys.exit()


need(isinstance(doc, dict), "not a JSON object")
for key in ("nodes", "startTime", "endTime", "samples", "timeDeltas"):
    need(key in doc, f"no {key}")
nodes = doc["nodes"]
need(isinstance(nodes, list) and nodes, "nodes is no non-empty array")
ids = [n.get("id") for n in nodes]
need(all(isinstance(i, int) for i in ids), "a node id is no integer")
need(len(set(ids)) == len(ids), "node ids are not unique")
known = set(ids)
parents = {}
for n in nodes:
    cf = n.get("callFrame")
    need(isinstance(cf, dict), f"node {n['id']} has no callFrame")
    need(isinstance(cf.get("functionName"), str), f"node {n['id']}: functionName")
    need(isinstance(cf.get("scriptId"), str), f"node {n['id']}: scriptId is no string")
    need(isinstance(cf.get("url"), str), f"node {n['id']}: url")
    need(isinstance(cf.get("lineNumber"), int) and isinstance(cf.get("columnNumber"), int), f"node {n['id']}: lineNumber/columnNumber")
    need(isinstance(n.get("hitCount", 0), int), f"node {n['id']}: hitCount")
    for c in n.get("children", []):
        need(c in known, f"node {n['id']} has the child {c}, which is no node")
        need(c not in parents, f"node {c} is the child of two nodes")
        parents[c] = n["id"]
    for t in n.get("positionTicks", []):
        need(isinstance(t.get("line"), int) and isinstance(t.get("ticks"), int), f"node {n['id']}: positionTicks")
roots = known - set(parents)
need(len(roots) == 1, f"{len(roots)} roots")
# Every node reaches the root (no cycle).
for i in known:
    seen, j = set(), i
    while j in parents:
        need(j not in seen, f"node {i} is in a cycle")
        seen.add(j)
        j = parents[j]
samples, deltas = doc["samples"], doc["timeDeltas"]
need(len(samples) == len(deltas), f"{len(samples)} samples and {len(deltas)} timeDeltas")
need(all(s in known for s in samples), "a sample names no node")
need(all(isinstance(d, int) for d in deltas), "a timeDelta is no integer")
need(isinstance(doc["startTime"], (int, float)) and isinstance(doc["endTime"], (int, float)), "startTime/endTime")
if not theirs:
    need(all(d >= 0 for d in deltas), "a negative timeDelta")
    need(doc["startTime"] <= doc["endTime"], "endTime before startTime")
    need(doc["startTime"] + sum(deltas) <= doc["endTime"], "samples after endTime")
