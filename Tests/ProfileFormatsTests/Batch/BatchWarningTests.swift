import Foundation
import ProfileCore
import ProfileFormats
import ProfileTestSupport
import Testing

/// Warnings keep their source apart from their message, so a batch line,
/// which names its input already, never cuts a name off a warning.
@Suite("batch warnings")
struct BatchWarningTests {
    @Test("a symbolizer warning, which does not start with the input's name, reaches the batch whole")
    func symbolizerWarningWhole() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("profconv-warn-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/in", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixture.path("symbolize/goroutine.debug1.txt"), toPath: root + "/in/g.txt")
        var loader = ProfileLoader()
        try loader.loadBinaries([Fixture.path("symbolize/blocked"), Fixture.path("fuzz-seeds/elf/tiny-c")])
        let runner = BatchRunner(pipeline: Pipeline(loader: loader, format: FoldedFormat.self), jobs: 1)
        let plan = try BatchPlan(inputDirectory: root + "/in", outputDirectory: root + "/out", outputExtension: "folded", recursive: false)
        let results = runner.run(plan)
        let result = try #require(results.first)
        #expect(result.outcome == .converted(from: "debug1"))
        let tinyC = Fixture.path("fuzz-seeds/elf/tiny-c")
        #expect(result.warningLines.contains("\(tinyC) matches no mapping of the profile (by build ID or file name), so it names nothing"),
                "\(result.warningLines)")
    }

    @Test("a warning keeps its source apart: said of its own source it is the message alone")
    func relativeDescription() {
        let reader = Warning("skipped 1 line", source: "a/long/name.folded")
        #expect(reader.description == "a/long/name.folded: skipped 1 line")
        #expect(reader.described(relativeTo: "a/long/name.folded") == "skipped 1 line")
        #expect(reader.described(relativeTo: "b.folded") == "a/long/name.folded: skipped 1 line")
        #expect(Warning("no source").from("x").description == "x: no source")
        #expect(reader.from("y") == reader)
    }
}
