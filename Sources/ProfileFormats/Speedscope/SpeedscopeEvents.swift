import ProfileCore

/// Turns an evented profile's open and close events into samples, in time
/// linear in the events and the stacks it returns.
///
/// Between two events the open frames form a stack, weighted by the time
/// that passed. The open stack is a node of a prefix tree of frames, so an
/// event costs one table lookup however deep the stack is, and each distinct
/// stack becomes one sample, written out once. The stacks written out are
/// bounded by a budget proportional to the input, since 20,000 nested opens
/// (670 KB) hold 200 million frames.
struct SpeedscopeEvents {
    typealias Event = (open: Bool, frame: Int32, at: Double, offset: Int)

    /// Tree nodes: each node's parent (-1 for a root frame) and frame.
    private var parent: [Int32] = []
    private var frame: [Int32] = []
    private var depth: [Int32] = []
    private var child = IntKeyTable()
    /// Weight per node, and the nodes in the order they were first weighted.
    private var weight: [Double] = []
    private var weighted: [Int32] = []

    /// The frames the returned samples may hold in all.
    let frameBudget: Int

    init(frameBudget: Int) { self.frameBudget = frameBudget }

    /// The node for `frame` opened on top of `node` (-1: nothing open).
    private mutating func node(_ frame: Int32, above node: Int32) -> Int32 {
        let key = UInt64(UInt32(bitPattern: node &+ 1)) << 32 | UInt64(UInt32(bitPattern: frame))
        let (id, isNew) = child.insert(key)
        if isNew {
            parent.append(node)
            self.frame.append(frame)
            depth.append(node < 0 ? 1 : depth[Int(node)] + 1)
            weight.append(0)
        }
        return Int32(id)
    }

    private mutating func add(_ w: Double, to node: Int32) {
        guard node >= 0, w > 0 else { return }
        if weight[Int(node)] == 0 { weighted.append(node) }
        weight[Int(node)] += w
    }

    /// The samples of `events` from `start` to `end`, into `profile`.
    mutating func add(_ events: [Event], from start: Double, to end: Double,
                      into profile: inout SpeedscopeDocument.Profile) throws {
        var open: [Int32] = []   // the open nodes, root first
        var top: Int32 = -1
        var last = start
        var rebuilt = 0
        for e in events {
            if e.at < last {
                throw ProfileError.atByte(e.offset, "an event at \(e.at) before the previous one (\(last)) in speedscope JSON")
            }
            add(e.at - last, to: top)
            last = e.at
            if e.open {
                top = node(e.frame, above: top)
                open.append(top)
                continue
            }
            // speedscope requires closes to match opens; be lenient about
            // order, and rebuild the nodes above a frame closed out of turn.
            guard let i = open.lastIndex(where: { frame[Int($0)] == e.frame }) else {
                throw ProfileError.atByte(e.offset, "an event closes frame \(e.frame), which is not open, in speedscope JSON")
            }
            rebuilt += open.count - 1 - i
            if rebuilt > frameBudget { throw overBudget(at: e.offset) }
            var above = i == 0 ? -1 : open[i - 1]
            for j in (i + 1)..<open.count {
                above = node(frame[Int(open[j])], above: above)
                open[j - 1] = above
            }
            open.removeLast()
            top = open.last ?? -1
        }
        if end > last { add(end - last, to: top) }
        try write(into: &profile)
    }

    /// Each weighted node as one sample, root first.
    private func write(into p: inout SpeedscopeDocument.Profile) throws {
        var total = 0
        for n in weighted {
            total += Int(depth[Int(n)])
            if total > frameBudget { throw overBudget(at: p.offset) }
        }
        p.frames.reserveCapacity(p.frames.count + total)
        for n in weighted {
            let first = p.frames.count
            var at = n
            while at >= 0 {
                p.frames.append(frame[Int(at)])
                at = parent[Int(at)]
            }
            p.frames[first...].reverse()
            p.starts.append(Int32(clamping: p.frames.count))
            p.weights.append(weight[Int(n)])
        }
    }

    private func overBudget(at offset: Int) -> ProfileError {
        .atByte(offset, "the evented profile's stacks would hold more than \(frameBudget) frames, \(Self.framesPerByte) for each byte of the file; it is refused rather than left to exhaust memory (are its opens nested tens of thousands deep?)")
    }

    /// Frames the stacks may hold per byte of input, and at least.
    static let framesPerByte = 32
    static let minimumBudget = 1 << 24

    static func budget(forInputBytes n: Int) -> Int { max(minimumBudget, n.multipliedReportingOverflow(by: framesPerByte).partialValue) }
}
