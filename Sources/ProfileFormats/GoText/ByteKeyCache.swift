import ProfileCore
import ProfileSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hash map from a pair of byte strings to an `Int32`, for hot text
/// readers: keys are compared in place against an arena, so a lookup that
/// hits creates nothing. One lookup replaces several `String` interns.
struct ByteKeyCache {
    private var index: HashIndex
    private var arena: [UInt8] = []
    private var entries: [(start: Int, firstLength: Int32, secondLength: Int32, value: Int32)] = []

    init(seed: HashSeed = .process) { index = HashIndex(capacity: 512, seed: seed) }

    /// The hash of the pair, for ``value(_:_:hash:)`` and ``insert(_:_:hash:value:)``.
    @inline(__always) func hash(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> UInt64 {
        SeededHash.bytes(a, b, index.seed)
    }

    /// The slots walked past to find every entry (`HashIndex.probeSteps`).
    var probeSteps: Int { index.probeSteps }

    /// The value stored for `(a, b)`, or nil. `hash` must be ``hash(_:_:)`` of the pair.
    func value(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        find(a, b, hash).entry.map { entries[$0].value }
    }

    /// Stores `value` for `(a, b)`, which must not be stored yet.
    mutating func insert(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, hash: UInt64, value: Int32) {
        let probe = find(a, b, hash)
        entries.append((arena.count, Int32(a.count), Int32(b.count), value))
        arena.append(contentsOf: a)
        arena.append(contentsOf: b)
        index.insert(entries.count - 1, hash: hash, at: probe)
    }

    private func find(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, _ hash: UInt64) -> HashIndex.Probe {
        arena.withUnsafeBufferPointer { arena in
            entries.withUnsafeBufferPointer { entries in
                index.find(hash) { i in
                    let entry = entries[i]
                    return Int(entry.firstLength) == a.count && Int(entry.secondLength) == b.count
                        && Self.equal(arena, entry.start, a) && Self.equal(arena, entry.start + a.count, b)
                }
            }
        }
    }

    @inline(__always) private static func equal(_ arena: UnsafeBufferPointer<UInt8>, _ start: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count > 0 else { return true }
        return memcmp(arena.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
    }
}
