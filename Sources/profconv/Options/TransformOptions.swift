import ArgumentParser
import ProfileCore
import ProfileFormats

extension Granularity: ExpressibleByArgument {}

/// The transform stage's options, the same for every command and output:
/// pprof's sample index, filters and granularity (see ``ProfileTransform``).
struct TransformOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The sample type to use, by name (inuse_space, delay, …) or number; the default is the profile's default (else its last).",
        valueName: "name|n"))
    var sampleIndex: String?

    @Option(name: .long, help: "Merge frames by: functions, filefunctions, files, lines or addresses (reports default to functions; other outputs keep every location).")
    var granularity: Granularity?

    /// The transform these options and `filters` describe (a group of
    /// their own beside this one, for the reason ``InputOptions`` gives).
    func transform(_ filters: FilterOptions) throws -> ProfileTransform {
        var t = try filters.transform()
        t.sampleIndex = sampleIndex
        t.granularity = granularity
        return t
    }
}

/// pprof's filters (and Go's runtime-frame hiding): the part of the
/// transform stage that every command, `leaks` too, can honour.
struct FilterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Add each sample's values of these label keys as frames at the leaf (pprof's -tagleaf): `--label-frames state` puts a goroutine dump's `chan receive` on top of each stack.",
        valueName: "key,…"))
    var labelFrames: String?

    @Option(name: .long, help: ArgumentHelp(
        "Add each sample's values of these label keys as frames at the root (pprof's -tagroot), the first key outermost.",
        valueName: "key,…"))
    var labelRootFrames: String?

    @Flag(name: .long, help: "Hide Go's runtime frames as Go's debug=1 text does (leaf-side runtime.* and runtime.goexit).")
    var hideRuntime = false

    @Flag(name: .long, help: "Merge directly recursive frames: main;f;f;f;g becomes main;f;g (inferno-collapse-recursive).")
    var collapseRecursion = false

    @Option(name: .long, help: ArgumentHelp("Keep only samples with a frame matching this regexp.", valueName: "regexp"))
    var focus: String?
    @Option(name: .long, help: ArgumentHelp("Drop samples with a frame matching this regexp.", valueName: "regexp"))
    var ignore: String?
    @Option(name: .long, help: ArgumentHelp("Drop frames matching this regexp.", valueName: "regexp"))
    var hide: String?
    @Option(name: .long, help: ArgumentHelp("Keep only frames matching this regexp.", valueName: "regexp"))
    var show: String?
    @Option(name: .long, help: ArgumentHelp("Start each stack at its rootmost frame matching this regexp (pprof's show_from).", valueName: "regexp"))
    var showFrom: String?
    @Option(name: .long, help: ArgumentHelp("End each stack at its leafmost frame matching this regexp (pprof's prune_from).", valueName: "regexp"))
    var pruneFrom: String?
    @Option(name: .long, help: ArgumentHelp("Keep samples whose labels match: [key=]regexp[,regexp] or a numeric range like 1kb:64kb.", valueName: "filter"))
    var tagfocus: String?
    @Option(name: .long, help: ArgumentHelp("Drop samples whose labels match (same syntax as --tagfocus).", valueName: "filter"))
    var tagignore: String?
    @Option(name: .long, help: ArgumentHelp("Keep only labels whose key matches this regexp.", valueName: "regexp"))
    var tagshow: String?
    @Option(name: .long, help: ArgumentHelp("Drop labels whose key matches this regexp.", valueName: "regexp"))
    var taghide: String?

    func validate() throws {
        _ = try transform()
    }

    /// The transform these options describe; regexps are compiled here, so a
    /// bad one is refused before any input is read.
    func transform() throws -> ProfileTransform {
        do {
            return try built()
        } catch let error as ProfileError {
            throw ValidationError(error.message)
        }
    }

    private func built() throws -> ProfileTransform {
        var t = ProfileTransform()
        t.labelLeafFrames = Self.keys(labelFrames)
        t.labelRootFrames = Self.keys(labelRootFrames)
        t.hideRuntime = hideRuntime
        t.collapseRecursion = collapseRecursion
        t.names = NameFilter(
            focus: try pattern(focus, "focus"), ignore: try pattern(ignore, "ignore"),
            hide: try pattern(hide, "hide"), show: try pattern(show, "show"))
        t.showFrom = try pattern(showFrom, "show-from")
        t.pruneFrom = try pattern(pruneFrom, "prune-from")
        t.tagFocus = try tagfocus.map { try TagFilter($0, option: "tagfocus") }
        t.tagIgnore = try tagignore.map { try TagFilter($0, option: "tagignore") }
        t.tagShow = try pattern(tagshow, "tagshow")
        t.tagHide = try pattern(taghide, "taghide")
        return t
    }

    /// `a, b` → `["a", "b"]`.
    private static func keys(_ list: String?) -> [String] {
        (list ?? "").split(separator: ",").map { $0.filter { $0 != " " } }.filter { !$0.isEmpty }
    }

    private func pattern(_ source: String?, _ option: String) throws -> NamePattern? {
        try source.map { try NamePattern($0, option: option) }
    }
}
