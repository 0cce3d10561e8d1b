import ProfileCore

/// Writes a ``ReportPage`` as the compact JSON the page's script reads:
/// one string table (`names`) that the tree, the top table and the leak
/// ranking index, the tree as parallel arrays in depth-first order (a
/// node's parent comes before it), one value array per column.
///
/// Nodes and functions below the page's node fraction in every column are
/// left out (a dropped node's value stays in its parent). Every string goes
/// through ``JSONOutput``, which also keeps `</script>` and `<!--` out.
struct ReportJSON {
    let page: ReportPage
    private var nameIDs: [Int32: Int32] = [:]  // tree frame id → output name id
    private var names: [Int32] = []            // output name id → tree frame id
    private var extraNames: [String] = []      // names not in the tree's table (leak keys)
    private var extraIDs: [String: Int32] = [:]

    init(_ page: ReportPage) { self.page = page }

    mutating func write(to out: ByteSink) throws {
        let tree = page.tree, columns = tree.columns
        let totals = (0..<columns).map { tree.value(0, $0) }
        // pprof's cutoff, which the call graph applies too: total × fraction, rounded toward zero.
        let cutoff = totals.map { Int64(saturating: Double($0) * page.nodeFraction).saturatingMagnitude }
        let keeps = { (value: (Int) -> Int64) -> Bool in
            for c in 0..<columns where value(c) != 0 && value(c).saturatingMagnitude >= cutoff[c] { return true }
            return false
        }
        let order = tree.preorder { n in keeps { tree.value(n, $0) } }
        var position = [Int32](repeating: -1, count: tree.count)
        for (i, n) in order.enumerated() { position[Int(n)] = Int32(i) }
        let nodeNames = order.map { $0 == 0 ? -1 : outputName(tree.frame[Int($0)]) }

        let (flat, cum) = tree.functionTotals()
        var rows = (0..<tree.names.count).filter { f in
            (0..<columns).contains { cum[f * columns + $0] != 0 } && keeps { cum[f * columns + $0] }
        }
        let d = page.defaultColumn
        rows.sort { a, b in
            let fa = flat[a * columns + d], fb = flat[b * columns + d]
            return fa != fb ? fa > fb : tree.names.compareNames(Int32(a), Int32(b)) < 0
        }
        let rowNames = rows.map { outputName(Int32($0)) }
        var leakFrames: [[Int32]] = []
        if let groups = page.leaks?.groups {
            var lookup: [String: Int32] = [:]
            for (i, name) in tree.names.names.enumerated() { lookup[name] = Int32(i) }
            leakFrames = groups.map { $0.frames.map { lookup[$0].map { outputName($0) } ?? outputName($0) } }
        }

        try out.write("{\"kind\":")
        try string(page.kind.rawValue, out)
        try out.write(",\"title\":")
        try string(page.title, out)
        try out.write(",\"header\":")
        try list(page.header, out) { try self.list([$0.0, $0.1], out) { try self.string($0, out) } }
        try out.write(",\"notes\":")
        try list(page.notes, out) { try self.string($0, out) }
        try out.write(",\"columns\":")
        try list(Array(page.columns.enumerated()), out) { c in
            try out.write("{\"name\":")
            try self.string(c.element.name, out)
            try out.write(",\"unit\":")
            try self.string(c.element.unit, out)
            try out.write(",\"total\":")
            try out.write(decimal: totals[c.offset])
            try out.write(byte: 0x7D)
        }
        try out.write(",\"default\":")
        try out.write(decimal: d)
        try out.write(",\"prune\":{\"fraction\":")
        var fraction = Self.decimal(page.nodeFraction, places: 6)
        while fraction.hasSuffix("0") && !fraction.hasSuffix(".0") { fraction.removeLast() }
        try out.write(fraction)
        try out.write(",\"cutoff\":")
        try list(cutoff, out) { try out.write(decimal: $0) }
        try out.write(",\"nodes\":\(order.count),\"droppedNodes\":\(tree.count - order.count)")
        try out.write(",\"functions\":\(rows.count),\"droppedFunctions\":\(tree.names.count - rows.count)}")

        try out.write(",\"names\":")
        try list(Array(names.indices), out) { i in
            let f = self.names[i]
            if f >= 0 {
                let range = tree.names.byteRange(f)
                try tree.names.bytes.withUnsafeBytes { try JSONOutput.writeString(UnsafeRawBufferPointer(rebasing: $0[range]), to: out) }
            } else {
                try self.string(self.extraNames[Int(-2 - f)], out)
            }
        }
        if !page.sources.isEmpty {
            try out.write(",\"sources\":")
            try list(Array(names.indices), out) { i in
                let f = Int(self.names[i])
                if f >= 0, f < self.page.sources.count, let s = self.page.sources[f] { try self.string(s, out) } else { try out.write("null") }
            }
        }
        try out.write(",\"tree\":{\"parent\":")
        try list(order, out) { n in try out.write(decimal: n == 0 ? -1 : Int64(position[Int(tree.parent[Int(n)])])) }
        try out.write(",\"name\":")
        try list(nodeNames, out) { try out.write(decimal: Int64($0)) }
        try out.write(",\"values\":")
        try list(Array(0..<columns), out) { c in try self.list(order, out) { try out.write(decimal: tree.value(Int($0), c)) } }
        try out.write("},\"top\":{\"name\":")
        try list(rowNames, out) { try out.write(decimal: Int64($0)) }
        for (key, table) in [("flat", flat), ("cum", cum)] {
            try out.write(",\"\(key)\":")
            try list(Array(0..<columns), out) { c in try self.list(rows, out) { try out.write(decimal: table[$0 * columns + c]) } }
        }
        try out.write("},\"stateColumn\":")
        try out.write(page.firstStateColumn.map { String($0) } ?? "null")
        try out.write(",\"states\":")
        try list(page.states, out) { s in
            try out.write(byte: 0x5B)
            try self.string(s.state, out)
            try out.write(",\(s.count)]")
        }
        if !page.columnStates.isEmpty {
            try out.write(",\"columnStates\":")
            try list(page.columnStates, out) { states in
                try self.list(states, out) { s in
                    try out.write(byte: 0x5B)
                    try self.string(s.state, out)
                    try out.write(",\(s.count)]")
                }
            }
        }
        if !page.columnCallGraphs.isEmpty {
            try out.write(",\"columnCallgraphs\":")
            try list(page.columnCallGraphs, out) { svg in
                if let svg { try self.string(svg, out) } else { try out.write("null") }
            }
        }
        if let leaks = page.leaks { try writeLeaks(leaks, frames: leakFrames, out) }
        if let svg = page.callGraphSVG {
            try out.write(",\"callgraph\":")
            try string(svg, out)
        }
        try out.write(byte: 0x7D)
    }

    private func writeLeaks(_ r: LeakReport, frames: [[Int32]], _ out: ByteSink) throws {
        try out.write(",\"leaks\":{\"snapshots\":")
        try list(r.snapshots, out) { s in
            try out.write("{\"name\":")
            try self.string(s.name, out)
            try out.write(",\"total\":\(s.total)}")
        }
        try out.write(",\"groups\":")
        try list(Array(r.groups.enumerated()), out) { g in
            let group = g.element
            try out.write("{\"frames\":")
            try self.list(frames[g.offset], out) { try out.write(decimal: Int64($0)) }
            try out.write(",\"site\":")
            try self.string(group.site, out)
            try out.write(",\"counts\":")
            try self.list(group.counts, out) { try out.write(decimal: $0) }
            try out.write(",\"growth\":\(group.growth),\"monotonic\":\(group.isMonotonic)")
            try out.write(",\"score\":" + Self.decimal(group.score, places: 2))
            try out.write(",\"share\":" + Self.decimal(group.share, places: 4))
            try out.write(",\"wait\":" + (group.longestWaitMinutes.map { String($0) } ?? "null"))
            try out.write(",\"states\":")
            try self.list(group.states, out) { s in
                try out.write(byte: 0x5B)
                try self.string(s.state, out)
                try out.write(",\(s.count)]")
            }
            try out.write(byte: 0x7D)
        }
        try out.write(byte: 0x7D)
    }

    /// The output id of tree frame `f`, numbered by first use.
    private mutating func outputName(_ f: Int32) -> Int32 {
        if let id = nameIDs[f] { return id }
        let id = Int32(names.count)
        nameIDs[f] = id
        names.append(f)
        return id
    }

    /// The output id of a name not in the tree (a leak group's key pruned away).
    private mutating func outputName(_ name: String) -> Int32 {
        if let id = extraIDs[name] { return id }
        let id = Int32(names.count)
        extraIDs[name] = id
        names.append(-2 - Int32(extraNames.count))
        extraNames.append(name)
        return id
    }

    private func string(_ s: String, _ out: ByteSink) throws { try JSONOutput.writeString(s, to: out) }

    private func list<T>(_ items: [T], _ out: ByteSink, _ each: (T) throws -> Void) throws {
        try out.write(byte: 0x5B)
        for (i, x) in items.enumerated() {
            if i > 0 { try out.write(byte: 0x2C) }
            try each(x)
        }
        try out.write(byte: 0x5D)
    }

    /// `x` with `places` decimals, the same on every machine (no locale, no
    /// shortest-representation printing): ``DecimalText``'s `%.Nf` without
    /// `-0`; JSON has no NaN or infinity, so those are 0.
    static func decimal(_ x: Double, places: Int) -> String {
        guard x.isFinite else { return "0" }
        var bytes: [UInt8] = []
        DecimalText.appendFixed(x, places: places, to: &bytes, signedZero: false)
        return String(decoding: bytes, as: UTF8.self)
    }
}
