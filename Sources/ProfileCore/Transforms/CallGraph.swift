/// A call graph summarising a profile the way `go tool pprof` does for its
/// `top`, `traces`-free text reports and its graph views.
///
/// Nodes are the frames at the chosen ``Granularity``; a node's `flat` is the
/// value of samples where it is the leaf, its `cum` the value of samples where
/// it appears anywhere, counted once per sample even under recursion. An edge
/// `caller → callee` carries the value of samples where the call appears, also
/// once per sample. See ``CallGraphBuilder`` and ``CallGraphBuilder/trimmed(sampleIndex:options:)``.
public struct CallGraph: Sendable {
    /// What identifies a node: pprof's `NodeInfo`. Strings are ids into the
    /// profile's string table (file names cleaned, see ``CallGraphBuilder``).
    public struct NodeInfo: Hashable, Sendable {
        /// The function name (string id); 0 for a location without one.
        public var name: Int32 = 0
        /// The location's address; 0 when the granularity dropped addresses.
        public var address: UInt64 = 0
        /// The cleaned source file (string id); 0 if none.
        public var file: Int32 = 0
        /// The function's first line, which tells same-named functions apart.
        public var startLine: Int64 = 0
        /// The line number; 0 when the granularity dropped lines.
        public var lineNumber: Int64 = 0
        /// The binary (string id), for locations without a function.
        public var objfile: Int32 = 0
    }

    /// A node: a function (or file, line, address) with its weights.
    public struct Node: Sendable {
        /// What identifies the node.
        public var info: NodeInfo
        /// The name pprof prints: `[address] [function] [file[:line]]`, or
        /// `[binary]`, or `<unknown>`.
        public var printableName: String
        /// The function name alone (empty at `files` granularity).
        public var functionName: String
        /// The cleaned source file name, or empty.
        public var fileName: String
        /// The value of samples where the node is the leaf.
        public var flat: Int64 = 0
        /// The value of samples where the node appears, once per sample.
        public var cum: Int64 = 0
    }

    /// A call from `caller` to `callee` (node indices).
    public struct Edge: Sendable {
        /// The calling node's index.
        public var caller: Int
        /// The called node's index.
        public var callee: Int
        /// The value of samples where the call appears, once per sample.
        public var weight: Int64
        /// The call passes over frames that were left out of the graph.
        public var residual: Bool
        /// The callee was inlined into the caller.
        public var inline: Bool
    }

    /// The nodes, in the order the builder met them.
    public internal(set) var nodes: [Node]
    /// The edges, in the order the builder met them.
    public internal(set) var edges: [Edge]
    /// Edge indices into and out of each node.
    public internal(set) var incoming: [[Int]]
    /// Edge indices out of each node.
    public internal(set) var outgoing: [[Int]]

    init(nodes: [Node], edges: [Edge]) {
        self.nodes = nodes
        self.edges = edges
        incoming = []
        outgoing = []
        reindex()
    }

    /// Sum of all nodes' flat values (the graph's total).
    public var flatTotal: Int64 { nodes.reduce(0) { $0.saturatingAdd($1.flat) } }

    mutating func reindex() {
        incoming = Array(repeating: [], count: nodes.count)
        outgoing = Array(repeating: [], count: nodes.count)
        for (i, e) in edges.enumerated() {
            outgoing[e.caller].append(i)
            incoming[e.callee].append(i)
        }
    }

    /// Removes the edges for which `drop` is true; returns how many.
    @discardableResult
    mutating func removeEdges(where drop: (Edge) -> Bool) -> Int {
        let before = edges.count
        edges.removeAll(where: drop)
        if edges.count != before { reindex() }
        return before - edges.count
    }

    /// Reorders nodes: `order[k]` is the old index of the new node `k`.
    mutating func permute(_ order: [Int]) {
        var newIndex = [Int](repeating: 0, count: nodes.count)
        for (k, old) in order.enumerated() { newIndex[old] = k }
        nodes = order.map { nodes[$0] }
        for i in edges.indices {
            edges[i].caller = newIndex[edges[i].caller]
            edges[i].callee = newIndex[edges[i].callee]
        }
        reindex()
    }

    /// Edge indices sorted as pprof sorts an edge map: heavier first, then by
    /// caller name, then by callee name.
    public func sortedEdges(_ indices: [Int]) -> [Int] {
        indices.sorted { a, b in
            let ea = edges[a], eb = edges[b]
            if ea.weight != eb.weight { return ea.weight.magnitude > eb.weight.magnitude }
            let ca = nodes[ea.caller].printableName, cb = nodes[eb.caller].printableName
            if ca != cb { return ca.utf8.lexicographicallyPrecedes(cb.utf8) }
            let da = nodes[ea.callee].printableName, db = nodes[eb.callee].printableName
            if da != db { return da.utf8.lexicographicallyPrecedes(db.utf8) }
            return a < b
        }
    }
}
