import ProfileCore
import ProfileTestSupport
import Testing

@Suite("--collapse-recursion, as inferno-collapse-recursive")
struct RecursionCollapseTests {
    func stacks(_ p: Profile) -> [String] {
        (0..<p.samples.count).map { s in
            p.samples.locations(of: s).reversed().map { p.string(p.functions[Int(p.lines(ofLocation: $0).first!.functionIndex)].name) }
                .joined(separator: ";") + " \(p.samples.value(of: s, at: 0))"
        }
    }

    @Test("a frame called by a frame of its name is that frame; indirect recursion stays")
    func merges() {
        let p = profile([(["main", "fib", "fib", "fib", "add"], 3), (["main", "fib", "print", "fib"], 1), (["main"], 2)])
        #expect(stacks(p.collapsingRecursion()) == ["main;fib;add 3", "main;fib;print;fib 1", "main 2"])
    }

    @Test("values, sample types and locations are kept")
    func keeps() {
        let p = profile([(["a", "a"], 5)])
        let c = p.collapsingRecursion()
        #expect(c.totals() == p.totals())
        #expect(c.locations.count == p.locations.count)
        #expect(stacks(c) == ["a 5"])
    }
}
