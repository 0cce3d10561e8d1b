/// What every format declares: the names it goes by. A format reads
/// (``ProfileReader``), writes (``ProfileWriter``) or both; its folder holds
/// both sides, and it is registered once in ``FormatRegistry/all``.
/// Formats meet only through `Profile`.
public protocol ProfileFormat: Sendable {
    /// The name used by `--from` / `--to`, e.g. `pprof`, `folded`.
    static var name: String { get }
    /// Other accepted names (`collapsed` for folded, …).
    static var aliases: [String] { get }
    /// File name endings of this format, without the dot: on output they
    /// imply a writer (`.pb.gz`), on input they break a tie between readers
    /// whose signatures all match.
    static var extensions: [String] { get }
    /// One line for `profconv formats`.
    static var summary: String { get }

    /// This format as a reader, when it is one. A witness chosen when the
    /// format conforms, not a dynamic cast: each `as? any ProfileReader.Type`
    /// scans the binary's conformance records, 5 M instructions a process.
    static var asReader: (any ProfileReader.Type)? { get }
    /// This format as a writer, when it is one (a witness, as `asReader` is).
    static var asWriter: (any ProfileWriter.Type)? { get }
}

extension ProfileFormat {
    public static var aliases: [String] { [] }
    public static var extensions: [String] { [] }

    public static var asReader: (any ProfileReader.Type)? { nil }
    public static var asWriter: (any ProfileWriter.Type)? { nil }

    /// Whether profconv reads this format: it conforms to ``ProfileReader``.
    public static var canRead: Bool { asReader != nil }
    /// Whether profconv writes this format: it conforms to ``ProfileWriter``.
    public static var canWrite: Bool { asWriter != nil }
}

extension ProfileReader {
    public static var asReader: (any ProfileReader.Type)? { self }
}

extension ProfileWriter {
    public static var asWriter: (any ProfileWriter.Type)? { self }
}
