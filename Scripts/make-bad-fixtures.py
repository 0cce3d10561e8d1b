#!/usr/bin/env python3
"""Writes the hostile inputs of Fixtures/bad/ (see Fixtures/bad/README.md).

Deterministic: the same bytes on every run (gzip with mtime 0, a seeded PRNG),
so the files can be regenerated and checked against git. Files that were cut
out of real captures (truncated-gzip.pb.gz, truncated-protobuf.pb) and the
empty file are not made here.

    python3 Scripts/make-bad-fixtures.py [Fixtures/bad]
"""
import gzip
import os
import random
import struct
import sys
import zlib

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Fixtures", "bad")


def varint(n):
    b = bytearray()
    while n >= 0x80:
        b.append(n & 0x7F | 0x80)
        n >>= 7
    b.append(n)
    return bytes(b)


def key(field, wire):
    return varint(field << 3 | wire)


def vint(field, n):
    return key(field, 0) + varint(n)


def msg(field, body):
    return key(field, 2) + varint(len(body)) + body


def packed(field, values):
    return msg(field, b"".join(varint(v) for v in values))


def strings(table):
    return b"".join(msg(6, s if isinstance(s, bytes) else s.encode()) for s in table)


def profile(functions=(b"main.main",), sample_types=1, values=(5,), location_mapping=0,
            line_function=1, function_ids=None, name_index=None, mappings=b""):
    """A small profile.proto: one location per function, and one sample for
    each with `values` (one value per sample, per sample type when valid).

    The keyword arguments bend one thing at a time into a hostile variant."""
    table = ["", "samples", "count"] + list(functions)
    body = b""
    for _ in range(sample_types):
        body += msg(1, vint(1, 1) + vint(2, 2))
    ids = list(range(1, len(functions) + 1))
    for i, v in zip(ids, values):
        body += msg(2, packed(1, [i]) + packed(2, [v]))
    body += mappings
    for i in ids:
        loc = vint(1, i)
        if location_mapping:
            loc += vint(2, location_mapping)
        loc += msg(4, vint(1, line_function if i == 1 else i))
        body += msg(4, loc)
    for n, i in enumerate(function_ids or ids):
        body += msg(5, vint(1, i) + vint(2, name_index if name_index is not None else 3 + n))
    return body + strings(table)


def gz(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


valid = profile()
write("one-byte.bin", b"\x1f")
# time_nanos = Int64.min (its varint is 2^63, two's complement): a date
# before 1678, which once overflowed the calendar arithmetic.
write("time-nanos-min.pb", valid + vint(9, 1 << 63))

# gzip: a corrupted checksum, and a valid stream of noise.
bad_crc = bytearray(gz(valid))
bad_crc[-8] ^= 0xFF  # CRC32 is the trailer's first four bytes
write("bad-crc.pb.gz", bytes(bad_crc))
rng = random.Random(9)
noise = bytes(rng.randrange(256) for _ in range(4096))
write("gzip-of-garbage.pb.gz", gz(noise))
# A gzip bomb: 4 GiB of zeros in 4 MB (deflate's ~1032:1 at most). No
# profile starts with NUL, so it is refused after the first inflated MiB.
bomb = zlib.compressobj(9, zlib.DEFLATED, 16 + 15)  # gzip wrapper, mtime 0
zeros = bytes(16 << 20)
with open(os.path.join(out, "zeros-4gib.pb.gz"), "wb") as f:
    for _ in range(256):
        f.write(bomb.compress(zeros))
    f.write(bomb.flush())
write("garbage.bin", bytes(rng.randrange(256) for _ in range(4096)))

# protobuf wire errors, appended after a valid profile so sniffing still says pprof.
write("cut-mid-varint.pb", valid + key(9, 0) + b"\x96")
write("varint-11-bytes.pb", valid + key(9, 0) + b"\x80" * 10 + b"\x00")
write("wrong-wire-type.pb", valid + vint(1, 5))

# references that do not resolve.
write("string-index-out-of-range.pb", profile(name_index=99))
write("dangling-function.pb", profile(line_function=7))
write("dangling-mapping.pb", profile(location_mapping=5))
write("duplicate-function-id.pb", profile(functions=(b"main.a", b"main.b"), function_ids=[1, 1]))
write("values-mismatch.pb", profile(sample_types=2, values=(5,)))

# folded stacks.
write("no-counts.folded", b"main;work;leaf\nmain;idle\n")
write("negative-count.folded", b"main;work 3\nmain;idle -5\n")
write("huge-count.folded", b"main;work 1000000000000000000000000000000\n")

# Names that would break a careless writer: markup, CDATA ends, entities,
# quotes, NUL and terminal escapes, invalid UTF-8, and 64 KiB of one name.
hostile = [
    b"<script>alert(1)</script>",
    b"]]><g onload=\"alert(2)\">",
    b"a&b &amp; &#60; &lt;",
    b"\"double\" 'single' `back`",
    b"<a href=\"javascript:alert(3)\" xlink:href=\"javascript:alert(4)\">x</a>",
    b"nul\x00byte",
    b"ctl\x01\x07\x1b[31mred\x7f",
    b"bad\xff\xfeutf8\xc3",
    b"x" * 65536,
]
write("hostile-names.pb.gz", gz(profile(functions=tuple(hostile), values=tuple(range(1, len(hostile) + 1)))))
# Folded text cannot hold NUL or ';' in a name, and sniffing wants no control bytes.
folded_hostile = [h for h in hostile if not any(c < 0x20 for c in h)]
write("hostile-names.folded", b"".join(b"main;" + h.replace(b";", b",") + b" %d\n" % (i + 1)
                                       for i, h in enumerate(folded_hostile)))

# Go text: debug=1 without its header, with a count that is not a number,
# and a debug=2 dump cut off inside a frame (as a full 64 MiB dump is cut).
write("debug1-missing-header.txt",
      b"1000 @ 0x43b256 0x44a88c 0x6708d7 0x46b161\n#\t0x6708d6\tmain.main.func1+0x16\t/src/pprof.go:11\n")
write("debug1-bad-count.txt",
      b"goroutine profile: total 3\nthree @ 0x43b256 0x44a88c\n#\t0x44a88b\tmain.f+0x16\t/src/a.go:11\n")
write("debug2-cut-mid-frame.txt",
      b"goroutine 1 [running]:\nmain.main()\n\t/src/main.go:10 +0x1d\n\n"
      b"goroutine 7 [chan receive, 3 minutes]:\nmain.worker(0xc000010000)\n\t/src/main.go:42 +0x5d\nmain.lea")

# A frame line that is not `function(arguments)`: left out with a warning naming its line.
write("debug2-malformed-frame.txt",
      b"goroutine 1 [running]:\nmain.leaf()\n\t/src/main.go:3 +0x1d\nmain.main)(\n\t/src/main.go:9 +0x2a\n"
      b"main.root()\n\t/src/main.go:12 +0x3f\n")
# Two counts whose sum passes 2^63 - 1: a warning naming the line where it does.
write("folded-saturating.folded", b"main;a 9223372036854775807\nmain;a 9223372036854775807\n")
# Names holding control characters (a tab, an escape sequence, a C1 NEL, DEL):
# still folded; written back with U+FFFD.
write("folded-control-chars.folded", b"main;tab\there 2\nmain;\x1b[31mred\x1b[0m 1\nmain;nel\xc2\x85del\x7f 4\n")

# A 1×1 PNG.
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")
write("image.png", png)

# V8 and Chrome JSON: a child that is no node, a cycle, a truncated chunk,
# a sample naming no node, a gigantic hitCount in the oldest layout.
write("v8-dangling-child.cpuprofile",
      b'{"nodes":[{"id":1,"callFrame":{"functionName":"(root)"},"children":[2,3]},'
      b'{"id":2,"callFrame":{"functionName":"<script>alert(1)</script>"}}],"samples":[2],"timeDeltas":[5]}')
write("v8-cycle.cpuprofile",
      b'{"nodes":[{"id":1,"callFrame":{"functionName":"a"},"children":[2]},'
      b'{"id":2,"callFrame":{"functionName":"b"},"children":[1]}],"samples":[2],"timeDeltas":[1]}')
write("v8-huge-hitcount.cpuprofile",
      b'{"head":{"callFrame":{"functionName":"(root)"},"id":1,"hitCount":999999999999999999,"children":[]},'
      b'"startTime":0,"endTime":1}')
write("chrome-truncated-chunk.trace.json",
      b'{"traceEvents":[{"args":{"data":{"cpuProfile":{"nodes":[{"callFrame":{"functionName":"(root)"},"id":1}],'
      b'"samples":[1,1]},"timeDeltas":[1,')
