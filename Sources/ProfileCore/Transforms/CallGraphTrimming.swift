/// pprof's trimming of a call graph to what is worth showing.
public struct TrimOptions: Sendable {
    /// At most this many nodes; 0 for no limit.
    public var nodeCount = 0
    /// Drop nodes whose `cum` is below this fraction of the total.
    public var nodeFraction = 0.005
    /// Drop edges whose weight is below this fraction of the total.
    public var edgeFraction = 0.001
    /// Sort by `cum` instead of `flat`.
    public var cumSort = false
    /// Choose and order nodes for a drawing (pprof's entropy order), and drop
    /// residual edges that another path already explains.
    public var visual = false

    /// Trimming options; the defaults are pprof's.
    public init(nodeCount: Int = 0, nodeFraction: Double = 0.005, edgeFraction: Double = 0.001,
                cumSort: Bool = false, visual: Bool = false) {
        self.nodeCount = nodeCount
        self.nodeFraction = nodeFraction
        self.edgeFraction = edgeFraction
        self.cumSort = cumSort
        self.visual = visual
    }

    /// Graph drawings: 80 nodes, in pprof's visual order.
    public static var graph: TrimOptions { TrimOptions(nodeCount: 80, visual: true) }
}

/// A trimmed graph and what was left out, for report headers.
public struct TrimmedGraph: Sendable {
    /// The graph after trimming.
    public var graph: CallGraph
    /// Nodes left after the cut by `nodeFraction`, before the `nodeCount` limit.
    public var nodesBeforeLimit: Int
    /// Nodes dropped for a `cum` below the node cutoff.
    public var droppedNodes: Int
    /// Edges dropped for a weight below the edge cutoff.
    public var droppedEdges: Int
}

extension CallGraphBuilder {
    /// Trims as pprof's `newTrimmedGraph` does: drop nodes under the node
    /// cutoff (so residual edges appear), sort, keep the top `nodeCount`
    /// (rebuilding), then drop light edges. The cutoff is decided from the
    /// nodes' values alone, so the graph with edges is built once for the
    /// nodes that stay, plus once more when `nodeCount` cuts.
    public func trimmed(sampleIndex: Int, options: TrimOptions) -> TrimmedGraph {
        let stacks = mergedStacks(sampleIndex: sampleIndex)
        let (flat, cum) = nodeValues(stacks: stacks)
        let total = flat.reduce(Int64(0)) { $0.saturatingAdd($1) }
        let nodeCutoff = Int64(saturating: Double(total) * options.nodeFraction).saturatingMagnitude
        let edgeCutoff = Int64(saturating: Double(total) * options.edgeFraction).saturatingMagnitude
        var kept: [Bool]?
        var dropped = 0
        if nodeCutoff > 0 {
            var mask = [Bool](repeating: false, count: cum.count)
            for id in cum.indices where cum[id] != 0 || flat[id] != 0 {
                if cum[id].saturatingMagnitude >= nodeCutoff { mask[id] = true } else { dropped += 1 }
            }
            if dropped > 0 { kept = mask }
        }
        var names = NodeNames()
        var g = build(stacks: stacks, kept: kept, names: &names)
        let before = g.nodes.count
        g.sortNodes(cum: options.cumSort, visual: options.visual)
        if options.nodeCount > 0 {
            g.removeEdges { $0.weight.saturatingMagnitude < edgeCutoff }
            let top = min(options.nodeCount, g.nodes.count)
            if top != g.nodes.count {
                g = build(stacks: stacks, kept: keptMask(g.nodes[..<top].lazy.map(\.info)), names: &names)
                g.sortNodes(cum: options.cumSort, visual: options.visual)
            }
        }
        let droppedEdges = g.removeEdges { $0.weight.saturatingMagnitude < edgeCutoff }
        if options.visual { g.removeRedundantEdges() }
        return TrimmedGraph(graph: g, nodesBeforeLimit: before, droppedNodes: dropped, droppedEdges: droppedEdges)
    }
}
