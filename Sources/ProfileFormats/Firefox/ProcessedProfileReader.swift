import ProfileCore

/// Reads a processed profile, the format profiler.firefox.com saves and
/// uploads: column tables (`{"stack": […], "length": N}`), its threads'
/// samples indexing a stack table whose `prefix` (from version 66 a
/// `prefixOffset` back) and `frame` columns lead to frames, functions and
/// strings. A sample's value is its `weight` (1 where there is none) of
/// the thread's `weightType`: `samples`, `tracing-ms` (read as
/// `time/nanoseconds`) or `bytes` (`space/bytes`).
enum ProcessedProfileReader {
    /// `meta.preprocessedProfileVersion`s profconv reads: those the Firefox
    /// Profiler's changelog documents (docs-developer/CHANGELOG-formats.md).
    static let versions: ClosedRange<Int64> = 41...70

    static func read(_ s: inout JSONScanner, _ parts: FirefoxParts, _ meta: FirefoxMeta, metaAt: Int, options: ReadOptions) throws -> Profile {
        let v = meta.processedVersion ?? 0
        guard versions.contains(v) else {
            let which = v > versions.upperBound ? "newer than the newest profconv reads" : "older than profconv reads"
            throw ProfileError.atByte(metaAt, "a processed Firefox profile of version \(v), \(which) (\(versions.lowerBound) to \(versions.upperBound)); open it in profiler.firefox.com and save it again to upgrade it")
        }
        var builder = ProfileBuilder(sampleTypes: FirefoxFormat.sampleTypes, defaultSampleType: "samples")
        var shared = ProcessedTables()
        if let at = parts.shared {
            s.seek(to: at)
            try s.beginObject("a shared object")
            var n = 0
            while let key = try s.nextMember(&n) {
                if try !shared.take(key, &s) { try s.skipValue() }
            }
        }
        var sharedStacks: FirefoxStacks?
        var weightType: [UInt8]?
        guard let at = parts.threads else { throw ProfileError.atByte(parts.start, "a processed profile without \"threads\"") }
        s.seek(to: at)
        try s.beginArray("a threads array")
        var n = 0
        while try s.nextElement(&n) {
            s.skipSpace()
            let start = s.pos
            var thread = try ProcessedThread.read(&s, cpuScale: meta.cpuScale)
            if let previous = weightType, previous != thread.weightType {
                throw ProfileError.atByte(start, "threads with sample weights of types \(String(decoding: previous, as: UTF8.self)) and \(String(decoding: thread.weightType, as: UTF8.self)); profconv reads one type per profile")
            }
            weightType = thread.weightType
            let stacks: FirefoxStacks
            if thread.tables.hasStackTables {
                if thread.tables.strings == nil { thread.tables.strings = shared.strings }
                if thread.tables.sources == nil { thread.tables.sources = shared.sources }
                stacks = try thread.tables.resolve(&builder, at: start)
            } else if let sharedStacks {
                stacks = sharedStacks
            } else {
                stacks = try shared.resolve(&builder, at: parts.shared ?? start)
                sharedStacks = stacks
            }
            try thread.scaleWeights(at: start)
            try stacks.emit(thread.samples, into: &builder, labels: thread.labels.labels(&builder),
                            merge: options.mergeSamplesByStack, maxDepth: options.maxStackDepth)
        }
        let first: (String, String)? = switch weightType.map({ String(decoding: $0, as: UTF8.self) }) {
        case "tracing-ms": ("time", "nanoseconds")
        case "bytes": ("space", "bytes")
        default: nil
        }
        if let first {
            let type = ValueType(type: builder.intern(first.0), unit: builder.intern(first.1))
            builder.withProfile { $0.sampleTypes[0] = type }
        }
        builder.withProfile { p in
            p.period = meta.periodNanos
            p.periodType = p.sampleTypes[1]
        }
        return builder.build()
    }
}

/// One thread of a processed profile: its samples, labels and, before
/// version 60, its own tables.
struct ProcessedThread {
    var labels = FirefoxThreadLabels()
    var samples = FirefoxSamples()
    var tables = ProcessedTables()
    var weightType = Array("samples".utf8)

    /// Weights are read in millionths (tracing-ms weights have fractions).
    static let weightScale = 1e6

    static func read(_ s: inout JSONScanner, cpuScale: Double?) throws -> ProcessedThread {
        var t = ProcessedThread()
        s.skipSpace()
        let start = s.pos
        try s.beginObject("a thread object")
        var n = 0
        var found = false
        while let key = try s.nextMember(&n) {
            if key == Array("samples".utf8) {
                found = true
                var weightType = t.weightType
                let table = try ColumnTable.read(&s, "samples table",
                                                 [.init("stack"), .init("weight", scale: weightScale), .init("threadCPUDelta", scale: cpuScale ?? 0)]) { key, s in
                    guard key == Array("weightType".utf8), s.peek() == UInt8(ascii: "\"") else { return false }
                    weightType = try s.withString { Array($0) }
                    return true
                }
                t.weightType = weightType
                t.samples = FirefoxSamples(stack: table.values[0], weight: table.values[1], cpu: table.values[2], offset: table.offset)
            } else if try !t.labels.take(key, &s), try !t.tables.take(key, &s) {
                try s.skipValue()
            }
        }
        guard found else { throw ProfileError.atByte(start, "a processed profile thread without \"samples\"") }
        return t
    }

    /// The weights in their unit: nanoseconds for tracing-ms, else whole.
    mutating func scaleWeights(at offset: Int) throws {
        switch String(decoding: weightType, as: UTF8.self) {
        case "samples", "bytes":
            samples.weight = samples.weight.map { $0 == FirefoxNull ? 1 : $0 / Int64(Self.weightScale) }
        case "tracing-ms":
            samples.weight = samples.weight.map { $0 == FirefoxNull ? 0 : $0 }
        case let other:
            throw ProfileError.atByte(offset, "a thread with samples of the weight type \"\(other)\"; profconv reads samples, tracing-ms and bytes")
        }
    }
}
