/// Where the entries of an interning table are, by a seeded hash of their
/// keys: the one open-addressing index that every such table uses.
///
/// The table keeps its keys (an arena of bytes, a column of integers) and
/// numbers them itself, in the order they are first added; the index only
/// maps a hash to the entry numbers whose keys may match, and the table
/// says which does (`find(_:where:)`). So nothing a table outputs can
/// depend on the seed: only the slots an entry lands in do, and no table
/// walks its slots to list its entries.
///
/// Probing is linear and bounded: the index is at most half full, and an
/// insertion that had to walk past ``maxRun`` slots grows it too, so a run
/// of colliding keys is broken up instead of being walked by every later
/// lookup (the quadratic cost that names crafted against an unseeded hash
/// used to exact). Each slot holds the entry number and the top 32 bits of
/// its hash, so a probe rarely touches a key that does not match.
public struct HashIndex: Sendable {
    /// `(hash >> 32) << 32 | (entry + 1)` per slot; 0 is empty.
    @usableFromInline var slots: [UInt64]
    @usableFromInline var mask: Int
    /// The hash of each entry, by entry number: what growing re-places slots by.
    @usableFromInline var hashes: [UInt64] = []
    @usableFromInline var placed = 0
    /// The secret of this index's hashes.
    public let seed: HashSeed

    /// A probe longer than this grows the index (when it is not nearly
    /// empty already): with a random hash at half load, a run this long
    /// comes up about never, so it means keys that collide.
    public static let maxRun = 48

    /// An empty index with room for `capacity` entries before it grows.
    public init(capacity: Int = 512, seed: HashSeed = .process) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        self.seed = seed
    }

    /// The number of entries placed.
    public var count: Int { placed }

    /// What a ``find(_:where:)`` found: the entry whose key matched, or the
    /// empty slot where the key goes.
    public struct Probe {
        /// The matching entry, if any.
        public let entry: Int?
        @usableFromInline let slot: Int
        @usableFromInline let run: Int
        @inlinable init(entry: Int?, slot: Int, run: Int) {
            self.entry = entry
            self.slot = slot
            self.run = run
        }
    }

    /// The entry with hash `hash` for which `matches` says yes, else where it would go.
    @inlinable @inline(__always)
    public func find(_ hash: UInt64, where matches: (Int) -> Bool) -> Probe {
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = self.mask
        return slots.withUnsafeBufferPointer { slots in
            var s = Int(truncatingIfNeeded: hash) & mask
            var run = 0
            while true {
                let v = slots[s]
                if v == 0 { return Probe(entry: nil, slot: s, run: run) }
                if v & 0xFFFF_FFFF_0000_0000 == tag {
                    let entry = Int(truncatingIfNeeded: v & 0xFFFF_FFFF) - 1
                    if matches(entry) { return Probe(entry: entry, slot: s, run: run) }
                }
                s = (s + 1) & mask
                run += 1
            }
        }
    }

    /// Records `entry`, with hash `hash`, in the empty slot `probe` found
    /// (no insertion may come between the two). Entry numbers need not be
    /// dense (a table may leave a duplicate out), but each goes in once.
    @inlinable @inline(__always)
    public mutating func insert(_ entry: Int, hash: UInt64, at probe: Probe) {
        if entry == hashes.count { hashes.append(hash) } else { record(entry, hash) }
        slots[probe.slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(entry + 1)
        placed += 1
        if placed * 2 > slots.count || (probe.run > Self.maxRun && placed * 16 >= slots.count) {
            grow(to: slots.count * 2)
        }
    }

    /// Room for `capacity` entries in all, so that adding that many does not grow the index.
    public mutating func reserve(_ capacity: Int) {
        hashes.reserveCapacity(capacity)
        var size = slots.count
        while size < capacity * 2 { size <<= 1 }
        if size > slots.count { grow(to: size) }
    }

    /// All entries gone; the slots are kept.
    public mutating func removeAll() {
        for i in slots.indices { slots[i] = 0 }
        hashes.removeAll(keepingCapacity: true)
        placed = 0
    }

    /// The slots walked past, in all, to find every entry: about `count`
    /// for a random hash at half load, about `count²` when the keys collide.
    /// For tests of the bound.
    public var probeSteps: Int {
        var steps = 0
        for (s, v) in slots.enumerated() where v != 0 {
            let home = Int(truncatingIfNeeded: hashes[Int(truncatingIfNeeded: v & 0xFFFF_FFFF) - 1]) & mask
            steps += (s - home) & mask
        }
        return steps
    }

    @usableFromInline mutating func record(_ entry: Int, _ hash: UInt64) {
        if entry >= hashes.count { hashes.append(contentsOf: repeatElement(0, count: entry + 1 - hashes.count)) }
        hashes[entry] = hash
    }

    @usableFromInline mutating func grow(to size: Int) {
        let old = slots, hashes = self.hashes, mask = size - 1
        var slots = [UInt64](repeating: 0, count: size)
        slots.withUnsafeMutableBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                for v in old where v != 0 {
                    var s = Int(truncatingIfNeeded: hashes[Int(truncatingIfNeeded: v & 0xFFFF_FFFF) - 1]) & mask
                    while slots[s] != 0 { s = (s + 1) & mask }
                    slots[s] = v
                }
            }
        }
        self.slots = slots
        self.mask = mask
    }
}
