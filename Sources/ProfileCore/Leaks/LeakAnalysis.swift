/// Finds goroutine leaks in a series of goroutine profiles: groups whose
/// count keeps growing from snapshot to snapshot, ranked by ``LeakScore``.
///
/// Any form of goroutine profile works, mixed freely: `debug=0` (proto),
/// `debug=1` (counted text), `debug=2` (dump). Frames are compared by
/// function name with runtime frames hidden (``GoFrames``), so the three
/// forms of one goroutine fall in one group. Dumps read with creator labels
/// (``LeakGrouping/creator``) add states and wait times.
public enum LeakAnalysis {
    /// One input profile with a name for the report.
    public struct Snapshot: Sendable {
        /// The name shown in the report, usually the file name.
        public var name: String
        /// The goroutine profile.
        public var profile: Profile
        /// A snapshot named `name`.
        public init(name: String, profile: Profile) {
            self.name = name
            self.profile = profile
        }
    }

    /// How goroutines are grouped and which groups are reported.
    public struct Options: Sendable {
        /// What makes two goroutines one group.
        public var grouping = LeakGrouping.stack
        /// Groups that grew by less are left out of the report; nil keeps
        /// every group, shrinking ones too.
        public var minGrowth: Int64? = 1
        public init() {}
    }

    /// Groups the goroutines of `snapshots` and ranks the groups.
    ///
    /// Snapshots are ordered by profile time when every one has a time
    /// (`debug=0`), else taken in the given order.
    public static func analyze(_ snapshots: [Snapshot], options: Options = Options()) throws(ProfileError) -> LeakReport {
        guard !snapshots.isEmpty else { throw ProfileError("leak hunting needs snapshots; none given") }
        for s in snapshots {
            let types = s.profile.sampleTypes
            guard types.count == 1, s.profile.strings[types[0].type] == "goroutine" else {
                throw ProfileError("\(s.name) is not a goroutine profile (sample types: \(s.profile.sampleTypeNames))")
            }
        }
        var notes: [String] = []
        let ordered = Self.ordered(snapshots)
        let timed = snapshots.allSatisfy { $0.profile.timeNanos != 0 }
        if !timed {
            notes.append("not every snapshot records a time (debug=1 and debug=2 do not): taken in the order given; growth per minute unknown")
        }

        var grouper = SnapshotGrouper(grouping: options.grouping, snapshotCount: ordered.count)
        var infos: [LeakSnapshotInfo] = []
        var withoutCreators: [String] = []
        for (k, s) in ordered.enumerated() {
            let r = grouper.add(s.profile, snapshot: k)
            infos.append(LeakSnapshotInfo(name: s.name, timeNanos: s.profile.timeNanos, total: r.total, hasStates: r.hasStates))
            if options.grouping == .creator && !r.sawCreators { withoutCreators.append(s.name) }
        }
        if !withoutCreators.isEmpty {
            notes.append("no `created by` in \(withoutCreators.joined(separator: ", ")) (only goroutine dumps, debug=2, record it): grouped by the outermost non-runtime frame instead")
        }

        // In Double: two times from the input may be Int64.min and Int64.max apart.
        let minutes = timed ? (Double(ordered.last!.profile.timeNanos) - Double(ordered.first!.profile.timeNanos)) / 60e9 : 0
        let lastTotal = infos.last!.total
        var groups: [LeakGroup] = []
        for g in 0..<grouper.keys.count {
            let c = grouper.counts[g]
            let (difference, overflow) = c.last!.subtractingReportingOverflow(c.first!)
            let growth = overflow ? (c.first! < 0 ? Int64.max : Int64.min) : difference
            if let min = options.minGrowth, growth < min { continue }
            var steps = 0
            for i in 1..<c.count where c[i] >= c[i - 1] { steps += 1 }
            let steadiness = c.count > 1 ? Double(steps) / Double(c.count - 1) : 0
            let share = lastTotal > 0 ? Double(c.last!) / Double(lastTotal) : 0
            let states = grouper.states[g].map { LeakStateCount(state: $0.key, count: $0.value) }
                .sorted { ($0.count, $1.state) > ($1.count, $0.state) }
            let key = grouper.keys[g].filter { $0 >= 0 }.map { grouper.frames.names[Int($0)] }
            groups.append(LeakGroup(
                frames: key, site: grouper.sites[g], counts: c, growth: growth,
                growthPerMinute: minutes > 0 ? Double(growth) / minutes : nil,
                isMonotonic: steps == c.count - 1, steadiness: steadiness, share: share,
                states: states, longestWaitMinutes: grouper.longestWait[g],
                creatorFromOutermostFrame: options.grouping == .creator && grouper.fromOutermost[g],
                score: LeakScore.score(growth: growth, steadiness: steadiness, share: share, waitMinutes: grouper.longestWait[g])))
        }
        groups.sort(by: ranksBefore)
        return LeakReport(grouping: options.grouping, snapshots: infos, groups: groups, notes: notes)
    }

    /// What makes a report doubtful, for standard error: a single snapshot
    /// (no growth to see), snapshots less than a second apart (goroutines
    /// that come and go look like leaks), and a total that fell while the
    /// snapshots were taken in the order given (probably newest first).
    public static func warnings(_ report: LeakReport) -> [String] {
        let s = report.snapshots
        guard let first = s.first, let last = s.last else { return [] }
        if s.count == 1 { return ["a single snapshot shows no growth: give two or more, taken some time apart"] }
        var out: [String] = []
        let timed = s.allSatisfy { $0.timeNanos != 0 }
        if timed {
            let closest = zip(s, s.dropFirst()).map { $1.timeNanos.subtractingReportingOverflow($0.timeNanos) }
                .map { $0.overflow ? ($0.partialValue < 0 ? Int64.max : Int64.min) : $0.partialValue }.min()!
            if closest < 1_000_000_000 {
                out.append("snapshots less than a second apart: too close to tell a leak from goroutines that come and go; take them seconds or minutes apart")
            }
        } else if last.total < first.total {
            out.append("the goroutine total fell from \(first.total) to \(last.total): were the snapshots given newest first? Without recorded times they are taken in the order given")
        }
        return out
    }

    /// The snapshots by profile time when every one has a time (a stable
    /// sort: equal times keep the given order), else as given.
    public static func ordered(_ snapshots: [Snapshot]) -> [Snapshot] {
        guard snapshots.allSatisfy({ $0.profile.timeNanos != 0 }) else { return snapshots }
        return snapshots.enumerated().sorted {
            ($0.element.profile.timeNanos, $0.offset) < ($1.element.profile.timeNanos, $1.offset)
        }.map(\.element)
    }

    /// Score, then growth, then the last count, all descending; then the key bytewise.
    static func ranksBefore(_ a: LeakGroup, _ b: LeakGroup) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.growth != b.growth { return a.growth > b.growth }
        if a.counts.last! != b.counts.last! { return a.counts.last! > b.counts.last! }
        let ka = a.frames.joined(separator: ";"), kb = b.frames.joined(separator: ";")
        if ka != kb { return ka.utf8.lexicographicallyPrecedes(kb.utf8) }
        return a.site.utf8.lexicographicallyPrecedes(b.site.utf8)
    }
}
