/// Sorts the goroutines of snapshots into groups (one key space shared by
/// all snapshots), counting each group per snapshot with its states and
/// longest wait. One pass per snapshot; each distinct location list is
/// normalised once.
struct SnapshotGrouper {
    let grouping: LeakGrouping
    let snapshotCount: Int
    private(set) var frames = FrameTable()
    private var hidden: [Bool] = []
    private var groupIndex: [[Int32]: Int] = [:]
    private(set) var keys: [[Int32]] = []
    private(set) var sites: [String] = []
    private(set) var fromOutermost: [Bool] = []
    private(set) var counts: [[Int64]] = []
    private(set) var states: [[String: Int64]] = []
    private(set) var longestWait: [Int64?] = []

    init(grouping: LeakGrouping, snapshotCount: Int) {
        self.grouping = grouping
        self.snapshotCount = snapshotCount
    }

    /// Adds snapshot number `k`; returns its goroutine total and whether it had creator labels.
    mutating func add(_ profile: Profile, snapshot k: Int) -> (total: Int64, sawCreators: Bool, hasStates: Bool) {
        var strings = profile.strings
        let keyState = strings.lookup("state"), keyWait = strings.lookup("wait")
        let keyCreatedBy = strings.lookup("created by"), keyCreatedAt = strings.lookup("created at")
        let (locFrames, locStart) = profile.locationFrames(naming: FrameNaming(), frames: &frames)
        GoFrames.updateMask(&hidden, for: frames)
        let hiddenFunction = profile.functions.map { f -> Bool in
            let name = profile.strings.name(of: f)
            return name.isEmpty || GoFrames.isHidden(name)
        }
        let valueIndex = profile.defaultSampleIndex
        var byLocations: [ArraySlice<Int32>: Int] = [:]
        var byCreator: [CreatorKey: Int] = [:]
        var touched: [Int: [String: Int64]] = [:]
        var stateNames: [Int32: String] = [:]
        var total: Int64 = 0
        var sawCreators = false
        var scratch: [Int32] = []
        let samples = profile.samples
        for s in 0..<samples.count {
            let value = samples.value(of: s, at: valueIndex)
            total = total.saturatingAdd(value)
            var state: Int32 = 0, wait: Int64? = nil, createdBy: Int32 = 0, createdAt: Int32 = 0
            for l in samples.labels(of: s) {
                if l.key == keyState { state = l.str; wait = wait ?? 0 }
                else if l.key == keyWait { wait = l.num }
                else if l.key == keyCreatedBy { createdBy = l.str }
                else if l.key == keyCreatedAt { createdAt = l.str }
            }
            let locs = samples.locations(of: s)
            let group: Int
            if grouping == .creator && createdBy != 0 {
                sawCreators = true
                // One group per `go` statement: the function and the line.
                let pair = CreatorKey(createdBy: createdBy, createdAt: createdAt)
                if let g = byCreator[pair] {
                    group = g
                } else {
                    let name = profile.strings[createdBy], at = profile.strings[createdAt]
                    // Negative ids keep these keys apart from frame-sequence keys.
                    let key: [Int32] = [-1, frames.intern(name), -2 - frames.intern(at)]
                    group = groupID(key, site: at.isEmpty ? name : name + " " + at, fromOutermost: false)
                    byCreator[pair] = group
                }
            } else if let g = byLocations[locs] {
                group = g
            } else {
                // Visible frames, leaf first.
                scratch.removeAll(keepingCapacity: true)
                for l in locs {
                    let range = Int(locStart[Int(l)])..<Int(locStart[Int(l) + 1])
                    for f in locFrames[range].reversed() where !hidden[Int(f)] { scratch.append(f) }
                }
                if scratch.isEmpty {
                    for l in locs { scratch.append(contentsOf: locFrames[Int(locStart[Int(l)])..<Int(locStart[Int(l) + 1])].reversed()) }
                }
                let key: [Int32]
                let outermost = grouping == .creator
                switch grouping {
                case .stack: key = scratch.reversed()
                case .leaf: key = scratch.first.map { [$0] } ?? []
                case .creator: key = scratch.last.map { [$0] } ?? []
                }
                let site = Self.site(profile, locs, hiddenFunction, outermost: outermost)
                group = groupID(key, site: site, fromOutermost: outermost)
                byLocations[locs] = group
            }
            counts[group][k] = counts[group][k].saturatingAdd(value)
            if let wait {
                longestWait[group] = max(longestWait[group] ?? 0, wait)
                if stateNames[state] == nil { stateNames[state] = profile.strings[state] }
                let name = stateNames[state]!
                touched[group, default: [:]][name] = (touched[group]?[name] ?? 0).saturatingAdd(value)
            }
        }
        for (g, s) in touched { states[g] = s }
        return (total, sawCreators, keyState != nil)
    }

    private struct CreatorKey: Hashable { var createdBy: Int32, createdAt: Int32 }

    private mutating func groupID(_ key: [Int32], site: String, fromOutermost: Bool) -> Int {
        if let g = groupIndex[key] { return g }
        let g = keys.count
        groupIndex[key] = g
        keys.append(key)
        sites.append(site)
        self.fromOutermost.append(fromOutermost)
        counts.append([Int64](repeating: 0, count: snapshotCount))
        states.append([:])
        longestWait.append(nil)
        return g
    }

    /// `function file:line` of a location list's site: the innermost visible
    /// frame of the program's own code (``GoFrames/isProgramCode(_:)``), else
    /// the innermost visible frame; with `outermost`, the outermost visible frame.
    static func site(_ profile: Profile, _ locs: ArraySlice<Int32>, _ hidden: [Bool], outermost: Bool) -> String {
        var lines: [Line] = []
        for l in locs { lines.append(contentsOf: profile.lines(ofLocation: l)) }
        if outermost { lines.reverse() }
        let name = { (line: Line) -> String in
            let f = profile.functions[Int(line.functionIndex)]
            return profile.strings.name(of: f)
        }
        let visible = lines.filter { $0.functionIndex >= 0 && !hidden[Int($0.functionIndex)] }
        let program = outermost ? nil : visible.first { GoFrames.isProgramCode(name($0)) }
        guard let line = program ?? visible.first ?? lines.first(where: { $0.functionIndex >= 0 }) else {
            return locs.first.map { "0x" + String(profile.locations[Int($0)].address, radix: 16) } ?? StackSet.noStackFrame + " (goroutines the profile holds without a stack)"
        }
        let file = profile.strings[profile.functions[Int(line.functionIndex)].filename]
        return file.isEmpty ? name(line) : "\(name(line)) \(file):\(line.line)"
    }
}
