import ArgumentParser
import ProfileCore
import ProfileFormats

/// flamegraph.pl's and inferno's drawing options, shared by `flamegraph`,
/// `diff --to flamegraph` and `convert --to flamegraph`. Every option is
/// nil until given, so that another output can refuse it.
struct FlameGraphOptions: ParsableArguments {
    @Option(help: "Title text (default: the sample type and total, as `goroutine profile: 2,003 goroutines`; \"Flame Graph\" for folded stacks).")
    var title: String?
    @Option(help: "Second line under the title.") var subtitle: String?
    @Option(help: ArgumentHelp("Image width in pixels, or `fluid` to follow the window's width (default 1200).", valueName: "px|fluid"))
    var width: String?
    @Option(help: ArgumentHelp("Frame height in pixels (default 16).", valueName: "px")) var height: Int?
    @Option(help: ArgumentHelp("Leave out frames narrower than this, in pixels or `N%` of the total (default 0.1).", valueName: "px|N%"))
    var minwidth: String?
    @Option(help: "Font family (default Verdana).") var fonttype: String?
    @Option(help: ArgumentHelp("Font size in pixels (default 12).", valueName: "px")) var fontsize: Double?
    @Option(help: "What the counts are (default from the sample type: samples, goroutines, bytes, …).") var countname: String?
    @Option(help: "Word before the name in the details line (default \"Function:\").") var nametype: String?
    @Option(help: "Notes stored in the SVG.") var notes: String?
    @Option(help: ArgumentHelp("Palette: \(Palette.allCases.map(\.rawValue).joined(separator: ", ")) (default go for Go profiles, else hot).", valueName: "name"))
    var colors: String?
    @Option(help: ArgumentHelp("Read and update a name→colour map, for consistent colours across graphs.", valueName: "file"))
    var paletteFile: String?
    @Flag(help: "Reverse stacks: leaf frames at the bottom.") var reverse = false
    @Flag(help: "Icicle graph: the root at the top.") var inverted = false
    @Flag(help: "Flame chart: keep stacks in input order instead of sorting them.") var flamechart = false
    @Flag(help: "Differential graphs: swap the hues (red shrinks, blue grows).") var negate = false
    @Flag(help: "Sort siblings by width instead of by name.") var sortByWeight = false

    /// The options given on the command line.
    var given: [String] {
        let values: [(String, Bool)] = [
            ("--title", title != nil), ("--subtitle", subtitle != nil), ("--width", width != nil),
            ("--height", height != nil), ("--minwidth", minwidth != nil), ("--fonttype", fonttype != nil),
            ("--fontsize", fontsize != nil), ("--countname", countname != nil), ("--nametype", nametype != nil),
            ("--notes", notes != nil), ("--colors", colors != nil), ("--palette-file", paletteFile != nil),
            ("--reverse", reverse), ("--inverted", inverted), ("--flamechart", flamechart),
            ("--negate", negate), ("--sort-by-weight", sortByWeight),
        ]
        return values.filter(\.1).map(\.0)
    }

    func validate() throws {
        _ = try parsed()
    }

    private func parsed() throws -> FlameGraphFormat.Options {
        var o = FlameGraphFormat.Options()
        o.title = title
        o.subtitle = subtitle
        if let width {
            if width == "fluid" {
                o.fluid = true
            } else {
                guard let w = Int(width), w >= 50, w <= 1_000_000 else { throw ValidationError("--width must be a number of pixels (50 or more) or `fluid`") }
                o.width = w
            }
        }
        if let height {
            guard height >= 2 && height <= 1000 else { throw ValidationError("--height must be between 2 and 1000 pixels") }
            o.frameHeight = height
        }
        if let minwidth { o.minWidth = try Self.minWidth(minwidth) }
        if let fonttype { o.fontType = fonttype }
        if let fontsize {
            guard fontsize > 0 && fontsize <= 200 else { throw ValidationError("--fontsize must be between 0 and 200") }
            o.fontSize = fontsize
        }
        o.countName = countname
        if let nametype { o.nameType = nametype }
        o.notes = notes
        if let colors {
            guard let p = Palette(rawValue: colors) else {
                throw ValidationError("unknown palette '\(colors)'; choose one of \(Palette.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            o.palette = p
        }
        o.layout.reverse = reverse
        o.layout.flameChart = flamechart
        o.layout.sortByWeight = sortByWeight
        o.inverted = inverted
        o.negate = negate
        return o
    }

    private static func minWidth(_ text: String) throws -> FlameGraphFormat.Options.MinWidth {
        if text.hasSuffix("%") {
            guard let p = Double(text.dropLast()), p >= 0, p <= 100 else { throw ValidationError("--minwidth N% needs 0 ≤ N ≤ 100") }
            return .percent(p)
        }
        guard let px = Double(text), px >= 0, px.isFinite else { throw ValidationError("--minwidth must be pixels (0.1) or a percentage (0.5%)") }
        return .pixels(px)
    }

    /// Stores the options; the palette file is read here, once, and saved
    /// by the output stage after the last graph.
    func apply(to options: inout WriteOptions) throws {
        var o = try parsed()
        if let paletteFile { o.paletteMemory = try PaletteMemory(path: paletteFile) }
        options[FlameGraphFormat.Options.self] = o
    }
}
