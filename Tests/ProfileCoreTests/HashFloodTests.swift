@testable import ProfileCore
import ProfileSupport
import ProfileTestSupport
import Testing

/// The interning tables of ProfileCore against keys crafted to collide: the
/// probes stay linear in the number of keys, where an unseeded hash made
/// them quadratic; and no id depends on the seed.
@Suite("hash flooding: ProfileCore's tables")
struct HashFloodTests {
    @Test("names that collided under the old string hash probe a few slots each")
    func stringTable() {
        let names = CollidingNames.make(4_000)
        var t = StringTable()
        for name in names { _ = name.withUnsafeBytes { t.intern(bytes: $0) } }
        #expect(t.count == names.count + 1)
        #expect(t.probeSteps < 2 * names.count)
    }

    @Test("keys that differ only in their high bits, which collided under the old multiplicative hash, probe a few slots each")
    func intKeyTable() {
        var t = IntKeyTable()
        for i in 0..<20_000 { _ = t.insert(UInt64(i) << 44) }
        #expect(t.count == 20_000)
        #expect(t.probeSteps < 2 * t.count)
    }

    @Test("ids are numbered by first appearance whatever the seed")
    func idsIgnoreTheSeed() {
        let keys = (0..<3_000).map { UInt64($0 * 7_919 % 1_000) << 33 }
        var a = IntKeyTable(capacity: 4, seed: HashSeed(1)), b = IntKeyTable(capacity: 4, seed: HashSeed(2))
        #expect(keys.map { a.insert($0).id } == keys.map { b.insert($0).id })

        let names = (0..<3_000).map { Array("frame\($0 * 7_919 % 1_000)".utf8) }
        var s = StringTable(seed: HashSeed(1)), u = StringTable(seed: HashSeed(2))
        #expect(names.map { n in n.withUnsafeBytes { s.intern(bytes: $0) } } == names.map { n in n.withUnsafeBytes { u.intern(bytes: $0) } })
        #expect(s.strings == u.strings)

        var m = SequenceMerger(columns: 1, seed: HashSeed(1)), n = SequenceMerger(columns: 1, seed: HashSeed(2))
        for i in 0..<3_000 {
            let seq: [Int32] = [Int32(i % 7), Int32(i % 11), Int32(i % 13)]
            m.add(seq[...], row: [Int64(i)][...])
            n.add(seq[...], row: [Int64(i)][...])
        }
        #expect(m.elements == n.elements && m.starts == n.starts && m.sums == n.sums)
    }
}
