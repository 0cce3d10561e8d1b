import ArgumentParser
import ProfileCore
import ProfileFormats

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe a profile: format, sample types and totals, table sizes, time.",
        discussion: """
              profconv info cpu.pb.gz
              profconv info http://127.0.0.1:6060/debug/pprof/goroutine?debug=1 --hide-runtime
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup(title: "Reading") var reading: ReadingOptions
    @OptionGroup(title: "Transform") var transform: TransformOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions

    @Option(name: .long, help: "How many of the heaviest functions to list.")
    var functions = 10

    func run() throws {
        try Console.reportingErrors {
            var options = WriteOptions()
            options[ProfileSummary.Options.self].topFunctions = functions
            let pipeline = Pipeline(loader: try input.loader(reading), transform: try transform.transform(filters),
                                    format: ProfileSummary.self, writeOptions: options)
            Console.show(try pipeline.run(input.sources, to: ProfileOutput()))
        }
    }
}
