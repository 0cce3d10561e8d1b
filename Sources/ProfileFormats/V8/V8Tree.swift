import ProfileCore

/// The nodes of a V8 profile tree (CPU or heap), by id, with their frames
/// and parents; what turns a node id into a stack.
///
/// Parents are resolved once every node is known, because the layouts name
/// them either way: the flat `nodes` list by `children` ids, the trace's
/// chunks by `parent` ids (of nodes of earlier chunks), the older nested
/// layout by nesting itself.
struct V8Tree {
    struct Node {
        /// The node's location; -1 for `(root)`, which is no frame.
        var location: Int32
        /// The node's function (for line-level locations); -1 for `(root)`.
        var function: Int32
        /// The parent's index; -1 for a root.
        var parent: Int32 = -1
        /// Where the node's own `positionTicks` lie in ``V8Tree/ticks``.
        var ticksStart: Int32 = 0
        var ticksCount: Int32 = 0
    }

    private(set) var nodes: [Node] = []
    private var indexOfID: [Int64: Int32] = [:]
    /// Links by id, checked when resolved: (parent index or id, child id or index, byte offset).
    private var childLinks: [(parent: Int32, child: Int64, offset: Int)] = []
    private var parentLinks: [(child: Int32, parent: Int64, offset: Int)] = []
    /// `positionTicks` of all nodes: (1-based line, ticks).
    private(set) var ticks: [(line: Int64, count: Int64)] = []

    /// The index of the node with `id`, if there is one.
    func index(ofID id: Int64) -> Int32? { indexOfID[id] }

    var count: Int { nodes.count }

    /// Starts a node, whose id and frame come later (JSON keys come in any order).
    mutating func open() -> Int32 {
        nodes.append(Node(location: -1, function: -1))
        return Int32(nodes.count - 1)
    }

    /// Gives node `index` its id and frame; throws if the id is taken.
    mutating func close(_ index: Int32, id: Int64, frame: (function: Int32, location: Int32)?, at offset: Int) throws {
        guard indexOfID.updateValue(index, forKey: id) == nil else {
            throw ProfileError.atByte(offset, "two nodes have the id \(id)")
        }
        nodes[Int(index)].location = frame?.location ?? -1
        nodes[Int(index)].function = frame?.function ?? -1
    }

    /// Records that `child` (an id) is a child of node `parent`.
    mutating func link(parent: Int32, childID: Int64, at offset: Int) {
        childLinks.append((parent, childID, offset))
    }

    /// Records that node `child` has the parent with id `parentID`.
    mutating func link(child: Int32, parentID: Int64, at offset: Int) {
        parentLinks.append((child, parentID, offset))
    }

    /// Sets a node's parent directly (the nested layout).
    mutating func setParent(_ parent: Int32, of child: Int32) { nodes[Int(child)].parent = parent }

    /// Adds a `positionTicks` entry to node `index` (entries of one node come together).
    mutating func addTicks(_ index: Int32, line: Int64, count: Int64) {
        if nodes[Int(index)].ticksCount == 0 { nodes[Int(index)].ticksStart = Int32(ticks.count) }
        nodes[Int(index)].ticksCount += 1
        ticks.append((line, count))
    }

    /// Resolves the links by id; throws for a dangling id or a second parent.
    mutating func resolve() throws {
        for l in childLinks {
            guard let c = indexOfID[l.child] else {
                throw ProfileError.atByte(l.offset, "a node lists the child \(l.child), which is no node of the profile")
            }
            guard nodes[Int(c)].parent < 0 || nodes[Int(c)].parent == l.parent else {
                throw ProfileError.atByte(l.offset, "node \(l.child) is the child of two nodes")
            }
            nodes[Int(c)].parent = l.parent
        }
        for l in parentLinks {
            guard let p = indexOfID[l.parent] else {
                throw ProfileError.atByte(l.offset, "a node names the parent \(l.parent), which is no node of the profile")
            }
            nodes[Int(l.child)].parent = p
        }
        childLinks = []
        parentLinks = []
    }

    /// The locations of node `index`'s stack, leaf first, into `stack`
    /// (emptied first); the leaf's location replaced by `leaf` when not -1.
    /// Throws for a cycle or a stack deeper than `maxDepth`.
    func stack(of index: Int32, leaf: Int32 = -1, maxDepth: Int, into stack: inout [Int32]) throws {
        stack.removeAll(keepingCapacity: true)
        var i = index
        var steps = 0
        while i >= 0 {
            let node = nodes[Int(i)]
            if node.location >= 0 { stack.append(stack.isEmpty && leaf >= 0 ? leaf : node.location) }
            steps += 1
            if steps > nodes.count { throw ProfileError("the profile's nodes form a cycle") }
            if steps > maxDepth {
                throw ProfileError("a stack has more than \(maxDepth) frames")
                    .hinting(.maxStackDepth, remedy: "raise ReadOptions.maxStackDepth if this file is genuine")
            }
            i = node.parent
        }
    }
}
