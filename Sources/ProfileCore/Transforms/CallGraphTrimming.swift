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
    /// Builds the graph and trims it as pprof's `newTrimmedGraph` does: drop
    /// nodes under the node cutoff (rebuilding so residual edges appear), sort,
    /// keep the top `nodeCount` (rebuilding again), then drop light edges.
    public func trimmed(sampleIndex: Int, options: TrimOptions) -> TrimmedGraph {
        let stacks = mergedStacks(sampleIndex: sampleIndex)
        var g = build(stacks: stacks, kept: nil)
        let total = g.flatTotal
        let nodeCutoff = Int64(saturating: Double(total) * options.nodeFraction).saturatingMagnitude
        let edgeCutoff = Int64(saturating: Double(total) * options.edgeFraction).saturatingMagnitude
        var dropped = 0
        if nodeCutoff > 0 {
            let kept = Set(g.nodes.lazy.filter { $0.cum.saturatingMagnitude >= nodeCutoff }.map(\.info))
            if kept.count != g.nodes.count {
                dropped = g.nodes.count - kept.count
                g = build(stacks: stacks, kept: kept)
            }
        }
        let before = g.nodes.count
        g.sortNodes(cum: options.cumSort, visual: options.visual)
        if options.nodeCount > 0 {
            g.removeEdges { $0.weight.saturatingMagnitude < edgeCutoff }
            let top = min(options.nodeCount, g.nodes.count)
            if top != g.nodes.count {
                g = build(stacks: stacks, kept: Set(g.nodes[..<top].map(\.info)))
                g.sortNodes(cum: options.cumSort, visual: options.visual)
            }
        }
        let droppedEdges = g.removeEdges { $0.weight.saturatingMagnitude < edgeCutoff }
        if options.visual { g.removeRedundantEdges() }
        return TrimmedGraph(graph: g, nodesBeforeLimit: before, droppedNodes: dropped, droppedEdges: droppedEdges)
    }
}
