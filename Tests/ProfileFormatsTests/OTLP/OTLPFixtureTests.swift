import Foundation
import ProfileCore
import Testing
@testable import ProfileFormats

/// Fixtures/otlp/ (Scripts/capture.d/otlp.sh): OTLP made by the
/// `opentelemetry-proto` package, and ours as that package decodes it.
@Suite("OTLP fixtures: the opentelemetry-proto package's files and its reading of ours")
struct OTLPFixtureTests {
    static func folded(_ p: Profile, _ t: Int) throws -> String {
        try written(p, as: FoldedFormat.self, options: WriteOptions(sampleIndex: String(t)))
    }

    @Test("a ProfilesData encoded by the package reads with the stacks the package gives, protobuf and OTLP/JSON alike",
          arguments: ["otlp/python.otlp.pb", "otlp/python.otlp.json"])
    func fromThePackage(_ file: String) throws {
        let d = try Fixture.decode(file)
        #expect(d.format.name == OTLPFormat.name)
        #expect(d.profile.sampleTypeNames == "cpu/nanoseconds, alloc_space/bytes")
        for t in 0..<2 {
            #expect(try Self.folded(d.profile, t) == String(decoding: Fixture.bytes("otlp/python.index\(t).folded"), as: UTF8.self))
        }
        let p = d.profile
        #expect(p.mappings.map { p.strings[$0.buildID] } == ["abc123"])
        #expect(p.samples.labels(of: 0).map { p.strings[$0.key] + "=" + p.strings[$0.str] } == ["handler=/api"])
        #expect(p.samples.labels(of: 1).map { "\(p.strings[$0.key])=\($0.num) \(p.strings[$0.numUnit])" } == ["bytes=4096 bytes"])
        #expect(p.timeNanos == 1_700_000_000_000_000_000 && p.durationNanos == 10_000_000_000 && p.period == 10_000_000)
    }

    /// The `.expected` blocks: `# type/unit`, then folded stacks.
    static func expectedBlocks(_ file: String) throws -> [String] {
        let text = String(decoding: try Fixture.bytes(file + ".expected"), as: UTF8.self)
        return text.components(separatedBy: "# ").dropFirst().map { block in
            String(block.drop { $0 != "\n" }.dropFirst())
        }
    }

    @Test("our files hold what the package decodes from them, and the writer still makes them byte for byte", arguments: [
        ("otlp/go-heap.otlp.pb", "go1.19/busy/heap.debug0.pb.gz", false),
        ("otlp/go-goroutine.otlp.json", "go1.19/busy/goroutine.debug0.pb.gz", true),
    ])
    func ours(_ file: String, source: String, json: Bool) throws {
        let p = try Fixture.decode(file).profile
        let blocks = try Self.expectedBlocks(file)
        #expect(blocks.count == p.sampleTypes.count)
        for (t, block) in blocks.enumerated() {
            #expect(try Self.folded(p, t) == block)
        }
        let again = try OTLPFormat.encode(Fixture.decode(source).profile, json: json)
        #expect(again == (try Fixture.bytes(file)))
    }
}
