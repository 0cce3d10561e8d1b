import ProfileSupport
import Testing

@Suite("the seeded hash index")
struct HashIndexTests {
    /// Interns `keys` into an index over a plain array, as the tables do.
    private func intern(_ keys: [UInt64], seed: HashSeed) -> (ids: [Int], index: HashIndex) {
        var index = HashIndex(capacity: 4, seed: seed)
        var stored: [UInt64] = []
        let ids = keys.map { key -> Int in
            let hash = SeededHash.word(key, seed)
            let probe = index.find(hash) { stored[$0] == key }
            if let id = probe.entry { return id }
            stored.append(key)
            index.insert(stored.count - 1, hash: hash, at: probe)
            return stored.count - 1
        }
        return (ids, index)
    }

    @Test("equal keys find their first entry, across growth, and new keys get the next number")
    func findsAcrossGrowth() {
        let keys = (0..<10_000).map { UInt64($0 % 3_000) << 40 }
        let (ids, index) = intern(keys, seed: HashSeed(7))
        #expect(ids == keys.map { Int($0 >> 40) })
        #expect(index.count == 3_000)
    }

    @Test("entry numbers do not depend on the seed")
    func seedIndependent() {
        let keys = (0..<5_000).map { UInt64($0 * 7_919 % 2_000) }
        let a = intern(keys, seed: HashSeed(1)).ids, b = intern(keys, seed: HashSeed(2)).ids
        #expect(a == b)
    }

    @Test("keys that differ only in high bits, which a multiplicative hash piles up, probe a few slots each")
    func highBitKeys() {
        let keys = (0..<20_000).map { UInt64($0) << 44 }
        let index = intern(keys, seed: HashSeed(3)).index
        #expect(index.probeSteps < 2 * keys.count)
    }

    @Test("the hash of bytes reads every byte at every length up to 40")
    func everyByteCounts() {
        let seed = HashSeed(11)
        for length in 1...40 {
            let base = [UInt8](repeating: 0x61, count: length)
            let h = base.withUnsafeBytes { SeededHash.bytes($0, seed) }
            for i in 0..<length {
                var changed = base
                changed[i] = 0x62
                #expect(changed.withUnsafeBytes { SeededHash.bytes($0, seed) } != h, "length \(length), byte \(i)")
            }
        }
    }

    @Test("different seeds hash the same bytes differently, and a pair is not its concatenation")
    func seedsAndPairs() {
        let ab = Array("ab".utf8), c = Array("c".utf8), a = Array("a".utf8), bc = Array("bc".utf8)
        ab.withUnsafeBytes { ab in
            #expect(SeededHash.bytes(ab, HashSeed(1)) != SeededHash.bytes(ab, HashSeed(2)))
            c.withUnsafeBytes { c in
                a.withUnsafeBytes { a in
                    bc.withUnsafeBytes { bc in
                        #expect(SeededHash.bytes(ab, c, HashSeed(1)) != SeededHash.bytes(a, bc, HashSeed(1)))
                    }
                }
            }
        }
    }
}
