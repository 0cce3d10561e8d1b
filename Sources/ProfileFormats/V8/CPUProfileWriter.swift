import ProfileCore

/// Writes V8's flat CPU profile (`nodes`, `samples`, `timeDeltas`), which
/// Chrome DevTools (Performance → Load profile), VS Code and speedscope open.
///
/// Each sample becomes as many V8 samples as its count (the first sample
/// type counted in `count`, `samples` first; 1 without one), in the
/// profile's sample order, so a timed profile read from a `.cpuprofile` or
/// a trace keeps its order and times. The samples of one pprof sample share
/// its time (the first sample type in nanoseconds) evenly; without one each
/// lasts the profile's period (1 ms when it has no time period). pprof's
/// counts have no order: a Go CPU profile's 30 samples of one stack become
/// 30 consecutive samples 10 ms apart. Times never go back (no negative
/// `timeDeltas`). Counts adding up to more than 5 million samples (an
/// 80-minute profile at 1 ms, 40 MB of JSON) are scaled down, each stack
/// keeping one sample at least and all its time.
/// Inlined calls are frames of their own; the leaf's lines
/// become `positionTicks`.
enum CPUProfileWriter {
    /// More V8 samples than this is no profile to open in a browser.
    static let maxSamples = 5_000_000

    /// One pprof sample's V8 samples: `count` of `node`, sharing `nanos`.
    private struct Run { var node: Int32, count: Int64, nanos: Int64 }

    private struct NodeKey: Hashable { var parent: Int32, function: Int32 }

    static func write(_ profile: Profile, options: WriteOptions, to out: ByteSink) throws {
        // Every sample type goes into the counts and times; the index is checked all the same.
        _ = try profile.sampleIndex(for: options.sampleIndex)
        let types = profile.sampleTypes.map { (profile.strings[$0.type], profile.strings[$0.unit]) }
        let countType = types.firstIndex { $0 == ("samples", "count") } ?? types.firstIndex { $0.1 == "count" }
        let timeType = types.firstIndex { $0.1 == "nanoseconds" }
        let periodNanos = profile.periodType.map { profile.strings[$0.unit] == "nanoseconds" } == true && profile.period > 0
            ? profile.period : 1_000_000

        // The call tree: node 0 is (root); a node per (parent, function).
        var nodeOf: [NodeKey: Int32] = [:]
        var nodeFunction: [Int32] = [-1]
        var parents: [Int32] = [-1]
        var hits: [Int64] = [0]
        var ticks: [Int32: [Int64: Int64]] = [:]
        var columnOf: [Int32: Int64] = [:]
        var runs: [Run] = []
        var written: Int64 = 0
        let samples = profile.samples
        // Counts past what a browser can open are scaled down (each stack
        // keeps at least one sample, and its whole time).
        var totalCount = 0.0
        for s in 0..<samples.count {
            let values = samples.values(of: s)
            totalCount += Double(max(0, countType.map { values[values.startIndex + $0] } ?? 1))
        }
        let scale = totalCount > Double(maxSamples) ? Double(maxSamples - samples.count) / totalCount : 1
        for s in 0..<samples.count {
            let values = samples.values(of: s)
            let read = countType.map { values[values.startIndex + $0] } ?? 1
            guard read > 0 else { continue }
            let count = scale == 1 ? read : max(1, Int64(Double(read) * scale))
            guard count <= Int64(maxSamples) - written else {
                throw ProfileError("the profile has more than \(maxSamples) samples to write as a V8 CPU profile")
            }
            var node: Int32 = 0
            var leafLine: Int64 = 0
            for l in samples.locations(of: s).reversed() {
                let loc = profile.locations[Int(l)]
                for li in loc.lineRange.reversed() {
                    let line = profile.lines[li]
                    let key = NodeKey(parent: node, function: line.functionIndex)
                    if let n = nodeOf[key] { node = n } else {
                        node = Int32(parents.count)
                        nodeOf[key] = node
                        parents.append(key.parent)
                        nodeFunction.append(line.functionIndex)
                        hits.append(0)
                    }
                    if line.column > 0, columnOf[line.functionIndex] == nil { columnOf[line.functionIndex] = line.column }
                    leafLine = line.line
                }
            }
            hits[Int(node)] = hits[Int(node)].saturatingAdd(count)
            if leafLine > 0 { ticks[node, default: [:]][leafLine] = ticks[node]?[leafLine].map { $0.saturatingAdd(count) } ?? count }
            let total = timeType.map { max(0, values[values.startIndex + $0]) } ?? periodNanos.multipliedReportingOverflow(by: count).partialValue
            runs.append(Run(node: node, count: count, nanos: total))
            written += count
        }
        var children = [[Int32]](repeating: [], count: parents.count)
        for n in 1..<parents.count { children[Int(parents[n])].append(Int32(n)) }

        var scriptIDs: [Int32: Int] = [:]
        try out.write("{\"nodes\":[")
        for n in 0..<parents.count {
            try out.write(n == 0 ? "\n{\"id\":" : ",\n{\"id\":")
            try out.write(decimal: n + 1)
            try out.write(",\"callFrame\":")
            try writeCallFrame(profile, function: nodeFunction[n], column: columnOf[nodeFunction[n]] ?? 0, &scriptIDs, to: out)
            try out.write(",\"hitCount\":")
            try out.write(decimal: hits[n])
            if !children[n].isEmpty {
                try out.write(",\"children\":[")
                for (i, c) in children[n].enumerated() {
                    if i > 0 { try out.write(byte: UInt8(ascii: ",")) }
                    try out.write(decimal: Int(c) + 1)
                }
                try out.write(byte: UInt8(ascii: "]"))
            }
            if let t = ticks[Int32(n)] {
                try out.write(",\"positionTicks\":[")
                for (i, (line, count)) in t.sorted(by: { $0.key < $1.key }).enumerated() {
                    try out.write(i == 0 ? "{\"line\":" : ",{\"line\":")
                    try out.write(decimal: line)
                    try out.write(",\"ticks\":")
                    try out.write(decimal: count)
                    try out.write(byte: UInt8(ascii: "}"))
                }
                try out.write(byte: UInt8(ascii: "]"))
            }
            try out.write(byte: UInt8(ascii: "}"))
        }
        // Sample i starts where the times of those before it end, in whole
        // microseconds, rounded down from the running sum of nanoseconds.
        let start = max(0, profile.timeNanos) / 1000
        try out.write("\n],\n\"startTime\":")
        try out.write(decimal: start)
        try out.write(",\n\"samples\":[")
        var first = true
        for run in runs {
            for _ in 0..<run.count {
                if !first { try out.write(byte: UInt8(ascii: ",")) }
                first = false
                try out.write(decimal: Int(run.node) + 1)
            }
        }
        try out.write("],\n\"timeDeltas\":[")
        // A run's samples share its time evenly, the remainder to the first ones.
        var sum: Int64 = 0, previous: Int64 = 0, last: Int64?
        first = true
        for run in runs {
            for k in 0..<run.count {
                if let last { sum = sum.saturatingAdd(last) }
                if !first { try out.write(byte: UInt8(ascii: ",")) }
                first = false
                let micros = sum / 1000
                try out.write(decimal: micros - previous)
                previous = micros
                last = run.nanos / run.count + (k < run.nanos % run.count ? 1 : 0)
            }
        }
        if let last { sum = sum.saturatingAdd(last) }
        try out.write("],\n\"endTime\":")
        try out.write(decimal: start.saturatingAdd(sum / 1000))
        try out.write("}\n")
    }

    private static func writeCallFrame(_ profile: Profile, function: Int32, column: Int64,
                                       _ scriptIDs: inout [Int32: Int], to out: ByteSink) throws {
        guard function >= 0 else {
            try out.write("{\"functionName\":\"(root)\",\"scriptId\":\"0\",\"url\":\"\",\"lineNumber\":-1,\"columnNumber\":-1}")
            return
        }
        let f = profile.functions[Int(function)]
        try out.write("{\"functionName\":")
        let name = profile.strings[f.name]
        try JSONOutput.writeString(name.isEmpty ? "(anonymous)" : name, to: out)
        var script = 0
        if f.filename != 0 {
            script = scriptIDs[f.filename] ?? scriptIDs.count + 1
            scriptIDs[f.filename] = script
        }
        try out.write(",\"scriptId\":\"")
        try out.write(decimal: script)
        try out.write("\",\"url\":")
        try JSONOutput.writeString(profile.strings[f.filename], to: out)
        try out.write(",\"lineNumber\":")
        try out.write(decimal: f.startLine > 0 ? f.startLine - 1 : -1)
        try out.write(",\"columnNumber\":")
        try out.write(decimal: column > 0 ? column - 1 : -1)
        try out.write(byte: UInt8(ascii: "}"))
    }
}
