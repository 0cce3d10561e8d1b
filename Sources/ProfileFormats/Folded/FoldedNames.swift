import ProfileCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The distinct frame names of one chunk of folded text, numbered from 0 in
/// order of first appearance. Each name's bytes are copied into an arena
/// of the table's own, so lookups never read the input again (whose pages
/// the chunk gives back as it goes) and nothing here makes a `String`: the
/// merge interns each distinct name once, into the profile's table.
struct FoldedNames {
    /// Name id + 1 per slot; 0 = empty. Open addressing, at most half full.
    private var slots = [Int32](repeating: 0, count: 1024)
    private var arena: [UInt8] = []
    /// Where name `i` ends in `arena` (it starts where name `i - 1` ends).
    private var ends: [Int] = []
    private var hashes: [UInt64] = []

    /// The number of distinct names.
    var count: Int { ends.count }

    /// The id of `name`, adding it if new.
    mutating func id(_ name: UnsafeRawBufferPointer) -> Int32 {
        let hash = StringTable.hash(name)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: hash) & mask
        let found: Int32? = slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                ends.withUnsafeBufferPointer { ends in
                    hashes.withUnsafeBufferPointer { hashes in
                        while true {
                            let e = Int(slots[s])
                            if e == 0 { return nil }
                            let i = e - 1
                            let start = i == 0 ? 0 : ends[i - 1]
                            if hashes[i] == hash && ends[i] - start == name.count
                                && (name.count == 0 || memcmp(arena.baseAddress! + start, name.baseAddress!, name.count) == 0) {
                                return Int32(i)
                            }
                            s = (s + 1) & mask
                        }
                    }
                }
            }
        }
        if let found { return found }
        let id = Int32(ends.count)
        arena.append(contentsOf: name)
        ends.append(arena.count)
        hashes.append(hash)
        slots[s] = id + 1
        if ends.count * 2 > slots.count { grow() }
        return id
    }

    /// Calls `body` with the bytes of name `id`.
    func withName<R>(_ id: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = id == 0 ? 0 : ends[id - 1]
        return try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[id]])) }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (i, hash) in hashes.enumerated() {
            var s = Int(truncatingIfNeeded: hash) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = Int32(i + 1)
        }
    }
}
