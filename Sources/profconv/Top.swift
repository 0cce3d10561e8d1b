import ArgumentParser
import ProfileCore
import ProfileFormats

struct Top: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "Print the functions with the highest values, like `go tool pprof -top`.",
        discussion: """
              profconv top cpu.pb.gz -n 20
              profconv top heap.pb.gz --sample-index alloc_space --cum --format csv
              profconv top http://127.0.0.1:6060/debug/pprof/goroutine --hide-runtime
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup(title: "Reading") var reading: ReadingOptions
    @OptionGroup(title: "Transform") var transform: TransformOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions
    @OptionGroup(title: "Diff") var diff: DiffBaseOptions
    @OptionGroup(title: "Trimming") var trim: ReportTrimOptions
    @OptionGroup(title: "Names") var names: DemangleOptions

    @Option(name: .short, help: "Show at most N rows (the same as --nodecount).")
    var n: Int?
    @Flag(name: .long, help: "Sort by cumulative value instead of flat.")
    var cum = false
    @Option(name: .long, help: "text (pprof's table), csv or json.")
    var format: TopFormat.Style = .text

    func validate() throws {
        if let n, n < 0 { throw ValidationError("-n must be 0 or more") }
    }

    func run() throws {
        try Console.reportingErrors {
            var options = WriteOptions()
            trim.apply(to: &options)
            names.apply(to: &options)
            if let n { options[ReportOptions.self].nodeCount = n }
            options[ReportOptions.self].cumSort = cum
            options[TopFormat.Options.self].style = format
            var pipeline = Pipeline(loader: try input.loader(reading), transform: try transform.transform(filters),
                                    format: TopFormat.self, writeOptions: options)
            pipeline.transform.normalize = diff.normalize
            Console.show(try pipeline.run(input.sources, base: diff.sources, to: ProfileOutput()))
        }
    }
}
