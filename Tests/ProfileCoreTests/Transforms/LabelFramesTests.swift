import ProfileCore
import Testing

@Suite("label frames (pprof's -tagleaf and -tagroot)")
struct LabelFramesTests {
    func profile() -> Profile {
        var b = ProfileBuilder(sampleTypes: [("goroutine", "count")])
        let wait = b.location(function: b.function(name: b.intern("main.wait")))
        let main = b.location(function: b.function(name: b.intern("main.main")))
        b.addSample(locations: [wait, main], values: [3], labels: [b.label("state", "chan receive"), b.label("tenant", "t0")])
        b.addSample(locations: [wait, main], values: [2], labels: [b.label("state", "select")])
        b.addSample(locations: [main], values: [1])
        return b.build()
    }

    func stacks(_ p: Profile) -> [String] {
        (0..<p.samples.count).map { s in
            p.samples.locations(of: s).reversed().map { l in
                p.lines(ofLocation: l).map { p.strings[p.functions[Int($0.functionIndex)].name] }.joined(separator: "+")
            }.joined(separator: ";") + " \(p.samples.value(of: s, at: 0))"
        }
    }

    @Test("at the leaf, the state goes on top of each stack; a sample without it gets no frame")
    func leaf() {
        let p = profile().addingLabelFrames(keys: ["state"], atLeaf: true)
        #expect(stacks(p) == ["main.main;main.wait;chan receive 3", "main.main;main.wait;select 2", "main.main 1"])
        let frame = p.functions.last!
        #expect(p.strings[frame.filename] == "state")
    }

    @Test("several keys: the last is the new leaf, or at the root the first is the new root")
    func order() {
        let leaf = profile().addingLabelFrames(keys: ["tenant", "state"], atLeaf: true)
        #expect(stacks(leaf)[0] == "main.main;main.wait;t0;chan receive 3")
        let root = profile().addingLabelFrames(keys: ["tenant", "state"], atLeaf: false)
        #expect(stacks(root)[0] == "t0;chan receive;main.main;main.wait 3")
    }

    @Test("one location per key and value, shared by the samples that have it; labels and values kept")
    func shared() {
        let p = profile().addingLabelFrames(keys: ["state"], atLeaf: true)
        #expect(p.locations.count == profile().locations.count + 2)
        #expect(p.totals() == [6])
        #expect(p.samples.labels(of: 0).count == 2)
        #expect(stacks(profile().addingLabelFrames(keys: ["nosuchkey"], atLeaf: true)) == stacks(profile()))
    }
}
