import ProfileCore

/// DTrace's aggregated stacks, `dtrace -n 'profile-997 { @[ustack()] = count(); }'`
/// (also `stack()`, both, and `jstack()`), and bpftrace's maps of stacks,
/// `bpftrace -e 'profile:hz:99 { @[kstack, ustack] = count(); }'`.
///
/// DTrace prints a header (`CPU ID FUNCTION:NAME` …) and a blank line, then
/// per stack its frames, leaf first, one a line (module, a backquote, then
/// `function+0xOFFSET`),
/// and its count on a line of its own; bpftrace prints `@[`, the frames of
/// each stack in the key (kernel first, each after a `,` line), and `]: COUNT`.
/// Frames are named as inferno-collapse-dtrace (and stackcollapse.pl) name
/// them (`DTraceFrameNamer`): offsets dropped unless `--includeoffset`,
/// C++ argument lists cut, Java's `a->b` inlined frames split with `_[i]`.
/// The sample type is `samples/count`.
public enum DTraceFormat: ProfileReader {
    public static let name = "dtrace"
    public static let aliases = ["bpftrace"]
    public static let extensions = ["dtrace", "bpftrace"]
    public static let summary = "DTrace stack()/ustack() aggregations and bpftrace @[kstack, ustack] maps, folded as stackcollapse.pl folds them; option includeoffset (read only)"

    /// inferno-collapse-dtrace's option.
    public struct Options: FormatOptions {
        /// `--includeoffset`: frames keep their `+0xOFFSET` (but the leaf's).
        public var includeOffset = false
        public init() {}
    }

    public static var optionsType: (any FormatOptions.Type)? { Options.self }

    public static var userOptions: [ReaderOption] {
        [.flag("includeoffset", help: "DTrace/bpftrace: keep each frame's +0xOFFSET, but the leaf's (inferno-collapse-dtrace's --includeoffset).") {
            $0[Options.self].includeOffset = true
        }]
    }

    /// inferno's `is_applicable`: after the first blank line, frame lines
    /// (with a backquote or a `0x` address) and then a count; or a bpftrace map entry.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        var lines = LineCursor(TextEncoding.droppingUTF8BOM(prefix))
        var afterBlank = false, frames = false
        while let raw = lines.next() {
            if lines.lastLineUnterminated && lines.lineNumber > 1 { break }
            let line = raw[bytes: FrameText.trimmed(raw, 0, raw.count)]
            if line.isEmpty { afterBlank = true; continue }
            if DTraceChunk.isMapEntryStart(line) && afterBlank { return .certainly }
            guard afterBlank else { continue }
            var i = 0
            if Digits.decimal(line, &i) != nil && i == line.count { return frames ? .certainly : .no }
            if ByteSearch.first(UInt8(ascii: "`"), in: line) != nil || Self.isAddress(line) {
                frames = true
            } else {
                return .no
            }
        }
        return .no
    }

    private static func isAddress(_ line: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        return Digits.hex(line, &i) != nil && i == line.count
    }

    public static var undecidedInputEndings: [String] { ["dtrace", "bpftrace"] }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        try read(input, options: options, chunks: nil, warnings: &warnings)
    }

    /// Reads in `chunks` pieces (nil: as many as the input's size and the
    /// thread budget give); the profile does not depend on it.
    static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, chunks: Int?, warnings: inout Warnings) throws -> Profile {
        try TextEncoding.withUTF8Text(input) { text in
            let own = options[Options.self]
            let chunks = StackBlocks.parse(text, chunks: chunks, endsBlock: DTraceChunk.endsBlock) { index, piece in
                var c = DTraceChunk(options: own, skipsHeader: index == 0)
                c.parse(piece)
                return c.chunk
            }
            var merge = StackChunkMerge(sampleTypes: [("samples", "count")], defaultSampleType: nil, labelKeys: [])
            for c in chunks { try merge.add(c) }
            return merge.finish(warnings: &warnings)
        }
    }
}
