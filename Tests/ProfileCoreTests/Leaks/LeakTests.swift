import ProfileCore
import Testing

/// Goroutine profiles built by hand in the three shapes Go writes them.
enum GoroutineShapes {
    /// debug=0: every runtime frame named, `runtime.goexit` at the root, a time.
    static func proto(_ groups: [([String], Int64)], time: Int64) -> Profile {
        var b = ProfileBuilder(sampleTypes: [("goroutine", "count")])
        for (stack, count) in groups {
            let frames = ["runtime.goexit"] + stack + ["runtime.gopark"]
            let locs = frames.reversed().map { b.location(function: b.function(name: b.intern($0), file: b.intern("/src/main.go")), line: 10) }
            b.addSample(locations: locs, values: [count])
        }
        b.withProfile { $0.timeNanos = time }
        return b.build()
    }

    /// debug=1: the leading runtime frames and goexit are bare addresses.
    static func counted(_ groups: [([String], Int64)]) -> Profile {
        var b = ProfileBuilder(sampleTypes: [("goroutine", "count")])
        for (stack, count) in groups {
            var locs = [b.location(lines: [], address: 0x43b295)]
            locs += stack.reversed().map { b.location(function: b.function(name: b.intern($0), file: b.intern("/src/main.go")), line: 10, address: 0x1000) }
            locs.append(b.location(lines: [], address: 0x46b200))
            b.addSample(locations: locs, values: [count])
        }
        return b.build()
    }

    /// debug=2: one sample per goroutine, no runtime frames, state and creator labels.
    static func dump(_ groups: [([String], Int64, state: String, wait: Int64, creator: String)]) -> Profile {
        var b = ProfileBuilder(sampleTypes: [("goroutine", "count")])
        for (stack, count, state, wait, creator) in groups {
            let locs = stack.reversed().map { b.location(function: b.function(name: b.intern($0), file: b.intern("/src/main.go")), line: 10) }
            var labels = [b.label("state", state), b.label("created by", creator), b.label("created at", "/src/main.go:60")]
            if wait > 0 { labels.append(b.label("wait", number: wait, unit: "minutes")) }
            for _ in 0..<count { b.addSample(locations: locs, values: [1], labels: labels) }
        }
        return b.build()
    }
}

@Suite("leak analysis")
struct LeakTests {
    typealias Snapshot = LeakAnalysis.Snapshot
    let leak = ["main.main", "main.serve", "main.leak"]
    let worker = ["main.pool", "main.work"]

    func analyze(_ profiles: [Profile], _ configure: (inout LeakAnalysis.Options) -> Void = { _ in }) throws -> LeakReport {
        var o = LeakAnalysis.Options()
        configure(&o)
        return try LeakAnalysis.analyze(profiles.enumerated().map { Snapshot(name: "s\($0.offset + 1)", profile: $0.element) }, options: o)
    }

    @Test("the three forms of one goroutine fall into one group, runtime frames hidden")
    func formsGroupTogether() throws {
        let r = try analyze([
            GoroutineShapes.counted([(leak, 10)]),
            GoroutineShapes.proto([(leak, 30)], time: 1),
            GoroutineShapes.dump([(leak, 50, "chan receive", 3, "main.serve")]),
        ])
        #expect(r.groups.count == 1)
        let g = try #require(r.groups.first)
        #expect(g.frames == leak)
        #expect(g.counts == [10, 30, 50])
        #expect(g.growth == 40)
        #expect(g.isMonotonic)
        #expect(g.site == "main.leak /src/main.go:10")
        #expect(g.states == [LeakStateCount(state: "chan receive", count: 50)])
        #expect(g.longestWaitMinutes == 3)
        #expect(r.notes.contains { $0.contains("order given") })
    }

    @Test("the score is growth × steadiness × (1 + share) × (1 + wait/60)")
    func scoreFormula() {
        #expect(LeakScore.score(growth: 40, steadiness: 1, share: 0.5, waitMinutes: nil) == 60)
        #expect(LeakScore.score(growth: 40, steadiness: 0.5, share: 0, waitMinutes: 30) == 30)
        #expect(LeakScore.score(growth: 40, steadiness: 1, share: 0, waitMinutes: 600) == 80)
        #expect(LeakScore.score(growth: -5, steadiness: 1, share: 1, waitMinutes: 60) == 0)
    }

    @Test("steady growth outranks wobbling growth of the same size; shrinking groups are left out")
    func ranking() throws {
        let r = try analyze([
            GoroutineShapes.proto([(leak, 10), (worker, 20), (["main.gone"], 5)], time: 1),
            GoroutineShapes.proto([(leak, 20), (worker, 5), (["main.gone"], 1)], time: 2),
            GoroutineShapes.proto([(leak, 30), (worker, 40)], time: 3),
        ])
        #expect(r.groups.map(\.frames.last) == ["main.leak", "main.work"])
        #expect(r.groups[0].growth == 20 && r.groups[1].growth == 20)
        #expect(r.groups[0].isMonotonic && !r.groups[1].isMonotonic)
        #expect(r.groups[1].steadiness == 0.5)
        let all = try analyze([
            GoroutineShapes.proto([(["main.gone"], 5)], time: 1),
            GoroutineShapes.proto([(["main.gone"], 1)], time: 2),
        ]) { $0.minGrowth = nil }
        #expect(all.groups.map(\.growth) == [-4])
    }

    @Test("snapshots with times are taken by time, with growth per minute")
    func timeOrder() throws {
        let minute: Int64 = 60_000_000_000
        let r = try analyze([
            GoroutineShapes.proto([(leak, 30)], time: 3 * minute),
            GoroutineShapes.proto([(leak, 10)], time: 1 * minute),
        ])
        #expect(r.snapshots.map(\.name) == ["s2", "s1"])
        #expect(r.groups.first?.counts == [10, 30])
        #expect(r.groups.first?.growthPerMinute == 10)
        #expect(r.notes.isEmpty)
    }

    @Test("by creator: dumps group by `go` statement; other forms fall back to the outermost frame and say so")
    func byCreator() throws {
        let dumps = try analyze([
            GoroutineShapes.dump([(leak, 1, "select", 0, "main.serve")]),
            GoroutineShapes.dump([(leak, 4, "select", 0, "main.serve")]),
        ]) { $0.grouping = .creator }
        #expect(dumps.groups.map(\.site) == ["main.serve /src/main.go:60"])
        #expect(dumps.groups.first?.creatorFromOutermostFrame == false)
        let protos = try analyze([
            GoroutineShapes.proto([(leak, 1)], time: 1),
            GoroutineShapes.proto([(leak, 4)], time: 2),
        ]) { $0.grouping = .creator }
        #expect(protos.groups.map(\.frames) == [["main.main"]])
        #expect(protos.groups.first?.creatorFromOutermostFrame == true)
        #expect(protos.notes.contains { $0.contains("outermost non-runtime frame") })
    }

    @Test("by leaf: goroutines waiting in the same function group together")
    func byLeaf() throws {
        let r = try analyze([
            GoroutineShapes.proto([(["main.a", "main.wait"], 1), (["main.b", "main.wait"], 1)], time: 1),
            GoroutineShapes.proto([(["main.a", "main.wait"], 3), (["main.b", "main.wait"], 4)], time: 2),
        ]) { $0.grouping = .leaf }
        #expect(r.groups.map(\.frames) == [["main.wait"]])
        #expect(r.groups.first?.counts == [2, 7])
    }

    @Test("by leaf, goroutines without a stack are one group named [no stack], said to be that (issue 28, point 19)")
    func noStackGroup() throws {
        func profile(_ n: Int64) -> Profile {
            var b = ProfileBuilder(sampleTypes: [("goroutine", "count")])
            b.addSample(locations: [Int32](), values: [n])
            return b.build()
        }
        let r = try analyze([profile(1), profile(5)].enumerated().map { i, p in var p = p; p.timeNanos = Int64(i + 1); return p }) { $0.grouping = .leaf }
        #expect(r.groups.map(\.site) == ["[no stack] (goroutines the profile holds without a stack)"])
    }

    @Test("a profile that is not a goroutine profile is refused by name")
    func notGoroutines() {
        var b = ProfileBuilder(sampleTypes: [("samples", "count"), ("cpu", "nanoseconds")])
        b.addSample(locations: [b.location(function: b.function(name: b.intern("f")))], values: [1, 1])
        #expect(throws: ProfileError.self) {
            try LeakAnalysis.analyze([Snapshot(name: "cpu.pb.gz", profile: b.build()), Snapshot(name: "x", profile: b.build())])
        }
    }

    @Test("runtime frames and bare addresses are hidden; program code is package main or a dotted module path")
    func frameRules() {
        #expect(GoFrames.isHidden("runtime.gopark"))
        #expect(GoFrames.isHidden("0x43b295"))
        #expect(!GoFrames.isHidden("runtime.gopanic"))
        #expect(!GoFrames.isHidden("runtime/pprof.writeGoroutine"))
        #expect(!GoFrames.isHidden("0xcafe.Handler"))
        #expect(GoFrames.isProgramCode("main.leakRecv"))
        #expect(GoFrames.isProgramCode("main.(*Queue[...]).Pop"))
        #expect(GoFrames.isProgramCode("github.com/acme/svc/pkg.(*T).Run"))
        #expect(!GoFrames.isProgramCode("sync.(*Mutex).Lock"))
        #expect(!GoFrames.isProgramCode("net/http.(*conn).serve"))
        #expect(!GoFrames.isProgramCode("mainly.f"))
    }
}
