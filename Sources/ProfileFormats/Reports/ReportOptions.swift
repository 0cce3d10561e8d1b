import ProfileCore

/// How the call-graph reports (`top`, `dot`, `graphml`, `callgraph`,
/// `callgrind`, `traces`) trim what they show, as pprof does. Filtering and
/// granularity happen before, in the transform stage (`ProfileTransform`).
public struct ReportOptions: FormatOptions {
    /// At most this many nodes; nil for the report's default (80 for graphs,
    /// no limit for `top`).
    public var nodeCount: Int?
    /// Drop nodes below this fraction of the total (`--nodefraction`).
    public var nodeFraction = 0.005
    /// Drop edges below this fraction of the total (`--edgefraction`).
    public var edgeFraction = 0.001
    /// Sort `top` by cum instead of flat.
    public var cumSort = false
    /// How function names are simplified (`--demangle`), as pprof's
    /// `-symbolize=demangle=MODE`; pprof's default simplifies C++-like names.
    public var demangle = DemangleMode.default
    public init() {}
}
