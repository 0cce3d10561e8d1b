import ProfileCore

/// One self-contained HTML page per profile: flame graph, icicle, top table,
/// call graph and (for goroutine dumps) states, drawn in the browser from
/// data embedded once. `profconv report` also makes diff and leak pages.
public enum ReportFormat: ProfileWriter {
    public static let name = "report"
    public static let aliases = ["html"]
    public static let extensions = ["html"]
    public static let summary = "self-contained interactive HTML report: flame graph, icicle, top, call graph (write)"

    /// Pruning (`nodeFraction`) comes from ``ReportOptions``, as for the
    /// other reports; the transform stage has filtered the profile already,
    /// and the header names its inputs from ``WriteContext/sources``.
    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        let r = options[ReportOptions.self]
        // Names as the other reports show them (`--demangle`), so the page's top is `profconv top`'s.
        var page = try ReportPage.profile(profile.demangled(r.demangle), files: options.context.sources, nodeFraction: r.nodeFraction,
                                          granularity: options.context.granularity)
        page.notes += options.context.activeFilters.map { "filtered with " + $0 }
        try ReportHTML.write(page, to: output)
    }
}

/// Fills the page template (Assets/report.html) with its style, script and
/// data. The template holds the only HTML; names reach the page only inside
/// the JSON data block, and the script puts them into the document as text.
public enum ReportHTML {
    public static func write(_ page: ReportPage, to out: ByteSink) throws {
        try fill(PackageResources.report_html, style: PackageResources.report_css, script: PackageResources.report_js, to: out) {
            var json = ReportJSON(page)
            try json.write(to: $0)
        }
    }

    /// Writes `template` with its `{{STYLE}}`, `{{DATA}}` and `{{SCRIPT}}`
    /// markers (in that order) replaced by `style`, what `data` writes, and `script`.
    static func fill(_ template: [UInt8], style: [UInt8], script: [UInt8], to out: ByteSink,
                     data: (ByteSink) throws -> Void) throws {
        var rest = template[...]
        for marker in ["{{STYLE}}", "{{DATA}}", "{{SCRIPT}}"] {
            let m = Array(marker.utf8)
            guard let at = find(m, in: rest) else { throw ProfileError("the report template lacks \(marker)") }
            try out.write(Array(rest[..<at]))
            switch marker {
            case "{{STYLE}}": try out.write(style)
            case "{{SCRIPT}}": try out.write(script)
            default: try data(out)
            }
            rest = rest[(at + m.count)...]
        }
        try out.write(Array(rest))
    }

    private static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Int? {
        var i = hay.startIndex
        while i + needle.count <= hay.endIndex {
            if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
