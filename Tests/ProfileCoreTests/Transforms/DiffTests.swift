import ProfileCore
import ProfileTestSupport
import Testing

@Suite("profile differences")
struct DiffTests {
    func folded(_ p: Profile, _ columns: [Int]) -> [String] {
        let s = StackSet(p, sampleIndices: columns)
        return s.bytewiseOrder().map { i in
            s.frames(of: i).map { s.frames.names[Int($0)] }.joined(separator: ";") + columns.indices.map { " \(s.value(of: i, column: $0))" }.joined()
        }
    }

    let base = [(["a", "b"], Int64(10)), (["a", "c"], 5)]
    let new = [(["a", "b"], Int64(30)), (["a", "d"], 10)]

    @Test("the pprof delta holds NEW as is and BASE negated with pprof::base=true; their sum is NEW − BASE")
    func pprofDelta() throws {
        let d = try ProfileDiff.pprofDelta(base: profile(base), new: profile(new), normalize: false)
        #expect(folded(d, [0]) == ["a;b 20", "a;c -5", "a;d 10"])
        let labelled = (0..<d.samples.count).filter { s in
            d.samples.labels(of: s).contains { d.strings[$0.key] == "pprof::base" && d.strings[$0.str] == "true" }
        }
        #expect(labelled.map { d.samples.value(of: $0, at: 0) } == [-10, -5])
    }

    @Test("normalize scales NEW to BASE's total, rounding half away from zero, as pprof does")
    func normalize() throws {
        // base total 15, new total 40: ratio 0.375; 30 → 11.25 → 11, 10 → 3.75 → 4.
        let d = try ProfileDiff.pprofDelta(base: profile(base), new: profile(new), normalize: true)
        #expect(folded(d, [0]) == ["a;b 1", "a;c -5", "a;d 4"])
        let two = try ProfileDiff.twoColumn(base: profile(base), baseIndex: 0, new: profile(new), newIndex: 0, normalize: true)
        #expect(folded(two, [0, 1]) == ["a;b 10 11", "a;c 5 0", "a;d 0 4"])
    }

    @Test("the two-column profile has sample types base and the new type, default the new one")
    func twoColumn() throws {
        let two = try ProfileDiff.twoColumn(base: profile(base, sampleType: ("goroutine", "count")), baseIndex: 0,
                                            new: profile(new, sampleType: ("goroutine", "count")), newIndex: 0, normalize: false)
        #expect(two.sampleTypes.map { two.strings[$0.type] } == ["base", "goroutine"])
        #expect(two.defaultSampleIndex == 1)
        #expect(folded(two, [0, 1]) == ["a;b 10 30", "a;c 5 0", "a;d 0 10"])
    }

    @Test("the diff table counts flat at the leaf and cum once per stack, largest change first")
    func table() throws {
        let rec = [(["a", "r", "r"], Int64(2))]
        let two = try ProfileDiff.twoColumn(base: profile(base + rec), baseIndex: 0, new: profile(new), newIndex: 0, normalize: false)
        let t = DiffTable(StackSet(two, sampleIndices: [0, 1]))
        #expect(t.baseTotal == 17 && t.newTotal == 40)
        let byName = Dictionary(uniqueKeysWithValues: t.functions.map { ($0.name, $0) })
        #expect(byName["b"].map { [$0.flatBase, $0.flatNew, $0.flatDelta] } == [10, 30, 20])
        #expect(byName["a"].map { [$0.flatDelta, $0.cumBase, $0.cumNew, $0.cumDelta] } == [0, 17, 40, 23])
        #expect(byName["r"].map { [$0.flatBase, $0.cumBase] } == [2, 2])
        #expect(t.functions.map(\.name).prefix(3) == ["b", "d", "c"])
        #expect(t.stacks.map(\.delta) == [20, 10, -5, -2])
        #expect(DiffTable.relativeChange(base: 10, new: 30) == 2)
        #expect(DiffTable.relativeChange(base: 0, new: 30) == nil)
    }

    @Test("scaling drops samples that round to zero, like pprof's ScaleN")
    func scaling() {
        let p = profile([(["a"], 1), (["b"], 3)]).scaled(by: [0.4])
        #expect(folded(p, [0]) == ["b 1"])
    }
}
