import ProfileCore
import ProfileSupport

/// Parsed `StackChunk`s merged in input order into one profile: a
/// chunk's names are interned in the order the chunk first saw them, after
/// every earlier chunk's (their order of first appearance in the input),
/// its samples follow with their names turned into locations, and its line
/// numbers move by the lines before it.
///
/// Chunks that merged their stacks (`StackChunk(mergingStacks:)`) merge
/// here into one sample per distinct stack, in order of first appearance:
/// the profile a writer of stacks only sees. When merging meets what makes
/// sums depend on their order (a negative value, a total past `Int64.max`)
/// `add` throws `MergeRefused`, and the input is read again sample by sample.
struct StackChunkMerge {
    private(set) var builder: ProfileBuilder
    /// The label keys, interned, by a `ChunkLabel/key`.
    private let labelKeys: [Int32]
    private let labelUnits: [Int32]
    /// String id → location index (one location per distinct frame name).
    private var locationOfString: [Int32] = []
    private(set) var skipped = SkippedLines()
    private var notes: [String] = []
    /// Lines before the next chunk.
    private(set) var lines = 0
    private var frames: [Int32] = []
    private var labels: [Label] = []
    private var sampleValues: [Int64] = []
    /// The distinct stacks, by location lists, when the chunks merged theirs.
    private var stacks: SequenceMerger?
    private var totals: [Int64]

    /// A merge into a profile of `sampleTypes`; labels keyed by index into
    /// `labelKeys` (name, and unit of a number or "").
    init(sampleTypes: [(type: String, unit: String)], defaultSampleType: String?, labelKeys keyNames: [(key: String, unit: String)],
         mergingStacks: Bool = false) {
        builder = ProfileBuilder(sampleTypes: sampleTypes, defaultSampleType: defaultSampleType)
        if mergingStacks { stacks = SequenceMerger(columns: sampleTypes.count) }
        totals = [Int64](repeating: 0, count: sampleTypes.count)
        var keys: [Int32] = [], units: [Int32] = []
        for k in keyNames {
            keys.append(builder.intern(k.key))
            units.append(k.unit.isEmpty ? 0 : builder.intern(k.unit))
        }
        labelKeys = keys
        labelUnits = units
    }

    /// Adds the next chunk; throws its error (the input's first, when every
    /// earlier chunk was added) at the input's line.
    mutating func add(_ chunk: StackChunk) throws {
        if var error = chunk.error {
            if case .line(let n) = error.place { error.place = .line(lines + n) }
            throw error
        }
        var strings = [Int32](repeating: 0, count: chunk.names.count)
        var map = [Int32](repeating: -1, count: chunk.names.count)
        for i in 0..<chunk.names.count {
            strings[i] = chunk.names.withName(i) { builder.intern(bytes: $0) }
        }
        let n = chunk.valuesPerSample
        precondition(chunk.mergesStacks == (stacks != nil), "chunks merge their stacks when the merge does")
        if stacks != nil {
            if chunk.mergeRefused { throw MergeRefused() }
            let (frameStart, chunkFrames, values) = (chunk.frameStart, chunk.frames, chunk.values)
            for s in 0..<chunk.sampleCount {
                frames.removeAll(keepingCapacity: true)
                for k in Int(frameStart[s])..<Int(frameStart[s + 1]) {
                    let name = Int(chunkFrames[k])
                    if map[name] < 0 { map[name] = location(strings[name]) }
                    frames.append(map[name])
                }
                for c in 0..<n {
                    let (t, overflow) = totals[c].addingReportingOverflow(values[s * n + c])
                    if overflow { throw MergeRefused() }
                    totals[c] = t
                }
                stacks!.add(frames[...], row: values[s * n..<(s + 1) * n])
            }
        }
        for s in 0..<(stacks != nil ? 0 : chunk.sampleCount) {
            frames.removeAll(keepingCapacity: true)
            for k in Int(chunk.frameStart[s])..<Int(chunk.frameStart[s + 1]) {
                let name = Int(chunk.frames[k])
                if map[name] < 0 { map[name] = location(strings[name]) }
                frames.append(map[name])
            }
            labels.removeAll(keepingCapacity: true)
            for k in Int(chunk.labelStart[s])..<Int(chunk.labelStart[s + 1]) {
                let l = chunk.labels[k]
                labels.append(l.string >= 0
                    ? Label(key: labelKeys[Int(l.key)], str: strings[Int(l.string)])
                    : Label(key: labelKeys[Int(l.key)], num: l.number, numUnit: labelUnits[Int(l.key)]))
            }
            sampleValues.removeAll(keepingCapacity: true)
            sampleValues.append(contentsOf: chunk.values[s * n..<(s + 1) * n])
            builder.addSample(locations: frames, values: sampleValues, labels: labels)
        }
        skipped.add(chunk.skipped, firstLine: lines)
        for n in chunk.notes { notes.append("line \(lines + n.line): \(n.message)") }
        lines += chunk.lineCount
    }

    private mutating func location(_ s: Int32) -> Int32 {
        if Int(s) < locationOfString.count, locationOfString[Int(s)] >= 0 { return locationOfString[Int(s)] }
        if Int(s) >= locationOfString.count {
            locationOfString.append(contentsOf: repeatElement(-1, count: Int(s) + 1 - locationOfString.count + 1024))
        }
        let loc = builder.location(function: builder.function(name: s))
        locationOfString[Int(s)] = loc
        return loc
    }

    /// The profile, with one warning per kind of skipped line.
    mutating func finish(warnings: inout Warnings) -> Profile {
        for n in notes { warnings.add(n) }
        skipped.report(into: &warnings)
        if var stacks {
            let columns = stacks.columns
            let (elements, starts, sums) = stacks.take()
            builder.withProfile {
                $0.samples = SampleTable(valuesPerSample: columns, locations: elements, locationStart: starts, values: sums,
                                         labels: [], labelStart: [Int32](repeating: 0, count: starts.count),
                                         hasDistinctLocationLists: true)
            }
        }
        return builder.build()
    }
}
