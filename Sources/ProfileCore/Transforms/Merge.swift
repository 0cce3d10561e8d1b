/// Merging profiles, as `go tool pprof a b` does: samples are concatenated
/// and the tables united; sample types must agree.
extension Profile {
    /// One profile holding the samples of all `profiles`.
    ///
    /// Sample types must be the same (names and units, in order). Functions,
    /// mappings and locations are copied per input (ids renumbered); identical
    /// samples are not combined here. Time is the earliest, duration the sum.
    public static func merge(_ profiles: [Profile]) throws(ProfileError) -> Profile {
        guard var merged = profiles.first else { throw ProfileError("nothing to merge") }
        if profiles.count == 1 { return merged }
        let names = { (p: Profile) in p.sampleTypes.map { "\(p.strings[$0.type])/\(p.strings[$0.unit])" } }
        let expected = names(merged)
        for (n, p) in profiles.enumerated().dropFirst() where names(p) != expected {
            throw ProfileError("cannot merge profile \(n + 1) (\(p.sampleTypeNames)) into one of \(merged.sampleTypeNames): the sample types differ")
        }
        for p in profiles.dropFirst() { merged.append(p) }
        return merged
    }

    /// Appends the samples and tables of `other` (same sample types).
    private mutating func append(_ other: Profile) {
        var stringMap = [Int32](repeating: 0, count: other.strings.count)
        for i in 1..<other.strings.count { stringMap[i] = strings.intern(other.strings.strings[i]) }
        let s = { (id: Int32) -> Int32 in id >= 0 && Int(id) < stringMap.count ? stringMap[Int(id)] : 0 }

        let mappingBase = Int32(mappings.count)
        var nextMappingID = (mappings.map(\.id).max() ?? 0) + 1
        for var m in other.mappings {
            m.id = nextMappingID
            nextMappingID += 1
            m.filename = s(m.filename)
            m.buildID = s(m.buildID)
            mappings.append(m)
        }
        let functionBase = Int32(functions.count)
        var nextFunctionID = (functions.map(\.id).max() ?? 0) + 1
        for var f in other.functions {
            f.id = nextFunctionID
            nextFunctionID += 1
            f.name = s(f.name)
            f.systemName = s(f.systemName)
            f.filename = s(f.filename)
            functions.append(f)
        }
        let locationBase = Int32(locations.count)
        var nextLocationID = (locations.map(\.id).max() ?? 0) + 1
        let lineBase = Int32(lines.count)
        for var l in other.locations {
            l.id = nextLocationID
            nextLocationID += 1
            if l.mappingIndex >= 0 { l.mappingIndex += mappingBase }
            l.lineStart += lineBase
            locations.append(l)
        }
        for var line in other.lines {
            if line.functionIndex >= 0 { line.functionIndex += functionBase }
            lines.append(line)
        }
        for i in 0..<other.samples.count {
            samples.append(
                locations: other.samples.locations(of: i).lazy.map { $0 + locationBase },
                values: other.samples.values(of: i),
                labels: other.samples.labels(of: i).map { l in
                    Label(key: s(l.key), str: s(l.str), num: l.num, numUnit: s(l.numUnit))
                })
        }
        for c in other.comments { comments.append(s(c)) }
        if other.timeNanos != 0 && (timeNanos == 0 || other.timeNanos < timeNanos) { timeNanos = other.timeNanos }
        durationNanos = durationNanos.saturatingAdd(other.durationNanos)
        if periodType == nil { periodType = other.periodType.map { ValueType(type: s($0.type), unit: s($0.unit)) } }
        if period == 0 { period = other.period }
    }
}
