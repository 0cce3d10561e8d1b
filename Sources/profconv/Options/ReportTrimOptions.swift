import ArgumentParser
import ProfileCore
import ProfileFormats

extension TopFormat.Style: ExpressibleByArgument {}

/// pprof's trimming of call-graph reports (`top` and the graph outputs:
/// dot, graphml, callgraph).
struct ReportTrimOptions: ParsableArguments {
    @Option(name: .long, help: "Show at most this many nodes (default: no limit for top, 80 for graphs).")
    var nodecount: Int?
    @Option(name: .long, help: "Drop nodes with less than this fraction of the total (default 0.005).")
    var nodefraction: Double?
    @Option(name: .long, help: "Drop edges with less than this fraction of the total (default 0.001).")
    var edgefraction: Double?

    /// The names of the formats that trim their graph.
    static let formats = [TopFormat.name, DotFormat.name, GraphMLFormat.name, CallGraphSVGFormat.name]

    /// The options given on the command line, for refusing them where they do nothing.
    var given: [String] {
        [nodecount.map { _ in "--nodecount" }, nodefraction.map { _ in "--nodefraction" },
         edgefraction.map { _ in "--edgefraction" }].compactMap { $0 }
    }

    func validate() throws {
        if let nodecount, nodecount < 0 { throw ValidationError("--nodecount must be 0 or more") }
        for f in [nodefraction, edgefraction].compactMap({ $0 }) where !(0...1).contains(f) {
            throw ValidationError("--nodefraction and --edgefraction are fractions between 0 and 1")
        }
    }

    func apply(to options: inout WriteOptions) {
        var r = options[ReportOptions.self]
        r.nodeCount = nodecount ?? r.nodeCount
        r.nodeFraction = nodefraction ?? r.nodeFraction
        r.edgeFraction = edgefraction ?? r.edgeFraction
        options[ReportOptions.self] = r
    }
}
