import ProfileCore

/// Reads `pmcstat -G` callgraphs (see ``PMCStatFormat``).
struct PMCStatReader {
    private var cursor: LineCursor
    private var builder = ProfileBuilder(sampleTypes: [("samples", "count")])
    private var path: CallTreePath
    private var names = NamedLocations()

    init(_ text: UnsafeRawBufferPointer) {
        cursor = LineCursor(text)
        path = CallTreePath(.leafTotal, .calleesAbove, inputBytes: text.count)
    }

    /// One callgraph line: its indentation, samples and function.
    struct Node {
        var depth: Int
        var samples: UnsafeRawBufferPointer
        var function: UnsafeRawBufferPointer
    }

    /// `@ CPU_CLK_UNHALTED_CORE [1234 samples]`.
    static func isHeader(_ line: UnsafeRawBufferPointer) -> Bool {
        line.hasPrefix("@ ") && line.count > 9 && ByteSearch.find(line, " samples]", line.count - 9) != nil
    }

    /// `  16.67%  [2]          selfdfree`, as stackcollapse-pmc.pl matches it.
    static func node(_ line: UnsafeRawBufferPointer) -> Node? {
        var i = 0
        while i < line.count, line[i] == 0x20 { i += 1 }
        let depth = i
        let percent = i
        while i < line.count, Digits.isDigit(line[i]) || line[i] == UInt8(ascii: ".") { i += 1 }
        guard i > percent, line.slice(i, line.count).hasPrefix("%  [") else { return nil }
        i += 4
        let s = i
        while i < line.count, Digits.isDigit(line[i]) { i += 1 }
        guard i > s, i < line.count, line[i] == UInt8(ascii: "]") else { return nil }
        let samples = line.slice(s, i)
        i += 1
        Digits.skipSpaces(line, &i)
        let f = i
        while i < line.count, !Digits.isSpace(line[i]) { i += 1 }
        guard i > f else { return nil }
        return Node(depth: depth, samples: samples, function: line.slice(f, i))
    }

    mutating func read(warnings: inout Warnings) throws -> Profile {
        var value = [Int64](repeating: 0, count: 1)
        var skipped = 0, firstSkipped = 0, skippedText = ""
        while let line = cursor.next() {
            if line.isEmpty { continue }
            if Self.isHeader(line) {
                try path.finish(into: &builder)
                continue
            }
            guard let node = Self.node(line) else {
                if skipped == 0 { firstSkipped = cursor.lineNumber; skippedText = line.excerpt }
                skipped += 1
                continue
            }
            var i = 0
            guard let samples = Digits.decimal(node.samples, &i) else {
                throw ProfileError.atLine(cursor.lineNumber, "the sample count [\(node.samples.string)] does not fit in 64 bits")
            }
            value[0] = samples
            let location = names.location(node.function, in: &builder)
            try path.add(location, depth: node.depth, values: value, into: &builder, line: cursor.lineNumber)
        }
        try path.finish(into: &builder)
        if skipped > 0 {
            warnings.add("skipped \(skipped) line\(skipped == 1 ? "" : "s") that \(skipped == 1 ? "is" : "are") not a callgraph line `PERCENT%  [SAMPLES]  FUNCTION` (line \(firstSkipped); first: \"\(skippedText)\")")
        }
        return builder.build()
    }
}
