import ProfileCore

/// The samples of one V8 CPU profile, and how they become pprof samples
/// with the sample types `samples/count` and `cpu/nanoseconds`.
///
/// A sample's time runs to the next sample's timestamp, the last one's to
/// the profile's end, as DevTools attributes self time. Timestamps out of
/// order (Chrome writes negative deltas) are put in order first, as
/// DevTools does. Samples stay in their order, one pprof sample each,
/// unless the reader may merge those of one stack.
struct V8SampleRun {
    /// Node index of each sample.
    var nodes: [Int32] = []
    /// Timestamp of each sample, in microseconds (empty: no times).
    var times: [Int64] = []
    /// 1-based source line of each sample (trace chunks' `lines`; empty for none, 0 unknown).
    var lines: [Int64] = []
    var startTime: Int64 = 0
    var endTime: Int64?

    static let sampleTypes: [(type: String, unit: String)] = [("samples", "count"), ("cpu", "nanoseconds")]

    /// Each sample's time in nanoseconds, after putting samples in time order.
    private mutating func durations() -> [Int64] {
        guard times.count == nodes.count, !times.isEmpty else { return Array(repeating: 0, count: nodes.count) }
        if zip(times, times.dropFirst()).contains(where: { $0 > $1 }) {
            let order = times.indices.sorted { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }
            nodes = order.map { nodes[$0] }
            if lines.count == times.count { lines = order.map { lines[$0] } }
            times = order.map { times[$0] }
        }
        var d = [Int64](repeating: 0, count: times.count)
        for i in 0..<times.count {
            let next = i + 1 < times.count ? times[i + 1] : max(endTime ?? times[i], times[i])
            d[i] = next.saturatingSubtract(times[i]).nanosFromMicros
        }
        return d
    }

    /// Adds the samples to `builder`, each with `labels`.
    mutating func emit(_ tree: V8Tree, into builder: inout ProfileBuilder, labels: [Label], merge: Bool, maxDepth: Int) throws {
        let time = durations()
        // Line-level leaves: positionTicks hand out each node's samples to
        // lines in order; a trace's per-sample lines name them directly.
        var ticksUsed = [Int64](repeating: 0, count: tree.count)
        var tickEntry = [Int32](repeating: 0, count: tree.count)
        var merged: [MergeKey: Int] = [:]
        var sums: [(key: MergeKey, count: Int64, time: Int64)] = []
        var stack: [Int32] = []
        for i in 0..<nodes.count {
            let node = nodes[i]
            let leaf = leafLocation(i, node, tree, &builder, &ticksUsed, &tickEntry)
            if merge {
                let key = MergeKey(node: node, leaf: leaf)
                if let row = merged[key] {
                    sums[row].count += 1
                    sums[row].time = sums[row].time.saturatingAdd(time[i])
                } else {
                    merged[key] = sums.count
                    sums.append((key, 1, time[i]))
                }
                continue
            }
            try tree.stack(of: node, leaf: leaf, maxDepth: maxDepth, into: &stack)
            if stack.isEmpty { continue }
            builder.addSample(locations: stack, values: [1, time[i]], labels: labels)
        }
        for s in sums {
            try tree.stack(of: s.key.node, leaf: s.key.leaf, maxDepth: maxDepth, into: &stack)
            if stack.isEmpty { continue }
            builder.addSample(locations: stack, values: [s.count, s.time], labels: labels)
        }
    }

    private struct MergeKey: Hashable { var node: Int32, leaf: Int32 }

    private func leafLocation(_ i: Int, _ node: Int32, _ tree: V8Tree, _ builder: inout ProfileBuilder,
                              _ used: inout [Int64], _ entry: inout [Int32]) -> Int32 {
        let n = tree.nodes[Int(node)]
        guard n.function >= 0 else { return -1 }
        if i < lines.count {
            return lines[i] > 0 ? builder.location(function: n.function, line: lines[i]) : -1
        }
        guard n.ticksCount > 0 else { return -1 }
        // The node's next positionTicks entry with ticks left.
        while entry[Int(node)] < n.ticksCount {
            let t = tree.ticks[Int(n.ticksStart + entry[Int(node)])]
            if used[Int(node)] < t.count {
                used[Int(node)] += 1
                return builder.location(function: n.function, line: t.line)
            }
            used[Int(node)] = 0
            entry[Int(node)] += 1
        }
        return -1
    }

    /// The profile's period: the mean time between samples, in nanoseconds.
    func meanInterval() -> Int64 {
        guard nodes.count > 1, let first = times.min(), let last = times.max(), last > first else { return 0 }
        return last.saturatingSubtract(first).nanosFromMicros / Int64(nodes.count - 1)
    }
}

extension Int64 {
    /// Microseconds as nanoseconds, clamped.
    var nanosFromMicros: Int64 {
        let (r, o) = multipliedReportingOverflow(by: 1000)
        return o ? (self > 0 ? .max : .min) : r
    }
}
