extension Profile {
    /// Appends a copy of `location` holding only `kept` (lines taken from its
    /// own), under the fresh id `id`, and returns its index: the frame-hiding
    /// transforms keep part of an inlined location this way.
    mutating func appendLocation(_ location: Location, keeping kept: [Line], id: UInt64) -> Int32 {
        var rewritten = location
        rewritten.id = id
        rewritten.lineStart = Int32(lines.count)
        rewritten.lineCount = Int32(kept.count)
        lines.append(contentsOf: kept)
        locations.append(rewritten)
        return Int32(locations.count - 1)
    }
}
