import ProfileCore

/// The header lines of a report: what the profile is, as `profconv info` says it.
enum ReportHeader {
    static func lines(_ p: Profile, files: [String]) -> [(String, String)] {
        var lines: [(String, String)] = []
        if !files.isEmpty { lines.append((files.count == 1 ? "file" : "files", files.joined(separator: ", "))) }
        lines.append(("type", profileType(p)))
        let totals = p.totals()
        let types = p.sampleTypes.enumerated().map { i, t in
            "\(p.strings[t.type])/\(p.strings[t.unit]) (total \(ValueText.label(totals[i], unit: p.strings[t.unit])))"
        }
        lines.append(("sample types", types.joined(separator: ", ")))
        if p.timeNanos != 0 { lines.append(("time", CivilTime(unixNanos: p.timeNanos).iso8601)) }
        if p.durationNanos != 0 { lines.append(("duration", ValueText.label(p.durationNanos, unit: "nanoseconds"))) }
        var keys = Set<Int32>()
        for l in p.samples.labels { keys.insert(l.key) }
        let names = keys.map { p.strings[$0] }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        if !names.isEmpty { lines.append(("labels", names.joined(separator: ", "))) }
        return lines
    }

    /// cpu, heap, goroutine, …: from the period type, else the first sample type.
    static func profileType(_ p: Profile) -> String {
        let names = p.sampleTypes.map { p.strings[$0.type] }
        if let pt = p.periodType, p.strings[pt.type] == "cpu" { return "cpu" }
        if names.contains("inuse_space") || names.contains("alloc_space") { return "heap" }
        if names == ["contentions", "delay"] { return "contention" }
        if let pt = p.periodType, !p.strings[pt.type].isEmpty { return p.strings[pt.type] }
        return names.first ?? "unknown"
    }
}
