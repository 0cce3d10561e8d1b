import ProfileCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level helpers shared by the Go text readers: they walk lines and
/// numbers in place, so a reader never makes a `String` per line.
struct LineCursor {
    let text: UnsafeRawBufferPointer
    private(set) var position = 0
    /// 1-based number of the line last returned by ``next()``.
    private(set) var lineNumber = 0
    /// Whether the line last returned ended at the end of input with no newline.
    private(set) var lastLineUnterminated = false

    init(_ text: UnsafeRawBufferPointer) { self.text = text }

    var atEnd: Bool { position >= text.count }

    /// The next line without its `\n` (and without a trailing `\r`), or nil at the end.
    mutating func next() -> UnsafeRawBufferPointer? {
        guard position < text.count else { return nil }
        let start = position
        let end: Int
        if let base = text.baseAddress,
           let p = memchr(base + start, 0x0A, text.count - start) {
            end = base.distance(to: UnsafeRawPointer(p))
            position = end + 1
            lastLineUnterminated = false
        } else {
            end = text.count
            position = end
            lastLineUnterminated = true
        }
        lineNumber += 1
        var hi = end
        if hi > start && text[hi - 1] == 0x0D { hi -= 1 }
        return UnsafeRawBufferPointer(rebasing: text[start..<hi])
    }

    /// The next line without consuming it.
    func peek() -> UnsafeRawBufferPointer? {
        var copy = self
        return copy.next()
    }
}


extension UnsafeRawBufferPointer {
    /// Whether the bytes start with the ASCII `prefix`.
    func hasPrefix(_ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard count >= n else { return false }
        let p = prefix.utf8Start
        for i in 0..<n where self[i] != p[i] { return false }
        return true
    }

    func slice(_ lo: Int, _ hi: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: self[lo..<hi])
    }

    /// The bytes as a `String` (for messages and distinct names only).
    var string: String { String(decoding: self, as: UTF8.self) }

    /// At most 60 bytes of the line, for error messages.
    var excerpt: String {
        count <= 60 ? string : slice(0, 60).string + "…"
    }
}

/// Number parsing on byte ranges.
enum Digits {
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// A non-negative decimal at `i` in `t`; advances `i`. Nil if there is no
    /// digit or the value overflows.
    static func decimal(_ t: UnsafeRawBufferPointer, _ i: inout Int) -> Int64? {
        var v: Int64 = 0
        let start = i
        while i < t.count, isDigit(t[i]) {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(t[i] &- 0x30))
            if o1 || o2 { return nil }
            v = a
            i += 1
        }
        return i > start ? v : nil
    }

    /// A `0x`-prefixed hex number at `i`; advances `i`. Nil if malformed.
    static func hex(_ t: UnsafeRawBufferPointer, _ i: inout Int) -> UInt64? {
        guard i + 2 < t.count + 1, i + 1 < t.count, t[i] == 0x30, t[i + 1] | 0x20 == 0x78 else { return nil }
        var j = i + 2
        var v: UInt64 = 0
        let start = j
        while j < t.count {
            let b = t[j]
            let d: UInt8
            if isDigit(b) { d = b - 0x30 } else if b | 0x20 >= 0x61 && b | 0x20 <= 0x66 { d = (b | 0x20) - 0x61 + 10 } else { break }
            if v >> 60 != 0 { return nil }
            v = v << 4 | UInt64(d)
            j += 1
        }
        guard j > start else { return nil }
        i = j
        return v
    }

    static func skipSpaces(_ t: UnsafeRawBufferPointer, _ i: inout Int) {
        while i < t.count, isSpace(t[i]) { i += 1 }
    }
}

/// Substring search in a line, for the Go text readers (debug=1 and debug=2).
enum ByteSearch {
    /// The first offset in `lo..<hi` where `needle` starts, or nil.
    static func find(_ t: UnsafeRawBufferPointer, _ needle: StaticString, _ lo: Int = 0, _ hi: Int? = nil) -> Int? {
        let hi = hi ?? t.count
        let n = needle.utf8CodeUnitCount
        guard hi - lo >= n else { return nil }
        let p = needle.utf8Start
        outer: for s in lo...(hi - n) {
            for k in 0..<n where t[s + k] != p[k] { continue outer }
            return s
        }
        return nil
    }

    /// The last offset in `lo..<hi` where `needle` starts, or nil.
    static func findLast(_ t: UnsafeRawBufferPointer, _ needle: StaticString, _ lo: Int, _ hi: Int) -> Int? {
        let n = needle.utf8CodeUnitCount
        guard hi - lo >= n else { return nil }
        let p = needle.utf8Start
        var s = hi - n
        outer: while s >= lo {
            for k in 0..<n where t[s + k] != p[k] { s -= 1; continue outer }
            return s
        }
        return nil
    }
}
