import ProfileCore

/// Visual Studio's `CallTreeSummary.csv` (the instrumentation profiler's
/// call tree, from `VSPerfReport /summary:calltree` or the Diagnostic
/// Tools' export): a header `Level,Function Name,Number of Calls,…`, then
/// one line per call-tree node with its depth in `Level`.
///
/// As inferno's `collapse-vsprof` reads it: the values are numbers of calls
/// (`calls/count`), each stack's the calls of its leaf, a node's own calls
/// being what its callees' calls leave of it; the `Level 0` line (the
/// program) is not a frame.
public enum VSProfFormat: ProfileReader {
    public static let name = "vsprof"
    public static let aliases = ["visual-studio"]
    public static let extensions: [String] = []
    public static let summary = "Visual Studio's CallTreeSummary.csv (read only)"

    static let header: StaticString = "Level,Function Name,Number of Calls,Elapsed Inclusive Time %,Elapsed Exclusive Time %,Avg Elapsed Inclusive Time,Avg Elapsed Exclusive Time,Module Name,"

    /// The header on the first line.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        var cursor = LineCursor(TextEncoding.droppingUTF8BOM(prefix))
        guard let line = cursor.next() else { return .no }
        var i = 0
        Digits.skipSpaces(line, &i)
        return line.slice(i, line.count).hasPrefix(header) ? .certainly : .no
    }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        var reader = VSProfReader(TextEncoding.droppingUTF8BOM(input))
        return try reader.read(warnings: &warnings)
    }
}
