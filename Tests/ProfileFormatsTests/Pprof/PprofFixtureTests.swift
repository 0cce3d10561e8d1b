import ProfileCore
@testable import ProfileFormats
import Testing

@Suite("pprof fixtures from real Go programs")
struct PprofFixtureTests {
    /// Totals of every sample type, as the files hold them (samples without
    /// locations included; `go tool pprof` leaves those out of its reports).
    static let expectedTotals: [(String, [Int64])] = [
        ("go1.19/busy/cpu.pb.gz", [591, 5_910_000_000]),
        ("go1.19/busy/goroutine.debug0.pb.gz", [5]),
        ("go1.19/leaky/goroutine.debug0.pb.gz", [2019]),
        ("go1.19/leaky/heap.debug0.pb.gz", [2808, 3_091_300, 2794, 3_052_029]),
        ("go1.19/leaky/allocs.debug0.pb.gz", [2808, 3_091_300, 2794, 3_052_029]),
        ("go1.19/leaky/block.debug0.pb.gz", [228, 887_521_484]),
        ("go1.19/leaky/mutex.debug0.pb.gz", [199, 222_828_374]),
        ("go1.19/leaky/threadcreate.debug0.pb.gz", [6]),
        ("go1.19/leakgrow/snap1.goroutine.debug0.pb.gz", [177]),
        ("go1.19/leakgrow/snap2.goroutine.debug0.pb.gz", [475]),
        ("go1.19/leakgrow/snap3.goroutine.debug0.pb.gz", [778]),
    ]

    @Test("each fixture decodes with its exact totals", arguments: expectedTotals)
    func totals(_ fixture: (String, [Int64])) throws {
        let decoded = try Fixture.decode(fixture.0)
        #expect(ObjectIdentifier(decoded.format) == ObjectIdentifier(PprofFormat.self))
        #expect(decoded.wasGzipped)
        #expect(decoded.profile.totals() == fixture.1)
    }

    @Test("the heap profile's default sample type is inuse_space, the CPU profile's is cpu")
    func defaults() throws {
        let heap = try Fixture.decode("go1.19/leaky/heap.debug0.pb.gz").profile
        #expect(heap.string(heap.sampleTypes[heap.defaultSampleIndex].type) == "inuse_space")
        let cpu = try Fixture.decode("go1.19/busy/cpu.pb.gz").profile
        #expect(cpu.string(cpu.sampleTypes[cpu.defaultSampleIndex].type) == "cpu")
        #expect(try cpu.sampleIndex(for: "samples") == 0)
        #expect(throws: ProfileError.self) { try cpu.sampleIndex(for: "alloc_space") }
    }

    @Test("pprof → model → pprof → model loses nothing", arguments: expectedTotals.map(\.0))
    func lossless(_ fixture: String) throws {
        let original = try Fixture.decode(fixture).profile
        for compress in [true, false] {
            let bytes = try PprofFormat.encode(original, compress: compress)
            let again = try FormatRegistry.read(bytes).profile
            #expect(again == original)
            #expect(ProfileDump.text(again) == ProfileDump.text(original))
        }
    }

    @Test("writing the same profile twice gives the same bytes")
    func deterministic() throws {
        let p = try Fixture.decode("go1.19/busy/cpu.pb.gz").profile
        #expect(try PprofFormat.encode(p) == PprofFormat.encode(p))
    }

    @Test("the CPU profile's folded output keeps inlined frames as frames of their own")
    func inlinedFrames() throws {
        let p = try Fixture.decode("go1.19/busy/cpu.pb.gz").profile
        #expect(p.locations.contains { $0.lineCount > 1 }, "the busy program should have inlined calls")
        let folded = try written(p, as: FoldedFormat.self)
        let lines = folded.split(separator: "\n")
        #expect(lines == lines.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        let total = lines.reduce(Int64(0)) { $0 + Int64($1.split(separator: " ").last!)! }
        #expect(total == 5_910_000_000)
    }
}

@Suite("gzip")
struct GzipTests {
    @Test("inflating stops at the limit instead of filling memory")
    func bomb() throws {
        let zeros = [UInt8](repeating: 0, count: 8 << 20)
        let bomb = try zeros.withUnsafeBytes { try Gzip.compress($0) }
        let error = #expect(throws: ProfileError.self) {
            try bomb.withUnsafeBytes { try Gzip.inflate($0, limit: 1 << 20) }
        }
        #expect(error?.message.contains("inflates to more than 1048576 bytes") == true)
    }

    @Test("a gzip bomb shows its first MiB to the check and no more is inflated")
    func bombCheckedAtTheStart() throws {
        let bomb = try Fixture.bytes("bad/zeros-4gib.pb.gz")
        var seen: [Int] = []
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try bomb.withUnsafeBytes {
                try Gzip.inflate($0, limit: 1 << 30) { start in
                    seen.append(start.count)
                    if start.allSatisfy({ $0 == 0 }) { throw Refused() }
                }
            }
        }
        #expect(seen == [Gzip.startLength])
    }

    @Test("a short stream is checked whole, once, and inflates in full")
    func shortStreamChecked() throws {
        let text = Array("main;f 1\n".utf8)
        let gz = try text.withUnsafeBytes { try Gzip.compress($0) }
        var seen: [[UInt8]] = []
        let out = try gz.withUnsafeBytes { try Gzip.inflate($0, limit: 1 << 20) { seen.append(Array($0)) } }
        #expect(seen == [text])
        #expect(out.array == text)
    }

    @Test("a trailer that understates the size grows the buffer in steps to the whole output")
    func lyingTrailer() throws {
        // The trailer read is the last member's: 6 bytes, for 3 MiB + 6 of output.
        let big = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        let a = try big.withUnsafeBytes { try Gzip.compress($0) }
        let b = try Array("a;c 2\n".utf8).withUnsafeBytes { try Gzip.compress($0) }
        let out = try (a + b).withUnsafeBytes { try Gzip.inflate($0, limit: 64 << 20) }
        #expect(out.array == big + Array("a;c 2\n".utf8))
        // And never past the limit, even by the step.
        let error = #expect(throws: ProfileError.self) {
            try (a + b).withUnsafeBytes { try Gzip.inflate($0, limit: (3 << 20) + 5) }
        }
        #expect(error?.message.contains("inflates to more than 3145733 bytes") == true)
    }

    @Test("with a named format, a first inflated byte no file of it starts with is refused at once")
    func namedFormatStart() throws {
        let bomb = try Fixture.bytes("bad/zeros-4gib.pb.gz")
        for format in [PprofFormat.self, FoldedFormat.self] as [any ProfileReader.Type] {
            let error = #expect(throws: ProfileError.self) { try FormatRegistry.read(bomb, format: format) }
            #expect(error?.description == "this cannot be \(format.name) data (it starts with bytes 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00) (after gunzip); leave ProfileLoader.format unset to let the readers recognise the format (byte 0)")
            #expect(error?.hint == .namedFormat)
        }
        // A key of field 0 cannot start a protobuf message; field 1 can.
        #expect(!PprofFormat.canStart(with: 0x02))
        #expect(PprofFormat.canStart(with: 0x0A))
        #expect(!PprofFormat.canStart(with: 0x0B))  // wire type 3 (groups) never appears in profile.proto
    }

    @Test("batch skips a gzip bomb as no profile, without inflating it")
    func batchSkipsBomb() throws {
        let error = #expect(throws: ProfileError.self) { try FormatRegistry.read(Fixture.bytes("bad/zeros-4gib.pb.gz")) }
        #expect(error?.isUnrecognizedInput == true, "batch skips what is no profile")
    }

    @Test("truncated and corrupt gzip data give errors with an offset")
    func truncatedAndCorrupt() throws {
        let text = Array(String(repeating: "main;f 1\n", count: 1000).utf8)
        let gz = try text.withUnsafeBytes { try Gzip.compress($0) }
        let cut = Array(gz.prefix(gz.count / 2))
        let truncated = #expect(throws: ProfileError.self) { try FormatRegistry.read(cut) }
        #expect(truncated?.message == "gzip data is truncated")
        var corrupt = gz
        corrupt[12] ^= 0xFF
        corrupt[13] ^= 0xFF
        #expect(throws: ProfileError.self) { try FormatRegistry.read(corrupt) }
    }

    @Test("concatenated gzip members inflate to the concatenated text")
    func members() throws {
        let a = try Array("a;b 1\n".utf8).withUnsafeBytes { try Gzip.compress($0) }
        let b = try Array("a;c 2\n".utf8).withUnsafeBytes { try Gzip.compress($0) }
        let both = a + b
        let out = try both.withUnsafeBytes { try Gzip.inflate($0, limit: 1 << 20) }
        #expect(String(decoding: out.array, as: UTF8.self) == "a;b 1\na;c 2\n")
    }
}
