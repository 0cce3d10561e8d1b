/// The frames each distinct frame line gave, by the line's bytes: a
/// capture repeats the same few thousand lines, so a line is named (split,
/// tidied, annotated, interned) once per chunk, and after that costs one
/// hash lookup.
struct FrameLineCache {
    private var lines = FoldedNames()
    /// Per line: where its frame ids start in `ids`, and how many (-1 for a line of another shape).
    private var start: [Int32] = []
    private var count: [Int32] = []
    private var ids: [Int32] = []

    /// What is known of a line.
    enum Entry {
        /// Not seen: name it, then `record` it with this index.
        case new(Int)
        /// A line of another shape.
        case malformed
        /// Its frame ids, leaf first: `self[i]` for `i` in the range.
        case frames(Range<Int>)
    }

    mutating func lookup(_ line: UnsafeRawBufferPointer) -> Entry {
        let k = Int(lines.id(line))
        guard k < start.count else { return .new(k) }
        if count[k] < 0 { return .malformed }
        return .frames(Int(start[k])..<Int(start[k] + count[k]))
    }

    /// Records the frame ids of the new line `index` (leaf first), or nil for a malformed one.
    mutating func record(_ index: Int, _ frames: [Int32]?) {
        precondition(index == start.count, "lines are recorded in the order looked up")
        start.append(Int32(truncatingIfNeeded: ids.count))
        count.append(frames.map { Int32(truncatingIfNeeded: $0.count) } ?? -1)
        if let frames { ids.append(contentsOf: frames) }
    }

    /// Adds the frames of a `frames` range to the sample `chunk` is reading, rootward.
    func appendFrames(_ r: Range<Int>, to chunk: inout StackChunk) {
        ids.withUnsafeBufferPointer { chunk.appendRootward(contentsOf: UnsafeBufferPointer(rebasing: $0[r])) }
    }
}
