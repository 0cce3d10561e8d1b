import ProfileCore

/// callgrind's profile format (valgrind's `callgrind.out.PID`), for
/// KCachegrind, QCachegrind and `callgrind_annotate`.
///
/// One event per sample type; functions at the report granularity
/// (`--granularity`, functions by default) after the report filters, with
/// costs that make `callgrind_annotate`'s self and inclusive totals equal
/// `profconv top`'s flat and cum. Write only.
public enum CallgrindFormat: ProfileWriter {
    public static let name = "callgrind"
    public static let aliases = ["kcachegrind", "qcachegrind"]
    public static let extensions = ["callgrind", "callgrind.out"]
    public static let summary = "callgrind profile for KCachegrind/QCachegrind and callgrind_annotate (write)"

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        try CallgrindWriter.write(profile, options: options, to: output)
    }
}
