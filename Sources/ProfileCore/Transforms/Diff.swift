/// Comparing a profile with a base profile, the way `go tool pprof
/// -diff_base` and differential flame graphs do.
public enum ProfileDiff {
    /// The label pprof puts on base samples of a `-diff_base` profile.
    public static let baseLabel = (key: "pprof::base", value: "true")

    /// pprof's `-diff_base` profile: the samples of `new` as they are, then
    /// those of `base` negated and labelled `pprof::base=true`. Any reader of
    /// the sum (`go tool pprof -top`) shows NEW − BASE; pprof itself hides
    /// nothing, so the file stays a valid profile.
    ///
    /// With `normalize`, `new` is first scaled so that each of its sample
    /// type totals equals the base's (pprof's `-normalize`).
    public static func pprofDelta(base: Profile, new: Profile, normalize: Bool) throws(ProfileError) -> Profile {
        var n = new
        if normalize { n = n.scaled(by: ratios(base: base.totals(), new: n.totals())) }
        var b = base.labellingAllSamples(key: baseLabel.key, value: baseLabel.value)
        b.samples.mapValues { _, v in v == .min ? .max : -v }
        return try Profile.merge([n, b])
    }

    /// One profile with two sample types: `base` (the base's values of
    /// sample type `baseIndex`) and the type `newIndex` of `new`. The folded
    /// writer's differential form and the flame graph's red/blue drawing
    /// read this shape; its default sample type is the new one.
    public static func twoColumn(base: Profile, baseIndex: Int, new: Profile, newIndex: Int,
                                 normalize: Bool) throws(ProfileError) -> Profile {
        let type = new.sampleTypes[newIndex]
        let typeName = new.strings[type.type], unit = new.strings[type.unit]
        var b = base.projected(onto: baseIndex, column: 0, types: [("base", unit), (typeName, unit)])
        var n = new.projected(onto: newIndex, column: 1, types: [("base", unit), (typeName, unit)])
        if normalize {
            let r = ratios(base: [base.totals()[baseIndex]], new: [new.totals()[newIndex]])[0]
            n = n.scaled(by: [1, r])
        }
        b.defaultSampleType = b.strings.intern(typeName)
        n.defaultSampleType = n.strings.intern(typeName)
        return try Profile.merge([n, b])
    }

    /// pprof's `Normalize` ratios: base total ÷ new total per sample type, 0 when new's is 0.
    static func ratios(base: [Int64], new: [Int64]) -> [Double] {
        zip(base, new).map { b, n in n == 0 ? 0 : Double(b) / Double(n) }
    }
}

extension Profile {
    /// Every value multiplied by its type's ratio and rounded half away from
    /// zero (Go's `math.Round`); samples whose scaled values are all zero are
    /// dropped, as pprof's `ScaleN` does. Ratios of 1 leave a type untouched.
    public func scaled(by ratios: [Double]) -> Profile {
        precondition(ratios.count == sampleTypes.count)
        if ratios.allSatisfy({ $0 == 1 }) { return self }
        var out = self
        var table = SampleTable(valuesPerSample: samples.valuesPerSample)
        var row = [Int64](repeating: 0, count: ratios.count)
        for s in 0..<samples.count {
            var keep = false
            for (t, r) in ratios.enumerated() {
                let v = samples.value(of: s, at: t)
                if r == 1 { row[t] = v; continue }
                let x = (Double(v) * r).rounded()
                row[t] = x >= 9.2e18 ? .max : (x <= -9.2e18 ? .min : Int64(x))
                keep = keep || row[t] != 0
            }
            if keep { table.append(locations: samples.locations(of: s), values: row, labels: samples.labels(of: s)) }
        }
        out.samples = table
        return out
    }

    /// Every sample labelled `key=value` (replacing any value it had for `key`).
    public func labellingAllSamples(key: String, value: String) -> Profile {
        var out = self
        let k = out.strings.intern(key), v = out.strings.intern(value)
        var table = SampleTable(valuesPerSample: samples.valuesPerSample)
        for s in 0..<samples.count {
            var labels = samples.labels(of: s).filter { $0.key != k }
            labels.append(Label(key: k, str: v))
            table.append(locations: samples.locations(of: s), values: samples.values(of: s), labels: labels)
        }
        out.samples = table
        return out
    }

    /// The profile with `types` as its sample types; each sample's value of
    /// type `index` goes to column `column`, the other columns are 0.
    func projected(onto index: Int, column: Int, types: [(String, String)]) -> Profile {
        var out = self
        out.sampleTypes = types.map { ValueType(type: out.strings.intern($0.0), unit: out.strings.intern($0.1)) }
        var values = [Int64](repeating: 0, count: samples.count * types.count)
        for s in 0..<samples.count { values[s * types.count + column] = samples.value(of: s, at: index) }
        out.samples.replaceValues(values, valuesPerSample: types.count)
        return out
    }
}
