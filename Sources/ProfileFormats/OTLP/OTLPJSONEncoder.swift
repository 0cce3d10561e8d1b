import ProfileCore

/// Writes an ``OTLPDocument`` as OTLP/JSON: protobuf's JSON mapping, with
/// lowerCamelCase keys, 64-bit integers as strings, and fields holding their
/// default value left out, as protobuf's `json_format` writes them.
enum OTLPJSONEncoder {
    static func encode(_ d: OTLPDocument, to out: ByteSink) throws {
        try out.write("{\"resourceProfiles\":[{\"scopeProfiles\":[{\"scope\":{\"name\":\"profconv\"")
        if let name = d.defaultSampleType {
            try out.write(",\"attributes\":[{\"key\":")
            try JSONOutput.writeString(OTLPKey.defaultSampleType, to: out)
            try out.write(",\"value\":{\"stringValue\":")
            try JSONOutput.writeString(name, to: out)
            try out.write("}}]")
        }
        try out.write("},\n\"profiles\":[")
        for (i, p) in d.profiles.enumerated() {
            try out.write(i == 0 ? "\n" : ",\n")
            try profile(p, to: out)
        }
        try out.write("]}]}],\n\"dictionary\":{")
        try dictionary(d.dictionary, to: out)
        try out.write("}}\n")
    }

    /// Writes `,"key":` before every member but the first of an object.
    private struct Members {
        var count = 0
        mutating func key(_ name: String, _ out: ByteSink) throws {
            try out.write(count == 0 ? "\"" : ",\"")
            try out.write(name)
            try out.write("\":")
            count += 1
        }
        mutating func int(_ name: String, _ v: Int32, _ out: ByteSink) throws {
            guard v != 0 else { return }
            try key(name, out)
            try out.write(decimal: Int64(v))
        }
        /// A 64-bit integer: a JSON string.
        mutating func long(_ name: String, _ v: Int64, _ out: ByteSink) throws {
            guard v != 0 else { return }
            try key(name, out)
            try out.write("\"\(v)\"")
        }
        mutating func unsignedLong(_ name: String, _ v: UInt64, _ out: ByteSink) throws {
            guard v != 0 else { return }
            try key(name, out)
            try out.write("\"\(v)\"")
        }
        mutating func ints(_ name: String, _ list: some Collection<Int32>, _ out: ByteSink) throws {
            guard !list.isEmpty else { return }
            try key(name, out)
            var first = true
            for v in list {
                try out.write(first ? "[" : ",")
                try out.write(decimal: Int64(v))
                first = false
            }
            try out.write("]")
        }
    }

    private static func valueType(_ t: ValueType, to out: ByteSink) throws {
        var m = Members()
        try out.write("{")
        try m.int("typeStrindex", t.type, out)
        try m.int("unitStrindex", t.unit, out)
        try out.write("}")
    }

    private static func profile(_ p: OTLPProfile, to out: ByteSink) throws {
        var m = Members()
        try out.write("{")
        try m.key("sampleType", out)
        try valueType(p.sampleType, to: out)
        if p.samples.count > 0 {
            try m.key("samples", out)
            try out.write("[")
            for i in 0..<p.samples.count {
                try out.write(i == 0 ? "\n{" : ",\n{")
                var s = Members()
                try s.int("stackIndex", p.samples.stacks[i], out)
                try s.ints("attributeIndices", p.samples.attributes(of: i), out)
                // The value is always written: a sample without one would count its timestamps.
                try s.key("values", out)
                try out.write("[\"\(p.samples.values[i])\"]}")
            }
            try out.write("]")
        }
        try m.unsignedLong("timeUnixNano", p.timeUnixNano, out)
        try m.unsignedLong("durationNano", p.durationNano, out)
        if let t = p.periodType {
            try m.key("periodType", out)
            try valueType(t, to: out)
        }
        try m.long("period", p.period, out)
        try m.ints("attributeIndices", p.attributes, out)
        try out.write("}")
    }

    private static func dictionary(_ d: OTLPDictionary, to out: ByteSink) throws {
        var m = Members()
        try m.key("mappingTable", out)
        try out.write("[")
        for (i, x) in d.mappings.enumerated() {
            try out.write(i == 0 ? "\n{" : ",\n{")
            var e = Members()
            try e.unsignedLong("memoryStart", x.memoryStart, out)
            try e.unsignedLong("memoryLimit", x.memoryLimit, out)
            try e.unsignedLong("fileOffset", x.fileOffset, out)
            try e.int("filenameStrindex", x.filename, out)
            try e.ints("attributeIndices", x.attributes, out)
            try out.write("}")
        }
        try out.write("]\n")
        try m.key("locationTable", out)
        try out.write("[")
        for (i, x) in d.locations.enumerated() {
            try out.write(i == 0 ? "\n{" : ",\n{")
            var e = Members()
            try e.int("mappingIndex", x.mapping, out)
            try e.unsignedLong("address", x.address, out)
            if x.lineCount > 0 {
                try e.key("lines", out)
                for (k, l) in d.lines[Int(x.lineStart)..<Int(x.lineStart + x.lineCount)].enumerated() {
                    try out.write(k == 0 ? "[{" : ",{")
                    var f = Members()
                    try f.int("functionIndex", l.function, out)
                    try f.long("line", l.line, out)
                    try f.long("column", l.column, out)
                    try out.write("}")
                }
                try out.write("]")
            }
            try e.ints("attributeIndices", x.attributes, out)
            try out.write("}")
        }
        try out.write("]\n")
        try m.key("functionTable", out)
        try out.write("[")
        for (i, x) in d.functions.enumerated() {
            try out.write(i == 0 ? "\n{" : ",\n{")
            var e = Members()
            try e.int("nameStrindex", x.name, out)
            try e.int("systemNameStrindex", x.systemName, out)
            try e.int("filenameStrindex", x.filename, out)
            try e.long("startLine", x.startLine, out)
            try out.write("}")
        }
        try out.write("]\n")
        try m.key("linkTable", out)
        try out.write("[" + Array(repeating: "{}", count: d.linkCount).joined(separator: ",") + "]\n")
        try m.key("stringTable", out)
        try out.write("[")
        for (i, s) in d.strings.enumerated() {
            try out.write(i == 0 ? "\n" : ",\n")
            try JSONOutput.writeString(s, to: out)
        }
        try out.write("]\n")
        try m.key("attributeTable", out)
        try out.write("[")
        for (i, a) in d.attributes.enumerated() {
            try out.write(i == 0 ? "\n{" : ",\n{")
            var e = Members()
            try e.int("keyStrindex", a.key, out)
            if a.value != .none {
                try e.key("value", out)
                try anyValue(a.value, to: out)
            }
            try e.int("unitStrindex", a.unit, out)
            try out.write("}")
        }
        try out.write("]\n")
        try m.key("stackTable", out)
        try out.write("[")
        for s in 0..<d.stackCount {
            try out.write(s == 0 ? "\n{" : ",\n{")
            var e = Members()
            try e.ints("locationIndices", d.stack(s), out)
            try out.write("}")
        }
        try out.write("]")
    }

    private static func anyValue(_ v: OTLPValue, to out: ByteSink) throws {
        switch v {
        case .string(let s):
            try out.write("{\"stringValue\":")
            try JSONOutput.writeString(s, to: out)
            try out.write("}")
        case .bool(let b): try out.write(b ? "{\"boolValue\":true}" : "{\"boolValue\":false}")
        case .int(let i): try out.write("{\"intValue\":\"\(i)\"}")
        case .double(let d): try out.write(d.isFinite ? "{\"doubleValue\":\(d)}" : "{\"doubleValue\":\"\(d.isNaN ? "NaN" : d < 0 ? "-Infinity" : "Infinity")\"}")
        case .stringIndex(let i): try out.write("{\"stringValueStrindex\":\(i)}")
        case .none, .other: try out.write("{}")
        }
    }
}
