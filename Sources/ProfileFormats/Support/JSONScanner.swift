import ProfileCore

/// A pull parser for JSON over raw bytes.
///
/// The caller walks the document in the shape it expects (`object`, `array`,
/// `string`, `number`) and skips what it does not need with ``skipValue()``,
/// which keeps an explicit stack: no recursion, whatever the nesting depth of
/// the data. Strings without escapes are handed out as slices of the input;
/// errors carry the byte offset where the input went wrong.
struct JSONScanner {
    let input: UnsafeRawBufferPointer
    private(set) var pos = 0
    /// Decoded text of the last string that had escapes.
    private var scratch: [UInt8] = []
    private let what: String

    /// A scanner over `input`; `what` names the document in error messages.
    init(_ input: UnsafeRawBufferPointer, what: String) {
        self.input = input
        self.what = what
    }

    func error(_ message: String, at offset: Int? = nil) -> ProfileError {
        ProfileError.atByte(offset ?? pos, "\(message) in \(what)")
    }

    mutating func skipSpace() {
        while pos < input.count {
            switch input[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    /// The next significant byte, without consuming it; nil at the end.
    mutating func peek() -> UInt8? {
        skipSpace()
        return pos < input.count ? input[pos] : nil
    }

    mutating func expect(_ byte: UInt8, _ description: String) throws {
        guard peek() == byte else {
            throw error(pos < input.count ? "expected \(description), found \(found())" : "the input ends where \(description) should be")
        }
        pos += 1
    }

    private func found() -> String {
        let b = input[pos]
        return b >= 0x20 && b < 0x7F ? "'\(Character(UnicodeScalar(b)))'" : "byte 0x\(String(b, radix: 16))"
    }

    /// Enters an object (`{`); then call ``nextMember(_:)`` until it returns nil.
    mutating func beginObject(_ description: String) throws { try expect(UInt8(ascii: "{"), description) }

    /// Enters an array (`[`); then call ``nextElement(_:)`` until it returns false.
    mutating func beginArray(_ description: String) throws { try expect(UInt8(ascii: "["), description) }

    /// The next member's key (the scanner then stands at its value), or nil
    /// at the object's end. `count` is how many members were read so far.
    mutating func nextMember(_ count: inout Int) throws -> [UInt8]? {
        if peek() == UInt8(ascii: "}") {
            pos += 1
            return nil
        }
        if count > 0 { try expect(UInt8(ascii: ","), "',' or '}'") }
        count += 1
        let key = try withString { Array($0) }
        try expect(UInt8(ascii: ":"), "':'")
        return key
    }

    /// Whether another element follows (the scanner then stands at it).
    mutating func nextElement(_ count: inout Int) throws -> Bool {
        if peek() == UInt8(ascii: "]") {
            pos += 1
            return false
        }
        if count > 0 { try expect(UInt8(ascii: ","), "',' or ']'") }
        count += 1
        return true
    }

    /// Reads a string and passes its UTF-8 (escapes decoded, unchanged
    /// otherwise) to `body`.
    mutating func withString<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        try expect(UInt8(ascii: "\""), "a string")
        let start = pos
        while pos < input.count {
            let b = input[pos]
            if b == 0x22 {
                pos += 1
                return try body(UnsafeRawBufferPointer(rebasing: input[start..<pos - 1]))
            }
            if b == 0x5C { break }
            if b < 0x20 { throw error("a control character inside a string") }
            pos += 1
        }
        // An escape: decode into the scratch buffer.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: input[start..<pos])
        while pos < input.count {
            let b = input[pos]
            if b == 0x22 {
                pos += 1
                return try scratch.withUnsafeBytes(body)
            }
            if b < 0x20 { throw error("a control character inside a string") }
            if b != 0x5C {
                scratch.append(b)
                pos += 1
                continue
            }
            try decodeEscape()
        }
        throw error("a string that is not closed", at: start - 1)
    }

    private mutating func decodeEscape() throws {
        let at = pos
        pos += 1
        guard pos < input.count else { throw error("a string that is not closed", at: at) }
        let c = input[pos]
        pos += 1
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(c)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4(at)
            if (0xD800..<0xDC00).contains(scalar), pos + 1 < input.count,
               input[pos] == 0x5C, input[pos + 1] == UInt8(ascii: "u") {
                let save = pos
                pos += 2
                let low = try hex4(save)
                if (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    pos = save  // a lone high surrogate; the next escape stands alone
                }
            }
            // Lone surrogates are not characters: U+FFFD.
            let u = UnicodeScalar(scalar) ?? "\u{FFFD}"
            scratch.append(contentsOf: String(u).utf8)
        default:
            throw error("an unknown escape '\\\(Character(UnicodeScalar(c)))'", at: at)
        }
    }

    private mutating func hex4(_ at: Int) throws -> UInt32 {
        guard pos + 4 <= input.count else { throw error("a cut-off \\u escape", at: at) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = input[pos]
            let d: UInt8
            switch b {
            case 0x30...0x39: d = b - 0x30
            case 0x41...0x46: d = b - 0x41 + 10
            case 0x61...0x66: d = b - 0x61 + 10
            default: throw error("a \\u escape with a non-hex digit", at: at)
            }
            v = v << 4 | UInt32(d)
            pos += 1
        }
        return v
    }

    /// A string as a Swift `String` (invalid UTF-8 repaired).
    mutating func string() throws -> String {
        try withString { String(decoding: $0, as: UTF8.self) }
    }

    /// A JSON number. Integers are exact up to 2^53 and beyond in `Int64`
    /// through ``integer()``; this returns a `Double`.
    mutating func number() throws -> Double {
        let (start, end, isInteger) = try numberBounds()
        if isInteger, end - start <= 18 { return Double(parseDigits(start, end)) }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: input[start..<end]), as: UTF8.self)
        guard let d = Double(text), d.isFinite else { throw error("the number \(text.prefix(40)) is out of range", at: start) }
        return d
    }

    /// A non-negative integer that fits in `Int`, for indices.
    mutating func index() throws -> Int {
        let (start, end, isInteger) = try numberBounds()
        guard isInteger, input[start] != UInt8(ascii: "-"), end - start <= 18 else {
            throw error("expected an index (a non-negative whole number)", at: start)
        }
        return Int(parseDigits(start, end))
    }

    /// A whole number of either sign that fits in `Int64` (18 digits at
    /// most), for ids, deltas and sizes; a fraction or exponent is refused.
    mutating func integer() throws -> Int64 {
        let (start, end, isInteger) = try numberBounds()
        let digits = end - start - (input[start] == UInt8(ascii: "-") ? 1 : 0)
        guard isInteger, digits <= 18 else {
            throw error("expected a whole number of at most 18 digits", at: start)
        }
        return parseDigits(start, end)
    }

    /// Moves the scanner to `offset` (one it stood at before), to read a
    /// value again once the keys after it have said what it is.
    mutating func seek(to offset: Int) { pos = min(max(offset, 0), input.count) }

    private func parseDigits(_ start: Int, _ end: Int) -> Int64 {
        var v: Int64 = 0
        var i = start
        let negative = input[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        while i < end {
            v = v * 10 + Int64(input[i] - 0x30)
            i += 1
        }
        return negative ? -v : v
    }

    /// The extent of the number at the scanner, per JSON's grammar.
    private mutating func numberBounds() throws -> (Int, Int, Bool) {
        skipSpace()
        let start = pos
        var integer = true
        if pos < input.count && input[pos] == UInt8(ascii: "-") { pos += 1 }
        let digits = pos
        while pos < input.count, input[pos] >= 0x30 && input[pos] <= 0x39 { pos += 1 }
        guard pos > digits else {
            pos = start
            throw error(pos < input.count ? "expected a number, found \(found())" : "the input ends where a number should be")
        }
        if pos < input.count && input[pos] == UInt8(ascii: ".") {
            integer = false
            pos += 1
            let f = pos
            while pos < input.count, input[pos] >= 0x30 && input[pos] <= 0x39 { pos += 1 }
            guard pos > f else { throw error("a number with no digits after '.'", at: start) }
        }
        if pos < input.count && (input[pos] | 0x20) == UInt8(ascii: "e") {
            integer = false
            pos += 1
            if pos < input.count && (input[pos] == UInt8(ascii: "+") || input[pos] == UInt8(ascii: "-")) { pos += 1 }
            let e = pos
            while pos < input.count, input[pos] >= 0x30 && input[pos] <= 0x39 { pos += 1 }
            guard pos > e else { throw error("a number with no digits in its exponent", at: start) }
        }
        return (start, pos, integer)
    }

    /// Skips one value of any shape, tracking open brackets on an explicit stack.
    mutating func skipValue() throws {
        var open: [UInt8] = []
        repeat {
            guard let b = peek() else { throw error("the input ends inside a value") }
            switch b {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                pos += 1
                open.append(b == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]"))
                if peek() == open.last {
                    pos += 1
                    open.removeLast()
                    break
                }
                if b == UInt8(ascii: "{") { try skipKey() }
                continue
            case UInt8(ascii: "\""): try withString { _ in }
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: _ = try numberBounds()
            }
            // After a value: close what ends here, then expect a separator.
            while let close = open.last, peek() == close {
                pos += 1
                open.removeLast()
            }
            if open.isEmpty { return }
            try expect(UInt8(ascii: ","), "',' or '\(Character(UnicodeScalar(open.last!)))'")
            if open.last == UInt8(ascii: "}") { try skipKey() }
        } while true
    }

    private mutating func skipKey() throws {
        try withString { _ in }
        try expect(UInt8(ascii: ":"), "':'")
    }

    /// Reads `null` if it is next; true if it was.
    mutating func null() throws -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    private mutating func literal(_ word: String) throws {
        let n = word.utf8.count
        guard pos + n <= input.count, input[pos..<pos + n].elementsEqual(word.utf8) else {
            throw error("expected a value, found \(found())")
        }
        pos += n
    }

    /// Throws unless only white space follows.
    mutating func expectEnd() throws {
        if peek() != nil { throw error("unexpected \(found()) after the end of the document") }
    }
}
