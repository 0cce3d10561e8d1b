import ArgumentParser
import ProfileCore
import ProfileFormats

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two profiles: what grew and what shrank from BASE to NEW.",
        discussion: """
            The inputs may be of different formats (a debug=1 text against a debug=0 proto, say). \
            Frames are compared by function name. When a Go text input (debug=1, debug=2) is compared \
            with another format, Go runtime frames are hidden on both sides, since the forms show them \
            differently (--hide-runtime does it always).

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

    enum Output: String, ExpressibleByArgument, CaseIterable { case top, folded, flamegraph, pprof }

    @Argument(help: "The base profile.") var base: String
    @Argument(help: "The new profile.") var new: String
    @Option(name: .shortAndLong, help: ArgumentHelp("The output file; - or none for standard output.", valueName: "file"))
    var output: String = "-"
    @Option(name: .long, help: "top, folded, flamegraph or pprof.") var to: Output = .top
    @Flag(name: .long, help: "Scale NEW to BASE's total before comparing (pprof's -normalize).") var normalize = false
    @Flag(name: .long, help: "Hide Go runtime frames on both sides (the default when a Go text input meets another format).")
    var hideRuntime = false
    @Option(name: .short, help: "top: rows per section (0 for all).") var n: Int = 20
    @Option(name: .long, help: "The input format of both inputs, when sniffing is not enough.") var from: String?
    @OptionGroup var sample: SampleOptions
    @OptionGroup var goText: GoTextInputOptions
    @OptionGroup(title: "Flame graph options") var flame: FlameGraphOptions

    func validate() throws {
        if let from, FormatRegistry.format(named: from) == nil {
            throw ValidationError("unknown input format '\(from)'; `profconv formats` lists them")
        }
        if n < 0 { throw ValidationError("-n must be 0 or more") }
    }

    func run() throws {
        try Console.reportingErrors {
            var options = ReadOptions()
            goText.apply(to: &options)
            let format = from.flatMap(FormatRegistry.format(named:))
            let b = try Loader.read(base, format: format, options: options)
            let v = try Loader.read(new, format: format, options: options)
            var baseProfile = b.profile, newProfile = v.profile
            let goText = [GoDebug1Format.name, GoDebug2Format.name]
            let mixed = b.format.name != v.format.name && (goText.contains(b.format.name) || goText.contains(v.format.name))
            if hideRuntime || mixed {
                if mixed && !hideRuntime {
                    Console.printError("profconv: note: comparing \(b.format.name) with \(v.format.name): Go runtime frames hidden on both sides")
                }
                baseProfile = baseProfile.hidingGoRuntimeFrames()
                newProfile = newProfile.hidingGoRuntimeFrames()
            }
            if to == .pprof {
                try writePprof(try ProfileDiff.pprofDelta(base: baseProfile, new: newProfile, normalize: normalize))
                return
            }
            let newIndex = try newProfile.sampleIndex(for: sample.sampleIndex)
            let baseIndex = try baseProfile.sampleIndex(for: sample.sampleIndex)
            let twoColumn = try ProfileDiff.twoColumn(base: baseProfile, baseIndex: baseIndex, new: newProfile,
                                                      newIndex: newIndex, normalize: normalize)
            let out = try Files.Output(path: output)
            switch to {
            case .top:
                var o = DiffReportWriter.Options()
                o.rows = n
                o.unit = newProfile.strings[newProfile.sampleTypes[newIndex].unit]
                o.baseName = base
                o.newName = new
                let table = DiffTable(StackSet(twoColumn, sampleIndices: [0, 1]))
                try DiffReportWriter.write(table, options: o, to: out.sink)
            case .folded:
                var w = WriteOptions(sampleIndex: "1")
                w[FoldedFormat.Options.self].differentialBaseIndex = 0
                try FoldedFormat.write(twoColumn, options: w, to: out.sink)
            case .flamegraph:
                var w = WriteOptions(sampleIndex: "1")
                try flame.apply(to: &w)
                w[FlameGraphFormat.Options.self].source = "\(base) → \(new)"
                try FlameGraphFormat.write(twoColumn, options: w, to: out.sink)
            case .pprof:
                break
            }
            try out.commit()
        }
    }

    private func writePprof(_ profile: Profile) throws {
        if output == "-" && Files.isTerminal(1) {
            throw ProfileError("refusing to write binary pprof output to a terminal; use -o FILE or a pipe")
        }
        var w = WriteOptions(sampleIndex: nil)
        w[PprofFormat.Options.self].compress = !output.lowercased().hasSuffix(".pb")
        let out = try Files.Output(path: output)
        try PprofFormat.write(profile, options: w, to: out.sink)
        try out.commit()
    }
}
