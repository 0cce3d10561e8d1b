/// Escaping for the text formats the reports write.
enum Escape {
    /// A JSON string literal, escaped by ``JSONOutput`` (the one JSON escaper).
    static func json(_ s: String) -> String {
        let sink = ByteSink()
        // An in-memory sink has no drain, so writing to it cannot throw.
        try! JSONOutput.writeString(s, to: sink)
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    /// A CSV text field: control characters as U+FFFD (so a record stays
    /// one line), quoted when it holds a comma or quote. A field that starts
    /// with `=`, `+`, `-` or `@` gets a leading `'`, as OWASP advises, so a
    /// spreadsheet shows a name like `=HYPERLINK(…)` (or an Objective-C
    /// `+[Class method]`) as text instead of running it as a formula.
    /// Numbers are written as they are, never through here.
    static func csv(_ s: String) -> String {
        var s = visible(s)
        if let first = s.utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 { s = "'" + s }
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }

    /// `s` with every control character — C0 (newline and tab included),
    /// DEL and C1 — replaced by U+FFFD, for line-based text outputs (folded,
    /// debug=1, top, traces, CSV): a name cannot break a record in two or
    /// send escape sequences to a terminal. Returns `s` itself when clean.
    public static func visible(_ s: String) -> String {
        guard hasControl(s.utf8) else { return s }
        return replacingScalars(s) { isControl($0.value) ? "\u{FFFD}" : nil }
    }

    @inline(__always) static func isControl(_ v: UInt32) -> Bool { v < 0x20 || (v >= 0x7F && v < 0xA0) }

    /// Whether UTF-8 text holds a control character (C1 ones are `C2 80`–`C2 9F`).
    static func hasControl(_ bytes: some Sequence<UInt8>) -> Bool {
        var afterC2 = false
        for b in bytes {
            if b < 0x20 || b == 0x7F || (afterC2 && b < 0xA0) { return true }
            afterC2 = b == 0xC2
        }
        return false
    }

    /// Text for XML/SVG character data and attribute values.
    static func xml(_ s: String) -> String {
        replacingScalars(s) { u in
            switch u {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            case "'": return "&#39;"
            case "\t", "\n", "\r": return "&#\(u.value);"
            // Characters XML 1.0 forbids become U+FFFD.
            case _ where u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF: return "\u{FFFD}"
            default: return nil
            }
        }
    }

    /// `s` with each scalar for which `replacement` gives a text replaced by
    /// it: the one loop of the escapers (XML, Go quoting, control characters).
    static func replacingScalars(_ s: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            if let r = replacement(u) { out += r } else { out.unicodeScalars.append(u) }
        }
        return out
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (no Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}
