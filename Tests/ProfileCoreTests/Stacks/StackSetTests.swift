import ProfileCore
import ProfileTestSupport
import Testing

@Suite("stacks and merging")
struct StackSetTests {
    func lines(_ s: StackSet) -> [String] {
        s.bytewiseOrder().map { i in
            s.frames(of: i).map { s.frames.names[Int($0)] }.joined(separator: ";") + " \(s.value(of: i))"
        }
    }

    @Test("samples with the same frames merge, zero ones vanish")
    func merging() {
        let p = profile([(["a", "b"], 2), (["a", "b"], 3), (["a"], 0), (["c"], 1)])
        #expect(lines(StackSet(p, sampleIndices: [0])) == ["a;b 5", "c 1"])
    }

    @Test("inlined lines expand to frames, caller first")
    func inlining() {
        var b = ProfileBuilder(sampleTypes: [("samples", "count")])
        let outer = b.function(name: b.intern("outer")), inner = b.function(name: b.intern("inner"))
        let loc = b.location(lines: [Line(functionIndex: inner), Line(functionIndex: outer)], address: 0x10)
        let root = b.location(function: b.function(name: b.intern("main")))
        b.addSample(locations: [loc, root], values: [4])
        #expect(lines(StackSet(b.build(), sampleIndices: [0])) == ["main;outer;inner 4"])
    }

    @Test("the order is the bytewise order of the folded lines")
    func order() {
        let p = profile([(["a", "b"], 1), (["a"], 2), (["a+b"], 3), (["a", "a"], 4), (["B"], 5)])
        #expect(lines(StackSet(p, sampleIndices: [0])) == ["B 5", "a 2", "a+b 3", "a;a 4", "a;b 1"])
    }

    @Test("a sample with no locations is a stack of no frames, counted as pprof counts it")
    func emptyStack() {
        var b = ProfileBuilder(sampleTypes: [("samples", "count")])
        b.addSample(locations: [], values: [6])
        b.addSample(locations: [], values: [1])
        let set = StackSet(b.build(), sampleIndices: [0])
        #expect(set.count == 1)
        #expect(set.frames(of: 0).isEmpty)
        #expect(set.value(of: 0) == 7)
    }

    @Test("merging profiles adds their samples and refuses different sample types")
    func merge() throws {
        let a = profile([(["x"], 1)]), b = profile([(["x"], 2), (["y"], 3)])
        let m = try Profile.merge([a, b])
        #expect(m.totals() == [6])
        #expect(lines(StackSet(m, sampleIndices: [0])) == ["x 3", "y 3"])
        let other = ProfileBuilder(sampleTypes: [("cpu", "nanoseconds")]).build()
        #expect(throws: ProfileError.self) { try Profile.merge([a, other]) }
    }

    @Test("a 100,000-frame stack is handled without recursion")
    func deep() {
        let frames = (0..<100_000).map { "f\($0 % 100)" }
        let s = StackSet(profile([(frames, 1)]), sampleIndices: [0])
        #expect(s.frames(of: 0).count == 100_000)
    }
}
