/// Orders stacks as their folded lines (`a;b;c N`, root first) sort bytewise,
/// equal stacks in input order, without building or re-reading the lines.
///
/// A line is a sequence of tokens: each frame's name followed by `;`, or by
/// ` ` for the last frame. The distinct tokens, two per name, are sorted
/// bytewise once (``FrameTable/tokenRanks()``); stacks then compare as
/// sequences of token ranks. Equal frame ids are equal tokens except at a
/// stack's end, where ` ` sorts before `;`, so the shorter stack goes
/// first; only at the first differing frame is a rank looked up.
///
/// Ordering by tokens is what comparing the lines byte by byte gives when no
/// name contains `;` or ` `. When one does (`--lines` names end in
/// ` file:line`), the order stays the one ``FrameTable/compareTokens(_:_:_:_:)`` gives,
/// token by token, as this project has always sorted: the folded reader
/// splits such a line at every `;` anyway.
public struct LineOrder: Sendable {
    private let ranks: [Int32]
    private let frames: [Int32]
    private let starts: [Int32]

    /// Below this many stacks, sorting is left to one thread: a thread's
    /// start and the merge cost more than they save.
    public static let parallelThreshold = 50_000

    /// The sorter of stacks `frames[starts[i]..<starts[i+1]]`, frame ids into `names`.
    public init(names: FrameTable, frames: [Int32], starts: [Int32]) {
        ranks = names.tokenRanks()
        self.frames = frames
        self.starts = starts
    }

    /// The number of stacks.
    public var count: Int { starts.count - 1 }

    /// Runs `body(0)` and `body(1)`, concurrently if it can, returning when both
    /// are done: the caller's threads (ProfileCore starts none).
    public typealias BothHalves = (_ body: @escaping (Int) -> Void) -> Void

    /// Every stack index in line order. With `halves`, two halves of the
    /// stacks are sorted on their own threads and merged; ties still go by
    /// index, so the order is the one-thread order.
    public func order(halves: BothHalves? = nil) -> [Int] {
        let n = count
        var order = [Int](unsafeUninitializedCapacity: n) { buf, initialized in
            for i in 0..<n { buf[i] = i }
            initialized = n
        }
        guard n > 1 else { return order }
        guard let halves, n >= Self.parallelThreshold else {
            order.withUnsafeMutableBufferPointer { sort($0) }
            return order
        }
        let mid = n / 2
        order.withUnsafeMutableBufferPointer { buf in
            let whole = buf
            halves { half in
                let range = half == 0 ? 0..<mid : mid..<n
                sort(UnsafeMutableBufferPointer(rebasing: whole[range]))
            }
        }
        return merge(order, mid, halves)
    }

    /// Sorts stack indices in place by line, ties by index.
    public func sort(_ indices: UnsafeMutableBufferPointer<Int>) {
        ranks.withUnsafeBufferPointer { r in
            frames.withUnsafeBufferPointer { f in
                starts.withUnsafeBufferPointer { s in
                    RankQuicksort(Comparer(ranks: r, frames: f, starts: s)).sort(indices)
                }
            }
        }
    }

    /// The merge of the sorted runs `order[..<mid]` and `order[mid...]`,
    /// from both ends at once: `halves` fills the first half of the output
    /// with the smallest, taking from the front, and the second with the
    /// largest, taking from the back. `less` breaks ties by index, a total
    /// order, so each end's picks are exactly what one merge would put there.
    private func merge(_ order: [Int], _ mid: Int, _ halves: BothHalves) -> [Int] {
        ranks.withUnsafeBufferPointer { r in
            frames.withUnsafeBufferPointer { f in
                starts.withUnsafeBufferPointer { s in
                    let cmp = Comparer(ranks: r, frames: f, starts: s)
                    return order.withUnsafeBufferPointer { o in
                        [Int](unsafeUninitializedCapacity: o.count) { out, initialized in
                            let n = o.count, split = n / 2, out = out
                            halves { half in
                                if half == 0 {
                                    var i = 0, j = mid
                                    for k in 0..<split {
                                        if j < n && (i == mid || cmp.less(o[j], o[i])) { out[k] = o[j]; j += 1 } else { out[k] = o[i]; i += 1 }
                                    }
                                } else {
                                    var i = mid - 1, j = n - 1
                                    for k in (split..<n).reversed() {
                                        if i >= 0 && (j < mid || cmp.less(o[j], o[i])) { out[k] = o[i]; i -= 1 } else { out[k] = o[j]; j -= 1 }
                                    }
                                }
                            }
                            initialized = n
                        }
                    }
                }
            }
        }
    }
}

/// The comparison on raw buffers, so the sort's inner loop checks no bounds
/// and retains nothing.
struct Comparer {
    let ranks: UnsafeBufferPointer<Int32>
    let frames: UnsafeBufferPointer<Int32>
    let starts: UnsafeBufferPointer<Int32>

    /// The number of frames of stack `i`.
    @inline(__always) func length(_ i: Int) -> Int { Int(starts[i + 1]) - Int(starts[i]) }

    /// The rank of stack `i`'s token at `depth`, or -1 past its end: the
    /// stack ended, and an ended stack sorts first.
    @inline(__always) func key(_ i: Int, _ depth: Int) -> Int32 {
        let p = Int(starts[i]), n = Int(starts[i + 1]) - p
        guard depth < n else { return -1 }
        return ranks[Int(frames[p + depth]) &* 2 &+ (depth + 1 == n ? 1 : 0)]
    }

    /// Whether stack `a`'s line sorts before stack `b`'s (ties by index),
    /// given that their first `depth` frames are the same.
    @inline(__always) func less(_ a: Int, _ b: Int, from depth: Int = 0) -> Bool {
        let pa = Int(starts[a]), pb = Int(starts[b])
        let na = Int(starts[a + 1]) - pa, nb = Int(starts[b + 1]) - pb
        let n = min(na, nb)
        let base = UnsafeRawPointer(frames.baseAddress!)
        var k = min(depth, n)
        // Two frames at a time: only equality matters until the first difference.
        while k + 2 <= n
            && base.loadUnaligned(fromByteOffset: (pa + k) &* 4, as: UInt64.self)
            == base.loadUnaligned(fromByteOffset: (pb + k) &* 4, as: UInt64.self) {
            k += 2
        }
        while k < n && frames[pa + k] == frames[pb + k] { k += 1 }
        if k == n {
            // One stack is the other's prefix: its last token ends in ' ', the
            // other's in ';', so the shorter goes first.
            return na != nb ? na < nb : a < b
        }
        let x = Int(frames[pa + k]) &* 2 &+ (k + 1 == na ? 1 : 0)
        let y = Int(frames[pb + k]) &* 2 &+ (k + 1 == nb ? 1 : 0)
        return ranks[x] != ranks[y] ? ranks[x] < ranks[y] : a < b
    }
}
