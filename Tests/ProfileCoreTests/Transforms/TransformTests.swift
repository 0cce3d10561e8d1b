import ProfileCore
import ProfileTestSupport
import Testing

/// The stacks of `p` as `"root;…;leaf": value` for sample type 0, merged.
private func stacks(_ p: Profile) -> [String: Int64] {
    var out: [String: Int64] = [:]
    for s in 0..<p.samples.count {
        let frames = p.samples.locations(of: s).reversed().flatMap { loc in
            p.lines(ofLocation: loc).reversed().map { p.string(p.functions[Int($0.functionIndex)].name) }
        }
        out[frames.joined(separator: ";"), default: 0] += p.samples.value(of: s, at: 0)
    }
    return out
}

@Suite("The transform stage, in go tool pprof's order")
struct TransformTests {
    let p = profile([("main;serve;runtime.gopark", 5), ("main;work;lib.hash", 3), ("main;work", 2)])

    @Test("show_from starts each stack at its rootmost match and drops samples without one")
    func showFrom() throws {
        let (shown, matched) = p.showingFrom(try NamePattern("work|serve"))
        #expect(matched)
        #expect(stacks(shown) == ["serve;runtime.gopark": 5, "work;lib.hash": 3, "work": 2])
        #expect(!p.showingFrom(try NamePattern("nothing")).matched)
    }

    @Test("prune_from ends each stack at its leafmost match; stacks without one stay whole")
    func pruneFrom() throws {
        let pruned = p.pruningFrom(try NamePattern("^work$"))
        #expect(stacks(pruned) == ["main;serve;runtime.gopark": 5, "main;work": 5])
    }

    @Test("prune_from matches names without their argument list, as pprof's simplifyFunc does")
    func pruneFromSimplifiesNames() throws {
        let cpp = profile([("main;Sort(int*, int*);cmp(int)", 4)])
        #expect(stacks(cpp.pruningFrom(try NamePattern("^Sort$"))) == ["main;Sort(int*, int*)": 4])
    }

    @Test("tagshow and taghide drop label keys and keep every sample")
    func labelKeys() throws {
        let labelled = profile([("main;a", 1), ("main;b", 2)]) { b in
            [Label(key: b.intern("tenant"), str: b.intern("t1")), Label(key: b.intern("span"), str: b.intern("s"))]
        }
        let (shown, sm, _) = labelled.keepingLabels(show: try NamePattern("^tenant$"), hide: nil)
        #expect(sm)
        #expect(shown.samples.count == 2)
        #expect(shown.samples.labels.map { shown.string($0.key) } == ["tenant", "tenant"])
        let (hidden, _, hm) = labelled.keepingLabels(show: nil, hide: try NamePattern("."))
        #expect(hm && hidden.samples.labels.isEmpty && hidden.samples.count == 2)
    }

    @Test("filters keep the total before filtering, which reports take percentages of")
    func unfilteredTotal() throws {
        var t = ProfileTransform()
        t.names.focus = try NamePattern("lib\\.")
        let r = try t.apply(to: p)
        #expect(stacks(r.profile) == ["main;work;lib.hash": 3])
        #expect(r.unfilteredTotal == 10 * 10_000_000)  // of the default type, cpu
        #expect(r.activeFilters == ["focus=lib\\."])
        #expect(r.warnings.isEmpty)
    }

    @Test("a filter that matches nothing gives pprof's warning")
    func noMatchWarning() throws {
        var t = ProfileTransform()
        t.names.hide = try NamePattern("absent")
        t.showFrom = try NamePattern("absent")
        #expect(try t.apply(to: p).warnings == ["Hide expression matched no samples", "ShowFrom expression matched no samples"])
    }

    @Test("a chosen sample type becomes the profile's default, so pprof output keeps the choice")
    func sampleIndexBecomesDefault() throws {
        var t = ProfileTransform()
        t.sampleIndex = "samples"
        let r = try t.apply(to: p)
        #expect(r.sampleIndex == 0)
        #expect(r.profile.defaultSampleIndex == 0)
        #expect(p.defaultSampleIndex == 1)
    }

    @Test("pprof's inuse_ prefix is accepted for sample types without it")
    func inusePrefix() throws {
        var b = ProfileBuilder(sampleTypes: [("objects", "count"), ("space", "bytes")])
        b.addSample(locations: [b.location(function: b.function(name: b.intern("f"), file: 0), line: 1)], values: [1, 2], labels: [])
        #expect(try b.build().sampleIndex(for: "inuse_space") == 1)
    }

    @Test("a diff's percentages are of the base's total, as pprof's -diff_base computes them")
    func diffTotal() throws {
        let base = profile([("main;work", 4)])
        let r = try ProfileTransform().apply(to: p, base: base)
        #expect(r.unfilteredTotal == 4 * 10_000_000)
        let delta = try r.delta()
        #expect(delta.totals()[0] == 10 - 4)
        let two = try #require(try r.twoColumn())
        #expect(two.totals() == [4 * 10_000_000, 10 * 10_000_000])
    }

    @Test("granularity is applied only when asked for: other outputs keep every location")
    func granularityOnlyWhenGiven() throws {
        #expect(try ProfileTransform().apply(to: p).profile.locations.count == p.locations.count)
        var t = ProfileTransform()
        t.granularity = .files
        #expect(try t.apply(to: p).granularity == .files)
    }
}
