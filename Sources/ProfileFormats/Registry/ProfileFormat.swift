/// What every format declares: the names it goes by. A format reads
/// (``ProfileReader``), writes (``ProfileWriter``) or both; its folder holds
/// both sides, and it is registered once in ``FormatRegistry/all``.
/// Formats meet only through `Profile`.
public protocol ProfileFormat {
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
}

extension ProfileFormat {
    public static var aliases: [String] { [] }
    public static var extensions: [String] { [] }

    /// Whether profconv reads this format: it conforms to ``ProfileReader``.
    public static var canRead: Bool { self is any ProfileReader.Type }
    /// Whether profconv writes this format: it conforms to ``ProfileWriter``.
    public static var canWrite: Bool { self is any ProfileWriter.Type }
}
