/// Text encodings folded and other text inputs may come in.
enum TextEncoding {
    /// `input` without a leading UTF-8 byte order mark.
    static func droppingUTF8BOM(_ input: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if input.count >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF {
            return UnsafeRawBufferPointer(rebasing: input[3...])
        }
        return input
    }

    /// `body` over `input` as plain UTF-8: UTF-16 with a byte order mark
    /// converted, a UTF-8 byte order mark dropped, other input as it is.
    static func withUTF8Text<T>(_ input: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        if let utf8 = utf16ToUTF8(input) { return try utf8.withUnsafeBytes(body) }
        return try body(droppingUTF8BOM(input))
    }

    /// UTF-8 for UTF-16 input that starts with a byte order mark; nil otherwise.
    static func utf16ToUTF8(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
        guard input.count >= 2 else { return nil }
        let littleEndian: Bool
        switch (input[0], input[1]) {
        case (0xFF, 0xFE): littleEndian = true
        case (0xFE, 0xFF): littleEndian = false
        default: return nil
        }
        var units: [UInt16] = []
        units.reserveCapacity(input.count / 2)
        var i = 2
        while i + 1 < input.count {
            units.append(littleEndian ? UInt16(input[i]) | UInt16(input[i + 1]) << 8
                                      : UInt16(input[i]) << 8 | UInt16(input[i + 1]))
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// Whether `head` reads as text: UTF-8 (a sequence cut at its end
    /// allowed) with no control byte but white space. Binary formats whose
    /// first bytes are never printable (protobuf messages start with a key
    /// below 0x20) use it to refuse text early.
    static func looksLikeText(_ head: UnsafeRawBufferPointer.SubSequence) -> Bool {
        var i = head.startIndex
        while i < head.endIndex {
            let b = head[i]
            if b < 0x80 {
                guard b >= 0x20 ? b != 0x7F : (b >= 0x09 && b <= 0x0D) else { return false }
                i += 1
                continue
            }
            let length = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0
            guard length > 0 else { return false }
            var k = 1
            while k < length && i + k < head.endIndex {
                guard head[i + k] & 0xC0 == 0x80 else { return false }
                k += 1
            }
            i += length
        }
        return true
    }
}
