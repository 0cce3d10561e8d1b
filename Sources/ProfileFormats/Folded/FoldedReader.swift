import ProfileCore

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
struct FoldedReader {
    private var builder: ProfileBuilder
    /// String id → location index (one location per distinct frame name).
    private var locationOfString: [Int32] = []
    private var scratch: [Int32] = []
    private var differential: Bool?
    private var badLines: [Int] = []
    private var badLineCount = 0
    private var roundedLines = 0
    private var firstBadText = ""
    /// Running totals of both columns, to find the first line past 64 bits.
    private var totals: (Int64, Int64) = (0, 0)
    private var saturatedLine: Int?

    private init() {
        builder = ProfileBuilder(sampleTypes: [("samples", "count")])
    }

    static func read(_ input: UnsafeRawBufferPointer, warnings: inout Warnings) throws -> Profile {
        if let utf8 = TextEncoding.utf16ToUTF8(input) {
            return try utf8.withUnsafeBytes { try read($0, warnings: &warnings) }
        }
        var r = FoldedReader()
        try r.readLines(TextEncoding.droppingUTF8BOM(input))
        return try r.finish(warnings: &warnings)
    }

    private mutating func readLines(_ text: UnsafeRawBufferPointer) throws {
        var lineNumber = 0
        var start = 0
        let n = text.count
        while start < n {
            var end = start
            while end < n && text[end] != 0x0A { end += 1 }
            lineNumber += 1
            try readLine(UnsafeRawBufferPointer(rebasing: text[start..<end]), lineNumber)
            start = end + 1
        }
    }

    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C
    }

    private mutating func readLine(_ raw: UnsafeRawBufferPointer, _ lineNumber: Int) throws {
        var lo = 0, hi = raw.count
        while lo < hi && Self.isSpace(raw[lo]) { lo += 1 }
        while hi > lo && Self.isSpace(raw[hi - 1]) { hi -= 1 }
        if lo == hi { return }
        if raw[lo] == UInt8(ascii: "#") && (hi - lo == 1 || Self.isSpace(raw[lo + 1])) { return }

        guard let (count1, stackEnd1) = try Self.trailingNumber(raw, lo, hi, lineNumber) else {
            return bad(raw, lo, hi, lineNumber)
        }
        var stackEnd = stackEnd1
        var values: (Int64, Int64) = (0, count1.value)
        var rounded = count1.rounded
        if differential == nil {
            // The first counted line decides whether the file has two columns.
            let second = try? Self.trailingNumber(raw, lo, stackEnd, lineNumber)
            differential = second.map { $0.1 > lo } ?? false
            if differential! {
                builder = ProfileBuilder(sampleTypes: [("base", "count"), ("samples", "count")], defaultSampleType: "samples")
            }
        }
        if differential! {
            guard let (count0, end0) = try Self.trailingNumber(raw, lo, stackEnd, lineNumber) else {
                return bad(raw, lo, hi, lineNumber)
            }
            values.0 = count0.value
            rounded = rounded || count0.rounded
            stackEnd = end0
        }
        // `a;b; 3`: empty leaf frames are dropped, as flamegraph.pl's split drops them.
        while stackEnd > lo && (raw[stackEnd - 1] == UInt8(ascii: ";") || Self.isSpace(raw[stackEnd - 1])) { stackEnd -= 1 }
        if stackEnd <= lo { return bad(raw, lo, hi, lineNumber) }
        if rounded { roundedLines += 1 }
        noteTotals(values, lineNumber)

        // Frames, root first; the sample wants them leaf first.
        scratch.removeAll(keepingCapacity: true)
        var f = lo
        if Self.isNoStack(UnsafeRawBufferPointer(rebasing: raw[lo..<stackEnd])) { f = stackEnd + 1 }
        while f <= stackEnd {
            var e = f
            while e < stackEnd && raw[e] != UInt8(ascii: ";") { e += 1 }
            scratch.append(location(UnsafeRawBufferPointer(rebasing: raw[f..<e])))
            f = e + 1
        }
        scratch.reverse()
        if differential! {
            builder.addSample(locations: scratch, values: [values.0, values.1])
        } else {
            builder.addSample(locations: scratch, value: values.1)
        }
    }

    /// Every total, flame graph root and merged stack is at most the column's
    /// total, so the first line that takes a total past 64 bits is the place
    /// where sums start to saturate.
    private mutating func noteTotals(_ values: (Int64, Int64), _ lineNumber: Int) {
        let (a, o0) = totals.0.addingReportingOverflow(values.0)
        let (b, o1) = totals.1.addingReportingOverflow(values.1)
        if (o0 || o1) && saturatedLine == nil { saturatedLine = lineNumber }
        totals = (o0 ? Int64.max : a, o1 ? Int64.max : b)
    }

    private static let noStack = Array(StackSet.noStackFrame.utf8)

    private static func isNoStack(_ stack: UnsafeRawBufferPointer) -> Bool {
        stack.count == noStack.count && stack.elementsEqual(noStack)
    }

    private mutating func location(_ name: UnsafeRawBufferPointer) -> Int32 {
        let s = builder.intern(bytes: name)
        if Int(s) < locationOfString.count, locationOfString[Int(s)] >= 0 {
            return locationOfString[Int(s)]
        }
        if Int(s) >= locationOfString.count {
            locationOfString.append(contentsOf: repeatElement(-1, count: Int(s) + 1 - locationOfString.count + 1024))
        }
        let fn = builder.function(name: s)
        let loc = builder.location(function: fn)
        locationOfString[Int(s)] = loc
        return loc
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

    private mutating func finish(warnings: inout Warnings) throws -> Profile {
        let profile = builder.build()
        if profile.samples.isEmpty {
            if badLineCount > 0 {
                throw ProfileError.atLine(badLines[0], "no line has a count, so this is not folded stacks (\(badLineCount) \(badLineCount == 1 ? "line" : "lines") like \"\(firstBadText)\")")
            }
            throw ProfileError("the folded input holds no stacks")
        }
        if badLineCount > 0 {
            let lines = badLines.map(String.init).joined(separator: ", ")
            warnings.add("skipped \(badLineCount) line\(badLineCount == 1 ? "" : "s") without a valid count (line\(badLines.count == 1 ? "" : "s") \(lines)\(badLineCount > badLines.count ? ", …" : ""); first: \"\(firstBadText)\")")
        }
        if let line = saturatedLine {
            warnings.add("line \(line): the counts sum past \(Int64.max), the largest 64-bit count; totals and merged stacks stop there (saturate)")
        }
        if roundedLines > 0 {
            warnings.add("rounded fractional counts to whole numbers on \(roundedLines) line\(roundedLines == 1 ? "" : "s")")
        }
        return profile
    }
}
