import ArgumentParser
import ProfileFormats

/// Every output format's own options, shared by `convert` and `batch`,
/// which declare the groups themselves (one level deep, for the reason
/// ``InputOptions`` gives). An option of a format other than the output's
/// does nothing, so it is refused (``refuseOptions(notFor:)``), never
/// accepted and ignored. A new writer with options adds its group to both
/// commands, here, to ``groups``, and to ``apply(to:)``.
struct FormatOptionGroups {
    var folded: FoldedOutputOptions
    var flame: FlameGraphOptions
    var trim: ReportTrimOptions
    var names: DemangleOptions

    /// Each group's options given on the command line, and the names of
    /// the formats they apply to.
    private var groups: [(given: [String], formats: [String])] {
        [(folded.given, [FoldedFormat.name]), (flame.given, [FlameGraphFormat.name]),
         (trim.given, ReportTrimOptions.formats), (names.given, DemangleOptions.formats)]
    }

    /// Throws when an option of another format than `format` was given.
    func refuseOptions(notFor format: any ProfileFormat.Type) throws {
        for g in groups where !g.given.isEmpty && !g.formats.contains(format.name) {
            throw ValidationError("\(g.given.joined(separator: ", ")) applies to \(g.formats.joined(separator: ", ")) output, not to \(format.name)")
        }
    }

    func apply(to options: inout WriteOptions) throws {
        folded.apply(to: &options)
        try flame.apply(to: &options)
        trim.apply(to: &options)
        names.apply(to: &options)
    }
}

/// Options of the folded writer.
struct FoldedOutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Write frames as `func file:line`.")
    var lines = false

    var given: [String] { lines ? ["--lines"] : [] }

    func apply(to options: inout WriteOptions) {
        options[FoldedFormat.Options.self].withLines = lines
    }
}
