extension Profile {
    /// The profile as Go's `debug=1` text shows it: in each sample the
    /// leaf-side `runtime.*` frames (`runtime.gopark`, `runtime.selectgo`, …)
    /// and every `runtime.goexit` are dropped; a sample that would keep no
    /// frame keeps all of them but `runtime.goexit`, as Go prints such stacks
    /// whole.
    ///
    /// This is `runtime/pprof`'s `printStackRecord` rule, applied to
    /// inlined lines one by one as Go walks them: hiding stops at the first
    /// frame that is not `runtime.*`, or has no name (an unsymbolized address).
    /// So `debug=0` and `debug=1` snapshots of one goroutine profile give the
    /// same folded stacks. Unlike ``hidingGoRuntimeFrames()``, runtime frames
    /// below the program's own (`runtime.main`) stay, as they do in Go's page.
    public func hidingRuntimeFrames() -> Profile {
        var rule = RuntimeFrameRule(self)
        var out = self
        var table = SampleTable(valuesPerSample: samples.valuesPerSample)
        table.reserveCapacity(samples: samples.count, locations: samples.locations.count)
        var kept: [Int32] = []
        for s in 0..<samples.count {
            kept.removeAll(keepingCapacity: true)
            rule.visibleLocations(samples.locations(of: s), in: &out, into: &kept)
            table.append(locations: kept, values: samples.values(of: s), labels: samples.labels(of: s))
        }
        out.samples = table
        return out
    }
}

/// Go's `debug=1` hiding rule over one profile's locations. A location seen
/// while hiding keeps only its lines from the first shown one on; seen after,
/// it keeps every line but `runtime.goexit`. Both variants are made once per
/// location and appended to the output profile only when they differ from it.
private struct RuntimeFrameRule {
    private enum Kind: UInt8 { case shown, runtime, goexit }
    private let source: Profile
    private var kind: [Kind]
    /// Per location: its index in the output for the variant, -1 when it keeps
    /// no line, nil when not made yet. [0]: after hiding stopped, [1]: while hiding.
    private var variants: [[Int32?]]
    private var nextID: UInt64

    init(_ profile: Profile) {
        source = profile
        kind = profile.functions.map { f in
            let name = profile.strings.name(of: f)
            if name == "runtime.goexit" { return .goexit }
            return name.hasPrefix("runtime.") ? .runtime : .shown
        }
        variants = [[Int32?](repeating: nil, count: profile.locations.count),
                    [Int32?](repeating: nil, count: profile.locations.count)]
        nextID = (profile.locations.map(\.id).max() ?? 0) + 1
    }

    private func kind(of line: Line) -> Kind {
        line.functionIndex < 0 ? .shown : kind[Int(line.functionIndex)]
    }

    /// `stack`, leaf first, as Go prints it, into `out` (location indices of `profile`).
    mutating func visibleLocations(_ stack: ArraySlice<Int32>, in profile: inout Profile, into out: inout [Int32]) {
        var hiding = true
        for l in stack {
            let loc = source.locations[Int(l)]
            let lines = source.lines[loc.lineRange]
            // A location without lines is an unsymbolized address: Go shows it.
            let showsSomething = lines.isEmpty || lines.contains { kind(of: $0) == .shown }
            if let v = variant(Int(l), hiding: hiding, in: &profile), v >= 0 { out.append(v) }
            if showsSomething { hiding = false }
        }
        if hiding && !stack.isEmpty {
            // Nothing shown: Go prints the stack again with every frame but goexit.
            out.removeAll(keepingCapacity: true)
            for l in stack {
                if let v = variant(Int(l), hiding: false, in: &profile), v >= 0 { out.append(v) }
            }
        }
    }

    private mutating func variant(_ l: Int, hiding: Bool, in profile: inout Profile) -> Int32? {
        let slot = hiding ? 1 : 0
        if let made = variants[slot][l] { return made }
        let loc = source.locations[l]
        var kept = Array(source.lines[loc.lineRange])
        if hiding, let first = kept.firstIndex(where: { kind(of: $0) == .shown }) {
            kept.removeFirst(first)
        } else if hiding {
            kept.removeAll()
        }
        kept.removeAll { kind(of: $0) == .goexit }
        let made: Int32
        if loc.lineCount == 0 {
            made = Int32(l)
        } else if kept.isEmpty {
            made = -1
        } else if kept.count == loc.lineRange.count {
            made = Int32(l)
        } else {
            made = profile.appendLocation(loc, keeping: kept, id: nextID)
            nextID += 1
        }
        variants[slot][l] = made
        return made
    }
}
