import ProfileCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hash map from a pair of byte strings to an `Int32`, for hot text
/// readers: keys are compared in place against an arena, so a lookup that
/// hits creates nothing. One lookup replaces several `String` interns.
struct ByteKeyCache {
    private var slots: [Int32]  // entry index + 1; 0 = empty
    private var mask: Int
    private var arena: [UInt8] = []
    private var entries: [(start: Int, firstLength: Int32, secondLength: Int32, hash: UInt64, value: Int32)] = []

    init() {
        slots = [Int32](repeating: 0, count: 1024)
        mask = 1023
    }

    @inline(__always) static func hash(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> UInt64 {
        let h = StringTable.hash(a) &* 0x9E37_79B9_7F4A_7C15
        return (h ^ (h >> 29)) &+ StringTable.hash(b)
    }

    /// The value stored for `(a, b)`, or nil. `hash` must be ``hash(_:_:)`` of the pair.
    func value(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        var s = Int(truncatingIfNeeded: hash) & mask
        return arena.withUnsafeBufferPointer { arena in
            while true {
                let e = slots[s]
                if e == 0 { return nil }
                let entry = entries[Int(e) - 1]
                if entry.hash == hash && Int(entry.firstLength) == a.count && Int(entry.secondLength) == b.count
                    && Self.equal(arena, entry.start, a) && Self.equal(arena, entry.start + a.count, b) {
                    return entry.value
                }
                s = (s + 1) & mask
            }
        }
    }

    @inline(__always) private static func equal(_ arena: UnsafeBufferPointer<UInt8>, _ start: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count > 0 else { return true }
        return memcmp(arena.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
    }

    mutating func insert(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, hash: UInt64, value: Int32) {
        if (entries.count + 1) * 2 > slots.count { grow() }
        entries.append((arena.count, Int32(a.count), Int32(b.count), hash, value))
        arena.append(contentsOf: a)
        arena.append(contentsOf: b)
        place(Int32(entries.count), hash)
    }

    private mutating func place(_ entry: Int32, _ hash: UInt64) {
        var s = Int(truncatingIfNeeded: hash) & mask
        while slots[s] != 0 { s = (s + 1) & mask }
        slots[s] = entry
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (i, e) in entries.enumerated() { place(Int32(i + 1), e.hash) }
    }
}
