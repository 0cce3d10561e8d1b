import ArgumentParser
import ProfileCore
import ProfileFormats

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
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
    @OptionGroup var sample: SampleOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("The HTML file to write; - for standard output.", valueName: "file"))
    var output: String = "-"
    @Option(name: .long, help: ArgumentHelp("Compare the inputs with this profile: a diff page.", valueName: "profile"))
    var diffBase: String?
    @Option(name: .long, help: "Leave out frames and functions under this fraction of the total (the page says so).")
    var nodefraction: Double = ReportOptions().nodeFraction
    @Option(name: .long, help: "Leak pages: group goroutines by stack, creator or leaf.")
    var by: LeakGrouping = .stack

    func validate() throws {
        if !(0...1).contains(nodefraction) { throw ValidationError("--nodefraction is a fraction between 0 and 1") }
    }

    func run() throws {
        try Console.reportingErrors {
            var read = input.readOptions
            read[GoDebug2Format.Options.self].creatorLabels = true
            let format = input.from.flatMap(FormatRegistry.format(named:))
            let loaded = try input.inputs.map { try Loader.read($0, format: format, options: read, remote: input.remote.settings).profile }
            let page: ReportPage
            if let diffBase {
                let base = try Loader.read(diffBase, format: format, options: read, remote: input.remote.settings).profile
                page = try ReportPage.diff(base: base, new: try merged(loaded), baseName: diffBase,
                                           newName: input.inputs.joined(separator: ", "),
                                           sampleIndex: sample.sampleIndex, nodeFraction: nodefraction)
            } else if loaded.count >= 2 && loaded.allSatisfy(Self.isGoroutineProfile) {
                var options = LeakAnalysis.Options()
                options.grouping = by
                let snapshots = zip(input.inputs, loaded).map { LeakAnalysis.Snapshot(name: $0, profile: $1) }
                page = try ReportPage.leaks(snapshots, options: options, nodeFraction: nodefraction)
            } else {
                page = try ReportPage.profile(try merged(loaded), files: input.inputs, nodeFraction: nodefraction)
            }
            let out = try Files.Output(path: output)
            try ReportHTML.write(page, to: out.sink)
            try out.commit()
        }
    }

    private func merged(_ profiles: [Profile]) throws -> Profile {
        do { return try Profile.merge(profiles) } catch { throw error.inFile(input.inputs.joined(separator: ", ")) }
    }

    static func isGoroutineProfile(_ p: Profile) -> Bool {
        p.sampleTypes.count == 1 && p.strings[p.sampleTypes[0].type] == "goroutine"
    }
}
