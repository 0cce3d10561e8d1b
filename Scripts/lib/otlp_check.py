#!/usr/bin/env python3
"""OpenTelemetry profiles (OTLP) checked with the `opentelemetry-proto` package,
the classes generated from the official .proto files.

usage:
  otlp_check.py folded FILE            one block per Profile of FILE (protobuf,
                                       or OTLP/JSON when FILE ends in .json):
                                       "# type/unit", then its folded stacks
  otlp_check.py same PB JSON           exits 1 unless the protobuf file and the
                                       OTLP/JSON file (json_format) hold the same message
  otlp_check.py encode OUT.pb OUT.json [FOLDED_DIR]
                                       writes a ProfilesData made with the package
                                       (two sample types, inlined frames, labels, an
                                       unsymbolized frame), in protobuf and in
                                       OTLP/JSON, and its expected folded stacks,
                                       one file per sample type, into FOLDED_DIR

Folded stacks follow Scripts/lib/pprof_raw_to_folded.py: frames are function
names, root first, a location's lines innermost first expanded; a location
with no lines is named by its address (0x...), a function with no name by its
system name; zero values dropped, equal stacks merged, lines sorted bytewise;
a sample without locations is "[no stack]". A sample's value is the sum of
its values (or the count of its timestamps when it has none).
"""
import os
import sys

from google.protobuf import json_format
from opentelemetry.proto.profiles.v1development import profiles_pb2 as pb


def load(path):
    data = pb.ProfilesData()
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            json_format.Parse(f.read(), data)
    else:
        with open(path, "rb") as f:
            data.ParseFromString(f.read())
    return data


def profiles(data):
    for rp in data.resource_profiles:
        for sp in rp.scope_profiles:
            yield from sp.profiles


def frames_of(d, stack_index):
    frames = []
    for li in reversed(d.stack_table[stack_index].location_indices):
        loc = d.location_table[li]
        if not loc.lines:
            frames.append(hex(loc.address))
            continue
        for line in reversed(loc.lines):
            fn = d.function_table[line.function_index]
            name = d.string_table[fn.name_strindex] or d.string_table[fn.system_name_strindex]
            frames.append(name or "??")
    return frames


def folded(data, profile):
    d = data.dictionary
    stacks = {}
    for s in profile.samples:
        v = sum(s.values) if len(s.values) else len(s.timestamps_unix_nano)
        if v == 0:
            continue
        frames = frames_of(d, s.stack_index)
        key = ";".join(frames) if frames else "[no stack]"
        stacks[key] = stacks.get(key, 0) + v
    return sorted((k + " " + str(v)).encode() for k, v in stacks.items() if v != 0)


def print_folded(path):
    data = load(path)
    out = sys.stdout.buffer
    for p in profiles(data):
        t = p.sample_type
        out.write(("# %s/%s\n" % (data.dictionary.string_table[t.type_strindex],
                                   data.dictionary.string_table[t.unit_strindex])).encode())
        for line in folded(data, p):
            out.write(line + b"\n")


def encode(pb_path, json_path, folded_dir):
    data = pb.ProfilesData()
    d = data.dictionary
    strings = [""]

    def s(text):
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    d.mapping_table.add()
    d.location_table.add()
    d.function_table.add()
    d.link_table.add()
    d.attribute_table.add()
    d.stack_table.add()
    m = d.mapping_table.add(memory_start=0x400000, memory_limit=0x500000, filename_strindex=s("/app/server"))
    build_id = d.attribute_table.add(key_strindex=s("process.executable.build_id.gnu"))
    build_id.value.string_value = "abc123"
    m.attribute_indices.append(len(d.attribute_table) - 1)

    def function(name, file):
        d.function_table.add(name_strindex=s(name), system_name_strindex=s(name), filename_strindex=s(file))
        return len(d.function_table) - 1

    def location(address, *lines):
        loc = d.location_table.add(mapping_index=1, address=address)
        for fn, line in lines:
            loc.lines.add(function_index=fn, line=line)
        return len(d.location_table) - 1

    main = function("main.main", "main.go")
    serve = function("main.serve", "server.go")
    parse = function("main.parse", "parse.go")
    inline = function("strings.Index", "strings.go")
    l_main = location(0x401000, (main, 10))
    l_serve = location(0x402000, (serve, 20))
    l_parse = location(0x403000, (inline, 5), (parse, 30))  # strings.Index inlined into main.parse
    l_raw = location(0x404abc)  # unsymbolized

    def stack(*locations):
        d.stack_table.add(location_indices=list(locations))
        return len(d.stack_table) - 1

    stacks = [stack(l_serve, l_main), stack(l_parse, l_serve, l_main), stack(l_raw, l_main), stack()]
    handler = d.attribute_table.add(key_strindex=s("handler"))
    handler.value.string_value = "/api"
    size = d.attribute_table.add(key_strindex=s("bytes"), unit_strindex=s("bytes"))
    size.value.int_value = 4096
    labels = [[len(d.attribute_table) - 2], [len(d.attribute_table) - 1], [], []]

    scope = data.resource_profiles.add().scope_profiles.add()
    scope.scope.name = "otlp_check.py"
    values = {("cpu", "nanoseconds"): [30, 50, 7, 1], ("alloc_space", "bytes"): [0, 4096, 512, 0]}
    for (type_name, unit), column in values.items():
        p = scope.profiles.add(time_unix_nano=1_700_000_000_000_000_000, duration_nano=10_000_000_000, period=10_000_000)
        p.sample_type.type_strindex = s(type_name)
        p.sample_type.unit_strindex = s(unit)
        p.period_type.type_strindex = s("cpu")
        p.period_type.unit_strindex = s("nanoseconds")
        for st, v, attrs in zip(stacks, column, labels):
            p.samples.add(stack_index=st, values=[v], attribute_indices=attrs)
    d.string_table.extend(strings)

    with open(pb_path, "wb") as f:
        f.write(data.SerializeToString())
    with open(json_path, "w", encoding="utf-8") as f:
        f.write(json_format.MessageToJson(data))
        f.write("\n")
    if folded_dir:
        for i, p in enumerate(profiles(data)):
            with open(os.path.join(folded_dir, "index%d.folded" % i), "wb") as f:
                for line in folded(data, p):
                    f.write(line + b"\n")


def main():
    command = sys.argv[1]
    if command == "folded":
        print_folded(sys.argv[2])
    elif command == "same":
        sys.exit(0 if load(sys.argv[2]) == load(sys.argv[3]) else 1)
    elif command == "encode":
        encode(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
