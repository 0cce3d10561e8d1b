#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileCore

/// The output of ``Gzip/inflate(_:limit:maxRatio:checkingStart:)``: one block.
///
/// Growing it is `realloc`, which glibc does with `mremap` for large blocks:
/// no copy, and never the old and the new block at once, so a 1 GiB inflate
/// peaks at 1 GiB instead of the 1.5–2 GiB of a doubling array.
///
/// A block made as a reservation of address space never moves, so another
/// thread can read what is inflated while the rest is (`InflateStream`).
// why @unchecked: one thread writes (the inflater, through `InflateStream`,
// which publishes `count` under its mutex) while another reads bytes below the
// published count only; a reserved block never moves, so those bytes stay put.
public final class InflatedBytes: @unchecked Sendable {
    private var base: UnsafeMutableRawPointer
    /// Bytes allocated (or reserved).
    private(set) var capacity: Int
    /// Bytes inflated so far.
    public internal(set) var count = 0
    /// Whether the block is a reservation of address space (`mmap`), which
    /// never grows, rather than `malloc`'d.
    private let isReserved: Bool

    init(capacity: Int) throws {
        guard let p = malloc(max(capacity, 1)) else { throw ProfileError("out of memory while inflating") }
        base = p
        self.capacity = max(capacity, 1)
        isReserved = false
    }

    /// Address space for `capacity` bytes that costs memory only where
    /// written (`MAP_NORESERVE`); nil where the system refuses it.
    init?(reserving capacity: Int) {
        let p = mmap(nil, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let p, p != MAP_FAILED else { return nil }
        base = p
        self.capacity = capacity
        isReserved = true
    }

    deinit {
        if isReserved { munmap(base, capacity) } else { free(base) }
    }

    /// The start of the block; with ``init(reserving:)`` it stays put.
    var start: UnsafeRawPointer { UnsafeRawPointer(base) }

    /// Room for at least `newCapacity` bytes; the first `count` bytes stay.
    func grow(to newCapacity: Int) throws {
        guard newCapacity > capacity, !isReserved else { return }
        guard let p = realloc(base, newCapacity) else { throw ProfileError("out of memory while inflating") }
        base = p
        capacity = newCapacity
    }

    /// Where zlib writes next.
    var unwritten: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: base + count, count: capacity - count)
    }

    /// Calls `body` with the bytes, without copying them.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// A copy of the bytes as an array.
    public var array: [UInt8] { withUnsafeBytes { Array($0) } }
}
