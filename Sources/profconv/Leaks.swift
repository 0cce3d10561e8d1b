import ArgumentParser
import ProfileCore
import ProfileFormats

struct Leaks: ParsableCommand {
    static let configuration = CommandConfiguration(
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

              profconv leaks snap1.txt snap2.txt snap3.txt
              profconv leaks snap*.goroutine.debug0.pb.gz --by leaf --format json
              profconv leaks before.pb.gz after.txt -o growth.svg
            """)

    @Argument(help: ArgumentHelp("Goroutine profiles (files, URLs or -), oldest first unless they record their time.", valueName: "snapshot"))
    var snapshots: [String]
    @Option(name: .long, help: "stack, creator or leaf.") var by: LeakGrouping = .stack
    @Option(name: .long, help: "Report groups that grew by at least N goroutines.") var minGrowth: Int64 = 1
    @Flag(name: .long, help: "Report every group, shrinking and steady ones too.") var all = false
    @Option(name: .long, help: "table, json or csv.") var format: LeakReportWriter.Style = .table
    @Option(name: .shortAndLong, help: ArgumentHelp("Also write a differential flame graph, first snapshot against last.", valueName: "svg"))
    var output: String?
    @OptionGroup(title: "Reading") var reading: ReadingOptions
    @OptionGroup(title: "Filters (applied to every snapshot)") var filters: FilterOptions

    func validate() throws {
        if snapshots.count < 2 { throw ValidationError("give at least two snapshots") }
        if minGrowth < 0 { throw ValidationError("--min-growth must be 0 or more") }
        if output == "-" { throw ValidationError("-o needs a file name: the report itself goes to standard output") }
    }

    func run() throws {
        try Console.reportingErrors {
            var loader = reading.loader
            loader.options[GoDebug2Format.Options.self].creatorLabels = true
            let transform = try filters.transform()
            let inputs = try snapshots.map { argument in
                let loaded = try loader.read(ProfileSource(argument))
                Console.show(loaded.warnings.map(Pipeline.Message.warning))
                let filtered = try transform.apply(to: loaded.profile)
                Console.show(filtered.warnings.map { .warning("\(argument): \($0)") })
                return LeakAnalysis.Snapshot(name: argument, profile: filtered.profile)
            }
            var options = LeakAnalysis.Options()
            options.grouping = by
            options.minGrowth = all ? nil : minGrowth
            let report = try LeakAnalysis.analyze(inputs, options: options)
            if let output { try writeFlameGraph(LeakAnalysis.ordered(inputs), to: output) }
            Console.show(try ProfileOutput().write { try LeakReportWriter.write(report, style: format, to: $0) }.map(Pipeline.Message.warning))
        }
    }

    /// The last snapshot against the first, runtime frames hidden so mixed
    /// forms line up: the write and output stages of a diff.
    private func writeFlameGraph(_ ordered: [LeakAnalysis.Snapshot], to path: String) throws {
        let first = ordered.first!, last = ordered.last!
        let firstProfile = first.profile.hidingGoRuntimeFrames(), lastProfile = last.profile.hidingGoRuntimeFrames()
        let diff = try ProfileDiff.twoColumn(base: firstProfile, baseIndex: firstProfile.defaultSampleIndex,
                                             new: lastProfile, newIndex: lastProfile.defaultSampleIndex, normalize: false)
        var w = WriteOptions(sampleIndex: "1")
        w.context.diffBaseIndex = 0
        w.context.sources = [last.name]
        w.context.baseSources = [first.name]
        var flame = FlameGraphFormat.Options()
        flame.title = "Goroutine growth"
        flame.subtitle = "\(first.name) → \(last.name): red grew, blue shrank"
        flame.countName = "goroutines"
        w[FlameGraphFormat.Options.self] = flame
        Console.show(try ProfileOutput(path: path).write(diff, as: FlameGraphFormat.self, options: w).map(Pipeline.Message.warning))
    }
}

extension LeakGrouping: ExpressibleByArgument {}
extension LeakReportWriter.Style: ExpressibleByArgument {}
