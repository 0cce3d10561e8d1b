import ProfileCore

/// An OpenTelemetry `ProfilesData` message (profiles v1development, as
/// `opentelemetry-proto` 1.45 defines it), flattened to what profconv uses.
///
/// Both encodings (protobuf and OTLP/JSON) decode into this and encode from
/// it, so the rules that map it to a ``Profile`` exist once. Indexes are kept
/// as read; ``OTLPProfileBuilder`` checks them, naming the byte offset that
/// each message was read at (`offset`: 0 when the document was built here).
struct OTLPDocument {
    var dictionary = OTLPDictionary()
    /// Every `Profile` of every `ScopeProfiles` of every `ResourceProfiles`, in order.
    var profiles: [OTLPProfile] = []
    /// `pprof.scope.default_sample_type`, from a scope's attributes.
    var defaultSampleType: String?
}

/// `ProfilesDictionary`: the tables the profiles share. By the schema's
/// rule, entry 0 of every table is the zero value and means "none".
struct OTLPDictionary {
    var mappings: [OTLPMapping] = []
    var locations: [OTLPLocation] = []
    var lines: [OTLPLine] = []
    var functions: [OTLPFunction] = []
    var strings: [String] = []
    var attributes: [OTLPAttribute] = []
    /// `Stack.location_indices` of all stacks, concatenated; stack `i` is
    /// `stackLocations[stackStart[i]..<stackStart[i + 1]]`.
    var stackLocations: [Int32] = []
    var stackStart: [Int32] = [0]
    var stackOffsets: [Int] = []
    var linkCount = 0

    var stackCount: Int { stackStart.count - 1 }

    func stack(_ i: Int) -> ArraySlice<Int32> {
        stackLocations[Int(stackStart[i])..<Int(stackStart[i + 1])]
    }

    mutating func appendStack(_ locations: some Sequence<Int32>, offset: Int = 0) {
        stackLocations.append(contentsOf: locations)
        stackStart.append(Int32(stackLocations.count))
        stackOffsets.append(offset)
    }
}

struct OTLPMapping {
    var memoryStart: UInt64 = 0
    var memoryLimit: UInt64 = 0
    var fileOffset: UInt64 = 0
    var filename: Int32 = 0
    var attributes: [Int32] = []
    var offset = 0
}

struct OTLPLocation {
    var mapping: Int32 = 0
    var address: UInt64 = 0
    /// Range in ``OTLPDictionary/lines``.
    var lineStart: Int32 = 0
    var lineCount: Int32 = 0
    var attributes: [Int32] = []
    var offset = 0
}

struct OTLPLine: Equatable {
    var function: Int32 = 0
    var line: Int64 = 0
    var column: Int64 = 0
    var offset = 0
}

struct OTLPFunction {
    var name: Int32 = 0
    var systemName: Int32 = 0
    var filename: Int32 = 0
    var startLine: Int64 = 0
    var offset = 0
}

/// `KeyValueAndUnit`, with the `AnyValue` kinds pprof labels can hold.
struct OTLPAttribute: Hashable {
    var key: Int32 = 0
    var value = OTLPValue.none
    var unit: Int32 = 0
    var offset = 0

    static func == (a: Self, b: Self) -> Bool { a.key == b.key && a.value == b.value && a.unit == b.unit }
    func hash(into h: inout Hasher) {
        h.combine(key)
        h.combine(value)
        h.combine(unit)
    }
}

/// An `AnyValue`. Arrays, key-value lists and bytes have no pprof
/// counterpart and are kept only as ``other``.
enum OTLPValue: Hashable {
    case none
    case string(String)
    /// `string_value_strindex`: an index into the string table.
    case stringIndex(Int32)
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case other
}

/// One `Profile`: one sample type, its samples and its metadata.
struct OTLPProfile {
    var sampleType = ValueType(type: 0, unit: 0)
    var periodType: ValueType?
    var period: Int64 = 0
    var timeUnixNano: UInt64 = 0
    var durationNano: UInt64 = 0
    var attributes: [Int32] = []
    var samples = OTLPSamples()
    var offset = 0
}

/// The samples of one profile, column-wise. A sample's value is the sum of
/// its `values` (each one observation), or the count of its timestamps when
/// it has no values.
struct OTLPSamples {
    var stacks: [Int32] = []
    var values: [Int64] = []
    /// Sample `i`'s attribute indices are `attributes[attributeStart[i]..<attributeStart[i + 1]]`.
    var attributes: [Int32] = []
    var attributeStart: [Int32] = [0]
    var offsets: [Int] = []

    var count: Int { stacks.count }

    func attributes(of i: Int) -> ArraySlice<Int32> {
        attributes[Int(attributeStart[i])..<Int(attributeStart[i + 1])]
    }

    mutating func append(stack: Int32, value: Int64, attributes a: some Sequence<Int32>, offset: Int = 0) {
        stacks.append(stack)
        values.append(value)
        attributes.append(contentsOf: a)
        attributeStart.append(Int32(attributes.count))
        offsets.append(offset)
    }

    /// Whether `other` has the same samples (stacks and attributes, in
    /// order) as this: then the two are columns of one pprof profile.
    func hasSameSamples(as other: OTLPSamples) -> Bool {
        stacks == other.stacks && attributeStart == other.attributeStart && attributes == other.attributes
    }
}

/// The attribute keys of the OpenTelemetry semantic conventions that carry
/// pprof fields with no field of their own in the schema.
enum OTLPKey {
    static let buildID = "process.executable.build_id.gnu"
    static let hasFunctions = "pprof.mapping.has_functions"
    static let hasFilenames = "pprof.mapping.has_filenames"
    static let hasLineNumbers = "pprof.mapping.has_line_numbers"
    static let hasInlineFrames = "pprof.mapping.has_inline_frames"
    static let isFolded = "pprof.location.is_folded"
    static let comment = "pprof.profile.comment"
    static let dropFrames = "pprof.profile.drop_frames"
    static let keepFrames = "pprof.profile.keep_frames"
    static let docURL = "pprof.profile.doc_url"
    static let defaultSampleType = "pprof.scope.default_sample_type"
}
