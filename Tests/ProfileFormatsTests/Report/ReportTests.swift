import Foundation
import ProfileCore
import ProfileFormats
import Testing

/// Names that would break out of an HTML page if written unescaped: they
/// close the data block, open a comment, start a handler or a link, or end
/// a JavaScript line.
let hostileNames = ["</script><script>alert(1)</script>", "<!--", "\"onload=alert(1) x=\"", "javascript:alert(1)",
                    "a\u{2028}b", "<img src=x onerror=alert(1)>"]

/// The parsed JSON of the report page's data block.
func reportData(_ html: String) throws -> [String: Any] {
    let open = "<script type=\"application/json\" id=\"profile-data\">"
    let start = try #require(html.range(of: open)).upperBound
    let end = try #require(html.range(of: "</script>", range: start..<html.endIndex)).lowerBound
    return try #require(try JSONSerialization.jsonObject(with: Data(html[start..<end].utf8)) as? [String: Any])
}

@Suite("d3-flamegraph JSON")
struct D3FlameGraphTests {
    @Test("the tree has one node per stack prefix; each node's own value is its folded line's, the root the total",
          arguments: ["go1.19/busy/cpu.pb.gz", "go1.19/leaky/heap.debug0.pb.gz", "go1.19/leaky/goroutine.debug1.txt"])
    func treeMatchesFolded(fixture: String) throws {
        let p = try Fixture.decode(fixture).profile
        var folded: [String: Int64] = [:]
        for line in try written(p, as: FoldedFormat.self).split(separator: "\n") {
            let space = try #require(line.lastIndex(of: " "))
            folded[String(line[..<space]), default: 0] += try #require(Int64(line[line.index(after: space)...]))
        }
        let root = try #require(try JSONSerialization.jsonObject(with: Data(try written(p, as: D3FlameGraphFormat.self).utf8)) as? [String: Any])
        #expect(root["name"] as? String == "root")
        #expect((root["value"] as? NSNumber)?.int64Value == p.totals()[p.defaultSampleIndex])
        var seen: [String: Int64] = [:]
        var stack: [([String: Any], String)] = [(root, "")]
        while let (node, path) = stack.popLast() {
            let children = try #require(node["children"] as? [[String: Any]])
            let names = children.map { $0["name"] as? String ?? "" }
            #expect(names == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } && Set(names).count == names.count,
                    "children of \(path) are distinct and in name order")
            let value = (node["value"] as? NSNumber)?.int64Value ?? -1
            let childSum = children.reduce(Int64(0)) { $0 + (($1["value"] as? NSNumber)?.int64Value ?? 0) }
            if !path.isEmpty && value > childSum { seen[path] = value - childSum }
            #expect(value >= childSum)
            for (c, name) in zip(children, names) { stack.append((c, path.isEmpty ? name : path + ";" + name)) }
        }
        #expect(seen == folded)
    }
}

@Suite("HTML report")
struct ReportTests {
    func page(_ profile: Profile, fraction: Double = 0.005, demangle: DemangleMode = .default) throws -> String {
        var options = WriteOptions()
        options[ReportOptions.self].nodeFraction = fraction
        options[ReportOptions.self].demangle = demangle
        options.context.sources = ["in.folded"]
        return try written(profile, as: ReportFormat.self, options: options)
    }

    @Test("the same input gives the same bytes")
    func deterministic() throws {
        let p = try Fixture.decode("go1.19/busy/cpu.pb.gz").profile
        #expect(try page(p) == page(p))
        let again = try Fixture.decode("go1.19/busy/cpu.pb.gz").profile
        #expect(try page(p) == page(again))
    }

    @Test("every sample type is embedded with its total; the default is the profile's")
    func columns() throws {
        let p = try Fixture.decode("go1.19/leaky/heap.debug0.pb.gz").profile
        let data = try reportData(try page(p))
        let columns = try #require(data["columns"] as? [[String: Any]])
        #expect(columns.map { $0["name"] as? String } == ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"])
        #expect(columns.map { ($0["total"] as? NSNumber)?.int64Value } == p.totals().map { $0 })
        #expect(data["default"] as? Int == p.defaultSampleIndex)
    }

    @Test("a page fetches nothing: no http(s) reference but the SVG namespace name, and a CSP that forbids loads")
    func offline() throws {
        let html = try page(try Fixture.decode("go1.19/busy/cpu.pb.gz").profile)
        let stripped = html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        #expect(!stripped.contains("http://") && !stripped.contains("https://"))
        #expect(html.contains("default-src 'none'"))
    }

    @Test("hostile names stay inside the JSON block: no </script>, <!-- or raw U+2028 in the page, names intact", arguments: hostileNames)
    func inert(name: String) throws {
        let p = try readText("main;\(name);leaf 5\nmain;\(name) 3\nother 2\n", format: FoldedFormat.self).profile
        // Names as stored: pprof's default simplification would cut `<…>` out of C++-like names.
        let html = try page(p, demangle: .none)
        #expect(html.components(separatedBy: "</script>").count == 3, "only the two real script blocks end")
        #expect(!html.contains("<!--"))
        #expect(!html.contains("\u{2028}"))
        let data = try reportData(html)
        let names = try #require(data["names"] as? [String])
        #expect(names.contains(name))
    }

    @Test("frames under --nodefraction are left out and counted; their value stays in the caller")
    func pruning() throws {
        // main 10 (a 6, b 3, c 1), other 90: at 2 %, c (1 %) goes.
        let p = try readText("main;a 6\nmain;b 3\nmain;c 1\nother 90\n", format: FoldedFormat.self).profile
        let data = try reportData(try page(p, fraction: 0.02))
        let prune = try #require(data["prune"] as? [String: Any])
        #expect(prune["droppedNodes"] as? Int == 1 && prune["nodes"] as? Int == 5)
        let names = try #require(data["names"] as? [String])
        let tree = try #require(data["tree"] as? [String: Any])
        let nodeNames = try #require(tree["name"] as? [Int]).map { $0 < 0 ? "" : names[$0] }
        let values = try #require((tree["values"] as? [[Int]])?.first)
        #expect(nodeNames == ["", "main", "a", "b", "other"])
        #expect(values == [100, 10, 6, 3, 90])
    }

    @Test("the page cuts where its call graph cuts: pprof's total × fraction rounded down, so both keep a 0.42 % frame")
    func pruningAsCallGraph() throws {
        // 236 in all: 0.5 % is 1.18, which pprof (and the call graph) round down to 1.
        let p = try readText("main;big 235\nmain;small 1\n", format: FoldedFormat.self).profile
        let data = try reportData(try page(p, fraction: 0.005))
        let prune = try #require(data["prune"] as? [String: Any])
        #expect(prune["droppedNodes"] as? Int == 0 && prune["cutoff"] as? [Int] == [1])
        let names = try #require(data["names"] as? [String])
        #expect(names.contains("small"))
        let graph = try #require(data["callgraph"] as? String)
        #expect(graph.contains("<title>small&#10;"))
    }

    @Test("top: flat and cum per function as pprof counts them, recursion once")
    func top() throws {
        let p = try readText("a;b;a 3\na 2\nc 5\n", format: FoldedFormat.self).profile
        let data = try reportData(try page(p, fraction: 0))
        let names = try #require(data["names"] as? [String])
        let top = try #require(data["top"] as? [String: Any])
        let rows = try #require(top["name"] as? [Int]).map { names[$0] }
        let flat = try #require((top["flat"] as? [[Int]])?.first), cum = try #require((top["cum"] as? [[Int]])?.first)
        let byName = Dictionary(uniqueKeysWithValues: rows.indices.map { (rows[$0], [flat[$0], cum[$0]]) })
        #expect(byName == ["a": [5, 5], "b": [0, 3], "c": [5, 5]])
        #expect(rows == ["a", "c", "b"], "flat descending, then name")
    }

    @Test("a goroutine dump gets a state breakdown")
    func states() throws {
        let p = try Fixture.decode("go1.19/leakgrow/snap3.goroutine.debug2.txt").profile
        let data = try reportData(try page(p))
        let states = try #require(data["states"] as? [[Any]])
        #expect(states.first?.first as? String == "chan receive")
        #expect(states.reduce(0) { $0 + (($1[1] as? Int) ?? 0) } == Int(p.totals()[0]))
    }

    @Test("a leak page ranks groups as LeakAnalysis does, with counts per snapshot and a growth column")
    func leakPage() throws {
        let snapshots = try (1...3).map { k in
            LeakAnalysis.Snapshot(name: "snap\(k)", profile: try Fixture.decode("go1.19/leakgrow/snap\(k).goroutine.debug1.txt").profile)
        }
        let page = try ReportPage.leaks(snapshots, options: LeakAnalysis.Options(), nodeFraction: 0.005)
        let sink = ByteSink()
        try ReportHTML.write(page, to: sink)
        let data = try reportData(String(decoding: sink.bytes, as: UTF8.self))
        let expected = try LeakAnalysis.analyze(snapshots)
        let leaks = try #require(data["leaks"] as? [String: Any])
        let groups = try #require(leaks["groups"] as? [[String: Any]])
        #expect(groups.map { $0["counts"] as? [Int] ?? [] } == expected.groups.map { $0.counts.map { Int($0) } })
        let names = try #require(data["names"] as? [String])
        #expect(groups.map { ($0["frames"] as? [Int] ?? []).map { names[$0] } } == expected.groups.map(\.frames))
        let columns = try #require(data["columns"] as? [[String: Any]])
        #expect(columns.map { $0["name"] as? String } == ["growth", "snap1", "snap2", "snap3"])
        // Growth: where a stack grew, last − first; the total is the sum over stacks that grew.
        #expect((columns[0]["total"] as? Int ?? 0) >= expected.groups.reduce(0) { $0 + Int(max(0, $1.growth)) })
    }
}
