import ProfileCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines of a text input, walked in place with `memchr`, so a reader never
/// makes a `String` per line. A line ends at `\n`; a `\r` before it is not
/// part of the line (CRLF input reads as LF input). Inputs in UTF-16 or with
/// a byte order mark are made plain UTF-8 first (``TextEncoding/withUTF8Text(_:_:)``).
struct LineCursor {
    let text: UnsafeRawBufferPointer
    /// The offset of the next line's first byte.
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

    /// The lines from the next one up to the first blank line (empty or
    /// only white space, which is not consumed) or the end of input: one
    /// run of bytes, newlines included, and how many lines it holds. A
    /// reader of stack blocks takes a whole callchain this way, with one
    /// `memchr` per line and no other look at its bytes.
    mutating func nextBlock() -> (bytes: UnsafeRawBufferPointer, lines: Int) {
        let start = position, n = text.count
        var lines = 0
        guard let base = text.baseAddress else { return (UnsafeRawBufferPointer(start: nil, count: 0), 0) }
        while position < n {
            let end = memchr(base + position, 0x0A, n - position).map { base.distance(to: UnsafeRawPointer($0)) } ?? n
            // Lines end in a symbol or a `)` far more often than in white space.
            if end == position || (FrameText.isSpace(text[end - 1]) && Self.isBlank(text, position, end)) { break }
            lines += 1
            lastLineUnterminated = end == n
            position = min(end + 1, n)
        }
        lineNumber += lines
        return (UnsafeRawBufferPointer(rebasing: text[start..<position]), lines)
    }

    private static func isBlank(_ t: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> Bool {
        for i in lo..<hi where !FrameText.isSpace(t[i]) { return false }
        return true
    }

    /// Whether the line at offset `at` (a line's start) is blank, as
    /// `nextBlock()` ends a block there; so is the end of input.
    func blankLine(at: Int) -> Bool {
        var i = at
        while i < text.count && text[i] != 0x0A {
            if !FrameText.isSpace(text[i]) { return false }
            i += 1
        }
        return true
    }

    /// Moves past `lines` whole lines of `bytes` bytes (each ending in a
    /// newline) that the caller knows to be there.
    mutating func skip(bytes: Int, lines: Int) {
        position += bytes
        lineNumber += lines
        lastLineUnterminated = false
    }

    /// The next line without consuming it.
    func peek() -> UnsafeRawBufferPointer? {
        var copy = self
        return copy.next()
    }
}
