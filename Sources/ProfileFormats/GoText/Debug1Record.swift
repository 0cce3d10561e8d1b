import ProfileCore

/// One `#` line of a `debug=1` record: `#\tPC\tfunc+0xOFF\tfile:line`, with
/// the PC as the runtime prints it (the call instruction, return PC − 1).
struct Debug1FrameLine {
    var pc: UInt64
    /// Function entry (`pc - OFF`), nil when the `+0x` offset is missing.
    var entry: UInt64?
    var function: Int32
    var line: Int64
}

/// Turns a record's `@` addresses and `#` lines into locations, grouped as
/// Go's own `debug=0` writer groups them, so both forms of one profile have
/// the same stacks:
/// - a `#` line belongs to the `@` address equal to its PC + 1; addresses
///   before the first such match are the frames the runtime hid (leading
///   `runtime.*`): dropped, as Go's page shows none of them (and heap's
///   `debug=0` form drops them too), or with `keepUnnamedFrames` kept as
///   address-only locations at address − 1 (the `debug=0` convention);
/// - Go ≥ 1.12 lists a "fake" PC per inlined call; consecutive lines with the
///   same function entry but different names are one physical frame, so they
///   become one location with several lines, innermost first (what
///   `debug=0` does); lines that repeat the previous PC (older runtimes,
///   profconv's own output) are inlined frames of that location too;
/// - the root-side address with no `#` line is `runtime.goexit`, which the
///   runtime never shows and `debug=0` drops: it is dropped as well;
/// - a `#` line matching no address of its record (seen in real Go 1.19
///   heap files, where the runtime printed another record's frames) is
///   ignored and counted, and the record keeps its addresses unsymbolized.
struct Debug1StackAssembler {
    private(set) var ignoredLines = 0
    private var lines: [Line] = []
    private var groups: [(address: UInt64, lineStart: Int)] = []

    /// `dropLeadingHidden`: drop the leaf-side addresses without a `#` line;
    /// `dropUnnamedRecord`: so too when no address has one (Go printed no
    /// frame at all: a stack of `runtime.goexit` alone).
    mutating func locations(addresses: [UInt64], frames: [Debug1FrameLine], dropLeadingHidden: Bool,
                            dropUnnamedRecord: Bool = false,
                            builder: inout ProfileBuilder, into out: inout [Int32]) {
        lines.removeAll(keepingCapacity: true)
        groups.removeAll(keepingCapacity: true)
        var cursor = 0
        var previous: Debug1FrameLine?
        var symbolized = false
        for f in frames where f.function >= 0 {
            let line = Line(functionIndex: f.function, line: f.line)
            let inlinedIntoPrevious: Bool = {
                guard let p = previous, !groups.isEmpty else { return false }
                if let e = f.entry, let pe = p.entry, e == pe, p.function != f.function {
                    return builder.profile.functions[Int(p.function)].name != builder.profile.functions[Int(f.function)].name
                }
                return false
            }()
            if cursor < addresses.count && addresses[cursor] == f.pc &+ 1 {
                cursor += 1
                if !inlinedIntoPrevious { groups.append((f.pc, lines.count)) }
                lines.append(line)
            } else if let last = groups.last, previous != nil, last.address == f.pc || inlinedIntoPrevious {
                lines.append(line)
            } else if let j = addresses[cursor...].firstIndex(of: f.pc &+ 1) {
                for k in cursor..<j { groups.append((addresses[k] &- 1, -1)) }
                cursor = j + 1
                groups.append((f.pc, lines.count))
                lines.append(line)
            } else {
                ignoredLines += 1
                continue
            }
            symbolized = true
            previous = f
        }
        var end = addresses.count
        if symbolized && cursor < end { end -= 1 }  // runtime.goexit
        for k in cursor..<max(cursor, end) { groups.append((addresses[k] &- 1, -1)) }

        var first = 0
        if dropLeadingHidden && (symbolized || dropUnnamedRecord) {
            while first < groups.count && groups[first].lineStart < 0 { first += 1 }
        }
        for g in first..<groups.count {
            let (address, start) = groups[g]
            if start < 0 {
                out.append(builder.location(lines: [], address: address))
                continue
            }
            var stop = lines.count
            for h in (g + 1)..<groups.count where groups[h].lineStart >= 0 { stop = groups[h].lineStart; break }
            out.append(builder.location(lines: Array(lines[start..<stop]), address: address))
        }
    }
}
