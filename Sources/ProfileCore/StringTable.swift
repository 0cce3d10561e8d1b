/// The interned strings of a profile, addressed by `Int32` ids; id 0 is `""`.
///
/// Interning works from raw UTF-8 bytes, so a text reader can look a name up
/// without making a `String` first: a `String` is created once per *distinct*
/// name, never per occurrence.
public struct StringTable: Sendable {
    public private(set) var strings: [String]
    /// Open-addressing hash index: slot → id + 1 (0 = empty). Built lazily,
    /// since profiles read from pprof rarely need to intern.
    private var slots: [Int32] = []
    private var indexedCount = 0

    public init() { strings = [""] }

    /// A table holding exactly `strings` (as read from a pprof file), without
    /// de-duplicating them. `strings[0]` must be `""`.
    public init(verbatim strings: [String]) {
        self.strings = strings.isEmpty ? [""] : strings
    }

    @inlinable public var count: Int { strings.count }

    @inlinable public subscript(id: Int32) -> String {
        let i = Int(id)
        return i >= 0 && i < strings.count ? strings[i] : ""
    }

    /// The id of `string`, adding it if new.
    public mutating func intern(_ string: String) -> Int32 {
        var s = string
        return s.withUTF8 { intern(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// The id of the UTF-8 text in `bytes`, adding it if new. Invalid UTF-8
    /// is repaired (U+FFFD) in the stored string, but lookups use the raw bytes.
    public mutating func intern(bytes: UnsafeRawBufferPointer) -> Int32 {
        if bytes.isEmpty { return 0 }
        if indexedCount != strings.count { reindex() }
        let hash = StringTable.hash(bytes)
        var mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if StringTable.equal(strings[Int(entry - 1)], bytes) { return entry - 1 }
            slot = (slot + 1) & mask
        }
        let string = String(decoding: bytes, as: UTF8.self)
        if !StringTable.equal(string, bytes) {
            // Invalid UTF-8: intern the repaired text, so equal names stay one id.
            return intern(string)
        }
        let id = Int32(strings.count)
        strings.append(string)
        indexedCount = strings.count
        slots[slot] = id + 1
        if strings.count * 2 > slots.count {
            reindex()
            mask = slots.count - 1
        }
        return id
    }

    /// The id of `string` if present.
    public mutating func lookup(_ string: String) -> Int32? {
        if string.isEmpty { return 0 }
        if indexedCount != strings.count { reindex() }
        var s = string
        return s.withUTF8 { buf -> Int32? in
            let bytes = UnsafeRawBufferPointer(buf)
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: StringTable.hash(bytes)) & mask
            while slots[slot] != 0 {
                let id = slots[slot] - 1
                if StringTable.equal(strings[Int(id)], bytes) { return id }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    private mutating func reindex() {
        var capacity = 64
        while capacity < strings.count * 3 { capacity <<= 1 }
        slots = [Int32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for i in 1..<strings.count {
            var s = strings[i]
            let h = s.withUTF8 { StringTable.hash(UnsafeRawBufferPointer($0)) }
            var slot = Int(truncatingIfNeeded: h) & mask
            var duplicate = false
            while slots[slot] != 0 {
                if strings[Int(slots[slot] - 1)] == strings[i] { duplicate = true; break }
                slot = (slot + 1) & mask
            }
            // Verbatim tables may repeat a string; the first id wins.
            if !duplicate { slots[slot] = Int32(i + 1) }
        }
        indexedCount = strings.count
    }

    @inline(__always)
    private static func equal(_ s: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var s = s
        return s.withUTF8 { u in
            u.count == bytes.count && (u.count == 0 || memcmpEqual(u.baseAddress!, bytes.baseAddress!, u.count))
        }
    }

    /// A fast 64-bit hash of bytes (8 bytes per step, multiply-xorshift mixing).
    @inlinable public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let w = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }
}

@inline(__always)
func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
    let b = b.assumingMemoryBound(to: UInt8.self)
    var i = 0
    while i + 8 <= n {
        if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self)
            != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) { return false }
        i += 8
    }
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}
