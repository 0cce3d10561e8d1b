import ArgumentParser
import ProfileCore
import ProfileFormats

struct FlameGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flamegraph",
        abstract: "Draw an interactive flame graph SVG.",
        discussion: """
            Any readable input can be drawn; several inputs are merged. With --diff-base the \
            graph shows the inputs against a base profile: red frames grew, blue ones shrank. \
            A two-column folded input (`stack before after`) is drawn the same way.

              profconv flamegraph cpu.pb.gz -o cpu.svg
              profconv flamegraph goroutine.txt --colors go --title Goroutines -o g.svg
              profconv flamegraph --diff-base before.pb.gz after.pb.gz -o diff.svg
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var sample: SampleOptions
    @OptionGroup(title: "Flame graph options") var flame: FlameGraphOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The output SVG; - or none for standard output.", valueName: "file"))
    var output: String = "-"

    @Option(name: .long, help: ArgumentHelp("Draw a differential graph against this profile.", valueName: "file"))
    var diffBase: String?

    func run() throws {
        try Console.reportingErrors {
            let profile = try input.load()
            var options = WriteOptions(sampleIndex: sample.sampleIndex)
            try flame.apply(to: &options)
            options[FlameGraphFormat.Options.self].source = (diffBase.map { "\($0) → " } ?? "") + input.inputs.joined(separator: ", ")
            if let diffBase {
                let format = input.from.flatMap(FormatRegistry.format(named:))
                options[FlameGraphFormat.Options.self].base = try Loader.read(diffBase, format: format, options: input.readOptions).profile
            }
            let out = try Files.Output(path: output)
            try FlameGraphFormat.write(profile, options: options, to: out.sink)
            try out.commit()
        }
    }
}

/// flamegraph.pl's and inferno's drawing options, shared by `flamegraph` and `convert --to flamegraph`.
struct FlameGraphOptions: ParsableArguments {
    @Option(help: "Title text (default: the profile's type and total, e.g. `goroutine profile: 2,003 goroutines`; \"Flame Graph\" for folded stacks).") var title: String?
    @Option(help: "Second line under the title (default: the input's name and the profile's time).") var subtitle: String?
    @Option(help: ArgumentHelp("Image width in pixels, or `fluid` to follow the window's width.", valueName: "px|fluid"))
    var width: String = "1200"
    @Option(help: ArgumentHelp("Frame height in pixels.", valueName: "px")) var height: Int = 16
    @Option(help: ArgumentHelp("Leave out frames narrower than this, in pixels or `N%` of the total.", valueName: "px|N%"))
    var minwidth: String = "0.1"
    @Option(help: "Font family.") var fonttype: String = "Verdana"
    @Option(help: ArgumentHelp("Font size in pixels.", valueName: "px")) var fontsize: Double = 12
    @Option(help: "What the counts are (default from the sample type: samples, goroutines, bytes, …).") var countname: String?
    @Option(help: "Word before the name in the details line.") var nametype: String = "Function:"
    @Option(help: "Notes stored in the SVG.") var notes: String?
    @Option(help: ArgumentHelp("Palette: \(Palette.allCases.map(\.rawValue).joined(separator: ", ")) (default: go for Go profiles, else hot).", valueName: "name"))
    var colors: String?
    @Option(help: ArgumentHelp("Read and update a name→colour map, for consistent colours across graphs.", valueName: "file"))
    var paletteFile: String?
    @Flag(help: "Reverse stacks: leaf frames at the bottom.") var reverse = false
    @Flag(help: "Icicle graph: the root at the top.") var inverted = false
    @Flag(help: "Flame chart: keep stacks in input order instead of sorting them.") var flamechart = false
    @Flag(help: "Differential graphs: swap the hues (red shrinks, blue grows).") var negate = false
    @Flag(help: "Sort siblings by width instead of by name.") var sortByWeight = false

    func validate() throws {
        _ = try parsed()
    }

    private func parsed() throws -> FlameGraphFormat.Options {
        var o = FlameGraphFormat.Options()
        o.title = title
        o.subtitle = subtitle
        if width == "fluid" {
            o.fluid = true
        } else {
            guard let w = Int(width), w >= 50, w <= 1_000_000 else { throw ValidationError("--width must be a number of pixels (50 or more) or `fluid`") }
            o.width = w
        }
        guard height >= 2 && height <= 1000 else { throw ValidationError("--height must be between 2 and 1000 pixels") }
        o.frameHeight = height
        if minwidth.hasSuffix("%") {
            guard let p = Double(minwidth.dropLast()), p >= 0, p <= 100 else { throw ValidationError("--minwidth N% needs 0 ≤ N ≤ 100") }
            o.minWidth = .percent(p)
        } else {
            guard let px = Double(minwidth), px >= 0, px.isFinite else { throw ValidationError("--minwidth must be pixels (0.1) or a percentage (0.5%)") }
            o.minWidth = .pixels(px)
        }
        o.fontType = fonttype
        guard fontsize > 0 && fontsize <= 200 else { throw ValidationError("--fontsize must be between 0 and 200") }
        o.fontSize = fontsize
        o.countName = countname
        o.nameType = nametype
        o.notes = notes
        if let colors {
            guard let p = Palette(rawValue: colors) else {
                throw ValidationError("unknown palette '\(colors)'; choose one of \(Palette.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            o.palette = p
        }
        o.paletteFile = paletteFile
        o.layout.reverse = reverse
        o.layout.flameChart = flamechart
        o.layout.sortByWeight = sortByWeight
        o.inverted = inverted
        o.negate = negate
        return o
    }

    func apply(to options: inout WriteOptions) throws {
        options[FlameGraphFormat.Options.self] = try parsed()
    }
}
