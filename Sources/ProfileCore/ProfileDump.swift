/// A whole profile as text, one fact a line, for golden files, round-trip
/// tests and debugging: every field, in the profile's order, string ids
/// resolved to their (quoted) strings, and references shown as pprof ids.
///
/// Two profiles with the same dump say the same thing, whatever ids their
/// strings have; unlike ``Profile/==(_:_:)`` the dump does not see string
/// ids, nor the bytes of strings that were not valid UTF-8 (shown as U+FFFD).
///
///     sample_types: samples/count cpu/nanoseconds (default "cpu")
///     sample 2 20000000 @ 3 2 1 {"thread"="main" "bytes"=1024 (bytes)}
///     location 3 0x4a5b6c mapping 1: "main.f" "main.go":12:3, "main.g" "main.go":40
///     mapping 1 0x400000-0x4b0000 +0x0 "/bin/app" build "abc" functions filenames lines
///     function 7 "main.f" system "main.f" "main.go":10
public enum ProfileDump {
    /// The dump of `profile`; every line ends in a newline.
    public static func text(_ profile: Profile) -> String {
        var out = ""
        let p = profile
        func q(_ id: Int32) -> String { quoted(p.string(id)) }
        func type(_ t: ValueType) -> String { "\(p.string(t.type))/\(p.string(t.unit))" }

        out += "sample_types: " + p.sampleTypes.map(type).joined(separator: " ")
        out += p.defaultSampleType == 0 ? "\n" : " (default \(q(p.defaultSampleType)))\n"
        out += "period: \(p.period)" + (p.periodType.map { " " + type($0) } ?? "") + "\n"
        out += "time_nanos: \(p.timeNanos) duration_nanos: \(p.durationNanos)\n"
        out += "drop_frames: \(q(p.dropFrames)) keep_frames: \(q(p.keepFrames)) doc_url: \(q(p.docURL))\n"
        out += "comments:" + p.comments.map { " " + q($0) }.joined() + "\n"

        for i in 0..<p.samples.count {
            out += "sample " + p.samples.values(of: i).map(String.init).joined(separator: " ") + " @"
            for l in p.samples.locations(of: i) { out += " " + locationID(p, l) }
            let labels = p.samples.labels(of: i)
            if !labels.isEmpty {
                out += " {" + labels.map { label($0, in: p) }.joined(separator: " ") + "}"
            }
            out += "\n"
        }
        for l in p.locations {
            out += "location \(l.id) 0x" + String(l.address, radix: 16)
            if l.mappingIndex >= 0 { out += " mapping " + mappingID(p, l.mappingIndex) }
            if l.isFolded { out += " folded" }
            out += ":" + p.lines[l.lineRange].map { " " + line($0, in: p) }.joined(separator: ",") + "\n"
        }
        for m in p.mappings {
            out += "mapping \(m.id) 0x" + String(m.memoryStart, radix: 16) + "-0x" + String(m.memoryLimit, radix: 16)
            out += " +0x" + String(m.fileOffset, radix: 16) + " \(q(m.filename)) build \(q(m.buildID))"
            for (has, name) in [(m.hasFunctions, "functions"), (m.hasFilenames, "filenames"),
                                (m.hasLineNumbers, "lines"), (m.hasInlineFrames, "inline")] where has {
                out += " " + name
            }
            out += "\n"
        }
        for f in p.functions {
            out += "function \(f.id) \(q(f.name)) system \(q(f.systemName)) \(q(f.filename)):\(f.startLine)\n"
        }
        return out
    }

    private static func locationID(_ p: Profile, _ index: Int32) -> String {
        p.locations.indices.contains(Int(index)) ? String(p.locations[Int(index)].id) : "?\(index)"
    }

    private static func mappingID(_ p: Profile, _ index: Int32) -> String {
        p.mappings.indices.contains(Int(index)) ? String(p.mappings[Int(index)].id) : "?\(index)"
    }

    private static func label(_ l: Label, in p: Profile) -> String {
        if l.isString { return "\(quoted(p.string(l.key)))=\(quoted(p.string(l.str)))" }
        return "\(quoted(p.string(l.key)))=\(l.num)" + (l.numUnit == 0 ? "" : " (\(p.string(l.numUnit)))")
    }

    private static func line(_ l: Line, in p: Profile) -> String {
        let f = p.functions.indices.contains(Int(l.functionIndex)) ? p.functions[Int(l.functionIndex)] : nil
        var s = f.map { "\(quoted(p.string($0.name))) \(quoted(p.string($0.filename)))" } ?? "(no function)"
        s += ":\(l.line)"
        if l.column != 0 { s += ":\(l.column)" }
        return s
    }

    /// `s` in double quotes, with `"`, `\` and control characters escaped,
    /// so a name cannot break a line or a field.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where u.value < 0x20 || u.value == 0x7F:
                out += "\\u{" + String(u.value, radix: 16) + "}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
