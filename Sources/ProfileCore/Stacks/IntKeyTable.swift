/// A map from `UInt64` keys to dense `Int` ids, by open addressing with a
/// multiplicative hash: several times cheaper than `Dictionary` (SipHash) in
/// loops that look up once per frame.
public struct IntKeyTable {
    private var keys: [UInt64]
    private var ids: [Int32]
    /// The number of keys.
    public private(set) var count = 0

    /// An empty table sized for about `capacity` keys before it grows.
    public init(capacity: Int = 1024) {
        var size = 64
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        ids = [Int32](repeating: -1, count: size)
    }

    @inline(__always) private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The id of `key`, or nil.
    @inline(__always) public func id(of key: UInt64) -> Int? {
        let mask = ids.count - 1
        var s = Self.slot(key, mask)
        while ids[s] >= 0 {
            if keys[s] == key { return Int(ids[s]) }
            s = (s + 1) & mask
        }
        return nil
    }

    /// The id of `key`, adding it as the next id (`count`) if new; `isNew` says which.
    @inline(__always) public mutating func insert(_ key: UInt64) -> (id: Int, isNew: Bool) {
        let mask = ids.count - 1
        var s = Self.slot(key, mask)
        while ids[s] >= 0 {
            if keys[s] == key { return (Int(ids[s]), false) }
            s = (s + 1) & mask
        }
        let id = count
        keys[s] = key
        ids[s] = Int32(id)
        count += 1
        if count * 2 > ids.count { grow() }
        return (id, true)
    }

    private mutating func grow() {
        let oldKeys = keys, oldIDs = ids
        keys = [UInt64](repeating: 0, count: oldIDs.count * 2)
        ids = [Int32](repeating: -1, count: oldIDs.count * 2)
        let mask = ids.count - 1
        for i in oldIDs.indices where oldIDs[i] >= 0 {
            var s = Self.slot(oldKeys[i], mask)
            while ids[s] >= 0 { s = (s + 1) & mask }
            keys[s] = oldKeys[i]
            ids[s] = oldIDs[i]
        }
    }
}
