import ProfileCore
import ProfileSupport

/// Text inputs made of blocks of stack lines separated by blank lines
/// (`perf script`'s events, DTrace's aggregated stacks): cut into pieces at
/// blank lines that end a block, parsed on as many threads as the process's
/// `ThreadBudget` spares, in input order.
enum StackBlocks {
    /// Inputs smaller than this per thread stay on one thread.
    static let bytesPerChunk = 1 << 20
    /// The most chunks, however many processors there are.
    static let maxChunks = 8

    /// `parse(index, piece)` of each piece of `text`, in input order. A piece ends after
    /// a blank line whose line before satisfies `endsBlock` (it is handed
    /// the line without its newline), so that no block is cut in two.
    static func parse<Chunk>(_ text: UnsafeRawBufferPointer, chunks wanted: Int? = nil,
                             endsBlock: (UnsafeRawBufferPointer) -> Bool = { _ in true },
                             _ parse: (Int, UnsafeRawBufferPointer) -> Chunk) -> [Chunk] {
        let want = wanted ?? min(maxChunks, max(1, text.count / bytesPerChunk))
        return ThreadBudget.process.withThreads(upTo: want) { threads in
            let ranges = split(text, into: wanted ?? threads, endsBlock: endsBlock)
            return ForkJoin.map(count: ranges.count, threads: min(threads, ranges.count)) { k in
                parse(k, UnsafeRawBufferPointer(rebasing: text[ranges[k]]))
            }
        }
    }

    /// `text` cut into at most `count` ranges, each but the last ending
    /// just after a blank line (`\n\n` or `\n\r\n`) that follows a line
    /// `endsBlock` accepts.
    static func split(_ text: UnsafeRawBufferPointer, into count: Int,
                      endsBlock: (UnsafeRawBufferPointer) -> Bool) -> [Range<Int>] {
        let n = text.count
        guard count > 1 else { return [0..<n] }
        var ranges: [Range<Int>] = []
        var start = 0
        for k in 1..<count {
            guard let cut = blankLineEnd(text, from: max(start, n / count * k), endsBlock: endsBlock) else { break }
            ranges.append(start..<cut)
            start = cut
        }
        ranges.append(start..<n)
        return ranges
    }

    /// The offset after the first blank line at or after `from` that ends a block.
    private static func blankLineEnd(_ text: UnsafeRawBufferPointer, from: Int,
                                     endsBlock: (UnsafeRawBufferPointer) -> Bool) -> Int? {
        var i = from
        while let nl = ByteSearch.first(0x0A, in: text, from: i) {
            var j = nl + 1
            if j < text.count && text[j] == 0x0D { j += 1 }
            if j < text.count && text[j] == 0x0A {
                // The line before the blank one: from the newline before `nl`.
                var s = nl
                while s > 0 && text[s - 1] != 0x0A { s -= 1 }
                var e = nl
                if e > s && text[e - 1] == 0x0D { e -= 1 }
                if endsBlock(text.slice(s, e)) { return j + 1 }
            }
            i = nl + 1
        }
        return nil
    }
}
