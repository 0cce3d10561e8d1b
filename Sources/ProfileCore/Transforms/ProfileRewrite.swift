/// The two rewrites every frame filter is made of: each location keeps some
/// of its lines, and each sample keeps some of its locations. Filters decide
/// what to keep; these do the bookkeeping once.
extension Profile {
    /// Replaces each location's lines by `keep(index, lines)`, a subrange
    /// or a filtered copy of them.
    mutating func keepLines<Kept: Collection<Line>>(_ keep: (Int, ArraySlice<Line>) -> Kept) {
        var newLines: [Line] = []
        newLines.reserveCapacity(lines.count)
        for i in locations.indices {
            let kept = keep(i, lines[locations[i].lineRange])
            locations[i].lineStart = Int32(newLines.count)
            locations[i].lineCount = Int32(kept.count)
            newLines.append(contentsOf: kept)
        }
        lines = newLines
    }

    /// Replaces each sample's locations (leaf first) by `keep(locations)`;
    /// a sample for which it returns nil is dropped. Values and labels stay.
    mutating func keepSampleLocations<Kept: Sequence<Int32>>(_ keep: (ArraySlice<Int32>) -> Kept?) {
        var table = SampleTable(valuesPerSample: samples.valuesPerSample)
        for s in 0..<samples.count {
            guard let kept = keep(samples.locations(of: s)) else { continue }
            table.append(locations: kept, values: samples.values(of: s), labels: samples.labels(of: s))
        }
        samples = table
    }
}
