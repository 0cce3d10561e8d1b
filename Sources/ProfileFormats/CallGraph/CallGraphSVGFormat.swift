import ProfileCore

/// A call-graph SVG drawn by profconv itself, with no Graphviz: the same
/// nodes and edges as the DOT output, laid out by ``LayeredLayout``. Boxes
/// grow and redden with their values as in pprof's graphs; hovering a node
/// highlights its edges; every node and edge has a title with its numbers.
public enum CallGraphSVGFormat: ProfileWriter {
    public static let name = "callgraph"
    public static let aliases = ["callgraph-svg"]
    public static let extensions = ["callgraph.svg"]
    public static let summary = "call-graph SVG drawn natively (no Graphviz), like go tool pprof -svg (write)"

    /// The drawing of a profile: graph, labels and layout (tests check its geometry).
    public struct Drawing {
        /// The trimmed graph drawn.
        public var graph: CallGraph
        /// Where its boxes, edges and labels go.
        public var layout: LayeredLayout
        var lines: [[String]]
        var fontSizes: [Double]
        var legend: [String]
        /// Formats a value in the drawing's unit.
        var valueFormatter: (Int64) -> String
    }

    static let lineHeight = 1.25
    static let edgeLabelSize = 10.0
    static let arrowLength = 9.0
    static let charWidth = 0.6

    /// Builds the drawing `write` renders.
    public static func drawing(_ profile: Profile, options: WriteOptions) throws -> Drawing {
        let (report, t) = try GraphReport.drawing(profile, options: options)
        let g = t.graph
        let maxFlat = g.nodes.map { $0.flat.saturatingMagnitude }.max() ?? 0
        var lines: [[String]] = [], sizes: [(width: Double, height: Double)] = [], fonts: [Double] = []
        for n in g.nodes {
            var l: [String] = []
            let name = GraphStyle.truncated(GraphStyle.shortName(n.functionName.isEmpty ? n.printableName : n.functionName), limit: 60)
            l.append(name)
            if n.info.lineNumber != 0 { l.append(GraphStyle.truncated(basename(n.fileName), limit: 40) + ":" + String(n.info.lineNumber)) }
            else if n.functionName.isEmpty == false && n.info.address == 0 && !n.fileName.isEmpty && report.granularity == .filefunctions {
                l.append(GraphStyle.truncated(basename(n.fileName), limit: 40))
            }
            let pct = { (v: Int64) in String(ValueText.percentage(v, of: report.total).drop { $0 == " " }) }
            l.append(n.flat != 0 ? "\(report.format(n.flat)) (\(pct(n.flat)))" : "0")
            if n.cum != n.flat { l.append("of \(report.format(n.cum)) (\(pct(n.cum)))") }
            // pprof's 8–24 pt scale, compressed a little so 80 nodes still fit side by side.
            let font = 9 + Double(GraphStyle.fontSize(flat: n.flat, maxFlat: maxFlat) - 8) * 0.6
            let w = Double(l.map { $0.unicodeScalars.count }.max() ?? 1) * font * charWidth + 14
            let h = Double(l.count) * font * lineHeight + 10
            lines.append(l)
            fonts.append(font)
            sizes.append((w, h))
        }
        // dot's edge weights (pprof's -dot): heavy calls pull their ends close and straight.
        let total = report.total
        let weights = g.edges.map { e in total == 0 ? 1 : 1 + Int(min((e.weight &* 100 / total).saturatingMagnitude, 100)) }
        let labelWidths = g.edges.map { Double(report.format($0.weight).unicodeScalars.count) * edgeLabelSize * charWidth }
        let layout = LayeredLayout(sizes: sizes, edges: g.edges.map { ($0.caller, $0.callee) }, weights: weights,
                                   labelWidths: labelWidths, labelHeight: edgeLabelSize * 1.2)
        let legend = report.reportLabels(t, droppedEdges: t.droppedEdges, fullHeaders: false)
        let formatter = report
        return Drawing(graph: g, layout: layout, lines: lines, fontSizes: fonts, legend: legend, valueFormatter: { formatter.format($0) })
    }

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        let d = try drawing(profile, options: options)
        let total = max(1, d.graph.nodes.reduce(Int64(0)) { max($0, $1.cum.saturatingMagnitude) })
        let legend = CallGraphLegend(d.legend, availableWidth: d.layout.width - 2 * LayeredLayout.margin)
        let legendHeight = legend.height + LayeredLayout.margin
        let width = max(d.layout.width, legend.width + 2 * LayeredLayout.margin), height = d.layout.height + legendHeight
        try output.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        try output.write("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(num(width))\" height=\"\(num(height))\" viewBox=\"0 0 \(num(width)) \(num(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n")
        try output.write(style)
        try output.write("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"0\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"\(num(arrowLength))\" markerHeight=\"9\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"context-stroke\"/></marker></defs>\n")
        try output.write("<g class=\"legend\"><rect x=\"\(num(LayeredLayout.margin))\" y=\"\(num(LayeredLayout.margin))\" width=\"\(num(legend.width))\" height=\"\(num(legend.height))\" fill=\"#fafafa\" stroke=\"#bbb\"/>\n")
        for (i, line) in legend.lines.enumerated() {
            let y = LayeredLayout.margin + CallGraphLegend.padding + CallGraphLegend.lineHeight * Double(i) + CallGraphLegend.fontSize * 0.85
            try output.write("<text x=\"\(num(LayeredLayout.margin + CallGraphLegend.padding))\" y=\"\(num(y))\" font-size=\"\(num(CallGraphLegend.fontSize))\">\(Escape.xml(line))</text>\n")
        }
        try output.write("</g>\n<g transform=\"translate(0,\(num(legendHeight)))\">\n<g class=\"edges\">\n")
        let g = d.graph
        for e in g.sortedEdges(Array(g.edges.indices)).reversed() {
            let edge = g.edges[e]
            let pts = d.layout.routes[e]
            guard pts.count >= 2 else { continue }
            let share = Double(edge.weight) / Double(total)
            let width = 1 + min(abs(Double(edge.weight) * 5 / Double(total)), 5)
            let dash = edge.residual ? " stroke-dasharray=\"2,3\"" : (edge.inline ? " stroke-dasharray=\"6,3\"" : "")
            let title = GraphStyle.truncated(g.nodes[edge.caller].printableName, limit: 200) + (edge.residual ? " ... " : " -> ")
                + GraphStyle.truncated(g.nodes[edge.callee].printableName, limit: 200) + " (" + pprofValue(d, edge.weight) + ")" + (edge.inline ? " (inline)" : "")
            try output.write("<g class=\"edge\" data-from=\"n\(edge.caller + 1)\" data-to=\"n\(edge.callee + 1)\"><title>\(Escape.xml(title))</title>")
            try output.write("<path d=\"\(spline(endingBeforeArrow(pts)))\" fill=\"none\" stroke=\"\(GraphStyle.color(share, background: false))\" stroke-width=\"\(num(width))\"\(dash) marker-end=\"url(#arrow)\"/>")
            // Beside the edge, in the gap between ranks (where there are no boxes), vertically centred.
            let at = d.layout.labels[e]
            try output.write("<text class=\"label\" x=\"\(num(at.x))\" y=\"\(num(at.y + edgeLabelSize * 0.35))\" font-size=\"\(num(edgeLabelSize))\" fill=\"#444\">\(Escape.xml(pprofValue(d, edge.weight)))</text></g>\n")
        }
        try output.write("</g>\n<g class=\"nodes\">\n")
        for (i, n) in g.nodes.enumerated() {
            let b = d.layout.boxes[i]
            let share = Double(n.cum) / Double(total)
            let title = GraphStyle.truncated(n.printableName, limit: 400) + "\nflat " + (d.lines[i].dropFirst().first ?? "") + "\ncum " + pprofValue(d, n.cum)
            try output.write("<g class=\"node\" id=\"n\(i + 1)\"><title>\(Escape.xml(title))</title>")
            try output.write("<rect x=\"\(num(b.minX))\" y=\"\(num(b.minY))\" width=\"\(num(b.width))\" height=\"\(num(b.height))\" rx=\"3\" fill=\"\(GraphStyle.color(share, background: true))\" stroke=\"\(GraphStyle.color(share, background: false))\"/>")
            let font = d.fontSizes[i]
            for (k, line) in d.lines[i].enumerated() {
                let ly = b.minY + 5 + font * (Double(k) + 1) * lineHeight - font * 0.3
                try output.write("<text x=\"\(num(b.x))\" y=\"\(num(ly))\" font-size=\"\(num(font))\" text-anchor=\"middle\"\(k == 0 ? " font-weight=\"bold\"" : "")>\(Escape.xml(line))</text>")
            }
            try output.write("</g>\n")
        }
        try output.write("</g>\n</g>\n")
        try output.write(script)
        try output.write("</svg>\n")
    }

    private static func pprofValue(_ d: Drawing, _ v: Int64) -> String {
        d.valueFormatter(v)
    }

    /// The route with its last point moved back by the arrowhead's length
    /// (routes end vertically), so the arrowhead drawn from there has its tip
    /// on the box border and the line does not show past the tip.
    static func endingBeforeArrow(_ pts: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        var p = pts
        let last = p.removeLast()
        let before = p.last { $0.y != last.y } ?? p[0]
        let down: Double = last.y >= before.y ? 1 : -1
        let end = (x: last.x, y: last.y - down * arrowLength)
        // Points now past the end (a box as tall as its band has its border on the band's edge) go.
        while p.count > 1, (p[p.count - 1].y - end.y) * down > 0 { p.removeLast() }
        p.append(end)
        return p
    }

    /// A smooth path through `pts`: straight ends, cubic segments in between
    /// with vertical tangents, so edges leave and enter boxes vertically.
    static func spline(_ pts: [(x: Double, y: Double)]) -> String {
        var s = "M\(num(pts[0].x)),\(num(pts[0].y))"
        for i in 1..<pts.count {
            let a = pts[i - 1], b = pts[i]
            let dy = (b.y - a.y) / 2
            s += " C\(num(a.x)),\(num(a.y + dy)) \(num(b.x)),\(num(b.y - dy)) \(num(b.x)),\(num(b.y))"
        }
        return s
    }

    /// A coordinate with at most one decimal (``DecimalText``'s `%.1f`, no `-0`).
    static func num(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        var bytes: [UInt8] = []
        DecimalText.appendFixed(v, places: 1, to: &bytes, signedZero: false)
        if bytes.count >= 2 && bytes[bytes.count - 2] == UInt8(ascii: ".") && bytes.last == UInt8(ascii: "0") { bytes.removeLast(2) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static let style = """
        <style>
        .node rect { stroke-width: 1.2; }
        .node:hover rect { stroke-width: 3; }
        .edge.hot path { stroke-width: 4 !important; stroke: #1a5fb4 !important; }
        .edge.hot text { fill: #1a5fb4; font-weight: bold; }
        .dim { opacity: 0.25; }
        text { pointer-events: none; }
        </style>

        """

    static let script = """
        <script><![CDATA[
        (function () {
          var edges = document.querySelectorAll('.edge');
          document.querySelectorAll('.node').forEach(function (n) {
            n.addEventListener('mouseenter', function () {
              edges.forEach(function (e) {
                var on = e.getAttribute('data-from') === n.id || e.getAttribute('data-to') === n.id;
                e.classList.toggle('hot', on);
                e.classList.toggle('dim', !on);
              });
            });
            n.addEventListener('mouseleave', function () {
              edges.forEach(function (e) { e.classList.remove('hot'); e.classList.remove('dim'); });
            });
          });
        })();
        ]]></script>

        """
}
