/// The order of nodes within each rank (dot's mincross): an initial order by
/// breadth-first search from the heaviest roots, then weighted-median sweeps
/// down and up, each followed by the transposition heuristic, keeping the
/// order with the fewest crossings seen. Runs dot's default 24 iterations,
/// stopping early when crossings reach zero or stop improving.
enum LayerOrdering {
    static let iterations = 24
    static let patience = 8

    /// Nodes plus edges of the proper graph above which the sweeps are cut
    /// short (a graph that big is not read box by box, but must still be drawn quickly).
    static let workBudget = 60_000

    static func order(_ g: LayeredGraph) -> [[Int]] {
        let work = g.count + g.up.reduce(0) { $0 + $1.count }
        let iterations = work <= workBudget ? Self.iterations : max(2, Self.iterations * workBudget / work)
        // A transposition pass compares each neighbour pair's edges, so it costs about Σ degree².
        var pairWork = 0
        for v in 0..<g.count {
            let u = g.up[v].count, d = g.down[v].count
            pairWork += u * u + d * d
        }
        let transposing = work <= 4 * workBudget && pairWork <= 50 * workBudget
        var best = initialOrder(g, fromTop: true)
        let bestCrossings = improve(g, &best, iterations: iterations, transposing: transposing)
        if bestCrossings > 0 && work <= workBudget {
            var other = initialOrder(g, fromTop: false)
            if improve(g, &other, iterations: iterations, transposing: transposing) < bestCrossings { best = other }
        }
        return best
    }

    /// Breadth-first from the sources (or sinks), heaviest first: nodes that
    /// call each other start next to each other.
    static func initialOrder(_ g: LayeredGraph, fromTop: Bool) -> [[Int]] {
        var rows = [[Int]](repeating: [], count: g.rankCount)
        var seen = [Bool](repeating: false, count: g.count)
        let inward = fromTop ? g.up : g.down, outward = fromTop ? g.down : g.up
        func mass(_ v: Int) -> Int { outward[v].reduce(0) { $0 + $1.weight } }
        let starts = (0..<g.realCount).filter { inward[$0].isEmpty }.sorted { (mass($0), -$0) > (mass($1), -$1) }
            + Array(0..<g.count)
        for s in starts where !seen[s] {
            seen[s] = true
            var queue = [s], head = 0
            while head < queue.count {
                let v = queue[head]; head += 1
                rows[g.rank[v]].append(v)
                for (w, _) in (outward[v] + inward[v]).sorted(by: { ($0.weight, -$0.node) > ($1.weight, -$1.node) }) where !seen[w] {
                    seen[w] = true
                    queue.append(w)
                }
            }
        }
        return rows
    }

    /// Sweeps from `rows`; leaves the best order in `rows` and returns its crossings.
    static func improve(_ g: LayeredGraph, _ rows: inout [[Int]], iterations: Int, transposing: Bool) -> Int {
        var position = [Int](repeating: 0, count: g.count)
        func renumber(_ r: Int) { for (i, v) in rows[r].enumerated() { position[v] = i } }
        for r in rows.indices { renumber(r) }
        var best = rows, bestCrossings = crossings(g, rows, position)
        var stale = 0
        for iteration in 0..<iterations where bestCrossings > 0 && stale < patience {
            let downward = iteration % 2 == 0
            let ranks = downward ? Array(1..<max(1, rows.count)) : Array((0..<max(0, rows.count - 1)).reversed())
            for r in ranks {
                medianSort(&rows[r], neighbours: downward ? g.up : g.down, position: position)
                renumber(r)
            }
            // As dot does, every other iteration also swaps pairs that tie, to leave plateaus.
            if transposing { transpose(g, &rows, &position, swapTies: iteration % 4 >= 2) }
            let c = crossings(g, rows, position)
            if c < bestCrossings {
                best = rows
                bestCrossings = c
                stale = 0
            } else {
                stale += 1
            }
        }
        rows = best
        return bestCrossings
    }

    /// The paper's weighted median of the neighbours' positions, or nil without neighbours.
    static func median(_ ns: [(node: Int, weight: Int)], _ position: [Int]) -> Double? {
        let p = ns.map { Double(position[$0.node]) }.sorted()
        let m = p.count / 2
        switch p.count {
        case 0: return nil
        case _ where p.count % 2 == 1: return p[m]
        case 2: return (p[0] + p[1]) / 2
        default:
            let left = p[m - 1] - p[0], right = p[p.count - 1] - p[m]
            return left + right == 0 ? (p[m - 1] + p[m]) / 2 : (p[m - 1] * right + p[m] * left) / (left + right)
        }
    }

    /// Sorts a rank by median; nodes without neighbours on that side keep their places.
    static func medianSort(_ row: inout [Int], neighbours: [[(node: Int, weight: Int)]], position: [Int]) {
        var movable: [(key: Double, at: Int, node: Int)] = []
        var fixed = [Bool](repeating: false, count: row.count)
        for (i, v) in row.enumerated() {
            if let m = median(neighbours[v], position) { movable.append((m, i, v)) } else { fixed[i] = true }
        }
        movable.sort { ($0.key, $0.at) < ($1.key, $1.at) }
        var next = 0
        for i in row.indices where !fixed[i] {
            row[i] = movable[next].node
            next += 1
        }
    }

    /// Swaps neighbours in a rank while that lowers the crossings with both
    /// adjacent ranks (with `swapTies`, also when it keeps them equal, once per pair per pass).
    static func transpose(_ g: LayeredGraph, _ rows: inout [[Int]], _ position: inout [Int], swapTies: Bool) {
        var improved = true
        var passes = 0
        while improved && passes < 16 {
            improved = false
            passes += 1
            for r in rows.indices {
                let row = rows[r]
                guard row.count > 1 else { continue }
                for i in 0..<(row.count - 1) {
                    let u = rows[r][i], v = rows[r][i + 1]
                    let now = pairCrossings(u, v, g, position), swapped = pairCrossings(v, u, g, position)
                    if swapped < now || (swapTies && passes == 1 && now > 0 && swapped == now) {
                        rows[r][i] = v; rows[r][i + 1] = u
                        position[v] = i; position[u] = i + 1
                        improved = improved || swapped < now
                    }
                }
            }
        }
    }

    /// Crossings between the edges of `u` and of `v` when `u` is left of `v`.
    static func pairCrossings(_ u: Int, _ v: Int, _ g: LayeredGraph, _ position: [Int]) -> Int {
        var c = 0
        for side in [g.up, g.down] {
            for a in side[u] {
                for b in side[v] where position[a.node] > position[b.node] { c += 1 }
            }
        }
        return c
    }

    /// Crossings between all adjacent ranks: inversions of the lower ends when
    /// edges are sorted by their upper ends (counted with a Fenwick tree).
    static func crossings(_ g: LayeredGraph, _ rows: [[Int]], _ position: [Int]) -> Int {
        var total = 0
        for r in 0..<max(0, rows.count - 1) {
            var ends: [(Int, Int)] = []
            for v in rows[r] { for w in g.down[v] { ends.append((position[v], position[w.node])) } }
            ends.sort { $0 < $1 }
            let size = rows[r + 1].count
            var tree = [Int](repeating: 0, count: size + 1)
            var seen = 0
            for (_, b) in ends {
                // Edges already seen that end right of b cross this one.
                var i = b + 1, notRight = 0
                while i > 0 { notRight += tree[i]; i -= i & -i }
                total += seen - notRight
                i = b + 1
                while i <= size { tree[i] += 1; i += i & -i }
                seen += 1
            }
        }
        return total
    }
}
