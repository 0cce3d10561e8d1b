import ProfileCore

/// A profile format: how to recognise it, and how to read and/or write it.
///
/// Each format lives in its own folder with its reader and writer side by
/// side, and is registered once in ``FormatRegistry/all``. Formats meet only
/// through ``Profile``.
public protocol ProfileFormat {
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

    /// Reads a whole input. Throws ``ProfileError`` with a place.
    static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile

    /// Writes `profile` to `output`.
    static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws
}

extension ProfileFormat {
    public static var aliases: [String] { [] }
    public static var extensions: [String] { [] }
    public static var canRead: Bool { true }
    public static var canWrite: Bool { true }
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> Bool { false }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        throw ProfileError("profconv cannot read \(name) files; it only writes them")
    }
    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        throw ProfileError("profconv cannot write \(name) files; it only reads them")
    }
}

/// Options of one format, stored in ``WriteOptions`` / ``ReadOptions`` by type.
public protocol FormatOptions {
    init()
}

/// Options for reading. Format-specific options are looked up by type:
/// `options[Debug2ReadOptions.self]`.
public struct ReadOptions {
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
    private var storage: [ObjectIdentifier: any FormatOptions] = [:]

    public init() {}

    public subscript<T: FormatOptions>(_ type: T.Type) -> T {
        get { storage[ObjectIdentifier(type)] as? T ?? T() }
        set { storage[ObjectIdentifier(type)] = newValue }
    }
}

/// Options for writing: the sample type to show, plus each format's own options.
public struct WriteOptions {
    /// `--sample-index`: a sample type name or number; nil means the default.
    public var sampleIndex: String?
    private var storage: [ObjectIdentifier: any FormatOptions] = [:]

    public init(sampleIndex: String? = nil) { self.sampleIndex = sampleIndex }

    public subscript<T: FormatOptions>(_ type: T.Type) -> T {
        get { storage[ObjectIdentifier(type)] as? T ?? T() }
        set { storage[ObjectIdentifier(type)] = newValue }
    }
}
