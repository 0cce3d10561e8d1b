import ProfileCore

/// One self-contained HTML page per profile: flame graph, icicle, top table,
/// call graph and (for goroutine dumps) states, drawn in the browser from
/// data embedded once. `profconv report` also makes diff and leak pages.
public enum ReportFormat: ProfileFormat {
    public static let name = "report"
    public static let aliases = ["html"]
    public static let extensions = ["html"]
    public static let summary = "self-contained interactive HTML report: flame graph, icicle, top, call graph (write)"
    public static let canRead = false

    public struct Options: FormatOptions {
        /// Nodes and functions under this fraction of the total (in every
        /// sample type) are left out of the page, which says so.
        public var nodeFraction = 0.005
        /// The input names shown in the header.
        public var files: [String] = []
        public init() {}
    }

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        let o = options[Options.self]
        let page = try ReportPage.profile(profile, files: o.files, nodeFraction: o.nodeFraction)
        try ReportHTML.write(page, to: output)
    }
}

/// Fills the page template (Assets/report.html) with its style, script and
/// data. The template holds the only HTML; names reach the page only inside
/// the JSON data block, and the script puts them into the document as text.
public enum ReportHTML {
    public static func write(_ page: ReportPage, to out: ByteSink) throws {
        let template = PackageResources.report_html
        var rest = template[...]
        for (marker, part) in [("{{STYLE}}", Part.style), ("{{DATA}}", .data), ("{{SCRIPT}}", .script)] {
            let m = Array(marker.utf8)
            guard let at = find(m, in: rest) else { throw ProfileError("the report template lacks \(marker)") }
            try out.write(Array(rest[..<at]))
            switch part {
            case .style: try out.write(PackageResources.report_css)
            case .script: try out.write(PackageResources.report_js)
            case .data:
                var json = ReportJSON(page)
                try json.write(to: out)
            }
            rest = rest[(at + m.count)...]
        }
        try out.write(Array(rest))
    }

    private enum Part { case style, data, script }

    private static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Int? {
        var i = hay.startIndex
        while i + needle.count <= hay.endIndex {
            if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
