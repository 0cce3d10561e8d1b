import ProfileCore

/// pprof's `profile.proto`, gzipped (the usual form) or raw.
public enum PprofFormat: ProfileReader, ProfileWriter, StreamingReader {
    public static let name = "pprof"
    public static let aliases = ["proto", "pb", "pb.gz", "debug0"]
    public static let extensions = ["pb.gz", "pprof", "pprof.gz", "prof", "pb"]
    public static let summary = "pprof protobuf (profile.proto), gzipped or raw; Go's debug=0"

    /// Options for writing pprof.
    public struct Options: FormatOptions {
        /// Write gzip (the default, as Go and pprof do) or raw protobuf (`.pb`).
        public var compress = true
        public init() {}
    }

    /// Raw protobuf has no magic: accept data whose first field is one a
    /// Profile starts with (sample_type, sample, …, string_table), whose
    /// first message length fits, and which, when that message ends inside
    /// the prefix, is followed by another key a Profile can hold. So it is
    /// never more than a maybe, and the last of them.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        // Text (`heap profile: …` starts with 'h', a valid field 13 varint key)
        // is never a Profile: every message a Profile starts with holds a key
        // byte below 0x20 (`0x08`, `0x10`) or an empty string (`0x00`).
        if TextEncoding.looksLikeText(prefix.prefix(64)) { return .no }
        var r = WireReader(prefix)
        guard let (field, wire) = try? r.tag(), ProfileField.declared(field) == wire else { return .no }
        if wire == .bytes {
            guard let length = try? r.varint(), length <= 1 << 30 else { return .no }
            let next = r.pos + Int(length)
            if next < prefix.count {
                var n = WireReader(prefix)
                n.pos = next
                guard let (f2, w2) = try? n.tag(), ProfileField.accepts(f2, w2) else { return .no }
            }
        }
        return .maybe
    }

    /// Below folded text, which also has no signature: a text that both
    /// could be is far more likely text.
    public static var sniffPriority: Int { -2 }

    /// A protobuf message starts with a key: wire type 0, 1, 2 or 5 in the
    /// low three bits, and a field number of at least 1 (a one-byte key of
    /// field 0 is 0x00–0x07). No text format starts with NUL either.
    public static func canStart(with byte: UInt8) -> Bool {
        let wire = byte & 7
        guard wire == 0 || wire == 1 || wire == 2 || wire == 5 else { return false }
        return byte >= 0x08
    }

    public static var mergesSamplesByStack: Bool { true }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        try PprofDecoder.decode(input, mergingStacks: options.mergeSamplesByStack)
    }

    static func read(_ stream: InflateStream, options: ReadOptions, warnings: inout Warnings) throws -> Profile? {
        try PprofDecoder.decode(stream, mergingStacks: options.mergeSamplesByStack)
    }

    public static func isBinary(_ options: WriteOptions) -> Bool { true }

    /// A `.pb` file is raw protobuf; every other name gets gzip, as Go writes it.
    public static func options(_ options: WriteOptions, forOutputPath path: String) -> WriteOptions {
        var o = options
        o[Options.self].compress = !path.lowercased().hasSuffix(".pb")
        return o
    }

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        if options[Options.self].compress {
            let gz = try Gzip.Compressor { try output.write($0) }
            try PprofEncoder.encode(profile) { try gz.write($0) }
            try gz.finish()
        } else {
            try PprofEncoder.encode(profile) { try output.write($0) }
        }
    }

    /// The encoded bytes of `profile` (gzipped unless `compress` is false).
    public static func encode(_ profile: Profile, compress: Bool = true) throws -> [UInt8] {
        let sink = ByteSink()
        var options = WriteOptions()
        options[Options.self].compress = compress
        try write(profile, options: options, to: sink)
        return sink.bytes
    }
}

/// The fields of `profile.proto`'s `Profile` and their wire types, for sniffing.
enum ProfileField {
    /// The wire type field `field` is declared with; nil for a field
    /// number `Profile` does not declare (1–15 are all declared).
    static func declared(_ field: UInt64) -> WireType? {
        switch field {
        case 1, 2, 3, 4, 5, 6, 11: return .bytes  // messages and strings
        case 7, 8, 9, 10, 12, 13, 14, 15: return .varint  // int64s and string indices
        default: return nil
        }
    }

    /// Whether a key of `field` and `wire` may follow inside a Profile:
    /// a declared field in its declared wire type (repeated `comment`
    /// also packed), or a field of a later version, skipped by readers.
    static func accepts(_ field: UInt64, _ wire: WireType) -> Bool {
        guard let expected = declared(field) else { return field > 15 }
        return wire == expected || (field == 13 && wire == .bytes)
    }
}
