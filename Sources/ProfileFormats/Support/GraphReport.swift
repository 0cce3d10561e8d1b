import ProfileCore

/// A profile prepared for a call-graph report the way `go tool pprof`
/// prepares it, once the transform stage has filtered it: frames merged at
/// the report's granularity, percentages of the total before filtering, and
/// the value formatting and header lines of pprof's reports.
struct GraphReport {
    /// The profile as given (for the header lines).
    let original: Profile
    /// The profile merged at ``granularity``, which the graph is built from.
    let profile: Profile
    let sampleIndex: Int
    let sampleType: String
    /// The sample unit, lower-cased as pprof does.
    let sampleUnit: String
    /// Sum of absolute values before filtering: percentages are of this.
    let total: Int64
    let options: ReportOptions
    /// The filters the transform stage applied, for the header.
    let activeFilters: [String]
    /// What frames were merged by.
    let granularity: Granularity
    /// The unit values are printed in, chosen per report (pprof's "minimum").
    var outputUnit = "minimum"

    /// `granularity` overrides the report's own (callgrind keeps addresses).
    init(_ profile: Profile, options write: WriteOptions, granularity: Granularity? = nil) throws {
        options = write[ReportOptions.self]
        original = profile
        activeFilters = write.context.activeFilters
        sampleIndex = try profile.sampleIndex(for: write.sampleIndex)
        guard profile.sampleTypes.indices.contains(sampleIndex) else { throw ProfileError("the profile has no sample types") }
        sampleType = profile.string(profile.sampleTypes[sampleIndex].type)
        sampleUnit = profile.string(profile.sampleTypes[sampleIndex].unit).lowercased()
        total = write.context.unfilteredTotal ?? profile.magnitude(at: sampleIndex)
        let merged = granularity ?? Self.granularity(write)
        self.granularity = merged
        // pprof simplifies names (`--demangle`) before it merges frames, so
        // that names that simplify alike become one node.
        let named = profile.demangled(options.demangle)
        let mergedAlready = write.context.granularity == merged && options.demangle == .none
        self.profile = mergedAlready ? named : named.aggregated(merged)
    }

    /// The granularity of reports: the transform stage's, else pprof's default, functions.
    static func granularity(_ options: WriteOptions) -> Granularity {
        options.context.granularity ?? .functions
    }

    /// The report and trimmed graph every call-graph drawing starts from:
    /// pprof's 80 nodes in its visual order, values in one output unit.
    static func drawing(_ profile: Profile, options: WriteOptions) throws -> (GraphReport, TrimmedGraph) {
        var report = try GraphReport(profile, options: options)
        let t = report.graph(defaultNodeCount: 80, visual: true)
        report.selectOutputUnit(t.graph)
        return (report, t)
    }

    /// The trimmed graph; `defaultNodeCount` applies when the user gave none.
    func graph(defaultNodeCount: Int, visual: Bool) -> TrimmedGraph {
        let trim = TrimOptions(nodeCount: options.nodeCount ?? defaultNodeCount, nodeFraction: options.nodeFraction,
                               edgeFraction: options.edgeFraction, cumSort: options.cumSort, visual: visual)
        return CallGraphBuilder(profile).trimmed(sampleIndex: sampleIndex, options: trim)
    }

    /// pprof's `selectOutputUnit`: one unit for the whole report, from the
    /// smallest non-zero node value and the total.
    mutating func selectOutputUnit(_ g: CallGraph, forCallgrind: Bool = false) {
        guard !g.nodes.isEmpty else { return }
        var minValue: Int64 = 0
        for n in g.nodes {
            var v = n.flat.saturatingMagnitude
            if v == 0 { v = n.cum.saturatingMagnitude }
            if v > 0 && (minValue == 0 || v < minValue) { minValue = v }
        }
        let maxValue = total
        if minValue == 0 { minValue = maxValue }
        let minUnit = Units.scale(minValue, from: sampleUnit, to: "minimum").1
        let maxUnit = Units.scale(maxValue, from: sampleUnit, to: "minimum").1
        var unit = minUnit
        if minUnit != maxUnit && minValue &* 100 < maxValue && !forCallgrind {
            unit = Units.scale(100 &* minValue, from: sampleUnit, to: "minimum").1
        }
        outputUnit = unit.isEmpty ? sampleUnit : unit
    }

    /// A value in the report's unit: `1.95s`, `814.32kB`, `382`.
    func format(_ v: Int64) -> String { ValueText.scaledLabel(v, from: sampleUnit, to: outputUnit) }

    /// pprof's `ProfileLabels`: file, build id, comments, type, time, duration.
    func profileLabels() -> [String] {
        var label: [String] = []
        let p = original
        if let m = p.mappings.first {
            if m.filename != 0, !p.string(m.filename).isEmpty { label.append("File: " + basename(p.string(m.filename))) }
            if m.buildID != 0, !p.string(m.buildID).isEmpty { label.append("Build ID: " + p.string(m.buildID)) }
        }
        for c in p.comments where !p.string(c).hasPrefix("#") { label.append(p.string(c)) }
        if !sampleType.isEmpty { label.append("Type: " + sampleType) }
        if p.timeNanos != 0 { label.append("Time: " + PprofTime.text(p.timeNanos)) }
        if p.durationNanos != 0 {
            let duration = ValueText.label(p.durationNanos, unit: "nanoseconds")
            let (totalNanos, totalUnit) = Units.scale(total, from: sampleUnit, to: "nanoseconds")
            var ratio = ""
            if totalUnit == "ns" && totalNanos != 0 {
                ratio = "(" + ValueText.percentage(Int64(saturating: totalNanos), of: p.durationNanos) + ")"
            }
            label.append("Duration: \(duration), Total samples = \(format(total)) \(ratio)")
        }
        return label
    }

    /// pprof's `reportLabels`: the profile labels, active filters, what the
    /// shown nodes account for and what was dropped.
    func reportLabels(_ t: TrimmedGraph, droppedEdges: Int, fullHeaders: Bool) -> [String] {
        var label = profileLabels()
        let filters = activeFilters
        if !filters.isEmpty {
            label.append("Active filters:")
            for f in filters {
                label.append("   " + (f.count > 80 ? String(f.prefix(80)) + "…" : f))
            }
        }
        let flatSum = t.graph.flatTotal
        label.append("Showing nodes accounting for \(format(flatSum)), \(trimmed(ValueText.percentage(flatSum, of: total))) of \(format(total)) total")
        if total != 0 {
            if t.droppedNodes > 0 {
                label.append(dropped(t.droppedNodes, "node", "cum", format(Int64(saturating: Double(total) * options.nodeFraction).saturatingMagnitude)))
            }
            if droppedEdges > 0 {
                label.append(dropped(droppedEdges, "edge", "freq", format(Int64(saturating: Double(total) * options.edgeFraction).saturatingMagnitude)))
            }
            let count = t.graph.nodes.count
            if count > 0 && count < t.nodesBeforeLimit {
                label.append("Showing top \(count) nodes out of \(t.nodesBeforeLimit)")
            }
        }
        if fullHeaders { label.append("\nSee https://git.io/JfYMW for how to read the graph") }
        return label
    }

    private func dropped(_ d: Int, _ what: String, _ measure: String, _ cutoff: String) -> String {
        "Dropped \(d) \(d > 1 ? what + "s" : what) (\(measure) <= \(cutoff))"
    }

    private func trimmed(_ s: String) -> String { String(s.drop { $0 == " " }) }
}

/// The last component of a path, like Go's `filepath.Base`.
func basename(_ path: String) -> String {
    var p = Substring(path)
    while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
    guard !p.isEmpty else { return "." }
    if p == "/" { return "/" }
    if let slash = p.lastIndex(of: "/") { return String(p[p.index(after: slash)...]) }
    return String(p)
}
