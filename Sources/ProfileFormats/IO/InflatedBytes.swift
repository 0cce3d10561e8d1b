#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileCore

/// The output of ``Gzip/inflate(_:limit:checkingStart:)``: one malloc'd block.
///
/// Growing it is `realloc`, which glibc does with `mremap` for large blocks:
/// no copy, and never the old and the new block at once, so a 1 GiB inflate
/// peaks at 1 GiB instead of the 1.5–2 GiB of a doubling array.
public final class InflatedBytes: @unchecked Sendable {
    private var base: UnsafeMutableRawPointer
    /// Bytes allocated.
    private(set) var capacity: Int
    /// Bytes inflated so far.
    public internal(set) var count = 0

    init(capacity: Int) throws {
        guard let p = malloc(max(capacity, 1)) else { throw ProfileError("out of memory while inflating") }
        base = p
        self.capacity = max(capacity, 1)
    }

    deinit { free(base) }

    /// Room for at least `newCapacity` bytes; the first `count` bytes stay.
    func grow(to newCapacity: Int) throws {
        guard newCapacity > capacity else { return }
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
