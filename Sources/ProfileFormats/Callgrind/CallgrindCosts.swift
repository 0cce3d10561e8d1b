import ProfileCore

/// A profile's costs in callgrind's terms: self cost per (function, line),
/// and inclusive cost per call (caller, call line, callee), for every sample
/// type at once.
///
/// Functions are the nodes `top` shows at the chosen granularity (the
/// printable names of ``CallGraphBuilder``). The costs are attributed so that
/// `callgrind_annotate` reproduces `top`: self cost is the leaf's value
/// (pprof's flat); `callgrind_annotate --inclusive=yes` takes a called
/// function's inclusive cost as the sum of its incoming calls, so each sample
/// charges exactly one incoming call per function in it, the call into its
/// outermost occurrence below the root, and the sum equals pprof's cum, which
/// also counts a sample once per function under recursion. A function that is
/// the root of some samples and called in others gets a call from a
/// synthetic caller for the former, as valgrind's `(below main)` does.
struct CallgrindCosts {
    /// A function (node): its name and the file of its first frame.
    struct Node {
        var name: String
        var file: String
    }
    struct SelfKey: Hashable {
        var node: Int32
        var line: Int64
    }
    struct CallKey: Hashable {
        var caller: Int32
        var line: Int64
        var callee: Int32
    }

    let types: Int
    private(set) var nodes: [Node] = []
    /// Rows of `types` values each.
    private(set) var selfRows: [SelfKey: Int] = [:]
    private(set) var selfValues: [Int64] = []
    private(set) var callRows: [CallKey: Int] = [:]
    private(set) var callValues: [Int64] = []
    private(set) var callCounts: [Int64] = []
    /// The synthetic caller's node index, when one was needed.
    private(set) var syntheticRoot: Int32?

    static let syntheticRootName = "(below main)"

    /// Costs of `profile` (filtered, not yet aggregated) at `granularity`,
    /// for sample types `sampleTypes` (the columns, in order).
    init(_ profile: Profile, granularity: Granularity, sampleTypes: [Int]) {
        types = sampleTypes.count
        let (names, lineStart) = CallGraphBuilder(profile.aggregated(granularity)).locationLineNames()
        // Node, file line and source file of every location line (k).
        var nodeOfLine = [Int32](repeating: 0, count: names.count)
        var lineNumber = [Int64](repeating: 0, count: names.count)
        var nodeIndex: [String: Int32] = [:]
        for (l, loc) in profile.locations.enumerated() {
            for k in lineStart[l]..<lineStart[l + 1] {
                let line: Line? = loc.lineRange.isEmpty ? nil : profile.lines[loc.lineRange.lowerBound + k - lineStart[l]]
                lineNumber[k] = line?.line ?? 0
                if let n = nodeIndex[names[k]] {
                    nodeOfLine[k] = n
                } else {
                    let n = Int32(nodes.count)
                    nodeIndex[names[k]] = n
                    nodeOfLine[k] = n
                    let fi = line?.functionIndex ?? -1
                    let file = fi >= 0 ? profile.strings[profile.functions[Int(fi)].filename] : ""
                    nodes.append(Node(name: names[k], file: file))
                }
            }
        }
        addSamples(profile, sampleTypes, lineStart, nodeOfLine, lineNumber)
    }

    private mutating func addSamples(_ profile: Profile, _ sampleTypes: [Int], _ lineStart: [Int],
                                     _ nodeOfLine: [Int32], _ lineNumber: [Int64]) {
        var seen = [Int](repeating: -1, count: nodes.count)
        var called = [Bool](repeating: false, count: nodes.count)
        var rootOnly: [Int32: (values: [Int64], samples: Int64)] = [:]
        // Samples with the same locations are walked once, their values summed.
        var rowOfStack: [ArraySlice<Int32>: Int] = [:]
        var stacks: [ArraySlice<Int32>] = []
        var stackValues: [Int64] = []
        var stackSamples: [Int64] = []
        let samples = profile.samples
        for i in 0..<samples.count {
            var any = false
            for t in sampleTypes where samples.value(of: i, at: t) != 0 { any = true }
            if !any { continue }
            let locations = samples.locations(of: i)
            var row = rowOfStack[locations] ?? -1
            if row < 0 {
                row = stacks.count
                rowOfStack[locations] = row
                stacks.append(locations)
                stackValues.append(contentsOf: repeatElement(0, count: types))
                stackSamples.append(0)
            }
            stackSamples[row] += 1
            for (c, t) in sampleTypes.enumerated() {
                stackValues[row * types + c] = stackValues[row * types + c].saturatingAdd(samples.value(of: i, at: t))
            }
        }
        rowOfStack = [:]
        var w = [Int64](repeating: 0, count: types)
        var path: [Int] = []  // location lines of the stack, root first
        for s in stacks.indices {
            for c in 0..<types { w[c] = stackValues[s * types + c] }
            path.removeAll(keepingCapacity: true)
            for loc in stacks[s].reversed() {
                path.append(contentsOf: (lineStart[Int(loc)]..<lineStart[Int(loc) + 1]).reversed())
            }
            guard let leaf = path.last else { continue }  // pprof leaves out samples without frames
            Self.add(&selfRows, &selfValues, SelfKey(node: nodeOfLine[leaf], line: lineNumber[leaf]), w, types)
            for i in 1..<max(1, path.count) {
                let n = nodeOfLine[path[i]]
                if seen[Int(n)] == s { continue }
                seen[Int(n)] = s
                called[Int(n)] = true
                let caller = path[i - 1]
                let row = Self.add(&callRows, &callValues, CallKey(caller: nodeOfLine[caller], line: lineNumber[caller], callee: n), w, types)
                if row == callCounts.count { callCounts.append(0) }
                callCounts[row] += stackSamples[s]
            }
            let root = nodeOfLine[path[0]]
            if seen[Int(root)] != s {
                var sum = rootOnly[root] ?? ([Int64](repeating: 0, count: types), 0)
                for c in 0..<types { sum.values[c] = sum.values[c].saturatingAdd(w[c]) }
                sum.samples += stackSamples[s]
                rootOnly[root] = sum
            }
        }
        // Roots that are also called elsewhere need a caller for their root samples.
        let needy = rootOnly.keys.filter { called[Int($0)] }.sorted()
        guard !needy.isEmpty else { return }
        let synthetic = Int32(nodes.count)
        nodes.append(Node(name: Self.syntheticRootName, file: ""))
        syntheticRoot = synthetic
        for r in needy {
            let row = Self.add(&callRows, &callValues, CallKey(caller: synthetic, line: 0, callee: r), rootOnly[r]!.values, types)
            if row == callCounts.count { callCounts.append(0) }
            callCounts[row] += rootOnly[r]!.samples
        }
    }

    /// Adds `w` to the row of `key`, creating it; returns the row.
    @discardableResult
    private static func add<K: Hashable>(_ rows: inout [K: Int], _ values: inout [Int64], _ key: K, _ w: [Int64], _ types: Int) -> Int {
        if let row = rows[key] {
            for c in 0..<types { values[row * types + c] = values[row * types + c].saturatingAdd(w[c]) }
            return row
        }
        let row = rows.count
        rows[key] = row
        values.append(contentsOf: w)
        return row
    }
}
