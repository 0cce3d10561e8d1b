/// Places separately drawn components side by side, tallest first, tops
/// aligned: a small component never sits between two large ones' edges, and
/// the heaviest structure starts at the left.
enum ComponentPacking {
    /// Left edge of each component, given their sizes, in input order.
    static func offsets(sizes: [(width: Double, height: Double)], gap: Double) -> [Double] {
        let order = sizes.indices.sorted { (-sizes[$0].height, $0) < (-sizes[$1].height, $1) }
        var left = [Double](repeating: 0, count: sizes.count)
        var cursor = 0.0
        for c in order {
            left[c] = cursor
            cursor += sizes[c].width + gap
        }
        return left
    }
}
