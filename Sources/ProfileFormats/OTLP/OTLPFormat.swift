import ProfileCore

/// The OpenTelemetry profiles signal (`opentelemetry/proto/profiles/v1development`,
/// as release 1.45 of `opentelemetry-proto` defines it): a `ProfilesData`,
/// in protobuf (`.otlp.pb`) or in OTLP/JSON (`.otlp.json`).
///
/// Written as the collector's pprof translator writes it: one `Profile` per
/// sample type, sharing one dictionary. Read back into one profile with a
/// sample type per `Profile` when their samples match.
public enum OTLPFormat: ProfileReader, ProfileWriter {
    public static let name = "otlp"
    public static let aliases = ["opentelemetry"]
    public static let extensions = ["otlp.pb", "otlp.json", "otlp"]
    public static let summary = "OpenTelemetry profiles (OTLP ProfilesData, v1development): protobuf or OTLP/JSON"

    /// Options for writing OTLP.
    public struct Options: FormatOptions {
        /// Write OTLP/JSON (the protobuf JSON mapping) instead of protobuf.
        public var json = false
        public init() {}
    }

    /// Protobuf whose first field is `resource_profiles` holding a message
    /// (a pprof Profile starts with `sample_type`, field 1 too, whose
    /// fields are all integers), or JSON whose first key is one of
    /// `ProfilesData`'s.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        if OTLPJSONDecoder.startsLikeProfilesData(prefix) { return .certainly }
        var r = WireReader(prefix)
        guard let (field, wire) = try? r.tag(), field == 1, wire == .bytes,
              let length = try? r.varint(), length > 0, length <= 1 << 40 else { return .no }
        // ResourceProfiles: resource, scope_profiles and schema_url are all length-delimited.
        guard let (inner, innerWire) = try? r.tag(), (1...3).contains(inner), innerWire == .bytes else { return .no }
        return .certainly
    }

    /// A protobuf message starts with a key; OTLP/JSON with `{` (or white space).
    public static func canStart(with byte: UInt8) -> Bool {
        // 0x0A is both field 1's key and a newline; 0x12 is field 2's key.
        byte == 0x0A || byte == 0x12 || byte == UInt8(ascii: "{") || byte == 0x20 || byte == 0x0D || byte == 0x09 || byte == 0xEF
    }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        let document = OTLPJSONDecoder.startsLikeJSON(input)
            ? try OTLPJSONDecoder.decode(TextEncoding.droppingUTF8BOM(input))
            : try OTLPProtobufDecoder.decode(input)
        return try OTLPProfileBuilder.profile(document)
    }

    public static func isBinary(_ options: WriteOptions) -> Bool { !options[Options.self].json }

    /// A name ending in `.json` gets OTLP/JSON; every other name protobuf.
    public static func options(_ options: WriteOptions, forOutputPath path: String) -> WriteOptions {
        var o = options
        o[Options.self].json = path.lowercased().hasSuffix(".json")
        return o
    }

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        // One Profile per sample type: with none, the samples would vanish.
        _ = try profile.sampleIndex(for: nil)
        let document = OTLPDocumentBuilder.document(profile)
        if options[Options.self].json {
            try OTLPJSONEncoder.encode(document, to: output)
        } else {
            try OTLPProtobufEncoder.encode(document) { try output.write($0) }
        }
    }

    /// The encoded bytes of `profile`: protobuf, or OTLP/JSON when `json` is set.
    public static func encode(_ profile: Profile, json: Bool = false) throws -> [UInt8] {
        let sink = ByteSink()
        var options = WriteOptions()
        options[Options.self].json = json
        try write(profile, options: options, to: sink)
        return sink.bytes
    }
}
