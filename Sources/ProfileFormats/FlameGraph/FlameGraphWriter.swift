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
    private var nameCache: [NameEntry?] = []
    /// ` samples` (or the `--countname`), escaped; and its singular, for a count of one.
    private let countNameText: [UInt8]
    private let countNameSingularText: [UInt8]

    init(layout: FlameLayout, options: FlameGraphFormat.Options, paletteMap: PaletteMap) {
        self.layout = layout
        self.options = options
        self.paletteMap = paletteMap
        var text = SVGBytes()
        text.appendText(" " + (options.countName ?? "samples"))
        countNameText = text.bytes
        var one = SVGBytes()
        one.appendText(" " + CountWords.singular(options.countName ?? "samples"))
        countNameSingularText = one.bytes
    }

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
        try xml.drain()
        let maxDelta = layout.isDifferential ? visible.reduce(Int64(0)) { max($0, delta(layout.frames[$1]).saturatingMagnitude) } : 0
        var out = SVGBytes(capacity: Self.chunk + 4096)
        var rectHeight = SVGBytes()
        rectHeight.append(fixed: frameHeight - 1, 1)
        for i in visible {
            let f = layout.frames[i]
            let x1 = xpad + Double(f.start) * perSample
            let w = Double(f.value) * perSample
            let y1 = o.inverted ? ypad1 + Double(f.depth) * frameHeight
                                : height - ypad2 - Double(f.depth + 1) * frameHeight + 1
            let name = nameEntry(f.name)
            out.append("<g><title>")
            writeTitle(f, name, to: &out)
            out.append("</title><rect x=\"")
            if o.fluid { out.append(fixed: x1 / width * 100, 4); out.append("%") } else { out.append(fixed: x1, 1) }
            out.append("\" y=\"")
            out.append(fixed: y1, 1)
            out.append("\" width=\"")
            if o.fluid { out.append(fixed: w / width * 100, 4); out.append("%") } else { out.append(fixed: w, 1) }
            out.append("\" height=\"")
            out.append(rectHeight.bytes)
            out.append("\" fill=\"")
            if layout.isDifferential {
                out.appendAttribute(Palette.differential(delta: delta(f), maxDelta: maxDelta).svg)
            } else {
                out.append(name.fill)
            }
            out.append("\" rx=\"2\" ry=\"2\" fg:x=\"")
            out.append(decimal: f.start)
            out.append("\" fg:w=\"")
            out.append(decimal: f.value)
            if let a = name.annotation {
                out.append("\" fg:a=\"")
                out.append(a)
            }
            out.append("\"/><text x=\"")
            if o.fluid { out.append(fixed: (x1 + 3) / width * 100, 4); out.append("%") } else { out.append(fixed: x1 + 3, 2) }
            out.append("\" y=\"")
            out.append(fixed: y1 + (frameHeight - 1) / 2 + 3, 2)
            out.append("\">")
            writeLabel(name, width: w, to: &out)
            out.append("</text></g>\n")
            if out.bytes.count >= Self.chunk {
                try sink.write(out.bytes)
                out.bytes.removeAll(keepingCapacity: true)
            }
        }
        try sink.write(out.bytes)
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

    /// Frames go to the sink in chunks of about this many bytes.
    private static let chunk = 1 << 16

    /// What every frame of one name shares, escaped once: the label
    /// (annotation stripped), its palette colour, the annotation letter (kept
    /// as `fg:a` so that reading the SVG back restores the name) and the
    /// `file:line` of the tooltip.
    private struct NameEntry {
        var label: String
        var labelText: [UInt8]
        var fill: [UInt8]
        var annotation: [UInt8]?
        var source: [UInt8]
    }

    /// The entry of name `id` (-1 for the root), made on first use.
    private mutating func nameEntry(_ id: Int32) -> NameEntry {
        let slot = Int(id) + 1
        if slot < nameCache.count, let e = nameCache[slot] { return e }
        if nameCache.count != layout.names.names.count + 1 { nameCache = Array(repeating: nil, count: layout.names.names.count + 1) }
        let raw = id < 0 ? "all" : layout.names.names[Int(id)]
        let palette = options.palette ?? .hot
        let color = paletteMap.color(for: raw) { palette.color(for: raw) }
        let label = FrameAnnotation.stripped(raw)
        var labelText = SVGBytes(), fill = SVGBytes(), source = SVGBytes()
        labelText.appendText(label)
        fill.appendAttribute(color.svg)
        var annotation: [UInt8]?
        if label.utf8.count != raw.utf8.count {
            var a = SVGBytes()
            a.appendAttribute(String(raw.utf8.dropFirst(label.utf8.count + 2).prefix(1))!)
            annotation = a.bytes
        }
        // After the percentages, so readers that stop at `%` still parse it.
        if id >= 0 && Int(id) < sources.count, let s = sources[Int(id)] { source.appendText(", " + s) }
        let e = NameEntry(label: label, labelText: labelText.bytes, fill: fill.bytes, annotation: annotation, source: source.bytes)
        nameCache[slot] = e
        return e
    }

    /// `NAME (1,234 samples, 12.34%)`, with `; +D%` in differential graphs.
    private func writeTitle(_ f: FlameLayout.Frame, _ name: NameEntry, to out: inout SVGBytes) {
        let total = layout.total
        if f.depth == 0 && !layout.isDifferential {
            out.append("all (")
            writeCount(f.value, to: &out)
            out.append(", 100%)")
            return
        }
        out.append(name.labelText)
        out.append(" (")
        writeCount(f.value, to: &out)
        out.append(", ")
        out.append(fixed: total > 0 ? 100 * Double(f.value) / Double(total) : 0, 2)
        out.append("%")
        if layout.isDifferential {
            let d = delta(f)
            out.append("; ")
            if d > 0 { out.append("+") }
            out.append(fixed: total > 0 ? 100 * Double(d) / Double(total) : 0, 2)
            out.append("%")
        }
        out.append(name.source)
        out.append(")")
    }

    private func writeCount(_ v: Int64, to out: inout SVGBytes) {
        out.append(grouped: v)
        out.append(v == 1 ? countNameSingularText : countNameText)
    }

    /// The label that fits `w` pixels: the escaped name when it surely fits
    /// (no more bytes than characters fit), else ``truncated(_:toWidth:fontSize:fontWidth:)``.
    private func writeLabel(_ name: NameEntry, width w: Double, to out: inout SVGBytes) {
        let chars = Int(w / (options.fontSize * options.fontWidth))
        if chars < 3 { return }
        if name.label.utf8.count <= chars { return out.append(name.labelText) }
        out.appendText(Self.truncated(name.label, toWidth: w, fontSize: options.fontSize, fontWidth: options.fontWidth))
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
        var b = SVGBytes()
        b.append(grouped: v)
        return String(decoding: b.bytes, as: UTF8.self)
    }

    /// `x` with `places` (0 to 4) decimals, rounded half away from zero; no locale, no `-0`.
    static func fixed(_ x: Double, _ places: Int) -> String {
        var b = SVGBytes()
        b.append(fixed: x, places)
        return String(decoding: b.bytes, as: UTF8.self)
    }

    /// A CSS string literal for a font name, keeping only harmless characters.
    static func cssString(_ s: String) -> String {
        let safe = s.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil || " -_,".unicodeScalars.contains($0) }
        return String(String.UnicodeScalarView(safe))
    }
}
