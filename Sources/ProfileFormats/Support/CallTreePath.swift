import ProfileCore

/// The path from a call tree's root to the line being read, for the readers
/// of call trees printed one node per line under their caller (macOS
/// `sample`, VTune's CSV, GHC's `.prof`, Visual Studio's call tree): each
/// line names a node and its depth, and the path turns the lines into
/// stacks.
///
/// How a line's value becomes samples differs by format, and is chosen once:
/// - `ownValue`: the value is the node's own (self) cost, so
///   every node with a nonzero value is a sample of its path (VTune, GHC);
/// - `leafTotal`: the value is the node's total, so only leaves
///   are samples, each with its total (what inferno's `collapse-sample`
///   does): a node is known to be a leaf when the next line is not deeper.
///
/// Most trees have callers above callees; FreeBSD's `pmcstat -G` prints the
/// sampled functions at the top and their callers under them
/// (`calleesAbove`): then a path read from the top is a stack
/// leaf first.
struct CallTreePath {
    enum Weighing { case ownValue, leafTotal }
    enum Orientation { case callersAbove, calleesAbove }

    private let weighing: Weighing
    private let orientation: Orientation
    /// The path's locations, root first.
    private(set) var locations: [Int32] = []
    private var leafFirst: [Int32] = []
    /// The last node's values and whether it is a sample at all, while it
    /// may still turn out to be a leaf (`leafTotal`).
    private var pendingValues: [Int64] = []
    private var pendingCounts = false
    private var pending = false

    /// How many frames the stacks may hold in all. A tree of N lines can
    /// hold N²/2 frames (a chain with a leaf at every level): the budget
    /// stops a small input from filling memory.
    private let frameBudget: Int
    private var frames = 0
    private var overBudgetAt: Int?
    private var line = 0

    /// A path for a tree read from `inputBytes` bytes: its stacks may hold
    /// 64 frames per input byte (at least 2^22).
    init(_ weighing: Weighing, _ orientation: Orientation = .callersAbove, inputBytes: Int) {
        self.weighing = weighing
        self.orientation = orientation
        frameBudget = max(inputBytes, 1 << 16).multipliedReportingOverflow(by: 64).partialValue
    }

    /// How many nodes deep the path is.
    var depth: Int { locations.count }

    /// Makes `location` the node at `depth` (0 for a root), a child of the
    /// node one level up, with `values`. `counts` false keeps it in the path
    /// but makes no sample of it (an idle leaf the format says to drop).
    /// Throws when `depth` skips a level: the tree is damaged there.
    mutating func add(_ location: Int32, depth: Int, values: [Int64], counts: Bool = true,
                      into builder: inout ProfileBuilder, line: Int) throws {
        self.line = line
        guard depth <= locations.count else {
            throw ProfileError.atLine(line, "this line is at depth \(depth) and the line above at depth \(locations.count - 1): a level of the call tree is missing")
        }
        if weighing == .leafTotal, depth <= locations.count - 1 { emitPending(into: &builder) }
        locations.removeLast(locations.count - depth)
        locations.append(location)
        switch weighing {
        case .ownValue:
            if counts, values.contains(where: { $0 != 0 }) { emit(values, into: &builder) }
        case .leafTotal:
            pendingValues.removeAll(keepingCapacity: true)
            pendingValues.append(contentsOf: values)
            pendingCounts = counts
            pending = true
        }
        try checkBudget()
    }

    private func checkBudget() throws {
        if let at = overBudgetAt {
            throw ProfileError.atLine(at, "the call tree's stacks hold more than \(frameBudget) frames in all by this line, 64 per byte of input: a tree this deep with this many leaves is not a profile")
        }
    }

    /// Ends the tree (or one of several trees in an input): the last node,
    /// if it waits to be known a leaf, is one.
    mutating func finish(into builder: inout ProfileBuilder) throws {
        emitPending(into: &builder)
        locations.removeAll(keepingCapacity: true)
        try checkBudget()
    }

    private mutating func emitPending(into builder: inout ProfileBuilder) {
        guard pending else { return }
        pending = false
        if pendingCounts { emit(pendingValues, into: &builder) }
    }

    /// A sample of the whole path, as it is now.
    mutating func emit(_ values: [Int64], into builder: inout ProfileBuilder) {
        frames += locations.count
        guard frames <= frameBudget else {
            if overBudgetAt == nil { overBudgetAt = line }
            return
        }
        leafFirst.removeAll(keepingCapacity: true)
        if orientation == .callersAbove { leafFirst.append(contentsOf: locations.reversed()) } else { leafFirst.append(contentsOf: locations) }
        builder.addSample(locations: leafFirst, values: values)
    }

    /// Drops the path's last node (for readers that walk the tree their own way).
    mutating func removeLast() { locations.removeLast() }
    /// Appends a node without making a sample (for readers that walk the
    /// tree their own way; they call `checkBudget(line:)` after emitting).
    mutating func append(_ location: Int32) { locations.append(location) }

    /// Throws when the stacks emitted so far hold more frames than the budget.
    mutating func checkBudget(line: Int) throws {
        self.line = line
        try checkBudget()
    }
}
