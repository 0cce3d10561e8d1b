import ProfileCore
import ProfileFormats
import Testing

/// The leakgrow captures (Fixtures/README.md): three leak sites growing at
/// 50, 20 and 5 goroutines per tick, snapshots after ticks 2, 6 and 10,
/// with short-lived workers and the HTTP server's own goroutines around.
@Suite("leaks in the leakgrow captures")
struct LeakFixtureTests {
    static let forms = ["debug0.pb.gz", "debug1.txt", "debug2.txt"]
    static let leaks: [(function: String, counts: [Int64], growth: Int64)] = [
        ("main.leakRecv", [100, 300, 500], 400),
        ("main.leakSelect", [40, 120, 200], 160),
        ("main.leakLock", [10, 30, 50], 40),
    ]

    func snapshot(_ n: Int, _ form: String) throws -> LeakAnalysis.Snapshot {
        var options = ReadOptions()
        options.labelsCreationSites = true
        let path = "go1.19/leakgrow/snap\(n).goroutine.\(form)"
        return LeakAnalysis.Snapshot(name: path, profile: try FormatRegistry.read(Fixture.bytes(path), options: options).profile)
    }

    /// The report of every group, shrinking ones too.
    func report(_ forms: [String], by grouping: LeakGrouping = .stack) throws -> LeakReport {
        var o = LeakAnalysis.Options()
        o.grouping = grouping
        o.minGrowth = nil
        return try LeakAnalysis.analyze(try forms.enumerated().map { try snapshot($0.offset + 1, $0.element) }, options: o)
    }

    func expectLeaksOnTop(_ r: LeakReport, _ sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.groups.count > 3, sourceLocation: sourceLocation)
        for (rank, leak) in Self.leaks.enumerated() {
            let g = r.groups[rank]
            #expect(g.site.hasPrefix(leak.function + " "), "rank \(rank + 1): \(g.site)", sourceLocation: sourceLocation)
            #expect(g.counts == leak.counts, sourceLocation: sourceLocation)
            #expect(g.growth == leak.growth, sourceLocation: sourceLocation)
            #expect(g.isMonotonic, sourceLocation: sourceLocation)
        }
        let lowestLeak = r.groups[2].score
        for g in r.groups.dropFirst(3) {
            #expect(g.score < lowestLeak, "\(g.site) \(g.counts) scores \(g.score)", sourceLocation: sourceLocation)
            // Workers come and go (20 ± 5 per snapshot), so a worker stack may
            // grow by a few; never by a quarter of the smallest leak's +40.
            #expect(g.growth < 10, "\(g.site) \(g.counts)", sourceLocation: sourceLocation)
        }
    }

    @Test("each form alone ranks the three leak sites first, with their growth", arguments: forms)
    func oneForm(_ form: String) throws {
        expectLeaksOnTop(try report([form, form, form]))
    }

    @Test("mixed forms rank the same", arguments: [
        ["debug1.txt", "debug0.pb.gz", "debug2.txt"],
        ["debug2.txt", "debug1.txt", "debug0.pb.gz"],
        ["debug0.pb.gz", "debug2.txt", "debug1.txt"],
    ])
    func mixedForms(_ forms: [String]) throws {
        expectLeaksOnTop(try report(forms))
    }

    @Test("debug=0 snapshots carry time: growth per minute from their 8 s span")
    func perMinute() throws {
        let r = try report(Array(repeating: "debug0.pb.gz", count: 3))
        #expect(r.notes.isEmpty)
        let perMinute = try #require(r.groups.first?.growthPerMinute)
        // Ticks 2 → 10 are 8 s apart: +400 in about 8 s, about 3000 a minute.
        #expect(perMinute > 2700 && perMinute < 3300)
    }

    @Test("dumps add states: chan receive, select, semacquire")
    func states() throws {
        let r = try report(Array(repeating: "debug2.txt", count: 3))
        #expect(r.groups.prefix(3).map { $0.states.first?.state } == ["chan receive", "select", "semacquire"])
        #expect(r.groups.prefix(3).map { $0.states.first?.count } == [500, 200, 50])
    }

    @Test("by creator, dumps name the three go statements in main.leakTick")
    func byCreator() throws {
        let r = try report(Array(repeating: "debug2.txt", count: 3), by: .creator)
        #expect(r.groups.prefix(3).map(\.site) == [60, 63, 66].map { "main.leakTick profconv/fixtures/leakgrow/main.go:\($0)" })
        #expect(r.groups.prefix(3).map(\.growth) == [400, 160, 40])
    }

    @Test("by leaf, the mutex leak is keyed by the sync frame it waits in, its site still main.leakLock")
    func byLeaf() throws {
        let r = try report(Self.forms, by: .leaf)
        #expect(r.groups[2].frames == ["sync.runtime_SemacquireMutex"])
        #expect(r.groups[2].site.hasPrefix("main.leakLock "))
        #expect(r.groups[2].growth == 40)
    }

    @Test("the pprof diff of two snapshots reads back with NEW as is and BASE negated")
    func pprofDiffReadsBack() throws {
        let base = try snapshot(1, "debug0.pb.gz").profile, new = try snapshot(3, "debug0.pb.gz").profile
        let delta = try ProfileDiff.pprofDelta(base: base, new: new, normalize: false)
        let sink = ByteSink()
        try PprofFormat.write(delta, options: WriteOptions(), to: sink)
        let back = try FormatRegistry.read(sink.bytes).profile
        let values = (0..<back.samples.count).map { back.samples.value(of: $0, at: 0) }
        #expect(values.filter { $0 < 0 }.reduce(0, +) == -177)
        #expect(values.filter { $0 > 0 }.reduce(0, +) == 778)
        let baseLabelled = (0..<back.samples.count).filter { i in
            back.samples.labels(of: i).contains { back.strings[$0.key] == "pprof::base" && back.strings[$0.str] == "true" }
        }
        #expect(baseLabelled.allSatisfy { back.samples.value(of: $0, at: 0) < 0 })
        #expect(baseLabelled.count == base.samples.count)
        let folded = try written(back.hidingGoRuntimeFrames(), as: FoldedFormat.self)
        #expect(folded.split(separator: "\n").contains("main.leakRecv 400"))
    }
}
