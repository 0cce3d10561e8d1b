import ProfileCore
import ProfileSupport

/// The weighted stacks a flame graph is drawn from: root-first frame ids
/// into one `FrameTable`, a width per stack and, for differential graphs,
/// a base value per stack.
public struct FlameStacks: Sendable {
    /// The frame names the stacks refer to.
    public private(set) var names = FrameTable()
    private(set) var frames: [Int32] = []
    private(set) var starts: [Int32] = [0]
    /// The width of each stack (the new value in differential graphs).
    private(set) var values: [Int64] = []
    /// The base (old) value of each stack; empty unless differential.
    private(set) var bases: [Int64] = []
    /// Whether each stack has a base value too.
    public let isDifferential: Bool

    /// The number of stacks.
    public var count: Int { starts.count - 1 }

    func frames(of i: Int) -> ArraySlice<Int32> { frames[Int(starts[i])..<Int(starts[i + 1])] }

    /// No stacks yet; `differential` stacks carry a base value.
    public init(differential: Bool) { isDifferential = differential }

    /// The stacks of `set`: widths from column `valueColumn`, base values from
    /// `baseColumn` when given (which makes the graph differential).
    public init(_ set: StackSet, valueColumn: Int, baseColumn: Int? = nil) {
        isDifferential = baseColumn != nil
        names = set.frames
        let allDrawable = (0..<set.count).allSatisfy { i in
            set.value(of: i, column: valueColumn) > 0 || baseColumn.map { set.value(of: i, column: $0) > 0 } == true
        }
        if allDrawable {
            // Nothing to leave out: share the set's frame arrays instead of copying them.
            frames = set.stackFrames
            starts = set.stackStart
            values = (0..<set.count).map { max(0, set.value(of: $0, column: valueColumn)) }
            if let baseColumn { bases = (0..<set.count).map { max(0, set.value(of: $0, column: baseColumn)) } }
            return
        }
        frames.reserveCapacity(set.stackFrames.count)
        for i in 0..<set.count {
            let value = set.value(of: i, column: valueColumn)
            let base = baseColumn.map { set.value(of: i, column: $0) } ?? 0
            appendIfDrawable(set.frames(of: i), value: value, base: base)
        }
    }

    /// Adds one stack named by `frameNames` (root first).
    public mutating func append(_ frameNames: [String], value: Int64, base: Int64 = 0) {
        let ids = frameNames.map { names.intern($0) }
        appendIfDrawable(ids[...], value: value, base: base)
    }

    /// Negative widths cannot be drawn; stacks with nothing to show are left out.
    private mutating func appendIfDrawable(_ ids: ArraySlice<Int32>, value: Int64, base: Int64) {
        let v = max(0, value), b = max(0, base)
        if v == 0 && (!isDifferential || b == 0) { return }
        frames.append(contentsOf: ids)
        starts.append(Int32(frames.count))
        values.append(v)
        if isDifferential { bases.append(b) }
    }

    /// The same stacks with every frame sequence reversed (`--reverse`).
    func reversed() -> FlameStacks {
        var r = self
        for i in 0..<count {
            let lo = Int(starts[i]), hi = Int(starts[i + 1])
            r.frames[lo..<hi].reverse()
        }
        return r
    }

    func value(of i: Int) -> Int64 { values[i] }

    /// The sum of the widths: the root's width in a layout.
    public var total: Int64 { values.reduce(0) { $0.saturatingAdd($1) } }
    func base(of i: Int) -> Int64 { isDifferential ? bases[i] : 0 }

    /// Stack indices ordered as flamegraph.pl sorts its input lines
    /// (`a;b;c N` compared bytewise), compared on ids and name bytes.
    func lineOrder() -> [Int] {
        names.lineOrder(frames: frames, starts: starts, halves: ForkJoin.bothHalves)
    }
}
