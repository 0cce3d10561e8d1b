import ProfileCore

/// Bytes of SVG markup, for the flame graph's frame elements, which are
/// written here directly rather than through libxml2: its attribute and text
/// writer was a quarter of the cost of drawing, for elements whose names and
/// attributes are fixed and whose values are numbers and a few texts.
///
/// The output is the same as libxml2's (2.9, `xmlTextWriter`): text is escaped
/// as `xmlEncodeSpecialChars` escapes it, attribute values as
/// `xmlBufAttrSerializeTxtContent` does, after characters XML 1.0 forbids have
/// become U+FFFD (``XMLOutput/wellFormed(_:)``). Numbers are written without
/// making a `String`: fixed decimals rounded as `%.Nf` rounds (never `-0`),
/// and counts with thousands separators, as flamegraph.pl prints them.
struct SVGBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    @inline(__always) mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always) mutating func append(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    /// Text content, escaped.
    mutating func appendText(_ s: String) { append(escaping: s, attribute: false) }

    /// An attribute value (without its quotes), escaped.
    mutating func appendAttribute(_ s: String) { append(escaping: s, attribute: true) }

    private mutating func append(escaping s: String, attribute: Bool) {
        var s = s
        s.withUTF8 { u in
            var i = 0
            while i < u.count {
                let b = u[i]
                i += 1
                switch b {
                case UInt8(ascii: "<"): append("&lt;")
                case UInt8(ascii: ">"): append("&gt;")
                case UInt8(ascii: "&"): append("&amp;")
                case UInt8(ascii: "\""): append("&quot;")
                case 0x0D: append("&#13;")
                case 0x0A where attribute: append("&#10;")
                case 0x09 where attribute: append("&#9;")
                case 0x09, 0x0A: bytes.append(b)
                case 0..<0x20: append("\u{FFFD}")
                case 0xEF where i + 1 < u.count && u[i] == 0xBF && (u[i + 1] == 0xBE || u[i + 1] == 0xBF):
                    // U+FFFE and U+FFFF, the only other characters XML forbids
                    // that a valid `String` can hold.
                    append("\u{FFFD}")
                    i += 2
                default: bytes.append(b)
                }
            }
        }
    }

    /// `v` in decimal.
    @inline(__always) mutating func append(decimal v: Int64) { DecimalScratch.append(v, to: &bytes) }

    /// `1234567` → `1,234,567`.
    mutating func append(grouped v: Int64) {
        var m = v.magnitude
        var text = DecimalScratch()
        while m >= 1000 {
            text.prepend(m % 1000, width: 3)
            text.prepend(byte: UInt8(ascii: ","))
            m /= 1000
        }
        text.prepend(m)
        if v < 0 { text.prepend(byte: UInt8(ascii: "-")) }
        text.append(to: &bytes)
    }

    /// `x` with `places` decimals, rounded as Go's and C's `%.Nf` round
    /// (``DecimalText``: half to even from the exact binary value, which is
    /// what flamegraph.pl's `sprintf` prints); no `-0`.
    @inline(__always) mutating func append(fixed x: Double, _ places: Int) {
        DecimalText.appendFixed(x, places: places, to: &bytes, signedZero: false)
    }
}
