#!/usr/bin/env python3
"""Writes a large call tree in one profiler's text form, for Scripts/bench.sh.

usage: calltree-bench.py pmcstat|sample|instruments MEGABYTES > out

Deterministic (a seeded PRNG): a tree of function names drawn from 2,000,
up to 40 deep, each node with a count, written the way `pmcstat -G`, macOS
`sample` or an Instruments Deep Copy writes it, until the size is reached.
"""
import random
import sys

kind, megabytes = sys.argv[1], float(sys.argv[2])
limit = int(megabytes * (1 << 20))
rng = random.Random(24)
names = ["module%d::function_%d" % (i % 37, i) for i in range(2000)]
out = sys.stdout
size = 0


def emit(line):
    global size
    out.write(line)
    size += len(line)


if kind == "pmcstat":
    emit("@ CPU_CLK_UNHALTED_CORE [123456 samples]\n\n")
elif kind == "sample":
    emit("Analysis of sampling bench (pid 1) every 1 millisecond\nProcess:         bench [1]\n\nCall graph:\n")
elif kind == "instruments":
    emit("Running Time\tSelf (ms)\t\tSymbol Name\n")
thread = 0
while size < limit:
    thread += 1
    # An explicit stack of (depth, count) to walk a random tree depth first.
    todo = [(0, rng.randrange(1000, 100000))]
    while todo and size < limit:
        depth, count = todo.pop()
        name = rng.choice(names)
        if kind == "pmcstat":
            emit("%s%.2f%%  [%d]%s%s @ /boot/kernel/kernel\n" % (" " * depth, 100.0 * rng.random(), count, " " * (7 + depth), name))
        elif kind == "sample":
            label = "Thread_%d" % thread if depth == 0 else "%s  (in bench) + %d  [0x%x]" % (name, rng.randrange(4096), rng.randrange(1 << 40))
            emit("    %s%d %s\n" % ("+ " * depth, count, label))
        else:
            emit("%d.0 ms  %.1f%%\t%d.0 ms\t \t%s%s\n" % (count, 100.0 * rng.random(), count // 3, " " * depth, name))
        if depth < 40 and count > 1:
            parts = rng.randrange(1, 4)
            for _ in range(parts):
                todo.append((depth + 1, max(1, count // (parts + 1))))
if kind == "sample":
    emit("\nTotal number in stack (recursive counted multiple, when >=5):\n")
