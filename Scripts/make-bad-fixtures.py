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

# Call trees of macOS `sample`, VTune's CSV and Visual Studio's CallTreeSummary.csv,
# damaged as inferno's collapse tests damage theirs: each gives one error naming its line
# (or, for an input that ends before its tree starts, one warning and no samples).
sample_head = b"Analysis of sampling busy (pid 4242) every 1 millisecond\nProcess:         busy [4242]\n\n"
sample_tree = (b"Call graph:\n    5 Thread_1001\n    + 5 start  (in dyld) + 8  [0x18b0e20e0]\n"
               b"    +   5 main  (in busy) + 40  [0x100003f28]\n")
sample_end = b"\nTotal number in stack (recursive counted multiple, when >=5):\n"
write("sample-end-before-call-graph-start.txt", sample_head)
write("sample-end-before-call-graph-end.txt", sample_head + sample_tree)
write("sample-no-four-spaces.txt", sample_head + sample_tree + b"   + 1 lone  (in busy)\n" + sample_end)
write("sample-odd-indentation.txt", sample_head + sample_tree + b"    +    ! 1 odd  (in busy)\n" + sample_end)
write("sample-skipped-indentation.txt", sample_head + sample_tree + b"    +         1 deep  (in busy)\n" + sample_end)
write("sample-invalid-samples-field.txt", sample_head + sample_tree + b"    +     five work  (in busy)\n" + sample_end)
write("sample-bad-stack-line.txt", sample_head + sample_tree + b"    +     5\n" + sample_end)
write("sample-stack-line-only-indent-chars.txt", sample_head + sample_tree + b"    + ! : |\n" + sample_end)
vtune_head = b"war:Column filter is ON.\nFunction Stack,CPU Time:Self,Module\nTotal,0.0,[Unknown]\n main,0.010,busy.exe\n"
write("vtune-end-before-header.csv", b"war:Column filter is ON.\n")
write("vtune-skipped-indentation.csv", vtune_head + b"   deep,0.001,busy.exe\n")
write("vtune-invalid-time-field.csv", vtune_head + b"  work,INVALID TIME,busy.exe\n")
write("vtune-bad-stack-line.csv", vtune_head + b"  BAD STACK LINE\n")
vsprof_head = (b"\xef\xbb\xbfLevel,Function Name,Number of Calls,Elapsed Inclusive Time %,Elapsed Exclusive Time %,"
               b"Avg Elapsed Inclusive Time,Avg Elapsed Exclusive Time,Module Name,\r\n"
               b"0,\"Busy.exe\",0,100.00,0.00,0.00,0.00,\"\",\r\n")
write("vsprof-empty.csv", b"")
write("vsprof-incorrect-header.csv", b"This is not a correct header\n")
write("vsprof-missing-function-name.csv", vsprof_head + b"1\r\n")
write("vsprof-invalid-function-name.csv", vsprof_head + b"1,\"Busy.Program.Main(string[])\r\n")
write("vsprof-invalid-depth.csv", vsprof_head + b"x,\"Busy.Program.Main(string[])\",1,99.50,0.50,812.40,4.10,\"Busy.exe\",\r\n")
write("vsprof-invalid-number-of-calls.csv", vsprof_head + b"1,\"Busy.Program.Main(string[])\",\"4,718.25\",99.50,0.50,812.40,4.10,\"Busy.exe\",\r\n")

# xctrace export XML: a document type with nested entities (a "billion laughs" that
# must be refused before any entity is expanded), a frame that refers to an id no
# frame had, and an export cut short inside a row.
xctrace_head = b'<?xml version="1.0"?>\n'
xctrace_row = (b'<trace-query-result>\n<node><row><weight id="1" fmt="1.00 ms">1000000</weight>'
               b'<backtrace id="2"><frame id="3" name="main" addr="0x1000"/></backtrace></row>\n')
laughs = b"".join(b'<!ENTITY l%d "&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;">\n' % ((i,) + (i - 1,) * 10)
                  for i in range(1, 10))
write("xctrace-entity-expansion.xml", xctrace_head + b'<!DOCTYPE trace-query-result [\n<!ENTITY l0 "lol">\n' + laughs
      + b']>\n<trace-query-result><node><row><backtrace id="1"><frame id="2" name="&l9;"/></backtrace></row></node></trace-query-result>\n')
write("xctrace-dangling-ref.xml", xctrace_head + xctrace_row
      + b'<row><backtrace id="4"><frame ref="99"/></backtrace></row>\n</node></trace-query-result>\n')
write("xctrace-truncated.xml", xctrace_head + xctrace_row + b'<row><backtrace id="4"><frame id="5" name="wor')

# An Instruments deep copy with a line that lost its tab-space-tab separator, and a
# pmcstat -G callgraph with a noise line (skipped, one warning) and a skipped level.
write("instruments-bad-line.txt", b"Running Time\tSelf (ms)\t\tSymbol Name\n10.0 ms  100.0%\t1.0 ms\t \tmain\n"
      b"9.0 ms  90.0%\t9.0 ms  work\n")
write("pmcstat-noise-line.txt", b"@ CPU_CLK_UNHALTED_CORE [3 samples]\n\n100.0%  [3]       f @ /boot/kernel/kernel\n"
      b"garbage here\n 100.0%  [3]        g\n")
write("pmcstat-skipped-indentation.txt", b"@ CPU_CLK_UNHALTED_CORE [3 samples]\n\n100.0%  [3]       f\n   100.0%  [3]        g\n")
# perf script and DTrace, as inferno's collapse tests break them (tests/data/collapse-*; our own bytes):
# a blank line between an event's header and its frames (the frame is then a header of another shape),
# a callchain line of another shape, an event header followed by a blank line that leaves no format
# recognisable, a DTrace header with no stack after it, and a DTrace stack cut before its count.
write("perf-empty-line.perf",
      b"prog 12  1.000001:     250000 cpu-clock:uhH:\n\t  4005d0 main+0x10 (/opt/prog)\n\n"
      b"prog 12  1.000002:     250000 cpu-clock:uhH:\n\n\t  4005d4 main+0x14 (/opt/prog)\n")
write("perf-weird-stack-line.perf",
      b"prog 12  1.000001:     250000 cpu-clock:uhH:\n\t  4005d0 main+0x10 (/opt/prog)\n\n"
      b"prog 12  1.000002:     250000 cpu-clock:uhH:\n\t  THIS_IS_A_WEIRD_LINE\n")
write("perf-empty-line-after-event.txt",
      b"java 10488  9962.502413:   10101010 cpu-clock:\n\n\tffffffffaee8017b fput+0xb ([kernel.kallsyms])\n"
      b"\t    7f89e341d84f __GI___libc_write+0x4f (/usr/lib/libc-2.28.so)\n")
write("dtrace-only-header.dtrace", b"CPU     ID                    FUNCTION:NAME\n  8  35077                        :tick-60s\n")
write("dtrace-cut-mid-stack.dtrace",
      b"CPU     ID                    FUNCTION:NAME\n  8  35077                        :tick-60s\n\n"
      b"              libc.so.1`write+0xa\n              prog`main+0x14\n                2\n\n"
      b"              libc.so.1`read+0xa\n              prog`ma")
write("unknown-format.txt", b"this\nis an unknown\nformat\n")
# "Billion laughs" in a flame graph SVG: nine levels of entities, each ten of
# the one below (10^9 bytes), expanded in an attribute. Refused before parsing:
# no flame graph declares entities.
laughs = [b'<!ENTITY a0 "xxxxxxxxxx">'] + [b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10) for i in range(1, 9)]
write("svg-billion-laughs.svg",
      b'<?xml version="1.0"?>\n<!DOCTYPE svg [\n' + b"\n".join(laughs) + b'\n]>\n'
      b'<svg xmlns="http://www.w3.org/2000/svg"><g><title>main (1 samples, 100%)</title>'
      b'<rect x="&a8;" y="0" width="10" height="10"/></g></svg>\n')


# --- JFR: a tiny recording written here from the format's facts (a chunk
# header, events, the metadata event, one checkpoint of constant pools), the
# fuzz seed Fixtures/fuzz-seeds/jfr/tiny.jfr, and hostile variants of it.
def jleb(n):
    """JFR's LEB128: seven bits a byte, the ninth byte whole."""
    n &= (1 << 64) - 1
    b = bytearray()
    for _ in range(8):
        if n < 0x80:
            b.append(n)
            return bytes(b)
        b.append(n & 0x7F | 0x80)
        n >>= 7
    b.append(n & 0xFF)
    return bytes(b)


def jstr(s):
    data = s.encode()
    return b"\x03" + jleb(len(data)) + data


def jevent(type_id, body):
    """An event: its size (four padded LEB128 bytes, as the JDK writes it), type, body."""
    payload = jleb(type_id) + body
    n = 4 + len(payload)
    return bytes([n & 0x7F | 0x80, n >> 7 & 0x7F | 0x80, n >> 14 & 0x7F | 0x80, n >> 21 & 0x7F]) + payload


def jfr_recording(stack_of_sample=1, thread_pool_count=1, extra_event=b"", self_holding_pool=False):
    strings = []

    def s(text):
        if text not in strings:
            strings.append(text)
        return jleb(strings.index(text))

    def element(name, attributes, children=()):
        out = s(name) + jleb(len(attributes))
        for k, v in attributes:
            out += s(k) + s(v)
        return out + jleb(len(children)) + b"".join(children)

    def cls(type_id, name, fields=(), event=False, simple=False):
        attributes = [("id", str(type_id)), ("name", name)] + ([("superType", "jdk.jfr.Event")] if event else []) \
            + ([("simpleType", "true")] if simple else [])
        return element("class", attributes, [
            element("field", [("name", f), ("class", str(t))] + ([("constantPool", "true")] if cp else [])
                    + ([("dimension", "1")] if array else []))
            for f, t, cp, array in fields])

    LONG, INT, BOOLEAN, STRING = 10, 11, 12, 13
    THREAD, SYMBOL, CLASS, METHOD, FRAMETYPE, FRAME, TRACE = 20, 21, 22, 23, 24, 25, 26
    classes = [
        cls(LONG, "long"), cls(INT, "int"), cls(BOOLEAN, "boolean"), cls(STRING, "java.lang.String"),
        cls(THREAD, "java.lang.Thread", [("osName", STRING, 0, 0), ("osThreadId", LONG, 0, 0),
                                         ("javaName", STRING, 0, 0), ("javaThreadId", LONG, 0, 0)]),
        cls(SYMBOL, "jdk.types.Symbol", [("string", STRING, 0, 0)], simple=True),
        cls(CLASS, "java.lang.Class", [("name", SYMBOL, 1, 0), ("modifiers", INT, 0, 0)]),
        cls(METHOD, "jdk.types.Method", [("type", CLASS, 1, 0), ("name", SYMBOL, 1, 0), ("descriptor", SYMBOL, 1, 0),
                                         ("modifiers", INT, 0, 0), ("hidden", BOOLEAN, 0, 0)]),
        cls(FRAMETYPE, "jdk.types.FrameType", [("description", STRING, 0, 0)], simple=True),
        cls(FRAME, "jdk.types.StackFrame", [("method", METHOD, 1, 0), ("lineNumber", INT, 0, 0),
                                            ("bytecodeIndex", INT, 0, 0), ("type", FRAMETYPE, 1, 0)]),
        cls(TRACE, "jdk.types.StackTrace", [("truncated", BOOLEAN, 0, 0), ("frames", FRAME, 0, 1)]),
        cls(30, "jdk.ExecutionSample", [("startTime", LONG, 0, 0), ("sampledThread", THREAD, 1, 0),
                                        ("stackTrace", TRACE, 1, 0)], event=True),
        cls(31, "jdk.JavaMonitorEnter", [("startTime", LONG, 0, 0), ("duration", LONG, 0, 0),
                                         ("eventThread", THREAD, 1, 0), ("stackTrace", TRACE, 1, 0),
                                         ("monitorClass", CLASS, 1, 0)], event=True),
    ]
    if self_holding_pool:
        # A class whose one field is itself, written inline: no end to its value.
        classes.append(cls(40, "demo.Loop", [("next", 40, 0, 0)]))
    root = element("root", [], [element("metadata", [], classes), element("region", [("gmtOffset", "0")])])
    metadata_body = jleb(0) + jleb(0) + jleb(1) + jleb(len(strings)) + b"".join(jstr(t) for t in strings) + root

    def pool(type_id, entries, count=None):
        return jleb(type_id) + jleb(len(entries) if count is None else count) + b"".join(entries)

    pools = [
        pool(THREAD, [jleb(1) + jstr("main") + jleb(4242) + jstr("main") + jleb(1)], thread_pool_count),
        pool(SYMBOL, [jleb(i + 1) + jstr(t) for i, t in enumerate(["demo/Main", "main", "work", "([Ljava/lang/String;)V", "()V"])]),
        pool(CLASS, [jleb(1) + jleb(1) + jleb(1)]),
        pool(METHOD, [jleb(1) + jleb(1) + jleb(2) + jleb(4) + jleb(9) + b"\x00",
                      jleb(2) + jleb(1) + jleb(3) + jleb(5) + jleb(10) + b"\x00"]),
        pool(FRAMETYPE, [jleb(1) + jstr("Interpreted"), jleb(2) + jstr("Inlined")]),
        # work inlined into main: one location of two lines.
        pool(TRACE, [jleb(1) + b"\x00" + jleb(2) + jleb(2) + jleb(7) + jleb(0) + jleb(2)
                     + jleb(1) + jleb(3) + jleb(4) + jleb(1)]),
    ]
    if self_holding_pool:
        pools.append(pool(40, [jleb(1) + b"\x00" * 8]))
    checkpoint_body = jleb(0) + jleb(0) + jleb(0) + jleb(0) + jleb(len(pools)) + b"".join(pools)
    events = b"".join(jevent(30, jleb(100 + i) + jleb(1) + jleb(stack_of_sample)) for i in range(3))
    events += jevent(31, jleb(200) + jleb(1500) + jleb(1) + jleb(1) + jleb(1)) + extra_event
    metadata = jevent(0, metadata_body)
    checkpoint = jevent(1, checkpoint_body)
    size = 68 + len(events) + len(metadata) + len(checkpoint)
    header = b"FLR\x00" + struct.pack(">HHqqqqqqq", 2, 1, size, 68 + len(events) + len(metadata), 68 + len(events),
                                     1_796_000_000_000_000_000, 1_000_000_000, 0, 1_000_000_000) + b"\x00\x00\x00\x02"
    return header + events + metadata + checkpoint


seeds = os.path.join(out, "..", "fuzz-seeds", "jfr")
os.makedirs(seeds, exist_ok=True)
with open(os.path.join(seeds, "tiny.jfr"), "wb") as f:
    f.write(jfr_recording())
tiny_jfr = jfr_recording()
# A chunk whose size runs past the end of the file: the last 10 bytes cut off.
write("jfr-truncated-chunk.jfr", tiny_jfr[:-10])
# The thread pool says it holds 2**40 entries.
write("jfr-pool-count-past-end.jfr", jfr_recording(thread_pool_count=1 << 40))
# An event whose body ends inside a varint (continuation bits to its end).
write("jfr-bad-varint.jfr", jfr_recording(extra_event=jevent(30, b"\x80\x80")))
# A sample naming stack trace 99, which no pool holds.
write("jfr-dangling-stack-trace.jfr", jfr_recording(stack_of_sample=99))
# A pool of a class that holds itself inline (metadata no JDK writes).
write("jfr-self-holding-class.jfr", jfr_recording(self_holding_pool=True))

# OpenTelemetry profiles (otlp): a ProfilesData with one profile of one sample,
# whose dictionary holds the zero entries and one location, function and stack.
def otlp(stack_index=1, line_function=1, name_index=3):
    dictionary = (msg(1, b"") + msg(2, b"") + msg(2, vint(2, 0x401000) + msg(3, vint(1, line_function) + vint(2, 7)))
                  + msg(3, b"") + msg(3, vint(1, name_index)) + msg(4, b"")
                  + b"".join(msg(5, s.encode()) for s in ["", "samples", "count", "main.main"])
                  + msg(6, b"") + msg(7, b"") + msg(7, packed(1, [1])))
    sample = msg(2, vint(1, stack_index) + packed(4, [5]))
    prof = msg(1, vint(1, 1) + vint(2, 2)) + sample
    return msg(1, msg(2, msg(2, prof))) + msg(2, dictionary)


write("otlp-dangling-stack.otlp.pb", otlp(stack_index=5))
write("otlp-dangling-function.otlp.pb", otlp(line_function=9))
write("otlp-dangling-string.otlp.pb", otlp(name_index=40))
write("otlp-truncated.otlp.pb", otlp()[:-4])
write("otlp-dangling-string.otlp.json",
      b'{"resourceProfiles":[{"scopeProfiles":[{"profiles":[{"sampleType":{"typeStrindex":1,"unitStrindex":2},'
      b'"samples":[{"stackIndex":1,"values":["5"]}]}]}]}],\n"dictionary":{"stringTable":["","samples","count"],'
      b'"functionTable":[{},{"nameStrindex":9}],"locationTable":[{},{"lines":[{"functionIndex":1}]}],'
      b'"stackTable":[{},{"locationIndices":[1]}]}}\n')

# callgrind: cut after a calls= line (its cost line lost), a name id used
# before it is defined (dangling), an id past 32 bits, and costs past 2^63 - 1.
cg = b"# callgrind format\nevents: Ir\nfl=(1) a.c\nfn=(1) main\n1 5\n"
write("callgrind-cut-after-calls.callgrind", cg + b"cfn=(2) work\ncalls=3 9\n")
write("callgrind-dangling-name.callgrind", cg + b"cfn=(7)\ncalls=1 9\n1 4\n")
write("callgrind-huge-name-id.callgrind", cg + b"fn=(123456789012345678901234567890) f\n1 1\n")
write("callgrind-saturating.callgrind", cg + b"2 9223372036854775807\n")
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
# gzip followed by bytes that are no gzip member (zero padding is accepted).
write("gzip-trailing-garbage.folded.gz", gz(b"main;work 3\n") + b"GARBAGE")
# Firefox profiles: a Gecko stack naming a frame that is not there, a Gecko
# profile cut inside its samples, a Gecko format version from the future,
# a processed stack whose prefix comes after it (a cycle).
gecko_thread = (b'{"name":"GeckoMain","pid":1,"tid":1,"samples":{"schema":{"stack":0,"time":1},"data":[[1,0.5],[1,1.5]]},'
                b'"stackTable":{"schema":{"prefix":0,"frame":1},"data":[[null,0],[0,%d]]},'
                b'"frameTable":{"schema":{"location":0},"data":[[0],[1]]},"stringTable":["(root)","<script>alert(1)</script>"]}')
gecko_profile = b'{"meta":{"version":%d,"interval":1},"threads":[%s],"processes":[]}'
write("firefox-dangling-frame.json", gecko_profile % (36, gecko_thread % 7))
write("firefox-truncated.json", (gecko_profile % (36, gecko_thread % 1))[:120])
write("firefox-future-version.json", gecko_profile % (99, gecko_thread % 1))
write("firefox-processed-cycle.json",
      b'{"meta":{"preprocessedProfileVersion":70,"interval":1},"threads":[{"name":"t","pid":"1","tid":1,'
      b'"samples":{"stack":[1],"weight":null,"weightType":"samples","length":1}}],'
      b'"shared":{"stringArray":["a","b"],"stackTable":{"frame":[0,1],"prefix":[1,0],"length":2},'
      b'"frameTable":{"func":[0,1],"length":2},"funcTable":{"name":[0,1],"length":2}}}')
# Safari timeline recordings: a version from the future, more durations
# than stack traces.
write("safari-version-9.json", b'{"version":9,"recording":{"sampleStackTraces":[],"sampleDurations":[]}}')
write("safari-unpaired.json",
      b'{"version":1,"recording":{"sampleStackTraces":[{"timestamp":1,"stackFrames":[{"name":"<script>","line":1,'
      b'"column":1,"url":"a.js"}]}],"sampleDurations":[0.001,0.001]}}')
