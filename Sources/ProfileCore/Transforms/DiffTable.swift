/// What grew and what shrank between a base and a new profile: per function
/// (flat and cumulative, as `go tool pprof -top` counts them) and per stack,
/// ordered by the size of the change.
public struct DiffTable: Sendable {
    /// A function's values in both profiles.
    public struct FunctionRow: Sendable, Equatable {
        /// The function's name.
        public var name: String
        /// The value of samples where the function is the leaf, in the base and the new profile.
        public var flatBase: Int64, flatNew: Int64
        /// The value of samples where the function appears, in the base and the new profile.
        public var cumBase: Int64, cumNew: Int64
        /// `flatNew − flatBase`, saturating.
        public var flatDelta: Int64 { DiffTable.change(from: flatBase, to: flatNew) }
        /// `cumNew − cumBase`, saturating.
        public var cumDelta: Int64 { DiffTable.change(from: cumBase, to: cumNew) }
    }

    /// A stack (root first) and its values in both profiles.
    public struct StackRow: Sendable, Equatable {
        /// The stack's frame names, root first.
        public var frames: [String]
        /// The stack's value in the base and the new profile.
        public var base: Int64, new: Int64
        /// `new − base`, saturating.
        public var delta: Int64 { DiffTable.change(from: base, to: new) }
    }

    /// One row per function, largest absolute flat change first.
    public private(set) var functions: [FunctionRow] = []
    /// One row per stack, largest absolute change first.
    public private(set) var stacks: [StackRow] = []
    /// The base profile's total value.
    public private(set) var baseTotal: Int64 = 0
    /// The new profile's total value.
    public private(set) var newTotal: Int64 = 0

    /// The table of `stacks`, whose columns `baseColumn` and `newColumn` hold
    /// the two profiles' values (see ``ProfileDiff/twoColumn(base:baseIndex:new:newIndex:normalize:)``).
    /// Rows are ordered by the absolute change, largest first, then by name.
    public init(_ set: StackSet, baseColumn: Int = 0, newColumn: Int = 1) {
        let n = set.frames.count
        var flatBase = [Int64](repeating: 0, count: n), flatNew = flatBase
        var cumBase = flatBase, cumNew = flatBase
        var seenIn = [Int](repeating: -1, count: n)  // the last stack a frame was counted for
        for i in 0..<set.count {
            let b = set.value(of: i, column: baseColumn), v = set.value(of: i, column: newColumn)
            baseTotal = baseTotal.saturatingAdd(b)
            newTotal = newTotal.saturatingAdd(v)
            let frames = set.frames(of: i)
            if let leaf = frames.last {
                flatBase[Int(leaf)] = flatBase[Int(leaf)].saturatingAdd(b)
                flatNew[Int(leaf)] = flatNew[Int(leaf)].saturatingAdd(v)
            }
            // Recursion counts once per stack, as in pprof.
            for f in frames where seenIn[Int(f)] != i {
                seenIn[Int(f)] = i
                cumBase[Int(f)] = cumBase[Int(f)].saturatingAdd(b)
                cumNew[Int(f)] = cumNew[Int(f)].saturatingAdd(v)
            }
            stacks.append(StackRow(frames: frames.map { set.frames.names[Int($0)] }, base: b, new: v))
        }
        for f in 0..<n {
            functions.append(FunctionRow(name: set.frames.names[f], flatBase: flatBase[f], flatNew: flatNew[f],
                                         cumBase: cumBase[f], cumNew: cumNew[f]))
        }
        functions.sort { a, b in
            let fa = a.flatDelta.magnitude, fb = b.flatDelta.magnitude
            if fa != fb { return fa > fb }
            let ca = a.cumDelta.magnitude, cb = b.cumDelta.magnitude
            if ca != cb { return ca > cb }
            return a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
        }
        stacks.sort { a, b in
            let da = a.delta.magnitude, db = b.delta.magnitude
            if da != db { return da > db }
            return a.frames.lexicographicallyPrecedes(b.frames) { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
    }

    /// `new − base`, clamped to the representable range instead of trapping.
    public static func change(from base: Int64, to new: Int64) -> Int64 {
        let (d, overflow) = new.subtractingReportingOverflow(base)
        return overflow ? (base < 0 ? .max : .min) : d
    }

    /// The change relative to the base value: nil when the base is 0 (new).
    public static func relativeChange(base: Int64, new: Int64) -> Double? {
        base == 0 ? nil : (Double(new) - Double(base)) / Double(base.magnitude)
    }
}
