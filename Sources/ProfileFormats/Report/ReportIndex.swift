/// The `index.html` that `batch --to report` writes beside its pages: a
/// link to each page, named by its input, in the batch's order.
public enum ReportIndex {
    /// One page: the input's and the page's paths, relative to the output directory.
    public struct Entry: Sendable {
        /// The input's path.
        public var input: String
        /// The page's path.
        public var page: String
        /// An entry for `input` and its `page`.
        public init(input: String, page: String) {
            self.input = input
            self.page = page
        }
    }

    /// The pages a batch left in place: converted now, or up to date from an earlier run.
    public static func entries(_ results: [BatchResult]) -> [Entry] {
        results.compactMap { r in
            switch r.outcome {
            case .converted, .skipped(upToDateReason): return Entry(input: r.item.relativeInput, page: r.item.relativeOutput)
            default: return nil
            }
        }
    }

    /// The index's name in the output directory; a batch keeps it free.
    public static let fileName = "index.html"

    /// Writes the index of `entries` to `directory`/index.html.
    public static func write(_ entries: [Entry], inDirectory directory: String) throws {
        _ = try ProfileOutput(path: directory + "/" + fileName).write { try write(entries, to: $0) }
    }

    public static func write(_ entries: [Entry], to out: ByteSink) throws {
        try ReportHTML.fill(PackageResources.index_html, style: PackageResources.report_css,
                            script: PackageResources.index_js, to: out) { out in
            try out.write(byte: 0x5B)
            for (i, e) in entries.enumerated() {
                try out.write(i == 0 ? "{\"input\":" : ",{\"input\":")
                try JSONOutput.writeString(e.input, to: out)
                try out.write(",\"page\":")
                try JSONOutput.writeString(e.page, to: out)
                try out.write(byte: 0x7D)
            }
            try out.write(byte: 0x5D)
        }
    }
}
