import ProfileCore

/// `go tool pprof -traces`: every sample with its labels and frames, leaf
/// first, the value on the first frame line, inlined frames marked.
public enum TracesFormat: ProfileWriter {
    public static let name = "traces"
    public static let extensions = ["traces.txt"]
    public static let summary = "every sample's stack, like go tool pprof -traces (write)"

    static let separator = "-----------+-------------------------------------------------------\n"

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        let report = try GraphReport(profile, options: options)
        for line in report.profileLabels() { try output.write(Escape.visible(line) + "\n") }
        let p = report.profile
        let (names, start) = CallGraphBuilder(p).locationLineNames()
        let numericUnits = p.numericLabelUnits()
        let (order, sums) = mergedSamples(p, sampleIndex: report.sampleIndex)
        for (k, s) in order.enumerated() {
            let locations = p.samples.locations(of: s)
            if locations.allSatisfy({ start[Int($0)] == start[Int($0) + 1] }) { continue }
            try output.write(separator)
            try writeLabels(p, sample: s, units: numericUnits, to: output)
            let value = report.format(sums[k])
            var first = true
            for l in locations {
                let range = start[Int(l)]..<start[Int(l) + 1]
                for k in range {
                    try output.write(TopFormat.pad(first ? value : "") + "   " + Escape.visible(names[k]) + (k != range.upperBound - 1 ? " (inline)" : "") + "\n")
                    first = false
                }
            }
        }
        try output.write(separator)
    }

    private struct SampleKey: Hashable {
        var locations: ArraySlice<Int32>
        var labels: [Label]
    }

    /// Samples as pprof sees them after reading: equal stacks with equal
    /// labels merged (values summed, first one's place kept), samples whose
    /// values are all zero dropped.
    private static func mergedSamples(_ p: Profile, sampleIndex: Int) -> (order: [Int], sums: [Int64]) {
        var index: [SampleKey: Int] = [:]
        var order: [Int] = [], sums: [Int64] = []
        for s in 0..<p.samples.count {
            let labels = p.samples.labels(of: s).sorted { ($0.key, $0.str, $0.num) < ($1.key, $1.str, $1.num) }
            let key = SampleKey(locations: p.samples.locations(of: s), labels: labels)
            let v = p.samples.value(of: s, at: sampleIndex)
            let zero = p.samples.values(of: s).allSatisfy { $0 == 0 }
            if zero { continue }
            if let k = index[key] {
                sums[k] = sums[k].saturatingAdd(v)
            } else {
                index[key] = order.count
                order.append(s)
                sums.append(v)
            }
        }
        return (order, sums)
    }

    /// `      key:  v1 v2` lines, string labels then numeric ones, each group sorted.
    private static func writeLabels(_ p: Profile, sample s: Int, units: [Int32: String], to output: ByteSink) throws {
        let labels = p.samples.labels(of: s)
        guard !labels.isEmpty else { return }
        for numeric in [false, true] {
            var keys: [Int32] = []
            var values: [Int32: [String]] = [:]
            for l in labels where l.isString != numeric {
                if values[l.key] == nil { keys.append(l.key) }
                values[l.key, default: []].append(numeric ? ValueText.label(l.num, unit: units[l.key] ?? "") : p.string(l.str))
            }
            let lines = keys.map { k -> String in
                let key = p.string(k)
                let padded = key.unicodeScalars.count >= 10 ? key : String(repeating: " ", count: 10 - key.unicodeScalars.count) + key
                return Escape.visible(padded + ":  " + values[k]!.joined(separator: " ")) + "\n"
            }
            for line in lines.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) { try output.write(line) }
        }
    }
}
