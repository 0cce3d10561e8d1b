import ProfileCore

/// A format profconv reads: how it is recognised, what it says about bytes
/// it nearly recognises, its options, and how it decodes. Every fact the
/// generic stages need about a reader is declared here, so that
/// ``FormatRegistry``, the pipeline and the input stage name no format.
public protocol ProfileReader: ProfileFormat {
    /// How sure the reader is that `prefix` (the first ``FormatRegistry/sniffPrefixBytes``
    /// of an input, already inflated if it was gzipped) is its format.
    static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence

    /// Among readers equally sure of an input (and with no file name to
    /// break the tie), the highest priority wins; then the earlier one in
    /// ``FormatRegistry/all``. Formats without a signature (folded text, raw
    /// protobuf) rank below those with one.
    static var sniffPriority: Int { get }

    /// File name endings, without the dot, that decide this format when no
    /// reader recognises the content (a text whose signature lies beyond the
    /// sniffed prefix, or is broken by one odd line). A trailing `.gz` is
    /// ignored. A binary format declares none: a `.pb.gz` that is not
    /// protobuf must be refused, not misread.
    static var undecidedInputEndings: [String] { get }

    /// Whether an input named as this format (not sniffed) may start with
    /// `byte`; a gzip input that cannot is refused after its first
    /// inflated bytes, before a gzip bomb is inflated whole.
    static func canStart(with byte: UInt8) -> Bool

    /// What to tell the user about `prefix` when no reader recognises it
    /// but it looks like the kind of file this reader reads (JSON of
    /// another shape, say); nil when it does not.
    static func nearMiss(_ prefix: UnsafeRawBufferPointer) -> String?

    /// For a JSON format: the keys its documents are told apart by, for the
    /// error that JSON of an unknown shape gets, which lists every reader's
    /// (`{"nodes": […], …} (V8 CPU profile)`); nil for other formats.
    static var jsonShape: String? { get }

    /// The type of this reader's options in ``ReadOptions``; nil for none.
    /// Options of a reader other than the one that reads an input are refused.
    static var optionsType: (any FormatOptions.Type)? { get }

    /// The options a user may set, by name, with their help (the CLI lists
    /// them in a group titled by the format).
    static var userOptions: [ReaderOption] { get }

    /// Whether ``read(_:options:warnings:)`` sums samples of one stack as
    /// it decodes them when ``ReadOptions/mergeSamplesByStack`` allows it.
    static var mergesSamplesByStack: Bool { get }

    /// Whether the reader warns of sums that passed `Int64.max` itself,
    /// where it met them; the generic check then stays silent.
    static var reportsSaturation: Bool { get }

    /// Whether the format shows a Go program's runtime frames as Go's text
    /// tracebacks do (some hidden, `runtime.gopark` kept or not), not as
    /// the profile's locations hold them: a diff against another form then
    /// hides runtime frames on both sides.
    static var showsGoTracebackFrames: Bool { get }

    /// Reads a whole input. Throws `ProfileError` with a place.
    static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile
}

extension ProfileReader {
    public static var sniffPriority: Int { 0 }
    public static var undecidedInputEndings: [String] { [] }
    /// No text format starts with NUL.
    public static func canStart(with byte: UInt8) -> Bool { byte != 0 }
    public static func nearMiss(_ prefix: UnsafeRawBufferPointer) -> String? { nil }
    public static var jsonShape: String? { nil }
    public static var optionsType: (any FormatOptions.Type)? { nil }
    public static var userOptions: [ReaderOption] { [] }
    public static var mergesSamplesByStack: Bool { false }
    public static var reportsSaturation: Bool { false }
    public static var showsGoTracebackFrames: Bool { false }
}
