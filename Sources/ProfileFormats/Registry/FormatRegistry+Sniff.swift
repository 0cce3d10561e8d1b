import ProfileCore

extension FormatRegistry {
    /// What the readers make of an input, for showing how it is recognised.
    public struct Sniffed {
        /// The reader that would read it (``detect(_:pathHint:nameDecides:)``); nil for none.
        public var reader: (any ProfileReader.Type)?
        /// Every reader that may read it, most likely first (``candidates(_:pathHint:)``).
        public var candidates: [(reader: any ProfileReader.Type, confidence: SniffConfidence)]
    }

    /// What the readers make of `raw`, gzip undone first as when reading:
    /// only the first ``sniffPrefixBytes`` are inflated.
    public static func sniff(_ raw: UnsafeRawBufferPointer, pathHint: String? = nil) throws -> Sniffed {
        func sniffed(_ bytes: UnsafeRawBufferPointer) -> Sniffed {
            // What detect(_:pathHint:) picks, from one round of sniffing.
            let answers = candidates(bytes, pathHint: pathHint)
            let reader = answers.first?.reader ?? pathHint.flatMap(format(forUndecidedInputPath:))
            return Sniffed(reader: reader, candidates: answers)
        }
        guard Gzip.isGzip(raw) else { return sniffed(raw) }
        struct Enough: Error {}
        var result: Sniffed?
        do {
            _ = try Gzip.inflate(raw, limit: ReadOptions().maxInflatedBytes) { prefix in
                result = sniffed(prefix)
                throw Enough()
            }
        } catch is Enough {}
        return result ?? sniffed(UnsafeRawBufferPointer(start: nil, count: 0))
    }

    /// What the readers make of `input` (see ``sniff(_:pathHint:)-(UnsafeRawBufferPointer,_)``).
    public static func sniff(_ input: InputBytes, pathHint: String? = nil) throws -> Sniffed {
        try input.withUnsafeBytes { try sniff($0, pathHint: pathHint) }
    }
}
