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

    /// The next line without consuming it.
    func peek() -> UnsafeRawBufferPointer? {
        var copy = self
        return copy.next()
    }
}
