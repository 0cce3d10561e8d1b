import Foundation
import ProfileCore
import ProfileTestSupport
import Testing
@testable import ProfileFormats

/// Every numeric field of every reader's input set to the values that make
/// arithmetic trap — Int64's ends, 2^63 and 2^64, 0, -1, NaN, infinities —
/// then, where the reader takes it, written in every output format. A trap
/// anywhere kills the test process, so passing means none.
///
/// The seed of each reader is its smallest fixture. In text and JSON the
/// fields are the decimal numbers of the text; in protobuf (pprof, OTLP)
/// they are the varints of every distinct field path, packed ones too.
@Suite("extreme values in every numeric field of every reader, through every writer")
struct ExtremeValueSweepTests {
    static let textValues = [
        "-9223372036854775808", "9223372036854775807", "9223372036854775808", "18446744073709551616",
        "0", "-1", "NaN", "-inf", "4294967296", "99999999999999999999999999",
    ]
    static let varintValues: [UInt64] = [0, 1 << 63, UInt64(Int64.max), UInt64.max, 1 << 32, 1 << 31, UInt64(bitPattern: -1_000_000_000)]

    /// The most number tokens tried per text seed (spread over the file).
    static let tokensPerSeed = 24

    /// Each reader's smallest fixture (fuzz seeds included) of at most
    /// 128 KiB on disk, by reader name.
    static let seeds: [String: String] = {
        var best: [String: (file: String, size: Int)] = [:]
        for file in SniffMatrixTests.files where !file.hasPrefix("bad/") && !file.hasPrefix("fuzz-seeds/http/") {
            let size = (try? FileManager.default.attributesOfItem(atPath: Fixture.path(file))[.size] as? Int) ?? nil
            guard let size, size > 0, size <= 128 << 10, let bytes = try? SniffMatrixTests.content(file),
                  let reader = bytes.withUnsafeBytes({ FormatRegistry.detect($0, pathHint: file) }) else { continue }
            if best[reader.name].map({ bytes.count < $0.size }) ?? true { best[reader.name] = (file, bytes.count) }
        }
        return best.mapValues(\.file)
    }()

    @Test("every reader has a seed it reads")
    func seedsCoverTheReaders() throws {
        // JFR's numbers are LEB128 inside constant pools: its fuzz target covers them.
        let missing = FormatRegistry.readers.map { $0.name }.filter { Self.seeds[$0] == nil && $0 != JFRFormat.name }
        #expect(missing.isEmpty, "no seed for \(missing)")
    }

    @Test("no trap for any extreme value in any field", arguments: seeds.keys.sorted())
    func sweep(_ readerName: String) throws {
        let reader = try #require(FormatRegistry.reader(named: readerName))
        let seed = try SniffMatrixTests.content(try #require(Self.seeds[readerName]))
        let isProtobuf = readerName == PprofFormat.name || (readerName == OTLPFormat.name && seed.first != UInt8(ascii: "{"))
        let variants = isProtobuf
            ? Self.varintVariants(seed) : Self.textVariants(seed)
        #expect(variants.count > 3, "\(readerName): too few fields found to sweep")
        var read = 0
        for variant in variants {
            guard let decoded = try? FormatRegistry.read(variant, format: reader) else { continue }
            read += 1
            Self.writeEverywhere(decoded.profile)
        }
        #expect(read > 0, "\(readerName): no variant was read at all")
    }

    /// The profile in every writable format; errors are fine, traps are not.
    static func writeEverywhere(_ profile: Profile) {
        var options = WriteOptions()
        // Counts near 2^63 are scaled to this many V8 samples, not to 5 million.
        options[CPUProfileFormat.Options.self].maxSamples = 1000
        for writer in FormatRegistry.writers {
            _ = try? writer.write(profile, options: options, to: ByteSink())
        }
    }

    // MARK: Text and JSON

    /// The seed with one number token replaced by each value, for up to
    /// ``tokensPerSeed`` tokens spread over it.
    static func textVariants(_ seed: [UInt8]) -> [[UInt8]] {
        let tokens = numberTokens(seed)
        let stride = max(1, tokens.count / tokensPerSeed)
        var out: [[UInt8]] = []
        for t in Swift.stride(from: 0, to: tokens.count, by: stride).map({ tokens[$0] }) {
            for v in textValues { out.append(Array(seed[..<t.lowerBound]) + Array(v.utf8) + Array(seed[t.upperBound...])) }
        }
        return out
    }

    /// The ranges of `-?digits` runs.
    static func numberTokens(_ bytes: [UInt8]) -> [Range<Int>] {
        var tokens: [Range<Int>] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] >= 0x30 && bytes[i] <= 0x39 else { i += 1; continue }
            let start = i > 0 && bytes[i - 1] == UInt8(ascii: "-") ? i - 1 : i
            while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
            tokens.append(start..<i)
        }
        return tokens
    }

    // MARK: Protobuf

    /// A protobuf field: a varint, or bytes that may be a message or packed varints.
    indirect enum Field {
        case varint(UInt64)
        case message([(Int, Field)])
        case packed([UInt64])
        case bytes([UInt8])
        case fixed([UInt8], wire: Int)
    }

    /// The seed with the first varint of each distinct field path set to each value.
    static func varintVariants(_ seed: [UInt8]) -> [[UInt8]] {
        guard let root = parseMessage(seed[...], depth: 0) else { return [] }
        var leaves: [[Int]] = []
        var seen = Set<[Int]>()
        collectLeaves(root, at: [], numbers: [], into: &leaves, seen: &seen)
        var out: [[UInt8]] = []
        for leaf in leaves {
            for v in varintValues { out.append(encode(setting(root, leaf[...], to: v))) }
        }
        return out
    }

    /// The index path of the first varint (or packed run) of each field-number path.
    static func collectLeaves(_ fields: [(Int, Field)], at path: [Int], numbers: [Int],
                              into leaves: inout [[Int]], seen: inout Set<[Int]>) {
        for i in fields.indices {
            let (number, field) = fields[i]
            switch field {
            case .varint, .packed:
                if seen.insert(numbers + [number]).inserted { leaves.append(path + [i]) }
            case .message(let children):
                collectLeaves(children, at: path + [i], numbers: numbers + [number], into: &leaves, seen: &seen)
            case .bytes, .fixed:
                continue
            }
        }
    }

    /// `fields` with the varint (or a packed run's first value) at `path` set to `value`.
    static func setting(_ fields: [(Int, Field)], _ path: ArraySlice<Int>, to value: UInt64) -> [(Int, Field)] {
        guard let i = path.first else { return fields }
        var copy = fields
        switch copy[i].1 {
        case .varint: copy[i].1 = .varint(value)
        case .packed(var values): values[0] = value; copy[i].1 = .packed(values)
        case .message(let children): copy[i].1 = .message(setting(children, path.dropFirst(), to: value))
        case .bytes, .fixed: break
        }
        return copy
    }

    static func parseMessage(_ bytes: ArraySlice<UInt8>, depth: Int) -> [(Int, Field)]? {
        guard depth < 8 else { return nil }
        var fields: [(Int, Field)] = []
        var i = bytes.startIndex
        while i < bytes.endIndex {
            guard let key = varint(bytes, &i), key >> 3 > 0, key >> 3 < 1 << 29 else { return nil }
            let number = Int(key >> 3)
            switch key & 7 {
            case 0:
                guard let v = varint(bytes, &i) else { return nil }
                fields.append((number, .varint(v)))
            case 1, 5:
                let n = key & 7 == 1 ? 8 : 4
                guard bytes.endIndex - i >= n else { return nil }
                fields.append((number, .fixed(Array(bytes[i..<i + n]), wire: Int(key & 7))))
                i += n
            case 2:
                guard let n = varint(bytes, &i), n <= UInt64(bytes.endIndex - i) else { return nil }
                let body = bytes[i..<i + Int(n)]
                i += Int(n)
                if !body.isEmpty, let m = parseMessage(body, depth: depth + 1) {
                    fields.append((number, .message(m)))
                } else if !body.isEmpty, let p = packedVarints(body) {
                    fields.append((number, .packed(p)))
                } else {
                    fields.append((number, .bytes(Array(body))))
                }
            default:
                return nil
            }
        }
        return fields
    }

    static func packedVarints(_ body: ArraySlice<UInt8>) -> [UInt64]? {
        var i = body.startIndex, out: [UInt64] = []
        while i < body.endIndex {
            guard let v = varint(body, &i) else { return nil }
            out.append(v)
        }
        return out
    }

    static func varint(_ bytes: ArraySlice<UInt8>, _ i: inout Int) -> UInt64? {
        var v: UInt64 = 0
        for shift in Swift.stride(from: 0, to: 70, by: 7) {
            guard i < bytes.endIndex, shift < 64 else { return nil }
            let b = bytes[i]
            i += 1
            v |= UInt64(b & 0x7F) << UInt64(shift)
            if b < 0x80 { return v }
        }
        return nil
    }

    static func encode(_ fields: [(Int, Field)]) -> [UInt8] {
        var out: [UInt8] = []
        func put(_ v: UInt64) {
            var v = v
            while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
            out.append(UInt8(v))
        }
        for (number, field) in fields {
            switch field {
            case .varint(let v):
                put(UInt64(number) << 3)
                put(v)
            case .fixed(let b, let wire):
                put(UInt64(number) << 3 | UInt64(wire))
                out += b
            case .message(let m):
                let body = encode(m)
                put(UInt64(number) << 3 | 2)
                put(UInt64(body.count))
                out += body
            case .packed(let values):
                var body: [UInt8] = []
                for v in values {
                    var v = v
                    while v >= 0x80 { body.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
                    body.append(UInt8(v))
                }
                put(UInt64(number) << 3 | 2)
                put(UInt64(body.count))
                out += body
            case .bytes(let b):
                put(UInt64(number) << 3 | 2)
                put(UInt64(b.count))
                out += b
            }
        }
        return out
    }
}
