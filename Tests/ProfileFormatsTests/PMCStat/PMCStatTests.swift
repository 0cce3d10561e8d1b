import ProfileCore
import Testing
@testable import ProfileFormats

@Suite("FreeBSD pmcstat -G callgraphs")
struct PMCStatTests {
    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init).sorted() }

    @Test("each line with no caller under it ends a stack, outermost caller first, as stackcollapse-pmc.pl")
    func asStackcollapsePMC() throws {
        let d = try Fixture.decode("pmcstat/kernel.pmc.graph")
        #expect(d.format.name == PMCStatFormat.name)
        #expect(d.profile.sampleTypeNames == "samples/count")
        let expected = try String(decoding: Fixture.bytes("pmcstat/kernel.stackcollapse-pmc.folded"), as: UTF8.self)
        #expect(try lines(written(d.profile, as: FoldedFormat.self)) == lines(expected))
    }

    @Test("a line that is not a callgraph line is skipped with one warning naming it")
    func skipped() throws {
        let d = try readText("@ CYCLES [3 samples]\n\n100.0%  [3]  f @ /k\nnoise\n 100.0%  [3]   g\nmore noise\n")
        #expect(try written(d.profile, as: FoldedFormat.self) == "g;f 3\n")
        #expect(d.warnings.messages == ["skipped 2 lines that are not a callgraph line `PERCENT%  [SAMPLES]  FUNCTION` (line 4; first: \"noise\")"])
    }

    @Test("a skipped level of indentation is an error with the line")
    func skippedLevel() throws {
        let error = #expect(throws: ProfileError.self) { try readText("@ CYCLES [3 samples]\n100.0%  [3]  f\n  100.0%  [3]  g\n") }
        #expect(error?.description == "this line is at depth 2 and the line above at depth 0: a level of the call tree is missing (line 3)")
    }
}
