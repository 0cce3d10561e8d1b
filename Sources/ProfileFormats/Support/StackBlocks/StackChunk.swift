import ProfileCore
import ProfileSupport

/// The samples of one piece of a text input made of stack blocks (`perf
/// script`, DTrace), parsed on their own so that pieces can be parsed on
/// several threads (`StackBlocks`) and merged in input order
/// (`StackChunkMerge`). Frame names get ids of the chunk's own, and line
/// numbers count from the chunk's first line: nothing here depends on
/// another chunk.
///
/// A chunk made `mergingStacks` (for writers that see only stacks) keeps
/// each distinct stack once with its summed values, on the thread that
/// parses it, so the merge after has the distinct stacks of each chunk to
/// add, not every sample. It takes no labels.
struct StackChunk {
    /// How many values each sample has.
    let valuesPerSample: Int
    /// The chunk's distinct names: frames and string label values.
    private(set) var names = FoldedNames()
    /// Name ids of every sample's frames, concatenated, leaf first.
    var frames: [Int32] { stacks?.elements ?? sampleFrames }
    /// Where each sample's frames start in `frames`; one more entry than samples.
    var frameStart: [Int32] { stacks?.starts ?? sampleFrameStart }
    /// `valuesPerSample` values per sample.
    var values: [Int64] { stacks?.sums ?? sampleValues }
    private var sampleFrames: [Int32] = []
    private var sampleFrameStart: [Int32] = [0]
    private var sampleValues: [Int64] = []
    /// The distinct stacks and their sums, when merging.
    private var stacks: SequenceMerger?
    /// Whether the samples are merged by stack (see the type's comment).
    var mergesStacks: Bool { stacks != nil }
    /// Whether merging met what makes sums depend on their order: a
    /// negative value, or a column whose total passed `Int64.max`.
    private(set) var mergeRefused = false
    private var totals: [Int64]
    private var row: [Int64] = []
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
    private(set) var pending: [Int32] = []

    init(valuesPerSample: Int, mergingStacks: Bool = false) {
        self.valuesPerSample = valuesPerSample
        totals = [Int64](repeating: 0, count: valuesPerSample)
        if mergingStacks { stacks = SequenceMerger(columns: valuesPerSample) }
    }

    var sampleCount: Int { (stacks?.count ?? sampleFrameStart.count - 1) }
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
        if stacks != nil {
            precondition(l.isEmpty, "a chunk that merges stacks takes no labels")
            row.removeAll(keepingCapacity: true)
            for x in v {
                let (t, overflow) = totals[row.count].addingReportingOverflow(x)
                if x < 0 || overflow { mergeRefused = true }
                totals[row.count] = t
                row.append(x)
            }
            stacks!.add(pending[...], row: row[...])
        } else {
            sampleFrames.append(contentsOf: pending)
            sampleFrameStart.append(Int32(truncatingIfNeeded: sampleFrames.count))
            sampleValues.append(contentsOf: v)
            labels.append(contentsOf: l)
            labelStart.append(Int32(truncatingIfNeeded: labels.count))
        }
        pending.removeAll(keepingCapacity: true)
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
