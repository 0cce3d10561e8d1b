import ProfileCore

/// Bounds-checked reads of a binary file: every offset comes from the file
/// itself, so every read may be out of range, and each one that is throws a
/// ``ProfileError`` at its byte offset instead of trapping.
struct ByteView {
    let bytes: [UInt8]
    let bigEndian: Bool

    init(_ bytes: [UInt8], bigEndian: Bool = false) {
        self.bytes = bytes
        self.bigEndian = bigEndian
    }

    var count: Int { bytes.count }

    /// Whether `count` bytes at `offset` lie inside the file.
    func contains(_ offset: UInt64, _ count: UInt64) -> Bool {
        offset <= UInt64(bytes.count) && count <= UInt64(bytes.count) - offset
    }

    private func check(_ offset: UInt64, _ n: UInt64, _ what: StaticString) throws(ProfileError) -> Int {
        guard contains(offset, n) else {
            throw ProfileError.atByte(Int(clamping: offset), "\(what) lies outside the file (\(bytes.count) bytes): the binary is truncated or corrupt")
        }
        return Int(offset)
    }

    func u8(_ offset: UInt64, _ what: StaticString = "a field") throws(ProfileError) -> UInt8 {
        bytes[try check(offset, 1, what)]
    }

    func u16(_ offset: UInt64, _ what: StaticString = "a field") throws(ProfileError) -> UInt16 {
        UInt16(truncatingIfNeeded: try uint(offset, 2, what))
    }

    func u32(_ offset: UInt64, _ what: StaticString = "a field") throws(ProfileError) -> UInt32 {
        UInt32(truncatingIfNeeded: try uint(offset, 4, what))
    }

    func u64(_ offset: UInt64, _ what: StaticString = "a field") throws(ProfileError) -> UInt64 {
        try uint(offset, 8, what)
    }

    /// An unsigned integer of `size` (1…8) bytes in the file's byte order.
    func uint(_ offset: UInt64, _ size: Int, _ what: StaticString = "a field") throws(ProfileError) -> UInt64 {
        let o = try check(offset, UInt64(size), what)
        var v: UInt64 = 0
        if bigEndian {
            for k in 0..<size { v = v << 8 | UInt64(bytes[o + k]) }
        } else {
            for k in (0..<size).reversed() { v = v << 8 | UInt64(bytes[o + k]) }
        }
        return v
    }

    /// The NUL-terminated string at `offset`, ending at `limit` at the latest;
    /// nil when the offset is out of range.
    func cString(_ offset: UInt64, limit: Int? = nil) -> String? {
        let end = min(limit ?? bytes.count, bytes.count)
        guard offset < UInt64(end) else { return nil }
        var i = Int(offset)
        let start = i
        while i < end && bytes[i] != 0 { i += 1 }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    /// The bytes `offset ..< offset+count`, checked.
    func slice(_ offset: UInt64, _ count: UInt64, _ what: StaticString) throws(ProfileError) -> ArraySlice<UInt8> {
        let o = try check(offset, count, what)
        return bytes[o..<(o + Int(count))]
    }
}
