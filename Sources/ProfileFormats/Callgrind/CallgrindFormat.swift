import ProfileCore

/// callgrind's profile format (valgrind's `callgrind.out.PID`), for
/// KCachegrind, QCachegrind and `callgrind_annotate`; cachegrind's
/// (`cachegrind.out.PID`) is a subset of it.
///
/// Written with one event per sample type; functions at the report
/// granularity (`--granularity`, functions by default) after the report
/// filters, with costs that make `callgrind_annotate`'s self and inclusive
/// totals equal `profconv top`'s flat and cum.
///
/// Read with one sample type per event (the first shown by default, as
/// `callgrind_annotate` sorts by it): each function's self cost exactly as
/// `callgrind_annotate` sums it (a function is its name in its file), under
/// stacks reconstructed from the inclusive costs of the calls (see the
/// article on reading callgrind). Several parts are read with a `part` label
/// each; `thread:` gives a `thread` label.
public enum CallgrindFormat: ProfileReader, ProfileWriter {
    public static let name = "callgrind"
    public static let aliases = ["kcachegrind", "qcachegrind", "cachegrind"]
    public static let extensions = ["callgrind", "callgrind.out"]
    public static let summary = "callgrind and cachegrind profiles (valgrind; KCachegrind/QCachegrind, callgrind_annotate)"

    /// `# callgrind format` first, or a header of callgrind's keys up to its
    /// `events:` line (cachegrind, older callgrind).
    public static func sniff(_ prefix: UnsafeRawBufferPointer) -> SniffConfidence {
        var cursor = LineCursor(TextEncoding.droppingUTF8BOM(prefix))
        var first = true
        while let line = cursor.next(), !cursor.atEnd || !cursor.lastLineUnterminated {
            var i = 0
            Digits.skipSpaces(line, &i)
            if i == line.count { continue }
            if first && line.slice(i, line.count).hasPrefix("# callgrind format") { return .certainly }
            first = false
            if line[i] == UInt8(ascii: "#") { continue }
            var k = i
            while k < line.count, (line[k] | 0x20) >= 0x61, (line[k] | 0x20) <= 0x7A { k += 1 }
            guard k < line.count, line[k] == UInt8(ascii: ":"), k + 1 == line.count || Digits.isSpace(line[k + 1]) else { return .no }
            let key = String(decoding: line.slice(i, k), as: UTF8.self)
            if key == "events" { return .certainly }
            guard headerKeys.contains(key) else { return .no }
        }
        return .no
    }

    static let headerKeys: Set<String> = ["version", "creator", "pid", "cmd", "part", "thread", "desc", "positions", "event", "summary"]

    /// `callgrind.out.1234` has no ending of its own; `.callgrind` does.
    public static var undecidedInputEndings: [String] { ["callgrind"] }

    public static var reportsSaturation: Bool { true }

    public static func read(_ input: UnsafeRawBufferPointer, options: ReadOptions, warnings: inout Warnings) throws -> Profile {
        try CallgrindReader.read(TextEncoding.droppingUTF8BOM(input), options: options, warnings: &warnings)
    }

    public static func write(_ profile: Profile, options: WriteOptions, to output: ByteSink) throws {
        try CallgrindWriter.write(profile, options: options, to: output)
    }
}
