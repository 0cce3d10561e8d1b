import ProfileCore

/// Stacks merged into frames, in the order they are drawn: each frame has a
/// depth, a start and a width in sample units, so drawing is only scaling.
///
/// Merging follows flamegraph.pl: stacks are sorted as its input lines are,
/// and consecutive stacks share the frames of their common prefix, which
/// orders siblings alphabetically. Frames come out in preorder (a parent
/// before its children), which lets totals and positions be computed in
/// single passes without recursion.
public struct FlameLayout: Sendable {
    /// One drawn box.
    public struct Frame: Sendable, Equatable {
        /// Id into ``FlameLayout/names``; -1 for the root `all`.
        public var name: Int32
        /// 0 for the root.
        public var depth: Int32
        /// Index of the parent frame; -1 for the root.
        public var parent: Int32
        /// Offset from the left edge, in sample units.
        public var start: Int64
        /// Width in sample units (the new value in differential graphs).
        public var value: Int64
        /// The base value in differential graphs, else 0.
        public var base: Int64
    }

    /// How frames are ordered and which are left out.
    public struct Options: Sendable {
        /// Siblings by decreasing width instead of alphabetically.
        public var sortByWeight = false
        /// Frames leaf first (`--reverse`).
        public var reverse = false
        /// Stacks in input order, not sorted (`--flamechart`).
        public var flameChart = false
        public init() {}
    }

    /// The frame names that frames refer to.
    public let names: FrameTable
    /// Preorder; `frames[0]` is the root.
    public private(set) var frames: [Frame]
    /// Whether frames carry a base value to colour the change.
    public let isDifferential: Bool

    /// The root's width: the sum of all stacks.
    public var total: Int64 { frames[0].value }

    /// Lays out `input`, leaving out every frame narrower than `minWidth`
    /// sample units (and so its subtree) as soon as its width is known, so
    /// memory grows with what is drawn, not with what is merged. The kept
    /// frames have the positions they would have in the full layout; the
    /// root stays even when narrower, since it holds the total.
    public init(_ input: FlameStacks, options: Options = Options(), minWidth: Double = 0) {
        let stacks = options.reverse ? input.reversed() : input
        names = stacks.names
        isDifferential = stacks.isDifferential
        let order = options.flameChart ? Array(0..<stacks.count) : stacks.lineOrder()
        var frames = [Frame(name: -1, depth: 0, parent: -1, start: 0, value: 0, base: 0)]
        // `open[d]` is the frame at depth d of the previous stack; `used[d]`
        // the width its closed children take, where the next child starts.
        var open: [Int32] = [0]
        var used: [Int64] = [0]
        var previous: ArraySlice<Int32> = []
        // Frames close deepest first; a closed frame's width is final and its
        // subtree is the tail of `frames` (preorder), so pruning is a truncation.
        func close(downTo depth: Int) {
            while open.count > depth + 1 {
                let i = Int(open.removeLast())
                used.removeLast()
                let f = frames[i], p = Int(f.parent)
                frames[p].value = frames[p].value.saturatingAdd(f.value)
                frames[p].base = frames[p].base.saturatingAdd(f.base)
                used[used.count - 1] = used[used.count - 1].saturatingAdd(f.value)
                if Double(f.value) < minWidth { frames.removeSubrange(i...) }
            }
        }
        for s in order {
            let f = stacks.frames(of: s)
            var same = 0
            while same < f.count && same < previous.count
                    && f[f.startIndex + same] == previous[previous.startIndex + same] { same += 1 }
            close(downTo: same)
            for k in same..<f.count {
                let p = Int(open[k])
                frames.append(Frame(name: f[f.startIndex + k], depth: Int32(k + 1), parent: open[k],
                                    start: frames[p].start.saturatingAdd(used[k]), value: 0, base: 0))
                open.append(Int32(frames.count - 1))
                used.append(0)
            }
            // Self values; a frame's children add theirs when they close.
            let leaf = Int(open[open.count - 1])
            frames[leaf].value = frames[leaf].value.saturatingAdd(stacks.value(of: s))
            frames[leaf].base = frames[leaf].base.saturatingAdd(stacks.base(of: s))
            previous = f
        }
        close(downTo: 0)
        self.frames = frames
        if options.sortByWeight {
            // The pruned siblings were the narrowest, so they would have been
            // placed after every kept one: placing the kept ones alone is the same.
            sortSiblingsByWeight()
            placeFrames()
        }
    }

    /// Each frame starts where its previous sibling ended (or at its parent's start).
    private mutating func placeFrames() {
        var next = [Int64](repeating: 0, count: frames.count)
        for i in 1..<frames.count {
            let p = Int(frames[i].parent)
            frames[i].start = frames[p].start.saturatingAdd(next[p])
            next[p] = next[p].saturatingAdd(frames[i].value)
        }
    }

    /// Reorders the preorder so that siblings come widest first (ties keep
    /// the alphabetical order), walking the tree with an explicit stack.
    private mutating func sortSiblingsByWeight() {
        var children = [[Int32]](repeating: [], count: frames.count)
        for i in 1..<frames.count { children[Int(frames[i].parent)].append(Int32(i)) }
        var reordered: [Frame] = []
        reordered.reserveCapacity(frames.count)
        var newIndex = [Int32](repeating: -1, count: frames.count)
        var todo: [Int32] = [0]
        while let i = todo.popLast() {
            var f = frames[Int(i)]
            if f.parent >= 0 { f.parent = newIndex[Int(f.parent)] }
            newIndex[Int(i)] = Int32(reordered.count)
            reordered.append(f)
            // Stable sort by decreasing width; pushed reversed so the widest pops first.
            let sorted = children[Int(i)].enumerated().sorted {
                frames[Int($0.element)].value != frames[Int($1.element)].value
                    ? frames[Int($0.element)].value > frames[Int($1.element)].value : $0.offset < $1.offset
            }
            todo.append(contentsOf: sorted.reversed().map(\.element))
        }
        frames = reordered
    }

    /// Indices of the frames at least `minWidth` sample units wide, as
    /// flamegraph.pl prunes them; a frame narrower than that hides its
    /// children too, since they are narrower still. (A layout pruned at
    /// `minWidth` already holds only these.)
    public func visibleFrames(minWidth: Double) -> [Int] {
        frames.indices.filter { Double(frames[$0].value) >= minWidth }
    }

    /// The deepest visible depth.
    public func maxDepth(of visible: [Int]) -> Int {
        visible.reduce(0) { max($0, Int(frames[$1].depth)) }
    }
}
