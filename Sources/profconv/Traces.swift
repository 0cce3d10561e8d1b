import ArgumentParser
import ProfileCore
import ProfileFormats

struct Traces: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traces",
        abstract: "Print every sample's stack with its labels, like `go tool pprof -traces`.")

    @OptionGroup var input: InputOptions
    @OptionGroup(title: "Reading") var reading: ReadingOptions
    @OptionGroup(title: "Transform") var transform: TransformOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions
    @OptionGroup(title: "Diff") var diff: DiffBaseOptions
    @OptionGroup(title: "Names") var names: DemangleOptions

    func run() throws {
        try Console.reportingErrors {
            var options = WriteOptions()
            names.apply(to: &options)
            var pipeline = Pipeline(loader: try input.loader(reading), transform: try transform.transform(filters),
                                    format: TracesFormat.self, writeOptions: options)
            pipeline.transform.normalize = diff.normalize
            Console.show(try pipeline.run(input.sources, base: diff.sources, to: ProfileOutput()))
        }
    }
}
