/// JSON string literals written straight from UTF-8 bytes into a ``ByteSink``.
///
/// Any byte sequence becomes a valid JSON string: quotes, backslashes and
/// control characters are escaped, U+2028/U+2029 too (JavaScript source that
/// embeds the JSON breaks on them otherwise), and invalid UTF-8 becomes U+FFFD.
/// `<` becomes `\u003c`, so JSON inside an HTML `<script>` block can neither
/// close it (`</script>`) nor open a comment (`<!--`). The project's one JSON
/// string escaper: ``Escape/json(_:)`` calls it too.
enum JSONOutput {
    /// Writes `bytes` as a quoted JSON string.
    static func writeString(_ bytes: UnsafeRawBufferPointer, to out: ByteSink) throws {
        try out.write(byte: 0x22)
        var runStart = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b >= 0x20 && b < 0x80 && b != 0x22 && b != 0x5C && b != 0x3C {
                i += 1
                continue
            }
            if b >= 0x80 {
                let length = validSequenceLength(bytes, at: i)
                // U+2028 / U+2029 are E2 80 A8 / E2 80 A9.
                let separator = length == 3 && b == 0xE2 && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9)
                if length > 0 && !separator {
                    i += length
                    continue
                }
                try flushRun(bytes, runStart, i, out)
                if separator {
                    try out.write(bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                    i += 3
                } else {
                    try out.write([0xEF, 0xBF, 0xBD])
                    i += 1
                }
                runStart = i
                continue
            }
            try flushRun(bytes, runStart, i, out)
            switch b {
            case 0x22: try out.write("\\\"")
            case 0x5C: try out.write("\\\\")
            case 0x0A: try out.write("\\n")
            case 0x0D: try out.write("\\r")
            case 0x09: try out.write("\\t")
            default:
                try out.write("\\u00")
                try out.write(byte: hexDigit(b >> 4))
                try out.write(byte: hexDigit(b & 0xF))
            }
            i += 1
            runStart = i
        }
        try flushRun(bytes, runStart, n, out)
        try out.write(byte: 0x22)
    }

    /// Writes `string` as a quoted JSON string.
    static func writeString(_ string: String, to out: ByteSink) throws {
        var s = string
        try s.withUTF8 { try writeString(UnsafeRawBufferPointer($0), to: out) }
    }

    @inline(__always) private static func flushRun(_ bytes: UnsafeRawBufferPointer, _ from: Int, _ to: Int, _ out: ByteSink) throws {
        if to > from { try out.write(UnsafeRawBufferPointer(rebasing: bytes[from..<to])) }
    }

    @inline(__always) private static func hexDigit(_ d: UInt8) -> UInt8 {
        d < 10 ? 0x30 + d : 0x61 + d - 10
    }

    /// The length of the well-formed UTF-8 sequence starting at `i` (its
    /// first byte is ≥ 0x80), or 0 when it is not well-formed (stray
    /// continuation bytes, overlong forms, surrogates, beyond U+10FFFF, cut off).
    static func validSequenceLength(_ s: UnsafeRawBufferPointer, at i: Int) -> Int {
        let b = s[i]
        let length: Int
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF  // allowed range of the second byte
        switch b {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lo = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; hi = 0x9F
        case 0xF0: length = 4; lo = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; hi = 0x8F
        default: return 0
        }
        guard i + length <= s.count, s[i + 1] >= lo && s[i + 1] <= hi else { return 0 }
        for k in 2..<length where s[i + k] & 0xC0 != 0x80 { return 0 }
        return length
    }
}
