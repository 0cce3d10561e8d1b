/// The stack of the folded line read last, its frames' ends and their ids,
/// root first. Sorted input, as flamegraph.pl's is, repeats much of the
/// stack of the line before (56% of the frames of the L benchmark file),
/// and a frame found here needs no hash lookup.
///
/// A class with buffers of its own, written through pointers: one frame
/// costs no array append (each checks uniqueness and capacity), and a
/// line's ids go to the sample's column in one copy.
final class PreviousStack {
    /// The stack's bytes (pointing into the input, which outlives the parse).
    private var stack = UnsafeRawBufferPointer(start: nil, count: 0)
    private var ends: UnsafeMutablePointer<Int>
    private var ids: UnsafeMutablePointer<Int32>
    /// Room for the ids leaf first.
    private var reversed: UnsafeMutablePointer<Int32>
    private var capacity = 256
    /// The frames known of the line being read: the shared ones, then those added.
    private(set) var count = 0

    init() {
        ends = .allocate(capacity: capacity)
        ids = .allocate(capacity: capacity)
        reversed = .allocate(capacity: capacity)
    }

    deinit {
        ends.deallocate()
        ids.deallocate()
        reversed.deallocate()
    }

    /// Starts the next line, `next`: keeps the root frames it shares with
    /// the line before, byte for byte (a frame counts when the bytes up to
    /// and including its `;` are equal, or it is the last of both lines or
    /// `next` goes on after it with a `;`), and returns where the first frame
    /// not shared starts in `next`.
    func start(_ next: UnsafeRawBufferPointer) -> Int {
        let common = commonPrefixLength(stack, next)
        var k = 0
        while k < count {
            let end = ends[k]
            if end < stack.count {
                if end >= common { break }  // its `;` differs or is missing
            } else if common < end || (next.count > end && next[end] != UInt8(ascii: ";")) {
                break
            }
            k += 1
        }
        count = k
        stack = next
        return k == 0 ? 0 : ends[k - 1] + 1
    }

    /// Forgets the line before (the next shares nothing with it).
    func reset() {
        stack = UnsafeRawBufferPointer(start: nil, count: 0)
        count = 0
    }

    /// Adds the next frame of the line: it ends at `end` and has id `id`.
    @inline(__always) func append(end: Int, id: Int32) {
        if count == capacity { grow() }
        ends[count] = end
        ids[count] = id
        count += 1
    }

    /// Appends the line's ids to `column`, leaf first.
    func appendLeafFirst(to column: inout [Int32]) {
        // Reversed here, then copied: reversing the column's tail in place
        // goes through a generic slice and cost 30 instructions a frame.
        for k in 0..<count { reversed[k] = ids[count - 1 - k] }
        column.append(contentsOf: UnsafeBufferPointer(start: reversed, count: count))
    }

    private func grow() {
        let bigger = capacity * 2
        let e = UnsafeMutablePointer<Int>.allocate(capacity: bigger)
        let i = UnsafeMutablePointer<Int32>.allocate(capacity: bigger)
        e.moveInitialize(from: ends, count: count)
        i.moveInitialize(from: ids, count: count)
        ends.deallocate()
        ids.deallocate()
        reversed.deallocate()
        ends = e
        ids = i
        reversed = .allocate(capacity: bigger)
        capacity = bigger
    }
}
