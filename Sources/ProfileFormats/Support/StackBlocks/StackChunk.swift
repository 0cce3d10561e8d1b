import ProfileCore

/// The samples of one piece of a text input made of stack blocks (`perf
/// script`, DTrace), parsed on their own so that pieces can be parsed on
/// several threads (`StackBlocks`) and merged in input order
/// (`StackChunkMerge`). Frame names get ids of the chunk's own, and line
/// numbers count from the chunk's first line: nothing here depends on
/// another chunk.
struct StackChunk {
    /// How many values each sample has.
    let valuesPerSample: Int
    /// The chunk's distinct names: frames and string label values.
    private(set) var names = FoldedNames()
    /// Name ids of every sample's frames, concatenated, leaf first.
    private(set) var frames: [Int32] = []
    /// Where each sample's frames start in `frames`; one more entry than samples.
    private(set) var frameStart: [Int32] = [0]
    /// `valuesPerSample` values per sample.
    private(set) var values: [Int64] = []
    /// Every sample's labels, concatenated.
    private(set) var labels: [ChunkLabel] = []
    /// Where each sample's labels start in `labels`.
    private(set) var labelStart: [Int32] = [0]
    /// The lines read.
    var lineCount = 0
    /// Lines skipped, by what was wrong with them.
    var skipped = SkippedLines()
    /// Other findings, at lines of the chunk's.
    var notes: [(line: Int, message: String)] = []
    /// The error that stopped the chunk, at a line of the chunk's.
    var error: ProfileError?
    /// The frames of the sample being read, leaf first.
    private var pending: [Int32] = []

    init(valuesPerSample: Int) { self.valuesPerSample = valuesPerSample }

    var sampleCount: Int { frameStart.count - 1 }
    /// Whether the sample being read has a frame yet.
    var hasPendingFrames: Bool { !pending.isEmpty }

    /// The id of `name`, adding it if new.
    mutating func id(_ name: UnsafeRawBufferPointer) -> Int32 { names.id(name) }
    mutating func id(_ name: String) -> Int32 {
        var s = name
        return s.withUTF8 { names.id(UnsafeRawBufferPointer($0)) }
    }

    /// Adds a frame to the sample being read, on its root side (the
    /// formats print stacks leaf first).
    mutating func appendRootward(_ name: Int32) { pending.append(name) }
    mutating func appendRootward(contentsOf names: UnsafeBufferPointer<Int32>) { pending.append(contentsOf: names) }

    /// Ends the sample being read with its values and labels.
    mutating func endSample(values v: some Collection<Int64>, labels l: some Collection<ChunkLabel> = EmptyCollection()) {
        frames.append(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
        frameStart.append(Int32(truncatingIfNeeded: frames.count))
        values.append(contentsOf: v)
        labels.append(contentsOf: l)
        labelStart.append(Int32(truncatingIfNeeded: labels.count))
    }

    /// Drops the frames of the sample being read.
    mutating func dropPending() { pending.removeAll(keepingCapacity: true) }
}

/// A label of a `StackChunk` sample: a key from the reader's list of
/// label keys, and a string (a chunk name id) or a number.
struct ChunkLabel {
    /// The index of the key in the keys given to `StackChunkMerge`.
    var key: Int32
    /// The chunk's name id of a string value; -1 for a number.
    var string: Int32 = -1
    var number: Int64 = 0
}
