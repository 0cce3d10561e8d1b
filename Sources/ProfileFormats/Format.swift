import ProfileCore

/// A profile format: how to recognise it, and how to read and/or write it.
///
/// Each format lives in its own folder with its reader and writer side by
/// side, and is registered once in ``FormatRegistry/all``. Formats meet only
/// through `Profile`.
public protocol ProfileFormat: Sendable {
    /// The name used by `--from` / `--to`, e.g. `pprof`, `folded`.
    static var name: String { get }
    /// Other accepted names (`collapsed` for folded, …).
    static var aliases: [String] { get }
    /// File name endings that imply this format on output, without the dot.
    static var extensions: [String] { get }
    /// One line for `profconv formats`.
    static var summary: String { get }

    /// Whether `prefix` (the first few KiB of an input, already inflated if
    /// it was gzipped) looks like this format.
    static func sniff(_ prefix: UnsafeRawBufferPointer) -> Bool

    static var canRead: Bool { get }
    static var canWrite: Bool { get }

    /// Reads a whole input. Throws `ProfileError` with a place.
    static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile

    /// Writes `profile` to `output`. Warnings go to ``ByteSink/warn(_:)``.
    static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws

    /// Whether output in this format is binary, unfit for a terminal.
    static func isBinary(_ options: WriteOptions) -> Bool

    /// The options adjusted to what an output path says (`.pb` means raw
    /// protobuf); the output stage asks before every write.
    static func options(_ options: WriteOptions, forOutputPath path: String) -> WriteOptions

    /// Whether a diff reaches this writer as one profile of two sample
    /// types, base then new, to draw the difference (folded's two columns,
    /// red/blue flame graphs). Other writers get pprof's `-diff_base`
    /// profile, whose sum is new − base.
    static var drawsDifferences: Bool { get }

    /// Whether this writer, with `options`, sees samples only through the
    /// sums of their values per distinct location list (in no order, with
    /// no labels): a
    /// reader may then merge such samples as it decodes them
    /// (``ReadOptions/mergeSamplesByStack``) and never hold them all.
    static func writesMergedStacksOnly(_ options: WriteOptions) -> Bool
}

extension ProfileFormat {
    public static var aliases: [String] { [] }
    public static var extensions: [String] { [] }
    public static var canRead: Bool { true }
    public static var canWrite: Bool { true }
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> Bool { false }
    public static func isBinary(_ options: WriteOptions) -> Bool { false }
    public static func options(_ options: WriteOptions, forOutputPath path: String) -> WriteOptions { options }
    public static var drawsDifferences: Bool { false }
    public static func writesMergedStacksOnly(_ options: WriteOptions) -> Bool { false }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        throw ProfileError("profconv cannot read \(name) files; it only writes them")
    }
    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        throw ProfileError("profconv cannot write \(name) files; it only reads them")
    }
}

/// Options of one format, stored in ``WriteOptions`` / ``ReadOptions`` by type.
public protocol FormatOptions: Sendable {
    init()
}

/// Options for reading. Format-specific options are looked up by type:
/// `options[Debug2ReadOptions.self]`.
public struct ReadOptions: Sendable {
    /// The largest inflated size accepted from a gzip stream (a gzip bomb stops here).
    public var maxInflatedBytes = 1 << 30
    /// The most frames one sample may have, inlined frames included
    /// (`--max-stack-depth`). Real stacks stay far below; Go truncates
    /// goroutine stacks at 100 frames and pprof CPU stacks at 64 (or 512).
    public var maxStackDepth = 1_000_000
    /// The longest string (a frame, file or label name) in bytes
    /// (`--max-string-length`). Go symbol names with long generic type
    /// arguments reach a few KiB.
    public var maxStringLength = 1 << 20
    /// Whether a file name of a text format (`.folded`, `.txt`, …) decides
    /// the format of content no signature recognises. `batch` turns it off:
    /// it finds its inputs by content and skips the rest.
    public var nameDecidesUndecidedInput = true
    /// Whether a reader may sum samples that have the same locations into
    /// one, dropping their labels, as it decodes them, instead of holding
    /// every sample:
    /// set by the pipeline when nothing downstream tells such samples apart
    /// (``ProfileFormat/writesMergedStacksOnly(_:)``, no filter, no diff).
    public var mergeSamplesByStack = false
    /// From how many compressed bytes a gzip input is decoded while it is
    /// inflated, on a second thread; smaller ones are inflated first (a
    /// thread does not pay for milliseconds of inflating, and `batch`
    /// keeps the cores busy with files of its own: on 500 small files
    /// `--jobs 2` was 1.63× `--jobs 1` with a thread per file, 2.0× without).
    /// The result is the same either way.
    public var inflateInParallelFrom = 1 << 20
    private var storage: [ObjectIdentifier: any FormatOptions] = [:]

    public init() {}

    /// The options of format `type`; its defaults when none were set.
    public subscript<T: FormatOptions>(_ type: T.Type) -> T {
        get { storage[ObjectIdentifier(type)] as? T ?? T() }
        set { storage[ObjectIdentifier(type)] = newValue }
    }
}

/// Options for writing: the sample type to show, what the earlier stages
/// did, plus each format's own options.
public struct WriteOptions: Sendable {
    /// `--sample-index`: a sample type name or number; nil means the default.
    public var sampleIndex: String?
    /// Where the profile came from and what the transform stage did to it.
    public var context = WriteContext()
    private var storage: [ObjectIdentifier: any FormatOptions] = [:]

    /// Write options choosing sample type `sampleIndex` (a name or number; nil for the default).
    public init(sampleIndex: String? = nil) { self.sampleIndex = sampleIndex }

    /// The options of format `type`; its defaults when none were set.
    public subscript<T: FormatOptions>(_ type: T.Type) -> T {
        get { storage[ObjectIdentifier(type)] as? T ?? T() }
        set { storage[ObjectIdentifier(type)] = newValue }
    }
}

/// What the input and transform stages know that a writer may show: the
/// inputs' names, and for reports the total before filtering (pprof's
/// percentages are of it) and the filters applied.
public struct WriteContext: Sendable {
    /// The inputs, as the user named them (file, URL or `<stdin>`).
    public var sources: [String] = []
    /// The base inputs of a diff.
    public var baseSources: [String] = []
    /// The format of the (first) input, and whether it came gzipped.
    public var inputFormat: String?
    /// Whether that input was gzip-compressed (pprof writers keep it so).
    public var inputWasGzipped = false
    /// The chosen sample type's total before filters; nil when not known,
    /// and a report takes the total of what it is given.
    public var unfilteredTotal: Int64?
    /// The filters applied, as pprof lists them in report headers.
    public var activeFilters: [String] = []
    /// The granularity the transform stage merged frames to; nil for none.
    public var granularity: Granularity?
    /// For a diff drawn by a ``ProfileFormat/drawsDifferences`` writer: the
    /// sample type holding the base's values (the other is the new one's).
    public var diffBaseIndex: Int?
    public init() {}
}
