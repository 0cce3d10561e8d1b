/// A performance profile, shaped like pprof's `profile.proto`.
///
/// Everything a pprof file holds has a place here, so a pprof → model → pprof
/// round trip is lossless. Unlike the protobuf, references between tables are
/// array *indices* (`Int32`), resolved once when a profile is read; the
/// original ids are kept in `id` fields so they can be written back.
///
/// Samples are stored column-wise in a ``SampleTable`` rather than as an array
/// of structs: a 2M-sample profile then costs a handful of large arrays instead
/// of millions of small ones.
public struct Profile: Sendable {
    /// The string table. Index 0 is always `""`.
    public var strings: StringTable

    /// What each value of a sample measures, e.g. `[samples count, cpu nanoseconds]`.
    public var sampleTypes: [ValueType]
    /// The samples, column-wise: locations (leaf first), values and labels.
    public var samples: SampleTable
    /// The binaries and libraries mapped into the profiled process.
    public var mappings: [Mapping]
    /// The program counters the samples refer to, each with its source lines.
    public var locations: [Location]
    /// Lines of all locations, concatenated; a location owns `lineRange`.
    public var lines: [Line]
    /// The functions the lines refer to.
    public var functions: [Function]

    /// Regular expressions (string ids) of frames to drop / keep, as in pprof.
    public var dropFrames: Int32
    /// See ``dropFrames``.
    public var keepFrames: Int32
    /// When the profile was taken, in nanoseconds since the Unix epoch; 0 if unknown.
    public var timeNanos: Int64
    /// How long the profile was collected, in nanoseconds; 0 if unknown.
    public var durationNanos: Int64
    /// What one ``period`` measures, e.g. `cpu`/`nanoseconds`; nil if unset.
    public var periodType: ValueType?
    /// The sampling period, in units of ``periodType`` (10 ms for Go CPU profiles).
    public var period: Int64
    /// Free-form comments (string ids).
    public var comments: [Int32]
    /// The sample type shown by default (string id of its `type`), 0 if unset.
    public var defaultSampleType: Int32
    /// A link to the profile's documentation (string id), 0 if unset.
    public var docURL: Int32

    /// An empty profile: no sample types, no samples, a string table holding only `""`.
    public init() {
        strings = StringTable()
        sampleTypes = []
        samples = SampleTable(valuesPerSample: 0)
        mappings = []
        locations = []
        lines = []
        functions = []
        dropFrames = 0
        keepFrames = 0
        timeNanos = 0
        durationNanos = 0
        periodType = nil
        period = 0
        comments = []
        defaultSampleType = 0
        docURL = 0
    }

    /// The string with id `id`, `""` for an out-of-range id.
    @inlinable public func string(_ id: Int32) -> String { strings[id] }

    /// The lines of location `index`, innermost (inlined callee) first.
    @inlinable public func lines(ofLocation index: Int32) -> ArraySlice<Line> {
        lines[locations[Int(index)].lineRange]
    }

    /// The index of the sample type pprof shows by default: `default_sample_type`
    /// when set and present, else the last sample type.
    public var defaultSampleIndex: Int {
        if defaultSampleType != 0,
           let i = sampleTypes.lastIndex(where: { $0.type == defaultSampleType }) {
            return i
        }
        return max(0, sampleTypes.count - 1)
    }

    /// Resolves a user's `--sample-index`: a number, or a sample type name
    /// (`inuse_space`, `delay`, …), or nil for the default.
    public func sampleIndex(for selector: String?) throws(ProfileError) -> Int {
        // Every writer indexes `sampleTypes` with the answer, so none may come back for none.
        guard !sampleTypes.isEmpty else { throw ProfileError("the profile has no sample types, so there are no values to show") }
        guard let selector, !selector.isEmpty else { return defaultSampleIndex }
        if let n = Int(selector) {
            guard sampleTypes.indices.contains(n) else {
                throw ProfileError("sample index \(n) is out of range: the profile has \(sampleTypes.count) sample types (\(sampleTypeNames))")
            }
            return n
        }
        // As pprof's SampleIndexByName: `inuse_space` also names a type called
        // `space` (legacy heap profiles).
        let withoutInuse = selector.hasPrefix("inuse_") ? String(selector.dropFirst("inuse_".count)) : selector
        if let i = sampleTypes.firstIndex(where: { strings[$0.type] == selector || strings[$0.type] == withoutInuse }) { return i }
        throw ProfileError("no sample type named '\(selector)'; this profile has: \(sampleTypeNames)")
    }

    /// `"samples/count, cpu/nanoseconds"`, for messages.
    public var sampleTypeNames: String {
        sampleTypes.map { "\(strings[$0.type])/\(strings[$0.unit])" }.joined(separator: ", ")
    }

    /// The total of each sample type over all samples, saturating on overflow.
    public func totals() -> [Int64] {
        var totals = [Int64](repeating: 0, count: sampleTypes.count)
        let n = sampleTypes.count
        guard n > 0 else { return totals }
        samples.values.withUnsafeBufferPointer { values in
            var i = 0
            while i < values.count {
                for t in 0..<n { totals[t] = totals[t].saturatingAdd(values[i + t]) }
                i += n
            }
        }
        return totals
    }
}

/// A pair of string ids naming a measured quantity and its unit, e.g. `cpu`/`nanoseconds`.
public struct ValueType: Hashable, Sendable {
    /// The quantity measured (string id), e.g. `cpu`.
    public var type: Int32
    /// Its unit (string id), e.g. `nanoseconds`.
    public var unit: Int32
    /// A value type from two string ids.
    public init(type: Int32, unit: Int32) {
        self.type = type
        self.unit = unit
    }
}

/// A label attached to a sample: string-valued when `str != 0`, else numeric.
public struct Label: Hashable, Sendable {
    /// The label's key (string id).
    public var key: Int32
    /// The string value (string id), 0 for a numeric label.
    public var str: Int32
    /// The numeric value, when ``str`` is 0.
    public var num: Int64
    /// The unit of num (string id), e.g. `bytes`; 0 if none.
    public var numUnit: Int32
    /// A label; pass `str` for a string label, `num` (and `numUnit`) for a numeric one.
    public init(key: Int32, str: Int32 = 0, num: Int64 = 0, numUnit: Int32 = 0) {
        self.key = key
        self.str = str
        self.num = num
        self.numUnit = numUnit
    }
    /// Whether the label holds a string rather than a number.
    @inlinable public var isString: Bool { str != 0 }
}

/// A binary or library loaded into the profiled process.
public struct Mapping: Hashable, Sendable {
    /// The mapping's id in the pprof file, kept to write it back.
    public var id: UInt64
    /// The first address of the mapped range.
    public var memoryStart: UInt64 = 0
    /// The address just past the mapped range.
    public var memoryLimit: UInt64 = 0
    /// The file offset that memoryStart maps.
    public var fileOffset: UInt64 = 0
    /// The binary's path (string id).
    public var filename: Int32 = 0
    /// The binary's build id (string id), which symbolization matches against.
    public var buildID: Int32 = 0
    /// The locations in this mapping have function names.
    public var hasFunctions = false
    /// The locations in this mapping have source file names.
    public var hasFilenames = false
    /// The locations in this mapping have line numbers.
    public var hasLineNumbers = false
    /// The locations in this mapping have their inlined frames expanded.
    public var hasInlineFrames = false
    /// A mapping with pprof id `id` and every other field zero.
    public init(id: UInt64) { self.id = id }
}

/// A program counter, with the source lines (inlining expanded) it stands for.
public struct Location: Hashable, Sendable {
    /// The location's id in the pprof file, kept to write it back.
    public var id: UInt64
    /// Index into `Profile.mappings`, or -1 for none.
    public var mappingIndex: Int32 = -1
    /// The program counter; 0 when the format has none (folded stacks, text dumps).
    public var address: UInt64 = 0
    /// Range in `Profile.lines`; innermost inlined callee first, the caller last.
    public var lineStart: Int32 = 0
    /// The number of lines from ``lineStart``.
    public var lineCount: Int32 = 0
    /// pprof's `is_folded`: the lines were merged by address, not one per inlining level.
    public var isFolded = false
    /// A location with pprof id `id`, no mapping, no address and no lines.
    public init(id: UInt64) { self.id = id }
    /// The range of this location's lines in `Profile.lines`.
    @inlinable public var lineRange: Range<Int> { Int(lineStart)..<Int(lineStart + lineCount) }
}

/// One source line of a location.
public struct Line: Hashable, Sendable {
    /// Index into `Profile.functions`, or -1 for none.
    public var functionIndex: Int32
    /// The line number, 0 if unknown.
    public var line: Int64
    /// The column, 0 if unknown.
    public var column: Int64
    /// A line of function `functionIndex`.
    public init(functionIndex: Int32, line: Int64 = 0, column: Int64 = 0) {
        self.functionIndex = functionIndex
        self.line = line
        self.column = column
    }
}

/// A function: its names (string ids), source file and first line.
public struct Function: Hashable, Sendable {
    /// The function's id in the pprof file, kept to write it back.
    public var id: UInt64
    /// The name shown to people (string id), e.g. `main.(*T).run`.
    public var name: Int32 = 0
    /// The name as the linker knows it (string id), e.g. a mangled C++ name.
    public var systemName: Int32 = 0
    /// The source file (string id).
    public var filename: Int32 = 0
    /// The line where the function starts, 0 if unknown.
    public var startLine: Int64 = 0
    /// A function with pprof id `id` and every name unset.
    public init(id: UInt64) { self.id = id }
}
