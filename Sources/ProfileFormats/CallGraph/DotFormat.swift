import ProfileCore

/// Graphviz DOT of the call graph, shaped like `go tool pprof -dot`: a legend,
/// one box per node labelled with name, flat and cum, edges weighted and
/// coloured by value, residual edges dotted and inlined calls dashed.
///
/// Every name goes through ``DotFormat/escape(_:)``: quotes, backslashes,
/// line breaks and control characters cannot end a string early, and long
/// names are cut, so any symbol gives valid DOT.
public enum DotFormat: ProfileWriter {
    public static let name = "dot"
    public static let extensions = ["dot", "gv"]
    public static let summary = "Graphviz DOT call graph, like go tool pprof -dot (write)"

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        let (report, t) = try GraphReport.drawing(profile, options: options)
        let g = t.graph
        let labels = report.reportLabels(t, droppedEdges: t.droppedEdges, fullHeaders: true)
        let title = profile.mappings.first.map { basename(profile.string($0.filename)) }.flatMap { $0 == "." ? nil : $0 } ?? "unnamed"
        try output.write("digraph \"" + escape(title) + "\" {\n")
        try output.write("node [style=filled fillcolor=\"#f8f8f8\"]\n")
        if let first = labels.first {
            try output.write("subgraph cluster_L { \"" + escape(first) + "\" [shape=box fontsize=16 label=\"")
            try output.write(labels.map(escape).joined(separator: "\\l") + "\\l\" tooltip=\"" + escape(title) + "\"] }\n")
        }
        let total = report.total
        let maxFlat = g.nodes.map { $0.flat.saturatingMagnitude }.max() ?? 0
        for (i, n) in g.nodes.enumerated() {
            var label = multilineName(n)
            // Values carry the sample type's unit, which is input text too.
            let flatText = escape(report.format(n.flat))
            if n.flat != 0 {
                label += flatText + " (" + percent(n.flat, total) + ")"
            } else {
                label += "0"
            }
            var cumText = flatText
            if n.cum != n.flat {
                label += n.flat != 0 ? "\\n" : " "
                cumText = escape(report.format(n.cum))
                label += "of " + cumText + " (" + percent(n.cum, total) + ")"
            }
            let share = total == 0 ? 0 : Double(n.cum) / Double(total.saturatingMagnitude)
            try output.write("N\(i + 1) [label=\"\(label)\" id=\"node\(i + 1)\" fontsize=\(GraphStyle.fontSize(flat: n.flat, maxFlat: maxFlat)) shape=box")
            try output.write(" tooltip=\"" + escape(GraphStyle.truncated(n.printableName)) + " (" + cumText + ")\"")
            try output.write(" color=\"\(GraphStyle.color(share, background: false))\" fillcolor=\"\(GraphStyle.color(share, background: true))\"]\n")
        }
        for e in g.sortedEdges(Array(g.edges.indices)) {
            let edge = g.edges[e]
            let w = escape(report.format(edge.weight))
            var attr = "label=\" " + w + (edge.inline ? "\\n (inline)" : "") + "\""
            if total != 0 {
                let weight = 1 + min((edge.weight &* 100 / total).saturatingMagnitude, 100)
                if weight > 1 { attr += " weight=\(weight)" }
                let width = 1 + min((edge.weight &* 5 / total).saturatingMagnitude, 5)
                if width > 1 { attr += " penwidth=\(width)" }
                attr += " color=\"" + GraphStyle.color(Double(edge.weight) / Double(total.saturatingMagnitude), background: false) + "\""
            }
            let arrow = edge.residual ? "..." : "->"
            let tip = "\"" + escape(GraphStyle.truncated(g.nodes[edge.caller].printableName)) + " " + arrow + " "
                + escape(GraphStyle.truncated(g.nodes[edge.callee].printableName)) + " (" + w + ")\""
            attr += " tooltip=" + tip + " labeltooltip=" + tip
            if edge.residual {
                attr += " style=\"dotted\""
            } else if edge.inline {
                attr += " style=\"dashed\""
            }
            try output.write("N\(edge.caller + 1) -> N\(edge.callee + 1) [" + attr + "]\n")
        }
        try output.write("}\n")
    }

    private static func percent(_ v: Int64, _ total: Int64) -> String {
        String(ValueText.percentage(v, of: total).drop { $0 == " " })
    }

    /// pprof's node label: the short function name split at dots, then the
    /// file's base name (and line), each on its own line.
    static func multilineName(_ n: CallGraph.Node) -> String {
        var parts: [String] = []
        let info = n.info
        if info.address != 0 {
            let s = String(info.address, radix: 16)
            parts.append(String(repeating: "0", count: max(0, 16 - s.count)) + s)
        }
        let name = GraphStyle.truncated(GraphStyle.shortName(n.functionName), limit: 200)
        if !name.isEmpty {
            parts.append(escape(name).replacingAll("::", with: "\\n").replacingAll(".", with: "\\n"))
        }
        let file = n.fileName.isEmpty ? "" : escape(GraphStyle.truncated(basename(n.fileName), limit: 200))
        if info.lineNumber != 0 {
            parts.append(file + ":" + String(info.lineNumber))
        } else if !file.isEmpty {
            parts.append(file)
        } else if !name.isEmpty {
        } else {
            // `[binary]` or `<unknown>`: the last part of the printable name.
            parts.append(escape(GraphStyle.truncated(String(n.printableName.split(separator: " ").last ?? ""), limit: 200)))
        }
        return parts.joined(separator: "\\n") + "\\n"
    }

    /// Text safe inside a DOT double-quoted escString: backslashes and quotes
    /// escaped, line breaks turned into left-justified breaks (`\l`), other
    /// control characters into spaces.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\l"
            case _ where Escape.isControl(u.value): out += "\u{FFFD}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
