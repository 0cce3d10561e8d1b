import ProfileCore

/// Reads V8 profile nodes (`Profiler.ProfileNode`, the heap profile's
/// `SamplingHeapProfileNode`) into a ``V8Tree``: `id`, `callFrame` (or its
/// fields on the node, as the oldest files have them), `children` (ids in
/// the flat layout, nested nodes in the older one: walked with an explicit
/// stack, however deep), `parent` (trace chunks), `hitCount`, `selfSize`
/// and `positionTicks`.
struct V8NodeReader {
    /// Per node, by index: `hitCount` (CPU) or `selfSize` (heap).
    private(set) var hitCount: [Int64] = []
    private(set) var selfSize: [Int64] = []

    private struct Open {
        var index: Int32
        var start: Int
        var members = 0
        var children = 0
        var inChildren = false
        var id: Int64?
        var frame = V8CallFrame()
    }

    /// Reads the node object at the scanner, and every node nested in it.
    mutating func read(_ s: inout JSONScanner, _ tree: inout V8Tree, _ builder: inout ProfileBuilder) throws {
        var open: [Open] = []
        try begin(&s, &tree, &open)
        while !open.isEmpty {
            let top = open.count - 1
            if open[top].inChildren {
                if try s.nextElement(&open[top].children) {
                    if s.peek() == UInt8(ascii: "{") {
                        let parent = open[top].index
                        try begin(&s, &tree, &open)
                        tree.setParent(parent, of: open[open.count - 1].index)
                    } else {
                        let at = s.pos
                        tree.link(parent: open[top].index, childID: try s.integer(), at: at)
                    }
                } else {
                    open[top].inChildren = false
                }
                continue
            }
            guard let key = try s.nextMember(&open[top].members) else {
                let node = open.removeLast()
                guard let id = node.id else { throw ProfileError.atByte(node.start, "a profile node without an \"id\"") }
                try tree.close(node.index, id: id, frame: node.frame.resolve(&builder), at: node.start)
                continue
            }
            let index = open[top].index
            switch key {
            case Key.id: open[top].id = try s.integer()
            case Key.callFrame: try open[top].frame.read(&s, &builder)
            case Key.children:
                try s.beginArray("a children array")
                open[top].inChildren = true
            case Key.parent:
                s.skipSpace()
                let at = s.pos
                tree.link(child: index, parentID: try s.integer(), at: at)
            case Key.hitCount: hitCount[Int(index)] = try Self.count(&s)
            case Key.selfSize: selfSize[Int(index)] = try Self.count(&s)
            case Key.positionTicks: try readTicks(&s, index, &tree)
            default:
                if try !open[top].frame.take(key, &s, &builder) { try s.skipValue() }
            }
        }
    }

    private mutating func begin(_ s: inout JSONScanner, _ tree: inout V8Tree, _ open: inout [Open]) throws {
        s.skipSpace()
        let start = s.pos
        try s.beginObject("a profile node object")
        open.append(Open(index: tree.open(), start: start))
        hitCount.append(0)
        selfSize.append(0)
    }

    /// `[{"line": L, "ticks": N}, …]`: L is 1-based already.
    private func readTicks(_ s: inout JSONScanner, _ index: Int32, _ tree: inout V8Tree) throws {
        try s.beginArray("a positionTicks array")
        var n = 0
        while try s.nextElement(&n) {
            try s.beginObject("a positionTicks entry")
            var m = 0, line: Int64 = 0, ticks: Int64 = 0
            while let key = try s.nextMember(&m) {
                switch key {
                case Key.line: line = try Self.count(&s)
                case Key.ticks: ticks = try Self.count(&s)
                default: try s.skipValue()
                }
            }
            tree.addTicks(index, line: line, count: ticks)
        }
    }

    /// A non-negative whole number (a count, a size, a line).
    static func count(_ s: inout JSONScanner) throws -> Int64 {
        s.skipSpace()
        let at = s.pos
        let v = try s.integer()
        guard v >= 0 else { throw s.error("a negative count \(v)", at: at) }
        return v
    }

    enum Key {
        static let id = Array("id".utf8)
        static let callFrame = Array("callFrame".utf8)
        static let children = Array("children".utf8)
        static let parent = Array("parent".utf8)
        static let hitCount = Array("hitCount".utf8)
        static let selfSize = Array("selfSize".utf8)
        static let positionTicks = Array("positionTicks".utf8)
        static let line = Array("line".utf8)
        static let ticks = Array("ticks".utf8)
    }
}
