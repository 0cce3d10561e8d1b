import ProfileCore
import ProfileFormats
import Testing

/// An SVG is refused quickly, with libxml2's reason and no line of libxml2's
/// own, when it holds what no flame graph holds: entity declarations, or one
/// token larger than libxml2's 10 MB limit.
@Suite("SVG reading is bounded by the input")
struct SVGReadingLimitsTests {
    private func svg(_ body: String, prolog: String = "") -> [UInt8] {
        Array(("<?xml version=\"1.0\"?>\n" + prolog + "<svg xmlns=\"http://www.w3.org/2000/svg\">"
              + "<g><title>main (1 samples, 100%)</title><rect x=\"0\" y=\"0\" width=\"10\" height=\"10\"/></g>"
              + body + "</svg>\n").utf8)
    }

    private func error(reading bytes: [UInt8]) -> String? {
        do {
            _ = try FormatRegistry.read(bytes, format: FlameGraphFormat.self)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("an entity declaration is refused at its byte, before any expansion")
    func entityDeclaration() {
        let message = error(reading: svg("", prolog: "<!DOCTYPE svg [<!ENTITY a \"b\">]>\n"))
        #expect(message?.contains("declares XML entities") == true)
        #expect(message?.contains("(byte 37)") == true)
    }

    @Test("a comment of 12 MB is an error naming libxml2's reason, not a minute's stall", arguments: [
        ("<!--", "-->"), ("<text>", "</text>"),
    ])
    func hugeToken(_ delimiters: (String, String)) {
        let message = error(reading: svg(delimiters.0 + String(repeating: "a", count: 12_000_000) + delimiters.1))
        #expect(message?.contains("not well-formed XML: ") == true)
    }

    @Test("the doctype of flamegraph.pl's SVGs, which declares no entity, is read")
    func publicDoctype() throws {
        let doctype = "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
        #expect(error(reading: svg("", prolog: doctype)) == nil)
    }
}
