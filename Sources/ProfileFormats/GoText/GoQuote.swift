/// Go's `%q` string quoting (`strconv.Quote` / `strconv.Unquote`), as used
/// by `# labels: {"k":"v"}` lines.
enum GoQuote {
    /// Unquotes the Go string literal starting at `t[i]` (a `"`); advances
    /// `i` past the closing quote. Nil if it is not a valid literal.
    static func unquote(_ t: UnsafeRawBufferPointer, _ i: inout Int) -> [UInt8]? {
        guard i < t.count, t[i] == UInt8(ascii: "\"") else { return nil }
        var out: [UInt8] = []
        var j = i + 1
        while j < t.count {
            let b = t[j]
            if b == UInt8(ascii: "\"") { i = j + 1; return out }
            if b != UInt8(ascii: "\\") { out.append(b); j += 1; continue }
            j += 1
            guard j < t.count else { return nil }
            let e = t[j]
            j += 1
            switch e {
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): out.append(e)
            case UInt8(ascii: "x"):
                guard let v = hexValue(t, &j, digits: 2) else { return nil }
                out.append(UInt8(v))
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                guard let v = hexValue(t, &j, digits: e == UInt8(ascii: "u") ? 4 : 8),
                      let scalar = Unicode.Scalar(v) else { return nil }
                out.append(contentsOf: String(Character(scalar)).utf8)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                guard j + 1 < t.count else { return nil }
                var v = UInt32(e - 0x30)
                for _ in 0..<2 {
                    let d = t[j]
                    guard d >= 0x30 && d <= 0x37 else { return nil }
                    v = v * 8 + UInt32(d - 0x30)
                    j += 1
                }
                guard v < 256 else { return nil }
                out.append(UInt8(v))
            default: return nil
            }
        }
        return nil
    }

    private static func hexValue(_ t: UnsafeRawBufferPointer, _ j: inout Int, digits: Int) -> UInt32? {
        guard j + digits <= t.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<digits {
            let b = t[j] | 0x20
            let d: UInt32
            if b >= 0x30 && b <= 0x39 { d = UInt32(b - 0x30) } else if b >= 0x61 && b <= 0x66 { d = UInt32(b - 0x61 + 10) } else { return nil }
            v = v << 4 | d
            j += 1
        }
        return v
    }

    /// `s` quoted as Go's `strconv.Quote` does for the characters that occur
    /// in practice: printable text is kept, control characters and invalid
    /// UTF-8 are escaped.
    static func quote(_ s: String) -> String {
        "\"" + Escape.replacingScalars(s) { scalar in
            switch scalar {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "\u{07}": return "\\a"
            case "\u{08}": return "\\b"
            case "\u{0C}": return "\\f"
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            case "\u{0B}": return "\\v"
            case "\u{FFFD}": return "\\ufffd"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: return "\\x" + hex(scalar.value, 2)
            case _ where (0x80..<0xA0).contains(scalar.value): return "\\u" + hex(scalar.value, 4)
            default: return nil
            }
        } + "\""
    }

    private static func hex(_ v: UInt32, _ width: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
