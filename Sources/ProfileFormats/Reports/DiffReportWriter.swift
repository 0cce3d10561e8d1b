import ProfileCore

/// Writes a `DiffTable` as text: the functions and the stacks that grew or
/// shrank most, with absolute and relative change. Unchanged rows are left out.
public enum DiffReportWriter {
    /// What the report lists and how it names things.
    public struct Options: Sendable {
        /// Rows per section; 0 for all.
        public var rows = 20
        /// The values' unit (`count`, `nanoseconds`, `bytes`, …).
        public var unit = "count"
        /// The base profile's name in the header.
        public var baseName = "base"
        /// The new profile's name in the header.
        public var newName = "new"
        public init() {}
    }

    public static func write(_ table: DiffTable, options: Options, to out: ByteSink) throws {
        let f = { (v: Int64) in ValueText.label(v, unit: options.unit) }
        let total = DiffTable.change(from: table.baseTotal, to: table.newTotal)
        try out.write("Base: \(options.baseName) (total \(f(table.baseTotal)))\n")
        try out.write("New:  \(options.newName) (total \(f(table.newTotal)))\n")
        try out.write("Change: \(signed(total, f)) (\(relative(table.baseTotal, table.newTotal)))\n\n")

        let functions = table.functions.filter { $0.flatDelta != 0 || $0.cumDelta != 0 }
        try out.write("Functions (flat: as the leaf; cum: anywhere on the stack)\n")
        var rows = [["flat base", "flat new", "flat Δ", "flat Δ%", "cum base", "cum new", "cum Δ", "cum Δ%", "function"]]
        for r in limit(functions, options.rows) {
            rows.append([f(r.flatBase), f(r.flatNew), signed(r.flatDelta, f), relative(r.flatBase, r.flatNew),
                         f(r.cumBase), f(r.cumNew), signed(r.cumDelta, f), relative(r.cumBase, r.cumNew), r.name])
        }
        try aligned(rows, out)
        if functions.count > rows.count - 1 { try out.write("(\(functions.count - rows.count + 1) more; -n 0 shows all)\n") }

        let stacks = table.stacks.filter { $0.delta != 0 }
        try out.write("\nStacks (leaf first)\n")
        rows = [["base", "new", "Δ", "Δ%", "stack"]]
        for s in limit(stacks, options.rows) {
            rows.append([f(s.base), f(s.new), signed(s.delta, f), relative(s.base, s.new), s.frames.isEmpty ? StackSet.noStackFrame : s.frames.reversed().joined(separator: " ← ")])
        }
        try aligned(rows, out)
        if stacks.count > rows.count - 1 { try out.write("(\(stacks.count - rows.count + 1) more; -n 0 shows all)\n") }
    }

    private static func limit<T>(_ rows: [T], _ n: Int) -> ArraySlice<T> { n > 0 ? rows.prefix(n) : rows[...] }

    static func signed(_ v: Int64, _ f: (Int64) -> String) -> String { v > 0 ? "+" + f(v) : f(v) }

    /// `+50%`, `-100%`, or `new` when the base was 0.
    static func relative(_ base: Int64, _ new: Int64) -> String {
        guard let r = DiffTable.relativeChange(base: base, new: new) else { return new == 0 ? "0%" : "new" }
        return (r > 0 ? "+" : "") + ValueText.decimal(r * 100) + "%"
    }

    /// Right-aligned numeric columns, the last column as it is.
    private static func aligned(_ rows: [[String]], _ out: ByteSink) throws {
        guard let first = rows.first else { return }
        var widths = first.map(\.count)
        for row in rows { for (c, cell) in row.enumerated() { widths[c] = max(widths[c], cell.count) } }
        for row in rows {
            let cells = row.enumerated().map { c, cell in
                c == row.count - 1 ? cell : String(repeating: " ", count: widths[c] - cell.count) + cell
            }
            try out.write(Escape.visible(cells.joined(separator: "  ")) + "\n")
        }
    }
}
