/// Places separately drawn components side by side, tallest first, tops
/// aligned, in shelves: when a row would grow wider than about the square
/// root of the components' total area (and than the widest component), the
/// next row starts below. So the heaviest structure starts top left, and a
/// thousand small components make a block instead of a ribbon.
enum ComponentPacking {
    /// Top-left corner of each component, given their sizes, in input order.
    static func offsets(sizes: [(width: Double, height: Double)], gap: Double) -> [(x: Double, y: Double)] {
        let order = sizes.indices.sorted { (-sizes[$0].height, $0) < (-sizes[$1].height, $1) }
        let area = sizes.reduce(0.0) { $0 + ($1.width + gap) * ($1.height + gap) }
        let rowWidth = max(sizes.map(\.width).max() ?? 0, (area * 1.5).squareRoot())
        var corner = [(x: Double, y: Double)](repeating: (0, 0), count: sizes.count)
        var x = 0.0, y = 0.0, rowHeight = 0.0
        for c in order {
            if x > 0 && x + sizes[c].width > rowWidth {
                y += rowHeight + gap
                x = 0
                rowHeight = 0
            }
            corner[c] = (x, y)
            x += sizes[c].width + gap
            rowHeight = max(rowHeight, sizes[c].height)
        }
        return corner
    }
}
