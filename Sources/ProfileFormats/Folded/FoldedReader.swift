import ProfileCore
import ProfileSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads Brendan Gregg's folded (collapsed) stacks, as flamegraph.pl,
/// inferno and speedscope accept them.
///
/// Policy, where the readers people use differ:
/// - lines are trimmed; blank lines and `#` comment lines are skipped;
///   CRLF, a UTF-8 BOM and UTF-16 (LE/BE, with BOM) are accepted;
/// - the count is the last space-separated field; if the first counted line
///   also ends its stack in ` NUMBER`, the file is differential
///   (`stack before after`) and gets two sample types, `base` and `samples`;
/// - fractional counts are rounded to the nearest integer, with one warning
///   (flamegraph.pl sums them as decimals, inferno truncates them);
/// - lines without a count are skipped and reported together in a warning;
///   a file in which no line has a count is an error;
/// - a count that does not fit in 64 bits is an error naming the line;
///   counts whose sum does not fit are a warning naming the first such line;
/// - annotations such as `_[k]` stay in the frame name;
/// - a stack that is exactly `[no stack]` is a sample without locations
///   (what the writer makes of one).
///
/// A large input is cut at newlines into chunks parsed on their own threads
/// (``FoldedChunk``), then merged in input order, so that the profile, its
/// warnings and its errors are the same, byte for byte, whatever the number
/// of chunks: ids by first appearance in the input, line numbers of the input.
enum FoldedReader {
    /// Inputs smaller than this per thread stay on one thread: starting a
    /// thread and merging cost more than they would save.
    static let bytesPerChunk = 1 << 20
    /// The most chunks, however many processors there are.
    static let maxChunks = 8

    /// One chunk per thread the process's `ThreadBudget` spares (none
    /// inside a batch that took every core for its jobs).
    static func read(_ input: UnsafeRawBufferPointer, warnings: inout Warnings) throws -> Profile {
        try ThreadBudget.process.withThreads(upTo: min(maxChunks, max(1, input.count / bytesPerChunk))) { threads in
            try read(input, chunks: threads, warnings: &warnings)
        }
    }

    /// Reads `input` in (at most) `chunks` chunks; the result does not depend on `chunks`.
    static func read(_ input: UnsafeRawBufferPointer, chunks: Int, warnings: inout Warnings) throws -> Profile {
        try TextEncoding.withUTF8Text(input) { try read(utf8: $0, chunks: chunks, warnings: &warnings) }
    }

    private static func read(utf8 text: UnsafeRawBufferPointer, chunks: Int, warnings: inout Warnings) throws -> Profile {
        let differential = try FoldedChunk.isDifferential(text)
        let ranges = split(text, into: chunks)
        var parsed = parse(text, ranges, differential: differential)
        var merge = FoldedMerge(differential: differential, samples: parsed.reduce(0) { $0 + $1.locationStart.count - 1 },
                                frames: parsed.reduce(0) { $0 + $1.locations.count })
        var firstLine = 0  // lines before the chunk
        for k in parsed.indices {
            let chunk = parsed[k]
            parsed[k] = FoldedChunk(differential: differential)  // its columns go as soon as they are merged
            if var error = chunk.error {
                // Earlier chunks had none: this is the input's first error.
                if case .line(let n) = error.place { error.place = .line(firstLine + n) }
                throw error
            }
            merge.add(chunk, firstLine: firstLine) {
                // The totals before this chunk took the sum past 64 bits within it; which line did needs them.
                var again = FoldedChunk(differential: differential, startTotals: $0)
                again.parse(UnsafeRawBufferPointer(rebasing: text[ranges[k]]))
                return again.saturatedLine
            }
            firstLine += chunk.lineCount
        }
        return try merge.finish(warnings: &warnings)
    }

    /// `text` cut into at most `count` ranges of whole lines, each ending
    /// after a newline (the last at the end), about equally long.
    static func split(_ text: UnsafeRawBufferPointer, into count: Int) -> [Range<Int>] {
        let n = text.count
        guard count > 1 else { return [0..<n] }
        var ranges: [Range<Int>] = []
        var start = 0
        for k in 1..<count {
            let target = max(start, n / count * k)
            guard let nl = ByteSearch.first(0x0A, in: text, from: target) else { break }
            let end = nl + 1
            ranges.append(start..<end)
            start = end
        }
        ranges.append(start..<n)
        return ranges
    }

    /// The chunks parsed, one thread each (the first on this thread): the
    /// caller has counted them against the budget.
    private static func parse(_ text: UnsafeRawBufferPointer, _ ranges: [Range<Int>], differential: Bool) -> [FoldedChunk] {
        ForkJoin.map(count: ranges.count, threads: ranges.count) { k in
            var chunk = FoldedChunk(differential: differential)
            chunk.parse(UnsafeRawBufferPointer(rebasing: text[ranges[k]]))
            return chunk
        }
    }
}
