import Foundation
import ProfileCore
import Testing
@testable import ProfileFormats

@Suite("Firefox ESR's own Gecko profile, and the processed profile made of it")
struct FirefoxCaptureTests {
    @Test("both give the reference's stacks, samples and CPU time", arguments: ["gecko", "processed"])
    func capture(_ kind: String) throws {
        let d = try Fixture.decode("firefox/page.\(kind).json.gz")
        #expect(d.format.name == FirefoxFormat.name)
        #expect(d.profile.sampleTypeNames == "samples/count, cpu/nanoseconds")
        #expect(try firefoxFolded(d.profile, "samples") == firefoxReference("firefox/page.\(kind).folded.gz", column: 0))
        #expect(try firefoxFolded(d.profile, "cpu") == firefoxReference("firefox/page.\(kind).folded.gz", column: 1))
        #expect(d.profile.period == 1_000_000)
    }

    @Test("the page's JS functions are there, with their file and line, on threads of two processes")
    func jsFrames() throws {
        let p = try Fixture.decode("firefox/page.gecko.json.gz").profile
        var options = WriteOptions(sampleIndex: "samples")
        options[FoldedFormat.Options.self].withLines = true
        let folded = try written(p, as: FoldedFormat.self, options: options)
        #expect(folded.contains(";fib file:///opt/profconv-fixtures/firefox/page.html:7;"))
        #expect(threadNames(p) == ["GeckoMain", "Compositor"])
    }
}
