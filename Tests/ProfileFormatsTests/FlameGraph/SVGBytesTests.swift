import Foundation
import ProfileCore
import ProfileTestSupport
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

    @Test("fixed decimals round half to even from the exact binary value, as %.Nf does, and never print -0")
    func fixed() {
        let cases: [(Double, Int, String)] = [
            (0, 0, "0"), (0.5, 0, "0"), (1.5, 0, "2"), (1180, 1, "1180.0"), (0.05, 1, "0.1"), (-0.04, 1, "0.0"),
            (-0.06, 1, "-0.1"), (3.14159, 2, "3.14"), (0.001, 4, "0.0010"), (-0.0, 2, "0.00"),
            (12.5, 0, "12"), (-12.5, 0, "-12"), (7, 2, "7.00"), (110.625, 2, "110.62"), (36.875, 2, "36.88"),
            (1e20, 1, "100000000000000000000.0"),
        ]
        for (x, places, expected) in cases {
            var b = SVGBytes()
            b.append(fixed: x, places)
            #expect(String(decoding: b.bytes, as: UTF8.self) == expected, "\(x) with \(places)")
        }
    }

    /// C's `%.*f` (glibc prints the exact binary value, rounded half to even,
    /// as flamegraph.pl's `sprintf` does), without the sign of a zero.
    private static func printf(_ x: Double, _ places: Int) -> String {
        let text = CPrintf.fixed(x, places: places)
        return text.hasPrefix("-") && text.allSatisfy({ "-0.".contains($0) }) ? String(text.dropFirst()) : text
    }

    @Test("fixed decimals of a sweep of magnitudes are what C's printf prints")
    func fixedSweep() {
        var x = 0.000123
        while x < 1e19 {
            for v in [x, -x, x * 3.7, x + 0.5, (x * 8).rounded() / 8] {
                for places in 0...4 {
                    var b = SVGBytes()
                    b.append(fixed: v, places)
                    #expect(String(decoding: b.bytes, as: UTF8.self) == Self.printf(v, places), "\(v) with \(places)")
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
