/// pprof's name filters: `focus` and `ignore` keep or drop whole samples,
/// `hide` and `show` drop frames.
///
/// A frame matches when the expression matches its function's name or file
/// name, or the file of its mapping, exactly as in pprof's
/// `FilterSamplesByName`.
public struct NameFilter: Sendable {
    /// Keep only samples with a frame matching this.
    public var focus: NamePattern?
    /// Drop samples with a frame matching this (wins over `focus`).
    public var ignore: NamePattern?
    /// Drop frames matching this.
    public var hide: NamePattern?
    /// Drop frames not matching this.
    public var show: NamePattern?

    /// A filter from the four patterns; nil leaves a filter out.
    public init(focus: NamePattern? = nil, ignore: NamePattern? = nil, hide: NamePattern? = nil, show: NamePattern? = nil) {
        self.focus = focus
        self.ignore = ignore
        self.hide = hide
        self.show = show
    }

    /// Whether no pattern is set, so samples pass unchanged.
    public var isEmpty: Bool { focus == nil && ignore == nil && hide == nil && show == nil }

    /// Which of the patterns matched something, for pprof-like warnings.
    public struct Matches: Sendable {
        /// Whether `focus`, `ignore`, `hide` and `show` matched any frame.
        public var focus = false, ignore = false, hide = false, show = false
    }
}

extension Profile {
    /// The profile with `filter` applied. Locations whose lines are all hidden
    /// are removed from samples; samples left without locations are dropped.
    public func filtered(by filter: NameFilter) -> (Profile, NameFilter.Matches) {
        var matches = NameFilter.Matches()
        guard !filter.isEmpty else { return (self, matches) }
        // Each pattern is matched once per distinct function and mapping, never per frame.
        func functionMatcher(_ pattern: NamePattern?) -> [Bool] {
            guard let pattern else { return [] }
            return functions.map { pattern.matches(strings[$0.name]) || pattern.matches(strings[$0.filename]) }
        }
        func mappingMatcher(_ pattern: NamePattern?) -> [Bool] {
            guard let pattern else { return [] }
            return mappings.map { $0.filename != 0 && pattern.matches(strings[$0.filename]) }
        }
        let fn = (focus: functionMatcher(filter.focus), ignore: functionMatcher(filter.ignore),
                  hide: functionMatcher(filter.hide), show: functionMatcher(filter.show))
        let mp = (focus: mappingMatcher(filter.focus), ignore: mappingMatcher(filter.ignore),
                  hide: mappingMatcher(filter.hide), show: mappingMatcher(filter.show))

        func locationMatches(_ loc: Location, _ f: [Bool], _ m: [Bool]) -> Bool {
            for l in lines[loc.lineRange] where l.functionIndex >= 0 && f[Int(l.functionIndex)] { return true }
            return loc.mappingIndex >= 0 && m[Int(loc.mappingIndex)]
        }

        var p = self
        // 0: neither focused nor ignored, 1: focused, 2: ignored.
        var verdict = [UInt8](repeating: 0, count: locations.count)
        var hidden = [Bool](repeating: false, count: locations.count)
        p.keepLines { i, lines in
            let loc = locations[i]
            if filter.ignore != nil && locationMatches(loc, fn.ignore, mp.ignore) {
                matches.ignore = true
                verdict[i] = 2
            } else if filter.focus == nil || locationMatches(loc, fn.focus, mp.focus) {
                matches.focus = true
                verdict[i] = 1
            }
            var kept = Array(lines)
            let mapped = loc.mappingIndex >= 0
            if filter.hide != nil && locationMatches(loc, fn.hide, mp.hide) {
                matches.hide = true
                if mapped && mp.hide[Int(loc.mappingIndex)] {
                    kept = []
                } else {
                    kept.removeAll { $0.functionIndex >= 0 && fn.hide[Int($0.functionIndex)] }
                }
                if kept.isEmpty { hidden[i] = true }
            }
            if filter.show != nil {
                if !(mapped && mp.show[Int(loc.mappingIndex)]) {
                    kept.removeAll { $0.functionIndex >= 0 && !fn.show[Int($0.functionIndex)] }
                }
                if kept.isEmpty { hidden[i] = true } else { matches.show = true }
            }
            return kept
        }
        p.keepSampleLocations { locs -> [Int32]? in
            var focused = false, ignored = false
            for l in locs {
                switch verdict[Int(l)] {
                case 1: focused = true
                case 2: ignored = true
                default: break
                }
                if ignored { break }
            }
            guard focused && !ignored else { return nil }
            let kept = locs.filter { !hidden[Int($0)] }
            return kept.isEmpty ? nil : kept
        }
        return (p, matches)
    }
}
