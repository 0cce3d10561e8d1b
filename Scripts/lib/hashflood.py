#!/usr/bin/env python3
"""Writes the inputs of bench.sh's hashflood cases: COUNT single-frame folded
lines (`NAME 1`) whose 16-byte names all hash alike under the unseeded hash
that profconv's name tables used before they shared a seeded one (the chain
Tests/ProfileTestSupport/CollidingNames.swift documents), or, with --plain,
as many names of the same shape that do not.

    hashflood.py [--plain] COUNT > file.folded
"""
import random
import struct
import sys

M64 = (1 << 64) - 1
# Bytes a folded line cannot hold in a name: whitespace (lines are trimmed,
# the count is the last space-separated field) and the frame separator.
BAD = set(b"\t\n\v\f\r ;")


def first_word(n):
    """Eight letters a-p spelling n in base 16, little end first."""
    return bytes(0x61 + (n >> (4 * k) & 0xF) for k in range(8))


def colliding(count):
    target = 0x2A2A2A2A2A2A2A2A
    n = 0
    while count:
        first = first_word(n)
        n += 1
        h = (0x9E3779B97F4A7C15 ^ 16) ^ struct.unpack("<Q", first)[0]
        h = (h * 0xBF58476D1CE4E5B9) & M64
        h ^= h >> 29
        second = struct.pack("<Q", h ^ target)
        if BAD.intersection(second):
            continue
        yield first + second
        count -= 1


def plain(count):
    rng = random.Random(23)
    for n in range(count):
        second = bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz0123456789_.") for _ in range(8))
        yield first_word(n) + second


def main():
    args = sys.argv[1:]
    names = plain if args[:1] == ["--plain"] else colliding
    count = int(args[-1])
    out = sys.stdout.buffer
    for name in names(count):
        out.write(name + b" 1\n")


main()
