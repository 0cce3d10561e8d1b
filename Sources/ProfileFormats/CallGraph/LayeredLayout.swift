/// A layered (Sugiyama-style) drawing of a directed graph: callers above
/// callees. Steps: break cycles by reversing DFS back edges, assign layers by
/// longest path, put dummy nodes on long edges, reduce crossings with
/// barycenter sweeps, assign x by pulling nodes toward their neighbours while
/// keeping a minimum gap (so boxes never overlap), and route each edge
/// through its dummy points.
///
/// Everything is iterative: no recursion over graph depth.
public struct LayeredLayout: Sendable {
    /// A box's centre and size.
    public struct Box: Sendable, Equatable {
        public var x: Double, y: Double, width: Double, height: Double
        public var minX: Double { x - width / 2 }
        public var maxX: Double { x + width / 2 }
        public var minY: Double { y - height / 2 }
        public var maxY: Double { y + height / 2 }
        /// Whether the two boxes share any area.
        public func overlaps(_ o: Box) -> Bool {
            minX < o.maxX && o.minX < maxX && minY < o.maxY && o.minY < maxY
        }
    }

    /// Node boxes, in input order.
    public private(set) var boxes: [Box]
    /// For each input edge, the points its curve passes through, caller end first.
    public private(set) var routes: [[(x: Double, y: Double)]]
    public private(set) var width: Double
    public private(set) var height: Double

    public static let horizontalGap = 24.0
    public static let layerGap = 56.0

    /// Lays out nodes of the given sizes joined by `edges` (caller, callee).
    public init(sizes: [(width: Double, height: Double)], edges: [(Int, Int)]) {
        let n = sizes.count
        // 1. Cycle breaking: an iterative DFS; edges to a node on the stack are reversed.
        var out = [[Int]](repeating: [], count: n)
        for (k, e) in edges.enumerated() where e.0 != e.1 { out[e.0].append(k) }
        var reversed = [Bool](repeating: false, count: edges.count)
        var state = [UInt8](repeating: 0, count: n)  // 0 new, 1 on stack, 2 done
        for root in 0..<n where state[root] == 0 {
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            state[root] = 1
            while !stack.isEmpty {
                let (v, i) = stack[stack.count - 1]
                if i == out[v].count {
                    state[v] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let k = out[v][i], w = edges[k].1
                if state[w] == 1 { reversed[k] = true } else if state[w] == 0 {
                    state[w] = 1
                    stack.append((w, 0))
                }
            }
        }
        // Directed, acyclic edges (self calls are left out of the drawing).
        var dag: [(Int, Int)] = []
        for (k, e) in edges.enumerated() where e.0 != e.1 { dag.append(reversed[k] ? (e.1, e.0) : e) }

        // 2. Layers by longest path from the sources (Kahn's order).
        var indegree = [Int](repeating: 0, count: n)
        var succ = [[Int]](repeating: [], count: n)
        for (a, b) in dag { indegree[b] += 1; succ[a].append(b) }
        var layer = [Int](repeating: 0, count: n)
        var queue = (0..<n).filter { indegree[$0] == 0 }
        var head = 0
        while head < queue.count {
            let v = queue[head]; head += 1
            for w in succ[v] {
                layer[w] = max(layer[w], layer[v] + 1)
                indegree[w] -= 1
                if indegree[w] == 0 { queue.append(w) }
            }
        }
        let layerCount = (layer.max() ?? 0) + 1

        // 3. Dummy nodes: every edge becomes a chain over consecutive layers.
        var vLayer = layer
        var vWidth = sizes.map(\.width), vHeight = sizes.map(\.height)
        var chains: [[Int]] = []
        var down = [[Int]](repeating: [], count: n), up = [[Int]](repeating: [], count: n)
        for (a, b) in dag {
            var chain = [a]
            var prev = a
            for l in (layer[a] + 1)..<max(layer[a] + 1, layer[b]) {
                let d = vLayer.count
                vLayer.append(l); vWidth.append(2); vHeight.append(2)
                down.append([]); up.append([])
                down[prev].append(d); up[d].append(prev)
                chain.append(d)
                prev = d
            }
            down[prev].append(b); up[b].append(prev)
            chain.append(b)
            chains.append(chain)
        }
        let total = vLayer.count
        var rows = [[Int]](repeating: [], count: layerCount)
        for v in 0..<total { rows[vLayer[v]].append(v) }

        // 4. Crossing reduction: barycenter sweeps down and up.
        var position = [Double](repeating: 0, count: total)
        func renumber() { for row in rows { for (i, v) in row.enumerated() { position[v] = Double(i) } } }
        renumber()
        for sweep in 0..<12 {
            let downward = sweep % 2 == 0
            let order = downward ? Array(1..<max(1, layerCount)) : Array((0..<max(0, layerCount - 1)).reversed())
            for l in order {
                var key: [Int: Double] = [:]
                for v in rows[l] {
                    let ns = downward ? up[v] : down[v]
                    key[v] = ns.isEmpty ? position[v] : ns.reduce(0) { $0 + position[$1] } / Double(ns.count)
                }
                rows[l].sort { (key[$0]!, position[$0]) < (key[$1]!, position[$1]) }
                for (i, v) in rows[l].enumerated() { position[v] = Double(i) }
            }
        }

        // 5. Coordinates: y per layer; x packed, then pulled toward neighbours
        // with the order and a minimum gap kept.
        var y = [Double](repeating: 0, count: total)
        var top = 20.0
        var layerHeight = [Double](repeating: 0, count: layerCount)
        for l in 0..<layerCount {
            layerHeight[l] = rows[l].map { vHeight[$0] }.max() ?? 0
            for v in rows[l] { y[v] = top + layerHeight[l] / 2 }
            top += layerHeight[l] + LayeredLayout.layerGap
        }
        var x = [Double](repeating: 0, count: total)
        func gap(_ a: Int, _ b: Int) -> Double {
            (vWidth[a] + vWidth[b]) / 2 + (a < n && b < n ? LayeredLayout.horizontalGap : 8)
        }
        for row in rows {
            var cursor = 0.0
            for (i, v) in row.enumerated() {
                x[v] = i == 0 ? vWidth[v] / 2 : cursor + gap(row[i - 1], v)
                cursor = x[v]
            }
        }
        for iteration in 0..<24 {
            let downward = iteration % 2 == 0
            let order = downward ? Array(0..<layerCount) : Array((0..<layerCount).reversed())
            for l in order {
                let row = rows[l]
                guard !row.isEmpty else { continue }
                var want = row.map { v -> Double in
                    let ns = (downward ? up[v] : down[v]) + (iteration > 12 ? (downward ? down[v] : up[v]) : [])
                    return ns.isEmpty ? x[v] : ns.reduce(0) { $0 + x[$1] } / Double(ns.count)
                }
                // Keep order and gaps: push right, then pull back left, then average.
                for i in 1..<max(1, row.count) { want[i] = max(want[i], want[i - 1] + gap(row[i - 1], row[i])) }
                var left = want
                for i in stride(from: row.count - 2, through: 0, by: -1) {
                    left[i] = min(left[i], left[i + 1] - gap(row[i], row[i + 1]))
                }
                for (i, v) in row.enumerated() { x[v] = (want[i] + left[i]) / 2 }
                // Averaging two gap-respecting placements keeps the gaps.
            }
        }
        let minX = (0..<total).map { x[$0] - vWidth[$0] / 2 }.min() ?? 0
        for v in 0..<total { x[v] += 20 - minX }
        let maxX = (0..<total).map { x[$0] + vWidth[$0] / 2 }.max() ?? 0

        boxes = (0..<n).map { Box(x: x[$0], y: y[$0], width: sizes[$0].width, height: sizes[$0].height) }
        width = maxX + 20
        height = top - LayeredLayout.layerGap + 20
        // 6. Routes: each input edge through its chain, bottom of the caller to top of the callee.
        var routeOf: [[(x: Double, y: Double)]] = []
        var c = 0
        for (k, e) in edges.enumerated() {
            if e.0 == e.1 { routeOf.append([]); continue }
            var chain = chains[c]; c += 1
            if reversed[k] { chain.reverse() }
            var pts: [(x: Double, y: Double)] = []
            for (i, v) in chain.enumerated() {
                let isFirst = i == 0, isLast = i == chain.count - 1
                let below = isLast ? false : vLayer[chain[i + 1]] > vLayer[v]
                let above = isFirst ? false : vLayer[chain[i - 1]] < vLayer[v]
                if isFirst { pts.append((x[v], below ? y[v] + vHeight[v] / 2 : y[v] - vHeight[v] / 2)) }
                else if isLast { pts.append((x[v], above ? y[v] - vHeight[v] / 2 : y[v] + vHeight[v] / 2)) }
                else { pts.append((x[v], y[v])) }
            }
            routeOf.append(pts)
        }
        routes = routeOf
    }
}
