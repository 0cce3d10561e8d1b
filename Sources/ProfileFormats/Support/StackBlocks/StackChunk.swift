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
    private(set) var frames: [Int32] = []
    /// Where each sample's frames start in `frames`; one more entry than samples.
    private(set) var frameStart: [Int32] = [0]
    /// `valuesPerSample` values per sample.
    private(set) var values: [Int64] = []
    /// The samples by their frames, when merging: each is a distinct stack.
    private var stackIndex: HashIndex?
    /// Whether the samples are merged by stack (see the type's comment).
    var mergesStacks: Bool { stackIndex != nil }
    /// Whether merging met what makes sums depend on their order: a
    /// negative value, or a column whose total passed `Int64.max`.
    private(set) var mergeRefused = false
    private var totals: [Int64]
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
        if mergingStacks { stackIndex = HashIndex(capacity: 1024) }
    }

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

    /// Ends the sample being read with its values and labels; returns its
    /// number, which is its stack's when merging.
    @discardableResult
    mutating func endSample(values v: some Collection<Int64>, labels l: some Collection<ChunkLabel> = EmptyCollection()) -> Int {
        let sample: Int
        if stackIndex != nil, let known = knownStack() {
            sample = known
            add(v, to: known)
        } else {
            sample = sampleCount
            frames.append(contentsOf: pending)
            frameStart.append(Int32(truncatingIfNeeded: frames.count))
            values.append(contentsOf: v)
        }
        count(v, labels: l)
        pending.removeAll(keepingCapacity: true)
        return sample
    }

    /// A sample of stack `stack` (a number `endSample` returned when
    /// merging), which the reader knows without building its frames.
    mutating func endSample(ofStack stack: Int, values v: some Collection<Int64>) {
        precondition(stackIndex != nil && pending.isEmpty && stack < sampleCount, "a known stack of a merging chunk")
        add(v, to: stack)
        count(v, labels: EmptyCollection())
    }

    private mutating func add(_ v: some Collection<Int64>, to stack: Int) {
        var c = stack * valuesPerSample
        for x in v {
            values[c] = values[c].saturatingAdd(x)
            c += 1
        }
    }

    /// The totals that tell when merging changes sums, or the sample's labels.
    private mutating func count(_ v: some Collection<Int64>, labels l: some Collection<ChunkLabel>) {
        if stackIndex != nil {
            precondition(l.isEmpty, "a chunk that merges stacks takes no labels")
            var c = 0
            for x in v {
                let (t, overflow) = totals[c].addingReportingOverflow(x)
                if x < 0 || overflow { mergeRefused = true }
                totals[c] = t
                c += 1
            }
        } else {
            labels.append(contentsOf: l)
            labelStart.append(Int32(truncatingIfNeeded: labels.count))
        }
    }

    /// The sample whose frames are `pending`'s, when merging; else nil, and
    /// the sample about to be added is recorded as the one with them.
    private mutating func knownStack() -> Int? {
        let probe = pending.withUnsafeBufferPointer { q in
            let hash = SeededHash.words(q, stackIndex!.seed)
            return (hash, frames.withUnsafeBufferPointer { f in
                frameStart.withUnsafeBufferPointer { starts in
                    stackIndex!.find(hash) { i in
                        let lo = Int(starts[i]), hi = Int(starts[i + 1])
                        guard hi - lo == q.count else { return false }
                        for k in 0..<q.count where f[lo + k] != q[k] { return false }
                        return true
                    }
                }
            })
        }
        if let i = probe.1.entry { return i }
        stackIndex!.insert(sampleCount, hash: probe.0, at: probe.1)
        return nil
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
