/// Ranking by network simplex (Gansner et al., "A Technique for Drawing
/// Directed Graphs", 1993, section 2): integer ranks that minimise
/// Σ weight × (rank(head) − rank(tail)) subject to rank(head) − rank(tail) ≥
/// minLength. Longest-path ranking satisfies the constraints too but
/// stretches edges; this moves nodes toward what they connect to.
///
/// The graph must be connected and acyclic. Every pass is iterative (no
/// recursion on graph size); the tree's numbering and cut values are
/// recomputed after each exchange, which keeps the code short and is fast
/// enough for the thousand-node graphs profconv draws.
struct NetworkSimplex {
    struct Edge {
        var tail: Int, head: Int, weight: Int, minLength: Int
    }

    let n: Int
    let edges: [Edge]
    private var incident: [[Int]]
    private(set) var rank: [Int]
    private var inTree: [Bool]
    private var treeIncident: [[Int]] = []
    private var parentEdge: [Int] = []
    private var low: [Int] = [], lim: [Int] = []
    private var cut: [Int] = []

    /// Ranks for `nodeCount` nodes, normalised so the smallest is 0.
    static func ranks(nodeCount: Int, edges: [Edge], maxIterations: Int? = nil) -> [Int] {
        guard nodeCount > 0 else { return [] }
        var s = NetworkSimplex(nodeCount: nodeCount, edges: edges)
        // Each iteration costs O(nodes + edges): dense graphs get fewer (ranks stay feasible, only less tight).
        let budget = max(50, 40_000_000 / (nodeCount + edges.count))
        s.solve(maxIterations: maxIterations ?? min(max(2000, 20 * nodeCount), budget))
        let m = s.rank.min() ?? 0
        return s.rank.map { $0 - m }
    }

    private init(nodeCount: Int, edges: [Edge]) {
        n = nodeCount
        self.edges = edges
        incident = [[Int]](repeating: [], count: nodeCount)
        for (k, e) in edges.enumerated() {
            incident[e.tail].append(k)
            incident[e.head].append(k)
        }
        rank = [Int](repeating: 0, count: nodeCount)
        inTree = [Bool](repeating: false, count: edges.count)
    }

    private func slack(_ k: Int) -> Int { rank[edges[k].head] - rank[edges[k].tail] - edges[k].minLength }

    private mutating func solve(maxIterations: Int) {
        initialRanks()
        feasibleTree()
        var start = 0
        for _ in 0..<maxIterations {
            numberTree()
            computeCutValues()
            guard let leave = leavingEdge(from: &start), let enter = enteringEdge(leave) else { return }
            inTree[leave] = false
            inTree[enter] = true
            buildTreeAdjacency()
            ranksFromTree()
        }
    }

    /// Longest path from the sources (Kahn's order): a feasible start.
    private mutating func initialRanks() {
        var indegree = [Int](repeating: 0, count: n)
        for e in edges { indegree[e.head] += 1 }
        var queue = (0..<n).filter { indegree[$0] == 0 }
        var head = 0
        while head < queue.count {
            let v = queue[head]; head += 1
            for k in incident[v] where edges[k].tail == v {
                let w = edges[k].head
                rank[w] = max(rank[w], rank[v] + edges[k].minLength)
                indegree[w] -= 1
                if indegree[w] == 0 { queue.append(w) }
            }
        }
    }

    /// A spanning tree of tight edges: grow one from node 0 over tight edges;
    /// when it stops, shift the tree by the smallest slack of an edge leaving
    /// it, which makes that edge tight, and grow again.
    private mutating func feasibleTree() {
        var member = [Bool](repeating: false, count: n)
        member[0] = true
        var size = 1
        var frontier = [0]
        while true {
            while let v = frontier.popLast() {
                for k in incident[v] {
                    let w = edges[k].tail == v ? edges[k].head : edges[k].tail
                    if !member[w] && slack(k) == 0 {
                        member[w] = true
                        inTree[k] = true
                        size += 1
                        frontier.append(w)
                    }
                }
            }
            if size == n { break }
            var best = -1, bestSlack = Int.max
            for (k, e) in edges.enumerated() where member[e.tail] != member[e.head] {
                let s = slack(k)
                if s < bestSlack { best = k; bestSlack = s }
            }
            guard best >= 0 else { break }  // not connected: callers pass components
            let delta = member[edges[best].tail] ? bestSlack : -bestSlack
            for v in 0..<n where member[v] { rank[v] += delta }
            frontier = (0..<n).filter { member[$0] }
        }
        buildTreeAdjacency()
    }

    private mutating func buildTreeAdjacency() {
        treeIncident = [[Int]](repeating: [], count: n)
        for (k, e) in edges.enumerated() where inTree[k] {
            treeIncident[e.tail].append(k)
            treeIncident[e.head].append(k)
        }
    }

    /// Ranks implied by the tree: every tree edge tight, node 0 fixed.
    private mutating func ranksFromTree() {
        var seen = [Bool](repeating: false, count: n)
        seen[0] = true
        var stack = [0]
        while let v = stack.popLast() {
            for k in treeIncident[v] {
                let e = edges[k]
                let w = e.tail == v ? e.head : e.tail
                if seen[w] { continue }
                seen[w] = true
                rank[w] = e.tail == v ? rank[v] + e.minLength : rank[v] - e.minLength
                stack.append(w)
            }
        }
    }

    /// Post-order numbers: `lim` of a node, `low` the smallest in its subtree,
    /// so "w is under v" is low[v] ≤ lim[w] ≤ lim[v].
    private mutating func numberTree() {
        parentEdge = [Int](repeating: -1, count: n)
        low = [Int](repeating: 0, count: n)
        lim = [Int](repeating: 0, count: n)
        var next = 1
        var stack: [(node: Int, i: Int)] = [(0, 0)]
        var visited = [Bool](repeating: false, count: n)
        visited[0] = true
        low[0] = 1
        while let (v, i) = stack.last {
            if i < treeIncident[v].count {
                stack[stack.count - 1].i += 1
                let k = treeIncident[v][i]
                let w = edges[k].tail == v ? edges[k].head : edges[k].tail
                if visited[w] { continue }
                visited[w] = true
                parentEdge[w] = k
                low[w] = next
                stack.append((w, 0))
            } else {
                lim[v] = next
                next += 1
                stack.removeLast()
            }
        }
    }

    private func under(_ w: Int, _ v: Int) -> Bool { low[v] <= lim[w] && lim[w] <= lim[v] }

    /// Cut values in post order, each from its children's (the paper's local computation).
    private mutating func computeCutValues() {
        cut = [Int](repeating: 0, count: edges.count)
        let order = (0..<n).sorted { lim[$0] < lim[$1] }
        for v in order {
            let f = parentEdge[v]
            guard f >= 0 else { continue }
            let dir = edges[f].tail == v ? 1 : -1
            var sum = 0
            for k in incident[v] {
                let e = edges[k]
                let other = e.tail == v ? e.head : e.tail
                let outside = !under(other, v)
                var value: Int
                if outside {
                    value = e.weight
                } else {
                    value = (inTree[k] ? cut[k] : 0) - e.weight
                }
                var d = dir > 0 ? (e.head == v ? 1 : -1) : (e.tail == v ? 1 : -1)
                if outside { d = -d }
                if d < 0 { value = -value }
                sum += value
            }
            cut[f] = sum
        }
    }

    /// A tree edge with a negative cut value, searched round-robin from where the last search stopped.
    private func leavingEdge(from start: inout Int) -> Int? {
        let m = edges.count
        guard m > 0 else { return nil }
        for j in 0..<m {
            let k = (start + j) % m
            if inTree[k] && cut[k] < 0 {
                start = (k + 1) % m
                return k
            }
        }
        return nil
    }

    /// The non-tree edge with the least slack that reconnects the two halves
    /// left when `leave` goes, in the direction that keeps ranks feasible.
    private func enteringEdge(_ leave: Int) -> Int? {
        let t = edges[leave].tail, h = edges[leave].head
        let tailBelow = lim[t] < lim[h]
        let v = tailBelow ? t : h
        var best: Int?, bestSlack = Int.max
        for (k, e) in edges.enumerated() where !inTree[k] {
            let tailIn = under(e.tail, v), headIn = under(e.head, v)
            let crosses = tailBelow ? (headIn && !tailIn) : (tailIn && !headIn)
            if crosses, slack(k) < bestSlack {
                best = k
                bestSlack = slack(k)
            }
        }
        return best
    }
}
