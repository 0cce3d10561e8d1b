import ProfileCore

/// Reads VTune's top-down CSV (see ``VTuneFormat``).
struct VTuneReader {
    private var cursor: LineCursor
    private let modules: Bool
    private var builder = ProfileBuilder(sampleTypes: [("cpu", "milliseconds")])
    private var path: CallTreePath
    private var name: [UInt8] = []
    private var names = NamedLocations()

    init(_ text: UnsafeRawBufferPointer, modules: Bool) {
        cursor = LineCursor(text)
        path = CallTreePath(.ownValue, inputBytes: text.count)
        self.modules = modules
    }

    mutating func read(warnings: inout Warnings) throws -> Profile {
        var started = false
        while let line = cursor.next() {
            if line.hasPrefix(VTuneFormat.header) { started = true; break }
        }
        guard started else {
            warnings.add("the input ended before its header (`Function Stack,CPU Time:Self,Module`): no samples")
            return builder.build()
        }
        var value = [Int64](repeating: 0, count: 1)
        while let raw = cursor.next() {
            let line = SampleReader.trimmedEnd(raw)
            var depth = 0
            while depth < line.count, line[depth] == 0x20 { depth += 1 }
            if depth == line.count { continue }
            var fields = CSVFields(line.slice(depth, line.count))
            guard let function = fields.next(), function.closed, let time = fields.next() else {
                throw ProfileError.atLine(cursor.lineNumber, "a line of VTune's CSV is a function, its CPU time and its module; this one is '\(line.excerpt)'")
            }
            let module = fields.next()
            guard module != nil || !modules else {
                throw ProfileError.atLine(cursor.lineNumber, "this line has no Module column; with --no-modules it is not needed")
            }
            guard let ms = Digits.scaledDecimal(time.raw, decimals: 3) else {
                throw ProfileError.atLine(cursor.lineNumber, "'\(time.raw.excerpt)' is not a CPU time in seconds")
            }
            value[0] = ms
            let location = frame(function, module: modules ? module : nil)
            try path.add(location, depth: depth, values: value, into: &builder, line: cursor.lineNumber)
        }
        try path.finish(into: &builder)
        return builder.build()
    }

    private mutating func frame(_ function: CSVFields.Field, module: CSVFields.Field?) -> Int32 {
        let id: Int32
        if let module, !module.raw.isEmpty {
            name.removeAll(keepingCapacity: true)
            if module.hasDoubledQuotes { name.append(contentsOf: module.text.utf8) } else { name.append(contentsOf: module.raw) }
            name.append(UInt8(ascii: "`"))
            if function.hasDoubledQuotes { name.append(contentsOf: function.text.utf8) } else { name.append(contentsOf: function.raw) }
            id = name.withUnsafeBytes { builder.intern(bytes: $0) }
        } else {
            id = function.hasDoubledQuotes ? builder.intern(function.text) : builder.intern(bytes: function.raw)
        }
        return names.location(id, in: &builder)
    }
}
