import ProfileCore
import ProfileTestSupport
import Testing

/// The graph at pprof's default granularity, functions.
func functionGraph(_ p: Profile) -> CallGraph { CallGraphBuilder(p.aggregated(.functions)).build(sampleIndex: 0) }

func node(_ g: CallGraph, _ name: String) -> CallGraph.Node? { g.nodes.first { $0.printableName == name } }

@Suite("Call graph aggregation, as go tool pprof does it")
struct CallGraphTests {
    @Test("flat is where a function is the leaf, cum counts each sample once even under recursion")
    func flatAndCumUnderRecursion() throws {
        let p = profile([("main;fib;fib;fib", 7), ("main;fib;work", 3), ("main", 1)])
        let g = functionGraph(p)
        let fib = try #require(node(g, "fib"))
        #expect(fib.flat == 7)
        #expect(fib.cum == 10)
        let main = try #require(node(g, "main"))
        #expect(main.flat == 1)
        #expect(main.cum == 11)
        // The self-call fib → fib is no edge; main → fib carries both samples once.
        let mainFib = g.edges.first { g.nodes[$0.caller].printableName == "main" && g.nodes[$0.callee].printableName == "fib" }
        #expect(mainFib?.weight == 10)
        #expect(!g.edges.contains { $0.caller == $0.callee })
    }

    @Test("granularity decides which frames fall together")
    func granularity() throws {
        let p = profile([("main:10;lib.a:3", 4), ("main:11;lib.b:5", 6)])
        let functions = CallGraphBuilder(p.aggregated(.functions)).build(sampleIndex: 0)
        #expect(Set(functions.nodes.map(\.printableName)) == ["main", "lib.a", "lib.b"])
        let files = CallGraphBuilder(p.aggregated(.files)).build(sampleIndex: 0)
        #expect(Set(files.nodes.map(\.printableName)) == ["/src/main.go", "/src/lib.go"])
        #expect(node(files, "/src/lib.go")?.flat == 10)
        let lines = CallGraphBuilder(p.aggregated(.lines)).build(sampleIndex: 0)
        #expect(Set(lines.nodes.map(\.printableName)) == ["main /src/main.go:10", "main /src/main.go:11", "lib.a /src/lib.go:3", "lib.b /src/lib.go:5"])
        let fileFunctions = CallGraphBuilder(p.aggregated(.filefunctions)).build(sampleIndex: 0)
        #expect(node(fileFunctions, "main /src/main.go")?.cum == 10)
    }

    @Test("focus keeps whole samples through a matching frame, ignore drops them")
    func focusAndIgnore() throws {
        let p = profile([("main;a;x", 1), ("main;b;x", 2), ("main;c", 4)])
        let (focused, m) = p.filtered(by: NameFilter(focus: try NamePattern("^x$")))
        #expect(m.focus)
        #expect(focused.samples.count == 2)
        let (ignored, _) = p.filtered(by: NameFilter(focus: try NamePattern("x"), ignore: try NamePattern("^b$")))
        let g = functionGraph(ignored)
        #expect(node(g, "main")?.cum == 1)
        #expect(node(g, "b") == nil)
    }

    @Test("hide drops frames, show keeps only matching frames, and edges over them become residual")
    func hideAndShow() throws {
        let p = profile([("main;mid;leaf", 5)])
        let (hidden, _) = p.filtered(by: NameFilter(hide: try NamePattern("mid")))
        let g = functionGraph(hidden)
        #expect(node(g, "mid") == nil)
        #expect(node(g, "main")?.cum == 5)
        #expect(g.edges.count == 1)
        let (shown, _) = p.filtered(by: NameFilter(show: try NamePattern("^(main|leaf)$")))
        #expect(functionGraph(shown).nodes.count == 2)
    }

    @Test("tagfocus takes key=value regexps and numeric ranges with units")
    func tagFilters() throws {
        var n = 0
        let p = profile([("main;a", 1), ("main;b", 2), ("main;c", 4)]) { b in
            n += 1
            return [b.label("tenant", "t\(n)"), b.label("bytes", number: Int64(n) * 1024, unit: "bytes")]
        }
        #expect(p.filtered(tagFocus: try TagFilter("tenant=t2"), tagIgnore: nil).0.samples.count == 1)
        #expect(p.filtered(tagFocus: try TagFilter("tenant:t[13]"), tagIgnore: nil).0.samples.count == 2)
        #expect(p.filtered(tagFocus: try TagFilter("bytes=2kb:"), tagIgnore: nil).0.samples.count == 2)
        #expect(p.filtered(tagFocus: try TagFilter(":1kb"), tagIgnore: nil).0.samples.count == 1)
        #expect(p.filtered(tagFocus: nil, tagIgnore: try TagFilter("3kb")).0.samples.count == 2)
    }

    @Test("trimming drops nodes under the cum cutoff and keeps at most nodecount nodes")
    func trimming() throws {
        var stacks: [(String, Int64)] = [("main;hot", 1000)]
        for i in 0..<20 { stacks.append(("main;cold\(i)", 1)) }
        let b = CallGraphBuilder(profile(stacks).aggregated(.functions))
        let t = b.trimmed(sampleIndex: 0, options: TrimOptions())
        #expect(t.droppedNodes == 20)  // each is 1/1020 < 0.5%
        #expect(t.graph.nodes.map(\.printableName) == ["hot", "main"])
        let few = b.trimmed(sampleIndex: 0, options: TrimOptions(nodeCount: 1, nodeFraction: 0))
        #expect(few.graph.nodes.map(\.printableName) == ["hot"])
        #expect(few.nodesBeforeLimit == 22)
    }
}
