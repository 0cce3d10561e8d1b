import ProfileCore

/// Every format profconv knows, and how an input's format is found. The
/// formats themselves are listed once, in ``all``; nothing else here (or in
/// the pipeline, the input stage or sniffing) names one.
public enum FormatRegistry {
    /// The formats that read, in the order of ``all``.
    public static let readers: [any ProfileReader.Type] = all.compactMap { $0.asReader }
    /// The formats that write, in the order of ``all``.
    public static let writers: [any ProfileWriter.Type] = all.compactMap { $0.asWriter }

    /// The format called `name` (or one of its aliases), case-insensitively.
    public static func format(named name: String) -> (any ProfileFormat.Type)? {
        let n = name.lowercased()
        return all.first { $0.name == n || $0.aliases.contains(n) }
    }

    /// The reader called `name` (or one of its aliases); nil also for a format profconv only writes.
    public static func reader(named name: String) -> (any ProfileReader.Type)? {
        format(named: name)?.asReader
    }

    /// The writer called `name` (or one of its aliases); nil also for a format profconv only reads.
    public static func writer(named name: String) -> (any ProfileWriter.Type)? {
        format(named: name)?.asWriter
    }

    /// The writer an output path implies by its ending (`.pb.gz`, `.folded`, …):
    /// the longest matching extension wins.
    public static func format(forOutputPath path: String) -> (any ProfileWriter.Type)? {
        let lower = path.lowercased()
        var best: (any ProfileWriter.Type)?
        var bestLength = 0
        for f in writers {
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

    /// What every reader makes of `bytes` (already inflated), most likely
    /// first: a reader whose extension `pathHint` ends with (the longest
    /// such), then the surest (``SniffConfidence``), then by
    /// ``ProfileReader/sniffPriority``, then in the order of ``all``.
    /// Readers that answer `.no` are left out.
    public static func candidates(_ bytes: UnsafeRawBufferPointer, pathHint: String? = nil)
        -> [(reader: any ProfileReader.Type, confidence: SniffConfidence)] {
        let prefix = UnsafeRawBufferPointer(rebasing: bytes[..<min(bytes.count, sniffPrefixBytes)])
        let name = pathHint.map { strippingGzip($0.lowercased()) }
        /// One reader's answer, with what ranks it.
        struct Answer {
            var order: Int, reader: any ProfileReader.Type, confidence: SniffConfidence, namedBy: Int
            func precedes(_ b: Answer) -> Bool {
                if namedBy != b.namedBy { return namedBy > b.namedBy }
                if confidence != b.confidence { return confidence > b.confidence }
                if reader.sniffPriority != b.reader.sniffPriority { return reader.sniffPriority > b.reader.sniffPriority }
                return order < b.order
            }
        }
        /// How long an extension of `f` the file name ends with; 0 for none.
        func namedBy(_ f: any ProfileReader.Type) -> Int {
            guard let name else { return 0 }
            return f.extensions.filter { name.hasSuffix("." + $0) }.map(\.count).max() ?? 0
        }
        let answers = readers.enumerated().compactMap { i, f -> Answer? in
            let c = f.sniff(prefix)
            return c == .no ? nil : Answer(order: i, reader: f, confidence: c, namedBy: namedBy(f))
        }
        return answers.sorted { $0.precedes($1) }.map { ($0.reader, $0.confidence) }
    }

    /// The reader of `bytes` (already inflated): the first of
    /// ``candidates(_:pathHint:)``. When no reader recognises the content,
    /// ``format(forUndecidedInputPath:)`` decides from the file name,
    /// unless `nameDecides` is false (`batch`, which finds its inputs by content).
    public static func detect(_ bytes: UnsafeRawBufferPointer, pathHint: String? = nil,
                              nameDecides: Bool = true) -> (any ProfileReader.Type)? {
        if let best = candidates(bytes, pathHint: pathHint).first { return best.reader }
        guard nameDecides, let pathHint else { return nil }
        return format(forUndecidedInputPath: pathHint)
    }

    /// The reader a file name implies when the content matches no
    /// signature: the first reader one of whose
    /// ``ProfileReader/undecidedInputEndings`` the name ends with, a trailing
    /// `.gz` ignored.
    public static func format(forUndecidedInputPath path: String) -> (any ProfileReader.Type)? {
        let name = strippingGzip(path.lowercased())
        return readers.first { f in f.undecidedInputEndings.contains { name.hasSuffix("." + $0) } }
    }

    private static func strippingGzip(_ name: String) -> String {
        name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
    }

    /// The result of reading an input.
    public struct Decoded {
        /// The profile read.
        public var profile: Profile
        /// The format that read it, given or sniffed.
        public var format: any ProfileReader.Type
        /// The reader's non-fatal findings.
        public var warnings: Warnings
        /// Whether the input was gzip-compressed.
        public var wasGzipped: Bool
    }

    /// Reads `bytes` of any known format: inflates gzip, sniffs the content
    /// (unless `format` is given) and decodes it. `pathHint`, the input's file
    /// name, helps sniffing (see `detect(_:pathHint:)`).
    public static func read(_ bytes: [UInt8], format: (any ProfileReader.Type)? = nil,
                            options: ReadOptions = ReadOptions(), pathHint: String? = nil) throws -> Decoded {
        try bytes.withUnsafeBytes { try read($0, format: format, options: options, pathHint: pathHint) }
    }

    /// Reads `raw` as ``read(_:format:options:pathHint:)`` reads an array
    /// (a mapped file: see ``InputBytes``); nothing of the result points into `raw`.
    public static func read(_ raw: UnsafeRawBufferPointer, format: (any ProfileReader.Type)? = nil,
                            options: ReadOptions = ReadOptions(), pathHint: String? = nil) throws -> Decoded {
        if Gzip.isGzip(raw) {
            let check = { (prefix: UnsafeRawBufferPointer) in
                try InflatedStart.check(prefix, format: format, pathHint: pathHint, nameDecides: options.nameDecidesUndecidedInput)
            }
            var d: Decoded
            if raw.count >= options.inflateInParallelFrom,
               let stream = InflateStream(raw, limit: options.maxInflatedBytes, maxRatio: options.maxInflationRatio, checkingStart: check) {
                d = try readInflating(stream, format: format, options: options, pathHint: pathHint)
            } else {
                let inflated = try Gzip.inflate(raw, limit: options.maxInflatedBytes, maxRatio: options.maxInflationRatio, checkingStart: check)
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

    static func decode(_ raw: UnsafeRawBufferPointer, format: (any ProfileReader.Type)?, options: ReadOptions,
                       pathHint: String?) throws -> Decoded {
        let f = try readableFormat(raw, format: format, options: options, pathHint: pathHint)
        return try finishReading(f, options: options) { options, warnings in
            try f.read(raw, options: options, warnings: &warnings)
        }
    }

    /// `format`, or the one the content shows; its options checked.
    static func readableFormat(_ raw: UnsafeRawBufferPointer, format: (any ProfileReader.Type)?, options: ReadOptions,
                               pathHint: String?) throws -> any ProfileReader.Type {
        if raw.isEmpty { throw unrecognized("the input is empty") }
        guard let f = format ?? detect(raw, pathHint: pathHint, nameDecides: options.nameDecidesUndecidedInput) else {
            throw UnreadableInput.error(raw)
        }
        try options.refuseOptions(notFor: f)
        return f
    }

    /// Reads with `read` and checks the result against the limits.
    ///
    /// The one place where samples merged while reading are given up: when
    /// the reader refuses to merge (``MergeRefused``), and when a limit is
    /// passed, since merged samples are numbered differently and the error
    /// must name the sample at fault; then every sample is read.
    static func finishReading(_ f: any ProfileReader.Type, options: ReadOptions,
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
            if !f.reportsSaturation, let w = SaturationCheck.warning(profile) { warnings.add(w) }
            return Decoded(profile: profile, format: f, warnings: warnings, wasGzipped: false)
        }
        if let merged {
            guard let violation = limits.violation(merged) else { return decoded(merged) }
            // Only samples merged while reading are numbered otherwise than the input's.
            if !(options.mergeSamplesByStack && f.mergesSamplesByStack) { throw violation }
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
