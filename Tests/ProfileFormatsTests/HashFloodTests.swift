@testable import ProfileFormats
import ProfileSupport
import ProfileTestSupport
import Testing

/// The name tables of the text readers against names crafted to collide:
/// the probes stay linear in the number of names, where an unseeded hash
/// made them quadratic; and no id depends on the seed.
@Suite("hash flooding: the readers' name tables")
struct HashFloodTests {
    @Test("folded frame names that collided under the old hash probe a few slots each")
    func foldedNames() {
        let names = CollidingNames.make(4_000, ascii: false)
        var table = FoldedNames()
        for (i, name) in names.enumerated() {
            #expect(name.withUnsafeBytes { table.id($0) } == Int32(i))
        }
        #expect(table.probeSteps < 2 * names.count)
    }

    @Test("a debug=2 frame cache keyed by colliding names probes a few slots each")
    func byteKeyCache() {
        let names = CollidingNames.make(4_000, ascii: false)
        let place = Array("/src/main.go:12".utf8)
        var cache = ByteKeyCache()
        for (i, name) in names.enumerated() {
            name.withUnsafeBytes { a in
                place.withUnsafeBytes { b in
                    let h = cache.hash(a, b)
                    #expect(cache.value(a, b, hash: h) == nil)
                    cache.insert(a, b, hash: h, value: Int32(i))
                }
            }
        }
        #expect(cache.probeSteps < 2 * names.count)
    }

    @Test("folded names get the same ids, by first appearance, whatever the seed")
    func idsIgnoreTheSeed() {
        let names = (0..<3_000).map { Array("main.f\($0 * 7_919 % 1_000)".utf8) }
        var a = FoldedNames(seed: HashSeed(1)), b = FoldedNames(seed: HashSeed(2))
        #expect(names.map { n in n.withUnsafeBytes { a.id($0) } } == names.map { n in n.withUnsafeBytes { b.id($0) } })
    }
}
