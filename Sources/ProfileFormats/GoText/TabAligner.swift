/// Go's `text/tabwriter` as `runtime/pprof` configures it
/// (`NewWriter(w, 1, 8, 1, '\t', 0)`): tab-terminated cells of consecutive
/// lines form columns; a column is as wide as its widest cell plus one,
/// rounded up to a multiple of 8, and padded with tabs. The text after a
/// line's last tab belongs to no column.
///
/// Feed a block of lines (cells split at tabs), then write them aligned.
struct TabAligner {
    private var cells: [[String]] = []

    mutating func add(_ lineCells: [String]) { cells.append(lineCells) }

    var isEmpty: Bool { cells.isEmpty }

    /// Writes the block and empties it.
    mutating func flush(to out: ByteSink) throws {
        defer { cells.removeAll(keepingCapacity: true) }
        let n = cells.count
        let widths = cells.map { $0.map { $0.unicodeScalars.count } }
        let maxColumns = cells.map { $0.count - 1 }.max() ?? 0
        // columnWidth[line][c]: the width of column c in the maximal run of
        // consecutive lines around `line` that all have a cell in column c.
        var columnWidth = [[Int]](repeating: [], count: n)
        for c in 0..<max(0, maxColumns) {
            var start = 0
            while start < n {
                guard cells[start].count - 1 > c else { start += 1; continue }
                var end = start
                var width = 1  // minwidth
                while end < n && cells[end].count - 1 > c {
                    width = max(width, widths[end][c] + 1)
                    end += 1
                }
                for l in start..<end { columnWidth[l].append(width) }
                start = end
            }
        }
        for l in 0..<n {
            let line = cells[l]
            for c in 0..<line.count {
                try out.write(line[c])
                guard c < line.count - 1 else { break }
                let cellWidth = (columnWidth[l][c] + 7) / 8 * 8
                let tabs = (cellWidth - widths[l][c] + 7) / 8
                for _ in 0..<max(1, tabs) { try out.write(byte: 0x09) }
            }
            try out.write(byte: 0x0A)
        }
    }
}
