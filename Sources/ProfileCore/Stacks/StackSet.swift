import ProfileSupport

/// The distinct stacks of a profile as root-first frame sequences, with the
/// summed values of chosen sample types: the common ground of folded output,
/// flame graphs and stack-based reports.
///
/// Built in two integer-only passes: samples with the same location list are
/// merged first (hashing `Int32` slices), then each distinct location list is
/// expanded to frames and merged again by frame sequence, since different
/// addresses often name the same functions.
///
/// Samples without locations make one stack of no frames; each writer says
/// how it shows it (folded writes ``StackSet/noStackFrame``).
public struct StackSet: Sendable {
    /// The names of the frames that `stackFrames` refer to.
    public var frames: FrameTable
    /// Frame ids of all stacks, root first; stack `i` is `stackFrames[stackStart[i]..<stackStart[i+1]]`.
    public private(set) var stackFrames: [Int32] = []
    /// Where each stack starts in ``stackFrames``; one more entry than stacks.
    public private(set) var stackStart: [Int32] = [0]
    /// `columns` values per stack.
    public private(set) var values: [Int64] = []
    /// How many values each stack has: one per chosen sample type.
    public let columns: Int

    /// The number of distinct stacks.
    public var count: Int { stackStart.count - 1 }

    /// The frame text formats write for a stack of no frames, and read back
    /// as no locations: a name no Go, C++ or Java symbol can have.
    public static let noStackFrame = "[no stack]"

    /// The frame ids of stack `i`, root first.
    @inlinable public func frames(of i: Int) -> ArraySlice<Int32> {
        stackFrames[Int(stackStart[i])..<Int(stackStart[i + 1])]
    }
    /// Value `column` of stack `i`.
    @inlinable public func value(of i: Int, column: Int = 0) -> Int64 { values[i * columns + column] }

    /// Options for building stacks.
    public struct Options: Sendable {
        /// How locations become frame names.
        public var naming = FrameNaming()
        /// Add `key=value` label frames at the root, one per label, by key.
        public var labelsAsRootFrames = false
        /// Keep stacks whose values are all zero (folded output drops them).
        public var keepZero = false
        public init() {}
    }

    /// The stacks of `profile`, summing sample types `sampleIndices`.
    public init(_ profile: Profile, sampleIndices: [Int], options: Options = Options()) {
        columns = sampleIndices.count
        frames = FrameTable()
        let (locFrames, locStart) = profile.locationFrames(naming: options.naming, frames: &frames)
        var merger = SequenceMerger(columns: columns)
        var scratch: [Int32] = []
        var sampleValues = [Int64](repeating: 0, count: columns)
        let samples = profile.samples

        // The chosen values of sample `s` into `row`; false when all are zero
        // and such stacks are dropped.
        func choose(_ s: Int, into row: inout [Int64]) -> Bool {
            var any = false
            for (c, t) in sampleIndices.enumerated() {
                row[c] = samples.value(of: s, at: t)
                if row[c] != 0 { any = true }
            }
            return any || options.keepZero
        }

        // Pass 1: merge samples by location list (and labels, when they become
        // frames), unless the reader already did.
        let merged = samples.hasDistinctLocationLists && !options.labelsAsRootFrames
        var byLocations = SequenceMerger(columns: columns)
        var labelFrames: [Int32] = []
        for s in 0..<(merged ? 0 : samples.count) {
            guard choose(s, into: &sampleValues) else { continue }
            // A sample without locations (most of a threadcreate profile) stays:
            // a stack of no frames, counted in every total as pprof counts it.
            if options.labelsAsRootFrames {
                // Label frames are frame ids; encode them as negative "locations".
                scratch.removeAll(keepingCapacity: true)
                labelFrames.removeAll(keepingCapacity: true)
                let labels = samples.labels(of: s).sorted { profile.strings[$0.key] < profile.strings[$1.key] }
                for l in labels {
                    let text = l.isString ? profile.strings[l.str] : String(l.num) + profile.strings[l.numUnit]
                    labelFrames.append(-1 - frames.intern(profile.strings[l.key] + "=" + text))
                }
                scratch.append(contentsOf: labelFrames)
                scratch.append(contentsOf: samples.locations(of: s))
                byLocations.add(scratch[...], sampleValues)
            } else {
                byLocations.add(samples.locations(of: s), sampleValues)
            }
        }

        // Pass 2: expand each distinct location list to frames (root first) and merge again.
        // (Copies from buffers: appending array slices is a generic, per-element path.)
        // Room for every stack as if none merged, which is the common case:
        // no growing copies, and no doubled capacity held at the peak.
        let lists = merged ? samples.count : byLocations.count
        var expanded = 0
        for l in merged ? samples.locations : byLocations.elements {
            expanded += l >= 0 ? Int(locStart[Int(l) + 1] - locStart[Int(l)]) : 1
        }
        merger.reserve(sequences: lists, elements: expanded)
        locFrames.withUnsafeBufferPointer { locFrames in
            for i in 0..<lists {
                if merged && !choose(i, into: &sampleValues) { continue }
                scratch.removeAll(keepingCapacity: true)
                let locs = merged ? samples.locations(of: i) : byLocations.sequence(i)
                for l in locs where l < 0 { scratch.append(-1 - l) }  // label frames, outermost
                for l in locs.reversed() where l >= 0 {
                    let range = Int(locStart[Int(l)])..<Int(locStart[Int(l) + 1])
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: locFrames[range]))
                }
                if merged {
                    merger.add(scratch[...], sampleValues)
                } else {
                    merger.add(scratch[...], byLocations.values(i))
                }
            }
        }
        stackFrames = merger.elements
        stackStart = merger.starts
        values = merger.sums
    }

    /// Stack indices ordered as their folded lines (`a;b;c N`) sort bytewise.
    public func bytewiseOrder() -> [Int] {
        frames.lineOrder(frames: stackFrames, starts: stackStart)
    }
}

/// Merges integer sequences, summing a row of values per distinct sequence
/// (a `HashIndex` on a seeded hash of the `Int32`s; saturating sums).
/// Sequences keep the order in which they were first added.
public struct SequenceMerger: Sendable {
    /// Values per sequence.
    public let columns: Int
    /// The distinct sequences, concatenated.
    public private(set) var elements: [Int32] = []
    /// Where each sequence starts in ``elements``; one more entry than sequences.
    public private(set) var starts: [Int32] = [0]
    /// `columns` sums per sequence.
    public private(set) var sums: [Int64] = []
    private var index: HashIndex

    /// No sequences yet; each will carry `columns` sums.
    public init(columns: Int) { self.init(columns: columns, seed: .process) }

    /// The same, hashing with `seed` (tests show that no result depends on it).
    init(columns: Int, seed: HashSeed) {
        self.columns = columns
        index = HashIndex(capacity: 512, seed: seed)
    }

    /// The number of distinct sequences.
    public var count: Int { starts.count - 1 }

    /// The slots walked past to find every sequence (`HashIndex.probeSteps`).
    var probeSteps: Int { index.probeSteps }

    /// Sequence `i`.
    public func sequence(_ i: Int) -> ArraySlice<Int32> { elements[Int(starts[i])..<Int(starts[i + 1])] }
    /// The sums of sequence `i`.
    public func values(_ i: Int) -> ArraySlice<Int64> { sums[i * columns..<(i + 1) * columns] }

    /// Room for `sequences` distinct sequences of `elements` elements in all,
    /// so that adding that many neither copies nor rehashes.
    public mutating func reserve(sequences: Int, elements: Int) {
        self.elements.reserveCapacity(elements)
        starts.reserveCapacity(sequences + 1)
        sums.reserveCapacity(sequences * columns)
        index.reserve(sequences + 1)
    }

    /// The columns, handed over without a copy; the merger is empty after.
    public mutating func take() -> (elements: [Int32], starts: [Int32], sums: [Int64]) {
        defer { self = SequenceMerger(columns: columns, seed: index.seed) }
        return (elements, starts, sums)
    }

    /// ``add(_:_:)`` for values in an array, as a decoder holds them: a
    /// concrete entry point, so that a caller in another module does not
    /// reach the generic one unspecialized, once per sample.
    public mutating func add(_ seq: ArraySlice<Int32>, row values: ArraySlice<Int64>) { add(seq, values) }

    /// Adds `values` to the sums of `seq`, which becomes a new sequence
    /// if it was not seen before; returns the sequence's number.
    @discardableResult
    public mutating func add(_ seq: ArraySlice<Int32>, _ values: some Collection<Int64>) -> Int {
        let probe = seq.withUnsafeBufferPointer { q in
            let h = SeededHash.words(q, index.seed)
            return (h, elements.withUnsafeBufferPointer { e in
                starts.withUnsafeBufferPointer { starts in
                    index.find(h) { id in Self.equal(e, starts, id, q) }
                }
            })
        }
        if let id = probe.1.entry {
            var c = id * columns
            for v in values {
                sums[c] = sums[c].saturatingAdd(v)
                c += 1
            }
            return id
        }
        let id = count
        elements.append(contentsOf: seq)
        starts.append(Int32(elements.count))
        sums.append(contentsOf: values)
        index.insert(id, hash: probe.0, at: probe.1)
        return id
    }

    /// Whether stored sequence `id` equals `seq` (a word-wise compare).
    @inline(__always)
    private static func equal(_ e: UnsafeBufferPointer<Int32>, _ starts: UnsafeBufferPointer<Int32>, _ id: Int,
                              _ q: UnsafeBufferPointer<Int32>) -> Bool {
        let start = Int(starts[id]), end = Int(starts[id + 1])
        guard end - start == q.count else { return false }
        var i = 0
        while i < q.count {
            if e[start + i] != q[i] { return false }
            i += 1
        }
        return true
    }
}
