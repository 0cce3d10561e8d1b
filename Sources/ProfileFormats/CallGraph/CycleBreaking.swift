/// The first step of a layered drawing: make the graph acyclic by reversing
/// some edges. A depth-first search that starts at the heaviest roots and
/// follows the heaviest calls first turns heavy calls into tree edges, so the
/// edges found closing a cycle (and reversed) are the light ones and the
/// heavy direction points down.
enum CycleBreaking {
    /// For each edge, whether it must be drawn reversed. Self edges are never reversed.
    static func reversedEdges(nodeCount n: Int, edges: [(tail: Int, head: Int)], weights: [Int]) -> [Bool] {
        var out = [[Int]](repeating: [], count: n)
        var inWeight = [Int](repeating: 0, count: n), outWeight = [Int](repeating: 0, count: n)
        for (k, e) in edges.enumerated() where e.tail != e.head {
            out[e.tail].append(k)
            outWeight[e.tail] += weights[k]
            inWeight[e.head] += weights[k]
        }
        // Heaviest call first; ties by edge index so the result is deterministic.
        for v in 0..<n { out[v].sort { (weights[$0], -$0) > (weights[$1], -$1) } }
        // Roots (nothing calls them) first, heaviest first; then everything else, so every node is reached.
        let starts = (0..<n).sorted { a, b in
            let ra = inWeight[a] == 0, rb = inWeight[b] == 0
            if ra != rb { return ra }
            return (outWeight[a], -a) > (outWeight[b], -b)
        }
        var reversed = [Bool](repeating: false, count: edges.count)
        var state = [UInt8](repeating: 0, count: n)  // 0 unseen, 1 on the stack, 2 finished
        var stack: [(node: Int, next: Int)] = []
        for root in starts where state[root] == 0 {
            stack.append((root, 0))
            state[root] = 1
            while let (v, i) = stack.last {
                if i == out[v].count {
                    state[v] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let k = out[v][i], w = edges[k].head
                if state[w] == 1 {
                    reversed[k] = true
                } else if state[w] == 0 {
                    state[w] = 1
                    stack.append((w, 0))
                }
            }
        }
        return reversed
    }
}
