/// A colour as the SVG writes it: `rgb(r,g,b)`.
public struct RGB: Hashable, Sendable {
    /// The red, green and blue components.
    public var r: UInt8, g: UInt8, b: UInt8
    /// A colour from its components.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) { (self.r, self.g, self.b) = (r, g, b) }
    /// `rgb(r,g,b)`, as SVG `fill` takes it.
    public var svg: String { "rgb(\(r),\(g),\(b))" }
}

/// The colour schemes of `--colors`, named as flamegraph.pl names them, plus
/// `go`, which tells the Go runtime, the standard library and user code apart.
///
/// Colours are chosen from a hash of the frame name, so a name has the same
/// colour in every graph (flamegraph.pl picks them at random unless `--hash`).
public enum Palette: String, CaseIterable, Sendable {
    /// flamegraph.pl's palettes, by its names, and `go`.
    case hot, mem, io, red, green, blue, aqua, yellow, purple, orange, java, js, go

    /// The colour of a frame called `name` (with its annotation, if any).
    public func color(for name: String) -> RGB {
        let (v1, v2, v3) = Self.hash(name)
        switch self {
        case .hot: return Self.rgb(205 + 50 * v3, 230 * v1, 55 * v2)
        case .mem: return Self.rgb(0, 190 + 50 * v2, 210 * v1)
        case .io: return Self.rgb(80 + 60 * v1, 80 + 60 * v1, 190 + 55 * v2)
        case .red: return Self.rgb(200 + 55 * v1, 50 + 80 * v1, 50 + 80 * v1)
        case .green: return Self.rgb(50 + 60 * v1, 200 + 55 * v1, 50 + 60 * v1)
        case .blue: return Self.rgb(80 + 60 * v1, 80 + 60 * v1, 205 + 50 * v1)
        case .aqua: return Self.rgb(50 + 60 * v1, 165 + 55 * v1, 165 + 55 * v1)
        case .yellow: return Self.rgb(175 + 55 * v1, 175 + 55 * v1, 50 + 20 * v1)
        case .purple: return Self.rgb(190 + 65 * v1, 80 + 60 * v1, 190 + 65 * v1)
        case .orange: return Self.rgb(190 + 65 * v1, 90 + 65 * v1, 0)
        case .java, .js, .go:
            return Self.hue(of: name, in: self).color(for: name)
        }
    }

    /// The plain hue a language palette gives a frame, by its annotation and
    /// the shape of its name, as flamegraph.pl's java and js palettes do.
    static func hue(of name: String, in palette: Palette) -> Palette {
        switch FrameAnnotation(of: name) {
        case .kernel: return .orange
        case .jit: return palette == .js && !name.contains("/") ? .aqua : .green
        case .inlined: return .aqua
        case .waker, nil: break
        }
        switch palette {
        case .java:
            let n = name.hasPrefix("L") ? name.dropFirst() : Substring(name)
            for p in ["java/", "javax/", "jdk/", "net/", "org/", "com/", "io/", "sun/"] where n.hasPrefix(p) { return .green }
            return name.contains("::") ? .yellow : .red
        case .js:
            if name.contains("::") { return .yellow }
            if name.contains("/") || name == " " { return .green }
            return name.contains(":") ? .aqua : .red
        default:
            return goHue(name)
        }
    }

    /// Go: the runtime is red, the standard library blue, everything else
    /// (main, module paths with a domain) green, cgo and unknown frames yellow.
    private static func goHue(_ name: String) -> Palette {
        if name.hasPrefix("runtime.") || name.hasPrefix("runtime/") || name.hasPrefix("internal/runtime") { return .red }
        if name.hasPrefix("main.") { return .green }
        if name.hasPrefix("0x") || name.hasPrefix("_cgo") || name.hasPrefix("C.") || name == "[unknown]" { return .yellow }
        // The package path ends at the last '/' before the first '.'; its
        // first element has a dot only for modules outside the standard library.
        guard let dot = name.firstIndex(of: ".") else { return .yellow }
        let path = name[..<dot]
        let firstElement = path.split(separator: "/", maxSplits: 1).first ?? path
        if path.contains("/") && firstElement.contains(".") { return .green }
        if !path.contains("/") && name[name.index(after: dot)...].contains("/") { return .green }
        return .blue
    }

    private static func rgb(_ r: Double, _ g: Double, _ b: Double) -> RGB {
        RGB(UInt8(max(0, min(255, r))), UInt8(max(0, min(255, g))), UInt8(max(0, min(255, b))))
    }

    /// Three numbers in [0, 1] from the name's bytes (FNV-1a, 64 bits).
    static func hash(_ name: String) -> (Double, Double, Double) {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        let m = 65535.0
        return (Double(h & 0xFFFF) / m, Double((h >> 16) & 0xFFFF) / m, Double((h >> 32) & 0xFFFF) / m)
    }

    /// The colour of a frame in a differential graph: red for growth, blue
    /// for shrinkage, paler the smaller `delta` is against `maxDelta`.
    public static func differential(delta: Int64, maxDelta: Int64) -> RGB {
        if delta == 0 || maxDelta == 0 { return RGB(250, 250, 250) }
        let fade = UInt8(max(0, min(210, (210 * Double(maxDelta.saturatingSubtract(delta.saturatingMagnitude)) / Double(maxDelta)).rounded(.down))))
        return delta > 0 ? RGB(255, fade, fade) : RGB(fade, fade, 255)
    }
}

/// flamegraph.pl's colour hints at the end of a frame name.
enum FrameAnnotation {
    case kernel, inlined, jit, waker

    init?(of name: String) {
        let u = name.utf8
        guard u.count >= 4 else { return nil }
        let tail = Array(u.suffix(4))
        guard tail[0] == UInt8(ascii: "_"), tail[1] == UInt8(ascii: "["), tail[3] == UInt8(ascii: "]") else { return nil }
        switch tail[2] {
        case UInt8(ascii: "k"): self = .kernel
        case UInt8(ascii: "i"): self = .inlined
        case UInt8(ascii: "j"): self = .jit
        case UInt8(ascii: "w"): self = .waker
        default: return nil
        }
    }

    /// `name` without its annotation, as flamegraph.pl labels frames.
    static func stripped(_ name: String) -> String {
        FrameAnnotation(of: name) == nil ? name : String(decoding: name.utf8.dropLast(4), as: UTF8.self)
    }
}

/// A name → colour map kept in a file (`--palette-file`), so that graphs drawn
/// at different times colour the same function alike. One `NAME->rgb(r,g,b)`
/// line per name, sorted, as flamegraph.pl's palette.map.
public struct PaletteMap: Sendable {
    /// Each name's colour.
    public private(set) var colors: [String: RGB] = [:]

    public init() {}

    /// Parses the file's text; lines that do not parse are ignored.
    public init(text: String) {
        for line in text.split(separator: "\n") {
            guard let arrow = Self.lastArrow(in: line) else { continue }
            let name = String(line[..<arrow])
            var spec = line[line.index(arrow, offsetBy: 2)...]
            guard spec.hasPrefix("rgb("), spec.hasSuffix(")") else { continue }
            spec = spec.dropFirst(4).dropLast()
            let parts = spec.split(separator: ",").compactMap { UInt8($0.trimmingCharacters(in: " ")) }
            if parts.count == 3 { colors[name] = RGB(parts[0], parts[1], parts[2]) }
        }
    }

    private static func lastArrow(in line: Substring) -> Substring.Index? {
        var i = line.endIndex
        while i > line.startIndex {
            i = line.index(before: i)
            if line[i] == "-", line.index(after: i) < line.endIndex, line[line.index(after: i)] == ">" { return i }
        }
        return nil
    }

    /// The remembered colour of `name`, or `fallback()` remembered from now on.
    public mutating func color(for name: String, _ fallback: () -> RGB) -> RGB {
        if let c = colors[name] { return c }
        let c = fallback()
        // A name with a line break cannot be stored in the line-based file.
        if !name.contains("\n") && !name.contains("\r") { colors[name] = c }
        return c
    }

    /// The file's text, sorted by name.
    public var text: String {
        colors.keys.sorted().map { "\($0)->\(colors[$0]!.svg)\n" }.joined()
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var s = self
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return s
    }
}
