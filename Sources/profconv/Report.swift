import ArgumentParser
import ProfileCore
import ProfileFormats

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained interactive HTML page for profiles.",
        discussion: """
            The page needs no server and fetches nothing: flame graph, icicle, top table, call \
            graph and, for goroutine dumps (debug=2), the goroutine states; every sample type is \
            embedded and switchable. Keys: f flame, i icicle, t top, g graph, s states, l leaks, \
            / search (a regexp), Esc reset. The view, search and zoom are kept in the URL fragment.

            One input (or several of different kinds, merged) gives a profile page. Two or more \
            goroutine profiles give a leak page: the ranking of `profconv leaks`, each group's counts \
            as a sparkline and its growth flame graph. --diff-base gives a diff page.

              profconv report cpu.pb.gz -o cpu.html
              profconv report snap1.txt snap2.txt snap3.txt -o leaks.html
              profconv report after.pb.gz --diff-base before.pb.gz -o diff.html
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup(title: "Reading") var reading: ReadingOptions
    @OptionGroup(title: "Transform") var transform: TransformOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("The HTML file to write; - for standard output.", valueName: "file"))
    var output: String = "-"
    @Option(name: .long, help: ArgumentHelp("Compare the inputs with this profile: a diff page.", valueName: "profile"))
    var diffBase: String?
    @Option(name: .long, help: "Leave out frames and functions under this fraction of the total (the page says so).")
    var nodefraction: Double = ReportOptions().nodeFraction
    @Flag(name: .long, help: "Diff pages of goroutine profiles: keep Go's runtime frames (hidden by default, as debug=1 hides them).")
    var keepRuntime = false
    @Option(name: .long, help: "Leak pages: group goroutines by stack, creator or leaf.")
    var by: LeakGrouping = .stack

    func validate() throws {
        if !(0...1).contains(nodefraction) { throw ValidationError("--nodefraction is a fraction between 0 and 1") }
    }

    func run() throws {
        try Console.reportingErrors {
            var loader = try input.loader(reading)
            loader.options.labelsCreationSites = true
            let transform = try transform.transform(filters)
            let loaded = try input.sources.map { try loader.read($0) }
            Console.show(loaded.flatMap(\.warnings))
            let names = input.sources.map(\.description)
            if diffBase == nil && loaded.count >= 2 && loaded.allSatisfy({ $0.profile.isGoroutineProfile }) {
                try write(leakPage(loaded, names: names, transform: transform))
                return
            }
            let merged = try loader.load(input.sources)
            if let diffBase {
                let base = try loader.load([ProfileSource(diffBase)])
                Console.show(base.warnings)
                var newProfile = merged.profile, baseProfile = base.profile
                let hidden = DiffInputs.goroutineRuntimeHidden(baseProfile, newProfile, keeping: keepRuntime)
                if hidden != nil {
                    newProfile = newProfile.hidingGoRuntimeFrames()
                    baseProfile = baseProfile.hidingGoRuntimeFrames()
                }
                let t = try transform.apply(to: newProfile, base: baseProfile)
                Console.show(t.warnings.map(Pipeline.Message.warning))
                let mode = ReportOptions().demangle
                var page = try ReportPage.diff(base: t.base!.demangled(mode), new: t.profile.demangled(mode), baseName: diffBase,
                                               newName: names.joined(separator: ", "),
                                               sampleIndex: String(t.sampleIndex), nodeFraction: nodefraction,
                                               granularity: t.granularity)
                if let hidden { page.notes.append(hidden + " (--keep-runtime keeps them)") }
                try write(page)
                return
            }
            var options = WriteOptions()
            options[ReportOptions.self].nodeFraction = nodefraction
            let pipeline = Pipeline(loader: loader, transform: transform, format: ReportFormat.self, writeOptions: options)
            let prepared = try pipeline.prepare(merged)
            Console.show(prepared.messages)
            _ = try ProfileOutput(path: output).write(prepared.profile, as: ReportFormat.self, options: prepared.options)
        }
    }

    /// The ranking of `profconv leaks`, the filters applied to every snapshot.
    private func leakPage(_ loaded: [ProfileLoader.Loaded], names: [String], transform: ProfileTransform) throws -> ReportPage {
        if let g = transform.granularity, g != .functions {
            throw ProfileError("a leak page groups goroutines by --by stack, creator or leaf, not by --granularity \(g.rawValue)")
        }
        var options = LeakAnalysis.Options()
        options.grouping = by
        let snapshots = try zip(names, loaded).map { name, l in
            LeakAnalysis.Snapshot.named(name, profile: try transform.apply(to: l.profile).profile)
        }
        return try ReportPage.leaks(snapshots, options: options, nodeFraction: nodefraction)
    }

    private func write(_ page: ReportPage) throws {
        _ = try ProfileOutput(path: output).write(format: ReportFormat.self) { try ReportHTML.write(page, to: $0) }
    }
}
