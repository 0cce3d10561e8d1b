import ProfileCore

/// The V8 CPU profiles of a trace: a `Profile` event (its `startTime`, on
/// the profiled thread) and the `ProfileChunk` events of the same pid and
/// id (written by V8's sampler thread), each with the nodes new since the
/// last chunk (with `parent` ids), its samples and their `timeDeltas`,
/// and per sample its source `lines` (1-based, 0 for none).
struct TraceCPUProfiles {
    struct Entry {
        var pid: Int64, tid: Int64
        var tree = V8Tree()
        var nodes = V8NodeReader()
        var sampleIDs: [Int64] = []
        var run = V8SampleRun()
        var hasLines = false
        var clock: Int64 = 0
        var firstChunk = 0
    }

    private(set) var entries: [Entry] = []
    private var indexOfKey: [ProfileKey: Int] = [:]
    private struct ProfileKey: Hashable { var pid: Int64, id: [UInt8] }

    var hasSamples: Bool { entries.contains { !$0.sampleIDs.isEmpty } }

    private mutating func entry(_ e: TraceEvent) -> Int {
        let key = ProfileKey(pid: e.pid, id: e.id)
        if let i = indexOfKey[key] { return i }
        indexOfKey[key] = entries.count
        entries.append(Entry(pid: e.pid, tid: e.tid, firstChunk: e.offset))
        return entries.count - 1
    }

    /// A `Profile` event: the thread and the start time.
    mutating func profile(_ e: TraceEvent, _ s: inout JSONScanner) throws {
        let i = entry(e)
        entries[i].tid = e.tid
        try Self.inData(e, &s) { key, s in
            guard key == Key.startTime else { return false }
            let t = Int64(saturating: try s.number())
            entries[i].run.startTime = t
            if entries[i].sampleIDs.isEmpty { entries[i].clock = t }
            return true
        }
    }

    /// A `ProfileChunk` event: nodes, samples, deltas, lines.
    mutating func chunk(_ e: TraceEvent, _ s: inout JSONScanner, _ builder: inout ProfileBuilder) throws {
        let i = entry(e)
        // Worked on outside the array (no copy): the closure below changes it.
        var current = Entry(pid: 0, tid: 0)
        swap(&current, &entries[i])
        defer { swap(&current, &entries[i]) }
        var samples: [Int64] = [], deltas: [Int64] = [], lines: [Int64] = []
        try Self.inData(e, &s) { key, s in
            switch key {
            case Key.cpuProfile:
                try s.beginObject("a cpuProfile object")
                var n = 0
                while let k = try s.nextMember(&n) {
                    switch k {
                    case Key.nodes:
                        try s.beginArray("a nodes array")
                        var m = 0
                        while try s.nextElement(&m) { try current.nodes.read(&s, &current.tree, &builder) }
                    case Key.samples: samples = try CPUProfileReader.integers(&s, "a samples array")
                    case Key.timeDeltas: deltas = try CPUProfileReader.integers(&s, "a timeDeltas array")
                    case Key.endTime: current.run.endTime = Int64(saturating: try s.number())
                    default: try s.skipValue()
                    }
                }
            case Key.timeDeltas: deltas = try CPUProfileReader.integers(&s, "a timeDeltas array")
            case Key.lines: lines = try CPUProfileReader.integers(&s, "a lines array")
            case Key.endTime: current.run.endTime = Int64(saturating: try s.number())
            default: return false
            }
            return true
        }
        guard deltas.count == samples.count else {
            throw ProfileError.atByte(e.offset, "a ProfileChunk has \(samples.count) samples and \(deltas.count) timeDeltas; they go in pairs")
        }
        current.sampleIDs.append(contentsOf: samples)
        for d in deltas {
            current.clock = current.clock.saturatingAdd(d)
            current.run.times.append(current.clock)
        }
        if lines.count == samples.count, !lines.isEmpty { current.hasLines = true } else { lines = Array(repeating: 0, count: samples.count) }
        current.run.lines.append(contentsOf: lines)
    }

    /// Calls `body` with each member of the event's `args.data` (which
    /// returns false for one it skips), then puts the scanner back.
    private static func inData(_ e: TraceEvent, _ s: inout JSONScanner, _ body: ([UInt8], inout JSONScanner) throws -> Bool) throws {
        try e.eachArgument(&s) { key, s in
            guard key == Key.data, s.peek() == UInt8(ascii: "{") else { return false }
            try s.beginObject("a data object")
            var m = 0
            while let k = try s.nextMember(&m) {
                if try !body(k, &s) { try s.skipValue() }
            }
            return true
        }
    }

    /// Adds every profile's samples, labelled with its thread.
    mutating func emit(into builder: inout ProfileBuilder, threads: TraceThreads, merge: Bool, maxDepth: Int) throws {
        var period: Int64 = 0
        for i in entries.indices where !entries[i].sampleIDs.isEmpty {
            try entries[i].tree.resolve()
            var run = entries[i].run
            run.nodes.reserveCapacity(entries[i].sampleIDs.count)
            for id in entries[i].sampleIDs {
                guard let n = entries[i].tree.index(ofID: id) else {
                    throw ProfileError.atByte(entries[i].firstChunk, "a sample names the node \(id), which is no node of its profile")
                }
                run.nodes.append(n)
            }
            if !entries[i].hasLines { run.lines = [] }
            if period == 0 { period = run.meanInterval() }
            let labels = threads.labels(pid: entries[i].pid, tid: entries[i].tid, &builder)
            try run.emit(entries[i].tree, into: &builder, labels: labels, merge: merge, maxDepth: maxDepth)
        }
        builder.withProfile { p in
            p.period = period
            p.periodType = p.sampleTypes[1]
        }
    }

    enum Key {
        static let data = Array("data".utf8)
        static let startTime = Array("startTime".utf8)
        static let endTime = Array("endTime".utf8)
        static let cpuProfile = Array("cpuProfile".utf8)
        static let nodes = Array("nodes".utf8)
        static let samples = Array("samples".utf8)
        static let timeDeltas = Array("timeDeltas".utf8)
        static let lines = Array("lines".utf8)
    }
}
