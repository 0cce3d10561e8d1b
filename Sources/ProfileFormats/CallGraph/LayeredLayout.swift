/// A layered drawing of a directed graph, callers above callees, after dot
/// (Gansner, Koutsofios, North and Vo, "A Technique for Drawing Directed
/// Graphs", 1993): `CycleBreaking`, ranks by `NetworkSimplex`, virtual
/// nodes (`LayeredGraph`), `LayerOrdering`, x by `BrandesKopf`,
/// `EdgeRouting`, and `ComponentPacking` of the connected components.
///
/// Everything is iterative: no recursion over graph size. The result depends
/// only on the input (ties are broken by index), so drawings are byte-identical.
public struct LayeredLayout: Sendable {
    /// A box's centre and size.
    public struct Box: Sendable, Equatable {
        /// The centre and the size.
        public var x: Double, y: Double, width: Double, height: Double
        /// The left edge.
        public var minX: Double { x - width / 2 }
        /// The right edge.
        public var maxX: Double { x + width / 2 }
        /// The top edge.
        public var minY: Double { y - height / 2 }
        /// The bottom edge.
        public var maxY: Double { y + height / 2 }
        /// Whether the two boxes share any area.
        public func overlaps(_ o: Box) -> Bool {
            minX < o.maxX && o.minX < maxX && minY < o.maxY && o.minY < maxY
        }
    }

    /// Node boxes, in input order.
    public private(set) var boxes: [Box]
    /// For each input edge, the points its curve passes through, caller end
    /// first (consecutive points are joined with vertical tangents); empty for self calls.
    public private(set) var routes: [[(x: Double, y: Double)]]
    /// For each input edge, where its label starts (left end, vertical middle).
    public private(set) var labels: [(x: Double, y: Double)]
    /// The drawing's width.
    public private(set) var width: Double
    /// The drawing's height.
    public private(set) var height: Double

    /// Space between neighbouring boxes, and between a box or edge and an edge.
    public static let nodeGap = 18.0
    static let virtualGap = 10.0
    static let virtualWidth = 4.0
    static let margin = 12.0

    /// Lays out nodes of the given sizes joined by `edges` (caller, callee).
    /// Heavier `weights` (default 1) pull their ends closer and straighter;
    /// `labelWidths` (default none) and `labelHeight` are the sizes of the edge
    /// labels: the height sets the gap between ranks, and the drawing is wide
    /// enough for them.
    public init(sizes: [(width: Double, height: Double)], edges: [(Int, Int)], weights: [Int]? = nil,
                labelWidths: [Double]? = nil, labelHeight: Double = 12) {
        let n = sizes.count
        let weights = weights ?? [Int](repeating: 1, count: edges.count)
        let labelWidths = labelWidths ?? [Double](repeating: 0, count: edges.count)
        let asPairs = edges.map { (tail: $0.0, head: $0.1) }
        let reversed = CycleBreaking.reversedEdges(nodeCount: n, edges: asPairs, weights: weights)
        let rankGap = max(36, 2 * labelHeight + 16)

        boxes = sizes.map { Box(x: 0, y: 0, width: $0.width, height: $0.height) }
        routes = [[(x: Double, y: Double)]](repeating: [], count: edges.count)
        labels = [(x: Double, y: Double)](repeating: (0, 0), count: edges.count)
        var parts: [Component] = []
        for members in Self.components(n, asPairs) {
            parts.append(Component(members: members, sizes: sizes, edges: asPairs, reversed: reversed, weights: weights,
                                   labelWidths: labelWidths, labelHeight: labelHeight, rankGap: rankGap))
        }
        let corner = ComponentPacking.offsets(sizes: parts.map { ($0.width, $0.height) }, gap: 2 * Self.nodeGap)
        for (c, part) in parts.enumerated() {
            let dx = corner[c].x + Self.margin, dy = corner[c].y + Self.margin
            for (i, v) in part.members.enumerated() {
                boxes[v].x = part.boxCentres[i].x + dx
                boxes[v].y = part.boxCentres[i].y + dy
            }
            for (k, route) in part.routes {
                routes[k] = route.map { ($0.x + dx, $0.y + dy) }
            }
            for (k, label) in part.labels { labels[k] = (label.x + dx, label.y + dy) }
        }
        width = (parts.indices.map { corner[$0].x + parts[$0].width }.max() ?? 0) + 2 * Self.margin
        height = (parts.indices.map { corner[$0].y + parts[$0].height }.max() ?? 0) + 2 * Self.margin
    }

    /// Connected components (edges taken both ways), each listed in index order; components ordered by first node.
    static func components(_ n: Int, _ edges: [(tail: Int, head: Int)]) -> [[Int]] {
        var adjacent = [[Int]](repeating: [], count: n)
        for e in edges where e.tail != e.head {
            adjacent[e.tail].append(e.head)
            adjacent[e.head].append(e.tail)
        }
        var component = [Int](repeating: -1, count: n)
        var result: [[Int]] = []
        for s in 0..<n where component[s] < 0 {
            var members = [s], stack = [s]
            component[s] = result.count
            while let v = stack.popLast() {
                for w in adjacent[v] where component[w] < 0 {
                    component[w] = result.count
                    members.append(w)
                    stack.append(w)
                }
            }
            result.append(members.sorted())
        }
        return result
    }
}

/// One connected component drawn on its own, with its top-left corner at (0, 0).
private struct Component {
    let members: [Int]
    var boxCentres: [(x: Double, y: Double)] = []
    var routes: [(Int, [(x: Double, y: Double)])] = []
    var labels: [(Int, (x: Double, y: Double))] = []
    var width = 0.0, height = 0.0

    init(members: [Int], sizes: [(width: Double, height: Double)], edges: [(tail: Int, head: Int)],
         reversed: [Bool], weights: [Int], labelWidths: [Double], labelHeight: Double, rankGap: Double) {
        self.members = members
        var local = [Int: Int]()
        for (i, v) in members.enumerated() { local[v] = i }
        // Edges inside the component pointing down, and which input edge each is.
        var down: [(tail: Int, head: Int)] = [], downWeights: [Int] = [], original: [Int] = []
        for (k, e) in edges.enumerated() where e.tail != e.head {
            guard let a = local[e.tail], let b = local[e.head] else { continue }
            down.append(reversed[k] ? (b, a) : (a, b))
            downWeights.append(weights[k])
            original.append(k)
        }
        let rank = NetworkSimplex.ranks(nodeCount: members.count, edges: down.indices.map {
            NetworkSimplex.Edge(tail: down[$0].tail, head: down[$0].head, weight: downWeights[$0], minLength: 1)
        })
        let g = LayeredGraph(rank: rank, widths: members.map { sizes[$0].width }, edges: down, weights: downWeights,
                             virtualWidth: LayeredLayout.virtualWidth)
        let rows = LayerOrdering.order(g)
        let realCount = g.realCount
        let separation = { (a: Int, b: Int) -> Double in
            (g.width[a] + g.width[b]) / 2 + (a < realCount && b < realCount ? LayeredLayout.nodeGap : LayeredLayout.virtualGap)
        }
        var x = BrandesKopf.coordinates(g, rows: rows, separation: separation)
        let minX = (0..<g.count).map { x[$0] - g.width[$0] / 2 }.min() ?? 0
        x = x.map { $0 - minX }
        width = (0..<g.count).map { x[$0] + g.width[$0] / 2 }.max() ?? 0

        // Bands: each rank as tall as its tallest box, ranks rankGap apart.
        var bandTop = [Double](repeating: 0, count: g.rankCount), bandBottom = bandTop
        var cursor = 0.0
        for r in 0..<g.rankCount {
            let tallest = rows[r].filter { $0 < realCount }.map { sizes[members[$0]].height }.max() ?? 0
            bandTop[r] = cursor
            bandBottom[r] = cursor + tallest
            cursor += tallest + rankGap
        }
        height = max(0, cursor - rankGap)
        boxCentres = (0..<realCount).map { (x[$0], (bandTop[rank[$0]] + bandBottom[rank[$0]]) / 2) }
        let heights = members.map { sizes[$0].height }
        var minLabelX = 0.0
        let heaviestFirst = original.indices.sorted { (-downWeights[$0], $0) < (-downWeights[$1], $1) }
        let routing = EdgeRouting(g, x: x, bandTop: bandTop, bandBottom: bandBottom, height: heights,
                                  labelWidths: original.map { labelWidths[$0] }, labelHeight: labelHeight, labelOrder: heaviestFirst)
        for (j, k) in original.enumerated() {
            let pts = routing.routes[j]
            routes.append((k, reversed[k] ? pts.reversed() : pts))
            labels.append((k, routing.labels[j]))
            // Labels may stick out on either side: the component grows to hold them.
            minLabelX = min(minLabelX, routing.labels[j].x)
            width = max(width, routing.labels[j].x + labelWidths[k])
        }
        if minLabelX < 0 {
            boxCentres = boxCentres.map { ($0.x - minLabelX, $0.y) }
            routes = routes.map { ($0.0, $0.1.map { ($0.x - minLabelX, $0.y) }) }
            labels = labels.map { ($0.0, ($0.1.x - minLabelX, $0.1.y)) }
            width -= minLabelX
        }
    }
}
