/// UTF-8 as Go's `utf8.DecodeRune` reads it: a byte that does not start a
/// valid sequence (overlong, surrogate, above U+10FFFF, cut short) is one
/// U+FFFD of its own. Swift's `String(decoding:as:)` makes one U+FFFD of a
/// cut-short sequence instead, so `^..$` would disagree with Go on "\u{E2}\u{82}".
enum GoUTF8 {
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// `bytes` with every invalid byte replaced by U+FFFD's encoding, or nil
    /// when they are valid UTF-8 already.
    static func replacingInvalidBytes(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8]? = nil
        var i = 0
        while i < bytes.count {
            let n = validSequenceLength(bytes, at: i)
            if n > 0 {
                out?.append(contentsOf: bytes[i..<(i + n)])
                i += n
            } else {
                if out == nil { out = Array(bytes[..<i]) }
                out!.append(contentsOf: replacement)
                i += 1
            }
        }
        return out
    }

    /// The length of the valid sequence starting at `i`, 0 if none does.
    private static func validSequenceLength(_ b: [UInt8], at i: Int) -> Int {
        let c0 = b[i]
        if c0 < 0x80 { return 1 }
        // The lead byte fixes the length and the range of the second byte
        // (which rules out overlongs, surrogates and values above U+10FFFF).
        let length: Int, second: ClosedRange<UInt8>
        switch c0 {
        case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        default: return 0
        }
        guard i + length <= b.count, second.contains(b[i + 1]) else { return 0 }
        for k in 2..<length where !(0x80...0xBF).contains(b[i + k]) { return 0 }
        return length
    }
}
