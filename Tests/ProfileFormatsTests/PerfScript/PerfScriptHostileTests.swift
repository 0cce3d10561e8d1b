import Foundation
import ProfileCore
import ProfileTestSupport
import Testing
@testable import ProfileFormats

@Suite("perf script and DTrace text, hostile")
struct StackTextHostileTests {
    static let readers: [(any ProfileReader.Type, String)] = [
        (PerfScriptFormat.self, "perf/c-fp.perf"), (DTraceFormat.self, "dtrace/cspin.bpftrace"),
    ]

    @Test("cut anywhere, or with bytes flipped, a capture gives a profile or a ProfileError, never a trap")
    func mutations() throws {
        var rng = SplitMix(seed: 24)
        for (reader, fixture) in Self.readers {
            let bytes = try Fixture.bytes(fixture)
            for k in 0..<300 {
                var b = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count + 1))))
                if k % 2 == 0, !b.isEmpty {
                    for _ in 0..<8 { b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next()) }
                }
                do { _ = try readText(String(decoding: b, as: UTF8.self), format: reader) } catch is ProfileError {}
            }
        }
    }

    @Test("a 100,000-frame stack, a period past 64 bits, invalid UTF-8 and <script> names")
    func extremes() throws {
        var perf = "deep 1 1.0: 99999999999999999999999 cpu-clock:\n"
        for _ in 0..<100_000 { perf += "\t 4005d0 f+0x1 (/opt/x)\n" }
        perf += "\t 4005d0 <script>alert(1)</script> (/opt/x)\n\n"
        let d = try readText(perf, format: PerfScriptFormat.self)
        #expect(d.profile.totals() == [1, 1], "a period that does not fit counts as one, as stackcollapse-perf.pl's default")
        var dtrace = "h\n\n"
        for _ in 0..<100_000 { dtrace += "  m`f\u{FFFD}+0x1\n" }
        dtrace += "  99999999999999999999999\n"
        #expect { try readText(dtrace, format: DTraceFormat.self) } throws: { ($0 as? ProfileError)?.place == .line(100_003) }
        let bad = [UInt8]("x 1 1.0: 1 cycles:\n\t 1 \u{00}\u{FF}f (/a)\n\n".utf8) + [0xFF, 0xFE]
        _ = try? FormatRegistry.read(bad, format: PerfScriptFormat.self, options: ReadOptions())
    }
}

/// A small deterministic PRNG for the mutations (ProfileSynthetic's is not a dependency of these tests).
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
