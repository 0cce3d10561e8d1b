import ProfileCore

/// What the call-graph reports (`top`, `dot`, `graphml`, `callgraph`,
/// `callgrind`, `traces`) summarise: pprof's granularity, filters and trimming.
public struct ReportOptions: FormatOptions {
    public var granularity = Granularity.functions
    public var names = NameFilter()
    public var tagFocus: TagFilter?
    public var tagIgnore: TagFilter?
    /// At most this many nodes; nil for the report's default (80 for graphs,
    /// no limit for `top`).
    public var nodeCount: Int?
    public var nodeFraction = 0.005
    public var edgeFraction = 0.001
    /// Sort `top` by cum instead of flat.
    public var cumSort = false
    /// How function names are simplified (`--demangle`), as pprof's
    /// `-symbolize=demangle=MODE`; pprof's default simplifies C++-like names.
    public var demangle = DemangleMode.default
    public init() {}

    /// The filters as pprof lists them under "Active filters:".
    var activeFilters: [String] {
        var f: [String] = []
        if let p = names.focus { f.append("focus=" + p.source) }
        if let p = names.ignore { f.append("ignore=" + p.source) }
        if let p = names.hide { f.append("hide=" + p.source) }
        if let p = names.show { f.append("show=" + p.source) }
        if let t = tagFocus { f.append("tagfocus=" + t.source) }
        if let t = tagIgnore { f.append("tagignore=" + t.source) }
        return f
    }
}
