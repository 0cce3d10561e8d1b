/// Horizontal coordinates by Brandes and Köpf ("Fast and Simple Horizontal
/// Coordinate Assignment", 2001): nodes are aligned into vertical blocks with
/// their median neighbours, in the four combinations of up/down and
/// left/right; each alignment is compacted; the four results are balanced
/// (the mean of the two middle values). Inner segments (between two virtual
/// nodes) win conflicts, so long edges become vertical lines.
///
/// Compaction places blocks in classes as in the paper, then shifts whole
/// classes by a longest path over the classes (the published shift step can
/// break the separation; see Brandes, Walter and Zink's 2020 erratum). A
/// final pass enforces the separation, so boxes never overlap.
enum BrandesKopf {
    /// x of each node's centre; `separation(a, b)` is the least distance between the centres of neighbours a, b.
    static func coordinates(_ g: LayeredGraph, rows: [[Int]], separation: (Int, Int) -> Double) -> [Double] {
        let marked = typeOneConflicts(g, rows)
        var layouts: [[Double]] = []
        for downward in [true, false] {
            for leftToRight in [true, false] {
                var r = downward ? rows : rows.reversed()
                if !leftToRight { r = r.map { $0.reversed() } }
                let ns = downward ? g.up : g.down
                var x = compact(g, rows: r, neighbours: ns, marked: marked, separation: separation, leftToRight: leftToRight)
                if !leftToRight { x = x.map { -$0 } }
                layouts.append(x)
            }
        }
        // Align every layout to the narrowest: left ones by their left edge, right ones by their right edge.
        func extent(_ x: [Double]) -> (lo: Double, hi: Double) {
            var lo = Double.infinity, hi = -Double.infinity
            for v in 0..<g.count { lo = min(lo, x[v] - g.width[v] / 2); hi = max(hi, x[v] + g.width[v] / 2) }
            return (lo, hi)
        }
        let extents = layouts.map(extent)
        let narrowest = extents.indices.min { (extents[$0].hi - extents[$0].lo, $0) < (extents[$1].hi - extents[$1].lo, $1) } ?? 0
        for i in layouts.indices {
            let shift = i % 2 == 0 ? extents[narrowest].lo - extents[i].lo : extents[narrowest].hi - extents[i].hi
            layouts[i] = layouts[i].map { $0 + shift }
        }
        var x = (0..<g.count).map { v -> Double in
            let s = layouts.map { $0[v] }.sorted()
            return (s[1] + s[2]) / 2
        }
        // Balancing can, rarely, bring two neighbours too close: push right where needed.
        for row in rows where row.count > 1 {
            for i in 1..<row.count {
                x[row[i]] = max(x[row[i]], x[row[i - 1]] + separation(row[i - 1], row[i]))
            }
        }
        return x
    }

    private struct Pair: Hashable { var a: Int, b: Int }

    /// Non-inner segments crossing an inner segment (the paper's Alg. 1), as (upper, lower) pairs.
    private static func typeOneConflicts(_ g: LayeredGraph, _ rows: [[Int]]) -> Set<Pair> {
        var position = [Int](repeating: 0, count: g.count)
        for row in rows { for (i, v) in row.enumerated() { position[v] = i } }
        var marked = Set<Pair>()
        for r in 0..<max(0, rows.count - 1) {
            let upper = rows[r], lower = rows[r + 1]
            var k0 = 0, l = 0
            for l1 in lower.indices {
                let v = lower[l1]
                let innerUpper = g.isVirtual(v) ? g.up[v].first(where: { g.isVirtual($0.node) })?.node : nil
                guard l1 == lower.count - 1 || innerUpper != nil else { continue }
                let k1 = innerUpper.map { position[$0] } ?? upper.count - 1
                while l <= l1 {
                    let w = lower[l]
                    for u in g.up[w] {
                        let k = position[u.node]
                        if k < k0 || k > k1 { marked.insert(Pair(a: u.node, b: w)) }
                    }
                    l += 1
                }
                k0 = k1
            }
        }
        return marked
    }

    /// One of the four alignments with its compaction, for rows given in
    /// sweep order (each row in left-to-right order of the sweep).
    private static func compact(_ g: LayeredGraph, rows: [[Int]], neighbours: [[(node: Int, weight: Int)]],
                                marked: Set<Pair>, separation: (Int, Int) -> Double, leftToRight: Bool) -> [Double] {
        let n = g.count
        var position = [Int](repeating: 0, count: n)
        var predecessor = [Int](repeating: -1, count: n)
        for row in rows {
            for (i, v) in row.enumerated() {
                position[v] = i
                if i > 0 { predecessor[v] = row[i - 1] }
            }
        }
        // Vertical alignment (Alg. 2).
        var root = Array(0..<n), align = Array(0..<n)
        for row in rows {
            var r = -1
            for v in row {
                let us = neighbours[v].map(\.node).sorted { position[$0] < position[$1] }
                guard !us.isEmpty else { continue }
                let d = us.count
                for m in Set([(d - 1) / 2, d / 2]).sorted() where align[v] == v {
                    let u = us[m]
                    let conflict = marked.contains(Pair(a: u, b: v)) || marked.contains(Pair(a: v, b: u))
                    if !conflict && r < position[u] {
                        align[u] = v
                        root[v] = root[u]
                        align[v] = root[v]
                        r = position[u]
                    }
                }
            }
        }
        // Horizontal compaction (Alg. 3) with an explicit stack instead of recursion.
        var x = [Double?](repeating: nil, count: n)
        var sink = Array(0..<n)
        func gap(_ left: Int, _ right: Int) -> Double { leftToRight ? separation(left, right) : separation(right, left) }
        for row in rows {
            for start in row where root[start] == start && x[start] == nil {
                // Frames: block root v, the block member w being looked at, whether w's left block is placed.
                var stack: [(v: Int, w: Int, ready: Bool)] = [(start, start, false)]
                x[start] = 0
                while let (v, w, ready) = stack.last {
                    if let p = predecessor[w].nullIfNegative {
                        let u = root[p]
                        if !ready && x[u] == nil {
                            stack[stack.count - 1].ready = true
                            x[u] = 0
                            stack.append((u, u, false))
                            continue
                        }
                        if sink[v] == v { sink[v] = sink[u] }
                        if sink[v] == sink[u] { x[v] = max(x[v]!, x[u]! + gap(p, w)) }
                    }
                    let next = align[w]
                    if next == v {
                        stack.removeLast()
                    } else {
                        stack[stack.count - 1] = (v, next, false)
                    }
                }
            }
        }
        var rel = (0..<n).map { x[root[$0]] ?? 0 }
        // Classes (blocks sharing a sink) are then placed left to right: each
        // as far left as its distance to the classes on its left allows.
        var constraints: [Int: [(from: Int, offset: Double)]] = [:]
        var indegree: [Int: Int] = [:]
        for row in rows where row.count > 1 {
            for i in 1..<row.count {
                let a = row[i - 1], b = row[i]
                let ca = sink[root[a]], cb = sink[root[b]]
                guard ca != cb else { continue }
                constraints[ca, default: []].append((cb, gap(a, b) - (rel[b] - rel[a])))
                indegree[cb, default: 0] += 1
            }
        }
        let classes = Set((0..<n).map { sink[root[$0]] }).sorted()
        var shift: [Int: Double] = [:]
        var queue = classes.filter { indegree[$0, default: 0] == 0 }
        for c in queue { shift[c] = 0 }
        var head = 0
        while head < queue.count {
            let c = queue[head]; head += 1
            for (d, offset) in constraints[c] ?? [] {
                shift[d] = max(shift[d] ?? -Double.infinity, shift[c]! + offset)
                indegree[d]! -= 1
                if indegree[d] == 0 { queue.append(d) }
            }
        }
        for v in 0..<n { rel[v] += shift[sink[root[v]]] ?? 0 }
        return rel
    }
}

private extension Int {
    var nullIfNegative: Int? { self < 0 ? nil : self }
}
