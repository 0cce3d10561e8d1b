import Foundation
@testable import ProfileFormats
import ProfileCore
import ProfileSupport
import ProfileTestSupport
import Testing

/// Reads `gz` through the decode-while-inflating path, whatever its size
/// (``FormatRegistry`` takes it only from ``ReadOptions/inflateInParallelFrom``).
func readInflating(_ gz: [UInt8], format: (any ProfileReader.Type)? = nil,
                   options: ReadOptions = ReadOptions()) throws -> FormatRegistry.Decoded {
    try gz.withUnsafeBytes { raw in
        let check = { (prefix: UnsafeRawBufferPointer) in
            try InflatedStart.check(prefix, format: format, nameDecides: options.nameDecidesUndecidedInput)
        }
        let stream = try #require(InflateStream(raw, limit: options.maxInflatedBytes, checkingStart: check))
        return try FormatRegistry.readInflating(stream, format: format, options: options, pathHint: nil)
    }
}

/// gzip input is decoded on one thread while another inflates it
/// (``InflateStream``); what the user sees must be what inflating first gives.
@Suite("gzip: decoding while inflating")
struct InflateStreamTests {
    /// Bytes that compress, but not to nothing: several steps of output.
    private let plain: [UInt8] = (0..<(3 * InflateStream.step + 12_345)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }

    @Test("the reader gets every byte, in order, while the inflater is still at work")
    func readerSeesEveryByte() throws {
        let gz = try plain.withUnsafeBytes { try Gzip.compress($0) }
        var seen: [UInt8] = []
        var waits = 0
        try gz.withUnsafeBytes { raw in
            let stream = try #require(InflateStream(raw, limit: 1 << 30, checkingStart: nil))
            var failure: (any Error)?
            WorkerThreads.forEach(2, threads: 2) { i in
                if i == 0 { stream.run(); return }
                do {
                    var have = 0
                    while true {
                        let n = try stream.available(atLeast: have + 1)
                        if n == have { break }
                        seen.append(contentsOf: UnsafeRawBufferPointer(start: stream.start + have, count: n - have))
                        have = n
                        waits += 1
                    }
                } catch { failure = error }
            }
            if let failure { throw failure }
        }
        #expect(seen == plain)
        #expect(waits >= 1)
    }

    @Test("a truncated gzip stream is the error, even when the protobuf it holds is broken earlier")
    func gzipErrorWins() throws {
        // A valid start (sample_type), then field 0, which no Profile can hold.
        var body: [UInt8] = [0x0A, 0x04, 0x08, 0x01, 0x10, 0x02, 0x00, 0x00]
        body += plain.prefix(200_000)
        let gz = try body.withUnsafeBytes { try Gzip.compress($0) }
        let cut = Array(gz.prefix(gz.count / 2))
        #expect {
            _ = try readInflating(cut, format: PprofFormat.self)
        } throws: { error in
            (error as? ProfileError)?.message.hasPrefix("gzip data is truncated") == true
        }
        #expect {
            _ = try readInflating(gz, format: PprofFormat.self)
        } throws: { error in
            (error as? ProfileError)?.message == "protobuf field number 0 is not valid (after gunzip)"
        }
    }

    @Test("the inflater still refuses output past the limit, and the reader hears it")
    func limitReachesTheReader() throws {
        // An empty sample_type first, so that the start passes as pprof.
        let gz = try ([0x0A, 0x00] + plain).withUnsafeBytes { try Gzip.compress($0) }
        var options = ReadOptions()
        options.maxInflatedBytes = 2 * InflateStream.step
        #expect {
            _ = try readInflating(gz, format: PprofFormat.self, options: options)
        } throws: { error in
            (error as? ProfileError)?.message.hasPrefix("gzip data inflates to more than \(2 * InflateStream.step) bytes") == true
        }
    }
}

/// What decoding while inflating gives up on is read as before, with the same result.
@Suite("gzip: the decoder's fast path gives way")
struct InflateFallbackTests {
    /// One sample at a location whose id does not fit in 32 bits.
    private var bigID: Profile {
        var b = ProfileBuilder(sampleTypes: [("samples", "count")])
        let f = b.location(function: b.function(name: b.intern("main.f")))
        b.addSample(locations: [f], values: [3])
        var p = b.build()
        p.locations[0].id = 1 << 40
        return p
    }

    @Test("a location id past Int32.max reads the same gzipped as raw, merged or not", arguments: [false, true])
    func bigLocationIDs(merging: Bool) throws {
        var options = ReadOptions()
        options.mergeSamplesByStack = merging
        let raw = try FormatRegistry.read(PprofFormat.encode(bigID, compress: false), options: options).profile
        let gz = try readInflating(PprofFormat.encode(bigID, compress: true), options: options).profile
        #expect(gz.samples.count == 1)
        #expect(Array(gz.samples.values) == [3])
        #expect(Array(gz.samples.locations) == Array(raw.samples.locations))
        #expect(gz.locations[0].id == 1 << 40)
    }

    @Test("a stack past the depth limit is named by its sample number when merging, as without")
    func depthLimitNamesTheSample() throws {
        var b = ProfileBuilder(sampleTypes: [("samples", "count")])
        let f = b.location(function: b.function(name: b.intern("main.f")))
        let g = b.location(function: b.function(name: b.intern("main.g")))
        b.addSample(locations: [f], values: [1])
        b.addSample(locations: [f], values: [1])
        b.addSample(locations: [g, f, g, f], values: [1])
        var options = ReadOptions()
        options.maxStackDepth = 3
        options.mergeSamplesByStack = true
        #expect {
            _ = try readInflating(PprofFormat.encode(b.build()), options: options)
        } throws: { error in
            (error as? ProfileError)?.message.hasPrefix("sample 3 has 4 frames") == true
        }
    }
}

/// Every gzip file of Fixtures/, good or bad, read both ways.
@Suite("gzip: decoding while inflating reads every fixture as inflating first does")
struct InflateEquivalenceTests {
    static let gzipFixtures: [String] = {
        let root = Fixture.path("")
        let walker = FileManager.default.enumerator(atPath: root)
        var found: [String] = []
        while let path = walker?.nextObject() as? String {
            // `bad/empty.pb.gz` is zero bytes: no gzip, so never a stream.
            if path.hasSuffix(".gz"), let bytes = try? Fixture.bytes(path),
               bytes.withUnsafeBytes(Gzip.isGzip) { found.append(path) }
        }
        return found.sorted()
    }()

    /// The folded output, or the error's message.
    private func outcome(_ read: () throws -> FormatRegistry.Decoded) -> String {
        do {
            return try written(read().profile, as: FoldedFormat.self)
        } catch {
            return "error: \(error)"
        }
    }

    @Test("same stacks, or the same error", arguments: gzipFixtures)
    func sameOutcome(_ fixture: String) throws {
        let bytes = try Fixture.bytes(fixture)
        for merging in [false, true] {
            var options = ReadOptions()
            options.mergeSamplesByStack = merging
            let first = outcome { try FormatRegistry.read(bytes, options: options) }
            let streamed = outcome { try readInflating(bytes, options: options) }
            #expect(streamed == first, "\(fixture), merging: \(merging)")
        }
    }
}
