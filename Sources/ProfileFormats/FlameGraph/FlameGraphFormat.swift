import ProfileCore

/// Interactive flame graph SVG, in the form flamegraph.pl draws: one `<g>` per
/// frame with `<title>NAME (1,234 samples, 12.34%)</title>`, a `<rect>` and a
/// `<text>` label, plus our own script for zoom and search. Read back, such
/// an SVG (from flamegraph.pl, inferno or profconv) gives its stacks again.
public enum FlameGraphFormat: ProfileReader, ProfileWriter {
    public static let name = "flamegraph"
    public static let aliases = ["svg", "flame"]
    public static let extensions = ["svg"]
    public static let summary = "interactive flame graph SVG (flamegraph.pl/inferno compatible); read back to stacks"

    /// How the graph is drawn; names follow flamegraph.pl's options.
    public struct Options: FormatOptions {
        /// The narrowest frame drawn: in pixels, or as a percentage of the total.
        public enum MinWidth: Equatable, Sendable {
            /// At least this many pixels wide (`--minwidth 0.1`).
            case pixels(Double)
            /// At least this percentage of the total (`--minwidth 0.5%`).
            case percent(Double)
        }
        /// nil: the profile's type and total (`goroutine profile: 2,003
        /// goroutines`, `cpu: 4.52 s`); for folded stacks and differential
        /// graphs "Flame Graph", "Icicle Graph" or "Flame Chart".
        public var title: String?
        /// nil: the inputs' names (``WriteContext/sources``; `base → new`
        /// for a diff) and the profile's time, when known.
        public var subtitle: String?
        /// Image width in pixels (also the nominal width of a fluid graph).
        public var width = 1200
        /// Scale to the browser window's width (positions in percent).
        public var fluid = false
        /// Frame height in pixels.
        public var frameHeight = 16
        /// Frames narrower than this are left out (their time stays in the parent).
        public var minWidth = MinWidth.pixels(0.1)
        /// The font family (`--fonttype`).
        public var fontType = "Verdana"
        /// The font size in points (`--fontsize`).
        public var fontSize = 12.0
        /// Average glyph width as a fraction of the font size, for truncating labels.
        public var fontWidth = 0.59
        /// nil: from the sample type (samples, goroutines, bytes, nanoseconds, …).
        public var countName: String?
        /// The word before a frame's name in tooltips (`--nametype`).
        public var nameType = "Function:"
        /// Text kept in the SVG as a `<desc id="notes">` element (`--notes`); nil for none.
        public var notes: String?
        /// nil: `go` when the frames are Go functions, else `hot`.
        public var palette: Palette?
        /// Name → colour map consulted while drawing and given the colours of
        /// new names (`--palette-file`: the output stage reads and saves it).
        public var paletteMemory: PaletteMemory?
        /// Frame order and pruning.
        public var layout = FlameLayout.Options()
        /// Icicle graph: the root at the top.
        public var inverted = false
        /// Differential graphs: swap the hues (blue grows, red shrinks).
        public var negate = false
        public init() {}
    }

    /// A diff is drawn red where it grew and blue where it shrank.
    public static var drawsDifferences: Bool { true }

    /// An XML document with an `<svg>` element whose frame titles look like
    /// flamegraph.pl's (`…%)</title>`).
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        let text = Array(prefix)
        var start = 0
        while start < text.count && (text[start] == 0x20 || text[start] == 0x0A || text[start] == 0x0D || text[start] == 0x09) { start += 1 }
        guard start < text.count, text[start] == UInt8(ascii: "<") else { return .no }
        return contains(text, "<svg") && (contains(text, "%)</title>") || contains(text, "fg:w=\"")) ? .certainly : .no
    }

    private static func contains(_ hay: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard hay.count >= n.count else { return false }
        var i = 0
        while i <= hay.count - n.count {
            if hay[i] == n[0] {
                var k = 1
                while k < n.count && hay[i + k] == n[k] { k += 1 }
                if k == n.count { return true }
            }
            i += 1
        }
        return false
    }

    /// A `.svg` whose frame titles lie beyond the sniffed prefix.
    public static var undecidedInputEndings: [String] { ["svg"] }

    /// The `--palette-file` shared by every graph of a command, saved once.
    public static func finishWrites(_ options: WriteOptions) throws {
        try options[Options.self].paletteMemory?.save()
    }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        try FlameGraphReader.read(input, warnings: &warnings)
    }

    /// Stacks are merged and sorted as flamegraph.pl sorts lines, and tooltip
    /// lines are weighted by sums; only a flame chart keeps sample order.
    public static func writesMergedStacksOnly(_ options: WriteOptions) -> Bool {
        !options[Options.self].layout.flameChart
    }

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        let o = options[Options.self]
        let index = try profile.sampleIndex(for: options.sampleIndex)
        let stacks: FlameStacks
        if let baseIndex = options.context.diffBaseIndex
            ?? profile.sampleTypes.firstIndex(where: { profile.strings[$0.type] == "base" }), baseIndex != index {
            // A diff, or a two-column folded input (`stack before after`).
            stacks = FlameStacks(StackSet(profile, sampleIndices: [index, baseIndex]), valueColumn: 0, baseColumn: 1)
        } else {
            stacks = FlameStacks(StackSet(profile, sampleIndices: [index]), valueColumn: 0)
        }
        var drawing = o
        if drawing.countName == nil { drawing.countName = countName(profile.sampleTypes[index], profile.strings) }
        let layout = FlameLayout(stacks, options: o.layout,
                                 minWidth: FlameGraphWriter.minSamples(total: stacks.total, options: drawing))
        let heading = FlameHeading(profile, sampleIndex: index)
        if drawing.title == nil && !layout.isDifferential { drawing.title = heading.title(total: layout.total) }
        if drawing.subtitle == nil { drawing.subtitle = heading.subtitle(source: source(options.context)) }
        if drawing.palette == nil { drawing.palette = heading.isGo ? .go : .hot }
        var writer = FlameGraphWriter(layout: layout, options: drawing, paletteMap: o.paletteMemory?.map ?? PaletteMap())
        writer.sources = SourceLines(profile, sampleIndex: index).byName(layout.names)
        try writer.write(to: output)
        o.paletteMemory?.remember(writer.paletteMap)
    }

    /// The inputs as the subtitle names them: `new.pb.gz`, or for a diff
    /// `base.pb.gz → new.pb.gz`.
    static func source(_ context: WriteContext) -> String? {
        let new = context.sources.joined(separator: ", ")
        if context.baseSources.isEmpty { return new.isEmpty ? nil : new }
        return context.baseSources.joined(separator: ", ") + " → " + new
    }

    /// What the width counts, in the plural, from the sample type.
    static func countName(_ type: ValueType, _ strings: StringTable) -> String {
        let name = strings[type.type], unit = strings[type.unit]
        if unit != "count" && !unit.isEmpty { return unit }
        switch name {
        case "goroutine", "goroutines": return "goroutines"
        case "threadcreate": return "threads"
        case "", "base": return "samples"
        default: return name.hasSuffix("_objects") ? "objects" : name
        }
    }
}
