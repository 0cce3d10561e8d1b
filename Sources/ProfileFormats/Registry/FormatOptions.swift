import ProfileCore

/// Options of one format, stored in ``WriteOptions`` / ``ReadOptions`` by type.
public protocol FormatOptions: Sendable {
    init()
}

/// Options for reading. Format-specific options are looked up by type:
/// `options[SomeFormat.Options.self]`.
public struct ReadOptions: Sendable {
    /// The largest input accepted, as read (a file, standard input, a
    /// device) or as inflated from gzip (a gzip bomb stops here).
    public var maxInflatedBytes = 1 << 30
    /// The most a gzip stream may expand, output bytes per input byte,
    /// once it has made 64 MiB (0: any). Real profiles compress 3 to 30
    /// times; a bomb well under the size limit still costs seconds and
    /// gigabytes of tables, and is refused here first.
    public var maxInflationRatio = 200
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
    /// (``ProfileWriter/writesMergedStacksOnly(_:)``, no filter, no diff).
    public var mergeSamplesByStack = false
    /// From how many compressed bytes a gzip input is decoded while it is
    /// inflated, on a second thread; smaller ones are inflated first (a
    /// thread does not pay for milliseconds of inflating, and `batch`
    /// keeps the cores busy with files of its own: on 500 small files
    /// `--jobs 2` was 1.63× `--jobs 1` with a thread per file, 2.0× without).
    /// The result is the same either way.
    public var inflateInParallelFrom = 1 << 20
    /// Whether each sample is labelled with where its stack was started
    /// (`created by`, `created at`), where the format records it (Go's
    /// goroutine dumps): for analyses that group by creation site without
    /// changing the stacks. Inputs that record no creation site are read as usual.
    public var labelsCreationSites = false
    /// Whether frames without a name are kept as bare addresses, for a
    /// symbolizer that follows the reader (``ProfileLoader/loadBinaries(_:)``)
    /// to name them; readers that drop such frames keep them then.
    public var keepsUnnamedFrames = false
    private var storage: [ObjectIdentifier: any FormatOptions] = [:]
    /// The reader options given by name (``ReaderOption``), for the error
    /// that refuses them on another reader's input.
    private var given: [(reader: String, option: String)] = []

    public init() {}

    /// The options of format `type`; its defaults when none were set.
    /// Setting them makes an input of any other reader an error.
    public subscript<T: FormatOptions>(_ type: T.Type) -> T {
        get { storage[ObjectIdentifier(type)] as? T ?? T() }
        set { storage[ObjectIdentifier(type)] = newValue }
    }

    mutating func recordGiven(_ option: String, of reader: any ProfileReader.Type) {
        given.append((reader.name, option))
    }

    /// Throws when options of another reader than `reader` were set: they
    /// would do nothing, and an option is never accepted and ignored.
    func refuseOptions(notFor reader: any ProfileReader.Type) throws {
        // An option several readers declare (`no-modules`) is theirs alike.
        let readerName = reader.name
        var own = Set<String>()
        for o in reader.userOptions { own.insert(o.name) }
        if let g = given.first(where: { $0.reader != readerName && !own.contains($0.option) }) {
            var readers: [String] = []
            for r in FormatRegistry.readers where r.userOptions.contains(where: { $0.name == g.option }) { readers.append(r.name) }
            throw ProfileError("the option \(g.option) reads \(readers.isEmpty ? g.reader : readers.joined(separator: " and ")) input only, and this input is \(reader.name)")
        }
        let ownType: ObjectIdentifier? = if let t = reader.optionsType { ObjectIdentifier(t) } else { nil }
        // In the registry's order, so that the error does not depend on the dictionary's.
        let foreign = FormatRegistry.readers.first { other in
            guard other.name != readerName, let type = other.optionsType, ObjectIdentifier(type) != ownType else { return false }
            return storage[ObjectIdentifier(type)] != nil
        }
        if let foreign {
            throw ProfileError("options of the \(foreign.name) reader were set, and this input is \(reader.name)")
        }
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
    /// For a diff drawn by a ``ProfileWriter/drawsDifferences`` writer: the
    /// sample type holding the base's values (the other is the new one's).
    public var diffBaseIndex: Int?
    public init() {}
}
