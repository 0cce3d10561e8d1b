import ProfileCore

/// pprof's `profile.proto`, gzipped (the usual form) or raw.
public enum PprofFormat: ProfileFormat, StreamingReader {
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

    /// Raw protobuf has no magic; accept data whose first field is one a
    /// Profile starts with (sample_type, sample, …, string_table) and whose
    /// first message length fits.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> Bool {
        // Plain ASCII text (`heap profile: …` starts with 'h', a valid field
        // 13 varint key) is never a Profile: its first messages carry small
        // lengths and multi-byte varints, i.e. control and high bytes.
        let head = prefix.prefix(64)
        if head.count == 64 && head.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || ($0 >= 0x09 && $0 <= 0x0D) }) { return false }
        var r = WireReader(prefix)
        guard let (field, wire) = try? r.tag(), (1...15).contains(field) else { return false }
        switch wire {
        case .bytes:
            guard [1, 2, 3, 4, 5, 6, 11].contains(field) else { return false }
            guard let length = try? r.varint() else { return false }
            // The first message must be a plausible size and, when fully in
            // the prefix, be followed by another valid key.
            if length > 1 << 30 { return false }
            let next = r.pos + Int(length)
            if next < prefix.count {
                var n = WireReader(prefix)
                n.pos = next
                guard let (f2, _) = try? n.tag(), (1...15).contains(f2) || f2 > 15 else { return false }
            }
            return true
        case .varint:
            return [7, 8, 9, 10, 12, 13, 14, 15].contains(field)
        default:
            return false
        }
    }

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
