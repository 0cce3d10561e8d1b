/// The stacks of a profile merged into one call tree: node 0 is the root,
/// every other node a frame under its caller, with `columns` inclusive
/// values (the sum over every stack through the node).
///
/// What d3-flame-graph JSON and the HTML report draw. Nodes are numbered in
/// creation order, so a node's parent always has a smaller number; no walk
/// over the tree recurses.
public struct StackTree {
    /// The names of the frames that `frame` refers to.
    public private(set) var names: FrameTable
    /// How many values each node has.
    public let columns: Int
    /// The caller of each node; -1 for the root.
    public private(set) var parent: [Int32] = [-1]
    /// The frame id (into ``names``) of each node; -1 for the root.
    public private(set) var frame: [Int32] = [-1]
    /// `columns` inclusive values per node.
    public private(set) var values: [Int64]
    /// (parent << 32 | frame) → node − 1, for nodes 1...indexed; nodes
    /// made by the sorted build are added when ``add(_:_:)`` first needs them.
    private var index = IntKeyTable()
    private var indexed = 0

    /// The number of nodes, the root included.
    public var count: Int { parent.count }

    /// Value `column` of `node`.
    @inlinable public func value(_ node: Int, _ column: Int) -> Int64 { values[node * columns + column] }

    /// An empty tree over `names` with `columns` values per node.
    public init(names: FrameTable = FrameTable(), columns: Int) {
        self.names = names
        self.columns = columns
        values = [Int64](repeating: 0, count: columns)
    }

    /// The tree of every stack of `set`, with all of its columns.
    ///
    /// Built without hashing: stacks in lexicographic order of their frame
    /// ids share each prefix with the stack before them, so every frame past
    /// the common prefix is a new node. Each stack's values go to its last
    /// node only and are summed up the tree once at the end.
    public init(_ set: StackSet) {
        self.init(names: set.frames, columns: set.columns)
        let order = Self.lexicographicOrder(set)
        var path: [Int32] = [0]        // nodes of the previous stack, root first
        var previous: ArraySlice<Int32> = []
        for i in order {
            let stack = set.frames(of: i)
            var common = 0
            let limit = min(stack.count, previous.count)
            while common < limit && stack[stack.startIndex + common] == previous[previous.startIndex + common] { common += 1 }
            path.removeLast(path.count - 1 - common)
            for f in stack.dropFirst(common) {
                parent.append(path.last!)
                frame.append(f)
                values.append(contentsOf: repeatElement(0, count: columns))
                path.append(Int32(parent.count - 1))
            }
            let leaf = Int(path.last!)
            for c in 0..<columns { values[leaf * columns + c] = values[leaf * columns + c].saturatingAdd(set.value(of: i, column: c)) }
            previous = stack
        }
        var n = count - 1
        while n > 0 {
            let p = Int(parent[n])
            for c in 0..<columns { values[p * columns + c] = values[p * columns + c].saturatingAdd(values[n * columns + c]) }
            n -= 1
        }
    }

    /// Stack indices of `set` ordered by their frame id sequences.
    private static func lexicographicOrder(_ set: StackSet) -> [Int] {
        var order = Array(0..<set.count)
        set.stackFrames.withUnsafeBufferPointer { f in
            set.stackStart.withUnsafeBufferPointer { st in
                order.sort { a, b in
                    var i = Int(st[a]), j = Int(st[b])
                    let ea = Int(st[a + 1]), eb = Int(st[b + 1])
                    while i < ea && j < eb {
                        if f[i] != f[j] { return f[i] < f[j] }
                        i += 1
                        j += 1
                    }
                    return ea - Int(st[a]) < eb - Int(st[b])
                }
            }
        }
        return order
    }

    /// Interns `name` into the tree's own name table.
    public mutating func intern(_ name: String) -> Int32 { names.intern(name) }

    /// Adds one stack of frame ids (root first) with one value per column.
    public mutating func add(_ stack: some Collection<Int32>, _ row: [Int64]) {
        var node = 0
        addValues(node, row)
        for f in stack {
            node = child(of: node, frame: f)
            addValues(node, row)
        }
    }

    /// Adds `value` to column `column` of every node of `stack` (root first).
    public mutating func add(_ stack: some Collection<Int32>, column: Int, value: Int64) {
        var node = 0
        values[column] = values[column].saturatingAdd(value)
        for f in stack {
            node = child(of: node, frame: f)
            values[node * columns + column] = values[node * columns + column].saturatingAdd(value)
        }
    }

    private mutating func addValues(_ node: Int, _ row: [Int64]) {
        for c in 0..<columns { values[node * columns + c] = values[node * columns + c].saturatingAdd(row[c]) }
    }

    private mutating func child(of node: Int, frame f: Int32) -> Int {
        while indexed < count - 1 {
            indexed += 1
            _ = index.insert(Self.key(Int(parent[indexed]), frame[indexed]))
        }
        let (id, isNew) = index.insert(Self.key(node, f))
        if isNew {
            parent.append(Int32(node))
            frame.append(f)
            values.append(contentsOf: repeatElement(0, count: columns))
            indexed += 1
        }
        return id + 1  // the root is not in the index
    }

    private static func key(_ node: Int, _ f: Int32) -> UInt64 {
        UInt64(UInt32(node)) << 32 | UInt64(UInt32(bitPattern: f))
    }

    /// Each node's own value in `column`: its value less its children's.
    public func selfValues(_ column: Int) -> [Int64] {
        var own = (0..<count).map { value($0, column) }
        for n in 1..<max(count, 1) { own[Int(parent[n])] = own[Int(parent[n])].saturatingSubtract(value(n, column)) }
        return own
    }

    /// Replaces column `column` by the sums of new own values, one per node
    /// (`own[n]` for node `n`), added up the tree.
    public mutating func setColumn(_ column: Int, own: [Int64]) {
        for n in 0..<count { values[n * columns + column] = own[n] }
        var n = count - 1
        while n > 0 {
            let p = Int(parent[n])
            values[p * columns + column] = values[p * columns + column].saturatingAdd(values[n * columns + column])
            n -= 1
        }
    }

    /// The children of every node, each list sorted by frame name bytewise
    /// (as flame graphs order them): node `n`'s children are
    /// `list[start[n]..<start[n + 1]]`.
    public func children() -> (start: [Int32], list: [Int32]) {
        var counts = [Int32](repeating: 0, count: count + 1)
        for n in 1..<max(count, 1) { counts[Int(parent[n]) + 1] += 1 }
        for i in 0..<count { counts[i + 1] += counts[i] }
        var fill = counts
        var list = [Int32](repeating: 0, count: max(count - 1, 0))
        for n in 1..<max(count, 1) {
            let p = Int(parent[n])
            list[Int(fill[p])] = Int32(n)
            fill[p] += 1
        }
        for n in 0..<count where counts[n + 1] - counts[n] > 1 {
            list[Int(counts[n])..<Int(counts[n + 1])].sort { names.compareNames(frame[Int($0)], frame[Int($1)]) < 0 }
        }
        return (counts, list)
    }

    /// Nodes in depth-first order, children by name, keeping only nodes for
    /// which `keep` holds (and their subtrees only if they are kept).
    public func preorder(keep: (Int) -> Bool = { _ in true }) -> [Int32] {
        let (start, list) = children()
        var order: [Int32] = []
        var stack: [Int32] = [0]
        while let n = stack.popLast() {
            order.append(n)
            var k = Int(start[Int(n) + 1]) - 1
            while k >= Int(start[Int(n)]) {
                if keep(Int(list[k])) { stack.append(list[k]) }
                k -= 1
            }
        }
        return order
    }

    /// Flat (own) and cumulative values per frame name, `columns` per name
    /// (`flat[name * columns + c]`); a name recursing on a path counts once
    /// in its cumulative value, as in pprof's `top`.
    public func functionTotals() -> (flat: [Int64], cum: [Int64]) {
        var flat = [Int64](repeating: 0, count: names.count * columns)
        var cum = flat
        var own = values
        for n in 1..<max(count, 1) {
            let p = Int(parent[n])
            for c in 0..<columns { own[p * columns + c] = own[p * columns + c].saturatingSubtract(values[n * columns + c]) }
        }
        let (start, list) = children()
        var onPath = [Int32](repeating: 0, count: names.count)
        // (node, entered): a node is pushed twice, to enter and to leave.
        var stack: [(Int32, Bool)] = []
        var k = Int(start[1]) - 1
        while k >= Int(start[0]) { stack.append((list[k], false)); k -= 1 }
        while let (n, leaving) = stack.popLast() {
            let f = Int(frame[Int(n)])
            if leaving {
                onPath[f] -= 1
                continue
            }
            for c in 0..<columns {
                flat[f * columns + c] = flat[f * columns + c].saturatingAdd(own[Int(n) * columns + c])
                if onPath[f] == 0 { cum[f * columns + c] = cum[f * columns + c].saturatingAdd(values[Int(n) * columns + c]) }
            }
            onPath[f] += 1
            stack.append((n, true))
            var k = Int(start[Int(n) + 1]) - 1
            while k >= Int(start[Int(n)]) { stack.append((list[k], false)); k -= 1 }
        }
        return (flat, cum)
    }
}
