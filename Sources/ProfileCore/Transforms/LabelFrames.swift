extension Profile {
    /// The profile with a pseudo-frame per label key in each sample, as
    /// pprof's `-tagleaf`/`-tagroot` add them: at the leaf (`atLeaf`, the last
    /// key becoming the new leaf) or at the root (the first key becoming the
    /// new root). A frame is a function named by the sample's values of that
    /// key (joined with `,`; numbers with their unit), its file the key, so
    /// every output shows it: `--label-frames state` puts a goroutine's
    /// `chan receive` on top of its stack.
    ///
    /// Unlike pprof, a sample without the key gets no frame rather than one
    /// with an empty name, which text outputs could not show.
    public func addingLabelFrames(keys: [String], atLeaf: Bool) -> Profile {
        guard !keys.isEmpty else { return self }
        var out = self
        let keyIDs: [Int32?] = keys.map { k in out.strings.lookup(k) }
        var locationFor: [String: Int32] = [:]
        var nextLocationID = (locations.map(\.id).max() ?? 0) + 1
        var nextFunctionID = (functions.map(\.id).max() ?? 0) + 1
        var table = SampleTable(valuesPerSample: samples.valuesPerSample)
        table.reserveCapacity(samples: samples.count, locations: samples.locations.count + samples.count * keys.count)
        var added: [Int32] = []
        var stack: [Int32] = []
        for s in 0..<samples.count {
            added.removeAll(keepingCapacity: true)
            let labels = samples.labels(of: s)
            for (k, key) in zip(keyIDs.indices, keys) {
                guard let id = keyIDs[k] else { continue }
                let values = labels.filter { $0.key == id }.map { l in
                    l.isString ? strings[l.str] : String(l.num) + (l.numUnit != 0 ? strings[l.numUnit] : "")
                }
                if values.isEmpty { continue }
                let name = values.joined(separator: ",")
                let cacheKey = key + "\u{0}" + name
                if let l = locationFor[cacheKey] {
                    added.append(l)
                    continue
                }
                var f = Function(id: nextFunctionID)
                nextFunctionID += 1
                f.name = out.strings.intern(name)
                f.systemName = f.name
                f.filename = out.strings.intern(key)
                out.functions.append(f)
                var loc = Location(id: nextLocationID)
                nextLocationID += 1
                loc.lineStart = Int32(out.lines.count)
                loc.lineCount = 1
                out.lines.append(Line(functionIndex: Int32(out.functions.count - 1)))
                out.locations.append(loc)
                let l = Int32(out.locations.count - 1)
                locationFor[cacheKey] = l
                added.append(l)
            }
            stack.removeAll(keepingCapacity: true)
            // Locations are leaf first: leaf frames go before, the last key
            // nearest the leaf; root frames after, the first key outermost.
            if atLeaf { stack.append(contentsOf: added.reversed()) }
            stack.append(contentsOf: samples.locations(of: s))
            if !atLeaf { stack.append(contentsOf: added.reversed()) }
            table.append(locations: stack, values: samples.values(of: s), labels: labels)
        }
        out.samples = table
        return out
    }
}
