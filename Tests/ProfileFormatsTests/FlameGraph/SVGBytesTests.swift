import ProfileCore
@testable import ProfileFormats
import Testing

/// The flame graph writes its frames without libxml2; these say that what it
/// writes is what libxml2 wrote, so the SVGs stay byte-identical.
@Suite("SVG frame bytes")
struct SVGBytesTests {
    /// Every ASCII character, names with markup, XML-forbidden characters and non-ASCII text.
    static let hostile = [
        String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self),
        "<script>alert(\"x\")</script> & 'y' ]]>", "a\r\nb\tc", "\u{FFFE}\u{FFFF}\u{FFFD}\u{EFFF}",
        "café 日本 😀", "σ\u{01}\u{1B}x", "",
    ]

    /// What libxml2 makes of `value` as the text of an element and as an
    /// attribute, in a UTF-8 document as the flame graph's.
    func libxml2(_ value: String) throws -> (text: String, attribute: String) {
        let sink = ByteSink()
        let xml = try XMLOutput(to: sink)
        try xml.startDocument()
        try xml.start("t")
        try xml.attribute("a", value)
        try xml.text(value)
        try xml.end()
        try xml.finish()
        // `<t a="ATTRIBUTE">TEXT</t>`: escaped values hold no quote and no `<`.
        let out = sink.bytes.drop { $0 != UInt8(ascii: "\n") }
        let attribute = out.drop { $0 != UInt8(ascii: "\"") }.dropFirst().prefix { $0 != UInt8(ascii: "\"") }
        let text = out.drop { $0 != UInt8(ascii: ">") }.dropFirst().prefix { $0 != UInt8(ascii: "<") }
        return (String(decoding: text, as: UTF8.self), String(decoding: attribute, as: UTF8.self))
    }

    @Test("text is escaped as libxml2 escapes it, forbidden characters replaced")
    func text() throws {
        for s in Self.hostile {
            var b = SVGBytes()
            b.appendText(s)
            #expect(String(decoding: b.bytes, as: UTF8.self) == (try libxml2(s).text), "\(Array(s.utf8))")
        }
    }

    @Test("attribute values are escaped as libxml2 escapes them")
    func attributes() throws {
        for s in Self.hostile {
            var b = SVGBytes()
            b.appendAttribute(s)
            let expected = try libxml2(s).attribute
            #expect(String(decoding: b.bytes, as: UTF8.self) == expected, "\(Array(s.utf8))")
        }
    }

    @Test("fixed decimals round half away from zero and never print -0")
    func fixed() {
        let cases: [(Double, Int, String)] = [
            (0, 0, "0"), (0.5, 0, "1"), (1180, 1, "1180.0"), (0.05, 1, "0.1"), (-0.04, 1, "0.0"),
            (-0.06, 1, "-0.1"), (3.14159, 2, "3.14"), (0.001, 4, "0.0010"),
            (12.5, 0, "13"), (-12.5, 0, "-13"), (7, 2, "7.00"), (1e300, 1, "922337203685477580.7"),
        ]
        for (x, places, expected) in cases {
            var b = SVGBytes()
            b.append(fixed: x, places)
            #expect(String(decoding: b.bytes, as: UTF8.self) == expected, "\(x) with \(places)")
        }
    }

    @Test("fixed decimals of a sweep of magnitudes are the rounded value printed by Swift")
    func fixedSweep() {
        var x = 0.000123
        while x < 1e19 {
            for v in [x, -x, x * 3.7, x + 0.5] {
                for places in 0...4 {
                    let scale = [1, 10, 100, 1000, 10000][places]
                    let n = Int64(saturating: (abs(v) * Double(scale)).rounded())
                    let fraction = String(n % Int64(scale))
                    var expected = (v < 0 && n != 0 ? "-" : "") + String(n / Int64(scale))
                    if places > 0 { expected += "." + String(repeating: "0", count: places - fraction.count) + fraction }
                    var b = SVGBytes()
                    b.append(fixed: v, places)
                    #expect(String(decoding: b.bytes, as: UTF8.self) == expected, "\(v) with \(places)")
                }
            }
            x *= 7.3
        }
    }

    @Test("counts are grouped by thousands")
    func grouped() {
        let cases: [(Int64, String)] = [
            (0, "0"), (999, "999"), (1000, "1,000"), (1_234_567, "1,234,567"), (-1_000_001, "-1,000,001"),
            (Int64.min, "-9,223,372,036,854,775,808"), (Int64.max, "9,223,372,036,854,775,807"),
        ]
        for (v, expected) in cases { #expect(FlameGraphWriter.grouped(v) == expected) }
    }
}
