import ProfileCore
import ProfileTestSupport
import Testing

@Suite("hiding runtime frames as Go's debug=1 does")
struct RuntimeFramesTests {
    /// Each stack root first; an element with `+` is one location of inlined
    /// frames, caller last (`runtime.f+main.g`: runtime.f inlined into main.g).
    func profile(_ stacks: [[String]]) -> Profile {
        var b = ProfileBuilder(sampleTypes: [("goroutine", "count")])
        var cache: [String: Int32] = [:]
        for frames in stacks {
            let locations = frames.reversed().map { frame -> Int32 in
                if let l = cache[frame] { return l }
                let lines = frame.split(separator: "+").map { Line(functionIndex: b.function(name: b.intern(String($0)))) }
                let l = b.location(lines: lines)
                cache[frame] = l
                return l
            }
            b.addSample(locations: locations, values: [1])
        }
        return b.build()
    }

    /// Root-first stacks of `p`, inlined lines expanded.
    func stacks(_ p: Profile) -> [String] {
        (0..<p.samples.count).map { s in
            p.samples.locations(of: s).flatMap { l in
                p.lines(ofLocation: l).map { p.strings[p.functions[Int($0.functionIndex)].name] }
            }.reversed().joined(separator: ";")
        }
    }

    @Test("leaf-side runtime frames and runtime.goexit go; runtime.main below the program stays")
    func leafSideOnly() {
        let p = profile([["runtime.goexit", "runtime.main", "main.main", "main.wait", "runtime.chanrecv1", "runtime.gopark"]])
        #expect(stacks(p.hidingRuntimeFrames()) == ["runtime.main;main.main;main.wait"])
    }

    @Test("a runtime frame above the program's own, past the first shown frame, stays")
    func runtimeInTheMiddle() {
        let p = profile([["runtime.goexit", "main.f", "runtime.Gosched", "main.g", "runtime.gopark"]])
        #expect(stacks(p.hidingRuntimeFrames()) == ["main.f;runtime.Gosched;main.g"])
    }

    @Test("an all-runtime stack is kept whole but for runtime.goexit, as Go prints it again with every frame")
    func allRuntime() {
        let p = profile([["runtime.goexit", "runtime.bgsweep", "runtime.gopark"]])
        #expect(stacks(p.hidingRuntimeFrames()) == ["runtime.bgsweep;runtime.gopark"])
    }

    @Test("inlined lines are judged one by one: a runtime callee inlined into main.g goes, main.g stays")
    func inlined() {
        let p = profile([["main.f", "runtime.gopark+main.g"]])
        #expect(stacks(p.hidingRuntimeFrames()) == ["main.f;main.g"])
    }

    @Test("one location hidden at the leaf of one stack and kept in the middle of another")
    func sharedLocation() {
        let p = profile([["main.a", "runtime.lock"], ["main.b", "runtime.lock", "main.c"]])
        #expect(stacks(p.hidingRuntimeFrames()) == ["main.a", "main.b;runtime.lock;main.c"])
    }

    @Test("an unsymbolized address stops the hiding, as Go prints it (`#\\t0x…`)")
    func unsymbolized() {
        var b = ProfileBuilder(sampleTypes: [("goroutine", "count")])
        let gopark = b.location(function: b.function(name: b.intern("runtime.gopark")))
        let bare = b.location(lines: [], address: 0x1234)
        let main = b.location(function: b.function(name: b.intern("main.f")))
        b.addSample(locations: [gopark, bare, main], values: [1])
        let hidden = b.build().hidingRuntimeFrames()
        #expect(Array(hidden.samples.locations(of: 0)) == [bare, main])
    }

    @Test("values and labels are kept")
    func valuesKept() {
        let p = profile([["main.f", "runtime.gopark"], ["main.f", "runtime.gopark"]])
        let h = p.hidingRuntimeFrames()
        #expect(h.totals() == p.totals())
        #expect(h.samples.count == 2)
    }
}
