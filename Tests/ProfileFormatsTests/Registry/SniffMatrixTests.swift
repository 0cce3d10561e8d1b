import Foundation
import ProfileCore
import ProfileTestSupport
import Testing
@testable import ProfileFormats

/// Every file under `Fixtures/` against every reader's sniff.
@Suite("the sniff matrix: every fixture against every reader")
struct SniffMatrixTests {
    /// Every fixture file, relative to `Fixtures/`, but the docs.
    static let files: [String] = {
        let root = Fixture.path("")
        let walker = FileManager.default.enumerator(atPath: root)
        var files: [String] = []
        while let f = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + f, isDirectory: &isDirectory), !isDirectory.boolValue,
                  !f.hasSuffix(".md") else { continue }
            files.append(f)
        }
        return files.sorted()
    }()

    /// The format a fixture's name says it is, where it says one.
    static func expected(_ file: String) -> (any ProfileReader.Type)? {
        guard !file.hasPrefix("bad/"), !file.hasPrefix("fuzz-seeds/") else { return nil }
        let byEnding: [(String, any ProfileReader.Type)] = [
            (".debug1.txt", GoDebug1Format.self), (".debug2.txt", GoDebug2Format.self),
            (".otlp.pb", OTLPFormat.self), (".otlp.json", OTLPFormat.self),
            (".pb.gz", PprofFormat.self), (".pb", PprofFormat.self), (".folded", FoldedFormat.self),
            (".speedscope.json", SpeedscopeFormat.self), (".prof", GHCProfFormat.self),
        ] + [
            (".sample.txt", SampleFormat.self), (".vtune.csv", VTuneFormat.self), ("CallTreeSummary.csv", VSProfFormat.self),
            (".xctrace.xml", XCTraceFormat.self), (".deepcopy.txt", InstrumentsFormat.self), (".pmc.graph", PMCStatFormat.self),
            (".perf", PerfScriptFormat.self), (".dtrace", DTraceFormat.self), (".bpftrace", DTraceFormat.self),
            (".cpuprofile", CPUProfileFormat.self), (".heapprofile", HeapProfileFormat.self),
            (".trace.json.gz", ChromeTraceFormat.self),
            (".gecko.json.gz", FirefoxFormat.self), (".processed.json.gz", FirefoxFormat.self),
            (".html-recording.json.gz", SafariFormat.self),
        ]
        if file.hasSuffix(".svg") { return file.hasPrefix("flamegraph/") ? FlameGraphFormat.self : nil }
        return byEnding.first { file.hasSuffix($0.0) }?.1
    }

    /// The bytes readers sniff: inflated when gzipped, as the registry does.
    static func content(_ file: String) throws -> [UInt8] {
        let raw = try Fixture.bytes(file)
        guard raw.withUnsafeBytes(Gzip.isGzip) else { return raw }
        // A corrupt gzip fixture sniffs as nothing.
        guard let inflated = try? raw.withUnsafeBytes({ try Gzip.inflate($0, limit: 1 << 30) }) else { return [] }
        return inflated.withUnsafeBytes { Array($0) }
    }

    @Test("the fixtures are there")
    func found() {
        #expect(Self.files.count > 80)
    }

    @Test("no two readers are certain of one fixture, a fixture named for a format is read as it, no text is taken for pprof",
          arguments: files)
    func matrix(_ file: String) throws {
        let bytes = try Self.content(file)
        let sniffed = try bytes.withUnsafeBytes { try FormatRegistry.sniff($0, pathHint: file) }
        let certain = sniffed.candidates.filter { $0.confidence == .certainly }.map { $0.reader.name }
        #expect(certain.count <= 1, "\(file): \(certain) are all certain")
        if let expected = Self.expected(file) {
            #expect(sniffed.reader?.name == expected.name, "\(file): read as \(sniffed.reader?.name ?? "nothing"), named \(expected.name)")
        }
        if !bytes.isEmpty, !bytes.contains(0), String(validating: bytes, as: UTF8.self) != nil {
            #expect(!sniffed.candidates.contains { $0.reader.name == PprofFormat.name }, "\(file) is text")
        }
    }

    @Test("short text is never taken for protobuf, whatever its first letter", arguments: [
        "header\nheader2\n\n\n  test`baz\n  test`main\n  1\n",  // inferno's DTrace test: 'h' is a field 13 key
        "\nthis\nis an unknown\nformat\n",  // '\n' is the key of field 1, a message
        "2 names, 你好\n",
    ])
    func shortText(_ text: String) {
        #expect(Array(text.utf8).withUnsafeBytes { PprofFormat.sniff($0) } == .no)
    }

    @Test("protobuf whose first message is followed by a key a Profile cannot hold is not pprof")
    func pprofSecondKey() {
        // sample_type {type: 1}, then field 2 (sample, a message) as a varint.
        let bytes: [UInt8] = [0x0A, 0x02, 0x08, 0x01, 0x10, 0x05]
        #expect(bytes.withUnsafeBytes { PprofFormat.sniff($0) } == .no)
        // The same message followed by field 2 as a message is a Profile's start.
        let good: [UInt8] = [0x0A, 0x02, 0x08, 0x01, 0x12, 0x00]
        #expect(good.withUnsafeBytes { PprofFormat.sniff($0) } == .maybe)
    }

    @Test("a goroutine dump starts with its header or a crash's preamble, not with any text")
    func debug2Start() {
        let logged = Array("\n\nserver started on :8080\ngoroutine 1 [running]:\nmain.main()\n".utf8)
        #expect(logged.withUnsafeBytes { GoDebug2Format.sniff($0) } == .no)
        let crash = Array("\npanic: boom\nsecond line of the value\n\ngoroutine 1 [running]:\nmain.main()\n".utf8)
        #expect(crash.withUnsafeBytes { GoDebug2Format.sniff($0) } == .certainly)
    }

    @Test("a reader certain of its own bytes wins over one that only may read them")
    func certaintyWins() throws {
        // A goroutine header with a count: debug2 is certain, folded only may.
        let tie = Array("goroutine 1 [running]: 5\n".utf8)
        let ranked = tie.withUnsafeBytes { FormatRegistry.candidates($0) }
        #expect(ranked.map { $0.reader.name } == ["debug2", "folded"])
        #expect(ranked.map(\.confidence) == [.certainly, .maybe])
    }
}
