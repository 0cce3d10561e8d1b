/// Turns the bytes of a JFR string into text: UTF-8 (invalid bytes become
/// U+FFFD), Latin-1, or UTF-16 code units written as LEB128 integers.
enum JFRText {
    static func decode(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ encoding: JFRString.Encoding) -> String {
        switch encoding {
        case .utf8:
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        case .latin1:
            return String(String.UnicodeScalarView(bytes[range].map { Unicode.Scalar($0) }))
        case .utf16Varints(let n):
            // The cursor checked these bytes when it read the string.
            var c = JFRCursor(bytes, from: range.lowerBound, to: range.upperBound)
            var units: [UInt16] = []
            units.reserveCapacity(n)
            for _ in 0..<n { units.append(UInt16(truncatingIfNeeded: (try? c.varint()) ?? 0xFFFD)) }
            return String(decoding: units, as: UTF16.self)
        }
    }

    /// Whether the text is plain UTF-8 bytes of the input, which a string
    /// table can intern without making a `String`.
    static func utf8Bytes(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ encoding: JFRString.Encoding) -> UnsafeRawBufferPointer? {
        if case .utf8 = encoding { return UnsafeRawBufferPointer(rebasing: bytes[range]) }
        return nil
    }
}
