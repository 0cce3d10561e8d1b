import ProfileCore

/// Protobuf wire types (groups are rejected): shared by every protobuf format.
enum WireType: UInt8 {
    case varint = 0, fixed64 = 1, bytes = 2, fixed32 = 5
}

/// A cursor over protobuf bytes. Every read checks bounds and throws a
/// ``ProfileError`` naming the absolute byte offset; nothing traps.
struct WireReader {
    let base: UnsafeRawBufferPointer
    /// Absolute offset of `base[0]` in the whole input, for messages.
    let origin: Int
    var pos: Int
    let end: Int

    init(_ buffer: UnsafeRawBufferPointer, origin: Int = 0) {
        base = buffer
        self.origin = origin
        pos = 0
        end = buffer.count
    }

    private init(base: UnsafeRawBufferPointer, origin: Int, pos: Int, end: Int) {
        self.base = base
        self.origin = origin
        self.pos = pos
        self.end = end
    }

    @inline(__always) var isAtEnd: Bool { pos >= end }
    @inline(__always) var offset: Int { origin + pos }

    func error(_ message: String, at offset: Int? = nil) -> ProfileError {
        .atByte(offset ?? self.offset, message)
    }

    @inline(__always) mutating func varint() throws -> UInt64 {
        // Fast path: one byte.
        if pos < end {
            let b = base[pos]
            if b < 0x80 {
                pos += 1
                return UInt64(b)
            }
        }
        return try varintSlow()
    }

    private mutating func varintSlow() throws -> UInt64 {
        let start = pos
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard pos < end else { throw error("protobuf varint is cut off by the end of the data", at: origin + start) }
            let b = base[pos]
            pos += 1
            if shift == 63 && b & 0x7F > 1 {
                throw error("protobuf varint overflows 64 bits", at: origin + start)
            }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
            if shift > 63 { throw error("protobuf varint is longer than 10 bytes", at: origin + start) }
        }
    }

    /// Reads a field key; returns the field number and wire type.
    @inline(__always) mutating func tag() throws -> (field: UInt64, wire: WireType) {
        let at = offset
        let key = try varint()
        guard let wire = WireType(rawValue: UInt8(key & 7)) else {
            throw error("protobuf wire type \(key & 7) is not valid here (field \(key >> 3))", at: at)
        }
        let field = key >> 3
        guard field != 0 else { throw error("protobuf field number 0 is not valid", at: at) }
        return (field, wire)
    }

    /// Reads a length prefix and returns a reader for the sub-range it covers.
    @inline(__always) mutating func subMessage() throws -> WireReader {
        let at = offset
        let length = try varint()
        guard length <= UInt64(end - pos) else {
            throw error("protobuf length \(length) runs past the end of the data", at: at)
        }
        let sub = WireReader(base: base, origin: origin, pos: pos, end: pos + Int(length))
        pos += Int(length)
        return sub
    }

    mutating func fixed64() throws -> UInt64 {
        guard end - pos >= 8 else { throw error("protobuf fixed64 is cut off by the end of the data") }
        let v = base.loadUnaligned(fromByteOffset: pos, as: UInt64.self)
        pos += 8
        return UInt64(littleEndian: v)
    }

    mutating func skip(_ wire: WireType) throws {
        switch wire {
        case .varint: _ = try varint()
        case .fixed64:
            guard end - pos >= 8 else { throw error("protobuf fixed64 is cut off by the end of the data") }
            pos += 8
        case .fixed32:
            guard end - pos >= 4 else { throw error("protobuf fixed32 is cut off by the end of the data") }
            pos += 4
        case .bytes: _ = try subMessage()
        }
    }

    /// Reads an integer field that may be a varint or (unusually) fixed.
    @inline(__always) mutating func integer(_ wire: WireType, field: UInt64) throws -> UInt64 {
        switch wire {
        case .varint: return try varint()
        case .fixed64: return try fixed64()
        case .fixed32:
            guard end - pos >= 4 else { throw error("protobuf fixed32 is cut off by the end of the data") }
            let v = base.loadUnaligned(fromByteOffset: pos, as: UInt32.self)
            pos += 4
            return UInt64(UInt32(littleEndian: v))
        case .bytes:
            throw error("protobuf field \(field) should be an integer but has wire type 2 (bytes)")
        }
    }

    /// Reads a repeated integer field, packed (wire type 2) or one value (varint).
    @inline(__always) mutating func repeatedIntegers(_ wire: WireType, field: UInt64, into body: (UInt64) -> Void) throws {
        if wire == .bytes {
            var packed = try subMessage()
            while !packed.isAtEnd { body(try packed.varint()) }
        } else {
            body(try integer(wire, field: field))
        }
    }

    /// Where the field at the cursor ends when it is length-delimited; nil
    /// for other wire types and when its key or length cannot be read.
    func endOfNextField() -> Int? {
        var c = self
        guard let (_, wire) = try? c.tag(), wire == .bytes, let length = try? c.varint(),
              length <= UInt64(Int.max / 2) else { return nil }
        return c.pos + Int(length)
    }

    /// The bytes of the current sub-reader, as a buffer.
    var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: base[pos..<end])
    }
}

/// Appends protobuf encodings to a byte array.
struct WireWriter {
    var bytes: [UInt8] = []

    @inline(__always) mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    @inline(__always) mutating func key(_ field: Int, _ wire: WireType) {
        varint(UInt64(field) << 3 | UInt64(wire.rawValue))
    }

    /// A varint field, left out when zero (proto3 default).
    @inline(__always) mutating func uint(_ field: Int, _ v: UInt64) {
        guard v != 0 else { return }
        key(field, .varint)
        varint(v)
    }

    @inline(__always) mutating func int(_ field: Int, _ v: Int64) {
        uint(field, UInt64(bitPattern: v))
    }

    @inline(__always) mutating func bool(_ field: Int, _ v: Bool) {
        if v { uint(field, 1) }
    }

    /// A packed repeated varint field, left out when empty.
    mutating func packed<S: Sequence>(_ field: Int, _ values: S, _ transform: (S.Element) -> UInt64) {
        var inner = WireWriter()
        for v in values { inner.varint(transform(v)) }
        guard !inner.bytes.isEmpty else { return }
        message(field, inner)
    }

    mutating func string(_ field: Int, _ s: String) {
        key(field, .bytes)
        var s = s
        s.withUTF8 { buf in
            varint(UInt64(buf.count))
            bytes.append(contentsOf: buf)
        }
    }

    mutating func bytesField(_ field: Int, _ raw: [UInt8]) {
        key(field, .bytes)
        varint(UInt64(raw.count))
        bytes.append(contentsOf: raw)
    }

    mutating func message(_ field: Int, _ inner: WireWriter) {
        key(field, .bytes)
        varint(UInt64(inner.bytes.count))
        bytes.append(contentsOf: inner.bytes)
    }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
}
