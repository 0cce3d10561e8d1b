import ProfileCore

/// Parsed chunks of a folded input (``FoldedChunk``), merged in input order
/// into the profile one pass over the whole input builds: a chunk's names
/// are interned in the order the chunk first saw them, after every earlier
/// chunk's, which is their order of first appearance in the input; its
/// samples follow, their names turned into those ids; its line numbers
/// move by the lines before it.
struct FoldedMerge {
    private var builder: ProfileBuilder
    private let differential: Bool
    /// String id → location index (one location per distinct frame name).
    private var locationOfString: [Int32] = []
    private var locations: [Int32] = []
    private var locationStart: [Int32] = [0]
    private var values: [Int64] = []
    private var badLineCount = 0
    private var badLines: [Int] = []
    private var firstBadText = ""
    private var roundedLines = 0
    /// The totals of the chunks so far, saturating.
    private var totals: (Int64, Int64) = (0, 0)
    private var saturatedLine: Int?

    /// A merge of chunks read with this `differential`, which decides the
    /// sample types; `samples` and `frames` (counts of all chunks) size the columns.
    init(differential: Bool, samples: Int, frames: Int) {
        self.differential = differential
        builder = differential
            ? ProfileBuilder(sampleTypes: [("base", "count"), ("samples", "count")], defaultSampleType: "samples")
            : ProfileBuilder(sampleTypes: [("samples", "count")])
        locations.reserveCapacity(frames)
        locationStart.reserveCapacity(samples + 1)
        values.reserveCapacity(samples * (differential ? 2 : 1))
    }

    /// Adds the next chunk, which follows `firstLine` lines of the input.
    /// `saturatedLine(totals)` is the chunk's first line at which `totals`
    /// plus the chunk's running sum passes 64 bits (the chunk parsed again
    /// from those totals): asked only when that happens in this chunk.
    mutating func add(_ chunk: FoldedChunk, firstLine: Int, saturatedLine lineFrom: ((Int64, Int64)) -> Int?) {
        var map = [Int32](repeating: 0, count: chunk.names.count)
        for i in 0..<chunk.names.count {
            map[i] = chunk.names.withName(i) { location($0) }
        }
        let offset = Int32(locations.count)
        map.withUnsafeBufferPointer { map in
            chunk.locations.withUnsafeBufferPointer { names in
                for name in names { locations.append(map[Int(name)]) }
            }
        }
        for start in chunk.locationStart.dropFirst() { locationStart.append(start + offset) }
        values.append(contentsOf: chunk.values)

        badLineCount += chunk.badLineCount
        for line in chunk.badLines where badLines.count < 5 { badLines.append(firstLine + line) }
        if firstBadText.isEmpty { firstBadText = chunk.firstBadText }
        roundedLines += chunk.roundedLines
        addTotals(chunk, firstLine: firstLine, lineFrom)
    }

    private mutating func addTotals(_ chunk: FoldedChunk, firstLine: Int, _ lineFrom: ((Int64, Int64)) -> Int?) {
        let (a, o0) = totals.0.saturatingAddReportingOverflow(chunk.totals.0)
        let (b, o1) = totals.1.saturatingAddReportingOverflow(chunk.totals.1)
        if saturatedLine == nil && (o0 || o1 || chunk.saturatedLine != nil) {
            let line = totals == (0, 0) ? chunk.saturatedLine : lineFrom(totals)
            saturatedLine = line.map { firstLine + $0 }
        }
        totals = (a, b)
    }

    private mutating func location(_ name: UnsafeRawBufferPointer) -> Int32 {
        let s = builder.intern(bytes: name)
        if Int(s) < locationOfString.count, locationOfString[Int(s)] >= 0 {
            return locationOfString[Int(s)]
        }
        if Int(s) >= locationOfString.count {
            locationOfString.append(contentsOf: repeatElement(-1, count: Int(s) + 1 - locationOfString.count + 1024))
        }
        let fn = builder.function(name: s)
        let loc = builder.location(function: fn)
        locationOfString[Int(s)] = loc
        return loc
    }

    /// The profile, with the warnings of all chunks; an error when no line had a count.
    mutating func finish(warnings: inout Warnings) throws -> Profile {
        let samples = locationStart.count - 1
        let table = SampleTable(valuesPerSample: differential ? 2 : 1, locations: locations, locationStart: locationStart,
                                values: values, labels: [], labelStart: [Int32](repeating: 0, count: samples + 1))
        locations = []
        locationStart = []
        values = []
        builder.withProfile { $0.samples = table }
        let profile = builder.build()
        if profile.samples.isEmpty {
            if badLineCount > 0 {
                throw ProfileError.atLine(badLines[0], "no line has a count, so this is not folded stacks (\(badLineCount) \(badLineCount == 1 ? "line" : "lines") like \"\(firstBadText)\")")
            }
            throw ProfileError("the folded input holds no stacks")
        }
        if badLineCount > 0 {
            let lines = badLines.map(String.init).joined(separator: ", ")
            warnings.add("skipped \(badLineCount) line\(badLineCount == 1 ? "" : "s") without a valid count (line\(badLines.count == 1 ? "" : "s") \(lines)\(badLineCount > badLines.count ? ", …" : ""); first: \"\(firstBadText)\")")
        }
        if let line = saturatedLine {
            warnings.add("line \(line): the counts sum past \(Int64.max), the largest 64-bit count; totals and merged stacks stop there (saturate)")
        }
        if roundedLines > 0 {
            warnings.add("rounded fractional counts to whole numbers on \(roundedLines) line\(roundedLines == 1 ? "" : "s")")
        }
        return profile
    }
}
