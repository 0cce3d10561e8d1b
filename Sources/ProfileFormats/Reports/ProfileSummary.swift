import ProfileCore

/// The text `profconv info` prints: what a profile is and what it holds,
/// as a writer the pipeline drives (not registered: it reads nothing back).
public enum ProfileSummary: ProfileWriter {
    public static let name = "info"
    public static let summary = "a description of a profile: format, sample types, totals, table sizes, time"

    /// What `info` shows.
    public struct Options: FormatOptions {
        /// How many of the heaviest functions to list.
        public var topFunctions = 10
        public init() {}
    }

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        try output.write(text(profile, options: options))
    }

    static func text(_ p: Profile, options: WriteOptions) -> String {
        let topFunctions = options[Options.self].topFunctions
        var lines: [(String, String)] = []
        if let format = options.context.inputFormat {
            lines.append(("format", format + (options.context.inputWasGzipped ? " (gzipped)" : "")))
        }
        let defaultIndex = p.defaultSampleIndex
        let totals = p.totals()
        for (i, t) in p.sampleTypes.enumerated() {
            let unit = p.strings[t.unit]
            lines.append((i == 0 ? "sample types" : "",
                          "\(i): \(p.strings[t.type])/\(unit)  total \(ValueText.label(totals[i], unit: unit))"
                          + (i == defaultIndex ? "  (default)" : "")))
        }
        if p.sampleTypes.isEmpty { lines.append(("sample types", "none")) }
        lines.append(("samples", String(p.samples.count)))
        lines.append(("locations", String(p.locations.count)))
        lines.append(("functions", String(p.functions.count)))
        lines.append(("mappings", String(p.mappings.count)))
        if p.timeNanos != 0 { lines.append(("time", Self.utc(p.timeNanos))) }
        if p.durationNanos != 0 { lines.append(("duration", ValueText.label(p.durationNanos, unit: "nanoseconds"))) }
        if let pt = p.periodType, p.period != 0 {
            lines.append(("period", "\(p.period) \(p.strings[pt.type])/\(p.strings[pt.unit])"))
        }
        let labelKeys = Set(p.samples.labels.map(\.key)).map { p.strings[$0] }.sorted()
        if !labelKeys.isEmpty { lines.append(("label keys", labelKeys.joined(separator: ", "))) }
        for (i, c) in p.comments.prefix(5).enumerated() { lines.append((i == 0 ? "comments" : "", p.strings[c])) }
        if p.comments.count > 5 { lines.append(("", "… \(p.comments.count - 5) more")) }

        if topFunctions > 0, !p.sampleTypes.isEmpty {
            let flat = Self.flatByFunction(p, typeIndex: defaultIndex)
            let unit = p.strings[p.sampleTypes[defaultIndex].unit]
            let top = flat.prefix(topFunctions)
            for (i, entry) in top.enumerated() {
                lines.append((i == 0 ? "top functions" : "",
                              "\(ValueText.label(entry.value, unit: unit))  \(entry.name)"))
            }
        }
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { ($0.0.isEmpty ? "" : $0.0 + ":") .padded(width + 2) + $0.1 + "\n" }.joined()
    }

    /// Flat value per leaf frame name (the innermost line of each sample's first location), heaviest first.
    static func flatByFunction(_ p: Profile, typeIndex: Int) -> [(name: String, value: Int64)] {
        var byName: [String: Int64] = [:]
        var nameOfLocation = [String?](repeating: nil, count: p.locations.count)
        for s in 0..<p.samples.count {
            let v = p.samples.value(of: s, at: typeIndex)
            guard v != 0, let leaf = p.samples.locations(of: s).first else { continue }
            let name: String
            if let n = nameOfLocation[Int(leaf)] {
                name = n
            } else {
                let loc = p.locations[Int(leaf)]
                name = p.frameName(line: p.lines[loc.lineRange].first, location: loc, naming: FrameNaming())
                nameOfLocation[Int(leaf)] = name
            }
            byName[name, default: 0] = byName[name, default: 0].saturatingAdd(v)
        }
        return byName.map { ($0.key, $0.value) }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.name < $1.name }
    }

    static func utc(_ nanos: Int64) -> String { CivilTime(unixNanos: nanos).iso8601 }
}

extension String {
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
