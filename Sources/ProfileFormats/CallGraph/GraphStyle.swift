import ProfileCore

/// Colours, sizes and names shared by the graph drawings (DOT and the
/// native SVG), following pprof's choices so both read the same way.
enum GraphStyle {
    /// pprof's `dotColor`: grey for small scores, shifting to red as a
    /// node's share of the total grows (green for negative shares).
    static func color(_ score: Double, background: Bool) -> String {
        var saturation = background ? 0.1 : 1.0
        let value = background ? 0.93 : 0.7
        var s = max(-1, min(1, score.isNaN ? 0 : score))
        if abs(s) < 0.2 { saturation *= abs(s) / 0.2 }
        if s > 0 { s = pow03(s) }
        if s < 0 { s = -pow03(-s) }
        var r: Double, g: Double
        if s < 0 {
            g = value
            r = value * (1 + saturation * s)
        } else {
            r = value
            g = value * (1 - saturation * s)
        }
        let b = value * (1 - saturation)
        return "#" + hex2(r) + hex2(g) + hex2(b)
    }

    /// `x^0.3` for x in (0, 1], as pprof's `math.Pow(x, 0.3)`: the library
    /// imports neither Foundation nor Glibc, so this takes the tenth root by
    /// Newton's method (to 1e-15, far below one step of an 8-bit colour).
    private static func pow03(_ x: Double) -> Double {
        var y = 1.0  // y ≈ x^(1/10)
        for _ in 0..<200 {
            let y9 = y * y * y * y * y * y * y * y * y
            let next = y - (y9 * y - x) / (10 * y9)
            if abs(next - y) < 1e-15 { y = next; break }
            y = next
        }
        return y * y * y
    }

    private static func hex2(_ v: Double) -> String {
        let b = UInt8(max(0, min(255, v * 255)))
        let s = String(b, radix: 16)
        return s.count == 1 ? "0" + s : s
    }

    /// pprof's `ShortenFunctionName` for Go names: the package path before
    /// the last `/` goes (`github.com/x/y.F` → `y.F`).
    static func shortName(_ name: String) -> String {
        let u = Array(name.utf8)
        var lastSlash = -1
        for (i, b) in u.enumerated() {
            let word = (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F || b == 0x2D || b == 0x2E
            if b == 0x2F {
                if i > 0 && lastSlash != i - 1 && i + 1 < u.count { lastSlash = i } else { break }
            } else if !word {
                break
            }
        }
        guard lastSlash > 0 else { return name }
        return String(decoding: u[(lastSlash + 1)...], as: UTF8.self)
    }

    /// A name cut to `limit` characters, with an ellipsis when it was longer:
    /// a 16k-character symbol must not make a drawing unreadable (or, in DOT, invalid).
    static func truncated(_ s: String, limit: Int = 400) -> String {
        guard s.unicodeScalars.count > limit else { return s }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s.unicodeScalars.prefix(limit - 1))
        return String(out) + "…"
    }

    /// pprof's font size: 8 to 24 points by the square root of flat over the largest flat.
    static func fontSize(flat: Int64, maxFlat: Int64) -> Int {
        var size = 8
        if maxFlat != 0 && flat != 0 && flat.saturatingMagnitude <= maxFlat {
            let r = (Double(flat.saturatingMagnitude) / Double(maxFlat)).squareRoot()
            size += Int((16 * r).rounded(.up))
        }
        return size
    }
}
