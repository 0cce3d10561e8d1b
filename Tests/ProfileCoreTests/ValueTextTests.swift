import Foundation
import ProfileCore
import ProfileTestSupport
import Testing

@Suite("numbers printed as go tool pprof prints them")
struct ValueTextTests {
    @Test("values print in pprof's units")
    func units() {
        #expect(ValueText.label(5_950_000_000, unit: "nanoseconds") == "5.95s")
        #expect(ValueText.label(120_000_000, unit: "nanoseconds") == "120ms")
        #expect(ValueText.label(2_738_520, unit: "bytes") == "2.61MB")
        #expect(ValueText.label(2019, unit: "count") == "2019")
    }

    @Test("a 2000 s total is 2000s, as in go tool pprof -top: pprof has no minutes")
    func noMinutes() {
        #expect(ValueText.label(2_000_000_000_000, unit: "nanoseconds") == "2000s")
        #expect(ValueText.label(7_200_000_000_000, unit: "nanoseconds") == "2hrs")
        #expect(ValueText.scaledLabel(1_500_000, from: "nanoseconds", to: "ms") == "1.50ms")
    }

    @Test("anything that rounds to zero is a bare 0, without unit or sign")
    func zero() {
        #expect(ValueText.label(0, unit: "bytes") == "0")
        #expect(ValueText.decimal(-0.001) == "0")
        #expect(ValueText.scaledLabel(4, from: "nanoseconds", to: "s") == "0")
    }

    @Test("percentages are six characters wide, like pprof's %5.2f%% and %5.2g%%")
    func percentages() {
        #expect(ValueText.percentage(1, of: 8) == "12.50%")
        #expect(ValueText.percentage(1, of: 2000) == " 0.05%")
        #expect(ValueText.percentage(1, of: 1_000_000_000) == "1e-07%")
        #expect(ValueText.percentage(1000, of: 1000) == "  100%")
        #expect(ValueText.percentage(0, of: 0) == "    0%")
    }

    @Test("ties round half to even from the exact binary value, as Go's fmt does")
    func rounding() {
        #expect(DecimalText.fixed(1.125, places: 2) == "1.12")  // exactly 1.125
        #expect(DecimalText.fixed(1.375, places: 2) == "1.38")
        #expect(DecimalText.fixed(0.995, places: 2) == "0.99")  // really 0.99499…
        #expect(DecimalText.fixed(-0.0, places: 2) == "-0.00")
        #expect(DecimalText.fixed(1e30, places: 2) == "1000000000000000019884624838656.00")
    }

    /// Fixtures/numbers/go-fmt.tsv: Go 1.19's `%.2f`, `%.4f` and `%5.2g` of
    /// 4,215 values (ties, unit-scaled counts, tiny ratios), written by
    /// Scripts/fixture-programs/numbers.
    @Test("%.2f, %.4f and %.2g agree with Go's fmt on every value of the table")
    func goTable() throws {
        let rows = try Fixture.bytes("numbers/go-fmt.tsv").split(separator: UInt8(ascii: "\n"))
        #expect(rows.count == 4215)
        var differing: [String] = []
        for row in rows {
            let field = row.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            let v = Double(bitPattern: try #require(UInt64(field[0], radix: 16)))
            let g = DecimalText.twoSignificant(v)
            let mine = [DecimalText.fixed(v, places: 2), DecimalText.fixed(v, places: 4),
                        String(repeating: " ", count: max(0, 5 - g.count)) + g]
            if mine != Array(field[1...3]) { differing.append("\(v): \(mine) vs Go \(field[1...3])") }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    @Test("%.Nf for 0 to 16 places agrees with C's printf (exact, half to even) over a sweep of magnitudes")
    func printfSweep() {
        func printf(_ x: Double, _ places: Int) -> String { CPrintf.fixed(x, places: places) }
        var differing: [String] = []
        var x = 1e-12
        while x < 1e25 {
            for v in [x, -x, x * 3.7, x + 0.5, (x * 1024).rounded() / 1024] {
                for places in 0...16 where DecimalText.fixed(v, places: places) != printf(v, places) {
                    differing.append("\(v) with \(places): \(DecimalText.fixed(v, places: places)) vs \(printf(v, places))")
                }
            }
            x *= 3.3
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }
}
