/// Edge labels beside their edges. Each label goes in the gap between two
/// ranks that the edge's middle crosses; no box reaches into a gap, so no
/// label lies on a box. Within the gap, the label tries points along its
/// curve (middle first) on the right, then on the left, and takes the first
/// that overlaps no label already placed in that gap; heavier edges are
/// placed first (the caller orders them), so their labels sit at their middles.
enum LabelPlacement {
    struct Request {
        /// The gap's index (the rank above it) and the curve's ends in the gap, top first.
        var gap: Int
        var top: (x: Double, y: Double)
        var bottom: (x: Double, y: Double)
        var width: Double
    }

    private struct Cell: Hashable { var gap: Int, column: Int }
    private static let crowded = 24

    /// Left end and vertical middle of each label, in request order; requests are placed in `order`.
    static func place(_ requests: [Request], order: [Int], height: Double) -> [(x: Double, y: Double)] {
        // Placed labels by gap and 64-unit column, so a crowded gap costs no more than a sparse one.
        var placed = [Cell: [(minX: Double, maxX: Double, minY: Double, maxY: Double)]]()
        func cells(_ gap: Int, _ minX: Double, _ maxX: Double) -> [Cell] {
            let lo = Int((minX / 64).rounded(.down)), hi = Int((maxX / 64).rounded(.down))
            return (lo...max(lo, hi)).map { Cell(gap: gap, column: $0) }
        }
        var result = [(x: Double, y: Double)](repeating: (0, 0), count: requests.count)
        let steps = [0.5, 0.35, 0.65, 0.22, 0.78]
        for k in order {
            let r = requests[k]
            var chosen: (x: Double, y: Double)?
            var first: (x: Double, y: Double)?
            search: for right in [true, false] {
                for t in steps {
                    let p = point(r.top, r.bottom, t)
                    guard p.y - height / 2 >= r.top.y, p.y + height / 2 <= r.bottom.y || t == 0.5 else { continue }
                    let x = right ? p.x + 4 : p.x - 4 - r.width
                    let box = (minX: x, maxX: x + r.width, minY: p.y - height / 2, maxY: p.y + height / 2)
                    if first == nil { first = (x, p.y) }
                    let near = cells(r.gap, box.minX, box.maxX)
                    // A cell holding many labels counts as full: crowded gaps cost no more than sparse ones.
                    let clash = near.contains { cell in
                        let here = placed[cell] ?? []
                        return here.count >= crowded || here.contains {
                            $0.minX < box.maxX && box.minX < $0.maxX && $0.minY < box.maxY && box.minY < $0.maxY
                        }
                    }
                    if !clash {
                        chosen = (x, p.y)
                        for cell in near { placed[cell, default: []].append(box) }
                        break search
                    }
                }
            }
            // Crowded gap: the middle, on the right, even if it touches another label.
            result[k] = chosen ?? first ?? (r.top.x + 4, (r.top.y + r.bottom.y) / 2)
        }
        return result
    }

    /// The point at parameter t of the cubic the SVG draws between a and b
    /// (control points straight below a and above b, half the height away).
    static func point(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), _ t: Double) -> (x: Double, y: Double) {
        let sx = 3 * t * t - 2 * t * t * t
        let sy = t * t * t + 1.5 * t * (1 - t)
        return (a.x + (b.x - a.x) * sx, a.y + (b.y - a.y) * sy)
    }
}
