import ProfileCore

/// `go tool pprof -top`: a table of nodes by flat (or cum) value, as text,
/// CSV or JSON.
public enum TopFormat: ProfileWriter {
    public static let name = "top"
    public static let extensions = ["top.txt"]
    public static let summary = "the table of go tool pprof -top (write; --format text|csv|json in `profconv top`)"

    /// How the table is written.
    public enum Style: String, CaseIterable, Sendable { case text, csv, json }

    /// How the `top` table is written.
    public struct Options: FormatOptions {
        /// Text as `go tool pprof -top` prints it, CSV or JSON.
        public var style = Style.text
        public init() {}
    }

    /// One row of the table.
    struct Row {
        var name: String
        var inline: String
        var flat: Int64
        var cum: Int64
    }

    /// Node values are sums over samples, by location: samples that share a
    /// location list can be one (no option of `top` tells them apart).
    public static func writesMergedStacksOnly(_ options: WriteOptions) -> Bool { true }

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        var report = try GraphReport(profile, options: options)
        let t = report.graph(defaultNodeCount: 0, visual: false)
        report.selectOutputUnit(t.graph)
        let g = t.graph
        let rows = g.nodes.indices.map { i -> Row in
            var inline = false, notInline = false
            for e in g.incoming[i] { if g.edges[e].inline { inline = true } else { notInline = true } }
            let label = inline ? (notInline ? "(partial-inline)" : "(inline)") : ""
            return Row(name: g.nodes[i].printableName, inline: label, flat: g.nodes[i].flat, cum: g.nodes[i].cum)
        }
        switch options[Options.self].style {
        case .text:
            for line in report.reportLabels(t, droppedEdges: 0, fullHeaders: false) { try output.write(Escape.visible(line) + "\n") }
            try output.write("      flat  flat%   sum%        cum   cum%\n")
            var sum: Int64 = 0
            for r in rows {
                sum = sum.saturatingAdd(r.flat)
                try output.write(pad(report.format(r.flat)) + " " + ValueText.percentage(r.flat, of: report.total) + " "
                    + ValueText.percentage(sum, of: report.total) + " " + pad(report.format(r.cum)) + " "
                    + ValueText.percentage(r.cum, of: report.total) + "  " + Escape.visible(r.name) + (r.inline.isEmpty ? "" : " " + r.inline) + "\n")
            }
        case .csv:
            try output.write("flat,flat_percent,sum_percent,cum,cum_percent,unit,name,inline\n")
            var sum: Int64 = 0
            for r in rows {
                sum = sum.saturatingAdd(r.flat)
                try output.write("\(r.flat),\(percent(r.flat, report.total)),\(percent(sum, report.total)),\(r.cum),\(percent(r.cum, report.total)),")
                try output.write(Escape.csv(report.sampleUnit) + "," + Escape.csv(r.name) + "," + Escape.csv(r.inline) + "\n")
            }
        case .json:
            try output.write("{\"type\":" + Escape.json(report.sampleType) + ",\"unit\":" + Escape.json(report.sampleUnit))
            try output.write(",\"total\":\(report.total),\"dropped_nodes\":\(t.droppedNodes),\"rows\":[")
            var sum: Int64 = 0
            for (k, r) in rows.enumerated() {
                sum = sum.saturatingAdd(r.flat)
                try output.write((k == 0 ? "\n" : ",\n") + "{\"name\":" + Escape.json(r.name) + ",\"flat\":\(r.flat),\"cum\":\(r.cum)")
                try output.write(",\"flat_percent\":\(percent(r.flat, report.total)),\"sum_percent\":\(percent(sum, report.total)),\"cum_percent\":\(percent(r.cum, report.total))")
                try output.write(",\"inline\":" + Escape.json(r.inline) + "}")
            }
            try output.write("\n]}\n")
        }
    }

    /// Right-aligns to ten characters, like `%10s`.
    static func pad(_ s: String) -> String {
        let n = s.unicodeScalars.count
        return n >= 10 ? s : String(repeating: " ", count: 10 - n) + s
    }

    /// A percentage with four decimals, for machine-readable output.
    static func percent(_ v: Int64, _ total: Int64) -> String {
        total == 0 ? "0" : DecimalText.fixed(Double(v) / Double(total) * 100, places: 4)
    }
}
