import ProfileCore
import ProfileSupport

/// The distinct frame names of one chunk of folded text, numbered from 0 in
/// order of first appearance. Each name's bytes are copied into an arena
/// of the table's own, so lookups never read the input again (whose pages
/// the chunk gives back as it goes) and nothing here makes a `String`: the
/// merge interns each distinct name once, into the profile's table.
struct FoldedNames {
    private var index: HashIndex
    private var arena: [UInt8] = []
    /// Where name `i` ends in `arena` (it starts where name `i - 1` ends).
    private var ends: [Int] = []

    init(seed: HashSeed = .process) { index = HashIndex(capacity: 512, seed: seed) }

    /// The number of distinct names.
    var count: Int { ends.count }

    /// The slots walked past to find every name (`HashIndex.probeSteps`).
    var probeSteps: Int { index.probeSteps }

    /// The id of `name`, adding it if new.
    mutating func id(_ name: UnsafeRawBufferPointer) -> Int32 {
        let hash = SeededHash.bytes(name, index.seed)
        let probe = arena.withUnsafeBufferPointer { arena in
            ends.withUnsafeBufferPointer { ends in
                index.find(hash) { i in
                    let start = i == 0 ? 0 : ends[i - 1]
                    return ends[i] - start == name.count
                        && commonPrefixLength(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: arena[start..<ends[i]])), name) == name.count
                }
            }
        }
        if let found = probe.entry { return Int32(found) }
        let id = ends.count
        arena.append(contentsOf: name)
        ends.append(arena.count)
        index.insert(id, hash: hash, at: probe)
        return Int32(id)
    }

    /// Calls `body` with the bytes of name `id`.
    func withName<R>(_ id: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = id == 0 ? 0 : ends[id - 1]
        return try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[id]])) }
    }
}
