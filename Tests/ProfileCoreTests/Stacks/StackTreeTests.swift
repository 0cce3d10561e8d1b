import ProfileCore
import ProfileTestSupport
import Testing

@Suite("call tree")
struct StackTreeTests {
    /// Every node as `path value`, depth first, children by name.
    func lines(_ t: StackTree) -> [String] {
        t.preorder().dropFirst().map { n in
            var path: [String] = []
            var k = Int(n)
            while k > 0 { path.append(t.names.names[Int(t.frame[k])]); k = Int(t.parent[k]) }
            return path.reversed().joined(separator: ";") + " \(t.value(Int(n), 0))"
        }
    }

    let stacks: [([String], Int64)] = [(["main", "b"], 2), (["main", "a", "x"], 3), (["main"], 1), (["other", "a"], 4)]

    @Test("values are inclusive: a node holds every stack through it; the root the total")
    func inclusive() {
        let t = StackTree(StackSet(profile(stacks), sampleIndices: [0]))
        #expect(t.value(0, 0) == 10)
        #expect(lines(t) == ["main 6", "main;a 3", "main;a;x 3", "main;b 2", "other 4", "other;a 4"])
        #expect(t.selfValues(0)[0] == 0)
    }

    @Test("the sorted build and stack-by-stack adding give the same tree, and adding continues after either")
    func sameTree() {
        let set = StackSet(profile(stacks), sampleIndices: [0])
        var built = StackTree(set)
        var added = StackTree(names: set.frames, columns: 1)
        for i in 0..<set.count { added.add(set.frames(of: i), [set.value(of: i)]) }
        #expect(lines(built) == lines(added))
        let extra = [set.frames.names.firstIndex(of: "main")!, set.frames.names.firstIndex(of: "b")!].map { Int32($0) }
        built.add(extra, column: 0, value: 5)
        added.add(extra, column: 0, value: 5)
        #expect(lines(built) == lines(added))
        #expect(lines(built).contains("main;b 7") && built.count == added.count)
    }

    @Test("flat and cum per function; a function recursing on a path counts once in cum")
    func functionTotals() {
        let t = StackTree(StackSet(profile([(["a", "b", "a"], 3), (["a"], 2), (["c", "a"], 1)]), sampleIndices: [0]))
        let (flat, cum) = t.functionTotals()
        let id = { (name: String) in t.names.names.firstIndex(of: name)! }
        #expect(flat[id("a")] == 6 && cum[id("a")] == 6)
        #expect(flat[id("b")] == 0 && cum[id("b")] == 3)
        #expect(flat[id("c")] == 0 && cum[id("c")] == 1)
    }

    @Test("a deep stack builds and walks without recursion")
    func deep() {
        let t = StackTree(StackSet(profile([((0..<50_000).map { "f\($0 % 7)" }, 1)]), sampleIndices: [0]))
        #expect(t.count == 50_001 && t.preorder().count == 50_001)
        #expect(t.functionTotals().cum.allSatisfy { $0 == 1 })
    }
}
