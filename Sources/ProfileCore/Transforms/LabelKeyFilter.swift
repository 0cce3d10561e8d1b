extension Profile {
    /// pprof's `tagshow` and `taghide`: every sample keeps only the labels
    /// whose key matches `show` (when given) and does not match `hide`. The
    /// samples themselves all stay. Also returns whether each pattern
    /// matched a key, for pprof's "matched no samples" warnings.
    public func keepingLabels(show: NamePattern?, hide: NamePattern?) -> (Profile, showMatched: Bool, hideMatched: Bool) {
        guard show != nil || hide != nil else { return (self, false, false) }
        var verdict: [Int32: Bool] = [:]  // key → keep
        var sm = false, hm = false
        var table = SampleTable(valuesPerSample: samples.valuesPerSample)
        for s in 0..<samples.count {
            let kept = samples.labels(of: s).filter { label in
                if let keep = verdict[label.key] { return keep }
                let name = strings[label.key]
                let shown = show?.matches(name) ?? true
                let hidden = hide?.matches(name) ?? false
                sm = sm || (show != nil && shown)
                hm = hm || hidden
                verdict[label.key] = shown && !hidden
                return shown && !hidden
            }
            table.append(locations: samples.locations(of: s), values: samples.values(of: s), labels: kept)
        }
        var p = self
        p.samples = table
        return (p, sm, hm)
    }
}
