import ProfileCore

/// The duration events of a trace (`X` with its `dur`, `B`/`E` pairs) as
/// stacks weighted by self time, per thread: an event's stack is the
/// events that enclose it on its thread, and its self time is its
/// duration less that of the events directly inside it. An `E` closes the
/// thread's last open `B`; a `B` never closed is left out.
struct TraceDurations {
    private struct Interval { var start: Int64, end: Int64, name: Int32, order: Int32 }
    private struct ThreadKey: Hashable { var pid: Int64, tid: Int64 }
    private var threads: [ThreadKey] = []
    private var threadIndex: [ThreadKey: Int] = [:]
    private var intervals: [[Interval]] = []
    private var open: [[Interval]] = []
    private(set) var unclosed = 0

    private mutating func thread(_ e: TraceEvent) -> Int {
        let key = ThreadKey(pid: e.pid, tid: e.tid)
        if let i = threadIndex[key] { return i }
        threadIndex[key] = threads.count
        threads.append(key)
        intervals.append([])
        open.append([])
        return threads.count - 1
    }

    /// Nanoseconds from the trace's microseconds.
    private static func nanos(_ micros: Double) -> Int64 { Int64(saturating: (micros * 1000).rounded()) }

    mutating func add(_ e: TraceEvent) {
        switch e.phase {
        case UInt8(ascii: "X"):
            let t = thread(e)
            let start = Self.nanos(e.ts)
            let end = start.saturatingAdd(max(0, Self.nanos(e.dur ?? 0)))
            intervals[t].append(Interval(start: start, end: end, name: e.nameID, order: Int32(truncatingIfNeeded: intervals[t].count)))
        case UInt8(ascii: "B"):
            let t = thread(e)
            open[t].append(Interval(start: Self.nanos(e.ts), end: 0, name: e.nameID, order: 0))
        case UInt8(ascii: "E"):
            let t = thread(e)
            guard var b = open[t].popLast() else { return }
            b.end = max(b.start, Self.nanos(e.ts))
            b.order = Int32(truncatingIfNeeded: intervals[t].count)
            intervals[t].append(b)
        default: break
        }
    }

    var isEmpty: Bool { intervals.allSatisfy(\.isEmpty) }

    /// One sample per distinct stack of each thread, with its self time.
    mutating func emit(into builder: inout ProfileBuilder, threads names: TraceThreads, maxDepth: Int) throws {
        unclosed = open.reduce(0) { $0 + $1.count }
        var stack: [Int32] = []
        for t in threads.indices where !intervals[t].isEmpty {
            // Enclosing events first: by start, then the longer, then file order.
            let list = intervals[t].sorted { a, b in
                a.start != b.start ? a.start < b.start : a.end != b.end ? a.end > b.end : a.order < b.order
            }
            // A call tree of (parent, name): nodes and their self times.
            var nodeOf: [NodeKey: Int32] = [:]
            var parent: [Int32] = [], location: [Int32] = [], selfTime: [Int64] = []
            var open: [(end: Int64, node: Int32)] = []
            for iv in list {
                while let top = open.last, top.end <= iv.start { open.removeLast() }
                // An event that outlasts the one around it is cut at its end.
                let end = min(iv.end, open.last?.end ?? iv.end)
                guard open.count < maxDepth else {
                    throw ProfileError("a stack has more than \(maxDepth) frames")
                        .hinting(.maxStackDepth, remedy: "raise ReadOptions.maxStackDepth if this file is genuine")
                }
                let key = NodeKey(parent: open.last?.node ?? -1, name: iv.name)
                let node: Int32
                if let n = nodeOf[key] { node = n } else {
                    node = Int32(parent.count)
                    nodeOf[key] = node
                    parent.append(key.parent)
                    location.append(builder.location(function: builder.function(name: iv.name)))
                    selfTime.append(0)
                }
                let d = end.saturatingSubtract(iv.start)
                selfTime[Int(node)] = selfTime[Int(node)].saturatingAdd(d)
                if let p = open.last?.node { selfTime[Int(p)] = selfTime[Int(p)].saturatingSubtract(d) }
                open.append((end, node))
            }
            let labels = names.labels(pid: threads[t].pid, tid: threads[t].tid, &builder)
            for n in 0..<parent.count where selfTime[n] > 0 {
                stack.removeAll(keepingCapacity: true)
                var i = Int32(n)
                while i >= 0 {
                    stack.append(location[Int(i)])
                    i = parent[Int(i)]
                }
                builder.addSample(locations: stack, values: [selfTime[n]], labels: labels)
            }
        }
    }

    private struct NodeKey: Hashable { var parent: Int32, name: Int32 }
}
