import ProfileCore
#if canImport(Glibc)
import Glibc
#endif

/// Decodes an (inflated) `profile.proto` message into a ``Profile``.
///
/// One pass over the bytes fills the tables; ids are then resolved to indices
/// and every reference is checked, as google/pprof's decoder does.
struct PprofDecoder {
    private var profile = Profile()
    private var strings: [String] = []
    /// Bytes of strings that are not valid UTF-8, kept for writing back.
    private var invalidUTF8: [Int32: [UInt8]] = [:]
    /// Sample location indices, resolved while reading (pass 2).
    private var sampleLocations: [Int32] = []
    private var locationIndex = IDIndex.empty
    private var sampleCount = 0
    private var sampleBytes = 0
    private var sampleLocationStart: [Int32] = [0]
    private var sampleValues: [Int64] = []
    private var sampleLabels: [Label] = []
    private var sampleLabelStart: [Int32] = [0]
    private var locationMappingIDs: [UInt64] = []
    /// Line function *ids* as read, parallel to `profile.lines`.
    private var lineFunctionIDs: [UInt64] = []
    /// Where each line, mapping, location and function message starts, so
    /// errors found while resolving ids can name a byte.
    private var lineOffsets: [Int] = []
    private var mappingOffsets: [Int] = []
    private var locationOffsets: [Int] = []
    private var functionOffsets: [Int] = []
    private var sawTime = false
    private var comments: [Int64] = []
    /// Samples read so far in pass 2, for errors (the table may hold fewer).
    private var samplesRead = 0
    /// When set, samples are summed here by location list as they are
    /// decoded, instead of being kept one by one (see ``decode(_:mergingStacks:)``).
    private var merger: SequenceMerger?
    /// Per sample type, the sum of the values read so far while merging:
    /// merging stops before a total would pass `Int64.max`, so that no sum
    /// saturates and there is no saturation warning to number differently.
    private var mergedTotals: [Int64] = []
    private var stringFieldChecks: [(value: Int64, what: String, offset: Int)] = []
    /// While streaming, what becomes of samples as they are read.
    private enum Streaming {
        /// Pass 2 reads them once the stream has ended (or the fast path gave up).
        case off
        /// Into `merger`, by location id.
        case merging
        /// Into the sample table, with location ids, resolved at the end.
        case table
    }
    private var streaming = Streaming.off
    /// Whether pass 1 is over and strings, functions and mappings are known.
    private var tablesResolved = false
    /// The largest string index of a label read while streaming.
    private var largestLabelString: Int64 = 0
    /// What the input should inflate to, for sizing the tables.
    private var expectedBytes = 0

    /// Pass 1 reads everything but samples; pass 2 reads samples, resolving
    /// location ids straight to indices (no temporary id arrays).
    ///
    /// `mergingStacks`: samples that have the same location list become one
    /// sample with the summed values and no labels, as they are read, so the
    /// whole sample table is never held (for writers that only see stacks;
    /// Go already merges samples with the same stack *and* labels, so only
    /// dropping labels merges anything in its profiles). Sums of non-negative
    /// values that never pass `Int64.max` do not depend on order, so the
    /// stacks are those of the unmerged profile; otherwise (a diff's negative
    /// values, saturation) it throws ``MergeRefused`` and the caller reads
    /// the samples one by one.
    static func decode(_ bytes: UnsafeRawBufferPointer, mergingStacks: Bool = false) throws -> Profile {
        var d = PprofDecoder()
        try d.decodeProfile(WireReader(bytes))
        try d.resolveTables()
        if mergingStacks {
            d.merger = SequenceMerger(columns: d.profile.sampleTypes.count)
            d.mergedTotals = [Int64](repeating: 0, count: d.profile.sampleTypes.count)
        }
        guard try d.decodeSamples(WireReader(bytes)) else { throw MergeRefused() }
        return try d.finish()
    }

    /// Decodes bytes as `stream` inflates them, on the thread that calls it,
    /// in one pass: samples are read before the locations they name are
    /// known (Go writes samples first), by location *id*, and the ids are
    /// resolved once at the end; inflated bytes are released behind the
    /// decoder. Nil when anything is out of the ordinary (an id past
    /// `Int32.max`, a dangling id, a malformed sample, a value that refuses
    /// merging): then the caller inflates again and reads with
    /// ``decode(_:mergingStacks:)``, so results and errors are the same.
    static func decode(_ stream: InflateStream, mergingStacks: Bool) throws -> Profile? {
        var d = PprofDecoder()
        d.streaming = mergingStacks ? .merging : .table
        d.expectedBytes = stream.expectedCount
        if !mergingStacks {
            // Room that is not used is never touched and costs no memory.
            d.sampleLocations.reserveCapacity(d.expectedBytes / 2)
            d.sampleValues.reserveCapacity(d.expectedBytes / 8)
            d.sampleLocationStart.reserveCapacity(d.expectedBytes / 16)
            d.sampleLabelStart.reserveCapacity(d.expectedBytes / 16)
        }
        try d.decodeProfile(stream)
        try d.resolveTables()
        guard d.streaming != .off, d.largestLabelString < Int64(d.profile.strings.count) else { return nil }
        if d.streaming == .merging {
            // No sample at all: no merger was made.
            if d.merger == nil { d.merger = SequenceMerger(columns: d.profile.sampleTypes.count) }
            return d.resolvedStreamMerge()
        }
        guard d.resolveSampleLocations() else { return nil }
        return try d.finish()
    }

    // MARK: - Messages

    private mutating func decodeProfile(_ r: WireReader) throws {
        var r = r
        while !r.isAtEnd { try decodeField(&r) }
    }

    /// Pass 1 over bytes that `stream` is still inflating: each field is read
    /// once the whole of it is there.
    private mutating func decodeProfile(_ stream: InflateStream) throws {
        var available = 0, pos = 0, released = 0
        while true {
            // A key and a length take at most 20 bytes.
            if available - pos < 20 { available = try stream.available(atLeast: pos + 20) }
            if pos >= available { return }
            var r = WireReader(UnsafeRawBufferPointer(start: stream.start, count: available))
            r.pos = pos
            if let end = r.endOfNextField(), end > available {
                available = try stream.available(atLeast: end)
                r = WireReader(UnsafeRawBufferPointer(start: stream.start, count: available))
                r.pos = pos
            }
            try decodeField(&r)
            pos = r.pos
            // What is read is copied: the bytes behind need no memory.
            if pos - released >= InflateStream.step * 8 {
                stream.release(upTo: pos)
                released = pos
            }
        }
    }

    /// Reads one field of the Profile message.
    private mutating func decodeField(_ r: inout WireReader) throws {
        let at = r.offset
        let (field, wire) = try r.tag()
        switch field {
        case 1: profile.sampleTypes.append(try valueType(expectBytes(&r, wire, field)))
        case 2:
            // Samples come in pass 2, once locations are known, unless they
            // are merged as they stream in.
            let m = try expectBytes(&r, wire, field)
            sampleCount += 1
            sampleBytes += m.end - m.pos
            switch streaming {
            case .off: break
            case .merging:
                if !startMerging() || (try? decodeSample(m, at: at)) != true {
                    streaming = .off
                    merger = nil
                }
            case .table:
                if (try? decodeSample(m, at: at)) != true { streaming = .off }
            }
        case 3:
            mappingOffsets.append(at)
            try decodeMapping(try expectBytes(&r, wire, field))
        case 4:
            locationOffsets.append(at)
            try decodeLocation(try expectBytes(&r, wire, field))
        case 5:
            functionOffsets.append(at)
            try decodeFunction(try expectBytes(&r, wire, field))
        case 6:
            let s = try expectBytes(&r, wire, field)
            var text = String(decoding: s.bytes, as: UTF8.self)
            // Repair changes the bytes only of invalid UTF-8: keep those as read.
            if !text.withUTF8({ $0.count == s.bytes.count && ($0.isEmpty || memcmp($0.baseAddress!, s.bytes.baseAddress!, $0.count) == 0) }) {
                invalidUTF8[Int32(strings.count)] = Array(s.bytes)
            }
            strings.append(text)
        case 7: profile.dropFrames = try stringIndex(r.integer(wire, field: field), "drop_frames", at)
        case 8: profile.keepFrames = try stringIndex(r.integer(wire, field: field), "keep_frames", at)
        case 9:
            if sawTime {
                throw ProfileError.atByte(at, "a second time_nanos field: this looks like two profiles concatenated")
                    .hinting(.separateInputs, remedy: "read them as two inputs and merge them (ProfileLoader.load)")
            }
            sawTime = true
            profile.timeNanos = Int64(bitPattern: try r.integer(wire, field: field))
        case 10: profile.durationNanos = Int64(bitPattern: try r.integer(wire, field: field))
        case 11: profile.periodType = try valueType(expectBytes(&r, wire, field))
        case 12: profile.period = Int64(bitPattern: try r.integer(wire, field: field))
        case 13: try r.repeatedIntegers(wire, field: field) { comments.append(Int64(bitPattern: $0)) }
        case 14: profile.defaultSampleType = try stringIndex(r.integer(wire, field: field), "default_sample_type", at)
        case 15: profile.docURL = try stringIndex(r.integer(wire, field: field), "doc_url", at)
        default: try r.skip(wire)
        }
    }

    private func expectBytes(_ r: inout WireReader, _ wire: WireType, _ field: UInt64) throws -> WireReader {
        guard wire == .bytes else {
            throw r.error("protobuf field \(field) of Profile should be a message but has wire type \(wire.rawValue)")
        }
        return try r.subMessage()
    }

    /// String indices are checked once the whole string table is known.
    private mutating func stringIndex(_ v: UInt64, _ what: String, _ at: Int) throws -> Int32 {
        let i = Int64(bitPattern: v)
        stringFieldChecks.append((i, what, at))
        return Int32(truncatingIfNeeded: i)
    }

    private mutating func valueType(_ r: WireReader) throws -> ValueType {
        var r = r
        var t = ValueType(type: 0, unit: 0)
        while !r.isAtEnd {
            let fat = r.offset
            let (field, w) = try r.tag()
            switch field {
            case 1: t.type = try stringIndex(r.integer(w, field: field), "sample type", fat)
            case 2: t.unit = try stringIndex(r.integer(w, field: field), "sample unit", fat)
            default: try r.skip(w)
            }
        }
        return t
    }

    /// Reads every sample; false when merging met a negative value or a sum past `Int64.max`.
    private mutating func decodeSamples(_ r: WireReader) throws -> Bool {
        var r = r
        if merger == nil {
            sampleLocations.reserveCapacity(sampleBytes / 2)
            sampleValues.reserveCapacity(sampleCount * profile.sampleTypes.count)
            sampleLocationStart.reserveCapacity(sampleCount + 1)
            sampleLabelStart.reserveCapacity(sampleCount + 1)
        }
        while !r.isAtEnd {
            let at = r.offset
            let (field, wire) = try r.tag()
            if field == 2 {
                guard try decodeSample(r.subMessage(), at: at) else { return false }
            } else {
                try r.skip(wire)
            }
        }
        return true
    }

    /// Reads one sample into the table, or into the merger; false when
    /// merging met a negative value or a sum past `Int64.max`.
    private mutating func decodeSample(_ r: WireReader, at sampleOffset: Int) throws -> Bool {
        var r = r
        samplesRead += 1
        let locationsBefore = sampleLocations.count
        let valuesBefore = sampleValues.count
        while !r.isAtEnd {
            let at = r.offset
            let (field, wire) = try r.tag()
            switch field {
            case 1:
                var dangling: UInt64?
                if !tablesResolved {
                    // Streaming: ids now, indices once the locations are known.
                    try r.repeatedIntegers(wire, field: field) { id in
                        if id == 0 || id > UInt64(Int32.max) { dangling = id } else { sampleLocations.append(Int32(id)) }
                    }
                    if dangling != nil { throw MergeRefused() }
                    continue
                }
                try r.repeatedIntegers(wire, field: field) { id in
                    if let l = locationIndex[id] {
                        sampleLocations.append(l)
                    } else if dangling == nil {
                        dangling = id
                    }
                }
                if let id = dangling {
                    throw ProfileError.atByte(sampleOffset,
                        "sample \(samplesRead) refers to location id \(id), which does not exist")
                }
            case 2: try r.repeatedIntegers(wire, field: field) { sampleValues.append(Int64(bitPattern: $0)) }
            case 3:
                guard wire == .bytes else { throw r.error("a sample label must be a message", at: at) }
                let label = try decodeLabel(r.subMessage())
                if merger == nil { sampleLabels.append(label) }
            default: try r.skip(wire)
            }
        }
        if sampleValues.count - valuesBefore != profile.sampleTypes.count {
            throw ProfileError.atByte(sampleOffset,
                "sample \(samplesRead) has \(sampleValues.count - valuesBefore) values but the profile has \(profile.sampleTypes.count) sample types")
        }
        if merger != nil {
            for c in mergedTotals.indices {
                let v = sampleValues[valuesBefore + c]
                let (sum, overflow) = mergedTotals[c].saturatingAddReportingOverflow(v)
                if v < 0 || overflow { return false }
                mergedTotals[c] = sum
            }
            // The sample was read into the table's tail: move it to the merger.
            merger!.add(sampleLocations[locationsBefore...], row: sampleValues[valuesBefore...])
            sampleLocations.removeSubrange(locationsBefore...)
            sampleValues.removeSubrange(valuesBefore...)
            return true
        }
        sampleLocationStart.append(Int32(truncatingIfNeeded: sampleLocations.count))
        sampleLabelStart.append(Int32(truncatingIfNeeded: sampleLabels.count))
        return true
    }

    /// A label's string index: checked at once in pass 2, when the string
    /// table is known; while streaming, before it is, the samples are read
    /// again when one is out of range, so that pass 2 names it.
    private mutating func labelString(_ v: UInt64, _ what: String, _ at: Int) throws -> Int32 {
        let i = Int64(bitPattern: v)
        if tablesResolved {
            guard i >= 0 && i < Int64(profile.strings.count) else {
                throw ProfileError.atByte(at, "\(what) refers to string \(i), but the string table has \(profile.strings.count) entries")
            }
        } else if i < 0 || i > Int64(Int32.max) {
            streaming = .off
        } else {
            largestLabelString = max(largestLabelString, i)
        }
        return Int32(truncatingIfNeeded: i)
    }

    private mutating func decodeLabel(_ r: WireReader) throws -> Label {
        var r = r
        var l = Label(key: 0)
        while !r.isAtEnd {
            let at = r.offset
            let (field, wire) = try r.tag()
            switch field {
            case 1: l.key = try labelString(r.integer(wire, field: field), "label key", at)
            case 2: l.str = try labelString(r.integer(wire, field: field), "label value", at)
            case 3: l.num = Int64(bitPattern: try r.integer(wire, field: field))
            case 4: l.numUnit = try labelString(r.integer(wire, field: field), "label unit", at)
            default: try r.skip(wire)
            }
        }
        return l
    }

    private mutating func decodeMapping(_ r: WireReader) throws {
        var r = r
        var m = Mapping(id: 0)
        while !r.isAtEnd {
            let at = r.offset
            let (field, wire) = try r.tag()
            switch field {
            case 1: m.id = try r.integer(wire, field: field)
            case 2: m.memoryStart = try r.integer(wire, field: field)
            case 3: m.memoryLimit = try r.integer(wire, field: field)
            case 4: m.fileOffset = try r.integer(wire, field: field)
            case 5: m.filename = try stringIndex(r.integer(wire, field: field), "mapping filename", at)
            case 6: m.buildID = try stringIndex(r.integer(wire, field: field), "mapping build id", at)
            case 7: m.hasFunctions = try r.integer(wire, field: field) != 0
            case 8: m.hasFilenames = try r.integer(wire, field: field) != 0
            case 9: m.hasLineNumbers = try r.integer(wire, field: field) != 0
            case 10: m.hasInlineFrames = try r.integer(wire, field: field) != 0
            default: try r.skip(wire)
            }
        }
        profile.mappings.append(m)
    }

    private mutating func decodeLocation(_ r: WireReader) throws {
        var r = r
        var loc = Location(id: 0)
        var mappingID: UInt64 = 0
        loc.lineStart = Int32(truncatingIfNeeded: profile.lines.count)
        while !r.isAtEnd {
            let at = r.offset
            let (field, wire) = try r.tag()
            switch field {
            case 1: loc.id = try r.integer(wire, field: field)
            case 2: mappingID = try r.integer(wire, field: field)
            case 3: loc.address = try r.integer(wire, field: field)
            case 4:
                guard wire == .bytes else { throw r.error("a location line must be a message", at: at) }
                var lr = try r.subMessage()
                var line = Line(functionIndex: -1)
                var functionID: UInt64 = 0
                while !lr.isAtEnd {
                    let (f, w) = try lr.tag()
                    switch f {
                    case 1: functionID = try lr.integer(w, field: f)
                    case 2: line.line = Int64(bitPattern: try lr.integer(w, field: f))
                    case 3: line.column = Int64(bitPattern: try lr.integer(w, field: f))
                    default: try lr.skip(w)
                    }
                }
                profile.lines.append(line)
                lineFunctionIDs.append(functionID)
                lineOffsets.append(at)
            case 5: loc.isFolded = try r.integer(wire, field: field) != 0
            default: try r.skip(wire)
            }
        }
        loc.lineCount = Int32(truncatingIfNeeded: profile.lines.count) - loc.lineStart
        profile.locations.append(loc)
        locationMappingIDs.append(mappingID)
    }

    private mutating func decodeFunction(_ r: WireReader) throws {
        var r = r
        var f = Function(id: 0)
        while !r.isAtEnd {
            let at = r.offset
            let (field, wire) = try r.tag()
            switch field {
            case 1: f.id = try r.integer(wire, field: field)
            case 2: f.name = try stringIndex(r.integer(wire, field: field), "function name", at)
            case 3: f.systemName = try stringIndex(r.integer(wire, field: field), "function system name", at)
            case 4: f.filename = try stringIndex(r.integer(wire, field: field), "function filename", at)
            case 5: f.startLine = Int64(bitPattern: try r.integer(wire, field: field))
            default: try r.skip(wire)
            }
        }
        profile.functions.append(f)
    }

    /// Makes the merger for samples read while streaming, at the first of
    /// them; false when the sample types changed since, which would change
    /// the width of every row.
    private mutating func startMerging() -> Bool {
        let n = profile.sampleTypes.count
        if merger == nil {
            merger = SequenceMerger(columns: n)
            mergedTotals = [Int64](repeating: 0, count: n)
            // Every id takes at least a byte, most two or more: room for half
            // the input's bytes as ids means the ids are not copied while
            // they grow (the copy doubles them at the peak), and the room
            // they do not use is never touched, so it costs no memory.
            merger!.reserve(sequences: 0, elements: expectedBytes / 2)
        }
        return n == merger!.columns
    }

    /// Turns the location ids of a table read while streaming into
    /// indices; false when an id names no location or the sample types
    /// changed after the first sample.
    private mutating func resolveSampleLocations() -> Bool {
        guard sampleValues.count == samplesRead * profile.sampleTypes.count else { return false }
        for i in sampleLocations.indices {
            guard let l = locationIndex[UInt64(sampleLocations[i])] else { return false }
            sampleLocations[i] = l
        }
        return true
    }

    /// The profile from the stream's merged samples, their location ids
    /// turned into indices; nil when an id names no location.
    private mutating func resolvedStreamMerge() -> Profile? {
        guard merger!.columns == profile.sampleTypes.count else { return nil }
        var merged = merger!.take()
        merger = nil
        for i in merged.elements.indices {
            guard let l = locationIndex[UInt64(merged.elements[i])] else { return nil }
            merged.elements[i] = l
        }
        profile.samples = SampleTable(
            valuesPerSample: profile.sampleTypes.count, locations: merged.elements, locationStart: merged.starts,
            values: merged.sums, labels: [], labelStart: [Int32](repeating: 0, count: merged.starts.count),
            hasDistinctLocationLists: true)
        return profile
    }

    // MARK: - Resolution and validation

    /// Checks strings, then resolves function and mapping ids (after pass 1).
    private mutating func resolveTables() throws {
        guard strings.first == "" else {
            if strings.isEmpty && profile.sampleTypes.isEmpty && sampleCount == 0 {
                throw ProfileError("no pprof profile found: the data holds no string table")
            }
            throw ProfileError("the pprof string table must start with an empty string")
        }
        for check in stringFieldChecks where check.value < 0 || check.value >= Int64(strings.count) {
            throw ProfileError.atByte(check.offset, "\(check.what) refers to string \(check.value), but the string table has \(strings.count) entries")
        }
        profile.strings = StringTable(verbatim: strings, originalBytes: invalidUTF8)
        profile.comments = try comments.map { c -> Int32 in
            guard c >= 0 && c < Int64(strings.count) else {
                throw ProfileError("comment refers to string \(c), but the string table has \(strings.count) entries")
            }
            return Int32(c)
        }

        let functionIndex = try IDIndex(profile.functions.lazy.map(\.id), kind: "function", offsets: functionOffsets)
        let mappingIndex = try IDIndex(profile.mappings.lazy.map(\.id), kind: "mapping", offsets: mappingOffsets)
        locationIndex = try IDIndex(profile.locations.lazy.map(\.id), kind: "location", offsets: locationOffsets)

        // A line with no function, a location with no mapping: id 0, allowed by pprof.
        if let i = Self.resolve(lineFunctionIDs, through: functionIndex, into: &profile.lines, at: \.functionIndex) {
            throw ProfileError.atByte(lineOffsets[i], "a line of location \(owningLocationID(ofLine: i)) refers to function id \(lineFunctionIDs[i]), which does not exist")
        }
        if let i = Self.resolve(locationMappingIDs, through: mappingIndex, into: &profile.locations, at: \.mappingIndex) {
            throw ProfileError.atByte(locationOffsets[i], "location \(profile.locations[i].id) refers to mapping id \(locationMappingIDs[i]), which does not exist")
        }
        tablesResolved = true
    }

    /// Sets `table[i][keyPath: field]` to the index of `ids[i]` for every
    /// non-zero id; returns the first `i` whose id names nothing.
    private static func resolve<T>(_ ids: [UInt64], through index: IDIndex, into table: inout [T],
                                   at field: WritableKeyPath<T, Int32>) -> Int? {
        for (i, id) in ids.enumerated() where id != 0 {
            guard let resolved = index[id] else { return i }
            table[i][keyPath: field] = resolved
        }
        return nil
    }

    private mutating func finish() throws -> Profile {
        let n = profile.sampleTypes.count
        guard var m = merger else {
            profile.samples = SampleTable(
                valuesPerSample: n,
                locations: sampleLocations, locationStart: sampleLocationStart,
                values: sampleValues, labels: sampleLabels, labelStart: sampleLabelStart)
            return profile
        }
        merger = nil
        let merged = m.take()
        profile.samples = SampleTable(
            valuesPerSample: n, locations: merged.elements, locationStart: merged.starts,
            values: merged.sums, labels: [], labelStart: [Int32](repeating: 0, count: merged.starts.count),
            hasDistinctLocationLists: true)
        return profile
    }

    private func owningLocationID(ofLine line: Int) -> UInt64 {
        profile.locations.first { $0.lineRange.contains(line) }?.id ?? 0
    }

}

/// Thrown by a reader asked to merge samples by stack when merging would
/// change the result (negative values, sums past `Int64.max`): the caller
/// reads again without merging.
struct MergeRefused: Error {}

/// Maps pprof ids to table indices: a dense array when ids are small
/// (the usual 1…n), a dictionary otherwise. Rejects 0 and duplicates.
struct IDIndex {
    private var dense: [Int32] = []
    private var sparse: [UInt64: Int32] = [:]

    static let empty = IDIndex()
    private init() {}

    /// `offsets[i]`: where message `i` starts, for errors.
    init<S: Collection>(_ ids: S, kind: String, offsets: [Int]) throws where S.Element == UInt64 {
        let maxID = ids.max() ?? 0
        if maxID <= UInt64(ids.count) * 4 + 1024 {
            dense = [Int32](repeating: -1, count: Int(maxID) + 1)
            for (i, id) in ids.enumerated() {
                guard id != 0 else { throw ProfileError.atByte(offsets[i], "\(kind) \(i + 1) has id 0; pprof ids must be non-zero") }
                guard dense[Int(id)] < 0 else { throw ProfileError.atByte(offsets[i], "two \(kind)s have the same id \(id)") }
                dense[Int(id)] = Int32(i)
            }
        } else {
            sparse.reserveCapacity(ids.count)
            for (i, id) in ids.enumerated() {
                guard id != 0 else { throw ProfileError.atByte(offsets[i], "\(kind) \(i + 1) has id 0; pprof ids must be non-zero") }
                guard sparse.updateValue(Int32(i), forKey: id) == nil else {
                    throw ProfileError.atByte(offsets[i], "two \(kind)s have the same id \(id)")
                }
            }
        }
    }

    @inline(__always) subscript(id: UInt64) -> Int32? {
        if !dense.isEmpty || sparse.isEmpty {
            guard id < UInt64(dense.count) else { return nil }
            let i = dense[Int(id)]
            return i >= 0 ? i : nil
        }
        return sparse[id]
    }
}
