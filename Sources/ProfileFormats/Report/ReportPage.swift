import ProfileCore

/// What one HTML report shows, before it is written: a call tree with a
/// value column per sample type (or per side of a diff, or per snapshot),
/// the header lines, and the extras of some inputs (goroutine states, the
/// leak ranking, a call-graph SVG). The page draws every view from it.
public struct ReportPage {
    /// What the page shows: one profile, a diff, or a leak ranking.
    public enum Kind: String, Sendable { case profile, diff, leak }

    /// One value column: what its numbers count.
    public struct Column: Sendable {
        /// The column's name, e.g. the sample type.
        public var name: String
        /// The unit of its values.
        public var unit: String
    }

    /// What the page shows.
    public var kind: Kind
    /// The page title.
    public var title: String
    /// Header lines, label then text (file, type, sample types, time, …).
    public var header: [(String, String)] = []
    /// Sentences the reader should know (pruning, fallbacks).
    public var notes: [String] = []
    /// The value columns the page can switch between.
    public var columns: [Column]
    /// The column shown first.
    public var defaultColumn: Int
    /// The call tree every view is drawn from.
    public var tree: StackTree
    /// Nodes and functions under this fraction of every column's total are left out.
    public var nodeFraction: Double
    /// The call-graph SVG of the default column, as ``CallGraphSVGFormat`` draws it.
    public var callGraphSVG: String?
    /// Goroutines per state (`debug=2` dumps), most common first.
    public var states: [LeakStateCount] = []
    /// The column of `states[0]`'s goroutines (then one per state, in order),
    /// which a click on a state shows; nil when the states have no columns.
    public var firstStateColumn: Int?
    /// Per column, its own call graph and goroutine states (leak pages:
    /// growth, then each snapshot), so these views follow the chosen column;
    /// empty when ``callGraphSVG`` and ``states`` serve every column.
    public var columnCallGraphs: [String?] = []
    /// Per column, goroutines per state (see ``columnCallGraphs``).
    public var columnStates: [[LeakStateCount]] = []
    /// `file:line` per frame name of ``tree`` (its heaviest line), for the
    /// tooltips and the top table; empty when the profile has no lines or
    /// the names carry their lines already.
    public var sources: [String?] = []
    /// The leak ranking, for `.leak` pages.
    public var leaks: LeakReport?

    /// The page of one profile: every sample type is a column. `granularity`
    /// `.lines` gives a frame per source line; functions (nil) one per function.
    public static func profile(_ profile: Profile, files: [String], nodeFraction: Double,
                               granularity: Granularity? = nil) throws -> ReportPage {
        _ = try profile.sampleIndex(for: nil)  // refuses a profile without sample types, in the words every writer uses
        let naming = try naming(granularity)
        let states = goroutineStates(profile)
        let shown = states.isEmpty ? profile : withStateColumns(profile, states)
        let indices = Array(shown.sampleTypes.indices)
        let columns = shown.sampleTypes.map { Column(name: shown.strings[$0.type], unit: shown.strings[$0.unit]) }
        var page = ReportPage(kind: .profile, title: title(files, "profile"), columns: columns,
                              defaultColumn: profile.defaultSampleIndex,
                              tree: StackTree(StackSet(shown, sampleIndices: indices, options: naming)), nodeFraction: nodeFraction)
        page.header = ReportHeader.lines(profile, files: files)
        page.states = states
        if !states.isEmpty { page.firstStateColumn = profile.sampleTypes.count }
        if !naming.naming.withLines { page.sources = SourceLines(profile, sampleIndex: profile.defaultSampleIndex).byName(page.tree.names) }
        page.callGraphSVG = try callGraph(profile, sampleIndex: profile.defaultSampleIndex, nodeFraction: nodeFraction,
                                          granularity: granularity)
        return page
    }

    /// The page of `new` against `base`: columns `base` and `new` of one sample type.
    public static func diff(base: Profile, new: Profile, baseName: String, newName: String,
                            sampleIndex: String?, nodeFraction: Double, granularity: Granularity? = nil) throws -> ReportPage {
        let naming = try naming(granularity)
        let ni = try new.sampleIndex(for: sampleIndex), bi = try base.sampleIndex(for: sampleIndex)
        let two = try ProfileDiff.twoColumn(base: base, baseIndex: bi, new: new, newIndex: ni, normalize: false)
        let unit = new.strings[new.sampleTypes[ni].unit], type = new.strings[new.sampleTypes[ni].type]
        var page = ReportPage(kind: .diff, title: "\(newName) against \(baseName)",
                              columns: [Column(name: "base " + type, unit: unit), Column(name: type, unit: unit)],
                              defaultColumn: 1, tree: StackTree(StackSet(two, sampleIndices: [0, 1], options: naming)),
                              nodeFraction: nodeFraction)
        page.header = [("base", baseName)] + ReportHeader.lines(new, files: [newName])
        page.notes.append("widths are \(newName)'s values; red grew and blue shrank against \(baseName)")
        if !naming.naming.withLines { page.sources = SourceLines(new, sampleIndex: ni).byName(page.tree.names) }
        page.callGraphSVG = try callGraph(new, sampleIndex: ni, nodeFraction: nodeFraction, granularity: granularity)
        return page
    }

    /// The leak page of goroutine snapshots: the ranking of `LeakAnalysis`
    /// and a tree whose first column is each stack's growth (last − first,
    /// where it grew), then one column per snapshot; runtime frames hidden.
    public static func leaks(_ snapshots: [LeakAnalysis.Snapshot], options: LeakAnalysis.Options,
                             nodeFraction: Double) throws -> ReportPage {
        let report = try LeakAnalysis.analyze(snapshots, options: options)
        let ordered = LeakAnalysis.ordered(snapshots)
        var tree = StackTree(columns: ordered.count + 1)
        for (k, s) in ordered.enumerated() {
            let p = s.profile.hidingGoRuntimeFrames()
            let set = StackSet(p, sampleIndices: [p.defaultSampleIndex])
            let remap = set.frames.names.map { tree.intern($0) }
            var ids: [Int32] = []
            for i in 0..<set.count {
                ids.removeAll(keepingCapacity: true)
                for f in set.frames(of: i) { ids.append(remap[Int(f)]) }
                tree.add(ids, column: k + 1, value: set.value(of: i))
            }
        }
        let first = tree.selfValues(1), last = tree.selfValues(ordered.count)
        tree.setColumn(0, own: zip(first, last).map { max(0, $1.saturatingSubtract($0)) })
        let columns = [Column(name: "growth", unit: "goroutines")] + ordered.map { Column(name: basename($0.name), unit: "goroutines") }
        // The header lists every snapshot; the title names the span only.
        let span = ordered.count > 1 ? ", \(basename(ordered.first!.name)) → \(basename(ordered.last!.name))" : ""
        var page = ReportPage(kind: .leak, title: "Goroutine leaks: \(ordered.count) snapshots" + span,
                              columns: columns, defaultColumn: 0, tree: tree, nodeFraction: nodeFraction)
        page.header = [("snapshots", listing(ordered.map(\.name))),
                       ("grouping", report.grouping.rawValue), ("ranking", LeakScore.formula)]
        page.notes = report.notes
        page.notes.append("growth flame graph: each stack's last count less its first, where it grew; Go runtime frames hidden")
        page.leaks = report
        let lastProfile = ordered.last!.profile
        page.states = goroutineStates(lastProfile)
        // Each column its own call graph and states: growth's are the last snapshot's less the first's.
        page.columnCallGraphs = try (0..<tree.columns).map { c in
            // Typed as a goroutine profile is, so the graph counts as it does for one.
            try callGraph(columnProfile(tree, c, type: Column(name: "goroutine", unit: "count")), sampleIndex: 0, nodeFraction: nodeFraction)
        }
        let perSnapshot = ordered.map { goroutineStates($0.profile) }
        page.columnStates = [growth(from: perSnapshot.first!, to: perSnapshot.last!)] + perSnapshot
        page.callGraphSVG = page.columnCallGraphs[0]
        return page
    }

    /// Column `c` of `tree` as a profile of one sample type: a sample per
    /// node with own value, its frames from the leaf up.
    static func columnProfile(_ tree: StackTree, _ c: Int, type: Column) -> Profile {
        var b = ProfileBuilder(sampleTypes: [(type: type.name, unit: type.unit)])
        var location = [Int32](repeating: -1, count: tree.names.count)
        let own = tree.selfValues(c)
        var stack: [Int32] = []
        for n in 1..<max(tree.count, 1) where own[n] > 0 {
            stack.removeAll(keepingCapacity: true)
            var m = n
            while m > 0 {
                let f = Int(tree.frame[m])
                if location[f] < 0 { location[f] = b.location(function: b.function(name: b.intern(tree.names.names[f]))) }
                stack.append(location[f])
                m = Int(tree.parent[m])
            }
            b.addSample(locations: stack, value: own[n])
        }
        return b.build()
    }

    /// Per state, the count in `last` less the count in `first`, largest first.
    static func growth(from first: [LeakStateCount], to last: [LeakStateCount]) -> [LeakStateCount] {
        var by: [String: Int64] = [:]
        for s in last { by[s.state, default: 0] = by[s.state, default: 0].saturatingAdd(s.count) }
        for s in first { by[s.state, default: 0] = by[s.state, default: 0].saturatingSubtract(s.count) }
        return by.map { LeakStateCount(state: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.state.utf8.lexicographicallyPrecedes($1.state.utf8) }
    }

    /// Frames named as the top table and the call graph of pprof name them,
    /// so one name selects the same function in every view.
    static var pprofNaming: StackSet.Options {
        var o = StackSet.Options()
        o.naming.unsymbolizedAsPprof = true
        return o
    }

    /// ``pprofNaming``, with each frame's `file:line` for `.lines`; a
    /// page draws functions or lines, and refuses the other granularities.
    static func naming(_ granularity: Granularity?) throws -> StackSet.Options {
        var o = pprofNaming
        switch granularity {
        case nil, .functions?: break
        case .lines?: o.naming.withLines = true
        case let g?: throw ProfileError("a report page shows functions or source lines, not \(g.rawValue)")
        }
        return o
    }

    static func title(_ files: [String], _ fallback: String) -> String {
        files.isEmpty ? fallback : files.map(basename).joined(separator: ", ")
    }

    /// `paths` joined by commas, a directory they all share said once: `dir/: a, b, c`.
    static func listing(_ paths: [String]) -> String {
        let dirs = Set(paths.map { p in p.lastIndex(of: "/").map { String(p[...$0]) } ?? "" })
        guard dirs.count == 1, let dir = dirs.first, !dir.isEmpty, paths.count > 1 else { return paths.joined(separator: ", ") }
        return dir + ": " + paths.map(basename).joined(separator: ", ")
    }

    static func basename(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Goroutines per `state` label, as a `debug=2` dump records them.
    static func goroutineStates(_ p: Profile) -> [LeakStateCount] {
        guard let k = p.strings.strings.firstIndex(of: "state"), !p.sampleTypes.isEmpty else { return [] }
        let key = Int32(k)
        let t = p.defaultSampleIndex
        var byState: [String: Int64] = [:]
        for s in 0..<p.samples.count {
            for l in p.samples.labels(of: s) where l.key == key && l.isString {
                byState[p.strings[l.str], default: 0] = byState[p.strings[l.str], default: 0].saturatingAdd(p.samples.value(of: s, at: t))
            }
        }
        return byState.map { LeakStateCount(state: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.state.utf8.lexicographicallyPrecedes($1.state.utf8) }
    }

    /// `p` with one more sample type per state: the default type's values of
    /// the goroutines in that state, 0 for the others. A click on a state
    /// shows its column: the stacks in that state.
    static func withStateColumns(_ p: Profile, _ states: [LeakStateCount]) -> Profile {
        var out = p
        let t = p.defaultSampleIndex, unit = p.sampleTypes[t].unit
        let base = p.strings[p.sampleTypes[t].type]
        let key = out.strings.intern("state")
        var column: [Int32: Int] = [:]
        for (k, s) in states.enumerated() {
            column[out.strings.intern(s.state)] = p.sampleTypes.count + k
            out.sampleTypes.append(ValueType(type: out.strings.intern("\(base) in \(s.state)"), unit: unit))
        }
        let width = out.sampleTypes.count, old = p.sampleTypes.count
        var values = [Int64](repeating: 0, count: p.samples.count * width)
        for s in 0..<p.samples.count {
            for i in 0..<old { values[s * width + i] = p.samples.value(of: s, at: i) }
            for l in p.samples.labels(of: s) where l.key == key && l.isString {
                if let c = column[l.str] { values[s * width + c] = p.samples.value(of: s, at: t) }
            }
        }
        out.samples.replaceValues(values, valuesPerSample: width)
        return out
    }

    /// profconv's own call-graph SVG, pruned as the page is.
    static func callGraph(_ p: Profile, sampleIndex: Int, nodeFraction: Double, granularity: Granularity? = nil) throws -> String? {
        guard p.samples.count > 0 else { return nil }
        var options = WriteOptions(sampleIndex: String(sampleIndex))
        options.context.granularity = granularity
        options[ReportOptions.self].nodeFraction = nodeFraction
        let sink = ByteSink()
        try CallGraphSVGFormat.write(p, options: options, to: sink)
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}
