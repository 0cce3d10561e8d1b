/// The legend of a call-graph drawing (file, type, totals, dropped nodes) in
/// a box above the graph, its lines wrapped to the graph's width so the
/// legend never makes the drawing wider (only a graph narrower than
/// ``minimumCharacters`` gets that much room).
struct CallGraphLegend {
    static let fontSize = 12.0
    static let lineHeight = 15.0
    static let padding = 8.0
    static let minimumCharacters = 32

    let lines: [String]
    let width: Double
    let height: Double

    init(_ text: [String], availableWidth: Double) {
        let charWidth = Self.fontSize * CallGraphSVGFormat.charWidth
        let limit = max(Self.minimumCharacters, Int((availableWidth - 2 * Self.padding) / charWidth))
        lines = text.flatMap { Self.wrap($0, limit) }
        let longest = lines.map { $0.unicodeScalars.count }.max() ?? 0
        width = Double(longest) * charWidth + 2 * Self.padding
        height = Double(lines.count) * Self.lineHeight + 2 * Self.padding - 3
    }

    /// Breaks at spaces so no line is longer than `limit`; a word longer than that is cut with an ellipsis.
    static func wrap(_ line: String, _ limit: Int) -> [String] {
        var out: [String] = [], current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let w = GraphStyle.truncated(word, limit: limit)
            if current.isEmpty {
                current = w
            } else if current.unicodeScalars.count + 1 + w.unicodeScalars.count <= limit {
                current += " " + w
            } else {
                out.append(current)
                current = w
            }
        }
        out.append(current)
        return out
    }
}
