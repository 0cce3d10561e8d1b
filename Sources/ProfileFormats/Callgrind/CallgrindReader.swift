import ProfileCore

/// Reads a callgrind or cachegrind file (see ``CallgrindFormat``): its parts'
/// call graphs (``CallgrindParser``), then stacks grown from each
/// (``CallgrindStacks``), one sample type per event.
enum CallgrindReader {
    static func read(_ text: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        var parser = CallgrindParser(text)
        try parser.parse()
        var builder = parser.builder
        let types = parser.eventNames.map { name -> (type: String, unit: String) in
            (builder.profile.strings[name], unit(longName: parser.longNames[name].map { builder.profile.strings[Int32(truncatingIfNeeded: $0)] }))
        }
        // The builder's sample types are set once, now that every part's events are known.
        builder.withProfile { p in
            p.sampleTypes = types.map { ValueType(type: p.strings.intern($0.type), unit: p.strings.intern($0.unit)) }
            p.samples = SampleTable(valuesPerSample: types.count)
            // callgrind_annotate sorts by the first event: show it by default.
            if let first = parser.parts.first?.eventTypes.first { p.defaultSampleType = p.sampleTypes[first].type }
        }
        var mappingOf: [Int32: Int32] = [:]
        let location = parser.functions.map { f -> Int32 in
            var mapping: Int32 = -1
            if f.object != 0 {
                if let m = mappingOf[f.object] {
                    mapping = m
                } else {
                    var m = Mapping(id: UInt64(mappingOf.count + 1))
                    m.filename = f.object
                    m.hasFunctions = true
                    m.hasFilenames = true
                    m.hasLineNumbers = true
                    mapping = builder.addMapping(m)
                    mappingOf[f.object] = mapping
                }
            }
            let function = builder.function(name: f.name, file: f.file, startLine: f.firstLine)
            return builder.location(function: function, mapping: mapping)
        }
        let severalParts = parser.parts.count > 1
        for (k, part) in parser.parts.enumerated() {
            var labels: [Label] = []
            if severalParts { labels.append(builder.label("part", number: part.number ?? Int64(k + 1))) }
            if let thread = part.thread { labels.append(builder.label("thread", number: thread)) }
            var stacks = CallgrindStacks(part, functionCount: parser.functions.count, maxDepth: options.maxStackDepth)
            stacks.addSamples(to: &builder, location: location, sampleTypes: types.count, labels: labels)
            if stacks.cut {
                warnings.add("the call tree of part \(part.number ?? Int64(k + 1)) was grown only through its heavier calls, to stay within memory; self costs are exact, some lighter paths are left out")
            }
        }
        if let line = parser.saturatedAt {
            warnings.add("line \(line): a cost or a sum of costs passes 9223372036854775807, the largest 64-bit count; it is kept there (saturates)")
        }
        return builder.build()
    }

    /// The unit of an event from its long name: `cpu (nanoseconds)`, as
    /// profconv writes it, says `nanoseconds`; callgrind's events count.
    static func unit(longName: String?) -> String {
        guard let long = longName, long.hasSuffix(")"), let open = long.lastIndex(of: "(") else { return "count" }
        let unit = long[long.index(after: open)..<long.index(before: long.endIndex)]
        return unit.isEmpty || unit.contains(" ") ? "count" : String(unit)
    }
}
