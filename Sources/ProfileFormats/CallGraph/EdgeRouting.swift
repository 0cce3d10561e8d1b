/// Edge paths of a layered drawing. Inside a rank's band an edge runs
/// straight down (boxes and virtual nodes keep their separation, so a
/// vertical line there touches no box); between bands it curves from one
/// point to the next with vertical tangents, and nothing but edges lives
/// between bands. So no edge passes through a box. Edges leave a box from
/// points spread along its bottom (in the order of their other ends, which
/// keeps them from crossing at the box) and enter along its top; paths end
/// on the border, where the arrowhead's tip goes.
struct EdgeRouting {
    /// The points of each chain, top end first.
    var routes: [[(x: Double, y: Double)]] = []
    /// Where each chain's label goes (left end, vertical middle), by ``LabelPlacement``.
    var labels: [(x: Double, y: Double)] = []

    /// `bandTop`/`bandBottom` per rank; `height` per real node (centred in its
    /// band); `labelWidths` per chain, and the order to place labels in.
    init(_ g: LayeredGraph, x: [Double], bandTop: [Double], bandBottom: [Double], height: [Double],
         labelWidths: [Double], labelHeight: Double, labelOrder: [Int]) {
        let centre = (0..<g.realCount).map { (bandTop[g.rank[$0]] + bandBottom[g.rank[$0]]) / 2 }
        // Ports: spread each box's edges over the middle of its bottom and top sides.
        var bottomPort = [Double](repeating: 0, count: g.chains.count)
        var topPort = bottomPort
        var leaving = [[Int]](repeating: [], count: g.realCount), entering = leaving
        for (k, chain) in g.chains.enumerated() {
            leaving[chain[0]].append(k)
            entering[chain[chain.count - 1]].append(k)
        }
        func spread(_ list: [Int], at v: Int, by other: (Int) -> Int, into port: inout [Double]) {
            let sorted = list.sorted { (x[other($0)], $0) < (x[other($1)], $1) }
            let span = min(g.width[v] * 0.6, Double(sorted.count - 1) * 8)
            for (i, k) in sorted.enumerated() {
                port[k] = x[v] + (sorted.count == 1 ? 0 : span * (Double(i) / Double(sorted.count - 1) - 0.5))
            }
        }
        for v in 0..<g.realCount {
            spread(leaving[v], at: v, by: { g.chains[$0][1] }, into: &bottomPort)
            spread(entering[v], at: v, by: { g.chains[$0][g.chains[$0].count - 2] }, into: &topPort)
        }
        var requests: [LabelPlacement.Request] = []
        for (k, chain) in g.chains.enumerated() {
            let a = chain[0], b = chain[chain.count - 1]
            var pts: [(x: Double, y: Double)] = [(bottomPort[k], centre[a] + height[a] / 2)]
            pts.append((bottomPort[k], bandBottom[g.rank[a]]))
            for v in chain.dropFirst().dropLast() {
                pts.append((x[v], bandTop[g.rank[v]]))
                pts.append((x[v], bandBottom[g.rank[v]]))
            }
            pts.append((topPort[k], bandTop[g.rank[b]]))
            pts.append((topPort[k], centre[b] - height[b] / 2))
            // Gaps are between points 1→2, 3→4, …; the label goes in the middle one.
            let gaps = (pts.count - 2) / 2
            let middle = (gaps - 1) / 2, i = 1 + 2 * middle
            requests.append(.init(gap: g.rank[a] + middle, top: pts[i], bottom: pts[i + 1], width: labelWidths[k]))
            routes.append(pts)
        }
        labels = LabelPlacement.place(requests, order: labelOrder, height: labelHeight)
    }
}
