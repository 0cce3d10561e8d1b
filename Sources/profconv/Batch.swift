#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import ProfileCore
import ProfileFormats

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Convert every profile in a directory.",
        discussion: """
            Inputs are found by their content, not their names; other files are skipped. \
            The output tree mirrors the input tree, each name ending in the target's \
            extension. Outputs newer than their input are skipped unless --force. Inputs \
            are never changed; outputs appear whole or not at all, even when interrupted. \
            The exit status is 1 when any input failed.

              profconv batch captures/ -o folded/ --to folded --recursive
              profconv batch captures/ -o all.pb.gz --to pprof --merge --include '*heap*'
            """)

    @Argument(help: ArgumentHelp("The directory of profiles to convert.", valueName: "input-dir"))
    var inputDirectory: String

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "The output directory (created if needed); with --merge, the output file.", valueName: "output-dir"))
    var output: String

    @Option(name: .long, help: "The output format (see `profconv formats`).")
    var to: String

    @Flag(name: .shortAndLong, help: "Also convert the profiles in subdirectories.")
    var recursive = false

    @Option(name: .long, help: ArgumentHelp(
        "Only inputs whose relative path or name matches this shell pattern (repeatable).", valueName: "glob"))
    var include: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Leave out inputs whose relative path or name matches this shell pattern (repeatable).", valueName: "glob"))
    var exclude: [String] = []

    @Option(name: .shortAndLong, help: "How many files to convert at once (default: the number of processors).")
    var jobs: Int?

    @Flag(name: .long, help: "Convert even when an output is newer than its input.")
    var force = false

    @Flag(name: .long, help: "Merge all inputs into the one output file instead.")
    var merge = false

    @Option(name: .long, help: ArgumentHelp(
        "Only the K-th (from 0) of N disjoint slices of the inputs, chosen by a hash of their relative paths.",
        valueName: "K/N"))
    var shard: String?

    @Flag(name: .shortAndLong, help: "No progress line and no summary; errors only.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("Also write a JSON line per input to this file as each finishes, then the summary's line.", valueName: "file.jsonl"))
    var report: String?

    @OptionGroup(title: "Reading") var reading: ReadingOptions
    @OptionGroup(title: "Transform") var transform: TransformOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions
    @OptionGroup(title: "Folded output") var folded: FoldedOutputOptions
    @OptionGroup(title: "Flame graph output") var flame: FlameGraphOptions
    @OptionGroup(title: "Call graphs and top (dot, graphml, callgraph, top)") var trim: ReportTrimOptions
    @OptionGroup(title: "Reports (top, traces, dot, graphml, callgraph, callgrind)") var names: DemangleOptions
    var formatOptions: FormatOptionGroups { FormatOptionGroups(folded: folded, flame: flame, trim: trim, names: names) }

    func validate() throws {
        try formatOptions.refuseOptions(notFor: try OutputOptions.writableFormat(named: to))
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if output == "-" { throw ValidationError("batch writes files; name an output directory with -o") }
        if let shard {
            do { _ = try BatchShard(parsing: shard) } catch let e as ProfileError { throw ValidationError("--shard: \(e.message)") }
        }
    }

    func run() throws {
        try Console.reportingErrors {
            let format = try OutputOptions.writableFormat(named: to)
            var plan = try BatchPlan(
                inputDirectory: inputDirectory, outputDirectory: output,
                outputExtension: format.extensions.first ?? format.name,
                recursive: recursive, include: include, exclude: exclude,
                reservedOutputs: format == ReportFormat.self ? [ReportIndex.fileName] : [])
            if let shard { plan.restrict(to: try BatchShard(parsing: shard)) }
            if merge, let merged = FileIdentity(path: output) {
                plan.items.removeAll { FileIdentity(path: $0.inputPath) == merged }  // an earlier run's result
            }
            var options = WriteOptions()
            try formatOptions.apply(to: &options)
            let pipeline = Pipeline(loader: try reading.loader(), transform: try transform.transform(filters),
                                    format: format, writeOptions: options)
            var runner = BatchRunner(pipeline: pipeline, jobs: jobs ?? BatchRunner.processorCount)
            runner.force = force
            runner.describe = { FlagHints.describe($0) }
            let meter = quiet || !Files.isTerminal(StandardStreams.current.error) ? nil : ProgressLine()
            runner.progress = meter.map { m in { done, total in m.update(done: done, total: total) } }

            // What is done goes to the report as it finishes, so a killed
            // batch leaves a record; the whole report replaces it at the end.
            let journal = try report.map { try BatchJournal(path: $0) }
            if let journal { runner.finished = { journal.append(BatchSummary.reportLine($0, merging: merge)) } }
            let summary: BatchSummary
            if merge {
                let (results, failure) = runner.merge(plan, into: output)
                summary = BatchSummary(results: results, mergedOutput: output, mergeFailure: failure)
            } else {
                summary = BatchSummary(results: runner.run(plan))
                if format == ReportFormat.self { try ReportIndex.write(ReportIndex.entries(summary.results), inDirectory: output) }
            }
            meter?.finish()
            try ProfileOutput.finish(options)
            for r in summary.results {
                for w in r.warningLines { Console.warn("\(r.item.input): \(w)") }
            }
            if !quiet {
                Console.printErrorLines(summary.text)
            } else {
                for r in summary.failed { if case .failed(let why) = r.outcome { Console.printError("profconv: error: \(r.item.input): \(why)") } }
                if let f = summary.mergeFailure { Console.printError("profconv: error: \(f)") }
            }
            if let report {
                journal?.close()
                _ = try ProfileOutput(path: report).write { try $0.write(summary.report) }
            }
            if !summary.succeeded { throw ExitCode.failure }
        }
    }
}

