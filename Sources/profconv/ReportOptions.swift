import ArgumentParser
import ProfileCore
import ProfileFormats

extension Granularity: ExpressibleByArgument {}
extension TopFormat.Style: ExpressibleByArgument {}
extension DemangleMode: ExpressibleByArgument {}

/// pprof's granularity, filters and trimming, shared by `top`, `traces` and
/// the graph outputs of `convert` (dot, graphml, callgraph, callgrind).
struct ReportFilterOptions: ParsableArguments {
    @Option(name: .long, help: "Frames told apart by: functions, filefunctions, files, lines or addresses.")
    var granularity: Granularity = .functions

    @Option(name: .long, help: ArgumentHelp("Keep only samples with a frame matching this regexp.", valueName: "regexp"))
    var focus: String?
    @Option(name: .long, help: ArgumentHelp("Drop samples with a frame matching this regexp.", valueName: "regexp"))
    var ignore: String?
    @Option(name: .long, help: ArgumentHelp("Drop frames matching this regexp.", valueName: "regexp"))
    var hide: String?
    @Option(name: .long, help: ArgumentHelp("Keep only frames matching this regexp.", valueName: "regexp"))
    var show: String?
    @Option(name: .long, help: ArgumentHelp("Keep samples whose labels match: [key=]regexp[,regexp] or a numeric range like 1kb:64kb.", valueName: "filter"))
    var tagfocus: String?
    @Option(name: .long, help: ArgumentHelp("Drop samples whose labels match (same syntax as --tagfocus).", valueName: "filter"))
    var tagignore: String?

    @Option(name: .long, help: "Show at most this many nodes (default: no limit for top, 80 for graphs).")
    var nodecount: Int?
    @Option(name: .long, help: "Drop nodes with less than this fraction of the total.")
    var nodefraction: Double = 0.005
    @Option(name: .long, help: "Drop edges with less than this fraction of the total.")
    var edgefraction: Double = 0.001
    @Option(name: .long, help: "Names as pprof's -symbolize=demangle=MODE shows them: default (C++-like names lose (…) and <…>), templates (lose (…) only), full or none (as stored).")
    var demangle: DemangleMode = .default

    func validate() throws {
        if let nodecount, nodecount < 0 { throw ValidationError("--nodecount must be 0 or more") }
        if !(0...1).contains(nodefraction) || !(0...1).contains(edgefraction) {
            throw ValidationError("--nodefraction and --edgefraction are fractions between 0 and 1")
        }
    }

    /// Stores the options in `options` (regexps compiled here, so a bad one
    /// is reported before any input is read).
    func apply(to options: inout WriteOptions, cumSort: Bool = false) throws {
        var r = ReportOptions()
        r.granularity = granularity
        r.names = NameFilter(
            focus: try focus.map { try NamePattern($0, option: "focus") },
            ignore: try ignore.map { try NamePattern($0, option: "ignore") },
            hide: try hide.map { try NamePattern($0, option: "hide") },
            show: try show.map { try NamePattern($0, option: "show") })
        r.tagFocus = try tagfocus.map { try TagFilter($0, option: "tagfocus") }
        r.tagIgnore = try tagignore.map { try TagFilter($0, option: "tagignore") }
        r.nodeCount = nodecount
        r.nodeFraction = nodefraction
        r.edgeFraction = edgefraction
        r.cumSort = cumSort
        r.demangle = demangle
        options[ReportOptions.self] = r
    }
}
