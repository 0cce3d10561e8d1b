import ProfileCore
import ProfileFormats
import Testing

/// Per-function totals of a callgrind file, computed as `callgrind_annotate`
/// computes them: self = the function's own cost lines; inclusive = the sum
/// of its incoming calls, or for a function nobody calls, self plus its calls.
struct AnnotateTotals {
    var selfCost: [String: Int64] = [:]
    var inclusive: [String: Int64] = [:]
    var names: [String: String] = [:]  // "(id)" → name, as named the first time
    var events: [String] = []

    init(_ text: String) throws {
        var calledInto: [String: Int64] = [:]
        var own: [String: Int64] = [:]
        var current = "", callee = ""
        var inCall = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("events: ") { events = line.dropFirst(8).split(separator: " ").map(String.init) }
            if line.hasPrefix("fn=") { current = try name(line.dropFirst(3)) }
            else if line.hasPrefix("cfn=") { callee = try name(line.dropFirst(4)) }
            else if line.hasPrefix("calls=") { inCall = true }
            else if let first = line.first, first.isNumber {
                let cost = Int64(line.split(separator: " ")[1])!  // the first event
                if inCall {
                    calledInto[callee, default: 0] += cost
                    own[current, default: 0] += cost
                    inCall = false
                } else {
                    selfCost[current, default: 0] += cost
                    own[current, default: 0] += cost
                }
            }
        }
        inclusive = own.merging(calledInto) { _, called in called }
    }

    private mutating func name(_ field: Substring) throws -> String {
        let close = try #require(field.firstIndex(of: ")"))
        let id = String(field[...close])
        let rest = field[field.index(after: close)...]
        if !rest.isEmpty {
            #expect(names[id] == nil, "\(id) is named twice")
            names[id] = String(rest.dropFirst())
        }
        return try #require(names[id], "\(id) used before it was named")
    }
}

@Suite("callgrind")
struct CallgrindTests {
    @Test("the header names one event per sample type, the selected one first")
    func header() throws {
        let p = try Fixture.decode("go1.19/leaky/heap.debug0.pb.gz").profile
        let text = try written(p, as: CallgrindFormat.self, options: WriteOptions(sampleIndex: "alloc_space"))
        let head = text.split(separator: "\n").prefix(9).map(String.init)
        #expect(head == [
            "# callgrind format", "version: 1", "creator: profconv", "positions: line",
            "event: alloc_space : alloc_space (bytes)", "event: alloc_objects : alloc_objects (count)",
            "event: inuse_objects : inuse_objects (count)", "event: inuse_space : inuse_space (bytes)",
            "events: alloc_space alloc_objects inuse_objects inuse_space",
        ])
    }

    @Test("callgrind_annotate's self and inclusive totals are top's flat and cum",
          arguments: ["go1.19/busy/cpu.pb.gz", "go1.19/leaky/block.debug0.pb.gz", "go1.19/leaky/goroutine.debug0.pb.gz"])
    func totalsMatchTop(fixture: String) throws {
        let p = try Fixture.decode(fixture).profile
        let totals = try AnnotateTotals(written(p, as: CallgrindFormat.self))
        let graph = CallGraphBuilder(p.aggregated(.functions)).build(sampleIndex: p.defaultSampleIndex)
        #expect(!graph.nodes.isEmpty)
        for node in graph.nodes {
            #expect(totals.selfCost[node.printableName, default: 0] == node.flat, "\(node.printableName)")
            #expect(totals.inclusive[node.printableName, default: 0] == node.cum, "\(node.printableName)")
        }
    }

    @Test("files and functions are named once, then referred to by id")
    func compression() throws {
        let p = try Fixture.decode("go1.19/busy/cpu.pb.gz").profile
        let text = try written(p, as: CallgrindFormat.self)
        let totals = try AnnotateTotals(text)  // checks each id is named exactly once, before use
        #expect(totals.names.count == Set(totals.names.values).count)
        var fileNames: [Substring: Int] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("fl=") || line.hasPrefix("cfl=") {
            let field = line.drop { $0 != "(" }
            if let space = field.firstIndex(of: " ") { fileNames[field[space...], default: 0] += 1 }
        }
        #expect(!fileNames.isEmpty && fileNames.values.allSatisfy { $0 == 1 })
    }

    @Test("a function that is a root in some samples and called in others gets a caller, (below main)")
    func syntheticRoot() throws {
        let p = try readText("a;b 1\nb 2\n").profile
        let text = try written(p, as: CallgrindFormat.self)
        let totals = try AnnotateTotals(text)
        #expect(totals.inclusive["b"] == 3)
        #expect(totals.inclusive["a"] == 1)
        #expect(totals.selfCost["b"] == 3)
        #expect(text.contains("fn=(3) (below main)\ncfl=(1)\ncfn=(2) b\ncalls=1 0\n0 2\n"))
    }

    @Test("recursion counts a sample once in the inclusive total, as pprof's cum does")
    func recursion() throws {
        let p = try readText("main;f;g;f;g;h 5\nmain;f;f 2\n").profile
        let totals = try AnnotateTotals(written(p, as: CallgrindFormat.self))
        #expect(totals.inclusive["f"] == 7 && totals.inclusive["g"] == 5 && totals.inclusive["main"] == 7)
        #expect(totals.selfCost["f"] == 2 && totals.selfCost["h"] == 5)
    }

    @Test("names with line breaks stay on their line; event names are identifiers, unique")
    func hostileNames() throws {
        var b = ProfileBuilder(sampleTypes: [("cpu time", "ns"), ("cpu-time", "ns"), ("9", "count")])
        let f = b.function(name: b.intern("evil\nfn=(1) x\r"))
        b.addSample(locations: [b.location(function: f)], values: [1, 2, 3])
        let text = try written(b.build(), as: CallgrindFormat.self)
        #expect(text.contains("events: e9 cpu_time cpu_time_2\n"))
        #expect(text.contains("fn=(1) evil\u{FFFD}fn=(1) x\u{FFFD}\n"))
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("fn=(1) x") })
    }
}
