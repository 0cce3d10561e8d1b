import ProfileCore

/// The call graph as GraphML (networkx, yEd, Gephi): the same nodes and
/// edges as the DOT output, with declared keys for the name, file, flat,
/// cum, edge weight and whether a call was inlined or residual.
public enum GraphMLFormat: ProfileWriter {
    public static let name = "graphml"
    public static let extensions = ["graphml"]
    public static let summary = "GraphML call graph for networkx, yEd, Gephi (write)"

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        let (report, t) = try GraphReport.drawing(profile, options: options)
        let g = t.graph
        let x = try XMLOutput(to: output, indent: true)
        try x.startDocument(standalone: false)
        try x.start("graphml")
        try x.attribute("xmlns", "http://graphml.graphdrawing.org/xmlns")
        let keys: [(id: String, on: String, name: String, type: String)] = [
            ("name", "node", "name", "string"), ("file", "node", "file", "string"),
            ("flat", "node", "flat", "long"), ("cum", "node", "cum", "long"),
            ("label", "node", "label", "string"),
            ("weight", "edge", "weight", "long"), ("inline", "edge", "inline", "boolean"),
            ("residual", "edge", "residual", "boolean"),
            ("unit", "graph", "unit", "string"), ("total", "graph", "total", "long"), ("type", "graph", "type", "string"),
        ]
        for k in keys {
            try x.start("key")
            try x.attribute("id", k.id)
            try x.attribute("for", k.on)
            try x.attribute("attr.name", k.name)
            try x.attribute("attr.type", k.type)
            try x.end()
        }
        try x.start("graph")
        try x.attribute("id", "callgraph")
        try x.attribute("edgedefault", "directed")
        try data(x, "type", report.sampleType)
        try data(x, "unit", report.sampleUnit)
        try data(x, "total", String(report.total))
        for (i, n) in g.nodes.enumerated() {
            try x.start("node")
            try x.attribute("id", "n\(i + 1)")
            try data(x, "name", n.printableName)
            try data(x, "file", n.fileName)
            try data(x, "flat", String(n.flat))
            try data(x, "cum", String(n.cum))
            try data(x, "label", "\(n.printableName)\n\(report.format(n.flat)) of \(report.format(n.cum))")
            try x.end()
        }
        for (k, e) in g.sortedEdges(Array(g.edges.indices)).enumerated() {
            let edge = g.edges[e]
            try x.start("edge")
            try x.attribute("id", "e\(k + 1)")
            try x.attribute("source", "n\(edge.caller + 1)")
            try x.attribute("target", "n\(edge.callee + 1)")
            try data(x, "weight", String(edge.weight))
            try data(x, "inline", edge.inline ? "true" : "false")
            try data(x, "residual", edge.residual ? "true" : "false")
            try x.end()
        }
        try x.end()
        try x.end()
        try x.finish()
    }

    private static func data(_ x: XMLOutput, _ key: String, _ value: String) throws {
        try x.start("data")
        try x.attribute("key", key)
        try x.text(value)
        try x.end()
    }
}
