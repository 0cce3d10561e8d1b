import ProfileCore

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
        let hash = Self.hash(name)
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
                                && commonPrefixLength(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: arena[start..<ends[i]])), name) == name.count {
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

    /// A hash of `name` for this table only (nothing outside sees it): eight
    /// bytes a step, the last step reading the last eight bytes even when
    /// they overlap the step before, so no name ends in a byte-by-byte loop.
    @inline(__always) static func hash(_ name: UnsafeRawBufferPointer) -> UInt64 {
        let n = name.count
        var h = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        guard let p = name.baseAddress else { return h }
        @inline(__always) func mix(_ w: UInt64) {
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
        }
        if n >= 8 {
            var i = 0
            while i + 8 < n {
                mix(p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            mix(p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
        } else if n >= 4 {
            let a = UInt64(p.loadUnaligned(as: UInt32.self)), b = UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            mix(a << 32 | b)
        } else if n > 0 {
            mix(UInt64(p.load(as: UInt8.self)) << 16 | UInt64(p.load(fromByteOffset: n / 2, as: UInt8.self)) << 8
                | UInt64(p.load(fromByteOffset: n - 1, as: UInt8.self)))
        }
        h = h &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 32)
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
