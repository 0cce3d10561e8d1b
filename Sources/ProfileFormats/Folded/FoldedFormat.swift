import ProfileCore
#if canImport(Glibc)
import Glibc
#endif

/// Folded (collapsed) stacks, Brendan Gregg's format: `root;caller;leaf 123`.
public enum FoldedFormat: ProfileReader, ProfileWriter {
    public static let name = "folded"
    public static let aliases = ["collapsed", "stackcollapse"]
    public static let extensions = ["folded", "collapsed", "folded.txt"]
    public static let summary = "folded/collapsed stacks (flamegraph.pl, inferno, speedscope, Pyroscope)"

    /// Options for writing folded stacks.
    public struct Options: FormatOptions {
        /// Frames as `func file:line` (`--lines`).
        public var withLines = false
        /// Sample labels as extra root frames `key=value`, sorted by key.
        public var labelsAsRootFrames = false
        public init() {}
    }

    /// A diff is written in two value columns, base then new: the
    /// differential form flamegraph.pl reads.
    public static var drawsDifferences: Bool { true }

    /// Text whose first counted lines end in ` NUMBER`. A control character
    /// is allowed only inside a line that ends in a count (names hold any
    /// byte in the wild); in any other line it means binary data.
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        if let utf8 = TextEncoding.utf16ToUTF8(prefix) {
            return utf8.withUnsafeBytes { sniff($0) }
        }
        let text = TextEncoding.droppingUTF8BOM(prefix)
        var checked = 0, good = 0
        var start = 0
        while start < text.count && checked < 8 {
            var end = start
            var control = false
            if let base = text.baseAddress, let nl = memchr(base + start, 0x0A, text.count - start) {
                end = base.distance(to: UnsafeRawPointer(nl))
            } else {
                end = text.count
            }
            if end == text.count && start > 0 { break }  // a cut-off last line proves nothing
            for i in start..<end {
                let b = text[i]
                if b < 0x09 || (b > 0x0D && b < 0x20) || b == 0x7F { control = true; break }
            }
            var hi = end
            while hi > start && (text[hi - 1] == 0x0D || text[hi - 1] == 0x20 || text[hi - 1] == 0x09) { hi -= 1 }
            var counted = false
            if hi > start && text[start] != UInt8(ascii: "#") {
                var d = hi
                while d > start && ((text[d - 1] >= 0x30 && text[d - 1] <= 0x39) || text[d - 1] == UInt8(ascii: ".")) { d -= 1 }
                counted = d < hi && d > start && (text[d - 1] == 0x20 || text[d - 1] == 0x09)
                if counted { good += 1 }
                checked += 1
            }
            if control && !counted { return .no }
            start = end + 1
        }
        return good > 0 && good * 2 >= checked ? .maybe : .no
    }

    /// Below every format with a signature; above raw protobuf, which has none either.
    public static var sniffPriority: Int { -1 }

    /// A first line longer than the sniffed prefix, or one odd line, leaves
    /// folded text unrecognised: its usual names decide then.
    public static var undecidedInputEndings: [String] { ["folded", "collapsed", "txt"] }

    /// The reader warns of a sum past `Int64.max` at the line that passed it.
    public static var reportsSaturation: Bool { true }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        try FoldedReader.read(input, warnings: &warnings)
    }

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        try FoldedWriter.write(profile, options: options, to: output)
    }

    /// Lines are sums per stack, sorted bytewise; label frames need labels.
    public static func writesMergedStacksOnly(_ options: WriteOptions) -> Bool {
        !options[Options.self].labelsAsRootFrames
    }
}
