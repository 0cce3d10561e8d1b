import Foundation
import ProfileCore
import ProfileTestSupport
import Testing
@testable import ProfileFormats

@Suite("Java Flight Recorder recordings")
struct JFRTests {
    static let recordings = ["jfr/jdk17-burn", "jfr/jdk25-burn"]
    /// The kinds of events each recording holds (JDK 25 samples native methods too).
    static let expected: [(recording: String, kind: String)] = [
        ("jfr/jdk17-burn", "cpu"), ("jfr/jdk17-burn", "alloc"), ("jfr/jdk17-burn", "lock"), ("jfr/jdk17-burn", "park"),
        ("jfr/jdk25-burn", "cpu"), ("jfr/jdk25-burn", "wall"), ("jfr/jdk25-burn", "alloc"), ("jfr/jdk25-burn", "lock"),
        ("jfr/jdk25-burn", "park"),
    ]

    @Test("folded stacks per sample type equal what the JDK's `jfr print --json` reports, summed",
          arguments: expected)
    func sameStacksAsTheJDK(recording: String, kind: String) throws {
        let d = try Fixture.decode(recording + ".jfr")
        #expect(d.format.name == JFRFormat.name)
        let want = String(decoding: try Fixture.bytes(recording + ".\(kind).folded"), as: UTF8.self)
        #expect(try written(d.profile, as: FoldedFormat.self, options: WriteOptions(sampleIndex: kind)) == want)
    }

    @Test("sample types are those recorded, cpu first and the default; time and duration are the recording's",
          arguments: recordings)
    func typesAndTime(recording: String) throws {
        let p = try Fixture.decode(recording + ".jfr").profile
        let kinds = Self.expected.filter { $0.recording == recording }.map(\.kind)
        #expect(p.sampleTypes.map { p.string($0.type) } == kinds)
        #expect(p.string(p.sampleTypes[p.defaultSampleIndex].type) == "cpu")
        // Recorded on 2026-12-07, for about three seconds.
        #expect(p.timeNanos > 1_796_000_000_000_000_000)
        #expect((2_500_000_000...6_000_000_000).contains(p.durationNanos))
    }

    @Test("samples carry the thread's Java name and OS thread id", arguments: recordings)
    func threadLabels(recording: String) throws {
        let p = try Fixture.decode(recording + ".jfr").profile
        var threads = Set<String>()
        for s in 0..<p.samples.count {
            let labels = p.samples.labels(of: s)
            let name = labels.first { p.string($0.key) == "thread" }.map { p.string($0.str) }
            #expect(labels.contains { p.string($0.key) == "tid" && !$0.isString && $0.num > 0 })
            if let name { threads.insert(name) }
        }
        #expect(threads.isSuperset(of: ["burner", "allocator", "contender-1", "contender-2", "parker"]))
    }

    @Test("inlined frames become inline lines of their caller's location, with line numbers")
    func inlining() throws {
        let p = try Fixture.decode("jfr/jdk17-burn.jfr").profile
        let inlined = p.locations.indices.filter { p.locations[$0].lineCount > 1 }
        #expect(!inlined.isEmpty)
        let names = Set(p.locations.indices.flatMap { l in p.lines(ofLocation: Int32(l)).map { p.string(p.functions[Int($0.functionIndex)].name) } })
        #expect(names.contains("java.util.ArrayList.add"))
        #expect(p.lines.contains { $0.line > 0 })
    }

    @Test("a file of several chunks sums them; merging by stack keeps the stacks")
    func severalChunks() throws {
        let one = try Fixture.bytes("jfr/jdk17-burn.jfr")
        let single = try FormatRegistry.read(one).profile
        let double = try FormatRegistry.read(one + one).profile
        #expect(double.totals() == single.totals().map { $0 * 2 })
        var merging = ReadOptions()
        merging.mergeSamplesByStack = true
        let merged = try FormatRegistry.read(one, options: merging).profile
        #expect(merged.samples.labels.isEmpty)
        #expect(try written(merged, as: FoldedFormat.self) == written(single, as: FoldedFormat.self))
    }

    @Test("a recording cut anywhere gives one error with a byte offset")
    func cutShort() throws {
        let whole = try Fixture.bytes("jfr/jdk17-burn.jfr")
        for cut in stride(from: 1, to: whole.count, by: whole.count / 97) {
            let prefix = Array(whole[0..<cut])
            do {
                _ = try FormatRegistry.read(prefix, format: JFRFormat.self)
                Issue.record("a recording cut at \(cut) bytes was read")
            } catch let e as ProfileError {
                if case .byte = e.place {} else { Issue.record("no byte offset: \(e)") }
            }
        }
    }

    @Test("a chunk size past the input is refused with its offset")
    func chunkSizePastTheEnd() throws {
        var bytes = try Fixture.bytes("jfr/jdk17-burn.jfr")
        bytes[8] = 0x7F
        #expect(throws: ProfileError.atByte(8, "the chunk's size \(Int64(bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) })) is more than the \(bytes.count) bytes left of the input; the recording is cut short or damaged")) {
            try FormatRegistry.read(bytes, format: JFRFormat.self)
        }
    }

    @Test("found by its magic and version alone")
    func sniffing() {
        func sniff(_ b: [UInt8]) -> SniffConfidence { b.withUnsafeBytes { JFRFormat.sniff($0) } }
        #expect(sniff([0x46, 0x4C, 0x52, 0, 0, 2, 0, 1]) == .certainly)
        #expect(sniff([0x46, 0x4C, 0x52, 0, 0, 9, 0, 1]) == .no)
        #expect(sniff(Array("FLR is not a chunk".utf8)) == .no)
    }
}
