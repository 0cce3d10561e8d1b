extension CallGraph {
    /// Sorts nodes as pprof does: by flat (then name, then cum), by cum (then
    /// name, then flat), or for drawings by an entropy score that favours
    /// nodes where the flow of samples branches.
    mutating func sortNodes(cum: Bool, visual: Bool) {
        let score: [Int64]
        if visual {
            score = nodes.indices.map(entropyScore)
        } else if cum {
            score = nodes.map(\.cum)
        } else {
            score = nodes.map(\.flat)
        }
        let byScoreFirst = visual || cum
        let order = nodes.indices.sorted { l, r in
            let a = nodes[l], b = nodes[r]
            if score[l].magnitude != score[r].magnitude { return score[l].magnitude > score[r].magnitude }
            if a.printableName != b.printableName { return a.printableName.utf8.lexicographicallyPrecedes(b.printableName.utf8) }
            let (x, y) = byScoreFirst ? (a.flat, b.flat) : (a.cum, b.cum)
            if x.magnitude != y.magnitude { return x.magnitude > y.magnitude }
            return goPrinted(a.info).utf8.lexicographicallyPrecedes(goPrinted(b.info).utf8)
        }
        permute(order)
    }

    /// How pprof's `fmt.Sprint(NodeInfo)` prints, its last tie-breaker.
    private func goPrinted(_ i: NodeInfo) -> String {
        let n = nodes.first { $0.info == i }
        return "{\(n?.functionName ?? "")  \(i.address) \(n?.fileName ?? "") \(i.startLine) \(i.lineNumber) \(i.objfile)}"
    }

    private func entropyScore(_ n: Int) -> Int64 {
        var score = 0.0
        score += incoming[n].isEmpty ? 1 : edgeEntropy(incoming[n], self: 0)
        score += outgoing[n].isEmpty ? 1 : edgeEntropy(outgoing[n], self: nodes[n].flat)
        return Int64(saturating: score * Double(nodes[n].cum)).saturatingAdd(nodes[n].flat)
    }

    private func edgeEntropy(_ edgeIndices: [Int], self own: Int64) -> Double {
        var total = own
        for e in edgeIndices where edges[e].weight > 0 { total = total.saturatingAdd(edges[e].weight) }
        guard total != 0 else { return 0 }
        var score = 0.0
        func term(_ w: Int64) -> Double {
            let frac = Double(w.magnitude) / Double(total)
            return frac == 0 ? 0 : -frac * log2(frac)
        }
        for e in edgeIndices { score += term(edges[e].weight) }
        if own > 0 { score += term(own) }
        return score
    }

    /// Drops residual edges when the callee is reachable from the caller
    /// another way, lightest first, stopping at a node's first non-residual edge.
    mutating func removeRedundantEdges() {
        var removed = Set<Int>()
        for n in nodes.indices.reversed() {
            let ins = sortedEdges(incoming[n].filter { !removed.contains($0) })
            for e in ins.reversed() {
                if !edges[e].residual { break }
                if isRedundant(e, removed: removed) { removed.insert(e) }
            }
        }
        guard !removed.isEmpty else { return }
        edges = edges.indices.filter { !removed.contains($0) }.map { edges[$0] }
        reindex()
    }

    private func isRedundant(_ e: Int, removed: Set<Int>) -> Bool {
        let src = edges[e].caller
        var seen: Set<Int> = [edges[e].callee]
        var queue = [edges[e].callee]
        var head = 0
        while head < queue.count {
            let n = queue[head]
            head += 1
            for ie in incoming[n] where ie != e && !removed.contains(ie) && !seen.contains(edges[ie].caller) {
                if edges[ie].caller == src { return true }
                seen.insert(edges[ie].caller)
                queue.append(edges[ie].caller)
            }
        }
        return false
    }
}

/// Base-2 logarithm without libm (ProfileCore links no C): the exponent plus
/// the logarithm of the significand in [1, 2) from the atanh series.
func log2(_ x: Double) -> Double {
    guard x > 0, x.isFinite else { return x == 0 ? -.infinity : .nan }
    let m = x.significand
    if m == 1 { return Double(x.exponent) }
    let z = (m - 1) / (m + 1), z2 = z * z
    var term = z, sum = 0.0, k = 1.0
    while true {
        let next = sum + term / k
        if next == sum { break }
        sum = next
        term *= z2
        k += 2
    }
    return Double(x.exponent) + 2 * sum / 0.6931471805599453
}
