import ProfileCore

/// Reads a `CallTreeSummary.csv` (see ``VSProfFormat``).
///
/// inferno's walk of the tree, kept so that stacks are the same: a leaf is
/// a stack with its calls when the next line is its sibling or shallower;
/// going up, each node left loses its callee's calls, and is a stack of its
/// own with what remains unless that equals the callee's calls.
struct VSProfReader {
    private var cursor: LineCursor
    private var builder = ProfileBuilder(sampleTypes: [("calls", "count")])
    private var path: CallTreePath
    /// The calls of each node on the path.
    private var calls: [Int64] = []
    private var value = [Int64](repeating: 0, count: 1)
    private var names = NamedLocations()

    init(_ text: UnsafeRawBufferPointer) {
        cursor = LineCursor(text)
        path = CallTreePath(.ownValue, inputBytes: text.count)
    }

    mutating func read(warnings: inout Warnings) throws -> Profile {
        guard let header = cursor.next() else {
            warnings.add("the input is empty: no call tree")
            return builder.build()
        }
        var i = 0
        Digits.skipSpaces(header, &i)
        guard header.slice(i, header.count).hasPrefix(VSProfFormat.header) else {
            throw ProfileError.atLine(1, "the first line is not the header of a CallTreeSummary.csv (`Level,Function Name,Number of Calls,…`)")
        }
        while let raw = cursor.next() {
            let line = SampleReader.trimmedEnd(raw)
            if line.isEmpty { continue }
            try node(line)
        }
        emitLeaf()
        try path.checkBudget(line: cursor.lineNumber)
        return builder.build()
    }

    private mutating func node(_ line: UnsafeRawBufferPointer) throws {
        var fields = CSVFields(line)
        let level = try number(fields.next(), "level")
        guard let function = fields.next(), !function.raw.isEmpty || function.quoted else {
            throw ProfileError.atLine(cursor.lineNumber, "this line has no function name")
        }
        guard function.closed else {
            throw ProfileError.atLine(cursor.lineNumber, "the function name opens a double quote that the line never closes")
        }
        guard function.quoted else {
            throw ProfileError.atLine(cursor.lineNumber, "the function name is not in double quotes, as Visual Studio writes it: '\(function.raw.excerpt)'")
        }
        let count = try number(fields.next(), "number of calls")
        let name = function.hasDoubledQuotes ? builder.intern(function.text) : builder.intern(bytes: function.raw)
        let location = names.location(name, in: &builder)
        // Level 0 (the program) and level 1 both start at the root.
        let depth = Int(max(level, 1)) - 1
        if depth > calls.count {
            throw ProfileError.atLine(cursor.lineNumber, "this line is at level \(level) and the line above at level \(calls.count): a level of the call tree is missing")
        }
        if depth == calls.count - 1 {
            emitLeaf()
            pop()
        } else if depth < calls.count {
            var callee: Int64 = 0
            while calls.count > depth {
                if callee != calls[calls.count - 1] { emitLeaf() }
                callee = pop()
                if calls.isEmpty { break }
                if callee < calls[calls.count - 1] { calls[calls.count - 1] -= callee }
            }
        }
        calls.append(count)
        path.append(location)
        try path.checkBudget(line: cursor.lineNumber)
    }

    @discardableResult private mutating func pop() -> Int64 {
        path.removeLast()
        return calls.removeLast()
    }

    /// The path as a stack, with its last node's calls, if any.
    private mutating func emitLeaf() {
        guard let last = calls.last, last > 0 else { return }
        value[0] = last
        path.emit(value, into: &builder)
    }

    /// A whole number as Visual Studio writes it: `471`, or in quotes with
    /// thousands separators, `"2,893,824"` (`.` or a space in some locales).
    private func number(_ field: CSVFields.Field?, _ what: String) throws -> Int64 {
        guard let field, !field.raw.isEmpty else {
            throw ProfileError.atLine(cursor.lineNumber, "this line has no \(what)")
        }
        let t = field.raw
        var n: Int64 = 0
        var group = 0
        var separator: UInt8?
        var first = true
        for b in t {
            if Digits.isDigit(b) {
                guard group < 3 else {
                    throw ProfileError.atLine(cursor.lineNumber, "the \(what) '\(t.excerpt)' lacks a thousands separator")
                }
                let (m, o1) = n.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(b - 0x30))
                guard !o1, !o2 else { throw ProfileError.atLine(cursor.lineNumber, "the \(what) '\(t.excerpt)' is too large") }
                n = a
                group += 1
            } else if b == 0x2C || b == 0x2E || b == 0x20, separator == nil || separator == b,
                      first ? group > 0 : group == 3 {
                separator = b
                first = false
                group = 0
            } else {
                throw ProfileError.atLine(cursor.lineNumber, "the \(what) '\(t.excerpt)' is not a whole number")
            }
        }
        guard group == 3 || first else {
            throw ProfileError.atLine(cursor.lineNumber, "the \(what) '\(t.excerpt)' is not a whole number with thousands separators")
        }
        return n
    }
}
