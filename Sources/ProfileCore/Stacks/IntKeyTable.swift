import ProfileSupport

/// A map from `UInt64` keys to dense `Int` ids, by a `HashIndex` on a
/// seeded multiply-mix of the key: several times cheaper than `Dictionary`
/// (SipHash) in loops that look up once per frame.
public struct IntKeyTable {
    /// The keys, by id.
    private var keys: [UInt64] = []
    private var index: HashIndex

    /// An empty table sized for about `capacity` keys before it grows.
    public init(capacity: Int = 1024) { self.init(capacity: capacity, seed: .process) }

    /// The same, hashing with `seed` (tests show that no id depends on it).
    init(capacity: Int, seed: HashSeed) {
        index = HashIndex(capacity: capacity, seed: seed)
        keys.reserveCapacity(capacity)
    }

    /// The number of keys.
    public var count: Int { keys.count }

    /// The slots walked past to find every key (`HashIndex.probeSteps`).
    var probeSteps: Int { index.probeSteps }

    @inline(__always) private func find(_ key: UInt64, _ hash: UInt64) -> HashIndex.Probe {
        keys.withUnsafeBufferPointer { keys in index.find(hash) { keys[$0] == key } }
    }

    /// The id of `key`, or nil.
    @inline(__always) public func id(of key: UInt64) -> Int? {
        find(key, SeededHash.word(key, index.seed)).entry
    }

    /// The id of `key`, adding it as the next id (`count`) if new; `isNew` says which.
    @inline(__always) public mutating func insert(_ key: UInt64) -> (id: Int, isNew: Bool) {
        let hash = SeededHash.word(key, index.seed)
        let probe = find(key, hash)
        if let id = probe.entry { return (id, false) }
        let id = keys.count
        keys.append(key)
        index.insert(id, hash: hash, at: probe)
        return (id, true)
    }
}
