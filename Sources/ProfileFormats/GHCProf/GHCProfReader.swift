import ProfileCore

/// Reads the cost-centre tree of a GHC `.prof` report (see ``GHCProfFormat``).
///
/// The tree starts after the header line that names `no.` and `entries`;
/// its numeric columns are counted from that header, and taken from the end
/// of each line, since `SRC` may hold spaces (`<no location info>`) and
/// names in other scripts break GHC's column alignment.
struct GHCProfReader {
    private var cursor: LineCursor
    private var builder = ProfileBuilder(sampleTypes: [])
    /// The frames of the line above and its ancestors, outermost first.
    private var stack: [Int32] = []
    private var leafFirst: [Int32] = []

    /// The column shown by default: `time`, `ticks` or `bytes`.
    private let defaultSampleType: String

    init(_ text: UnsafeRawBufferPointer, defaultSampleType: String = "time") {
        cursor = LineCursor(text)
        self.defaultSampleType = defaultSampleType
    }

    /// The tree's columns, from its header.
    private struct Columns {
        /// How many numeric columns end each line: `no.`, `entries`, the
        /// individual and inherited `%time %alloc`, and with `-P` the
        /// `ticks` and `bytes`.
        var numeric: Int
        var hasTicksAndBytes: Bool { numeric >= 8 }
    }

    mutating func read() throws -> Profile {
        let columns = try findTree()
        var types: [(type: String, unit: String)] = [("time", "permille"), ("alloc", "permille")]
        if columns.hasTicksAndBytes { types += [("ticks", "count"), ("bytes", "bytes")] }
        guard types.contains(where: { $0.type == defaultSampleType }) else {
            throw ProfileError("this GHC report has no \(defaultSampleType) column: it was made with +RTS -p; +RTS -P adds ticks and bytes")
        }
        builder = ProfileBuilder(sampleTypes: types, defaultSampleType: defaultSampleType)
        var values = [Int64](repeating: 0, count: types.count)
        while let line = cursor.next() {
            var depth = 0
            while depth < line.count && line[depth] == 0x20 { depth += 1 }
            if depth == line.count { continue }
            if depth > stack.count {
                throw ProfileError.atLine(cursor.lineNumber, "this cost centre is indented \(depth) spaces, more than one deeper than the line above (\(stack.count)); the tree is damaged")
            }
            let fields = try Self.fields(line, from: depth, numeric: columns.numeric, at: cursor.lineNumber)
            values[0] = try Self.permille(fields.numbers[2], at: cursor.lineNumber)
            values[1] = try Self.permille(fields.numbers[3], at: cursor.lineNumber)
            if columns.hasTicksAndBytes {
                values[2] = try Self.count(fields.numbers[6], at: cursor.lineNumber)
                values[3] = try Self.count(fields.numbers[7], at: cursor.lineNumber)
            }
            stack.removeLast(stack.count - depth)
            stack.append(location(fields))
            leafFirst.removeAll(keepingCapacity: true)
            leafFirst.append(contentsOf: stack.reversed())
            builder.addSample(locations: leafFirst, values: values)
        }
        return builder.build()
    }

    /// Skips to the tree's header and returns its columns.
    private mutating func findTree() throws -> Columns {
        while let line = cursor.next() {
            guard line.hasPrefix("COST CENTRE"), ByteSearch.find(line, " no.") != nil,
                  let entries = ByteSearch.find(line, " entries") else { continue }
            // `no.` and `entries`, then the names of the numeric columns after them.
            var n = 2, i = entries + 8
            while i < line.count {
                Digits.skipSpaces(line, &i)
                if i == line.count { break }
                while i < line.count && !Digits.isSpace(line[i]) { i += 1 }
                n += 1
            }
            guard n >= 6 else {
                throw ProfileError.atLine(cursor.lineNumber, "the cost-centre tree's header has \(n) numeric columns, not the 6 (or 8 with -P) of GHC's report")
            }
            return Columns(numeric: n)
        }
        throw ProfileError("no cost-centre tree (a header line `COST CENTRE MODULE SRC no. entries …`): this GHC report is cut short or not a time and allocation report")
    }

    /// A line's cost centre, module, source and numbers.
    private struct Fields {
        var costCentre: UnsafeRawBufferPointer
        var module: UnsafeRawBufferPointer
        var source: UnsafeRawBufferPointer
        var numbers: [UnsafeRawBufferPointer]
    }

    private static func fields(_ line: UnsafeRawBufferPointer, from start: Int, numeric: Int, at lineNumber: Int) throws -> Fields {
        var tokens: [Range<Int>] = []
        var i = start
        while i < line.count {
            Digits.skipSpaces(line, &i)
            if i == line.count { break }
            let s = i
            while i < line.count && !Digits.isSpace(line[i]) { i += 1 }
            tokens.append(s..<i)
        }
        guard tokens.count >= numeric + 3 else {
            throw ProfileError.atLine(lineNumber, "a cost-centre line needs a name, a module, a source and \(numeric) numbers; this one has \(tokens.count) fields")
        }
        let numbers = tokens.suffix(numeric).map { line.slice($0.lowerBound, $0.upperBound) }
        let source = tokens[2].lowerBound..<tokens[tokens.count - numeric - 1].upperBound
        return Fields(costCentre: line.slice(tokens[0].lowerBound, tokens[0].upperBound),
                      module: line.slice(tokens[1].lowerBound, tokens[1].upperBound),
                      source: line.slice(source.lowerBound, source.upperBound), numbers: numbers)
    }

    /// The location of `MODULE.COST-CENTRE` at its source, once per distinct one.
    private mutating func location(_ f: Fields) -> Int32 {
        let name = builder.intern(String(decoding: f.module, as: UTF8.self) + "." + String(decoding: f.costCentre, as: UTF8.self))
        let (file, line) = Self.fileAndLine(f.source)
        let function = builder.function(name: name, file: file.map { builder.intern(bytes: $0) } ?? 0, startLine: line)
        return builder.location(function: function, line: line)
    }

    /// `File.hs:12:3-9` or `File.hs:(12,3)-(14,9)`: the file and first line;
    /// `<built-in>`, `<entire-module>` and `<no location info>` have neither.
    static func fileAndLine(_ source: UnsafeRawBufferPointer) -> (UnsafeRawBufferPointer?, Int64) {
        guard source.first != UInt8(ascii: "<"), let colon = ByteSearch.find(source, ":") else { return (nil, 0) }
        var i = colon + 1
        if i < source.count && source[i] == UInt8(ascii: "(") { i += 1 }
        let line = Digits.decimal(source, &i) ?? 0
        return (source.slice(0, colon), line)
    }

    /// `97.4` (GHC prints one decimal) as 974 per mille.
    static func permille(_ text: UnsafeRawBufferPointer, at lineNumber: Int) throws -> Int64 {
        var i = 0
        guard let whole = Digits.decimal(text, &i), whole <= 100 else {
            throw ProfileError.atLine(lineNumber, "'\(String(decoding: text, as: UTF8.self))' is not a percentage")
        }
        var tenths: Int64 = 0
        if i < text.count {
            guard text[i] == UInt8(ascii: "."), i + 1 < text.count, Digits.isDigit(text[i + 1]) else {
                throw ProfileError.atLine(lineNumber, "'\(String(decoding: text, as: UTF8.self))' is not a percentage")
            }
            tenths = Int64(text[i + 1] - 0x30)
            i += 2
            // More decimals than GHC prints round to the nearest tenth.
            if i < text.count, Digits.isDigit(text[i]), text[i] >= 0x35 { tenths += 1 }
            while i < text.count, Digits.isDigit(text[i]) { i += 1 }
            guard i == text.count else {
                throw ProfileError.atLine(lineNumber, "'\(String(decoding: text, as: UTF8.self))' is not a percentage")
            }
        }
        return whole * 10 + tenths
    }

    /// A whole count (`ticks`, `bytes`), refusing what does not fit in 64 bits.
    static func count(_ text: UnsafeRawBufferPointer, at lineNumber: Int) throws -> Int64 {
        var i = 0
        guard let n = Digits.decimal(text, &i), i == text.count else {
            throw ProfileError.atLine(lineNumber, "'\(String(decoding: text, as: UTF8.self))' is not a whole number of ticks or bytes")
        }
        return n
    }
}
