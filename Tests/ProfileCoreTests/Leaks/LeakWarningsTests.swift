import ProfileCore
import Testing

@Suite("leak report warnings")
struct LeakWarningsTests {
    func snapshot(_ name: String, leaked: Int64, time: Int64 = 0) -> LeakAnalysis.Snapshot {
        var b = ProfileBuilder(sampleTypes: [("goroutine", "count")])
        b.addSample(locations: [b.location(function: b.function(name: b.intern("main.leak")))], values: [leaked])
        var p = b.build()
        p.timeNanos = time
        return LeakAnalysis.Snapshot(name: name, profile: p)
    }

    func warnings(_ s: [LeakAnalysis.Snapshot]) throws -> [String] {
        LeakAnalysis.warnings(try LeakAnalysis.analyze(s))
    }

    @Test("a total that falls in the given order is probably newest first")
    func falling() throws {
        let w = try warnings([snapshot("new", leaked: 30), snapshot("old", leaked: 10)])
        #expect(w == ["the goroutine total fell from 30 to 10: were the snapshots given newest first? Without recorded times they are taken in the order given"])
    }

    @Test("timed snapshots less than a second apart, and a single snapshot, are warned about")
    func tooClose() throws {
        let close = try warnings([snapshot("a", leaked: 10, time: 1_000_000_000), snapshot("b", leaked: 11, time: 1_500_000_000)])
        #expect(close.count == 1 && close[0].hasPrefix("snapshots less than a second apart"))
        #expect(try warnings([snapshot("a", leaked: 10)]) == ["a single snapshot shows no growth: give two or more, taken some time apart"])
        #expect(try warnings([snapshot("a", leaked: 10, time: 1_000_000_000), snapshot("b", leaked: 30, time: 61_000_000_000)]).isEmpty)
    }

    @Test("snapshot times at the ends of Int64 give a growth rate, not a trap (issue 29, item 4)")
    func extremeTimes() throws {
        let s = [snapshot("a", leaked: 10, time: .min + 1_000_000_000), snapshot("b", leaked: 30, time: .max)]
        let report = try LeakAnalysis.analyze(s)
        #expect(report.groups.first.map { $0.growth } == 20)
        #expect(try warnings(s).isEmpty)
        #expect(try LeakAnalysis.analyze(s.reversed()).groups.first.map { $0.growth } == 20)  // ordered by time
    }
}
