import ProfileCore

/// The tables a processed profile's samples index: strings, stacks, frames,
/// functions and sources. Shared by all threads in `profile.shared` (the
/// strings from version 56, the rest from 60), each thread's own before.
struct ProcessedTables {
    var strings: FirefoxStrings?
    var stacks: ColumnTable?
    var frames: ColumnTable?
    var funcs: ColumnTable?
    var sources: ColumnTable?

    var hasStackTables: Bool { stacks != nil || frames != nil || funcs != nil }

    /// Takes `key` if it is one of the tables.
    mutating func take(_ key: [UInt8], _ s: inout JSONScanner) throws -> Bool {
        switch key {
        case Array("stringArray".utf8):
            var strings = FirefoxStrings()
            try strings.read(&s)
            self.strings = strings
        case Array("stackTable".utf8):
            stacks = try ColumnTable.read(&s, "stackTable", [.init("frame"), .init("prefix"), .init("prefixOffset")])
        case Array("frameTable".utf8): frames = try ColumnTable.read(&s, "frameTable", [.init("func"), .init("line"), .init("column")])
        case Array("funcTable".utf8):
            funcs = try ColumnTable.read(&s, "funcTable", [.init("name"), .init("fileName"), .init("source"), .init("lineNumber"), .init("columnNumber")])
        case Array("sources".utf8): sources = try ColumnTable.read(&s, "sources table", [.init("filename")])
        default: return false
        }
        return true
    }

    /// The stack table with each stack's frame made a location in `builder`.
    mutating func resolve(_ builder: inout ProfileBuilder, at offset: Int) throws -> FirefoxStacks {
        guard var strings, let stacks, let frames, let funcs else {
            throw ProfileError.atByte(offset, "a processed profile thread without its stringArray, stackTable, frameTable and funcTable (in the thread or in \"shared\")")
        }
        defer { self.strings = strings }
        let functions = try self.functions(funcs, &strings, &builder)
        var locations: [Int32] = []
        let funcOf = frames.values[0]
        locations.reserveCapacity(funcOf.count)
        for (row, f) in funcOf.enumerated() {
            guard f >= 0, f < functions.count else {
                throw ProfileError.atByte(frames.offset, "frame \(row) of the frameTable names function \(f == FirefoxNull ? "null" : String(f)), but the funcTable has \(functions.count)")
            }
            locations.append(functions[Int(f)].location(line: Self.cell(frames, 1, row), column: Self.cell(frames, 2, row), &builder))
        }
        var table = FirefoxStacks()
        let offsets = stacks.present[2]
        guard offsets || stacks.present[1] else {
            throw ProfileError.atByte(stacks.offset, "the stackTable has neither a prefix nor a prefixOffset column")
        }
        for (row, f) in stacks.values[0].enumerated() {
            guard f >= 0, f < locations.count else {
                throw ProfileError.atByte(stacks.offset, "stack \(row) of the stackTable names frame \(f == FirefoxNull ? "null" : String(f)), but the frameTable has \(locations.count)")
            }
            let prefix: Int64
            if offsets {
                let o = Self.cell(stacks, 2, row)
                prefix = o == 0 ? FirefoxNull : Int64(row).saturatingSubtract(o)
            } else {
                prefix = row < stacks.values[1].count ? stacks.values[1][row] : FirefoxNull
            }
            try table.append(prefix: prefix, location: locations[Int(f)], row: row, "stackTable", at: stacks.offset)
        }
        return table
    }

    /// One function per funcTable row: its name, its file (`source` into the
    /// sources table, or before version 58 `fileName`), line and column.
    private func functions(_ funcs: ColumnTable, _ strings: inout FirefoxStrings, _ builder: inout ProfileBuilder) throws -> [FirefoxFunction] {
        var out: [FirefoxFunction] = []
        let names = funcs.values[0]
        out.reserveCapacity(names.count)
        for (row, name) in names.enumerated() {
            try strings.check(name, "function \(row) of the funcTable", at: funcs.offset)
            var file: Int32 = 0
            var fileString = Self.cell(funcs, 1, row)
            let source = Self.cell(funcs, 2, row)
            if source >= 0, let sources {
                guard source < sources.values[0].count else {
                    throw ProfileError.atByte(funcs.offset, "function \(row) of the funcTable names source \(source), but the sources table has \(sources.values[0].count)")
                }
                fileString = sources.values[0][Int(source)]
            }
            if fileString != FirefoxNull {
                try strings.check(fileString, "the file of function \(row) of the funcTable", at: funcs.offset)
                file = strings.intern(Int(fileString), &builder)
            }
            let line = max(0, Self.cell(funcs, 3, row)), column = max(0, Self.cell(funcs, 4, row))
            let id = builder.function(name: strings.intern(Int(name), &builder), file: file, startLine: line)
            out.append(FirefoxFunction(id: id, line: line, column: column))
        }
        return out
    }

    /// Column `k`'s cell in `row`; `FirefoxNull` past its end.
    static func cell(_ t: ColumnTable, _ k: Int, _ row: Int) -> Int64 {
        row < t.values[k].count ? t.values[k][row] : FirefoxNull
    }
}
