import ProfileCore

/// Writes callgrind's profile format, as KCachegrind, QCachegrind and
/// `callgrind_annotate` read it: a header naming one event per sample type
/// (the selected one first, so it is what the tools sort by), then per
/// function its self cost lines and, per callee, `cfl=`/`cfn=`/`calls=` with
/// the inclusive cost of the call. File and function names are compressed
/// (`(id) name` the first time, `(id)` after).
enum CallgrindWriter {
    static func write(_ profile: Profile, options: WriteOptions, to out: ByteSink) throws {
        // Without aggregation (addresses keep everything):
        // line numbers and files come from the full profile.
        let report = try GraphReport(profile, options: options, granularity: .addresses)
        let selected = report.sampleIndex
        let columns = [selected] + profile.sampleTypes.indices.filter { $0 != selected }
        let costs = CallgrindCosts(report.profile, granularity: GraphReport.granularity(options), sampleTypes: columns)

        try out.write("# callgrind format\nversion: 1\ncreator: profconv\npositions: line\n")
        let names = eventNames(profile, columns)
        for (name, c) in zip(names, columns) {
            let t = profile.sampleTypes[c]
            try out.write("event: " + name + " : ")
            try writeName(profile.strings[t.type] + " (" + profile.strings[t.unit] + ")", to: out)
            try out.write("\n")
        }
        try out.write("events: " + names.joined(separator: " ") + "\n")

        var body = Body(costs: costs, out: out)
        try body.write()
    }

    /// Sample type names as callgrind event names (letters, digits, `_`), unique.
    static func eventNames(_ profile: Profile, _ columns: [Int]) -> [String] {
        var used = Set<String>()
        // The suffix to try next for each name, so that n equal names take
        // n steps, not n²/2 (100,000 equal sample types once did not finish).
        var nextSuffix: [String: Int] = [:]
        return columns.map { c in
            var name = String(profile.strings[profile.sampleTypes[c].type].unicodeScalars.map { u -> Character in
                u.isASCII && (u.properties.isAlphabetic || ("0"..."9").contains(u) || u == "_") ? Character(u) : "_"
            })
            if name.isEmpty || ("0"..."9").contains(name.unicodeScalars.first!) { name = "e" + name }
            var unique = name
            var n = nextSuffix[name, default: 2]
            while !used.insert(unique).inserted {
                unique = name + "_" + String(n)
                n += 1
            }
            nextSuffix[name] = n
            return unique
        }
    }

    /// A name on one line: control characters, which would end or corrupt
    /// the line, become U+FFFD.
    static func writeName(_ name: String, to out: ByteSink) throws {
        var s = name
        try s.withUTF8 { buf in
            var from = 0
            for (i, b) in buf.enumerated() where b < 0x20 || b == 0x7F {
                if i > from { try out.write(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buf)[from..<i])) }
                try out.write([0xEF, 0xBF, 0xBD])
                from = i + 1
            }
            if buf.count > from { try out.write(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buf)[from...])) }
        }
    }
}

/// The body of a callgrind file: functions in name order, their lines and calls.
private struct Body {
    let costs: CallgrindCosts
    let out: ByteSink
    private var fileIDs: [String: Int] = [:]
    private var functionNamed: Set<Int32> = []

    init(costs: CallgrindCosts, out: ByteSink) {
        self.costs = costs
        self.out = out
    }

    mutating func write() throws {
        let types = costs.types
        var selfByNode = [[(line: Int64, row: Int)]](repeating: [], count: costs.nodes.count)
        for (key, row) in costs.selfRows { selfByNode[Int(key.node)].append((key.line, row)) }
        var callsByNode = [[(key: CallgrindCosts.CallKey, row: Int)]](repeating: [], count: costs.nodes.count)
        for (key, row) in costs.callRows { callsByNode[Int(key.caller)].append((key, row)) }
        let order = costs.nodes.indices.sorted { costs.nodes[$0].name.utf8.lexicographicallyPrecedes(costs.nodes[$1].name.utf8) }
        var totals = [Int64](repeating: 0, count: types)

        for n in order where !selfByNode[n].isEmpty || !callsByNode[n].isEmpty {
            try out.write("\n")
            try writeFile("fl=", costs.nodes[n].file)
            try writeFunction("fn=", Int32(n))
            for (line, row) in selfByNode[n].sorted(by: { $0.line < $1.line }) {
                try writeCost(line, costs.selfValues, row)
                for c in 0..<types { totals[c] = totals[c].saturatingAdd(costs.selfValues[row * types + c]) }
            }
            let calls = callsByNode[n].sorted { a, b in
                let ca = costs.nodes[Int(a.key.callee)].name, cb = costs.nodes[Int(b.key.callee)].name
                if ca != cb { return ca.utf8.lexicographicallyPrecedes(cb.utf8) }
                return a.key.line < b.key.line
            }
            for (key, row) in calls {
                try writeFile("cfl=", costs.nodes[Int(key.callee)].file)
                try writeFunction("cfn=", key.callee)
                try out.write("calls=")
                try out.write(decimal: costs.callCounts[row])
                try out.write(" 0\n")
                try writeCost(key.line, costs.callValues, row)
            }
        }
        try out.write("\ntotals:")
        for v in totals {
            try out.write(" ")
            try out.write(decimal: v)
        }
        try out.write("\n")
    }

    private func writeCost(_ line: Int64, _ values: [Int64], _ row: Int) throws {
        try out.write(decimal: max(0, line))
        for c in 0..<costs.types {
            try out.write(byte: 0x20)
            try out.write(decimal: values[row * costs.types + c])
        }
        try out.write(byte: 0x0A)
    }

    /// `fl=(id) name` the first time a file is named, `fl=(id)` after;
    /// valgrind's `???` for an unknown file.
    private mutating func writeFile(_ prefix: String, _ file: String) throws {
        let name = file.isEmpty ? "???" : file
        try out.write(prefix)
        if let id = fileIDs[name] {
            try out.write("(\(id))\n")
            return
        }
        let id = fileIDs.count + 1
        fileIDs[name] = id
        try out.write("(\(id)) ")
        try CallgrindWriter.writeName(name, to: out)
        try out.write("\n")
    }

    private mutating func writeFunction(_ prefix: String, _ node: Int32) throws {
        try out.write(prefix + "(\(node + 1))")
        if functionNamed.insert(node).inserted {
            try out.write(" ")
            try CallgrindWriter.writeName(costs.nodes[Int(node)].name, to: out)
        }
        try out.write("\n")
    }
}
