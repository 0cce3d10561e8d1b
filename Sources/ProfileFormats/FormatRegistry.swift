import ProfileCore

/// Every format profconv knows, and how an input's format is found.
public enum FormatRegistry {
    /// All formats, in sniffing order: the most specific signatures first,
    /// folded (any text line ending in a number) and raw protobuf last.
    public static let all: [any ProfileFormat.Type] = [
        GoDebug1Format.self,
        GoDebug2Format.self,
        PprofFormat.self,
        FlameGraphFormat.self,
        FoldedFormat.self,
        TopFormat.self,
        DotFormat.self,
        TracesFormat.self,
        GraphMLFormat.self,
        CallGraphSVGFormat.self,
        SpeedscopeFormat.self,
        CallgrindFormat.self,
    ]

    /// Sniffing order: text formats with clear signatures, then folded, then pprof.
    static var sniffOrder: [any ProfileFormat.Type] {
        all.filter { ObjectIdentifier($0) != ObjectIdentifier(PprofFormat.self) && ObjectIdentifier($0) != ObjectIdentifier(FoldedFormat.self) } + [FoldedFormat.self, PprofFormat.self]
    }

    /// The format called `name` (or one of its aliases), case-insensitively.
    public static func format(named name: String) -> (any ProfileFormat.Type)? {
        let n = name.lowercased()
        return all.first { $0.name == n || $0.aliases.contains(n) }
    }

    /// The format an output path implies by its ending (`.pb.gz`, `.folded`, …):
    /// the longest matching extension wins.
    public static func format(forOutputPath path: String) -> (any ProfileFormat.Type)? {
        let lower = path.lowercased()
        var best: (any ProfileFormat.Type)?
        var bestLength = 0
        for f in all where f.canWrite {
            for ext in f.extensions where lower.hasSuffix("." + ext) && ext.count > bestLength {
                best = f
                bestLength = ext.count
            }
        }
        return best
    }

    /// The format whose signature `bytes` (already inflated) carry.
    public static func detect(_ bytes: UnsafeRawBufferPointer) -> (any ProfileFormat.Type)? {
        let prefix = UnsafeRawBufferPointer(rebasing: bytes[..<min(bytes.count, 64 << 10)])
        return sniffOrder.first { $0.canRead && $0.sniff(prefix) }
    }

    /// The result of reading an input.
    public struct Decoded {
        public var profile: Profile
        public var format: any ProfileFormat.Type
        public var warnings: Warnings
        public var wasGzipped: Bool
    }

    /// Reads `bytes` of any known format: inflates gzip, sniffs the content
    /// (unless `format` is given) and decodes it.
    public static func read(_ bytes: [UInt8], format: (any ProfileFormat.Type)? = nil,
                            options: ReadOptions = ReadOptions()) throws -> Decoded {
        try bytes.withUnsafeBytes { raw in
            if Gzip.isGzip(raw) {
                let inflated = try Gzip.inflate(raw, limit: options.maxInflatedBytes) {
                    try InflatedStart.check($0, format: format)
                }
                var d: Decoded
                do {
                    d = try inflated.withUnsafeBytes { try decode($0, format: format, options: options) }
                } catch var error as ProfileError {
                    // Offsets inside the content count from the start of the inflated data.
                    if case .byte = error.place { error.message += " (after gunzip)" }
                    throw error
                }
                d.wasGzipped = true
                return d
            }
            return try decode(raw, format: format, options: options)
        }
    }

    private static func decode(_ raw: UnsafeRawBufferPointer, format: (any ProfileFormat.Type)?, options: ReadOptions) throws -> Decoded {
        if raw.isEmpty { throw ProfileError.atByte(0, "the input is empty") }
        guard let f = format ?? detect(raw) else {
            throw ProfileError.atByte(0, "not a profile profconv can read (\(describe(raw))); use --from to name the format, `profconv formats` lists them")
        }
        guard f.canRead else { throw ProfileError("profconv cannot read \(f.name) files") }
        var warnings = Warnings()
        let profile = try f.read(raw, options: options, warnings: &warnings)
        try ReadLimits(options).check(profile)
        return Decoded(profile: profile, format: f, warnings: warnings, wasGzipped: false)
    }

    /// A short description of unrecognised bytes, for the error message.
    static func describe(_ raw: UnsafeRawBufferPointer) -> String {
        let signatures: [([UInt8], String)] = [
            ([0x89, 0x50, 0x4E, 0x47], "a PNG image"), ([0x25, 0x50, 0x44, 0x46], "a PDF document"),
            ([0x50, 0x4B, 0x03, 0x04], "a zip archive"), ([0x7F, 0x45, 0x4C, 0x46], "an ELF binary"),
            ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ]
        for (magic, name) in signatures where raw.count >= magic.count && zip(raw, magic).allSatisfy({ $0 == $1 }) {
            return "it looks like \(name)"
        }
        let n = min(raw.count, 16)
        let hex = raw[..<n].map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
        return "it starts with bytes " + hex.joined(separator: " ")
    }
}
