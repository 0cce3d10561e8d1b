import ProfileCore

/// Every format profconv knows, and how an input's format is found.
public enum FormatRegistry {
    /// All formats, as `profconv formats` lists them. Adding a format is one
    /// line here (and its folder); `sniffOrder` decides who looks first.
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
        D3FlameGraphFormat.self,
        ReportFormat.self,
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

    /// How much of an input sniffing looks at: enough for a first line of a
    /// 100,000-frame folded stack (about 500 KB), bounded so that sniffing a
    /// huge file stays cheap.
    public static let sniffPrefixBytes = 1 << 20

    /// The format whose signature `bytes` (already inflated) carry.
    ///
    /// `pathHint` (the input's file name) breaks ties: when several
    /// signatures match, a format whose extension the name ends with wins
    /// (`.folded`, `.collapsed`, `.svg`, `.debug2.txt`, …). When none matches,
    /// ``format(forUndecidedInputPath:)`` names the format, unless
    /// `nameDecides` is false (`batch`, which finds its inputs by content).
    public static func detect(_ bytes: UnsafeRawBufferPointer, pathHint: String? = nil,
                              nameDecides: Bool = true) -> (any ProfileFormat.Type)? {
        let prefix = UnsafeRawBufferPointer(rebasing: bytes[..<min(bytes.count, sniffPrefixBytes)])
        guard let pathHint else { return sniffOrder.first { $0.canRead && $0.sniff(prefix) } }
        let name = strippingGzip(pathHint.lowercased())
        let matches = sniffOrder.filter { $0.canRead && $0.sniff(prefix) }
        var best: (any ProfileFormat.Type)?
        var bestLength = 0
        for f in matches {
            for ext in f.extensions where name.hasSuffix("." + ext) && ext.count > bestLength {
                best = f
                bestLength = ext.count
            }
        }
        return best ?? matches.first ?? (nameDecides ? format(forUndecidedInputPath: pathHint) : nil)
    }

    /// The format a file name implies when the content matches no signature:
    /// text formats whose signature can lie beyond the sniffed prefix (a first
    /// line longer than it) or be broken by one odd line. `.folded`,
    /// `.collapsed` and `.txt` mean folded stacks, `.svg` a flame graph,
    /// `.json` speedscope; a trailing `.gz` is ignored. Binary formats are
    /// never taken from the name: a `.pb.gz` that is not protobuf is refused.
    public static func format(forUndecidedInputPath path: String) -> (any ProfileFormat.Type)? {
        let name = strippingGzip(path.lowercased())
        let byEnding: [(String, any ProfileFormat.Type)] = [
            (".folded", FoldedFormat.self), (".collapsed", FoldedFormat.self), (".txt", FoldedFormat.self),
            (".svg", FlameGraphFormat.self), (".json", SpeedscopeFormat.self),
        ]
        return byEnding.first { name.hasSuffix($0.0) }?.1
    }

    private static func strippingGzip(_ name: String) -> String {
        name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
    }

    /// The result of reading an input.
    public struct Decoded {
        /// The profile read.
        public var profile: Profile
        /// The format that read it, given or sniffed.
        public var format: any ProfileFormat.Type
        /// The reader's non-fatal findings.
        public var warnings: Warnings
        /// Whether the input was gzip-compressed.
        public var wasGzipped: Bool
    }

    /// Reads `bytes` of any known format: inflates gzip, sniffs the content
    /// (unless `format` is given) and decodes it. `pathHint`, the input's file
    /// name, helps sniffing (see `detect(_:pathHint:)`).
    public static func read(_ bytes: [UInt8], format: (any ProfileFormat.Type)? = nil,
                            options: ReadOptions = ReadOptions(), pathHint: String? = nil) throws -> Decoded {
        try bytes.withUnsafeBytes { try read($0, format: format, options: options, pathHint: pathHint) }
    }

    /// Reads `raw` as ``read(_:format:options:pathHint:)`` reads an array
    /// (a mapped file: see ``InputBytes``); nothing of the result points into `raw`.
    public static func read(_ raw: UnsafeRawBufferPointer, format: (any ProfileFormat.Type)? = nil,
                            options: ReadOptions = ReadOptions(), pathHint: String? = nil) throws -> Decoded {
        if Gzip.isGzip(raw) {
            let check = { (prefix: UnsafeRawBufferPointer) in
                try InflatedStart.check(prefix, format: format, pathHint: pathHint, nameDecides: options.nameDecidesUndecidedInput)
            }
            var d: Decoded
            if raw.count >= options.inflateInParallelFrom,
               let stream = InflateStream(raw, limit: options.maxInflatedBytes, checkingStart: check) {
                d = try readInflating(stream, format: format, options: options, pathHint: pathHint)
            } else {
                let inflated = try Gzip.inflate(raw, limit: options.maxInflatedBytes, checkingStart: check)
                d = try afterGunzip { try inflated.withUnsafeBytes { try decode($0, format: format, options: options, pathHint: pathHint) } }
            }
            d.wasGzipped = true
            return d
        }
        return try decode(raw, format: format, options: options, pathHint: pathHint)
    }

    /// Offsets inside the content count from the start of the inflated data.
    static func afterGunzip<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as ProfileError {
            if case .byte = error.place { error.message += " (after gunzip)" }
            throw error
        }
    }

    static func decode(_ raw: UnsafeRawBufferPointer, format: (any ProfileFormat.Type)?, options: ReadOptions,
                       pathHint: String?) throws -> Decoded {
        let f = try readableFormat(raw, format: format, options: options, pathHint: pathHint)
        return try finishReading(f, options: options) { options, warnings in
            try f.read(raw, options: options, warnings: &warnings)
        }
    }

    /// `format`, or the one the content shows.
    static func readableFormat(_ raw: UnsafeRawBufferPointer, format: (any ProfileFormat.Type)?, options: ReadOptions,
                               pathHint: String?) throws -> any ProfileFormat.Type {
        if raw.isEmpty { throw unrecognized("the input is empty") }
        guard let f = format ?? detect(raw, pathHint: pathHint, nameDecides: options.nameDecidesUndecidedInput) else {
            throw unrecognized(UnreadableInput.message(raw))
        }
        guard f.canRead else { throw ProfileError("profconv cannot read \(f.name) files") }
        return f
    }

    /// Reads with `read` and checks the result against the limits.
    ///
    /// The one place where samples merged while reading are given up: when
    /// the reader refuses to merge (``MergeRefused``), and when a limit is
    /// passed, since merged samples are numbered differently and the error
    /// must name the sample at fault; then every sample is read.
    static func finishReading(_ f: any ProfileFormat.Type, options: ReadOptions,
                              _ read: (ReadOptions, inout Warnings) throws -> Profile) throws -> Decoded {
        let limits = ReadLimits(options)
        var warnings = Warnings()
        var merged: Profile?
        do {
            merged = try read(options, &warnings)
        } catch is MergeRefused {
            merged = nil
        }
        func decoded(_ profile: Profile) -> Decoded {
            if f != FoldedFormat.self, let w = SaturationCheck.warning(profile) { warnings.add(w) }
            return Decoded(profile: profile, format: f, warnings: warnings, wasGzipped: false)
        }
        if let merged {
            guard let violation = limits.violation(merged) else { return decoded(merged) }
            if !options.mergeSamplesByStack { throw violation }
        }
        var each = options
        each.mergeSamplesByStack = false
        warnings = Warnings()
        let profile = try read(each, &warnings)
        if let violation = limits.violation(profile) { throw violation }
        return decoded(profile)
    }

    static func unrecognized(_ message: String) -> ProfileError {
        var e = ProfileError.atByte(0, message)
        e.isUnrecognizedInput = true
        return e
    }
}
