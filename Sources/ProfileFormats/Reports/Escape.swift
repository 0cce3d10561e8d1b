/// Escaping for the text formats the reports write.
enum Escape {
    /// A JSON string literal, escaped by ``JSONOutput`` (the one JSON escaper).
    static func json(_ s: String) -> String {
        let sink = ByteSink()
        // An in-memory sink has no drain, so writing to it cannot throw.
        try! JSONOutput.writeString(s, to: sink)
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    static func csv(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Text for XML/SVG character data and attribute values.
    static func xml(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out += "&#\(u.value);"
            // Characters XML 1.0 forbids become U+FFFD.
            case _ where u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF: out += "\u{FFFD}"
            default: out.unicodeScalars.append(u)
            }
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
