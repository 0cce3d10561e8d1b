import ProfileCore

/// Draws a ``FlameLayout`` as an SVG document with flamegraph.pl's geometry:
/// 10 px side padding, frames `frameHeight` tall with a 1 px gap, labels
/// truncated with `..` to the width a font of `fontSize` allows.
struct FlameGraphWriter {
    let layout: FlameLayout
    let options: FlameGraphFormat.Options
    var paletteMap: PaletteMap
    /// `file:line` per name id of the layout, for the tooltips; empty when
    /// the profile has no lines.
    var sources: [String?] = []
    /// flamegraph.pl's side padding.
    static let padding = 10.0
    private let xpad = FlameGraphWriter.padding
    private var labelCache: [Int32: (label: String, color: RGB, annotation: String?)] = [:]

    init(layout: FlameLayout, options: FlameGraphFormat.Options, paletteMap: PaletteMap) {
        self.layout = layout
        self.options = options
        self.paletteMap = paletteMap
    }

    private var countName: String { options.countName ?? "samples" }

    mutating func write(to sink: ByteSink) throws {
        let o = options
        let total = layout.total
        let width = Double(o.width)
        let perSample = Self.perSample(total: total, options: o)
        let minSamples = Self.minSamples(total: total, options: o)
        let visible = layout.visibleFrames(minWidth: minSamples)
        let depthMax = layout.maxDepth(of: visible)
        let fontSize = o.fontSize
        let hasSubtitle = !(o.subtitle ?? "").isEmpty
        let ypad1 = fontSize * 3 + (hasSubtitle ? fontSize * 2 : 0)
        let ypad2 = fontSize * 2 + 10
        let frameHeight = Double(o.frameHeight)
        let height = Double(depthMax + 1) * frameHeight + ypad1 + ypad2
        let title = o.title ?? (o.layout.flameChart ? "Flame Chart" : o.inverted ? "Icicle Graph" : "Flame Graph")

        let xml = try XMLOutput(to: sink)
        try xml.startDocument()
        try xml.doctype("svg", publicID: "-//W3C//DTD SVG 1.1//EN", systemID: "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd")
        try xml.start("svg")
        try xml.attribute("version", "1.1")
        try xml.attribute("width", o.fluid ? "100%" : String(o.width))
        try xml.attribute("height", Self.fixed(height, 0))
        if !o.fluid { try xml.attribute("viewBox", "0 0 \(o.width) \(Self.fixed(height, 0))") }
        try xml.attribute("xmlns", "http://www.w3.org/2000/svg")
        try xml.attribute("xmlns:xlink", "http://www.w3.org/1999/xlink")
        try xml.attribute("xmlns:fg", "urn:profconv:flamegraph")
        for (k, v) in [("fg:xpad", Self.fixed(xpad, 0)), ("fg:frameheight", Self.fixed(frameHeight, 0)),
                       ("fg:fontsize", Self.fixed(fontSize, 1)), ("fg:fontwidth", Self.fixed(o.fontWidth, 2)),
                       ("fg:inverted", o.inverted ? "1" : "0"), ("fg:fluid", o.fluid ? "1" : "0"),
                       ("fg:nametype", o.nameType)] {
            try xml.attribute(k, v)
        }
        try xml.newline()
        if let notes = o.notes, !notes.isEmpty { try xml.element("desc", ["id": "notes"], text: notes) }
        try writeDefs(xml)
        try xml.element("rect", ["x": "0", "y": "0", "width": "100%", "height": Self.fixed(height, 0), "fill": "url(#background)"])
        let mid = o.fluid ? "50%" : Self.fixed(width / 2, 0)
        let right = { (offset: Double) in o.fluid ? Self.fixed(100 - offset / width * 100, 4) + "%" : Self.fixed(width - offset, 0) }
        try xml.element("text", ["id": "title", "x": mid, "y": Self.fixed(fontSize * 2, 0)], text: title)
        if hasSubtitle {
            try xml.element("text", ["id": "subtitle", "x": mid, "y": Self.fixed(fontSize * 4, 0)], text: o.subtitle!)
        }
        try xml.element("text", ["id": "details", "x": Self.fixed(xpad, 0), "y": Self.fixed(height - ypad2 / 2, 0)], text: " ")
        try xml.element("text", ["id": "unzoom", "class": "hide", "x": Self.fixed(xpad, 0), "y": Self.fixed(fontSize * 2, 0)], text: "Reset Zoom")
        try xml.element("text", ["id": "search", "x": right(xpad + 100), "y": Self.fixed(fontSize * 2, 0)], text: "Search")
        try xml.element("text", ["id": "ignorecase", "x": right(xpad + 16), "y": Self.fixed(fontSize * 2, 0)], text: "ic")
        try xml.element("text", ["id": "matched", "x": right(xpad + 100), "y": Self.fixed(height - ypad2 / 2, 0)], text: " ")
        try xml.newline()

        try xml.start("g")
        try xml.attribute("id", "frames")
        try xml.attribute("fg:total", String(total))
        try xml.newline()
        let maxDelta = layout.isDifferential ? visible.reduce(Int64(0)) { max($0, delta(layout.frames[$1]).saturatingMagnitude) } : 0
        for i in visible {
            let f = layout.frames[i]
            let x1 = xpad + Double(f.start) * perSample
            let w = Double(f.value) * perSample
            let y1 = o.inverted ? ypad1 + Double(f.depth) * frameHeight
                                : height - ypad2 - Double(f.depth + 1) * frameHeight + 1
            let (label, color, annotation) = labelAndColor(f.name)
            let fill = layout.isDifferential ? Palette.differential(delta: delta(f), maxDelta: maxDelta) : color
            try xml.start("g")
            try xml.element("title", [:], text: titleText(f, label: label))
            try xml.element("rect", [
                "x": o.fluid ? Self.fixed(x1 / width * 100, 4) + "%" : Self.fixed(x1, 1),
                "y": Self.fixed(y1, 1),
                "width": o.fluid ? Self.fixed(w / width * 100, 4) + "%" : Self.fixed(w, 1),
                "height": Self.fixed(frameHeight - 1, 1),
                "fill": fill.svg, "rx": "2", "ry": "2",
                "fg:x": String(f.start), "fg:w": String(f.value),
            ], extra: annotation.map { ("fg:a", $0) })
            try xml.element("text", [
                "x": o.fluid ? Self.fixed((x1 + 3) / width * 100, 4) + "%" : Self.fixed(x1 + 3, 2),
                "y": Self.fixed(y1 + (frameHeight - 1) / 2 + 3, 2),
            ], text: Self.truncated(label, toWidth: w, fontSize: fontSize, fontWidth: o.fontWidth))
            try xml.end()
            try xml.newline()
            if sink.count & 0xFF == 0 { try xml.drain() }
        }
        try xml.end()
        try xml.newline()
        try xml.end()
        try xml.newline()
        try xml.finish()
        try sink.flush()
    }

    /// Pixels per sample unit.
    static func perSample(total: Int64, options o: FlameGraphFormat.Options) -> Double {
        total > 0 ? (Double(o.width) - 2 * padding) / Double(total) : 0
    }

    /// `--minwidth` in sample units: known from the total alone, so the
    /// layout can prune with it before anything is drawn.
    static func minSamples(total: Int64, options o: FlameGraphFormat.Options) -> Double {
        switch o.minWidth {
        case .pixels(let px):
            let perSample = perSample(total: total, options: o)
            return perSample > 0 ? px / perSample : 0
        case .percent(let pct): return pct / 100 * Double(total)
        }
    }

    /// New minus base, or the reverse with `--negate`.
    private func delta(_ f: FlameLayout.Frame) -> Int64 {
        let d = f.value.saturatingSubtract(f.base)
        return options.negate ? Int64(0).saturatingSubtract(d) : d
    }

    private func writeDefs(_ xml: XMLOutput) throws {
        try xml.start("defs")
        try xml.start("linearGradient")
        for (k, v) in [("id", "background"), ("y1", "0"), ("y2", "1"), ("x1", "0"), ("x2", "0")] { try xml.attribute(k, v) }
        try xml.element("stop", ["stop-color": "#eeeeee", "offset": "5%"])
        try xml.element("stop", ["stop-color": "#eeeeb0", "offset": "95%"])
        try xml.end()
        try xml.end()
        try xml.newline()
        try xml.start("style")
        try xml.attribute("type", "text/css")
        try xml.text("text { font-family: \(Self.cssString(options.fontType)); font-size: \(Self.fixed(options.fontSize, 1))px; }\n")
        try xml.cdata(String(decoding: PackageResources.flamegraph_css, as: UTF8.self))
        try xml.end()
        try xml.newline()
        try xml.start("script")
        try xml.attribute("type", "text/ecmascript")
        try xml.cdata(String(decoding: PackageResources.flamegraph_js, as: UTF8.self))
        try xml.end()
        try xml.newline()
    }

    /// The label (annotation stripped), palette colour and annotation letter
    /// (kept as `fg:a` so that reading the SVG back restores the name), once per name.
    private mutating func labelAndColor(_ id: Int32) -> (String, RGB, String?) {
        if let c = labelCache[id] { return c }
        let raw = id < 0 ? "all" : layout.names.names[Int(id)]
        let palette = options.palette ?? .hot
        let color = paletteMap.color(for: raw) { palette.color(for: raw) }
        let label = FrameAnnotation.stripped(raw)
        let annotation = label.utf8.count == raw.utf8.count ? nil : String(raw.utf8.dropFirst(label.utf8.count + 2).prefix(1))!
        let entry = (label, color, annotation)
        labelCache[id] = entry
        return entry
    }

    /// `NAME (1,234 samples, 12.34%)`, with `; +D%` in differential graphs.
    private func titleText(_ f: FlameLayout.Frame, label: String) -> String {
        let total = layout.total
        let count = Self.grouped(f.value) + " " + countName
        if f.depth == 0 && !layout.isDifferential { return "all (\(count), 100%)" }
        let pct = Self.fixed(total > 0 ? 100 * Double(f.value) / Double(total) : 0, 2)
        // After the percentages, so readers that stop at `%` still parse it.
        let source = f.name >= 0 && Int(f.name) < sources.count ? sources[Int(f.name)].map { ", " + $0 } ?? "" : ""
        guard layout.isDifferential else { return "\(label) (\(count), \(pct)%\(source))" }
        let d = delta(f)
        let dpct = Self.fixed(total > 0 ? 100 * Double(d) / Double(total) : 0, 2)
        return "\(label) (\(count), \(pct)%; \(d > 0 ? "+" : "")\(dpct)%\(source))"
    }

    /// flamegraph.pl's label: the whole name if it fits, else a prefix and `..`,
    /// nothing when fewer than three characters fit.
    static func truncated(_ name: String, toWidth w: Double, fontSize: Double, fontWidth: Double) -> String {
        let chars = Int(w / (fontSize * fontWidth))
        if chars < 3 { return "" }
        if name.count <= chars { return name }
        return String(name.prefix(chars - 2)) + ".."
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ v: Int64) -> String {
        let digits = Array(String(v.magnitude))
        var out = v < 0 ? "-" : ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    /// `x` with `places` decimals, rounded half away from zero; no locale, no `-0`.
    static func fixed(_ x: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let n = Int64(saturating: (abs(x) * scale).rounded())
        var s = String(n)
        if places > 0 {
            if s.count <= places { s = String(repeating: "0", count: places - s.count + 1) + s }
            s.insert(".", at: s.index(s.endIndex, offsetBy: -places))
        }
        return x < 0 && n != 0 ? "-" + s : s
    }

    /// A CSS string literal for a font name, keeping only harmless characters.
    static func cssString(_ s: String) -> String {
        let safe = s.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil || " -_,".unicodeScalars.contains($0) }
        return String(String.UnicodeScalarView(safe))
    }
}
