import ProfileCore

/// The XML that `xctrace export --input run.trace --xpath '/trace-toc/run[@number="1"]/data/table[@schema="time-profile"]'`
/// writes of an Instruments Time Profiler recording: under
/// `<trace-query-result>`, one `<row>` per sample with its thread, its
/// weight and its `<backtrace>` of `<frame name=…>`s, leaf first. A value
/// met before is written once with an `id` and then as `<… ref="id"/>`.
///
/// Each row is one sample (`samples/count`, the default, as inferno's
/// `collapse-xctrace` counts rows) with its weight (`weight/nanoseconds`,
/// the time it stands for) and a `thread` label; partly demangled Rust
/// names are demangled. Rows of one backtrace and thread are one sample.
/// A document that declares entities is refused before it is parsed.
public enum XCTraceFormat: ProfileReader {
    public static let name = "xctrace"
    public static let aliases = ["instruments-xml"]
    public static let extensions: [String] = []
    public static let summary = "Instruments Time Profiler data as `xctrace export` writes it (XML) (read only)"

    /// An XML declaration, then `<trace-query-result` near the start.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        let text = TextEncoding.droppingUTF8BOM(prefix)
        guard text.hasPrefix("<?xml") else { return .no }
        let head = text.slice(0, min(text.count, 4096))
        return ByteSearch.find(head, "<trace-query-result") != nil ? .certainly : .no
    }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        var reader = XCTraceReader()
        return try reader.read(input)
    }
}
