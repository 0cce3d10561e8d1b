import ProfileCore

/// Reads an Instruments Deep Copy (see ``InstrumentsFormat``).
struct InstrumentsReader {
    private var cursor: LineCursor
    private var builder = ProfileBuilder(sampleTypes: [("cpu", "milliseconds")])
    private var path: CallTreePath
    private var names = NamedLocations()

    init(_ text: UnsafeRawBufferPointer) {
        cursor = LineCursor(text)
        path = CallTreePath(.ownValue, inputBytes: text.count)
    }

    /// A node line: its self time in thousandths of a millisecond, depth and symbol.
    struct Node {
        var selfMicros: Int64
        var depth: Int
        var symbol: UnsafeRawBufferPointer
    }

    /// `RUNNING UNIT  PERCENT%	SELF UNIT	 	INDENT SYMBOL`, as
    /// stackcollapse-instruments.pl matches it; nil for any other line.
    static func node(_ line: UnsafeRawBufferPointer) -> Node? {
        guard let sep = ByteSearch.find(line, "\t \t") else { return nil }
        // The five fields before the separator, from the right.
        var fields: [UnsafeRawBufferPointer] = []
        var e = sep
        while fields.count < 5 {
            while e > 0, Digits.isSpace(line[e - 1]) { e -= 1 }
            guard e > 0 else { return nil }
            var s = e
            while s > 0, !Digits.isSpace(line[s - 1]) { s -= 1 }
            fields.append(line.slice(s, e))
            e = s
        }
        let (selfUnit, selfValue, percent, runUnit, runValue) = (fields[0], fields[1], fields[2], fields[3], fields[4])
        guard percent.last == UInt8(ascii: "%"), Digits.scaledDecimal(percent.slice(0, percent.count - 1), decimals: 1) != nil,
              unitScale(runUnit) != nil, Digits.scaledDecimal(runValue, decimals: 3) != nil,
              let scale = unitScale(selfUnit), let value = Digits.scaledDecimal(selfValue, decimals: 3) else { return nil }
        var i = sep + 3
        let indent = i
        while i < line.count, Digits.isSpace(line[i]) { i += 1 }
        guard i < line.count else { return nil }
        let (micros, overflow) = value.multipliedReportingOverflow(by: scale)
        return Node(selfMicros: overflow ? .max : micros, depth: i - indent, symbol: line.slice(i, line.count))
    }

    /// Milliseconds per unit.
    private static func unitScale(_ unit: UnsafeRawBufferPointer) -> Int64? {
        if unit.count == 2, unit.hasPrefix("ms") { return 1 }
        if unit.count == 1, unit[0] == UInt8(ascii: "s") { return 1000 }
        if unit.count == 3, unit.hasPrefix("min") { return 60_000 }
        return nil
    }

    mutating func read() throws -> Profile {
        _ = cursor.next()  // the header
        var value = [Int64](repeating: 0, count: 1)
        while let line = cursor.next() {
            if line.isEmpty { continue }
            guard let node = Self.node(line) else {
                throw ProfileError.atLine(cursor.lineNumber, "not a line of an Instruments deep copy (`12.0 ms  100.0%\\t3.0 ms\\t \\tSYMBOL`): '\(line.excerpt.split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "\\t"))'")
            }
            // Thousandths of a millisecond, rounded to the millisecond as the
            // script's %.0f rounds: half to even (6.5 ms is 6, 1.5 ms is 2).
            let (q, r) = node.selfMicros.quotientAndRemainder(dividingBy: 1000)
            value[0] = r > 500 || (r == 500 && q % 2 == 1) ? q + 1 : q
            let location = names.location(node.symbol, in: &builder)
            try path.add(location, depth: node.depth, values: value, into: &builder, line: cursor.lineNumber)
        }
        return builder.build()
    }
}
