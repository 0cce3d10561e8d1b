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
              profconv flamegraph goroutine.txt --hide '^runtime\\.' --title Goroutines -o g.svg
              profconv flamegraph --diff-base before.pb.gz after.pb.gz -o diff.svg
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup(title: "Reading") var reading: ReadingOptions
    @OptionGroup(title: "Transform") var transform: TransformOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions
    @OptionGroup(title: "Diff") var diff: DiffBaseOptions
    @OptionGroup(title: "Flame graph") var flame: FlameGraphOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The output SVG; - or none for standard output.", valueName: "file"))
    var output: String = "-"

    func run() throws {
        try Console.reportingErrors {
            var options = WriteOptions()
            try flame.apply(to: &options)
            var pipeline = Pipeline(loader: try input.loader(reading), transform: try transform.transform(filters),
                                    format: FlameGraphFormat.self, writeOptions: options)
            pipeline.transform.normalize = diff.normalize
            Console.show(try pipeline.run(input.sources, base: diff.sources, to: ProfileOutput(path: output)))
        }
    }
}
