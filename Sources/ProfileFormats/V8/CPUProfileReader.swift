import ProfileCore

/// Reads a V8 CPU profile (`Profiler.Profile`) in either layout:
/// - flat (V8 since 2016, `node --cpu-prof`): `nodes` with `children` ids,
///   `startTime`/`endTime` and `timeDeltas` in microseconds;
/// - nested (older DevTools): the tree under `head`, `startTime`/`endTime`
///   in seconds and absolute `timestamps` in microseconds. Without
///   `samples`, each node's `hitCount` stands for them, the profile's time
///   shared evenly among the hits (as DevTools did).
struct CPUProfileReader {
    private var builder = ProfileBuilder(sampleTypes: V8SampleRun.sampleTypes, defaultSampleType: "cpu")
    private var tree = V8Tree()
    private var nodeReader = V8NodeReader()
    private var sampleIDs: [Int64] = []
    private var samplesAt = 0
    private var deltas: [Int64]?
    private var timestamps: [Int64]?
    private var start: Double?
    private var end: Double?
    private var nested = false

    static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions) throws -> Profile {
        var r = CPUProfileReader()
        var s = JSONScanner(TextEncoding.droppingUTF8BOM(input), what: "the V8 CPU profile")
        try r.readDocument(&s)
        try s.expectEnd()
        return try r.build(merge: options.mergeSamplesByStack, maxDepth: options.maxStackDepth)
    }

    private mutating func readDocument(_ s: inout JSONScanner) throws {
        try s.beginObject("a CPU profile object")
        var n = 0
        while let key = try s.nextMember(&n) {
            switch key {
            case Key.nodes:
                try s.beginArray("a nodes array")
                var k = 0
                while try s.nextElement(&k) { try nodeReader.read(&s, &tree, &builder) }
            case Key.head:
                nested = true
                try nodeReader.read(&s, &tree, &builder)
            case Key.samples:
                s.skipSpace()
                samplesAt = s.pos
                sampleIDs = try Self.integers(&s, "a samples array")
            case Key.timeDeltas: deltas = try Self.integers(&s, "a timeDeltas array")
            case Key.timestamps: timestamps = try Self.integers(&s, "a timestamps array")
            case Key.startTime: start = try s.number()
            case Key.endTime: end = try s.number()
            default: try s.skipValue()
            }
        }
        guard !tree.nodes.isEmpty else { throw ProfileError("the V8 CPU profile has no \"nodes\" (nor a \"head\" node)") }
        try tree.resolve()
    }

    /// An array of whole numbers.
    static func integers(_ s: inout JSONScanner, _ what: String) throws -> [Int64] {
        try s.beginArray(what)
        var out: [Int64] = []
        var n = 0
        while try s.nextElement(&n) { out.append(try s.integer()) }
        return out
    }

    private mutating func build(merge: Bool, maxDepth: Int) throws -> Profile {
        // The nested layout's start and end are seconds; the flat one's microseconds.
        let scale = nested ? 1e6 : 1
        let startMicros = Int64(saturating: ((start ?? 0) * scale).rounded())
        let endMicros = end.map { Int64(saturating: ($0 * scale).rounded()) }
        var run = V8SampleRun(startTime: startMicros, endTime: endMicros)
        if sampleIDs.isEmpty {
            try fromHitCounts(&run, startMicros, endMicros)
        } else {
            run.nodes.reserveCapacity(sampleIDs.count)
            for id in sampleIDs {
                guard let i = tree.index(ofID: id) else {
                    throw ProfileError.atByte(samplesAt, "a sample names the node \(id), which is no node of the profile")
                }
                run.nodes.append(i)
            }
            if let deltas {
                guard deltas.count == sampleIDs.count else {
                    throw ProfileError("the V8 CPU profile has \(sampleIDs.count) samples and \(deltas.count) timeDeltas; they go in pairs")
                }
                var t = startMicros
                run.times = deltas.map { t = t.saturatingAdd($0); return t }
            } else if let timestamps {
                guard timestamps.count == sampleIDs.count else {
                    throw ProfileError("the V8 CPU profile has \(sampleIDs.count) samples and \(timestamps.count) timestamps; they go in pairs")
                }
                run.times = timestamps
            }
        }
        let period = run.meanInterval()
        try run.emit(tree, into: &builder, labels: [], merge: merge, maxDepth: maxDepth)
        let duration = endMicros.map { $0.saturatingSubtract(startMicros).nanosFromMicros } ?? 0
        builder.withProfile { p in
            p.durationNanos = max(0, duration)
            p.period = period
            p.periodType = p.sampleTypes[1]
        }
        return builder.build()
    }

    /// The oldest files have no samples: each node's hits, at even times.
    private mutating func fromHitCounts(_ run: inout V8SampleRun, _ start: Int64, _ end: Int64?) throws {
        let hits = nodeReader.hitCount
        let total = hits.reduce(Int64(0)) { $0.saturatingAdd($1) }
        guard total <= 10_000_000 else { throw ProfileError("the V8 CPU profile's hitCounts add up to \(total), more than 10,000,000 samples") }
        let step = total > 0 ? max(0, (end ?? start).saturatingSubtract(start)) / total : 0
        var t = start
        for (i, h) in hits.enumerated() where h > 0 {
            for _ in 0..<h {
                run.nodes.append(Int32(i))
                run.times.append(t)
                t = t.saturatingAdd(step)
            }
        }
        if end == nil || step == 0 { run.times = [] }
    }

    enum Key {
        static let nodes = Array("nodes".utf8)
        static let head = Array("head".utf8)
        static let samples = Array("samples".utf8)
        static let timeDeltas = Array("timeDeltas".utf8)
        static let timestamps = Array("timestamps".utf8)
        static let startTime = Array("startTime".utf8)
        static let endTime = Array("endTime".utf8)
    }
}
