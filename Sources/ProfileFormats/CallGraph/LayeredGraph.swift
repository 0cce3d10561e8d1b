/// A ranked graph made proper: every edge spanning several ranks becomes a
/// chain through virtual nodes, one per rank crossed, so each edge joins
/// adjacent ranks. Real nodes keep their indices; virtual ones follow.
struct LayeredGraph {
    var rank: [Int]
    var width: [Double]
    var realCount: Int
    /// Neighbours one rank above and below, with the weight of the edge.
    var up: [[(node: Int, weight: Int)]]
    var down: [[(node: Int, weight: Int)]]
    /// For each input edge (drawn downward), its nodes from top to bottom.
    var chains: [[Int]]
    var rankCount: Int

    var count: Int { rank.count }
    func isVirtual(_ v: Int) -> Bool { v >= realCount }

    /// `edges` must point down (rank of head > rank of tail).
    init(rank: [Int], widths: [Double], edges: [(tail: Int, head: Int)], weights: [Int], virtualWidth: Double) {
        self.rank = rank
        width = widths
        realCount = rank.count
        up = [[(node: Int, weight: Int)]](repeating: [], count: rank.count)
        down = up
        chains = []
        rankCount = (rank.max() ?? -1) + 1
        for (k, e) in edges.enumerated() {
            var chain = [e.tail]
            var prev = e.tail
            for r in (self.rank[e.tail] + 1)..<max(self.rank[e.tail] + 1, self.rank[e.head]) {
                let d = self.rank.count
                self.rank.append(r)
                width.append(virtualWidth)
                up.append([]); down.append([])
                link(prev, d, weights[k])
                chain.append(d)
                prev = d
            }
            link(prev, e.head, weights[k])
            chain.append(e.head)
            chains.append(chain)
        }
    }

    private mutating func link(_ a: Int, _ b: Int, _ w: Int) {
        down[a].append((b, w))
        up[b].append((a, w))
    }
}
