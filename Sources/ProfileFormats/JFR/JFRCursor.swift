import ProfileCore

/// Reads the numbers and strings of a JFR chunk, never past `end`: every
/// read that would go beyond it throws with the byte offset where it began.
///
/// Integers of every width (`int`, `long`, `short`, `char`, constant pool
/// references, sizes and counts) are LEB128: seven bits a byte, least
/// significant first, the ninth byte whole; the chunk header alone is raw
/// big-endian. (OpenJDK's `RecordingInput.readLong`.)
struct JFRCursor {
    let bytes: UnsafeRawBufferPointer
    var position: Int
    /// Where the current chunk, event or pool ends.
    var end: Int

    init(_ bytes: UnsafeRawBufferPointer, from position: Int, to end: Int) {
        self.bytes = bytes
        self.position = position
        self.end = end
    }

    var remaining: Int { end - position }

    private func pastEnd(_ what: String, at offset: Int) -> ProfileError {
        ProfileError.atByte(offset, "\(what) runs past the end of its \(end == bytes.count ? "input" : "event or chunk"), which ends at byte \(end); the recording is cut short or damaged")
    }

    mutating func byte() throws -> UInt8 {
        guard position < end else { throw pastEnd("a byte", at: position) }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func skip(_ n: Int, _ what: String) throws {
        guard n >= 0, n <= remaining else { throw pastEnd(what, at: position) }
        position += n
    }

    /// A raw big-endian integer of `width` bytes (the chunk header's).
    mutating func raw(_ width: Int) throws -> Int64 {
        guard width <= remaining else { throw pastEnd("a \(width)-byte number", at: position) }
        var v: UInt64 = 0
        for i in 0..<width { v = v << 8 | UInt64(bytes[position + i]) }
        position += width
        return Int64(bitPattern: v)
    }

    /// A LEB128 integer of up to nine bytes, as JFR writes every integer.
    @inline(__always)
    mutating func varint() throws -> Int64 {
        let start = position
        if position < end {
            let b = bytes[position]
            if b < 0x80 { position += 1; return Int64(b) }
        }
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw pastEnd("a compressed integer", at: start) }
            let b = bytes[position]
            position += 1
            if shift == 56 { return Int64(bitPattern: v | UInt64(b) << 56) }
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return Int64(bitPattern: v) }
            shift += 7
        }
    }

    /// A count of things that follow, each at least `bytesEach` bytes long,
    /// refused when they cannot fit in what is left: a gigantic count
    /// never sizes an allocation or a loop.
    mutating func count(_ what: String, bytesEach: Int = 1) throws -> Int {
        let start = position
        let n = try varint()
        guard n >= 0, n <= Int64(remaining / max(1, bytesEach)) else {
            throw ProfileError.atByte(start, "\(what) count \(n) is more than the \(remaining) bytes left of its event can hold; the recording is damaged")
        }
        return Int(n)
    }

    /// A string field: its encoding byte and what follows.
    mutating func string() throws -> JFRString {
        let start = position
        switch try byte() {
        case 0: return .none
        case 1: return .text(start..<start, .utf8)
        case 2: return .pool(try varint())
        case 3, 5:
            let encoding: JFRString.Encoding = bytes[start] == 3 ? .utf8 : .latin1
            let n = try count("a string's byte")
            defer { position += n }
            return .text(position..<position + n, encoding)
        case 4:
            let n = try count("a string's character")
            let from = position
            for _ in 0..<n { _ = try varint() }
            return .text(from..<position, .utf16Varints(n))
        case let e:
            throw ProfileError.atByte(start, "unknown string encoding \(e) (JFR has 0 to 5); the recording is damaged")
        }
    }
}

/// A string as a JFR field holds it: absent, a reference into the chunk's
/// `java.lang.String` pool, or bytes of the input in one of three encodings.
enum JFRString {
    enum Encoding { case utf8, latin1, utf16Varints(Int) }
    case none
    case pool(Int64)
    case text(Range<Int>, Encoding)
}
