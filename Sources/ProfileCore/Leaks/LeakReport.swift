/// How goroutines are grouped when hunting leaks.
public enum LeakGrouping: String, CaseIterable, Sendable {
    /// The whole stack, by function names, runtime frames hidden (``GoFrames``).
    case stack
    /// The `created by` function of a goroutine dump; for `debug=0`/`debug=1`
    /// snapshots (which do not record it) the outermost non-runtime frame.
    case creator
    /// The innermost non-runtime frame: where the goroutines are blocked.
    case leaf
}

/// One snapshot as the analysis saw it.
public struct LeakSnapshotInfo: Sendable, Equatable {
    /// The snapshot's name, as given in ``LeakAnalysis/Snapshot``.
    public var name: String
    /// Nanoseconds since the Unix epoch; 0 when the format has no time (`debug=1`, `debug=2`).
    public var timeNanos: Int64
    /// All goroutines in the snapshot.
    public var total: Int64
    /// Whether it is a goroutine dump (`debug=2`) with states and wait times.
    public var hasStates: Bool
}

/// A goroutine state and how many goroutines of a group were in it.
public struct LeakStateCount: Sendable, Equatable {
    /// The state as Go prints it, e.g. `chan receive`.
    public var state: String
    /// How many goroutines of the group were in it.
    public var count: Int64
    /// A state and its count.
    public init(state: String, count: Int64) {
        self.state = state
        self.count = count
    }
}

/// A group of goroutines followed across the snapshots.
public struct LeakGroup: Sendable, Equatable {
    /// The group's key as frame names: the stack root first (`stack`), the
    /// leaf function (`leaf`) or the creating function (`creator`).
    public var frames: [String]
    /// Where, as `function file:line`, from the first goroutine seen: the
    /// innermost frame of the program's own code (not the standard
    /// library's), else the innermost non-runtime frame; for `creator`, the
    /// `go` statement (or the outermost frame).
    public var site: String
    /// The goroutine count in each snapshot, in analysis order.
    public var counts: [Int64]
    /// Last count − first count.
    public var growth: Int64
    /// Growth per minute of profile time; nil unless every snapshot has a time.
    public var growthPerMinute: Double?
    /// Whether no step between consecutive snapshots went down.
    public var isMonotonic: Bool
    /// The fraction of steps between consecutive snapshots that did not go down (1 with one step).
    public var steadiness: Double
    /// The group's share of all goroutines in the last snapshot, 0…1.
    public var share: Double
    /// States in the last goroutine dump (`debug=2`) holding the group, most common first; empty without dumps.
    public var states: [LeakStateCount]
    /// The longest wait seen in any dump, in minutes (the runtime prints
    /// whole minutes, ≥ 1); 0 under a minute; nil without dumps.
    public var longestWaitMinutes: Int64?
    /// `creator` grouping without a `created by` line: keyed by the outermost frame instead.
    public var creatorFromOutermostFrame: Bool
    /// The leak score (see ``LeakScore``).
    public var score: Double
}

/// The result of ``LeakAnalysis``: groups ranked by leak score, highest first.
public struct LeakReport: Sendable, Equatable {
    /// How the goroutines were grouped.
    public var grouping: LeakGrouping
    /// The snapshots in analysis order (by time when every one has a time, else as given).
    public var snapshots: [LeakSnapshotInfo]
    /// Groups that grew by at least the minimum growth, ranked.
    public var groups: [LeakGroup]
    /// Things the reader should know (order, fallbacks), one sentence each.
    public var notes: [String]
}

/// The leak score: how much a group looks like a leak.
///
///     score = max(growth, 0) × steadiness × (1 + share) × (1 + min(wait, 60) / 60)
///
/// - growth: last count − first count (a leak grows; shrinking scores 0);
/// - steadiness: the fraction of snapshot-to-snapshot steps that did not go
///   down (1 for monotonic growth): goroutines that come and go wobble;
/// - share: the group's share of all goroutines in the last snapshot (0…1):
///   a leak ends up dominating the process;
/// - wait: the longest wait in minutes seen in a `debug=2` dump (0 without
///   one): goroutines blocked for minutes while their number grows are the
///   signature of a leak; the bonus stops growing at an hour.
public enum LeakScore {
    /// The formula, as reports print it.
    public static let formula = "score = max(growth, 0) × steadiness × (1 + share) × (1 + min(wait minutes, 60) / 60)"

    /// The score of one group; 0 unless it grew. Waits count up to 60 minutes.
    public static func score(growth: Int64, steadiness: Double, share: Double, waitMinutes: Int64?) -> Double {
        guard growth > 0 else { return 0 }
        let wait = Double(min(max(waitMinutes ?? 0, 0), 60))
        return Double(growth) * steadiness * (1 + share) * (1 + wait / 60)
    }
}
