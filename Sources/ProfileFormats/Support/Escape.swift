/// Escaping for the text formats the reports write, and for messages.
public enum Escape {
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

    /// `s` as one line of a message for a terminal: each control character
    /// written out as an escape (`\n` for a newline, CRLF included, `\r`,
    /// `\t`, `\0`, `\x1b` for the ESC that starts terminal sequences,
    /// `\u{85}` for C1), so no file name, quoted input line, HTTP body or
    /// reason phrase can add a line, cut one short, or drive the terminal.
    /// A final newline is dropped. Returns `s` itself when clean.
    public static func oneLine(_ s: String) -> String {
        guard hasControl(s.utf8) else { return s }
        var t = Substring(s)
        while t.last == "\n" || t.last == "\r\n" { t = t.dropLast() }
        return replacingScalars(String(t).replacingAll("\r\n", with: "\n")) { u in
            switch u.value {
            case 0x0A: return "\\n"
            case 0x0D: return "\\r"
            case 0x09: return "\\t"
            case 0x00: return "\\0"
            case 0x01..<0x20, 0x7F: return "\\x" + hex2(u.value)
            case 0x80..<0xA0: return "\\u{" + hex2(u.value) + "}"
            default: return nil
            }
        }
    }

    /// A name in a message: as it is when it is plain, else quoted, with its
    /// control characters escaped as ``oneLine(_:)`` does, so that a name
    /// holding a newline, quotes or spaces at its ends reads as one name.
    public static func quotedName(_ s: String) -> String {
        let plain = !s.isEmpty && !hasControl(s.utf8) && s.first != " " && s.last != " " && !s.contains("\"")
        return plain ? s : "\"" + oneLine(s).replacingAll("\"", with: "\\\"") + "\""
    }

    private static func hex2(_ v: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(v >> 4)], digits[Int(v & 15)]])
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
