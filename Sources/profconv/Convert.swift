import ArgumentParser
import ProfileCore
import ProfileFormats

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert profiles from one format to another.",
        discussion: """
            Several inputs are merged into one profile. The output format follows from \
            the output file's extension (.pb.gz, .pb, .folded, …) or --to. Filters and \
            the sample index act on every output format, as in go tool pprof.

              profconv convert goroutine.txt -o goroutine.pb.gz
              profconv convert cpu.pb.gz --to folded --focus 'main\\.' | head
              profconv convert http://127.0.0.1:6060/debug/pprof/heap -o heap.pb.gz
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup(title: "Reading") var reading: ReadingOptions
    @OptionGroup(title: "Transform") var transform: TransformOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions
    @OptionGroup(title: "Diff") var diff: DiffBaseOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Folded output") var folded: FoldedOutputOptions
    @OptionGroup(title: "Flame graph output") var flame: FlameGraphOptions
    @OptionGroup(title: "Call graphs and top (dot, graphml, callgraph, top)") var trim: ReportTrimOptions
    @OptionGroup(title: "Reports (top, traces, dot, graphml, callgraph, callgrind)") var names: DemangleOptions
    var formatOptions: FormatOptionGroups { FormatOptionGroups(folded: folded, flame: flame, trim: trim, names: names) }

    func validate() throws {
        try formatOptions.refuseOptions(notFor: try output.format())
    }

    func run() throws {
        try Console.reportingErrors {
            var options = WriteOptions()
            try formatOptions.apply(to: &options)
            var pipeline = Pipeline(loader: try input.loader(reading), transform: try transform.transform(filters),
                                    format: try output.format(), writeOptions: options)
            pipeline.transform.normalize = diff.normalize
            Console.show(try pipeline.run(input.sources, base: diff.sources, to: output.target))
        }
    }
}

/// pprof's `-diff_base`: compare the inputs with a base profile.
struct DiffBaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Show the inputs against this base profile (repeatable; merged): a flame graph draws red growth and blue shrinkage, other outputs show new − base.",
        valueName: "input"))
    var diffBase: [String] = []

    @Flag(name: .long, help: "With --diff-base: scale the inputs to the base's total first (pprof's -normalize).")
    var normalize = false

    func validate() throws {
        if normalize && diffBase.isEmpty { throw ValidationError("--normalize needs --diff-base") }
    }

    var sources: [ProfileSource] { diffBase.map(ProfileSource.init) }
}
