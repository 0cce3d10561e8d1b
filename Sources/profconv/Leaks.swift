import ArgumentParser
import ProfileCore
import ProfileFormats

struct Leaks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leaks",
        abstract: "Find goroutine leaks: groups of goroutines that keep growing across snapshots.",
        discussion: """
            Give two or more goroutine profiles of one process, taken some time apart, in any mix \
            of forms: debug=0 (proto), debug=1 (counted text), debug=2 (full dump). They are \
            ordered by profile time when every one has a time (only debug=0 does), else taken in \
            the order given. Frames are compared by function name, with Go runtime frames hidden, \
            so the three forms of one goroutine fall into one group.

            --by stack    the whole stack (default)
            --by creator  the function that started the goroutines (`created by`, debug=2 only; \
            other forms fall back to the outermost non-runtime frame, and the report says so)
            --by leaf     the innermost non-runtime frame: where the goroutines wait

            Per group: the count in each snapshot, the growth (last − first), growth per minute \
            when times are known, whether it only grew, its share of all goroutines in the last \
            snapshot and, from debug=2 dumps, the states and the longest wait. Groups are ranked by

              score = max(growth, 0) × steadiness × (1 + share) × (1 + min(wait, 60) / 60)

            steadiness: the fraction of snapshot-to-snapshot steps that did not go down (1 when \
            monotonic); share: 0…1; wait: the longest wait in minutes from a debug=2 dump (0 \
            otherwise). Goroutines that come and go wobble and score low; steady growth of \
            goroutines blocked for minutes scores high.

            On a live server, --every DURATION --count N takes N snapshots of one URL (a \
            /debug/pprof/goroutine endpoint; ?debug=2 gives states and wait times), DURATION \
            apart, printing one line per snapshot on standard error; --save DIR keeps each one, \
            named by its time, so `profconv leaks DIR/*` reruns the analysis offline. With \
            --fail-on-growth N the exit status is 3 when a group grew by N or more, so a CI job \
            or a canary can gate on leaks.

              profconv leaks snap1.txt snap2.txt snap3.txt
              profconv leaks snap*.goroutine.debug0.pb.gz --by leaf --format json
              profconv leaks before.pb.gz after.txt -o growth.svg
              profconv leaks --every 30s --count 5 --save snaps 'http://127.0.0.1:6060/debug/pprof/goroutine?debug=2'
            """)


    @Argument(help: ArgumentHelp(
        "Goroutine profiles (files, URLs of /debug/pprof/goroutine, or -), oldest first unless they record their time; with --every, one URL.",
        valueName: "snapshot"))
    var snapshots: [String]
    @Option(name: .long, help: ArgumentHelp("Take snapshots of the one URL given this far apart: 30s, 2m, 500ms, 1h.", valueName: "duration"))
    var every: String?
    @Option(name: .long, help: "With --every: how many snapshots to take (default 3).") var count: Int?
    @Option(name: .long, help: ArgumentHelp("With --every: keep each fetched snapshot in this directory, named by its time.", valueName: "dir"))
    var save: String?
    @Option(name: .long, help: ArgumentHelp("Exit with status 3 when a group grew by at least N goroutines.", valueName: "n"))
    var failOnGrowth: Int64?
    @Option(name: .long, help: "stack, creator or leaf.") var by: LeakGrouping = .stack
    @Option(name: .long, help: "Report groups that grew by at least N goroutines.") var minGrowth: Int64 = 1
    @Flag(name: .long, help: "Report every group, shrinking and steady ones too.") var all = false
    @Option(name: .long, help: "table, json or csv.") var format: LeakReportWriter.Style = .table
    @Option(name: .shortAndLong, help: ArgumentHelp("Also write a differential flame graph, first snapshot against last.", valueName: "svg"))
    var output: String?
    @OptionGroup(title: "Reading") var reading: ReadingOptions
    @OptionGroup(title: "Filters (applied to every snapshot)") var filters: FilterOptions

    func validate() throws {
        if snapshots.isEmpty { throw ValidationError("give goroutine snapshots (files or URLs), or --every DURATION and one URL") }
        if let every {
            guard let seconds = LeakWatch.seconds(every), seconds >= 0 else {
                throw ValidationError("--every needs a duration such as 30s, 2m, 500ms or 1h, not '\(every)'")
            }
            // Snapshots at one instant cannot show growth.
            guard seconds > 0 else { throw ValidationError("--every needs a duration above 0, such as 30s: snapshots at one instant show no growth") }
            if snapshots.count != 1 {
                throw ValidationError("--every takes snapshots of one URL (http://HOST:PORT/debug/pprof/goroutine?debug=2); give exactly one, not \(snapshots.count)")
            }
            if !RemoteRequest.isURL(snapshots[0]) {
                throw ValidationError("--every takes snapshots of a live URL, and '\(snapshots[0])' is a file: give http://HOST:PORT/debug/pprof/goroutine?debug=2, "
                                      + "or leave out --every to compare saved files")
            }
            if let count, count < 2 { throw ValidationError("--count must be 2 or more: growth needs two snapshots") }
        } else if count != nil || save != nil {
            throw ValidationError("--count and --save go with --every DURATION")
        }
        if let failOnGrowth, failOnGrowth < 1 { throw ValidationError("--fail-on-growth must be 1 or more") }
        if minGrowth < 0 { throw ValidationError("--min-growth must be 0 or more") }
        if output == "-" { throw ValidationError("-o needs a file name: the report itself goes to standard output") }
    }

    func run() throws {
        try Console.reportingErrors {
            var loader = try reading.loader()
            loader.options.labelsCreationSites = true
            // A bad -o fails now, not after minutes of snapshots.
            if let output { try ProfileOutput(path: output).checkWritable() }
            let taken = try every.flatMap(LeakWatch.seconds).map { try watch(every: $0, loader: loader) } ?? load(loader)
            let (inputs, report) = try rank(taken)
            // The ranking is printed first: a graph that cannot be written does not lose it.
            if let output { try writeFlameGraph(LeakAnalysis.ordered(inputs), to: output) }
            if let failOnGrowth, let top = report.groups.max(by: { $0.growth < $1.growth }), top.growth >= failOnGrowth {
                Console.printError("profconv: a group grew by \(top.growth) goroutines (at \(top.site)), at least --fail-on-growth \(failOnGrowth): exit status 3")
                throw ExitCode(3)
            }
        }
    }
}

extension Leaks {
    /// Analyses the snapshots and prints the ranking: what every run ends
    /// with, an interrupted watch too.
    func rank(_ taken: [LeakAnalysis.Snapshot]) throws -> ([LeakAnalysis.Snapshot], LeakReport) {
        let inputs = try filtered(taken)
        var options = LeakAnalysis.Options()
        options.grouping = by
        options.minGrowth = all ? nil : minGrowth
        let report = try LeakAnalysis.analyze(inputs, options: options)
        for w in LeakAnalysis.warnings(report) { Console.warn(w) }
        let written = try ProfileOutput().write { try LeakReportWriter.write(report, style: format, to: $0) }
        Console.show(written)
        return (inputs, report)
    }
}

extension LeakGrouping: ExpressibleByArgument {}
extension LeakReportWriter.Style: ExpressibleByArgument {}
