/// pprof's two options that cut every stack at a matching frame:
/// `show_from` keeps a stack from its rootmost match down to the leaf, and
/// `prune_from` keeps it from the root down to its leafmost match.
extension Profile {
    /// pprof's `ShowFrom`: each sample keeps its frames from the one nearest
    /// the root that matches `pattern` (function name, file name or mapping
    /// file) down to its leaf; samples with no match are dropped. Inlined
    /// lines rootward of the match inside the matching location go too.
    /// Also returns whether anything matched.
    public func showingFrom(_ pattern: NamePattern) -> (Profile, matched: Bool) {
        var p = self
        var matches = [Bool](repeating: false, count: locations.count)
        p.keepLines { i, lines in
            let loc = locations[i]
            if loc.mappingIndex >= 0, mappings[Int(loc.mappingIndex)].filename != 0,
               pattern.matches(strings[mappings[Int(loc.mappingIndex)].filename]) {
                matches[i] = true
                return lines
            }
            guard let last = lines.lastIndex(where: { lineMatches($0, pattern) }) else { return lines }
            matches[i] = true
            return lines[...last]
        }
        // Leaf first: the rootmost match is the last one.
        p.keepSampleLocations { locs in locs.lastIndex { matches[Int($0)] }.map { locs[...$0] } }
        return (p, matches.contains(true))
    }

    /// pprof's `PruneFrom`: each sample keeps its frames from the root down
    /// to the one nearest the leaf whose function name (argument list
    /// removed) matches `pattern`; what that frame called is dropped, and so
    /// are the lines inlined into it. Samples with no match are kept whole.
    public func pruningFrom(_ pattern: NamePattern) -> Profile {
        var p = self
        var prunes = [Bool](repeating: false, count: locations.count)
        p.keepLines { i, lines in
            guard let first = lines.firstIndex(where: { line in
                guard line.functionIndex >= 0 else { return false }
                let name = strings[functions[Int(line.functionIndex)].name]
                return !name.isEmpty && pattern.matches(Self.withoutArguments(name))
            }) else { return lines }
            prunes[i] = true
            return lines[first...]
        }
        p.keepSampleLocations { locs in locs[(locs.firstIndex { prunes[Int($0)] } ?? locs.startIndex)...] }
        return p
    }

    /// Whether the line's function name or file name matches, as pprof's
    /// `lastMatchedLineIndex` asks.
    private func lineMatches(_ line: Line, _ pattern: NamePattern) -> Bool {
        guard line.functionIndex >= 0 else { return false }
        let f = functions[Int(line.functionIndex)]
        return pattern.matches(strings[f.name]) || pattern.matches(strings[f.filename])
    }

    /// pprof's `simplifyFunc`: a name up to its first `(`, except for the
    /// reserved `(anonymous namespace)` and `operator()`, and without a
    /// leading `.` (PPC ELF v1).
    static func withoutArguments(_ name: String) -> String {
        var bytes = Array(name.utf8)
        if bytes.first == UInt8(ascii: ".") { bytes.removeFirst() }
        let reserved = [Array("(anonymous namespace)".utf8), Array("operator()".utf8)]
        var i = 0
        scan: while i < bytes.count {
            for r in reserved where bytes[i...].starts(with: r) {
                i += r.count
                continue scan
            }
            if bytes[i] == UInt8(ascii: "(") { return String(decoding: bytes[..<i], as: UTF8.self) }
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
