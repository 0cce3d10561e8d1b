import ProfileCore

/// Gathers the samples of every chunk into one profile: each chunk's
/// stack traces become location lists of the whole profile, its threads
/// become labels, and events of one stack and thread are summed into one
/// sample per sample type.
struct JFRProfileAssembler {
    var builder = ProfileBuilder(sampleTypes: [])
    /// Distinct location lists (leaf first), numbered in the order met.
    private var stacks = SequenceMerger(columns: 0)
    /// (stack, thread) → row of summed values, one per ``JFRSampleKind``.
    private var rowKeys = IntKeyTable(capacity: 4096)
    private var rowStack: [Int32] = []
    private var rowThread: [Int32] = []
    private var rowValues: [Int64] = []
    private var rowKinds: [UInt8] = []
    private var eventsOfKind = [Int](repeating: 0, count: JFRSampleKind.allCases.count)
    /// Threads by name and OS id, with their labels.
    private var threadIndex: [ThreadKey: Int32] = [:]
    private var threadLabels: [[Label]] = []
    private var startNanos = Int64.max
    private var endNanos = Int64.min
    let mergesThreads: Bool

    private struct ThreadKey: Hashable { var name: Int32, osThreadID: Int64 }

    init(mergingThreads: Bool) { mergesThreads = mergingThreads }

    mutating func addChunkTime(_ header: JFRChunkHeader) {
        startNanos = min(startNanos, header.startNanos)
        endNanos = max(endNanos, header.startNanos.saturatingAdd(max(0, header.durationNanos)))
    }

    /// Adds `value` of `kind` to the sample of `stack` on `thread` (-1: none).
    @inline(__always)
    mutating func add(kind: JFRSampleKind, stack: Int32, thread: Int32, value: Int64) {
        let t = mergesThreads ? -1 : thread
        let key = UInt64(UInt32(bitPattern: stack)) << 32 | UInt64(UInt32(bitPattern: t &+ 1))
        let (row, isNew) = rowKeys.insert(key)
        let width = JFRSampleKind.allCases.count
        if isNew {
            rowStack.append(stack)
            rowThread.append(t)
            rowValues.append(contentsOf: repeatElement(0, count: width))
            rowKinds.append(0)
        }
        let slot = row * width + kind.rawValue
        rowValues[slot] = rowValues[slot].saturatingAdd(value)
        rowKinds[row] |= 1 << UInt8(kind.rawValue)
        eventsOfKind[kind.rawValue] += 1
    }

    /// The number of the location list `locations` (leaf first).
    mutating func stack(_ locations: ArraySlice<Int32>) -> Int32 {
        Int32(stacks.add(locations, EmptyCollection<Int64>()))
    }

    /// The number of the thread named `name` (a string id) with OS id `osThreadID`.
    mutating func thread(name: Int32, osThreadID: Int64) -> Int32 {
        let key = ThreadKey(name: name, osThreadID: osThreadID)
        if let t = threadIndex[key] { return t }
        let t = Int32(threadLabels.count)
        threadIndex[key] = t
        // A thread without a name (neither Java's nor the OS's) has its id alone.
        var labels = name == 0 ? [] : [Label(key: builder.intern("thread"), str: name)]
        labels.append(builder.label("tid", number: osThreadID))
        threadLabels.append(labels)
        return t
    }

    /// The profile: one sample type per kind of event recorded, in the
    /// order cpu, wall, alloc, lock, park; the allocation samples of JDK 16
    /// and later when recorded, else the TLAB events of older JDKs.
    mutating func build() -> Profile {
        var columns: [(type: String, unit: String, kind: JFRSampleKind)] = []
        func recorded(_ k: JFRSampleKind) -> Bool { eventsOfKind[k.rawValue] > 0 }
        if recorded(.cpu) { columns.append(("cpu", "count", .cpu)) }
        if recorded(.wall) { columns.append(("wall", "count", .wall)) }
        if recorded(.allocationSample) { columns.append(("alloc", "bytes", .allocationSample)) }
        else if recorded(.allocationTLAB) { columns.append(("alloc", "bytes", .allocationTLAB)) }
        if recorded(.lock) { columns.append(("lock", "nanoseconds", .lock)) }
        if recorded(.park) { columns.append(("park", "nanoseconds", .park)) }
        if columns.isEmpty { columns.append(("cpu", "count", .cpu)) }

        // The sample types are known only now, so they are set on the built tables.
        var profile = builder.build()
        profile.sampleTypes = columns.map { ValueType(type: profile.strings.intern($0.type), unit: profile.strings.intern($0.unit)) }
        profile.defaultSampleType = profile.sampleTypes[0].type
        var samples = SampleTable(valuesPerSample: columns.count)
        let width = JFRSampleKind.allCases.count
        var mask: UInt8 = 0
        for c in columns { mask |= 1 << UInt8(c.kind.rawValue) }
        for row in rowStack.indices where rowKinds[row] & mask != 0 {
            let stack = Int(rowStack[row])
            for l in stacks.sequence(stack) { samples.appendLocation(l) }
            for c in columns { samples.appendValue(rowValues[row * width + c.kind.rawValue]) }
            if rowThread[row] >= 0 { for l in threadLabels[Int(rowThread[row])] { samples.appendLabel(l) } }
            samples.endSample()
        }
        profile.samples = samples
        if startNanos != .max {
            profile.timeNanos = startNanos
            profile.durationNanos = max(0, endNanos.saturatingSubtract(startNanos))
        }
        return profile
    }
}
