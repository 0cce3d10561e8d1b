import ProfileCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of one piece of a folded input, parsed on their own so that
/// pieces can be parsed on several threads (``FoldedReader`` splits the
/// input and merges the pieces). Frames get ids of the chunk's own
/// (``FoldedNames``), samples are kept in those ids, and line numbers count
/// from the chunk's first line: nothing here depends on another chunk
/// except `differential`, which the input's first counted line decides.
struct FoldedChunk {
    /// Whether lines are `stack before after` (two value columns).
    let differential: Bool
    /// The chunk's distinct frame names.
    private(set) var names = FoldedNames()
    /// Name ids of every sample, concatenated, leaf first.
    private(set) var locations: [Int32] = []
    /// Where each sample's names start in ``locations``; one more entry than samples.
    private(set) var locationStart: [Int32] = [0]
    /// One value per sample (two, base then new, when differential).
    private(set) var values: [Int64] = []
    /// The lines read.
    private(set) var lineCount = 0
    /// Lines without a valid count: how many, the first five, the text of the first.
    private(set) var badLineCount = 0
    private(set) var badLines: [Int] = []
    private(set) var firstBadText = ""
    /// Lines whose counts were fractional.
    private(set) var roundedLines = 0
    /// Running totals of both columns, from `startTotals`, saturating.
    private(set) var totals: (Int64, Int64)
    /// The first line that took a total past 64 bits.
    private(set) var saturatedLine: Int?
    /// The error that stopped the chunk, at a line of the chunk's.
    private(set) var error: ProfileError?

    init(differential: Bool, startTotals: (Int64, Int64) = (0, 0)) {
        self.differential = differential
        totals = startTotals
    }

    /// How much input is read between two calls giving its pages back.
    private static let dropStep = 8 << 20

    /// Parses every line of `text` (whole lines: it starts at the input's
    /// start or after a newline). Stops at the first error, kept in ``error``.
    /// Pages of a mapped input are given back behind the parse
    /// (``InputBytes/dropPages(_:)``): the chunk keeps no pointer into it.
    mutating func parse(_ text: UnsafeRawBufferPointer) {
        guard text.baseAddress != nil else { return }
        let n = text.count
        var lines = LineCursor(text)
        var dropped = 0
        let previous = PreviousStack()
        do {
            while let line = lines.next() {
                lineCount += 1
                try readLine(line, lineCount, previous)
                if lines.position - dropped >= Self.dropStep {
                    InputBytes.dropPages(UnsafeRawBufferPointer(rebasing: text[dropped..<lines.position]))
                    dropped = lines.position
                }
            }
        } catch let e as ProfileError {
            error = e
        } catch {
            self.error = ProfileError("\(error)")
        }
        InputBytes.dropPages(UnsafeRawBufferPointer(rebasing: text[dropped..<min(lines.position, n)]))
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C
    }

    /// `raw[lo..<hi]`, the line trimmed, unless it is blank or a comment.
    @inline(__always) private static func content(_ raw: UnsafeRawBufferPointer) -> (lo: Int, hi: Int)? {
        var lo = 0, hi = raw.count
        while lo < hi && isSpace(raw[lo]) { lo += 1 }
        while hi > lo && isSpace(raw[hi - 1]) { hi -= 1 }
        if lo == hi { return nil }
        if raw[lo] == UInt8(ascii: "#") && (hi - lo == 1 || isSpace(raw[lo + 1])) { return nil }
        return (lo, hi)
    }

    /// Whether the input is differential: its first counted line also ends
    /// its stack in ` NUMBER`. False when no line has a count. The error of
    /// a line before it or of that line, if any, is the input's first error.
    static func isDifferential(_ text: UnsafeRawBufferPointer) throws -> Bool {
        var lines = LineCursor(text)
        while let raw = lines.next() {
            let lineNumber = lines.lineNumber
            guard let (lo, hi) = content(raw), let (_, stackEnd) = try trailingNumber(raw, lo, hi, lineNumber) else { continue }
            let second = try? trailingNumber(raw, lo, stackEnd, lineNumber)
            return second.map { $0.1 > lo } ?? false
        }
        return false
    }

    private mutating func readLine(_ raw: UnsafeRawBufferPointer, _ lineNumber: Int, _ previous: PreviousStack) throws {
        guard let (lo, hi) = Self.content(raw) else { return }
        guard let (count1, stackEnd1) = try Self.trailingNumber(raw, lo, hi, lineNumber) else {
            return bad(raw, lo, hi, lineNumber)
        }
        var stackEnd = stackEnd1
        var value0: Int64 = 0
        var rounded = count1.rounded
        if differential {
            guard let (count0, end0) = try Self.trailingNumber(raw, lo, stackEnd, lineNumber) else {
                return bad(raw, lo, hi, lineNumber)
            }
            value0 = count0.value
            rounded = rounded || count0.rounded
            stackEnd = end0
        }
        // `a;b; 3`: empty leaf frames are dropped, as flamegraph.pl's split drops them.
        while stackEnd > lo && (raw[stackEnd - 1] == UInt8(ascii: ";") || Self.isSpace(raw[stackEnd - 1])) { stackEnd -= 1 }
        if stackEnd <= lo { return bad(raw, lo, hi, lineNumber) }
        if rounded { roundedLines += 1 }
        noteTotals((value0, count1.value), lineNumber)

        // Frames, root first; the sample wants them leaf first.
        let stack = UnsafeRawBufferPointer(rebasing: raw[lo..<stackEnd])
        if Self.isNoStack(stack) {
            previous.reset()
        } else {
            var f = previous.start(stack)
            while f <= stack.count {
                // memchr: frames are a few dozen bytes, lines a thousand and more.
                let e = ByteSearch.first(UInt8(ascii: ";"), in: stack, from: f) ?? stack.count
                previous.append(end: e, id: names.id(UnsafeRawBufferPointer(rebasing: stack[f..<e])))
                f = e + 1
            }
            previous.appendLeafFirst(to: &locations)
        }
        locationStart.append(Int32(locations.count))
        if differential { values.append(value0) }
        values.append(count1.value)
    }

    /// Every total, flame graph root and merged stack is at most the column's
    /// total, so the first line that takes a total past 64 bits is the place
    /// where sums start to saturate.
    private mutating func noteTotals(_ values: (Int64, Int64), _ lineNumber: Int) {
        let (a, o0) = totals.0.saturatingAddReportingOverflow(values.0)
        let (b, o1) = totals.1.saturatingAddReportingOverflow(values.1)
        if (o0 || o1) && saturatedLine == nil { saturatedLine = lineNumber }
        totals = (a, b)
    }

    private static let noStack = Array(StackSet.noStackFrame.utf8)

    private static func isNoStack(_ stack: UnsafeRawBufferPointer) -> Bool {
        stack.count == noStack.count && stack.elementsEqual(noStack)
    }

    private mutating func bad(_ raw: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int, _ lineNumber: Int) {
        badLineCount += 1
        if badLines.count < 5 { badLines.append(lineNumber) }
        if firstBadText.isEmpty {
            firstBadText = String(decoding: raw[lo..<min(hi, lo + 60)], as: UTF8.self)
        }
    }

    /// The number at the end of `raw[lo..<hi]` after a space, and where the
    /// text before that space ends. Nil when there is none.
    private static func trailingNumber(_ raw: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int, _ lineNumber: Int) throws -> ((value: Int64, rounded: Bool), Int)? {
        var s = hi
        while s > lo && !isSpace(raw[s - 1]) { s -= 1 }
        guard s > lo, s < hi else { return nil }
        guard let number = try parseCount(UnsafeRawBufferPointer(rebasing: raw[s..<hi]), lineNumber) else { return nil }
        var end = s - 1
        while end > lo && isSpace(raw[end - 1]) { end -= 1 }
        return (number, end)
    }

    /// A non-negative integer or decimal (`12`, `12.5`, `12.`), rounded half up.
    private static func parseCount(_ t: UnsafeRawBufferPointer, _ lineNumber: Int) throws -> (value: Int64, rounded: Bool)? {
        var value: Int64 = 0
        var i = 0
        var digits = 0
        while i < t.count, t[i] >= 0x30 && t[i] <= 0x39 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(t[i] - 0x30))
            if o1 || o2 {
                throw ProfileError.atLine(lineNumber, "the count \(String(decoding: t, as: UTF8.self).prefix(40)) does not fit in a 64-bit integer")
            }
            value = a
            i += 1
            digits += 1
        }
        guard digits > 0 else { return nil }
        if i == t.count { return (value, false) }
        guard t[i] == UInt8(ascii: ".") else { return nil }
        i += 1
        var firstDecimal: UInt8 = 0x30
        var any = false
        var j = i
        while j < t.count, t[j] >= 0x30 && t[j] <= 0x39 {
            if j == i { firstDecimal = t[j] }
            if t[j] != 0x30 { any = true }
            j += 1
        }
        guard j == t.count else { return nil }
        if firstDecimal >= 0x35 { value = value.saturatingAdd(1) }
        return (value, any)
    }
}
