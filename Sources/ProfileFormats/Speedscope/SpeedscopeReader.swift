import ProfileCore

/// Turns a parsed speedscope document into a ``Profile``.
///
/// Which profiles become which sample types:
/// - files profconv wrote (`"exporter": "profconv"`) hold one profile per
///   sample type, named after it: each becomes that sample type again;
/// - other tools (py-spy, rbspy, Chrome imports…) write one profile per
///   thread or process, all measuring the same thing: profiles with the same
///   unit become one sample type, and each sample gets a `profile` label with
///   the name of the profile it came from, when there are several.
///
/// Times become nanoseconds and `none` becomes `count`; fractional weights are
/// rounded (with a warning, unless a unit change made them whole). Identical
/// stacks of the different sample types are merged into one sample.
struct SpeedscopeReader {
    private var builder = ProfileBuilder(sampleTypes: [])
    private var locationOfFrame: [Int32] = []
    private var rowOfKey: [SampleKey: Int] = [:]
    private var keys: [SampleKey] = []
    private var values: [Int64] = []
    private var roundedWeights = 0
    private var cappedWeights = 0

    private struct SampleKey: Hashable {
        var frames: ArraySlice<Int32>
        var label: Int32
    }

    static func read(_ input: UnsafeRawBufferPointer, warnings: inout Warnings) throws -> Profile {
        let doc = try SpeedscopeDocument.parse(input)
        guard !doc.profiles.isEmpty else { throw ProfileError("the speedscope file holds no profiles") }
        var r = SpeedscopeReader()
        return try r.build(doc, warnings: &warnings)
    }

    private mutating func build(_ doc: SpeedscopeDocument, warnings: inout Warnings) throws -> Profile {
        let ours = doc.exporter == "profconv" || doc.exporter.hasPrefix("profconv ")
        // Sample type of each profile, and the types themselves.
        var typeOfProfile: [Int] = []
        var types: [(type: String, unit: String, factor: Double)] = []
        for p in doc.profiles {
            guard let (unit, factor) = SpeedscopeUnit.pprof(forSpeedscopeUnit: p.unit) else {
                throw ProfileError.atByte(p.offset, "unknown unit \"\(p.unit)\" in speedscope JSON (expected none, nanoseconds, microseconds, milliseconds, seconds or bytes)")
            }
            let name = ours ? (p.name.isEmpty ? "samples" : p.name) : Self.typeName(forUnit: unit)
            if !ours, let t = types.firstIndex(where: { $0.unit == unit && $0.factor == factor }) {
                typeOfProfile.append(t)
            } else {
                typeOfProfile.append(types.count)
                types.append((name, unit, factor))
            }
        }
        var active: String?
        if let a = doc.activeProfileIndex, doc.profiles.indices.contains(a) { active = types[typeOfProfile[a]].type }
        builder = ProfileBuilder(sampleTypes: types.map { ($0.type, $0.unit) }, defaultSampleType: active)
        let labelled = !ours && doc.profiles.count > 1

        locationOfFrame = doc.frames.map { f in
            let name = f.name.withUnsafeBytes { builder.intern(bytes: $0) }
            let file = f.file.withUnsafeBytes { builder.intern(bytes: $0) }
            return builder.location(function: builder.function(name: name, file: file, startLine: f.line), line: f.line)
        }
        for (i, p) in doc.profiles.enumerated() {
            let t = typeOfProfile[i]
            let label = labelled ? builder.intern(p.name) : 0
            for s in 0..<p.sampleCount {
                let w = p.weights[s] * types[t].factor
                addValue(Self.whole(w, &roundedWeights, &cappedWeights, exact: types[t].factor == 1), type: t, types: types.count,
                         key: SampleKey(frames: p.frames[Int(p.starts[s])..<Int(p.starts[s + 1])], label: label))
            }
        }
        let profileKey = builder.intern("profile")
        var leafFirst: [Int32] = []
        for (row, key) in keys.enumerated() {
            leafFirst.removeAll(keepingCapacity: true)
            for f in key.frames.reversed() { leafFirst.append(locationOfFrame[Int(f)]) }
            let labels = key.label == 0 ? [] : [Label(key: profileKey, str: key.label)]
            builder.addSample(locations: leafFirst, values: values[row * types.count..<(row + 1) * types.count], labels: labels)
        }
        if roundedWeights > 0 {
            warnings.add("rounded \(roundedWeights) fractional weight\(roundedWeights == 1 ? "" : "s") to whole numbers")
        }
        if cappedWeights > 0 {
            warnings.add("\(cappedWeights) weight\(cappedWeights == 1 ? " is" : "s are") beyond ±(2^63 - 1) and became that limit")
        }
        return builder.build()
    }

    private mutating func addValue(_ v: Int64, type t: Int, types: Int, key: SampleKey) {
        if let row = rowOfKey[key] {
            values[row * types + t] = values[row * types + t].saturatingAdd(v)
            return
        }
        rowOfKey[key] = keys.count
        keys.append(key)
        values.append(contentsOf: repeatElement(0, count: types))
        values[values.count - types + t] = v
    }

    /// `w` as a whole number, saturating; counts the roundings that lost a
    /// fraction of the file's own value (`exact`: no unit change happened),
    /// and the values that saturated.
    private static func whole(_ w: Double, _ rounded: inout Int, _ capped: inout Int, exact: Bool) -> Int64 {
        let r = w.rounded()
        if exact && r != w { rounded += 1 }
        // 2^63 is the first Double past Int64.max.
        if r >= 9_223_372_036_854_775_808.0 { capped += 1; return .max }
        if r < -9_223_372_036_854_775_808.0 { capped += 1; return .min }
        return Int64(r)
    }

    /// The sample type name for profiles of other tools, by unit.
    private static func typeName(forUnit unit: String) -> String {
        switch unit {
        case "nanoseconds": return "time"
        case "bytes": return "space"
        default: return "samples"
        }
    }
}
