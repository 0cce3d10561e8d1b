import ProfileCore

/// Stacks for a callgrind part's call graph, which holds no stacks: only
/// each function's self cost and each call's inclusive cost.
///
/// The call tree is grown from the graph as speedscope's callgrind import
/// grows it: from each function no other function calls, with its inclusive
/// weight, every call gets the share of the caller's weight that the call
/// has of the caller's inclusive cost in the graph (every invocation of a
/// function is taken to spend its time like the average one); a function
/// already on the path is not entered again (a cycle), and very light
/// subtrees are not grown. Unlike speedscope, each function's self cost is
/// then shared out among the places the tree put it, in proportion to their
/// weights, in whole numbers that add up to it exactly: so self costs stay
/// those of the file, for every event, and only the stacks above them are
/// reconstructed. A function the tree never reached stands alone.
///
/// Weights combine all events (each as a fraction of its total), so that a
/// call that costs only, say, cache misses still leads somewhere.
struct CallgrindStacks {
    /// The most tree nodes, and frames in all stacks, grown before the
    /// lightest subtrees are cut harder.
    var maxTreeNodes = 1 << 20
    var maxFrames = 1 << 24
    var maxDepth: Int

    /// Whether the budget cut the tree below its usual threshold.
    private(set) var cut = false

    private let part: CallgrindPart
    private let functionCount: Int

    // The graph: per function its self weight, its total (self + calls out),
    // and its calls out, heaviest first (compressed rows).
    private var hasSelf: [Bool]
    private var total: [Double]
    private var callStart: [Int]
    private var callTo: [Int32] = []
    private var callWeight: [Double] = []
    private var called: [Bool]

    // The tree, in the order it was grown.
    private var treeFunction: [Int32] = []
    private var treeParent: [Int32] = []
    private var treeWeight: [Double] = []

    init(_ part: CallgrindPart, functionCount: Int, maxDepth: Int) {
        self.part = part
        self.functionCount = functionCount
        self.maxDepth = max(1, maxDepth)
        let events = part.events
        // Each event as a fraction of its total self cost.
        var scale = [Double](repeating: 0, count: events)
        for r in 0..<part.rowFunction.count {
            for e in 0..<events { scale[e] += Double(part.selfCosts[r * events + e]) }
        }
        for e in 0..<events { scale[e] = scale[e] > 0 ? 1 / scale[e] : 0 }
        hasSelf = [Bool](repeating: false, count: functionCount)
        total = [Double](repeating: 0, count: functionCount)
        called = [Bool](repeating: false, count: functionCount)
        for (r, f) in part.rowNode.enumerated() {
            hasSelf[Int(f)] = true
            for e in 0..<events { total[Int(f)] += Double(part.selfCosts[r * events + e]) * scale[e] }
        }
        // Calls out of each function, heaviest first; recursive calls of a
        // function to itself are part of its cost already and lead nowhere new.
        var weights: [(caller: Int32, callee: Int32, weight: Double)] = []
        for c in 0..<part.callCaller.count where part.callCaller[c] != part.callCallee[c] {
            var w = 0.0
            for e in 0..<events { w += Double(part.callCosts[c * events + e]) * scale[e] }
            guard w > 0 else { continue }
            weights.append((part.callCaller[c], part.callCallee[c], w))
            total[Int(part.callCaller[c])] += w
            called[Int(part.callCallee[c])] = true
        }
        weights.sort { a, b in
            a.caller != b.caller ? a.caller < b.caller : a.weight != b.weight ? a.weight > b.weight : a.callee < b.callee
        }
        callStart = [Int](repeating: 0, count: functionCount + 1)
        for w in weights { callStart[Int(w.caller) + 1] += 1 }
        for f in 0..<functionCount { callStart[f + 1] += callStart[f] }
        callTo = weights.map(\.callee)
        callWeight = weights.map(\.weight)
    }

    /// Adds the part's samples to `builder`: `location[f]` is function f's
    /// location, `sampleTypes` the profile's width, `labels` each sample's.
    mutating func addSamples(to builder: inout ProfileBuilder, location: [Int32], sampleTypes: Int, labels: [Label]) {
        var threshold = 1e-5
        while !grow(threshold, depth: maxDepth) {
            cut = true
            threshold *= 16
            // Past the whole weight no call is grown: roots alone always fit.
            if threshold > 1 {
                _ = grow(threshold, depth: 1, limited: false)
                break
            }
        }
        let events = part.events
        // The tree nodes of each function (counting sort, in tree order).
        var start = [Int](repeating: 0, count: functionCount + 1)
        for f in treeFunction { start[Int(f) + 1] += 1 }
        for f in 0..<functionCount { start[f + 1] += start[f] }
        var fill = start
        var nodesOf = [Int32](repeating: 0, count: treeFunction.count)
        for (n, f) in treeFunction.enumerated() {
            nodesOf[fill[Int(f)]] = Int32(n)
            fill[Int(f)] += 1
        }
        var values = [Int64](repeating: 0, count: sampleTypes)
        var share = [Int64](repeating: 0, count: 0)
        var stack: [Int32] = []
        for (r, leaf) in part.rowFunction.enumerated() {
            let f = part.rowNode[r]
            let nodes = nodesOf[start[Int(f)]..<start[Int(f) + 1]]
            if nodes.isEmpty {
                for v in values.indices { values[v] = 0 }
                for e in 0..<events { values[part.eventTypes[e]] = part.selfCosts[r * events + e] }
                if values.contains(where: { $0 != 0 }) {
                    builder.addSample(locations: [location[Int(leaf)]], values: values, labels: labels)
                }
                continue
            }
            apportion(row: r, nodes: nodes, into: &share)
            for (k, n) in nodes.enumerated() {
                for v in values.indices { values[v] = 0 }
                var any = false
                for e in 0..<events {
                    values[part.eventTypes[e]] = share[k * events + e]
                    any = any || share[k * events + e] != 0
                }
                guard any else { continue }
                // The leaf is the function as its costs name it (inlined code
                // in its own file), in place of its node in the graph.
                stack.removeAll(keepingCapacity: true)
                stack.append(location[Int(leaf)])
                var t = treeParent[Int(n)]
                while t >= 0 {
                    stack.append(location[Int(treeFunction[Int(t)])])
                    t = treeParent[Int(t)]
                }
                builder.addSample(locations: stack, values: values, labels: labels)
            }
        }
    }

    /// Shares the self costs of row `row` among `nodes` by their weights:
    /// `share[k * events + e]`, summing to the row's cost for each event.
    private func apportion(row: Int, nodes: ArraySlice<Int32>, into share: inout [Int64]) {
        let events = part.events
        share = [Int64](repeating: 0, count: nodes.count * events)
        var sum = 0.0
        var heaviest = 0
        for (k, n) in nodes.enumerated() {
            sum += treeWeight[Int(n)]
            if treeWeight[Int(n)] > treeWeight[Int(nodes[nodes.startIndex + heaviest])] { heaviest = k }
        }
        for e in 0..<events {
            let cost = part.selfCosts[row * events + e]
            var left = cost
            if cost > 0 && sum > 0 {
                for (k, n) in nodes.enumerated() where k != heaviest {
                    let s = min(left, Int64(saturating: (Double(cost) * (treeWeight[Int(n)] / sum)).rounded(.down)))
                    share[k * events + e] = s
                    left -= s
                }
            }
            share[heaviest * events + e] = left
        }
    }

    /// Grows the tree, leaving out subtrees lighter than `threshold` of the
    /// whole; false (and no tree) when it would pass the budget.
    private mutating func grow(_ threshold: Double, depth maxDepth: Int, limited: Bool = true) -> Bool {
        treeFunction.removeAll(keepingCapacity: true)
        treeParent.removeAll(keepingCapacity: true)
        treeWeight.removeAll(keepingCapacity: true)
        var onPath = [Bool](repeating: false, count: functionCount)
        var reached = [Bool](repeating: false, count: functionCount)
        var all = 0.0
        for f in 0..<functionCount where !called[f] { all += total[f] }
        if all == 0 { all = total.max() ?? 0 }  // every function is called: cycles only
        let floor = max(threshold * all, Double.leastNormalMagnitude)
        var frames = 0
        // (tree node, next call to try) of the path being grown.
        var path: [(node: Int32, next: Int)] = []

        func enter(_ f: Int32, parent: Int32, weight: Double, depth: Int) -> Bool {
            let n = Int32(treeFunction.count)
            treeFunction.append(f)
            treeParent.append(parent)
            treeWeight.append(weight)
            onPath[Int(f)] = true
            reached[Int(f)] = true
            if hasSelf[Int(f)] { frames += depth }
            path.append((n, callStart[Int(f)]))
            return !limited || treeFunction.count <= maxTreeNodes && frames <= maxFrames
        }

        // Roots first: functions no other calls; then, for cycles no root
        // leads into, the first function of each not yet reached.
        for pass in 0..<2 {
            for root in 0..<functionCount {
                guard pass == 0 ? !called[root] : !reached[root], total[root] > 0 else { continue }
                guard enter(Int32(root), parent: -1, weight: total[root], depth: 1) else { return false }
                while let top = path.last {
                    let f = Int(treeFunction[Int(top.node)])
                    var next = top.next
                    var child: (Int32, Double)?
                    if path.count < maxDepth {
                        while next < callStart[f + 1] {
                            let w = treeWeight[Int(top.node)] * (callWeight[next] / total[f])
                            if w < floor { next = callStart[f + 1]; break }  // heaviest first: the rest are lighter
                            let g = callTo[next]
                            next += 1
                            if !onPath[Int(g)] { child = (g, w); break }
                        }
                    }
                    path[path.count - 1].next = next
                    if let (g, w) = child {
                        guard enter(g, parent: top.node, weight: w, depth: path.count + 1) else { return false }
                    } else {
                        onPath[f] = false
                        path.removeLast()
                    }
                }
            }
        }
        return true
    }
}
