import ArgumentParser
import ProfileCore
import ProfileFormats

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two profiles: what grew and what shrank from BASE to NEW.",
        discussion: """
            The inputs may be of different formats (a debug=1 text against a debug=0 proto, say). \
            Frames are compared by function name. When a Go text input (debug=1, debug=2) is compared \
            with another format, Go runtime frames are hidden on both sides, since the forms show them \
            differently. Two goroutine profiles are compared without Go's runtime frames, as debug=1 \
            shows them, so each stack ends in the function its goroutines wait in (--keep-runtime keeps \
            them). The filters act on both sides alike.

              top         the functions and stacks that changed most, absolute and relative (default)
              folded      two-column folded stacks `stack BASE NEW`, as flamegraph.pl --diff reads
              flamegraph  a red/blue differential flame graph: red grew, blue shrank
              pprof       go tool pprof's -diff_base form: NEW's samples, then BASE's negated and
                          labelled pprof::base=true; `go tool pprof -top` shows NEW − BASE

            --normalize scales NEW so that its total equals BASE's, as pprof's -normalize does.

              profconv diff snap1.goroutine.debug1.txt snap3.goroutine.debug0.pb.gz
              profconv diff before.pb.gz after.pb.gz --to flamegraph -o diff.svg
              profconv diff before.pb.gz after.pb.gz --to pprof -o delta.pb.gz && go tool pprof -top delta.pb.gz
            """)

    enum Output: String, ExpressibleByArgument, CaseIterable {
        case top, folded, flamegraph, pprof

        var format: any ProfileWriter.Type {
            switch self {
            case .top: return DiffReportFormat.self
            case .folded: return FoldedFormat.self
            case .flamegraph: return FlameGraphFormat.self
            case .pprof: return PprofFormat.self
            }
        }
    }

    @Argument(help: ArgumentHelp("The base profile (a file, URL or -).", valueName: "base")) var base: String
    @Argument(help: ArgumentHelp("The new profile (a file, URL or -).", valueName: "new")) var new: String
    @Option(name: .shortAndLong, help: ArgumentHelp("The output file; - or none for standard output.", valueName: "file"))
    var output: String = "-"
    @Option(name: .long, help: "top, folded, flamegraph or pprof.") var to: Output = .top
    @Flag(name: .long, help: "Write binary output even to a terminal.") var forceTerminal = false
    @Flag(name: .long, help: "Scale NEW to BASE's total before comparing (pprof's -normalize).") var normalize = false
    @Option(name: .short, help: "top: rows per section, 0 for all (default 20).") var n: Int?
    @Flag(name: .long, help: "Goroutine profiles: keep Go's runtime frames (hidden by default, as debug=1 hides them).")
    var keepRuntime = false
    @OptionGroup(title: "Reading") var reading: ReadingOptions
    @OptionGroup(title: "Transform") var transform: TransformOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions
    @OptionGroup(title: "Flame graph (--to flamegraph)") var flame: FlameGraphOptions

    func validate() throws {
        if let n, n < 0 { throw ValidationError("-n must be 0 or more") }
        if n != nil && to != .top { throw ValidationError("-n applies to --to top, not to \(to.rawValue)") }
        if !flame.given.isEmpty && to != .flamegraph {
            throw ValidationError("\(flame.given.joined(separator: ", ")) applies to --to flamegraph, not to \(to.rawValue)")
        }
    }

    func run() throws {
        try Console.reportingErrors {
            var options = WriteOptions()
            try flame.apply(to: &options)
            if let n { options[DiffReportFormat.Options.self].rows = n }
            var pipeline = Pipeline(loader: try reading.loader(), transform: try transform.transform(filters),
                                    format: to.format, writeOptions: options)
            pipeline.transform.normalize = normalize
            pipeline.keepsGoRuntimeFrames = keepRuntime
            let target = ProfileOutput(path: output, forceTerminal: forceTerminal)
            Console.show(try pipeline.run([ProfileSource(new)], base: [ProfileSource(base)], to: target))
        }
    }
}
