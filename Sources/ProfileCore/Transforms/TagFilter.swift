/// pprof's `tagfocus` / `tagignore`: a test on a sample's labels.
///
/// The syntax is pprof's: `[key=]value`, where `value` is either a numeric
/// range (`32kb`, `:64kb`, `4mb:`, `12kb:64mb`, matched against numeric labels
/// after unit conversion) or a comma-separated list of regular expressions.
/// Without a key, every expression must match some `key:value` string label;
/// with a key, one expression must match a value of that key.
public struct TagFilter: Sendable {
    private enum Test: Sendable {
        case range(TagRange, key: String?)
        case patterns([NamePattern], key: String?)
    }
    private let test: Test
    /// The filter as written.
    public let source: String

    /// Parses a pprof tag filter (`key=value`, `key=1mb:`, a regexp list); errors name `option`.
    public init(_ source: String, option: String = "tagfocus") throws(ProfileError) {
        self.source = source
        var key: String?
        var value = source
        if let eq = source.firstIndex(of: "=") {
            key = String(source[..<eq])
            value = String(source[source.index(after: eq)...])
        }
        if let range = TagRange(value) {
            test = .range(range, key: key)
        } else {
            var patterns: [NamePattern] = []
            for part in value.split(separator: ",", omittingEmptySubsequences: false) {
                patterns.append(try NamePattern(String(part), option: option))
            }
            test = .patterns(patterns, key: key)
        }
    }

    /// Whether sample `i` of `profile` passes the test. `units` gives each
    /// numeric label key's unit (see ``Profile/numericLabelUnits()``).
    public func matches(_ profile: Profile, sample i: Int, units: [Int32: String]) -> Bool {
        let labels = profile.samples.labels(of: i)
        switch test {
        case let .range(range, key):
            for l in labels where !l.isString {
                if let key, profile.strings[l.key] != key { continue }
                if range.contains(l.num, unit: units[l.key] ?? profile.strings[l.key]) { return true }
            }
            return false
        case let .patterns(patterns, key?):
            for l in labels where l.isString && profile.strings[l.key] == key {
                let value = profile.strings[l.str]
                if patterns.contains(where: { $0.matches(value) }) { return true }
            }
            return false
        case let .patterns(patterns, nil):
            return patterns.allSatisfy { p in
                labels.contains { $0.isString && p.matches(profile.strings[$0.key] + ":" + profile.strings[$0.str]) }
            }
        }
    }
}

extension Profile {
    /// The unit of each numeric label key, as pprof infers it: the first
    /// non-empty `num_unit` seen, else `bytes` for `alignment` and `request`,
    /// else the key itself.
    public func numericLabelUnits() -> [Int32: String] {
        var units: [Int32: String] = [:]
        for l in samples.labels where !l.isString {
            if units[l.key] == nil || units[l.key] == "" {
                units[l.key] = l.numUnit != 0 ? strings[l.numUnit] : ""
            }
        }
        for (k, u) in units where u.isEmpty {
            let key = strings[k]
            units[k] = key == "alignment" || key == "request" ? "bytes" : key
        }
        return units
    }

    /// The profile keeping only samples that pass `focus` (when given) and
    /// do not pass `ignore`. Also returns whether each matched any sample.
    public func filtered(tagFocus focus: TagFilter?, tagIgnore ignore: TagFilter?) -> (Profile, focusMatched: Bool, ignoreMatched: Bool) {
        guard focus != nil || ignore != nil else { return (self, false, false) }
        let units = numericLabelUnits()
        var fm = false, im = false
        var table = SampleTable(valuesPerSample: samples.valuesPerSample)
        for s in 0..<samples.count {
            let focused = focus?.matches(self, sample: s, units: units) ?? true
            let ignored = ignore?.matches(self, sample: s, units: units) ?? false
            fm = fm || focused
            im = im || ignored
            if focused && !ignored {
                table.append(locations: samples.locations(of: s), values: samples.values(of: s), labels: samples.labels(of: s))
            }
        }
        var p = self
        p.samples = table
        return (p, fm, im)
    }
}
