import ProfileCore

/// What a flame graph says it shows: a title from the profile's type and
/// total, a subtitle from where it came from and when, and whether its
/// frames are Go functions (then the `go` palette tells the runtime, the
/// standard library and the program apart).
struct FlameHeading {
    let type: String
    let unit: String
    let countName: String
    let timeNanos: Int64
    let isGo: Bool

    init(_ profile: Profile, sampleIndex: Int) {
        let t = profile.sampleTypes[sampleIndex]
        type = profile.strings[t.type]
        unit = profile.strings[t.unit]
        countName = FlameGraphFormat.countName(t, profile.strings)
        timeNanos = profile.timeNanos
        isGo = profile.functions.contains { f in
            let name = profile.strings[f.name]
            return name.hasPrefix("runtime.") || name.hasPrefix("main.")
        }
    }

    /// `goroutine profile: 2,003 goroutines`, `cpu: 4.52s`,
    /// `inuse_space: 1.50MB` (pprof's units, as `top` prints them); nil for folded stacks (type `samples`), whose
    /// graphs keep flamegraph.pl's "Flame Graph".
    func title(total: Int64) -> String? {
        if type.isEmpty || type == "samples" { return nil }
        if unit == "count" || unit.isEmpty {
            return "\(type) profile: \(FlameGraphWriter.grouped(total)) \(CountWords.counted(countName, total))"
        }
        return "\(type): " + ValueText.label(total, unit: unit)
    }

    /// `goroutine.txt, 2026-11-26T16:37:53Z`: the source and the profile's time, as far as known.
    func subtitle(source: String?) -> String? {
        var parts: [String] = []
        if let source, !source.isEmpty { parts.append(source) }
        if timeNanos != 0 { parts.append(CivilTime(unixNanos: timeNanos).iso8601) }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}

/// The `file:line` a frame's tooltip names: per function name, the line
/// that holds most of the chosen sample type (where the time goes, or where
/// most goroutines wait), since one flame graph box merges all its lines.
struct SourceLines {
    private var byFunctionName: [String: String] = [:]

    init(_ profile: Profile, sampleIndex: Int) {
        // Weight per location first (an array, one add per frame), then per
        // (function, line) once per location: hashing every frame of every
        // sample was a third of drawing a profile. Sums of magnitudes
        // saturate alike in any order.
        let samples = profile.samples
        var perLocation = [Int64](repeating: 0, count: profile.locations.count)
        for s in 0..<samples.count {
            let v = samples.value(of: s, at: sampleIndex).saturatingMagnitude
            if v == 0 { continue }
            for l in samples.locations(of: s) { perLocation[Int(l)] = perLocation[Int(l)].saturatingAdd(v) }
        }
        var weight: [Int64: Int64] = [:]
        var any = false
        for (l, v) in perLocation.enumerated() where v != 0 {
            for line in profile.lines(ofLocation: Int32(l)) where line.functionIndex >= 0 && line.line > 0 {
                let key = Int64(line.functionIndex) << 32 | (line.line & 0xFFFF_FFFF)
                weight[key, default: 0] = weight[key, default: 0].saturatingAdd(v)
                any = true
            }
        }
        guard any else { return }
        // The heaviest line of each name; ties go to the lower line, for stable output.
        var best: [String: (Int64, Int64, String)] = [:]
        for (key, w) in weight {
            let f = profile.functions[Int(key >> 32)]
            let file = profile.strings[f.filename]
            if file.isEmpty { continue }
            let name = profile.strings.name(of: f)
            let line = key & 0xFFFF_FFFF
            if let b = best[name], (b.0, -b.1) >= (w, -line) { continue }
            best[name] = (w, line, "\(file):\(line)")
        }
        byFunctionName = best.mapValues(\.2)
    }

    /// Indexed like `names`.
    func byName(_ names: FrameTable) -> [String?] {
        byFunctionName.isEmpty ? [] : names.names.map { byFunctionName[$0] }
    }
}
