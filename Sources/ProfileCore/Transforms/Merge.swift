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
        mappings += Self.renumbered(other.mappings, after: mappings, id: \.id) {
            $0.filename = s($0.filename)
            $0.buildID = s($0.buildID)
        }
        let functionBase = Int32(functions.count)
        functions += Self.renumbered(other.functions, after: functions, id: \.id) {
            $0.name = s($0.name)
            $0.systemName = s($0.systemName)
            $0.filename = s($0.filename)
        }
        let locationBase = Int32(locations.count)
        let lineBase = Int32(lines.count)
        locations += Self.renumbered(other.locations, after: locations, id: \.id) {
            if $0.mappingIndex >= 0 { $0.mappingIndex += mappingBase }
            $0.lineStart += lineBase
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

    /// `items` with pprof ids continuing after the largest in `existing`
    /// (ids stay unique in the merged tables), each then edited by `remap`.
    private static func renumbered<T>(_ items: [T], after existing: [T], id: WritableKeyPath<T, UInt64>,
                                      _ remap: (inout T) -> Void) -> [T] {
        var next = (existing.map { $0[keyPath: id] }.max() ?? 0) + 1
        return items.map { item in
            var item = item
            item[keyPath: id] = next
            next += 1
            remap(&item)
            return item
        }
    }
}
