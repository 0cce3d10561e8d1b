import ProfileCore

/// Turns an ``OTLPDocument`` into a ``Profile``, checking every index first.
///
/// Profiles whose samples match (the same stacks and attributes, in order,
/// as the collector's translator and profconv's writer make them) become
/// the sample types of one pprof profile; the samples of other profiles
/// follow, as `go tool pprof` concatenates merged inputs, with zeros for
/// the sample types they do not measure. Entry 0 of the mapping and
/// function tables means "none"; the other entries keep their order, with
/// their table index as their pprof id.
struct OTLPProfileBuilder {
    private let d: OTLPDictionary
    private var profile = Profile()
    /// The label of each attribute; nil for values pprof has no label for.
    private var labels: [Label?] = []
    /// Index in `profile.locations` of dictionary location 0, made when a stack names it.
    private var zeroLocation: Int32?

    private init(_ dictionary: OTLPDictionary) { d = dictionary }

    static func profile(_ document: OTLPDocument) throws -> Profile {
        var b = OTLPProfileBuilder(document.dictionary)
        try b.checkDictionary()
        for p in document.profiles { try b.checkProfile(p) }
        return try b.build(document)
    }

    // MARK: - Checks

    private static func dangling(_ offset: Int, _ field: String, _ index: Int32, _ table: String, _ count: Int) -> ProfileError {
        .atByte(offset, "\(field) \(index) names no entry of the \(table): it has \(count)")
    }

    private func string(_ i: Int32, _ field: String, at offset: Int) throws {
        guard Int(i) < max(d.strings.count, 1) else { throw Self.dangling(offset, field, i, "string_table", d.strings.count) }
    }

    private func attributes(_ list: some Sequence<Int32>, _ field: String, at offset: Int) throws {
        for a in list where Int(a) >= d.attributes.count && a != 0 {
            throw Self.dangling(offset, field, a, "attribute_table", d.attributes.count)
        }
    }

    private func checkDictionary() throws {
        if let first = d.strings.first, !first.isEmpty {
            throw ProfileError("string_table[0] is \"\(first.prefix(40))\"; OTLP requires the empty string there")
        }
        for f in d.functions {
            try string(f.name, "Function.name_strindex", at: f.offset)
            try string(f.systemName, "Function.system_name_strindex", at: f.offset)
            try string(f.filename, "Function.filename_strindex", at: f.offset)
        }
        for m in d.mappings {
            try string(m.filename, "Mapping.filename_strindex", at: m.offset)
            try attributes(m.attributes, "Mapping.attribute_indices", at: m.offset)
        }
        for a in d.attributes {
            try string(a.key, "KeyValueAndUnit.key_strindex", at: a.offset)
            try string(a.unit, "KeyValueAndUnit.unit_strindex", at: a.offset)
            if case .stringIndex(let s) = a.value { try string(s, "AnyValue.string_value_strindex", at: a.offset) }
        }
        for l in d.lines where l.function != 0 && Int(l.function) >= d.functions.count {
            throw Self.dangling(l.offset, "Line.function_index", l.function, "function_table", d.functions.count)
        }
        for l in d.locations {
            if l.mapping != 0 && Int(l.mapping) >= d.mappings.count {
                throw Self.dangling(l.offset, "Location.mapping_index", l.mapping, "mapping_table", d.mappings.count)
            }
            try attributes(l.attributes, "Location.attribute_indices", at: l.offset)
        }
        for s in 0..<d.stackCount {
            for l in d.stack(s) where Int(l) >= d.locations.count && l != 0 {
                throw Self.dangling(d.stackOffsets[s], "Stack.location_indices", l, "location_table", d.locations.count)
            }
        }
    }

    private func checkProfile(_ p: OTLPProfile) throws {
        try string(p.sampleType.type, "Profile.sample_type.type_strindex", at: p.offset)
        try string(p.sampleType.unit, "Profile.sample_type.unit_strindex", at: p.offset)
        if let t = p.periodType {
            try string(t.type, "Profile.period_type.type_strindex", at: p.offset)
            try string(t.unit, "Profile.period_type.unit_strindex", at: p.offset)
        }
        try attributes(p.attributes, "Profile.attribute_indices", at: p.offset)
        let s = p.samples
        for i in 0..<s.count {
            if s.stacks[i] != 0 && Int(s.stacks[i]) >= d.stackCount {
                throw Self.dangling(s.offsets[i], "Sample.stack_index", s.stacks[i], "stack_table", d.stackCount)
            }
            try attributes(s.attributes(of: i), "Sample.attribute_indices", at: s.offsets[i])
        }
    }

    // MARK: - Building

    private func attribute(_ i: Int32) -> OTLPAttribute? {
        i > 0 && Int(i) < d.attributes.count ? d.attributes[Int(i)] : nil
    }

    private func key(_ a: OTLPAttribute) -> String { d.strings.isEmpty ? "" : d.strings[Int(a.key)] }

    private mutating func text(_ v: OTLPValue) -> Int32? {
        switch v {
        case .string(let s): return profile.strings.intern(s)
        case .stringIndex(let i): return i
        case .bool(let b): return profile.strings.intern(b ? "true" : "false")
        case .double(let x): return profile.strings.intern("\(x)")
        case .int, .none, .other: return nil
        }
    }

    private mutating func build(_ document: OTLPDocument) throws -> Profile {
        profile.strings = StringTable(verbatim: d.strings)
        labels = d.attributes.indices.map { _ in nil }
        for i in d.attributes.indices.dropFirst() {
            let a = d.attributes[i]
            if case .int(let n) = a.value {
                labels[i] = Label(key: a.key, num: n, numUnit: a.unit)
            } else if let s = text(a.value) {
                labels[i] = Label(key: a.key, str: s)
            }
        }
        buildMappings()
        for (i, f) in d.functions.enumerated().dropFirst() {
            var function = Function(id: UInt64(i))
            function.name = f.name
            function.systemName = f.systemName
            function.filename = f.filename
            function.startLine = f.startLine
            profile.functions.append(function)
        }
        for (i, l) in d.locations.enumerated().dropFirst() { appendLocation(l, id: UInt64(i)) }
        try buildSamples(document.profiles)
        buildMetadata(document)
        return profile
    }

    private mutating func buildMappings() {
        for (i, m) in d.mappings.enumerated().dropFirst() {
            var mapping = Mapping(id: UInt64(i))
            mapping.memoryStart = m.memoryStart
            mapping.memoryLimit = m.memoryLimit
            mapping.fileOffset = m.fileOffset
            mapping.filename = m.filename
            for a in m.attributes.compactMap(attribute) {
                switch (key(a), a.value) {
                case (OTLPKey.buildID, _): mapping.buildID = text(a.value) ?? 0
                case (OTLPKey.hasFunctions, .bool(let b)): mapping.hasFunctions = b
                case (OTLPKey.hasFilenames, .bool(let b)): mapping.hasFilenames = b
                case (OTLPKey.hasLineNumbers, .bool(let b)): mapping.hasLineNumbers = b
                case (OTLPKey.hasInlineFrames, .bool(let b)): mapping.hasInlineFrames = b
                default: break
                }
            }
            profile.mappings.append(mapping)
        }
    }

    private mutating func appendLocation(_ l: OTLPLocation, id: UInt64) {
        var location = Location(id: id)
        location.mappingIndex = l.mapping - 1
        location.address = l.address
        location.lineStart = Int32(profile.lines.count)
        location.lineCount = l.lineCount
        for line in d.lines[Int(l.lineStart)..<Int(l.lineStart + l.lineCount)] {
            profile.lines.append(Line(functionIndex: line.function - 1, line: line.line, column: line.column))
        }
        location.isFolded = l.attributes.compactMap(attribute).contains { key($0) == OTLPKey.isFolded && $0.value == .bool(true) }
        profile.locations.append(location)
    }

    /// The pprof location of dictionary location `i`.
    private mutating func location(_ i: Int32) -> Int32 {
        if i > 0 { return i - 1 }
        if let z = zeroLocation { return z }
        let z = Int32(profile.locations.count)
        appendLocation(d.locations.first ?? OTLPLocation(), id: UInt64(z) + 1)
        zeroLocation = z
        return z
    }

    /// Profiles of one set of samples, and how many of its groups have each sample type.
    private struct Shape {
        var representative: Int
        var groups: [Int] = []
        var filled: [Int: Int] = [:]
    }

    /// Profiles of matching samples, in order; each a list of profile
    /// indices. A profile joins the first group of its samples that lacks
    /// its sample type: as groups fill in order, that is the group after
    /// the ones holding that type, found without scanning (a file of
    /// 100,000 profiles must not cost 100,000² comparisons).
    private func groups(_ profiles: [OTLPProfile], columns: [Int]) -> [[Int]] {
        var groups: [[Int]] = []
        var shapes: [Int: [Shape]] = [:]
        for (i, p) in profiles.enumerated() {
            var h = Hasher()
            h.combine(p.samples.stacks)
            h.combine(p.samples.attributeStart)
            h.combine(p.samples.attributes)
            let key = h.finalize()
            var list = shapes[key, default: []]
            let s: Int
            if let found = list.firstIndex(where: { profiles[$0.representative].samples.hasSameSamples(as: p.samples) }) {
                s = found
            } else {
                list.append(Shape(representative: i))
                s = list.count - 1
            }
            let k = list[s].filled[columns[i], default: 0]
            if k < list[s].groups.count {
                groups[list[s].groups[k]].append(i)
            } else {
                list[s].groups.append(groups.count)
                groups.append([i])
            }
            list[s].filled[columns[i]] = k + 1
            shapes[key] = list
        }
        return groups
    }

    private mutating func buildSamples(_ profiles: [OTLPProfile]) throws {
        // The sample types, each (type, unit) once, in the order first met.
        var columnOf: [[String]: Int] = [:]
        var columns: [Int] = []
        for p in profiles {
            let name = [profile.strings[p.sampleType.type], profile.strings[p.sampleType.unit]]
            if let c = columnOf[name] {
                columns.append(c)
            } else {
                columnOf[name] = profile.sampleTypes.count
                columns.append(profile.sampleTypes.count)
                profile.sampleTypes.append(p.sampleType)
            }
        }
        let n = profile.sampleTypes.count
        let groups = groups(profiles, columns: columns)
        // Each sample gets a value per sample type: many profiles of
        // distinct types and samples would multiply the input.
        let read = profiles.reduce(0) { $0 + $1.samples.count }
        let samples = groups.reduce(0) { $0 + profiles[$1[0]].samples.count }
        if samples.multipliedReportingOverflow(by: n).partialValue > 64 * read + (1 << 20) || samples.multipliedReportingOverflow(by: n).overflow {
            throw ProfileError("\(profiles.count) OTLP profiles of \(n) sample types with different samples would make \(samples) samples of \(n) values each, far more than the file holds; split the file")
        }
        profile.samples = SampleTable(valuesPerSample: n)
        var row = [Int64](repeating: 0, count: n)
        var stack: [Int32] = []
        var sampleLabels: [Label] = []
        for group in groups {
            let samples = profiles[group[0]].samples
            for i in 0..<samples.count {
                stack.removeAll(keepingCapacity: true)
                let s = Int(samples.stacks[i])
                if s < d.stackCount { for l in d.stack(s) { stack.append(location(l)) } }
                for c in row.indices { row[c] = 0 }
                for p in group { row[columns[p]] = profiles[p].samples.values[i] }
                sampleLabels.removeAll(keepingCapacity: true)
                for a in samples.attributes(of: i) where a > 0 { if let l = labels[Int(a)] { sampleLabels.append(l) } }
                profile.samples.append(locations: stack, values: row, labels: sampleLabels)
            }
        }
    }

    /// Time is the earliest, duration the longest; the period and the
    /// `pprof.profile.*` attributes are the first profile's.
    private mutating func buildMetadata(_ document: OTLPDocument) {
        // pprof's int64 nanoseconds as their bits, so that a pprof time
        // before 1970 comes back as it was written.
        let times = document.profiles.map { Int64(bitPattern: $0.timeUnixNano) }.filter { $0 != 0 }
        profile.timeNanos = times.min() ?? 0
        profile.durationNanos = document.profiles.map { Int64(bitPattern: $0.durationNano) }.max() ?? 0
        if let p = document.profiles.first(where: { $0.periodType != nil }) {
            profile.periodType = p.periodType
            profile.period = p.period
        } else {
            profile.period = document.profiles.first?.period ?? 0
        }
        for a in (document.profiles.first?.attributes ?? []).compactMap(attribute) {
            guard let s = text(a.value) else { continue }
            switch key(a) {
            case OTLPKey.comment: profile.comments.append(s)
            case OTLPKey.dropFrames: profile.dropFrames = s
            case OTLPKey.keepFrames: profile.keepFrames = s
            case OTLPKey.docURL: profile.docURL = s
            default: break
            }
        }
        if let name = document.defaultSampleType { profile.defaultSampleType = profile.strings.intern(name) }
    }
}
