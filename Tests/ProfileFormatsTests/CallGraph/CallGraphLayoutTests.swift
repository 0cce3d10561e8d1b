@testable import ProfileFormats
import ProfileCore
import Testing

/// The steps of the dot-like call-graph layout, each on a graph small enough
/// to know the right answer, and the whole layout on a real profile.
@Suite("Call-graph layout")
struct CallGraphLayoutTests {
    typealias E = NetworkSimplex.Edge

    @Test("cycle breaking reverses the light edge of a two-node cycle, whichever comes first")
    func cycleBreakingKeepsHeavyDirection() {
        let heavyFirst = CycleBreaking.reversedEdges(nodeCount: 2, edges: [(0, 1), (1, 0)], weights: [10, 1])
        #expect(heavyFirst == [false, true])
        let heavySecond = CycleBreaking.reversedEdges(nodeCount: 2, edges: [(0, 1), (1, 0)], weights: [1, 10])
        #expect(heavySecond == [true, false])
    }

    @Test("network simplex pulls a lone caller next to its callee, where longest path leaves it at the top")
    func networkSimplexShortensEdges() {
        // a→b→c→d and e→d: longest path puts e at rank 0, three ranks above d.
        let edges = [E(tail: 0, head: 1, weight: 1, minLength: 1), E(tail: 1, head: 2, weight: 1, minLength: 1),
                     E(tail: 2, head: 3, weight: 1, minLength: 1), E(tail: 4, head: 3, weight: 1, minLength: 1)]
        #expect(NetworkSimplex.ranks(nodeCount: 5, edges: edges) == [0, 1, 2, 3, 2])
    }

    @Test("network simplex weighs spans: a node between two ranks sits next to its heavier neighbour")
    func networkSimplexWeighs() {
        // 0→1→2→3, and 0→4→3: node 4 may sit at rank 1 or 2; the heavier of its edges decides.
        func rank4(_ above: Int, _ below: Int) -> Int {
            let edges = [E(tail: 0, head: 1, weight: 1, minLength: 1), E(tail: 1, head: 2, weight: 1, minLength: 1),
                         E(tail: 2, head: 3, weight: 1, minLength: 1), E(tail: 0, head: 4, weight: above, minLength: 1),
                         E(tail: 4, head: 3, weight: below, minLength: 1)]
            return NetworkSimplex.ranks(nodeCount: 5, edges: edges)[4]
        }
        #expect(rank4(5, 1) == 1)
        #expect(rank4(1, 5) == 2)
    }

    @Test("ordering removes a crossing the initial order has")
    func orderingUncrosses() {
        // Ranks: {0, 1} above {2, 3}; 0→3 and 1→2 cross unless a rank is swapped.
        let g = LayeredGraph(rank: [0, 0, 1, 1], widths: [10, 10, 10, 10], edges: [(0, 3), (1, 2)], weights: [1, 1], virtualWidth: 2)
        let rows = LayerOrdering.order(g)
        var position = [Int](repeating: 0, count: 4)
        for row in rows { for (i, v) in row.enumerated() { position[v] = i } }
        #expect(LayerOrdering.crossings(g, rows, position) == 0)
        #expect(LayerOrdering.crossings(g, [[0, 1], [2, 3]], [0, 1, 0, 1]) == 1)
    }

    @Test("a long edge goes through virtual nodes that Brandes–Köpf keeps in one vertical line")
    func longEdgesAreStraight() {
        // 0→1→2→3 beside 0→3: the long edge has two virtual nodes.
        let g = LayeredGraph(rank: [0, 1, 2, 3], widths: [40, 40, 40, 40], edges: [(0, 1), (1, 2), (2, 3), (0, 3)],
                             weights: [1, 1, 1, 1], virtualWidth: 2)
        #expect(g.count == 6)
        let rows = LayerOrdering.order(g)
        let x = BrandesKopf.coordinates(g, rows: rows) { a, b in (g.width[a] + g.width[b]) / 2 + 10 }
        #expect(x[4] == x[5])
        #expect(x[1] == x[2])
        #expect(abs(x[4] - x[1]) >= 20 + 1 + 10)  // beside the chain, at least the separation away
        #expect(min(x[1], x[4]) < x[0] && x[0] < max(x[1], x[4]))  // the caller sits above both of its edges
    }

    @Test("disconnected components are packed side by side, tallest first, in rows about √(total area) wide")
    func componentsArePacked() {
        // Areas with gaps: 110×60 + 90×310 + 70×60 = 38,700; rows up to √(1.5 × 38,700) ≈ 241 wide.
        let corners = ComponentPacking.offsets(sizes: [(100, 50), (80, 300), (60, 50)], gap: 10)
        #expect(corners[1] == (0, 0))
        #expect(corners[0] == (90, 0))
        #expect(corners[2] == (0, 310))  // 200 + 60 would pass 241: the next row, below the tallest
    }

    @Test("the legend wraps to the drawing's width and cuts words longer than a line")
    func legendWraps() {
        let legend = CallGraphLegend(["File: " + String(repeating: "x", count: 100), "Type: cpu"], availableWidth: 300)
        let limit = Int((300 - 2 * CallGraphLegend.padding) / (CallGraphLegend.fontSize * CallGraphSVGFormat.charWidth))
        #expect(legend.lines.count == 3)
        #expect(legend.lines.allSatisfy { $0.unicodeScalars.count <= limit })
        #expect(legend.width <= 300)
    }

    @Test("on the busy CPU profile: callers above callees, edges clear of boxes, labels off boxes, arrows on borders")
    func drawingOfRealProfile() throws {
        let p = try Fixture.decode("go1.19/busy/cpu.pb.gz").profile
        var options = WriteOptions()
        options[ReportOptions.self].nodeFraction = 0
        let d = try CallGraphSVGFormat.drawing(p, options: options)
        let l = d.layout, boxes = l.boxes
        for (k, e) in d.graph.edges.enumerated() where e.caller != e.callee {
            let route = l.routes[k]
            let from = boxes[e.caller], to = boxes[e.callee]
            // Ends on the borders: the caller's bottom (or top, drawn upward) and the callee's top (or bottom).
            #expect(route[0].y == from.maxY || route[0].y == from.minY)
            #expect(route[route.count - 1].y == to.minY || route[route.count - 1].y == to.maxY)
            #expect(route[route.count - 1].x >= to.minX && route[route.count - 1].x <= to.maxX)
            // Sampled along the drawn curve, no point is strictly inside any box.
            for i in 1..<route.count {
                for t in stride(from: 0.0, through: 1.0, by: 0.05) {
                    let q = LabelPlacement.point(route[i - 1], route[i], t)
                    for b in boxes {
                        #expect(!(q.x > b.minX + 0.5 && q.x < b.maxX - 0.5 && q.y > b.minY + 0.5 && q.y < b.maxY - 0.5),
                                "edge \(k) passes through a box at \(q)")
                    }
                }
            }
            let at = l.labels[k]
            let w = Double(d.valueFormatter(e.weight).unicodeScalars.count) * CallGraphSVGFormat.edgeLabelSize * CallGraphSVGFormat.charWidth
            let label = LayeredLayout.Box(x: at.x + w / 2, y: at.y, width: w, height: CallGraphSVGFormat.edgeLabelSize)
            #expect(!boxes.contains { $0.overlaps(label) }, "label of edge \(k) lies on a box")
        }
        #expect(boxes.allSatisfy { $0.minX >= 0 && $0.maxX <= l.width && $0.minY >= 0 && $0.maxY <= l.height })
    }

    @Test("the same profile gives the same drawing, byte for byte")
    func deterministic() throws {
        let p = try Fixture.decode("go1.19/leakgrow/snap1.goroutine.debug0.pb.gz").profile
        let a = try written(p, as: CallGraphSVGFormat.self), b = try written(p, as: CallGraphSVGFormat.self)
        #expect(a == b)
        #expect(a.contains("viewBox=\"0 0 "))
    }
}
